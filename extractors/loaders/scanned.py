"""A scanned page (an image of text) as blocks of the intermediate document.

OCR (:mod:`.ocr`) gives the page's text lines with positions, the page's ruling lines give
its tables (:mod:`.ocr_rulings`, with the text-alignment reader of partly ruled tables
on top), and the PDF loader's own layout step places lines in cells or the body: a scan
becomes the same paragraphs and tables as the text PDF it was printed from.
"""

from __future__ import annotations

import numpy as np

from govguide.document import Paragraph, Table

from .ocr import read_page_image
from .ocr_rulings import find_tables, ruled_page
from .pdf_rulings import with_partly_ruled


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
    from govguide.isolation import extend_deadline

    from .pdf import layout_page

    if timeout_s is not None:
        extend_deadline(timeout_s)
    page = read_page_image(image, pt_per_px, page=page_no, timeout_s=timeout_s)
    if not page.words:
        return [], table_index, 0
    assert page.image is not None
    ruled = ruled_page(page.image, page.pt_per_px)
    tables = with_partly_ruled(ruled, find_tables(ruled), page.words)
    blocks, table_index = layout_page(page.words, tables, page_no, table_index)
    return blocks, table_index, page.n_chars
