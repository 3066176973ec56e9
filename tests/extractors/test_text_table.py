"""A list table stored without its cell borders (extractors/text_table.py), on the real 江门
page (tests/fixtures/realworld/collected/) in every rendering, and its limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file, load_document
from extractors.table import column_field
from extractors.text_table import text_tables
from govguide.core.document import Document, Line, Paragraph
from govguide.core.models import SourceRef

COLLECTED = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "collected"
STEM = "gd_jiangmen_shengyu_baoxiao_yilanbiao"


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_borderless_list_table_gives_one_item_per_row(fmt: str) -> None:
    # 办理项目 办理材料 办理时限 办理流程 备注, then per row its name, its numbered materials, its
    # one-line cells (limit, process, remark) and, under 产前检查费支付, numbered remarks.
    result = extract_file(COLLECTED / "corpus" / f"{STEM}.{fmt}")
    assert result.extractor == "table"
    items = {i.item_name: i for i in result.items}
    assert list(items) == ["产前检查就医确认", "产前检查费支付", "生育医疗费支付", "计划生育医疗费支付", "生育津贴支付"]
    assert items["产前检查就医确认"].promised_days == 0
    assert items["生育津贴支付"].promised_days == 20
    fee = [m.name for m in items["产前检查费支付"].materials]
    # The remarks after the limit are not materials.
    assert fee == ["医保电子凭证或有效身份证件或社保卡", "医院收费票据", "费用清单", "诊断证明", "《生育保险待遇申请表》"]


def test_the_rebuilt_table_keeps_the_rows_cells() -> None:
    [table] = text_tables(load_document(COLLECTED / "corpus" / f"{STEM}.docx"), column_field)
    assert [c.text if c else None for c in table.rows[0]] == ["办理项目", "办理材料", "办理时限", "办理流程", "备注"]
    assert len(table.rows) == 6
    remark = table.rows[2][4]
    assert remark is not None and remark.lines[0].text.startswith("1.合并支付")


def _doc(*texts: str) -> Document:
    ref = SourceRef(page=1)
    paras = [Paragraph(lines=[Line(text=t, ref=ref)], ref=ref) for t in texts]
    return Document(path="t.docx", sha256="", format="docx", pages=1, blocks=paras)


def test_a_line_of_words_that_are_no_column_titles_is_no_header() -> None:
    assert text_tables(_doc("参保 缴费 报销 备案", "异地就医备案", "1.身份证", "即时办结 网上办理"), column_field) == []


def test_a_header_over_one_row_only_is_no_table() -> None:
    # One row could be a label line over a paragraph: two rows at least make a table.
    assert text_tables(_doc("事项名称 申请材料 办理时限", "异地就医备案", "1.身份证", "即时办结 网上办理"), column_field) == []
