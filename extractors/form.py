"""Layout ``form``: portal guides made of labelled fields (政务服务网 exports), one per file or
several one after another (see :func:`split_guides`).

The item is described by labelled cells (事项名称 | 医疗保险费补缴手续办理 | 事项类型 | 公共服务),
lists inside or after the grid (a materials table, a legal-basis table or block, a process
table: see :mod:`extractors.form_tables`) and, on web pages and their exports, labelled
lines of text (``办理事项：…``, a 申请材料 heading over a numbered list: see
:mod:`extractors.form_text`). For every field the grid's structured value wins over a
grid cell's text, which wins over text lines.

Grids pair labels with values left to right. A label merged down over several rows (办理时限
over 法定办结时限 | 45个工作日 and 承诺办结时限 | 15个工作日) only groups the pairs beside it.
"""

from __future__ import annotations

import re
from functools import cache

from extractors.base import RawField, RawItem
from extractors.form_tables import (
    ListTable,
    cell_text,
    find_lists,
    is_label,
    legal_block,
    legal_column_rows,
    material_rows,
    process_days,
    running_texts,
)
from extractors.form_text import TextField, guide_name_lines, item_names, single_value, text_fields
from extractors.process_limit import process_limit_lines
from govguide.core.document import Block, Cell, Document, Line, Paragraph, Table
from govguide.core.models import LegalBasis, SourceRef
from govguide.core.vocabulary import is_empty_value, match_field, vocabulary, words
from normalizers.item_title import defined_name, names_no_item, titled_definition

_KV_MAX_KEY = 10
_VERSION = re.compile(r"事项版本\s*[:：]\s*(\S+)")
_TIME_FIELDS = ("time_limit", "legal_limit", "promised_limit")
_SUB = "子项"  # 子项名称: the item itself, below a 事项名称 / 主项名称
_BODY_KEYS = ("实施主体", "实施机构", "实施机关", "实施部门", "办理机构", "受理机构")


class FormExtractor:
    name = "form"
    description = "portal guides of labelled fields (政务服务网 exports)"

    def score(self, doc: Document) -> float:
        guides = split_guides(doc)
        return _score_one(guides[0]) if guides else 0.0

    def extract(self, doc: Document) -> list[RawItem]:
        return [item for guide in split_guides(doc) if (item := _extract_one(guide)) is not None]


def _score_one(doc: Document) -> float:
    found = find_lists(doc)
    if any(lst.kind == "items" for lst in found):
        return 0.0  # a list table of items (清单): one row per item, read by layout 'table'
    pairs = _pairs(doc, found)
    kv = _first(pairs)
    grid_names = {v for k, v, _ in pairs if _names_item(k, v)}
    if not grid_names and (named := _grid_name(kv)):
        grid_names = {named[0]}  # only a 子项名称
    plain, numbered = item_names(doc)
    # One guide: its name in the grid or on an unnumbered label line. Numbered 事项名称
    # lines belong to sectioned guides; several names in text make a compilation of them.
    names = grid_names or plain
    if len(names) != 1 or len(names | numbered) > 1:
        return 0.0
    fields = {match_field(k) for k in kv} | set(text_fields(doc))
    lists = {lst.kind for lst in found}
    score = 0.5
    if "materials" in lists or "materials" in fields:
        score += 0.3
    if "legal" in lists or fields & {"legal_basis", "case_type", *_TIME_FIELDS} or legal_block(doc):
        score += 0.2
    return score


def _extract_one(doc: Document) -> RawItem | None:
    lists = find_lists(doc)
    kv = _first(_pairs(doc, lists))
    by_field: dict[str, tuple[str, Cell]] = {}
    for key, (value, cell) in kv.items():
        f = match_field(key)
        if f and f not in by_field:
            by_field[f] = (value, cell)
    text = text_fields(doc)
    named = _grid_name(kv)
    if named is None and (found := single_value(text.get("item_name"))):
        named = (found[0], found[1].ref, None)
    if named is None or names_no_item(named[0]):
        return None
    name, name_ref, main = named
    if (defined := defined_name(name)) is not None:
        # 事项名称 / 单位新增参保登记是指…: a definition, not a name; the title names the item.
        name = titled_definition(defined, doc.title) or defined
    item = RawItem(name=name, name_refs=[name_ref], page=name_ref.page, section=main)
    _set_time_limit(item, by_field, text)
    item.item_version = _item_version(doc, kv)
    item.region = next((kv[k][0] for k in _BODY_KEYS if k in kv and kv[k][0]), None)
    _set_materials(item, lists, by_field, text)
    _set_legal_basis(item, doc, lists, by_field, text)
    item.process_days = process_days(lists)
    return item


def split_guides(doc: Document) -> list[Document]:
    """The guides of a file: one, or one per grid naming a new item (an export of several
    portal guides into one file), or, in a file without such grids, one per 事项名称 line
    that opens a guide written as label lines. Each guide starts at its grid or name line,
    or at the title lines and section label right above it; running headers and footers
    are left out."""
    found = find_lists(doc)
    starts: list[int] = []
    seen: set[str] = set()
    name_tables: dict[int, str] = {}
    for key, value, cell in _pairs(doc, found):
        if _names_item(key, value) and cell.ref.table is not None:
            name_tables.setdefault(cell.ref.table, value)
    for bi, block in enumerate(doc.blocks):
        if isinstance(block, Table) and block.index in name_tables:
            name = name_tables[block.index]
            if name in seen:
                continue
            seen.add(name)
            starts.append(_guide_start(doc, bi) if starts else 0)
    blocks = list(doc.blocks)
    if not name_tables and (text_starts := guide_name_lines(doc)):
        blocks, first_blocks = _cut_at_lines(doc, text_starts)
        cut = Document(path=doc.path, sha256=doc.sha256, format=doc.format, pages=doc.pages, blocks=blocks)
        starts = [0] + [_guide_start(cut, bi) for bi in first_blocks[1:]]
    if len(starts) <= 1:
        return [doc]
    furniture = running_texts(doc)
    guides = []
    for a, b in zip(starts, [*starts[1:], len(blocks)], strict=True):
        part = [blk for blk in blocks[a:b]
                if not (isinstance(blk, Paragraph) and blk.text.strip() in furniture)]
        guides.append(Document(path=doc.path, sha256=doc.sha256, format=doc.format, pages=doc.pages,
                               blocks=part))
    return guides


def _cut_at_lines(doc: Document, starts: list[TextField]) -> tuple[list[Block], list[int]]:
    """The document's blocks with every paragraph that holds a guide's name line past its
    first line cut before that line, and the index of the block each name line now opens."""
    cuts: dict[int, list[int]] = {}
    for tf in starts:
        cuts.setdefault(tf.block, []).append(tf.line)
    blocks: list[Block] = []
    opened: dict[tuple[int, int], int] = {}
    for bi, block in enumerate(doc.blocks):
        if bi not in cuts or not isinstance(block, Paragraph):
            blocks.append(block)
            continue
        bounds = sorted({0, *cuts[bi]})
        for a, b in zip(bounds, [*bounds[1:], len(block.lines)], strict=True):
            opened[(bi, a)] = len(blocks)
            ref = block.ref if a == 0 else block.lines[a].ref
            blocks.append(Paragraph(lines=block.lines[a:b], ref=ref, size=block.size))
    return blocks, [opened[(tf.block, tf.line)] for tf in starts]


def _guide_start(doc: Document, bi: int) -> int:
    """The first block of the guide whose grid is block ``bi``: its title and section label
    (…办事指南, 基本信息) belong to it, not to the end of the guide before."""
    furniture = running_texts(doc)
    start = bi
    while start > 0 and isinstance(prev := doc.blocks[start - 1], Paragraph):
        text = prev.text.strip()
        if not (text in furniture or is_label(text) or _is_title(text, prev)):
            break
        start -= 1
    return start


def _is_title(text: str, para: Paragraph) -> bool:
    t = text.replace(" ", "")
    return (para.size is not None and para.size >= 1.3) or (
        len(t) <= 40 and t.endswith(tuple(words("words", "guide_title_suffix")))
    )


def _names_item(key: str, value: str) -> bool:
    """A grid pair naming the guide's item (事项名称 | 生育津贴支付), not a sub-item and not
    an empty 项目名称 of something else (中介服务项目名称 | 无)."""
    return match_field(key) == "item_name" and _SUB not in key and not is_empty_value(value)


def _grid_name(kv: dict[str, tuple[str, Cell]]) -> tuple[str, SourceRef, str | None] | None:
    """(item name, where, group name): a 子项名称 is the item itself, the 事项名称 or 主项名称
    beside it the group it belongs to."""
    names = [(k, v, c) for k, (v, c) in kv.items() if match_field(k) == "item_name" and not is_empty_value(v)]
    if not names:
        return None
    sub = next((n for n in names if _SUB in n[0]), None)
    key, value, cell = sub or names[0]
    inner = _labelled_names(cell)
    if inner.get("item") and sub is None:
        # 事项名称 | 主项名称: 基本医疗保险参保和变更登记 / 子项名称: 职工参保信息变更登记: one cell
        # holds both levels as label lines; the sub-item is the item.
        return inner["item"], cell.ref, inner.get("main")
    main = next((v for k, (v, _) in kv.items() if match_field(k) == "main_item" and v), None)
    if main is None and sub is not None:
        main = next((v for k, v, _ in names if k != key), None)
    return value, cell.ref, main


@cache
def _name_labels() -> re.Pattern[str]:
    """A 事项名称 / 子项名称 / 主项名称 label of the vocabulary before its colon, longest first."""
    vocab = vocabulary()["fields"]
    labels = sorted({*vocab["item_name"], *vocab["main_item"]}, key=len, reverse=True)
    return re.compile("(" + "|".join(map(re.escape, labels)) + r")\s*[：:]\s*")


def _labelled_names(cell: Cell) -> dict[str, str]:
    """The names a cell gives after labels (主项名称: … 子项名称: …, on lines of their own or
    run together): ``item`` (its 子项名称) and ``main`` (主项名称)."""
    text = "\n".join(line.text for line in cell.lines)
    found = list(_name_labels().finditer(text))
    out: dict[str, str] = {}
    ends = [m.start() for m in found[1:]] + ([len(text)] if found else [])
    for m, end in zip(found, ends, strict=True):
        value = text[m.end() : end].strip()
        f = match_field(m.group(1))
        if value and f == "item_name" and _SUB in m.group(1):
            out.setdefault("item", value)
        elif value and f == "main_item":
            out.setdefault("main", value)
    return out


def _set_time_limit(item: RawItem, by_field: dict[str, tuple[str, Cell]], text: dict[str, TextField]) -> None:
    if "case_type" in by_field:
        item.case_type = by_field["case_type"][0]
    elif (found := single_value(text.get("case_type"))) is not None:
        item.case_type = found[0]
    if any(f in by_field for f in _TIME_FIELDS):
        for f in _TIME_FIELDS:
            if f in by_field:
                item.set_text(f, list(by_field[f][1].lines))
        return
    found = [f for f in _TIME_FIELDS if f in text]
    for f in found:
        item.set_text(f, list(text[f].lines))
    if not found and "process" in text:
        # No limit labelled: the process may state the whole item's (…医保中心受理当日完成审核,结算,
        # 支付工作), as the general reader takes it; one such clause, else none is the item's.
        lines = text["process"].lines
        clauses = process_limit_lines(lines)
        if not clauses and lines:
            # A PDF wrapped the clause across its lines: read them as one.
            clauses = process_limit_lines([Line(text="".join(ln.text for ln in lines), ref=lines[0].ref)])
        if len(clauses) == 1:
            item.set_text("time_limit", clauses)


def _set_materials(
    item: RawItem, lists: list[ListTable], by_field: dict[str, tuple[str, Cell]], text: dict[str, TextField]
) -> None:
    for lst in lists:
        if lst.kind == "materials" and (rows := material_rows(lst)):
            item.material_rows = rows
            return
    if "materials" in by_field and by_field["materials"][0]:
        item.materials = RawField(list(by_field["materials"][1].lines))
    elif "materials" in text:
        item.materials = RawField(list(text["materials"].lines))


def _set_legal_basis(
    item: RawItem,
    doc: Document,
    lists: list[ListTable],
    by_field: dict[str, tuple[str, Cell]],
    text: dict[str, TextField],
) -> None:
    rows = legal_block(doc)
    for lst in lists:
        if lst.kind == "legal":
            rows += legal_column_rows(lst)
    if rows:
        item.legal_rows = _merge_same(rows)
        return
    if "legal_basis" in by_field and by_field["legal_basis"][0]:
        item.legal_basis = RawField(list(by_field["legal_basis"][1].lines))
    elif "legal_basis" in text:
        item.legal_basis = RawField(list(text["legal_basis"].lines))


def _merge_same(rows: list[tuple[LegalBasis, list[SourceRef]]]) -> list[tuple[LegalBasis, list[SourceRef]]]:
    """One entry per document: the same title cited again adds its articles."""
    out: list[tuple[LegalBasis, list[SourceRef]]] = []
    for entry, refs in rows:
        for prev, prev_refs in out:
            if prev.title == entry.title and (
                prev.doc_number == entry.doc_number or None in (prev.doc_number, entry.doc_number)
            ):
                prev.articles = prev.articles + [a for a in entry.articles if a not in prev.articles]
                prev.doc_number = prev.doc_number or entry.doc_number
                prev_refs.extend(refs)
                break
        else:
            out.append((entry, list(refs)))
    return out


# --------------------------------------------------------------------------- key-value grid


def _first(pairs: list[tuple[str, str, Cell]]) -> dict[str, tuple[str, Cell]]:
    """Label → (value, value cell), the first occurrence of each label."""
    out: dict[str, tuple[str, Cell]] = {}
    for key, value, cell in pairs:
        out.setdefault(key, (value, cell))
    return out


def _pairs(doc: Document, lists: list[ListTable]) -> list[tuple[str, str, Cell]]:
    """(label, value, value cell) of grids of alternating label and value cells, in order.

    Rows that belong to a list table (its header and entries) are not key-value rows.
    """
    in_lists = set().union(*(lst.spans for lst in lists)) if lists else set()
    out: list[tuple[str, str, Cell]] = []
    for table in doc.tables():
        for ri, row in enumerate(table.rows):
            if (table.index, ri) in in_lists:
                continue
            cells = [c for c in row if c is not None]
            if len(cells) % 2 == 1 and len(cells) > 1 and _groups_rows(table, ri, row):
                cells = cells[1:]
            for key_cell, value_cell in zip(cells[::2], cells[1::2], strict=False):
                key = cell_text(key_cell)
                if key and len(key) <= _KV_MAX_KEY:
                    out.append((key, cell_text(value_cell), value_cell))
    return out


def _groups_rows(table: Table, ri: int, row: list[Cell | None]) -> bool:
    """The row's first cell is a label merged down over the rows below (or is such a label
    repeated): it groups the label-value pairs beside it rather than pairing with one."""
    ci, first = next((i, c) for i, c in enumerate(row) if c is not None)
    if first.merged_from is not None:
        return True
    if ri + 1 >= len(table.rows):
        return False
    below = table.rows[ri + 1]
    if ci >= len(below):
        return False
    nxt = below[ci]
    if nxt is None:  # PDF: the merged cell covers the position below
        return any(c is not None for c in below[ci + 1 :])
    return nxt.merged_from == (ri, ci)


def _item_version(doc: Document, kv: dict[str, tuple[str, Cell]]) -> str | None:
    for key, (value, _) in kv.items():
        if match_field(key) == "item_version":
            return value or None
    for para in doc.paragraphs():
        m = _VERSION.search(para.text)
        if m:
            return m.group(1)
    return None
