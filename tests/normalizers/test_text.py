"""Text clean-up: footers, spaces inside CJK, full-width folding, HTML, wrapped lines."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from govguide.core.document import Line
from govguide.core.models import SourceRef
from normalizers.text import (
    clean_text,
    fold_width,
    is_page_footer,
    join_wrapped,
    joined_text,
    squeeze_cjk_spaces,
    starts_entry,
    strip_html,
)


@pytest.mark.parametrize("line", ["— 22 —", "- 3 -", "－ 1 －", "第 3 页", "第3页 共20页", "3/20"])
def test_page_footers(line: str) -> None:
    assert is_page_footer(line)


@pytest.mark.parametrize("line", ["一、事项名称", "（主席令第 35号）第五十七条", "5个工作日", "附件 2"])
def test_not_page_footers(line: str) -> None:
    assert not is_page_footer(line)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("（主席令第 35号）", "（主席令第35号）"),
        ("《香港澳门台湾居民在内地（大 陆）参加社会保险暂行办法》", "《香港澳门台湾居民在内地（大陆）参加社会保险暂行办法》"),
        ("2021 年 4 月 2 日", "2021年4月2日"),
        ("不超过 5个工作日内", "不超过5个工作日内"),
        ("广西税务 APP", "广西税务APP"),
        ("Word  Excel", "Word Excel"),
    ],
)
def test_squeeze_cjk_spaces(raw: str, expected: str) -> None:
    assert squeeze_cjk_spaces(raw) == expected


def test_fold_width_keeps_cjk_punctuation() -> None:
    assert fold_width("第３５号（ＡＢ）：") == "第35号（AB）："


def test_strip_html_tags_and_entities() -> None:
    assert strip_html("<p>(1) 企业单位；</p> <p>(2) 机关&amp;事业</p>").split() == ["(1)", "企业单位；", "(2)", "机关&事业"]
    assert clean_text('<ol style="list-style-type: none"> 1、身份证件</ol>') == "1、身份证件"


@pytest.mark.parametrize("line", ["（一）单位新参保", "(2) 票据", "3.机关事业单位", "①属于", "一、事项名称", "- 身份证"])
def test_starts_entry(line: str) -> None:
    assert starts_entry(line)


@pytest.mark.parametrize("line", ["《单位参保登记表》", "(3)、(5)外，还需", "1.5倍", "表》；"])
def test_does_not_start_entry(line: str) -> None:
    assert not starts_entry(line)


def _lines(*specs: tuple[str, float | None]) -> list[Line]:
    return [Line(text=t, ref=SourceRef(page=1), fill=f) for t, f in specs]


def test_join_wrapped_joins_only_lines_that_ran_to_the_edge() -> None:
    lines = _lines(
        ("（一）单位新参", 1.0),  # wrapped heading
        ("保", 0.1),
        ("1.《单位参保登", 1.0),
        ("记表》", 0.4),
        ("2.统一社会信用代码证", 0.6),
    )
    assert [joined_text(g) for g in join_wrapped(lines)] == ["（一）单位新参保", "1.《单位参保登记表》", "2.统一社会信用代码证"]


def test_join_wrapped_unclosed_bracket_continues() -> None:
    lines = _lines(("(2) 《职工参保信息变更登记", 0.8), ("表》；", 0.2))
    assert [joined_text(g) for g in join_wrapped(lines)] == ["(2) 《职工参保信息变更登记表》；"]


def test_join_wrapped_never_joins_unknown_fill() -> None:
    lines = _lines(("（二）单位人员减少", None), ("《单位职工医疗保险减员申报表》", None))
    assert len(join_wrapped(lines)) == 2


@given(st.text(max_size=200))
@example("<A<A")  # a cut-off tag left behind by removing another one
def test_clean_text_is_idempotent_and_total(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    assert isinstance(is_page_footer(text), bool)
