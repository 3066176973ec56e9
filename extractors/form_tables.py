"""List tables inside portal guides: materials, legal-basis and process tables.

A portal grid mixes key-value rows (事项名称 | 生育津贴支付) with *lists*: a header row naming
columns (序号 | 材料名称 | 材料形式 | 是否必需) and one row per entry. The header may open its own
table or sit in the middle of the big grid under a section row (申请材料); a list ends where
the grid returns to labelled rows (实施依据 | …) or a spanning section row, and continues
over a page break in the next table (header repeated or not, a row cut in two).

:func:`find_lists` finds every list with the rows that belong to it, so the key-value reader
can leave those rows alone and each list is read by meaning of its columns:

- materials (材料名称 …) → one :class:`Material` per row; an 适用情形 column, merged down
  over its rows, gives each material its ``condition``;
- legal basis as columns (依据名称 | 依据文号 | 条款号) → one :class:`LegalBasis` per row;
- process (办理环节 | 办理时限) → the steps' working days;
- items (事项名称 | 申请材料 | 办理时限 …): a list table of many items, which is not a form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govguide.core.document import Cell, Document, Paragraph, Table
from govguide.core.models import LegalBasis, Material, SourceRef
from govguide.core.numbering import SERIAL
from govguide.core.vocabulary import clean_heading, is_empty_value, match_field, vocabulary, words
from normalizers.legal_basis import legal_basis_from_block
from normalizers.materials import parse_marker, split_materials
from normalizers.text import clean_text, is_page_footer, join_wrapped, joined_text

_HEADER_CELL_MAX = 12  # column titles are short; a longer cell is a value
_PAGE_EDGE = 2  # lines at each end of a page that may be a running header or footer
_KEY_MAX = 10  # a label cell of a legal-basis block (法律法规名称, 依据文号)
_DIGIT = re.compile(r"\d")
_LABEL_END = re.compile(r"[：:]")
_ITEM_COLUMNS = {"item_name", "materials", "time_limit", "legal_limit", "promised_limit", "legal_basis"}
_COPIES = re.compile(r"(\d+)\s*份")
_TRAILING = "。；;"
_ENTRY_STYLES = ("num_dot", "num_dun", "paren_num", "circled")  # 1. 1、 (1) ① before a name
_SERIAL = re.compile(rf"^(?:{SERIAL})$")

Row = list[Cell | None]


@dataclass
class ListTable:
    """One list found in the document's grids, its rows joined over page breaks."""

    kind: str  # "materials" | "legal" | "process" | "items" (a list of service items)
    cols: dict[str, int]  # column meaning → index
    rows: list[Row] = field(default_factory=list)
    # (table index, row index) of the header and every row read as part of the list.
    spans: set[tuple[int, int]] = field(default_factory=set)
    # Row positions (in ``rows``) that start a table part after a page break.
    part_starts: set[int] = field(default_factory=set)
    header_key: tuple[str | None, ...] = ()

    @property
    def width(self) -> int:
        """Cells in the header row (merged positions not counted)."""
        return sum(1 for k in self.header_key if k is not None)


def cell_text(cell: Cell | None) -> str:
    return clean_text("".join(ln.text for ln in cell.lines)) if cell is not None else ""


def is_label(text: str) -> bool:
    """A short cell or line naming a guide section: a field (实施依据) or another portal
    heading (收费标准, 咨询电话, 基本信息)."""
    heading = clean_heading(text)
    if not heading or len(heading) > 10:
        return False
    if match_field(heading) is not None:
        return True
    others = [*vocabulary()["exclude"]["words"], *words("words", "other_headings")]
    return any(w in heading for w in others)


# --------------------------------------------------------------------------- finding lists


def _header(row: Row) -> tuple[str, dict[str, int]] | None:
    """The list kind and column map when ``row`` is a column header, else None."""
    texts = [cell_text(c) for c in row if c is not None]
    filled = [t for t in texts if t]
    # Column titles are short words without figures; a label-value row (办理时限 | 5个工作日,
    # 咨询电话 | 12345) has figures in its values.
    if len(filled) < 2 or any(len(t) > _HEADER_CELL_MAX or _DIGIT.search(t) for t in filled):
        return None
    materials = _column_map(row, "materials_table")
    if "name" in materials:
        return "materials", materials
    legal = _column_map(row, "legal_block")
    if "title" in legal and len(legal) >= 2:
        return "legal", legal
    fields = _column_map(row, "fields")
    if "process" in fields and "time_limit" in fields:
        return "process", fields
    # A list of items (事项名称 | 申请材料 | 办理时限 …): nearly every title names a field,
    # where a label-value row has a value after each label.
    named = sum(1 for c in row if c is not None and cell_text(c) and match_field(cell_text(c)))
    if "item_name" in fields and len(set(fields) & _ITEM_COLUMNS) >= 2 and named >= 0.6 * len(filled):
        return "items", fields
    return None


def _column_map(row: Row, group: str) -> dict[str, int]:
    cols: dict[str, int] = {}
    for ci, cell in enumerate(row):
        f = match_field(cell_text(cell), group) if cell is not None else None
        if f and f not in cols:
            cols[f] = ci
    if group != "fields":
        serial = next((ci for ci, c in enumerate(row) if c is not None and match_field(cell_text(c)) == "item_no"), None)
        if serial is not None and serial not in cols.values():
            cols["serial"] = serial
    return cols


def _row_key(row: Row) -> tuple[str | None, ...]:
    return tuple(cell_text(c) or None if c is not None else None for c in row)


def _ends_list(row: Row, lst: ListTable) -> bool:
    """A row that is no longer an entry of the list: a labelled row, a section row, or a
    serial-number column holding something other than a number."""
    cells = [c for c in row if c is not None]
    texts = [cell_text(c) for c in cells]
    first = next((t for t in texts if t), "")
    if not first:
        return False
    if _spanning(row) and lst.kind == "materials" and not is_label(first):
        return False  # a group heading (（一）职工本人生育) over the materials below it
    serial = lst.cols.get("serial")
    if serial is not None and serial < len(row) and row[serial] is not None:
        s = cell_text(row[serial])
        if s and not _SERIAL.match(s):
            return True
    if first == texts[0] and is_label(first) and not _SERIAL.match(first):
        if _column_of(row, cells[0]) != lst.cols.get("name"):
            return True
        # In the name column a label-like text may be a material (收费票据, 申请材料真实性
        # 承诺书): only a bare field label, or a label in a row shaped unlike the list's rows.
        field = match_field(first)
        if (field is not None and is_bare_label(first, field)) or len(cells) < lst.width:
            return True
    # One cell spanning the row: a section row of a big grid (申请材料 / 办理流程).
    return _spanning(row)


def _column_of(row: Row, cell: Cell) -> int:
    return next(i for i, c in enumerate(row) if c is cell)


def is_bare_label(text: str, field: str) -> bool:
    """``text`` is little more than a word of ``field`` (申请材料, 申请材料清单), not a label run
    into its value (承诺时限即时办结) nor a name that contains the word (申请材料真实性承诺书)."""
    clean = clean_heading(text)
    longest = max((len(w) for w in vocabulary()["fields"][field] if w in clean), default=0)
    return longest > 0 and len(clean) - longest <= 3


def _spanning(row: Row) -> bool:
    return len(row) > 1 and sum(c is not None for c in row) == 1


def find_lists(doc: Document) -> list[ListTable]:
    """Every list table in the document, in order, continuations over pages joined."""
    lists: list[ListTable] = []
    open_list: ListTable | None = None  # a list that ran to the end of its table
    last_page: int | None = None
    between_ok = True  # only page furniture between the list's table and the next one
    furniture = running_texts(doc)
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if text and not is_page_footer(text) and text not in furniture:
                between_ok = False
            continue
        table = block
        start = 0
        if open_list is not None and between_ok and _continues(open_list, table, last_page):
            start = _extend(open_list, table, 0)
            if start < len(table.rows):
                open_list = None
        else:
            open_list = None
        ri = start
        while ri < len(table.rows):
            found = _header(table.rows[ri])
            if found is None:
                ri += 1
                continue
            kind, cols = found
            lst = ListTable(kind=kind, cols=cols, header_key=_row_key(table.rows[ri]))
            lst.spans.add((table.index, ri))
            lists.append(lst)
            ri = _extend(lst, table, ri + 1)
            open_list = lst if ri >= len(table.rows) else None
        last_page = _last_page(table)
        between_ok = True
    return lists


def _extend(lst: ListTable, table: Table, start: int) -> int:
    """Add the table's rows from ``start`` to the list; return where the list ended."""
    first_part_row = True
    for ri in range(start, len(table.rows)):
        row = table.rows[ri]
        if _row_key(row) == lst.header_key or (not lst.rows and _under_header(row, lst)):
            # The header repeated after a page break, or its second row (份数 over 原件 | 复印件).
            lst.spans.add((table.index, ri))
            continue
        if _ends_list(row, lst):
            return ri
        if first_part_row and start == 0:
            lst.part_starts.add(len(lst.rows))
        first_part_row = False
        lst.rows.append(row)
        lst.spans.add((table.index, ri))
    return len(table.rows)


def _under_header(row: Row, lst: ListTable) -> bool:
    """A second header row: the name column's cell is the header's, merged down over it."""
    if _spanning(row):
        return False  # a group heading (（一）职工本人生育) spanning the columns
    ci = lst.cols.get("name", lst.cols.get("title", 0))
    cell = row[ci] if ci < len(row) else None
    return cell is None or cell.merged_from is not None


def _continues(lst: ListTable, table: Table, last_page: int | None) -> bool:
    """The next table carries on the list cut by a page break: same width, on a later page."""
    if not table.rows or table.n_cols != len(lst.header_key):
        return False
    page = table.ref.page
    if page is None or last_page is None or page <= last_page:
        return False  # no page break between them (HTML has none): two separate tables
    first = table.rows[0]
    return _row_key(first) == lst.header_key or _header(first) is None


def _last_page(table: Table) -> int | None:
    pages = [c.ref.page for row in table.rows for c in row if c is not None and c.ref.page is not None]
    return max(pages) if pages else table.ref.page


def running_texts(doc: Document) -> set[str]:
    """Lines repeated at the top or bottom of several pages: running headers and footers
    (site name, title). Only a page's first and last lines count, and never a labelled field
    line: a file of several guides repeats its labels and values (申请材料：, 收费标准：不收费)
    on every page, and a page may well start with one."""
    by_page: dict[int, list[str]] = {}
    for para in doc.paragraphs():
        text = para.text.strip()
        if text and para.ref.page is not None and not is_page_footer(text):
            by_page.setdefault(para.ref.page, []).append(text)
    pages: dict[str, set[int]] = {}
    for page, texts in by_page.items():
        for text in {*texts[:_PAGE_EDGE], *texts[-_PAGE_EDGE:]}:
            if not _labelled(text):
                pages.setdefault(text, set()).add(page)
    return {t for t, p in pages.items() if len(p) >= 2}


def _labelled(text: str) -> bool:
    """A field line: a section label, alone or before a colon (申请材料： / 收费标准：不收费)."""
    return is_label(_LABEL_END.split(text, maxsplit=1)[0])


# --------------------------------------------------------------------------- reading lists


def material_rows(lst: ListTable) -> list[tuple[Material, list[SourceRef]]]:
    """One material per row; a row cut by a page break is joined to the row above."""
    cols = lst.cols
    out: list[tuple[Material, list[SourceRef]]] = []
    condition: str | None = None

    def at(row: Row, key: str) -> Cell | None:
        ci = cols.get(key)
        return row[ci] if ci is not None and ci < len(row) else None

    for i, row in enumerate(lst.rows):
        if _spanning(row):  # a group heading over the rows below it
            text = cell_text(next(c for c in row if c is not None))
            condition = clean_heading(text).rstrip("：:") or None
            continue
        name_cell = at(row, "name")
        name = cell_text(name_cell)
        if name_cell is not None and name_cell.merged_from is not None:
            name = ""  # one material over several rows (or the header's cell merged down)
        if "condition" in cols:
            cond_cell = at(row, "condition")
            # A merged 适用情形 cell covers the rows below it: PDF leaves them empty (None),
            # Word and HTML repeat the cell.
            if cond_cell is not None and cond_cell.merged_from is None:
                text = cell_text(cond_cell)
                condition = None if is_empty_value(text) else clean_heading(text) or None
        if not name or is_empty_value(name):
            continue
        others = [cell_text(at(row, k)) for k in cols if k not in ("name", "condition")]
        if out and i in lst.part_starts and not any(others):
            # Only the name filled, first row after a page break: the rest of the row above.
            prev, refs = out[-1]
            out[-1] = (prev.model_copy(update={"name": prev.name + name.rstrip(_TRAILING)}),
                       [*refs, name_cell.ref])  # type: ignore[union-attr]
            continue
        copies_text = cell_text(at(row, "copies"))
        copies = _COPIES.search(f"{copies_text}份" if copies_text.isdigit() else
                                " ".join(cell_text(at(row, k)) for k in ("copies", "form")))
        required = cell_text(at(row, "required"))
        for entry, sub_condition in _names(name_cell):  # type: ignore[arg-type]
            material = Material(
                name=entry,
                condition=" / ".join(c for c in (condition, sub_condition) if c) or None,
                source=_value(at(row, "source")),
                form=_value(at(row, "form")),
                copies=int(copies.group(1)) if copies else None,
                required=None if not required else not required.startswith(("非", "否", "不")),
            )
            out.append((material, [name_cell.ref]))  # type: ignore[union-attr]
    return out


def _names(cell: Cell) -> list[tuple[str, str | None]]:
    """The materials a 材料名称 cell names: one, or several when the cell holds a numbered
    list of its own (1.身份证 / 2.户口簿). A single name loses its list number."""
    groups = [joined_text(g) for g in join_wrapped(cell.lines)]
    numbered = [g for g in groups if parse_marker(g)[0] not in (None, "bullet")]
    if len(groups) >= 2 and len(numbered) >= 2:
        return [(m.name, m.condition) for m in split_materials(groups)]
    name = cell_text(cell)
    style, _, body = parse_marker(name)
    if style in _ENTRY_STYLES and body:
        name = body
    return [(name.rstrip(_TRAILING), None)]


def _value(cell: Cell | None) -> str | None:
    text = cell_text(cell)
    return None if is_empty_value(text) else text


def legal_column_rows(lst: ListTable) -> list[tuple[LegalBasis, list[SourceRef]]]:
    """One LegalBasis per row of a legal-basis table whose columns are 依据名称 | 文号 | 条款号."""
    out: list[tuple[LegalBasis, list[SourceRef]]] = []
    for row in lst.rows:
        def at(key: str, row: Row = row) -> Cell | None:
            ci = lst.cols.get(key)
            return row[ci] if ci is not None and ci < len(row) else None

        title_cell = at("title")
        title = cell_text(title_cell)
        if not title or is_empty_value(title):
            continue
        entry = legal_basis_from_block(title, cell_text(at("doc_number")) or None,
                                       cell_text(at("articles")) or None)
        out.append((entry, [title_cell.ref] if title_cell is not None else []))
    return out


def legal_block(doc: Document) -> list[tuple[LegalBasis, list[SourceRef]]]:
    """One LegalBasis per 法律法规名称 row of a legal-basis block (label rows 法律法规名称 /
    依据文号 / 条款号, repeated per law)."""
    entries: list[tuple[LegalBasis, list[SourceRef]]] = []
    current: dict[str, str] | None = None
    refs: list[SourceRef] = []

    def flush() -> None:
        if current and current.get("title") and not is_empty_value(current["title"]):
            entry = legal_basis_from_block(current["title"], current.get("doc_number"), current.get("articles"))
            entries.append((entry, refs))

    for table in doc.tables():
        for row in table.rows:
            cells = [c for c in row if c is not None]
            # The block may sit beside a group label (设定依据 merged down over its rows).
            keys = [match_field(cell_text(c), "legal_block", max_len=_KEY_MAX) for c in cells]
            at = next((i for i, k in enumerate(keys) if k is not None), None)
            if at is None or at + 1 >= len(cells) or keys[at + 1] is not None:
                continue  # no label row, or a column header (依据名称 | 依据文号 …)
            key, value_cell = keys[at], cells[at + 1]
            value = cell_text(value_cell)
            if key == "title":
                flush()
                current, refs = {"title": value}, [value_cell.ref]
            elif current is not None and key in ("doc_number", "articles") and key not in current:
                current[key] = value
                refs.append(value_cell.ref)
    flush()
    return entries


def process_days(lists: list[ListTable]) -> int | None:
    """Sum of a process table's 办理时限 column (working days per step)."""
    for lst in lists:
        if lst.kind != "process":
            continue
        col = lst.cols["time_limit"]
        total, seen = 0, False
        for row in lst.rows:
            text = cell_text(row[col]) if col < len(row) else ""
            if text.isdigit():
                total += int(text)
                seen = True
        return total if seen else None
    return None
