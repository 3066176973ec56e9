"""PDF → :class:`govguide.core.document.Document`, with pdfplumber.

Per page: ruled tables are found with pdfplumber's table finder; every word is assigned to
the table cell whose box holds its centre, or else to the body text. Words are grouped into
visual lines, and each line records how far it reaches towards its container's right edge
(``fill``) so that lines the PDF wrapped mid-sentence can be re-joined later. That placing
step (:mod:`.page_layout`) is shared with the OCR reader of scanned pages.

Tables drawn with only some of their rulings (rules between rows but no vertical line, an
outer frame and a header rule) get their columns from text alignment instead
(:mod:`.pdf_rulings`).

Speed: a page's characters and rulings come from :mod:`.pdf_content`, which builds the very
objects pdfplumber would (same floats) several times faster; a page it cannot reproduce
exactly is parsed by pdfplumber itself. Each page's objects are released once read, so
memory does not grow with the length of the document.
"""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

from govguide.core.document import Document, Line, Paragraph, Table
from govguide.core.errors import (
    CorruptFileError,
    EncryptedFileError,
    NoTextLayerError,
    ResourceLimitError,
)
from govguide.core.safety.pdf import is_garbled
from govguide.core.settings import Settings

from .page_layout import WRAP_TOLERANCE_CHARS, layout_page
from .pdf_content import Unsupported, page_objects
from .pdf_rulings import with_partly_ruled

# A page at least this much covered by images, without a text layer, is a scan.
_SCAN_COVER = 0.5
# Longest side, in pixels, of a page rendered for OCR.
_MAX_RENDER_PX = 4000


def load_pdf(path: Path, sha256: str = "") -> Document:
    """Read a PDF into blocks of paragraphs and tables in reading order."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(path)
    except PDFPasswordIncorrect as exc:
        raise EncryptedFileError("PDF is encrypted (password protected)", path=path) from exc
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise CorruptFileError(f"PDF cannot be parsed: {exc}", path=path) from exc
    except Exception as exc:  # pdfminer raises many ad-hoc types on broken files
        # pdfplumber wraps pdfminer's errors (PdfminerException(PDFPasswordIncorrect())).
        inner = [exc, *(a for a in exc.args if isinstance(a, BaseException))]
        if any(isinstance(e, PDFPasswordIncorrect) or "encrypt" in type(e).__name__.lower()
               or "password" in str(e).lower() for e in inner):
            raise EncryptedFileError("PDF is encrypted (password protected)", path=path) from exc
        raise CorruptFileError(f"PDF cannot be parsed: {type(exc).__name__}: {exc}", path=path) from exc
    blocks: list[Paragraph | Table] = []
    table_index = 0
    n_chars = 0
    n_pages = 0
    from govguide.core.settings import get_settings

    settings = get_settings()
    fast = settings.pdf_fast_reader
    scans = _Scans(path, settings) if settings.ocr else None
    try:
        with pdf:
            for n_pages, page in enumerate(pdf.pages, start=1):
                if fast:
                    _load_objects(page)
                page_blocks, table_index, chars = _read_page(page, n_pages, table_index)
                page.close()  # drop the page's objects: only the blocks are kept
                if scans is not None and (
                    (chars < settings.pdf_min_text_chars and scans.is_scan(n_pages))
                    or is_garbled(_blocks_text(page_blocks))
                ):
                    # A page without a text layer (a few stray characters such as a page
                    # number do not make one) that is a picture, or whose text is glyph
                    # numbers (fonts without a ToUnicode map): read its image by OCR instead.
                    page_blocks, table_index, chars = scans.read(n_pages, table_index)
                blocks.extend(page_blocks)
                n_chars += chars
    except (CorruptFileError, ResourceLimitError):
        raise
    except Exception as exc:  # anything pdfminer raises mid-document means a damaged file
        raise CorruptFileError(f"PDF page cannot be read: {type(exc).__name__}: {exc}", path=path) from exc
    finally:
        if scans is not None:
            scans.close()
    if n_pages == 0:
        raise CorruptFileError("PDF has no readable pages (damaged cross-reference table?)", path=path)
    if n_chars == 0:
        if scans is None:
            message = "PDF has no text layer (a scanned document?) and OCR is turned off"
        elif scans.pages:
            message = f"PDF has no text layer and OCR found no text on its {len(scans.pages)} scanned page(s)"
        else:
            message = "PDF has no text layer and no page image to read by OCR"
        raise NoTextLayerError(message, path=path)
    _set_body_fill(blocks)
    return Document(
        path=str(path), sha256=sha256, format="pdf", pages=n_pages, blocks=blocks,
        ocr_pages=sorted(scans.pages) if scans is not None else [],
    )


def _blocks_text(blocks: list[Paragraph | Table]) -> str:
    return "".join(
        line.text
        for b in blocks
        for line in (b.lines if isinstance(b, Paragraph) else [ln for row in b.rows for c in row if c for ln in c.lines])
    )


class _Scans:
    """The pages of one PDF that are pictures of text, rendered and read by OCR.

    PDFium (pypdfium2) renders; it is opened only when a page without a text layer is met.
    """

    def __init__(self, path: Path, settings: Settings) -> None:
        self.path = path
        self.settings = settings
        self.pages: list[int] = []  # pages read by OCR (1-based)
        self._pdf: Any = None

    def _doc(self) -> Any:
        if self._pdf is None:
            import pypdfium2 as pdfium

            self._pdf = pdfium.PdfDocument(str(self.path))
        return self._pdf

    def is_scan(self, page_no: int) -> bool:
        """Whether images cover most of the page (a scan, a photograph of a page)."""
        import pypdfium2.raw as pdfium_c

        page = self._doc()[page_no - 1]
        try:
            width, height = page.get_size()
            covered = 0.0
            for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
                left, bottom, right, top = obj.get_bounds()
                covered += max(0.0, min(right, width) - max(left, 0.0)) * max(
                    0.0, min(top, height) - max(bottom, 0.0)
                )
            return covered >= _SCAN_COVER * width * height
        finally:
            page.close()

    def read(self, page_no: int, table_index: int) -> tuple[list[Paragraph | Table], int, int]:
        from .scanned import scanned_page_blocks

        if len(self.pages) >= self.settings.ocr_max_pages:
            raise ResourceLimitError(
                f"more than {self.settings.ocr_max_pages} scanned pages to read by OCR",
                path=self.path,
            )
        page = self._doc()[page_no - 1]
        try:
            width, height = page.get_size()
            # Rendered at the OCR resolution, but never past _MAX_RENDER_PX on a side: an
            # oversized page would only cost memory, the recogniser scales it down anyway.
            scale = min(self.settings.ocr_dpi / 72, _MAX_RENDER_PX / max(width, height, 1.0))
            image = page.render(scale=scale, grayscale=True).to_numpy()
        finally:
            page.close()
        self.pages.append(page_no)
        return scanned_page_blocks(
            image, 1 / scale, page_no=page_no, table_index=table_index,
            timeout_s=self.settings.ocr_page_timeout_s,
        )

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()


def _load_objects(page: Any) -> None:
    """Give pdfplumber the page's objects from the fast reader where it covers the page."""
    try:
        page._objects = page_objects(page)
    except Unsupported:
        pass  # pdfplumber parses this page itself
    except Exception:  # noqa: BLE001 - a broken page: let pdfplumber report it its own way
        pass


def _read_page(page: Any, page_no: int, table_index: int) -> tuple[list[Any], int, int]:
    words = page.extract_words(keep_blank_chars=True, x_tolerance=1.5, extra_attrs=["size"])
    # Without any ruling there is no table to find (the finder works on edges only).
    tables: list[Any] = []
    if page.lines or page.rects or page.curves:
        tables = with_partly_ruled(page, page.find_tables(), words)
    blocks, table_index = layout_page(words, tables, page_no, table_index)
    return blocks, table_index, sum(len(w["text"].strip()) for w in words)


def _set_body_fill(blocks: list[Paragraph | Table]) -> None:
    """Body lines: fill relative to the document's usual right edge of body text.

    Word-made PDFs keep one text column, so the typical maximum right edge of body lines is
    the right margin; a line reaching it was (most likely) wrapped.
    """
    paras = [b for b in blocks if isinstance(b, Paragraph) and b.lines and b.lines[0].ref.bbox]
    if not paras:
        return
    rights = sorted(p.lines[0].ref.bbox[2] for p in paras)  # type: ignore[index]
    lefts = [p.lines[0].ref.bbox[0] for p in paras]  # type: ignore[index]
    right = rights[int(0.95 * (len(rights) - 1))]
    left = statistics.median_low(lefts)
    body_sizes = [p.size for p in paras if p.size]
    body_size = statistics.median(body_sizes) if body_sizes else None
    width = max(1.0, right - left)
    for p in paras:
        line = p.lines[0]
        bbox = line.ref.bbox
        assert bbox is not None
        size = p.size or 10.0
        fill = 1.0 if right - bbox[2] <= WRAP_TOLERANCE_CHARS * size else max(0.0, (bbox[2] - left) / width)
        p.lines[0] = Line(text=line.text, ref=line.ref, fill=min(1.0, fill))
        if body_size and p.size:
            p.size = round(p.size / body_size, 3)
