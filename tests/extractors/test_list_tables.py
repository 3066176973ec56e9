"""List tables (layout ``table``) on real pages: column titles read by meaning, tables whose
header row is missing (cut from an excerpt, or not repeated on a continuation page), and
tables that list no services at all.

The pages are the real ones under tests/fixtures/realworld (their text, layout and renderings
in every format); expectations come from their hand-written gold, never from this reader.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extractors.extract import extract_file, load_document
from extractors.table import TableExtractor, column_field, find_header, infer_header, merge_tables
from govguide.core.document import Document

REALWORLD = Path(__file__).resolve().parents[1] / "fixtures" / "realworld"
COLLECTED = REALWORLD / "collected"
FORMATS = ("pdf", "docx", "html")

# A county's counter-service list: phrase titles 项目名称 / 办事程序 / 需呈报材料 / 时限要求,
# materials as ——-bullets run together in one cell.
PHRASE_TITLES = COLLECTED / "corpus" / "xx_lyls_shebao_jingban_shixian_biao"
# The 廊坊 15-column list: titles and cells split by spaces (子项 序号, 办理 时限), no 设定依据.
SPLIT_WORDS = REALWORLD / "dev" / "corpus" / "he_langfang_jingban_qingdan_list"
# Real list tables printed over several pages, the header row repeated on each.
PAGED = [
    PHRASE_TITLES.with_suffix(".pdf"),
    COLLECTED / "corpus" / "sc_miyi_jingban_qingdan_list.pdf",
    SPLIT_WORDS.with_suffix(".pdf"),
    Path(__file__).resolve().parents[2] / "data" / "raw" / "samples" / "gx_list_yibao_jingban.pdf",
]
# Tables on real pages whose rows are not services: process stages with their days (河源),
# an office address (南华), assistance rates by group of people.
NOT_SERVICE_LISTS = [
    "gd_heyuan_menzhen_mantebing_shixiao",
    "yn_nanhua_shengyu_jintie_zhifu",
    "xx_yiliao_jiuzhu_biaozhun_biao",
]


def _gold(stem: str) -> list[dict[str, Any]]:
    return json.loads((COLLECTED / "gold" / f"{stem}.json").read_text(encoding="utf-8"))


def _row_items(doc: Document) -> list[tuple[str, int]]:
    """The table reader's items of a document: name and number of materials lines."""
    return [(item.name, len(item.text("materials").lines)) for item in TableExtractor().extract(doc)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_phrase_titles_give_every_row_its_materials_and_limit(fmt: str) -> None:
    gold = _gold(PHRASE_TITLES.name)
    result = extract_file(PHRASE_TITLES.with_suffix(f".{fmt}"))
    assert result.extractor == "table"
    assert [i.item_name for i in result.items] == [g["item_name"] for g in gold]
    for item, expected in zip(result.items, gold, strict=True):
        assert item.promised_days == expected["promised_days"], item.item_name
        if all(m["condition"] is None for m in expected["materials"]):
            # ——退休审批表原件及复印件； ——养老保险手册； … in one cell: one material each.
            assert [m.name for m in item.materials] == [m["name"] for m in expected["materials"]]


@pytest.mark.parametrize(
    ("corpus", "expected"),
    [
        (PHRASE_TITLES, {"项目名称": "item_name", "需呈报材料": "materials", "时限要求": "time_limit"}),
        (SPLIT_WORDS, {"子项序号": "item_no", "子项": "item_name", "办理材料": "materials", "办理时限": "time_limit"}),
    ],
)
def test_column_titles_are_read_by_meaning(corpus: Path, expected: dict[str, str]) -> None:
    (table,) = merge_tables(list(load_document(corpus.with_suffix(".docx")).tables()))
    titles = {"".join(c.text.split()): c.text for c in table.rows[0] if c is not None}
    assert {t: column_field(titles[t]) for t in expected} == expected


def test_split_words_are_split_in_the_rendering() -> None:
    """The 廊坊 titles reach the reader with their spaces (办理 时限), as the page has them."""
    (table,) = merge_tables(list(load_document(SPLIT_WORDS.with_suffix(".docx")).tables()))
    assert {"办理 时限", "子项 序号"} <= {c.text for c in table.rows[0] if c is not None}


def test_titles_of_a_rate_table_name_no_service_field() -> None:
    (table,) = merge_tables(list(load_document(COLLECTED / "corpus" / "xx_yiliao_jiuzhu_biaozhun_biao.docx").tables()))
    fields = [column_field(c.text) for c in table.rows[1] if c is not None]
    assert fields[:4] == [None, None, None, None]  # 人群分类, 个人自付起付线, 报销比例, 封顶线


def _without_header_rows(doc: Document) -> Document:
    """The document as an excerpt that starts below the header: the first table's header
    row and the header rows repeated on later pages are gone."""
    for table in doc.tables():
        key = find_header(table)
        assert key is not None and not key.inferred
        del table.rows[0]
    return doc


@pytest.mark.parametrize("corpus", [PHRASE_TITLES, SPLIT_WORDS], ids=lambda p: p.name)
@pytest.mark.parametrize("fmt", FORMATS)
def test_table_without_its_header_row_is_read_from_its_cells(corpus: Path, fmt: str) -> None:
    path = corpus.with_suffix(f".{fmt}")
    expected = _row_items(load_document(path))
    cut = _without_header_rows(load_document(path))
    headers = [infer_header(t) for t in merge_tables(list(cut.tables()))]
    assert all(h is not None and h.inferred for h in headers)
    assert {"item_name", "materials", "time_limit"} <= set(headers[0].columns)
    assert _row_items(cut) == expected
    assert expected


@pytest.mark.parametrize("path", PAGED, ids=lambda p: p.name)
def test_continuation_pages_without_the_header_row_continue_the_table(path: Path) -> None:
    expected = _row_items(load_document(path))
    doc = load_document(path)
    pages = list(doc.tables())
    assert len(pages) > 1, "the table spans pages"
    for table in pages[1:]:
        assert find_header(table) is not None
        del table.rows[0]
        assert find_header(table) is None or find_header(table).inferred
    assert _row_items(doc) == expected
    assert len(expected) > 1


@pytest.mark.parametrize("stem", NOT_SERVICE_LISTS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_tables_that_list_no_services_give_no_rows(stem: str, fmt: str) -> None:
    doc = load_document(COLLECTED / "corpus" / f"{stem}.{fmt}")
    tables = merge_tables(list(doc.tables()))
    assert tables
    assert [infer_header(t) for t in tables] == [None] * len(tables)
    assert TableExtractor().score(doc) < 0.5
    assert TableExtractor().extract(doc) == []


@pytest.mark.parametrize("path", PAGED[1::2], ids=lambda p: p.name)
def test_excerpt_starting_inside_a_table_on_a_later_page(path: Path) -> None:
    """The first page is not kept and no page repeats the header: the excerpt opens with the
    rest of a row cut at the page break. Every item named from the second page on is read
    with the same cells as in the whole document."""
    whole = TableExtractor().extract(load_document(path))
    doc = load_document(path)
    pages = list(doc.tables())
    first_page = pages[0].ref.page
    pages[0].rows.clear()
    for table in pages[1:]:
        del table.rows[0]
    expected = [(i.name, len(i.text("materials").lines)) for i in whole if i.page != first_page]
    assert len(expected) >= 2
    assert _row_items(doc) == expected
