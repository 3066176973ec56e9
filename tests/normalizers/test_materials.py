"""split_materials on the list shapes found in real guides."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers.materials import parse_marker, split_materials


def names_and_conditions(text: str) -> list[tuple[str, str | None]]:
    return [(m.name, m.condition) for m in split_materials(text.split("\n"))]


def test_nested_numbering_gives_conditions() -> None:
    text = (
        "（一）单位新参保\n1.《单位参保登记表》\n2.统一社会信用代码证（通过基本证照凭证核验的，无需提交）\n"
        "3.机关事业单位提供相应材料：\n①属于参公事业单位的，还需提供参公的批复的文件\n"
        "（二）单位注销\n1.《单位注销登记表》"
    )
    assert names_and_conditions(text) == [
        ("《单位参保登记表》", "单位新参保"),
        ("统一社会信用代码证（通过基本证照凭证核验的，无需提交）", "单位新参保"),
        ("属于参公事业单位的，还需提供参公的批复的文件", "单位新参保 / 机关事业单位提供相应材料"),
        ("《单位注销登记表》", "单位注销"),
    ]


def test_bare_line_under_short_numbered_heading() -> None:
    text = "（一）单位人员新增\n1.《增员申报表》\n（二）单位人员减少\n《单位职工医疗保险减员申报表》"
    assert names_and_conditions(text)[-1] == ("《单位职工医疗保险减员申报表》", "单位人员减少")


def test_unnumbered_group_labels_with_colon() -> None:
    text = "机关事业单位：\n(1) 《登记表（机关事业单位专用）》；\n(2) 批文；\n企业、其他单位：\n(1) 《登记表》；"
    assert names_and_conditions(text) == [
        ("《登记表（机关事业单位专用）》", "机关事业单位"),
        ("批文", "机关事业单位"),
        ("《登记表》", "企业、其他单位"),
    ]


def test_run_together_entries_are_split_in_sequence() -> None:
    text = "死亡人员： (1) 死亡证明材料； (2) 银行账户信息。 出国人员： (1) 出国（境）证明材料"
    assert names_and_conditions(text) == [
        ("死亡证明材料", "死亡人员"),
        ("银行账户信息", "死亡人员"),
        ("出国（境）证明材料", "出国人员"),
    ]


def test_space_is_enough_to_separate_circled_entries() -> None:
    text = "(1) 退休人员： ①《认定表》 ②退休审批表。"
    assert names_and_conditions(text) == [("《认定表》", "退休人员"), ("退休审批表", "退休人员")]


def test_references_to_entries_are_not_split() -> None:
    text = "(1) 身份证件;\n(2) 票据;\n需要提供上述(1)、(2)外, 还需提供病历资料"
    got = names_and_conditions(text)
    assert got[-1] == ("需要提供上述(1)、(2)外,还需提供病历资料", None)
    assert len(got) == 3


def test_html_list_in_a_cell() -> None:
    text = '<ol style="list-style-type: none"> 1、参保人有效身份证件； 2、病史材料； 3、《诊断证明书》</ol>'
    assert [n for n, _ in names_and_conditions(text)] == ["参保人有效身份证件", "病史材料", "《诊断证明书》"]


@pytest.mark.parametrize("empty", ["无", "/", "", "  ", "暂无"])
def test_empty_values_mean_no_materials(empty: str) -> None:
    assert split_materials([empty]) == []


def test_colon_inside_a_leaf_entry_is_kept() -> None:
    text = "1.《申报表》\n2.有效身份证件：包括社保卡、居民身份证等"
    assert names_and_conditions(text)[1] == ("有效身份证件：包括社保卡、居民身份证等", None)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("（二）单位注销", ("paren_cn", 2, "单位注销")),
        ("(3) 诊断证明", ("paren_num", 3, "诊断证明")),
        ("③属于港澳台人员的", ("circled", 3, "属于港澳台人员的")),
        ("2．单位批量办理", ("num_dot", 2, "单位批量办理")),
        ("1.5倍工资", (None, None, "1.5倍工资")),
        ("《表》", (None, None, "《表》")),
    ],
)
def test_parse_marker(line: str, expected: tuple) -> None:
    assert parse_marker(line) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=8))
def test_never_crashes_and_names_are_non_empty(lines: list[str]) -> None:
    for m in split_materials(lines):
        assert m.name.strip()
        assert not m.name.startswith(("（一）", "(1)", "①"))


def _cell(*lines: tuple[str, float]) -> list[str]:
    """A narrow table cell's visual lines (text, share of the column width) as the
    materials field's logical lines."""
    from govguide.core.document import Line
    from govguide.core.models import SourceRef
    from normalizers.materials import split_glued_headings
    from normalizers.text import join_wrapped, joined_text

    visual = [Line(text=t, ref=SourceRef(page=1), fill=f) for t, f in lines]
    return [joined_text(g) for g in split_glued_headings(join_wrapped(visual))]


def test_heading_that_fills_its_line_is_not_glued_to_the_material_below() -> None:
    # The cell of the 广西 list PDF: （二）停止参保 exactly fills a 7-character column.
    lines = _cell(
        ("（一）新增参保", 1.0),
        ("1.医保电子凭证", 1.0),
        ("或有效身份证件", 1.0),
        ("或社保卡", 0.57),
        ("2.居民户口簿", 1.0),
        ("（二）停止参保", 1.0),
        ("医保电子凭证或", 1.0),
        ("有效身份证件或", 1.0),
        ("社保卡", 0.43),
    )
    assert [(m.name, m.condition) for m in split_materials(lines)] == [
        ("医保电子凭证或有效身份证件或社保卡", "新增参保"),
        ("居民户口簿", "新增参保"),
        ("医保电子凭证或有效身份证件或社保卡", "停止参保"),
    ]


def test_wrapped_heading_with_its_own_entries_stays_whole() -> None:
    lines = _cell(
        ("（一）新增参保", 1.0),
        ("人员", 0.3),
        ("1.身份证件", 0.8),
        ("（二）停止参保", 1.0),
        ("人员", 0.3),
        ("1.社保卡", 0.6),
    )
    assert [(m.name, m.condition) for m in split_materials(lines)] == [
        ("身份证件", "新增参保人员"),
        ("社保卡", "停止参保人员"),
    ]


def test_wrapped_numbered_materials_are_not_split() -> None:
    # Numbered entries that are materials, not headings: a wrap is a wrap.
    lines = _cell(
        ("1.医保电子凭证", 1.0),
        ("或有效身份证件", 0.9),
        ("2.《参保登记表", 1.0),
        ("》", 0.1),
    )
    assert [m.name for m in split_materials(lines)] == [
        "医保电子凭证或有效身份证件",
        "《参保登记表》",
    ]


def test_wrapped_heading_followed_by_an_unnumbered_material_stays_whole() -> None:
    lines = _cell(
        ("（一）单位人员", 1.0),
        ("新增", 0.28),
        ("①身份证件", 0.7),
        ("（二）单位人员", 1.0),
        ("减少", 0.28),
        ("《单位职工医疗", 1.0),
        ("保险减员申报", 1.0),
        ("表》", 0.28),
    )
    assert [(m.name, m.condition) for m in split_materials(lines)] == [
        ("身份证件", "单位人员新增"),
        ("《单位职工医疗保险减员申报表》", "单位人员减少"),
    ]


def test_label_wrapped_before_its_colon_is_not_split() -> None:
    # 3. is a sibling of a heading-like 2. with entries, but "认定视同缴费年限材料：…" is one
    # entry whose label wrapped.
    lines = _cell(
        ("2.待遇核定", 1.0),
        ("表：", 0.28),
        ("①企业提供《核", 1.0),
        ("定表》", 0.43),
        ("3.认定视同缴费", 1.0),
        ("年限材料：人事", 1.0),
        ("档案", 0.28),
    )
    assert [m.name for m in split_materials(lines)][-1] == "认定视同缴费年限材料：人事档案"
