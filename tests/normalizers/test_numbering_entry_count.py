"""A list entry that starts with its own count (2、2张…照片), met on a real guide."""

from __future__ import annotations

import pytest

from normalizers.numbering import heading_numbering


@pytest.mark.parametrize(
    ("line", "style"),
    [("2、2张1寸白底、深色衣服冲洗的彩色免冠照片;", "num"), ("1、2、3月", None), ("7、8月份申请", None)],
)
def test_entry_starting_with_its_own_count(line: str, style: str | None) -> None:
    assert heading_numbering(line)[0] == style


def test_materials_list_keeps_an_entry_starting_with_its_count() -> None:
    from normalizers.materials import split_materials

    lines = ["1、本人身份证及身份证正反面复印件1张(A4);", "2、2张1寸白底、深色衣服冲洗的彩色免冠照片;", "3、户口本原件 。"]
    assert [m.name for m in split_materials(lines)] == [
        "本人身份证及身份证正反面复印件1张(A4)",
        "2张1寸白底、深色衣服冲洗的彩色免冠照片",
        "户口本原件",
    ]
    assert all(m.condition is None for m in split_materials(lines))
