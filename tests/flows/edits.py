"""Programmatic edits of a sample DOCX: the changes the diff report must show exactly."""

from __future__ import annotations

from pathlib import Path

import docx

# gx_list_yibao_jingban.docx is a list table, one sub-item per row (row 0 is the header).
SAMPLE = "gx_list_yibao_jingban.docx"
SHORTENED_ROW, GROWN_ROW, REMOVED_ROW = 4, 6, 5
TIME_COL, MATERIALS_COL, NAME_COL = 4, 3, 2
NEW_MATERIAL = "《个人参保信息变更承诺书》"


def _set_text(cell, text: str) -> None:  # type: ignore[no-untyped-def]
    first, *rest = cell.paragraphs
    for p in rest:
        p._p.getparent().remove(p._p)
    for run in first.runs[1:]:
        run._r.getparent().remove(run._r)
    if first.runs:
        first.runs[0].text = text
    else:
        first.add_run(text)


def edit_sample(src: Path, dest: Path) -> dict[str, str]:
    """Write an edited copy of ``src``: one time limit shortened (5 → 3 working days), one
    material added, one item removed. Returns the names of the items touched."""
    document = docx.Document(str(src))
    table = document.tables[0]
    rows = table.rows
    touched = {
        "shortened": rows[SHORTENED_ROW].cells[NAME_COL].text.strip(),
        "grown": rows[GROWN_ROW].cells[NAME_COL].text.strip(),
        "removed": rows[REMOVED_ROW].cells[NAME_COL].text.strip(),
    }
    time_cell = rows[SHORTENED_ROW].cells[TIME_COL]
    assert time_cell.text.strip() == "5个工作日", time_cell.text
    _set_text(time_cell, "3个工作日")
    materials = rows[GROWN_ROW].cells[MATERIALS_COL]
    count = sum(1 for p in materials.paragraphs if p.text.strip())
    materials.add_paragraph(f"{count + 1}.{NEW_MATERIAL}")
    tr = rows[REMOVED_ROW]._tr
    tr.getparent().remove(tr)
    document.save(str(dest))
    return touched
