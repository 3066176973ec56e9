"""A page's words and tables placed into blocks of the intermediate document.

Shared by the text-PDF loader (:mod:`.pdf`, words from the text layer) and the scanned-page
reader (:mod:`.scanned`, words from OCR): both give pdfplumber-shaped words and tables, and a
scan becomes the same paragraphs and table cells as the text PDF it was printed from.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from govguide.core.document import Cell, Line, Paragraph, Table
from govguide.core.models import SourceRef
from normalizers.text import is_page_footer

from .pdf_rulings import TextColumnTable
from .pdf_words import Word, group_lines

# A line whose right end comes within this many character widths of its container's edge
# was wrapped by the layout engine (CJK text is justified, so wrapped lines run to the edge;
# kinsoku rules may pull one character back).
WRAP_TOLERANCE_CHARS = 3.0


def layout_page(
    words: list[Word], tables: list[Any], page_no: int, table_index: int
) -> tuple[list[Paragraph | Table], int]:
    """A page's blocks in reading order from its words and tables (pdfplumber's shapes).

    Words carrying an OCR ``score`` pass it on as the ``confidence`` of the lines and cells
    they make up (the lowest of their words).
    """
    grids = [_table_grid(t) for t in tables]
    in_cells: list[list[list[list[Word]]]] = [
        [[[] for _ in row] for row in grid] for grid in grids
    ]
    # A table's cells all lie within its box: most words are rejected by that test alone.
    boxes = [t.bbox for t in tables]
    body: list[Word] = []
    for w in words:
        cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        placed = False
        for ti, grid in enumerate(grids):
            box = boxes[ti]
            if not (box[0] <= cx <= box[2] and box[1] <= cy <= box[3]):
                continue
            # Columns told apart by text alignment hold text from their left edge on; a
            # label spanning the row (a section row) belongs to the column it starts in.
            x = w["x0"] + 0.5 if isinstance(tables[ti], TextColumnTable) else cx
            loc = _find_cell(grid, x, cy)
            if loc is not None:
                in_cells[ti][loc[0]][loc[1]].append(w)
                placed = True
                break
        if not placed:
            body.append(w)

    placed_blocks: list[tuple[float, Any]] = []
    for ti, (table, grid) in enumerate(zip(tables, grids, strict=True)):
        rows: list[list[Cell | None]] = []
        for ri, grid_row in enumerate(grid):
            row: list[Cell | None] = []
            for ci, bbox in enumerate(grid_row):
                if bbox is None:
                    row.append(None)
                    continue
                cell_words = in_cells[ti][ri][ci]
                ref = SourceRef(
                    page=page_no, table=table_index + ti, row=ri, col=ci, bbox=_r(bbox),
                    confidence=_confidence(cell_words),
                )
                lines = _cell_lines(cell_words, bbox, page_no)
                row.append(Cell(lines=lines, ref=ref))
            rows.append(row)
        tref = SourceRef(page=page_no, table=table_index + ti, bbox=_r(table.bbox))
        placed_blocks.append((table.bbox[1], Table(rows=rows, ref=tref, index=table_index + ti)))

    body_lines = [ln for ln in group_lines(body) if not is_page_footer(ln["text"])]
    for ln in body_lines:
        ref = SourceRef(
            page=page_no, bbox=_r((ln["x0"], ln["top"], ln["x1"], ln["bottom"])),
            confidence=ln.get("score"),
        )
        line = Line(text=ln["text"], ref=ref, fill=None)
        para = Paragraph(lines=[line], ref=ref, size=ln["size"])
        placed_blocks.append((ln["top"], para))
    placed_blocks.sort(key=lambda tb: tb[0])
    return [b for _, b in placed_blocks], table_index + len(tables)


def _confidence(words: list[Word]) -> float | None:
    scores = [w["score"] for w in words if w.get("score") is not None]
    return min(scores) if scores else None


def _table_grid(table: Any) -> list[list[tuple[float, float, float, float] | None]]:
    return [list(row.cells) for row in table.rows]


def _find_cell(
    grid: list[list[tuple[float, float, float, float] | None]], x: float, y: float
) -> tuple[int, int] | None:
    for ri, row in enumerate(grid):
        for ci, bbox in enumerate(row):
            if bbox is not None and bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]:
                return ri, ci
    return None


def _cell_lines(words: list[Word], bbox: tuple[float, float, float, float], page_no: int) -> list[Line]:
    grouped = group_lines(words)
    if not grouped:
        return []
    # Cell padding is symmetric: the left gap between border and text is the right one too.
    pad = max(0.0, min(ln["x0"] for ln in grouped) - bbox[0])
    right = bbox[2] - pad
    lines: list[Line] = []
    for ln in grouped:
        size = float(ln["size"] or 10)
        wrapped = right - ln["x1"] <= WRAP_TOLERANCE_CHARS * size
        width = max(1.0, right - (bbox[0] + pad))
        fill = 1.0 if wrapped else max(0.0, min(1.0, (ln["x1"] - bbox[0] - pad) / width))
        ref = SourceRef(
            page=page_no, bbox=_r((ln["x0"], ln["top"], ln["x1"], ln["bottom"])),
            confidence=ln.get("score"),
        )
        lines.append(Line(text=ln["text"], ref=ref, fill=fill))
    return lines


def _r(bbox: Iterable[float]) -> tuple[float, float, float, float]:
    b = tuple(round(float(v), 1) for v in bbox)
    return (b[0], b[1], b[2], b[3])
