"""Layout ``table``: one item per row of a list table (清单 / 服务指南 tables).

Steps, each a small function:

1. :func:`merge_tables` — tables that continue over a page break (same column count, the
   next one starting a new page) become one logical table.
2. :func:`find_header` — the header row is found by meaning: the row whose cells name the
   most fields (子项名称 / 服务项目 / 事项名称; 办理材料 / 申请材料; 办理时限; 设定依据 …).
   Repeated header rows (at each page) are skipped.
3. :func:`classify_rows` — each row is a header repeat, a *section row* (one text spanning
   the row: 参保登记, 医保费征缴 … — a group label), a *continuation* (no item name: the rest
   of the row above, cut by a page break), or an *item row*.
4. Merged "same as above" cells (an empty 主项名称) are carried down.

Tables without a time-limit or legal-basis column simply leave those fields empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import zip_longest

from extractors.base import RawItem
from govguide.core.document import Cell, Document, Line, Table
from govguide.core.vocabulary import clean_heading, is_empty_value, match_field
from normalizers.text import clean_text

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


class TableExtractor:
    name = "table"
    description = "list tables (清单), one item per row"

    def score(self, doc: Document) -> float:
        best = 0.0
        for table in merge_tables(list(doc.tables())):
            header = find_header(table)
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
        for table in merge_tables(list(doc.tables())):
            header = find_header(table)
            if header is None or "item_name" not in header.columns:
                continue
            items.extend(_table_items(table, header))
        return items


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
    return tuple(match_field(_cell_text(c)) if c is not None else None for c in row)


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
    seen_header = False
    for row in table.rows:
        if _is_header_repeat(row, header):
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
