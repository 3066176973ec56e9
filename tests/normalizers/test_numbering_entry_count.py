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
