"""A scanned page (an image of text) as blocks of the intermediate document.

OCR (:mod:`.ocr`) gives the page's text lines with positions, the page's ruling lines give
its tables (:mod:`.ocr_rulings`, with the text-alignment reader of partly ruled tables
on top), and the layout step the PDF loader uses too (:mod:`.page_layout`) places lines in
cells or the body: a scan becomes the same paragraphs and tables as the text PDF it was
printed from.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import numpy as np

from govguide.core.document import Paragraph, Table

from .ocr import read_page_image
from .ocr_rulings import find_tables, ruled_page
from .page_layout import layout_page
from .pdf_rulings import with_partly_ruled
from .pdf_words import Word


def scanned_page_blocks(
    image: np.ndarray,
    pt_per_px: float,
    *,
    page_no: int,
    table_index: int,
    timeout_s: float | None,
) -> tuple[list[Paragraph | Table], int, int]:
    """(blocks in reading order, next table index, characters read) of one page image.

    In an extraction worker, the page's own time limit is added to the file's budget first:
    the per-file limit is sized for text documents, a scan of many pages needs more.
    """
    from govguide.core.isolation import extend_deadline

    if timeout_s is not None:
        extend_deadline(timeout_s)
    page = read_page_image(image, pt_per_px, page=page_no, timeout_s=timeout_s)
    if not page.words:
        return [], table_index, 0
    assert page.image is not None
    ruled = ruled_page(page.image, page.pt_per_px, page.words)
    tables = find_tables(ruled)
    words = split_at_cells(page.words, tables)
    tables = with_partly_ruled(ruled, tables, words)
    blocks, table_index = layout_page(words, tables, page_no, table_index)
    return blocks, table_index, page.n_chars


def split_at_cells(words: list[Word], tables: list[Any]) -> list[Word]:
    """OCR words cut where a table's vertical rule crosses them.

    The detector sometimes reads the text of neighbouring cells, close to the rule between
    them, as one line; placed by its centre it would land in one cell with its neighbours'
    text. The cut falls where the rule is, the characters shared out by their widths
    (full-width characters count two half-width ones).
    """
    out: list[Word] = []
    for w in words:
        cuts = _cuts(w, tables)
        out.extend(_split(w, cuts) if cuts else [w])
    return out


def _cuts(w: Word, tables: list[Any]) -> list[float]:
    cy = (w["top"] + w["bottom"]) / 2
    margin = 0.25 * (w["bottom"] - w["top"])  # a rule this near the text's end crosses nothing
    for table in tables:
        x0, top, x1, bottom = table.bbox
        if not (top <= cy <= bottom and w["x0"] < x1 and w["x1"] > x0):
            continue
        for row in table.rows:
            cells = [c for c in row.cells if c is not None and c[1] <= cy <= c[3]]
            if cells:
                return sorted(
                    {c[0] for c in cells if w["x0"] + margin < c[0] < w["x1"] - margin}
                )
    return []


def _split(w: Word, cuts: list[float]) -> list[Word]:
    text = w["text"]
    widths = [2.0 if unicodedata.east_asian_width(ch) in "WF" else 1.0 for ch in text]
    scale = (w["x1"] - w["x0"]) / max(1.0, sum(widths))
    pieces: list[Word] = []
    start, x = 0, w["x0"]
    edges = [*cuts, float("inf")]
    for i, width in enumerate(widths):
        x_next = x + width * scale
        # A character belongs to the piece its centre falls in.
        if (x + x_next) / 2 > edges[0] and i > start:
            pieces.append(_piece(w, text[start:i], pieces, x))
            start = i
            edges.pop(0)
            while (x + x_next) / 2 > edges[0]:
                edges.pop(0)
        x = x_next
    pieces.append(_piece(w, text[start:], pieces, w["x1"]))
    return [p for p in pieces if p["text"].strip()]


def _piece(w: Word, text: str, before: list[Word], x1: float) -> Word:
    x0 = before[-1]["x1"] if before else w["x0"]
    return {**w, "text": text.strip(), "x0": x0, "x1": x1}
