"""Layout ``form``: portal guides made of key-value grids (政务服务网 exports).

The item is described by labelled cells (事项名称 | 医疗保险费补缴手续办理 | 事项类型 | 公共服务),
a materials table whose header names 材料名称 / 来源渠道 / 材料类型 / 材料必要性, a legal-basis
block of labelled rows (法律法规名称 / 依据文号 / 条款号, repeated per law) and a process table
whose 办理时限 column gives each step's working days. One document, one item.
"""

from __future__ import annotations

import re

from extractors.base import RawField, RawItem, register
from extractors.table import merge_tables
from govguide.document import Cell, Document, Table
from govguide.models import Material, SourceRef
from govguide.vocabulary import is_empty_value, match_field
from normalizers.legal_basis import legal_basis_from_block
from normalizers.text import clean_text

_KV_MAX_KEY = 10
_VERSION = re.compile(r"事项版本\s*[:：]\s*(\S+)")
_COPIES = re.compile(r"(\d+)\s*份")


@register("form")
class FormExtractor:
    name = "form"

    def score(self, doc: Document) -> float:
        kv = _key_values(doc)
        if not any(match_field(k) == "item_name" for k in kv):
            return 0.0
        score = 0.5
        if _materials_table(doc) is not None:
            score += 0.3
        if _legal_rows(doc) or any(match_field(k) in ("case_type", "time_limit") for k in kv):
            score += 0.2
        return score

    def extract(self, doc: Document) -> list[RawItem]:
        kv = _key_values(doc)
        by_field: dict[str, tuple[str, Cell]] = {}
        for key, (value, cell) in kv.items():
            f = match_field(key)
            if f and f not in by_field:
                by_field[f] = (value, cell)
        if "item_name" not in by_field:
            return []
        name, name_cell = by_field["item_name"]
        item = RawItem(name=name, name_refs=[name_cell.ref], page=name_cell.ref.page)
        if "case_type" in by_field:
            item.case_type = by_field["case_type"][0]
        for f in ("time_limit", "legal_limit", "promised_limit"):
            if f in by_field:
                setattr(item, f, RawField(list(by_field[f][1].lines)))
        item.item_version = _item_version(doc, kv)
        item.region = _implementing_body(kv)
        table = _materials_table(doc)
        if table is not None:
            item.material_rows = _material_rows(table)
        item.legal_rows = _legal_rows(doc)
        item.process_days = _process_days(doc)
        return [item]


def _cell_text(cell: Cell | None) -> str:
    return clean_text("".join(ln.text for ln in cell.lines)) if cell is not None else ""


def _key_values(doc: Document) -> dict[str, tuple[str, Cell]]:
    """Label → (value, value cell) for grids of alternating label and value cells."""
    out: dict[str, tuple[str, Cell]] = {}
    for table in doc.tables():
        for row in table.rows:
            cells = [c for c in row if c is not None]
            for key_cell, value_cell in zip(cells[::2], cells[1::2], strict=False):
                key = _cell_text(key_cell)
                if not key or len(key) > _KV_MAX_KEY or key in out:
                    continue
                out[key] = (_cell_text(value_cell), value_cell)
    return out


def _item_version(doc: Document, kv: dict[str, tuple[str, Cell]]) -> str | None:
    for key, (value, _) in kv.items():
        if match_field(key) == "item_version":
            return value or None
    for para in doc.paragraphs():
        m = _VERSION.search(para.text)
        if m:
            return m.group(1)
    return None


def _implementing_body(kv: dict[str, tuple[str, Cell]]) -> str | None:
    for key in ("实施主体", "实施机构", "办理机构", "受理机构"):
        if key in kv:
            return kv[key][0] or None
    return None


def _header_map(row: list[Cell | None], group: str) -> dict[str, int]:
    cols: dict[str, int] = {}
    for ci, cell in enumerate(row):
        f = match_field(_cell_text(cell), group) if cell is not None else None
        if f and f not in cols:
            cols[f] = ci
    return cols


def _materials_table(doc: Document) -> tuple[dict[str, int], list[list[Cell | None]]] | None:
    """The table whose header names 材料名称, with its rows (continuations over pages joined)."""
    found: tuple[dict[str, int], list[list[Cell | None]]] | None = None
    for table in doc.tables():
        if not table.rows:
            continue
        cols = _header_map(table.rows[0], "materials_table")
        if "name" in cols:
            if found is None:
                found = (cols, list(table.rows[1:]))
            continue
        if found is not None and table.n_cols == len(table.rows[0]) and _continues(found, table):
            found[1].extend(table.rows)
    return found


def _continues(found: tuple[dict[str, int], list[list[Cell | None]]], table: Table) -> bool:
    # A materials table cut by a page break continues in a headerless table of equal width.
    width = max((len(r) for r in found[1]), default=0)
    return width == table.n_cols and not _header_map(table.rows[0], "fields")


def _material_rows(found: tuple[dict[str, int], list[list[Cell | None]]]) -> list[tuple[Material, list[SourceRef]]]:
    cols, rows = found
    out: list[tuple[Material, list[SourceRef]]] = []

    def cell(row: list[Cell | None], key: str) -> Cell | None:
        ci = cols.get(key)
        return row[ci] if ci is not None and ci < len(row) else None

    for row in rows:
        name_cell = cell(row, "name")
        name = _cell_text(name_cell)
        if not name:
            continue
        if out and name_cell is not None and not any(_cell_text(c) for k, c in
                                                     ((k, cell(row, k)) for k in cols if k != "name")):
            # Only the name column filled: the rest of the row above, cut by a page break.
            prev, refs = out[-1]
            out[-1] = (prev.model_copy(update={"name": prev.name + name}), [*refs, name_cell.ref])
            continue
        copies_text = _cell_text(cell(row, "copies"))
        m = _COPIES.search(copies_text)
        required_text = _cell_text(cell(row, "required"))
        material = Material(
            name=name.rstrip("。；;"),
            source=_value(cell(row, "source")),
            form=_value(cell(row, "form")),
            copies=int(m.group(1)) if m else None,
            required=(None if not required_text else not required_text.startswith(("非", "否", "不"))),
        )
        out.append((material, [name_cell.ref] if name_cell is not None else []))
    return out


def _value(cell: Cell | None) -> str | None:
    text = _cell_text(cell)
    return None if is_empty_value(text) else text


def _legal_rows(doc: Document) -> list:
    """One LegalBasis per 法律法规名称 row of the legal-basis block, with the rows below it."""
    entries: list = []
    current: dict[str, str] | None = None
    refs: list[SourceRef] = []

    def flush() -> None:
        if current and current.get("title"):
            entries.append(
                (legal_basis_from_block(current["title"], current.get("doc_number"), current.get("articles")), refs)
            )

    for table in doc.tables():
        for row in table.rows:
            cells = [c for c in row if c is not None]
            if len(cells) < 2:
                continue
            key = match_field(_cell_text(cells[0]), "legal_block", max_len=_KV_MAX_KEY)
            if key is None:
                continue
            value = _cell_text(cells[1])
            if key == "title":
                flush()
                current, refs = {"title": value}, [cells[1].ref]
            elif current is not None and key not in current:
                current[key] = value
                refs.append(cells[1].ref)
    flush()
    return entries


def _process_days(doc: Document) -> int | None:
    """Sum of a process table's 办理时限 column (working days per step)."""
    for table in merge_tables(list(doc.tables())):
        if not table.rows:
            continue
        header = table.rows[0]
        cols = {match_field(_cell_text(c)): i for i, c in enumerate(header) if c is not None}
        if "time_limit" not in cols or "process" not in cols:
            continue
        col = cols["time_limit"]
        total, seen = 0, False
        for row in table.rows[1:]:
            text = _cell_text(row[col]) if col < len(row) else ""
            if text.isdigit():
                total += int(text)
                seen = True
        return total if seen else None
    return None

