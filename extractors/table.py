"""Layout ``table``: one item per row of a list table (清单 / 服务指南 tables).

Steps, each a small function:

1. :func:`merge_tables` — tables that continue over a page break (same column count, the
   next one starting a new page) become one logical table.
2. :func:`find_header` — the header row is found by meaning: the row whose cells name the
   most fields (子项名称 / 服务项目 / 事项名称; 办理材料 / 申请材料; 办理时限; 设定依据 …).
   Titles are read by :func:`column_field`: spaces inside words (办理 时限) are ignored and
   phrases are read by their ending (需呈报材料, 办事要件). Repeated header rows (at each
   page) are skipped.
   A table with no header row (an excerpt that starts inside it, a continuation whose header
   page was not kept) has its columns recognised from its cells by :func:`infer_header`: a
   column of limits in days, the names left of it, a column of materials or citations.
3. :func:`classify_rows` — each row is a header repeat, a *section row* (one text spanning
   the row: 参保登记, 医保费征缴 … — a group label), a *continuation* (no item name: the rest
   of the row above, cut by a page break), or an *item row*.
4. Merged "same as above" cells (an empty 主项名称) are carried down.

Tables without a time-limit or legal-basis column simply leave those fields empty.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import zip_longest

from extractors.base import RawItem
from extractors.text_table import text_tables
from govguide.core.document import Cell, Document, Line, Table
from govguide.core.numbering import CN, CN_DOT
from govguide.core.vocabulary import clean_heading, is_empty_value, match_field, words
from normalizers.legal_basis import parse_legal_basis
from normalizers.numbering import LIST_MARKER, marker_number
from normalizers.text import TRAILING_NOTE, clean_text
from normalizers.time_limits import parse_days

_ITEM_FIELDS = (
    "item_name",
    "materials",
    "time_limit",
    "legal_limit",
    "promised_limit",
    "legal_basis",
    "main_item",
    "item_no",
    "conditions",
    "process",
    "remarks",
)
_ROW_FIELDS = ("materials", "time_limit", "legal_limit", "promised_limit", "legal_basis")


@dataclass
class _Header:
    columns: dict[str, int]  # field → column index
    n_cols: int
    row_key: tuple[str | None, ...]  # the field of each column, to recognise repeats
    other_rows: tuple[tuple[str, ...], ...] = ()  # texts of the header's other rows
    # Columns recognised from their cells (a table stored without its header row): every
    # row, the first included, is a data row.
    inferred: bool = False


class TableExtractor:
    name = "table"
    description = "list tables (清单), one item per row"

    def score(self, doc: Document) -> float:
        best = 0.0
        for table in _all_tables(doc):
            header = find_header(table) or infer_header(table)
            if header is None or "item_name" not in header.columns:
                continue
            n_fields = len(
                {"materials", "time_limit", "legal_basis", "conditions"}
                & {("time_limit" if f.endswith("_limit") else f) for f in header.columns}
            )
            if n_fields == 0:
                continue  # names only (序号 / 事项名称 / 调整内容): an index of services, not guides
            data_rows = len(table.rows)
            best = max(best, min(1.0, 0.4 + 0.2 * n_fields + (0.2 if data_rows >= 3 else 0.0)))
        return best

    def extract(self, doc: Document) -> list[RawItem]:
        items: list[RawItem] = []
        for table in _all_tables(doc):
            header = find_header(table) or infer_header(table)
            if header is None or "item_name" not in header.columns:
                continue
            items.extend(_table_items(table, header))
        return items


def _all_tables(doc: Document) -> list[Table]:
    """The document's tables, those continued over a page break joined, and the list tables
    its text keeps without their borders (:mod:`extractors.text_table`)."""
    return [*merge_tables(list(doc.tables())), *text_tables(doc, column_field)]


def merge_tables(tables: list[Table]) -> list[Table]:
    """Join tables that continue one another across pages into one logical table.

    A table continues the previous one when it has the same number of columns and either
    starts on a later page or carries no header of its own / the same header again.
    """
    merged: list[Table] = []
    for table in tables:
        if not table.rows:
            continue
        prev = merged[-1] if merged else None
        if prev is not None and prev.n_cols == table.n_cols:
            later_page = (table.ref.page or 0) > (_row_page(prev.rows[-1]) or 0)
            own = find_header(table)
            same_header = own is not None and own.row_key == getattr(
                find_header(prev), "row_key", None
            )
            if later_page or own is None or same_header:
                prev.rows.extend(table.rows)
                continue
        merged.append(Table(rows=list(table.rows), ref=table.ref, index=table.index))
    return merged


def _row_page(row: list[Cell | None]) -> int | None:
    cell = _first_cell(row)
    return cell.ref.page if cell is not None else None


def _first_cell(row: list[Cell | None]) -> Cell | None:
    return next((c for c in row if c is not None), None)


def _cell_text(cell: Cell | None) -> str:
    return clean_text("".join(line.text for line in cell.lines)) if cell is not None else ""


def find_header(table: Table, max_scan: int = 5) -> _Header | None:
    """The header row: the first of the top rows naming at least two item fields.

    A header may take two rows (办理时限 spanning 法定时限 | 承诺时限 below it): a row next
    to the header row that names further fields in short titles is part of it, and its
    titles refine those above them. Two name columns (事项名称 … 子项名称) are an item and
    its sub-items: the later one names the row's item, the earlier one its main item.
    """
    keys = [_row_key(row) for row in table.rows[:max_scan]]
    best: tuple[int, int] | None = None  # (score, row)
    for ri, key in enumerate(keys):
        score = len(set(_columns(key)) & set(_ITEM_FIELDS))
        if score >= 2 and (best is None or score > best[0]):
            best = (score, ri)
    if best is None:
        return None
    ri = best[1]
    merged: list[str | None] = list(keys[ri])
    parts: list[tuple[str, ...]] = []
    for other in (ri - 1, ri + 1):
        if 0 <= other < len(keys) and _is_header_part(table.rows[other], keys[other], keys[ri]):
            upper, lower = (keys[other], merged) if other < ri else (merged, keys[other])
            merged = [lo or up for up, lo in zip_longest(upper, lower)]
            parts.append(_row_texts(table.rows[other]))
    return _Header(
        columns=_columns(merged), n_cols=table.n_cols, row_key=keys[ri], other_rows=tuple(parts)
    )


def _row_key(row: list[Cell | None]) -> tuple[str | None, ...]:
    return tuple(column_field(_cell_text(c)) if c is not None else None for c in row)


def column_field(text: str) -> str | None:
    """The field a list table's column title names, by meaning.

    Titles are matched like headings (:func:`match_field`, spaces inside words ignored:
    ``办理 时限``); a title that holds no field word but is a phrase ending in a materials or
    time-limit word (需呈报材料, 办事要件) names that field, unless it speaks of publishing,
    office hours or validity rather than the service (公开时限, 备案有效期限).
    """
    field = match_field(text)
    if field is not None:
        return field
    # A column title's note in brackets (办理时限（工作日）, 申请材料(原件)) says nothing of its field.
    title = TRAILING_NOTE.sub("", clean_heading(text))
    if not title or len(title) > 10 or any(w in title for w in words("table_columns", "not_service")):
        return None
    if any(w in title for w in words("exclude", "words")):
        return None
    if title.endswith(tuple(words("table_columns", "materials_suffix"))):
        return "materials"
    if title.endswith(tuple(words("table_columns", "time_limit_suffix"))):
        return "time_limit"
    return None


def _row_texts(row: list[Cell | None]) -> tuple[str, ...]:
    return tuple(_cell_text(c) for c in row)


def _columns(key: Sequence[str | None]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for ci, f in enumerate(key):
        if f == "item_name" and "item_name" in cols:
            cols.setdefault("main_item", cols["item_name"])
            cols["item_name"] = ci
        elif f and f not in cols:
            cols[f] = ci
    return cols


# A cell of an item-code column: digits and capitals only (002036003001, 1320360 0100Y).
_CODE = re.compile(r"[0-9A-Z\s]{6,}")
_LAW_TITLE = re.compile(r"《[^》]*(?:法|条例|办法|规定|通知|意见|决定|规程|细则|方案)》")
# A group label spanning its items (一、基本医疗保险参保和变更登记): a main item, not a name.
_SECTION = re.compile(rf"^(?:{CN}|{CN_DOT})")


def infer_header(table: Table, min_rows: int = 2) -> _Header | None:
    """Columns of a list table stored without its header row, recognised from their cells.

    An excerpt may start inside a table, or a table may carry its header only on a page
    that was not kept. The table is read as a list when it has a column whose cells state a
    limit in days (即时办结, 8个工作日内) in at least ``min_rows`` rows; a name column left
    of it (short cells, no codes or limits); and a column of materials (cells naming
    documents or opening a numbered list) or of citations. A first row of short titles
    without numbers is a header this reader cannot name: the table is left alone. Rows
    before the first named item (the rest of an item cut off above) are dropped.
    """
    rows = [[_cell_text(c) if c is not None and c.merged_from is None else "" for c in row] for row in table.rows]
    if len(rows) < min_rows or table.n_cols < 3:
        return None
    n_cols = table.n_cols
    limit_hits = [sum(1 for r in rows if ci < len(r) and _states_days(r[ci])) for ci in range(n_cols)]
    limit_col = max(range(n_cols), key=lambda ci: limit_hits[ci])
    if limit_hits[limit_col] < min_rows or _reads_as_titles(rows[0]):
        return None
    # An item's row states its limit; rows cut off by a page break below it hold the rest of
    # its cells and say nothing of the columns, so only the item rows are read.
    item_rows = [r for r in rows if limit_col < len(r) and _states_days(r[limit_col])]

    def share(ci: int, test: Callable[[str], bool]) -> float:
        cells = [r[ci] for r in item_rows if ci < len(r) and r[ci] and not is_empty_value(r[ci])]
        return sum(1 for t in cells if test(t)) / len(cells) if cells else 0.0

    basis_col = _best_column(n_cols, {limit_col}, lambda ci: share(ci, _cites_law))
    taken = {limit_col} | ({basis_col} if basis_col is not None else set())
    # Of the columns left of the limit, the one naming an item in most item rows.
    named = [
        (sum(1 for r in item_rows if ci < len(r) and _names_item(r[ci])), -ci)
        for ci in range(limit_col)
        if ci not in taken and item_rows[0][ci]
    ]
    hits, neg_ci = max(named, default=(0, 0))
    if hits == 0 or hits * 2 < len(item_rows):
        return None
    name_col = -neg_ci
    taken.add(name_col)
    materials_col = _best_column(n_cols, taken, lambda ci: share(ci, _names_documents))
    if materials_col is None and basis_col is None:
        return None
    columns = {"item_name": name_col, "time_limit": limit_col}
    if materials_col is not None:
        columns["materials"] = materials_col
    if basis_col is not None:
        columns["legal_basis"] = basis_col
    key = tuple(next((f for f, c in columns.items() if c == ci), None) for ci in range(n_cols))
    return _Header(columns=columns, n_cols=n_cols, row_key=key, inferred=True)


def _reads_as_titles(row: list[str]) -> bool:
    """A row of column titles this reader has no word for (辦理階段 / 工作日數, 人群分類 …):
    most columns titled, each by a short text without a number or a limit. A data row has
    its names, numbers and days; the rest of a row cut off above fills a few cells only."""
    cells = [t for t in row if t]
    return len(cells) * 2 >= len(row) and all(
        len(t) <= 12 and not any(ch.isdigit() for ch in t) and not _states_days(t) for t in cells
    )


def _best_column(n_cols: int, taken: set[int], share: Callable[[int], float]) -> int | None:
    """The free column where most cells pass a test (at least half of them), or None."""
    # On a tie the leftmost column wins: materials stand before the remarks that may name
    # documents too.
    scored = [(share(ci), -ci) for ci in range(n_cols) if ci not in taken]
    best_share, neg_ci = max(scored, default=(0.0, 0))
    return -neg_ci if best_share >= 0.5 else None


def _states_days(text: str) -> bool:
    days, unit = parse_days(text) if text else (None, None)
    return days is not None and unit == "working"


def _cites_law(text: str) -> bool:
    """A citations cell: a title in 《》 that names a law or a rule (…法, …条例, …通知), not a
    form (《…登记表》)."""
    return bool(_LAW_TITLE.search(text)) and bool(parse_legal_basis(text))


def _names_item(text: str) -> bool:
    """A short name: not a serial number or code, not a numbered group label (一、基本…)."""
    return (
        len(text) <= 30
        and not text.isdigit()
        and not _CODE.fullmatch(text)
        and not _SECTION.match(text)
        and not _states_days(text)
    )


def _opens_numbered_list(text: str) -> bool:
    """A cell that opens a numbered list (1.《申请表》 2.…, ①…): how materials cells are written."""
    marker = LIST_MARKER.match(text)
    return marker is not None and marker_number(marker.group(0)) == 1


def _names_documents(text: str) -> bool:
    """A materials cell: a numbered list naming documents, or one document (…证件, …表)."""
    nouns = (*words("reader", "material_nouns"), "件")
    if _opens_numbered_list(text):
        return any(noun in text for noun in nouns)
    return len(text) <= 60 and text.rstrip("。；;等").endswith(nouns)


def _is_header_part(
    row: list[Cell | None], key: tuple[str | None, ...], header_key: tuple[str | None, ...]
) -> bool:
    """Whether a row next to the header row belongs to the header: it names a field the
    header row does not, and its own cells are all short titles (no numbers: a data row
    has its 序号, its limits)."""
    if not {f for f in key if f} - set(header_key):
        return False
    for cell in row:
        text = _cell_text(cell)
        if cell is None or not text or cell.merged_from is not None:
            continue
        if len(clean_heading(text)) > 14 or any(ch.isdigit() for ch in text):
            return False
    return True


def _is_header_repeat(row: list[Cell | None], header: _Header) -> bool:
    return _row_key(row) == header.row_key or _row_texts(row) in header.other_rows


def _is_section_row(row: list[Cell | None]) -> bool:
    """A group label: one short text and nothing else in the row (a spanning cell, the same
    merged cell repeated, or one filled cell among empty ones)."""
    texts = {_cell_text(c) for c in row if c is not None} - {""}
    return len(texts) == 1 and len(next(iter(texts))) <= 30 and bool(_cell_text(_first_cell(row)))


def _table_items(table: Table, header: _Header) -> list[RawItem]:
    cols = header.columns
    items: list[RawItem] = []
    section: str | None = None
    main_item: str | None = None
    seen_header = header.inferred
    for row in table.rows:
        if not header.inferred and _is_header_repeat(row, header):
            seen_header = True
            continue
        if not seen_header:
            continue
        if _is_section_row(row) and not _cell_in(row, cols.get("materials")):
            section = clean_heading(_cell_text(_first_cell(row))) or section
            continue
        name_cell, name = _row_name(row, cols)
        if name_cell is None:
            # No name of its own: the rest of the row above, cut by a page break.
            if items:
                _append_row(items[-1], row, cols)
            continue
        if "main_item" in cols:
            mi = _cell_text(_cell_at(row, cols["main_item"]))
            if mi and not is_empty_value(mi):
                main_item = clean_heading(mi)
        item = RawItem(
            name=name,
            name_refs=[name_cell.ref] if name_cell is not None else [],
            section=main_item if "main_item" in cols else section,
            page=name_cell.ref.page if name_cell is not None else None,
        )
        if "item_no" in cols:
            no = _cell_text(_cell_at(row, cols["item_no"]))
            item.item_no = no or None
        _append_row(item, row, cols)
        items.append(item)
    return items


def _row_name(row: list[Cell | None], cols: dict[str, int]) -> tuple[Cell | None, str]:
    """The cell naming the row's item and its text; (None, "") for a continuation row.

    A name cell merged down from the row above names no new item. A sub-item cell that
    says "none" (无, /) names the main item itself: an item without sub-items.
    """
    cell = _cell_at(row, cols["item_name"])
    name = _cell_text(cell)
    if cell is not None and name and cell.merged_from is None and not is_empty_value(name):
        return cell, name
    main = _cell_at(row, cols.get("main_item"))
    main_name = _cell_text(main)
    if main is None or not main_name or is_empty_value(main_name):
        return None, ""
    if name and is_empty_value(name) and (cell is None or cell.merged_from is None):
        return main, main_name
    return None, ""


def _cell_at(row: list[Cell | None], col: int | None) -> Cell | None:
    if col is None or col >= len(row):
        return None
    return row[col]


def _cell_in(row: list[Cell | None], col: int | None) -> bool:
    cell = _cell_at(row, col)
    return cell is not None and bool(_cell_text(cell))


def _append_row(item: RawItem, row: list[Cell | None], cols: dict[str, int]) -> None:
    for f in _ROW_FIELDS:
        cell = _cell_at(row, cols.get(f))
        if cell is None or cell.merged_from is not None and item.text(f):
            continue
        lines: list[Line] = [ln for ln in cell.lines if ln.text.strip()]
        if lines:
            item.text(f).lines.extend(lines)
