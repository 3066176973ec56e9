"""A list table stored without its cell borders: a repost that kept only the text, one cell's
lines after another.

    办理项目 办理材料 办理时限 办理流程 备注          ← the header: column titles on one line
    产前检查费支付                                  ← a row: its name,
    1.医保电子凭证或有效身份证件或社保卡              ← the numbered lines of its list column,
    2.医院收费票据
    不超过20个工作日 申请一受理一审核拨付一办结        ← its one-line cells, spaces between them,
    1.合并支付的一次性提供材料                       ← and a numbered list in a later column.

The header is a line whose space-separated words each name a column by meaning (the list
table's own reader, :func:`extractors.table.column_field`), the item's name and materials or
a limit among them. Each row is then rebuilt: its name line, the numbered lines of the first
list column, the line of one-line cells cut at its spaces, and numbered lines after it in the
next list column. The rebuilt table is read like any list table.
"""

from __future__ import annotations

from collections.abc import Callable

from extractors.fields.lines import is_numbered
from govguide.core.document import Cell, Document, Line, Paragraph, Table
from govguide.core.models import SourceRef
from normalizers.script import to_simplified
from normalizers.text import join_wrapped, joined_text
from normalizers.time_limits import parse_days

# Columns whose cell is a list of lines; the others hold one line each.
_LIST_COLUMNS = ("materials", "remarks", "conditions", "legal_basis")
_MIN_COLUMNS = 3
_NAME_MAX = 30  # a row's name line is short and has no spaces inside


def text_tables(doc: Document, column_field: Callable[[str], str | None]) -> list[Table]:
    """The borderless list tables of ``doc`` rebuilt as tables (header row first);
    ``column_field`` names the field a column title stands for."""
    lines = _logical_lines(doc)
    out: list[Table] = []
    i = 0
    while i < len(lines):
        fields = _header_fields(lines[i].text, column_field)
        if fields is None:
            i += 1
            continue
        table, used = _rows(lines[i], lines[i + 1 :], fields, len(out))
        if table is not None:
            out.append(table)
        i += 1 + used
    return out


def _logical_lines(doc: Document) -> list[Line]:
    """The text's lines in order (a portal page may hold it in a layout table's cell), those a
    PDF wrapped at the margin joined to the line they continue (a DOCX or HTML paragraph is
    one line however long, whatever width the loader estimates for it)."""
    raw: list[Line] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            raw.extend(block.lines)
        else:
            raw.extend(ln for row in block.rows for cell in row if cell is not None for ln in cell.lines)
    if doc.format != "pdf":
        return [ln for ln in raw if ln.text.strip()]
    return [Line(text=joined_text(g), ref=g[0].ref, fill=g[-1].fill) for g in join_wrapped(raw)]


def _header_fields(text: str, column_field: Callable[[str], str | None]) -> list[str] | None:
    words = text.split()
    if len(words) < _MIN_COLUMNS:
        return None
    fields = [column_field(to_simplified(w)) for w in words]
    if any(f is None for f in fields) or "item_name" not in fields:
        return None
    if not {"materials", "time_limit"} & set(fields):
        return None
    return [f for f in fields if f is not None]


def _cells_line(text: str) -> bool:
    """The line of a row's one-line cells: several words, or a limit in days."""
    return len(text.split()) >= 2 or parse_days(text)[0] is not None


def _rows(header: Line, lines: list[Line], fields: list[str], index: int) -> tuple[Table | None, int]:
    n = len(fields)
    ref = SourceRef(page=header.ref.page, table=10_000 + index)
    rows: list[list[list[Line]]] = []
    list_cols = [c for c, f in enumerate(fields) if f in _LIST_COLUMNS]
    single_cols = [c for c, f in enumerate(fields) if f not in _LIST_COLUMNS and c != 0]
    current: list[list[Line]] | None = None
    after_cells = False
    used = 0
    for ln in lines:
        text = ln.text.strip()
        if is_numbered(text):
            if current is None:
                break
            # Before the one-line cells: the first list column; after them: the next one.
            later = [c for c in list_cols if c > max(single_cols, default=0)] if after_cells else list_cols
            if not later:
                break
            current[later[0]].append(ln)
        elif current is not None and not after_cells and _cells_line(text):
            parts = text.split()
            cols = single_cols or [n - 1]
            for k, c in enumerate(cols):
                piece = parts[k:] if k == len(cols) - 1 else parts[k : k + 1]
                if piece:
                    current[c].append(Line(text=" ".join(piece), ref=ln.ref))
            after_cells = True
        elif len(text) <= _NAME_MAX and " " not in text:
            current = [[] for _ in range(n)]
            current[0].append(ln)
            rows.append(current)
            after_cells = False
        else:
            break  # prose after the table
        used += 1
    if len(rows) < 2:
        return None, 0
    table_rows: list[list[Cell | None]] = [
        [Cell(lines=[Line(text=w, ref=header.ref)], ref=SourceRef(page=ref.page, table=ref.table, row=0, col=c))
         for c, w in enumerate(header.text.split())]
    ]
    for ri, row in enumerate(rows, start=1):
        table_rows.append([
            Cell(lines=cell, ref=SourceRef(page=cell[0].ref.page if cell else ref.page, table=ref.table, row=ri, col=c))
            if cell else None
            for c, cell in enumerate(row)
        ])
    return Table(rows=table_rows, ref=ref, index=ref.table or 0), used
