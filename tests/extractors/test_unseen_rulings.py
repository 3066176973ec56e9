"""List tables drawn with only some of their rulings: the PDF loader finds their columns
from the text's alignment.

The fixtures (tests/fixtures/unseen/compilations/*_rows.pdf, *_mixed.pdf, *_frame.pdf, built
by make_fixtures.py) carry rules between rows but no vertical line, a grid on the first page
and horizontal rules only on the next, or just an outer frame and a rule under the header.
Their items are checked against the hand-written expectations by
test_unseen_compilations.py; here the loader's tables themselves are checked, and that pages
without such a table keep what they had.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from extractors.loaders.pdf import load_pdf
from extractors.loaders.pdf_rulings import TextColumnTable, with_partly_ruled
from govguide.core.document import Table

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "unseen" / "compilations"
WH_HEADER = ["序号", "事项名称", "申请材料", "办理时限", "设定依据", "办理地点"]
GL_HEADER = ["序号", "服务事项", "所需材料", "承诺时限", "政策依据"]


def _text(cell: Any) -> str:
    return "".join(line.text for line in cell.lines) if cell is not None else ""


def _tables(name: str) -> list[Table]:
    return [b for b in load_pdf(FIXTURES / name).blocks if isinstance(b, Table)]


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("ah_wuhu_shixiang_qingdan_rows.pdf", WH_HEADER),
        ("ah_wuhu_shixiang_qingdan_mixed.pdf", WH_HEADER),
        ("gx_guilin_fuwu_qingdan_frame.pdf", GL_HEADER),
    ],
)
def test_every_page_has_the_table_with_its_columns(name: str, header: list[str]) -> None:
    tables = _tables(name)
    assert sorted({t.ref.page for t in tables}) == [1, 2]
    for table in tables:
        assert table.n_cols == len(header)
        assert [_text(c) for c in table.rows[0]] == header


def test_rows_between_horizontal_rules_keep_each_field_in_its_column() -> None:
    page1, page2 = _tables("ah_wuhu_shixiang_qingdan_rows.pdf")
    firsts = [_text(row[0]) for row in page1.rows]
    assert firsts == ["序号", "一、参保登记", "1", "2", "二、待遇保障", "3", "4"]
    # A section label spanning the row stays whole in the column it starts in.
    assert [_text(c) for c in page1.rows[1][1:]] == [""] * 5
    item = {h: _text(c) for h, c in zip(WH_HEADER, page1.rows[2], strict=True)}
    assert item["事项名称"] == "灵活就业人员参保登记"
    assert item["办理时限"] == "即时办结"
    assert item["设定依据"].startswith("《中华人民共和国社会保险法")
    assert item["申请材料"].startswith("1.居民身份证")
    # The row cut by the page break goes on under the repeated header, with no name.
    cont = {h: _text(c) for h, c in zip(WH_HEADER, page2.rows[1], strict=True)}
    assert cont["序号"] == cont["事项名称"] == cont["办理时限"] == ""
    assert cont["申请材料"].startswith("4.出院记录")


def test_a_frame_without_row_rules_is_split_at_each_serial_number() -> None:
    page1, page2 = _tables("gx_guilin_fuwu_qingdan_frame.pdf")
    assert [_text(row[0]) for row in page1.rows] == ["序号", "1", "2", "3", "4"]
    # The name wrapped over two lines stays one row.
    assert _text(page1.rows[1][1]) == "职工基本医疗保险参保登记"
    # Page 2 starts with the rest of row 4 (no 序号), then rows 5 and 6.
    assert [_text(row[0]) for row in page2.rows] == ["序号", "", "5", "6"]
    assert _text(page2.rows[1][2]) == "5.转诊备案材料。"


def test_fully_ruled_tables_are_left_to_the_table_finder() -> None:
    import pdfplumber

    with pdfplumber.open(FIXTURES / "ha_xinxiang_shixiang_qingdan.pdf") as pdf:
        for page in pdf.pages:
            tables = page.find_tables()
            assert tables
            words = page.extract_words(keep_blank_chars=True, x_tolerance=1.5)
            assert with_partly_ruled(page, tables, words) is tables


# Synthetic pages: a word is (text, x0, top); each is 10 pt high, 10 pt per character.
def _page(rules: list[tuple[float, float, float]], width: float = 600) -> Any:
    edges = [{"x0": a, "x1": b, "top": y, "bottom": y, "orientation": "h"} for a, b, y in rules]
    return SimpleNamespace(width=width, horizontal_edges=edges)


def _words(spec: list[tuple[str, float, float]]) -> list[dict[str, Any]]:
    return [
        {"text": t, "x0": x, "x1": x + 10 * len(t), "top": y, "bottom": y + 10, "size": 10}
        for t, x, y in spec
    ]


def test_prose_between_two_long_rules_is_not_a_table() -> None:
    page = _page([(50, 550, 100), (50, 550, 200)])
    words = _words([("医疗保障局关于做好参保登记工作的通知各区县医保分局", 50, 110 + 15 * i) for i in range(5)])
    assert with_partly_ruled(page, [], words) == []


def test_columns_fall_in_the_gaps_of_the_text() -> None:
    page = _page([(50, 550, 100), (50, 550, 120), (50, 550, 200)])
    header = [("序号", 55, 105), ("事项名称", 120, 105), ("申请材料", 380, 105)]
    # The materials column is wide and its text starts at its left edge (x=260), far
    # left of its centred title.
    body = [("1", 60, 125), ("职工参保登记", 100, 125), ("参保登记表及身份证明", 260, 125),
            ("2", 60, 160), ("城乡居民基本医疗保险参保登记", 100, 160), ("户口簿", 260, 160)]
    tables = with_partly_ruled(page, [], _words(header + body))
    assert len(tables) == 1 and isinstance(tables[0], TextColumnTable)
    cells = tables[0].rows[0].cells
    assert len(cells) == 3
    # Boundaries lie between the serial numbers and the names, and between the longest
    # name (ending at 240) and the materials (starting at 260), not midway between titles.
    assert 70 < cells[0][2] < 100
    assert 240 < cells[1][2] < 260
    # Two rows in the band below the header: the second starts at its serial number.
    assert len(tables[0].rows) == 3
