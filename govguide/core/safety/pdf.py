"""Refuse PDFs that are truncated, structurally broken, encrypted or image-only.

Two layers. :func:`check_pdf_structure` reads only bytes (header, end marker, the
``startxref`` pointer and a sample of cross-reference entries), so it is safe to run in the
main process. :func:`check_pdf` adds what needs a parser — opening the file with PDFium to
detect a required password and to look for a text layer — and belongs inside the isolated
extraction worker, like any other parsing of an untrusted file.

PDF readers silently rebuild a broken cross-reference table by scanning for objects. That
rescue guesses, so by default (``pdf_strict_xref``) such files are refused with a clear
reason instead of being read from a guessed structure.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from govguide.core.errors import (
    CorruptFileError,
    EncryptedFileError,
    NoTextLayerError,
    UnsupportedFormatError,
)

_HEADER_WINDOW = 1024
_TAIL_BYTES = 4096
# The end marker must sit within the last KiB, after trailing blanks (readers' rule).
_EOF_WINDOW = 1024
_BLANK = b" \t\r\n\x00\x0c"
_STARTXREF = re.compile(rb"startxref\s+(\d+)")
_OBJ_AT = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b")
_XREF_STREAM = re.compile(rb"/Type\s*/XRef\b")
_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")
_SUBSECTION = re.compile(rb"\s*(\d+)\s+(\d+)\s*[\r\n]")
_SAMPLED_ENTRIES = 8

NO_TEXT_SCANNED = "no text layer (scanned PDF; OCR is turned off)"
NO_TEXT_BLANK = "no text layer (the pages hold no readable text and no image to read by OCR)"
NO_TEXT_UNMAPPED = (
    "no readable text layer: the text decodes to glyph numbers, not characters (its fonts "
    "have no ToUnicode map), so it would read as garbage; it needs OCR, which is turned off"
)
# A page whose text holds more than this share of control characters (other than line and
# tab breaks) reads glyph numbers as characters: subset fonts number their glyphs from 1,
# and without a ToUnicode map those numbers are all a reader gets. Real text has none.
_GARBLED_SHARE = 0.1
_CID = re.compile(r"\(cid:\d+\)")
_BREAKS = frozenset("\t\n\r\x0b\x0c")


def check_pdf_structure(path: Path, *, strict_xref: bool | None = None) -> None:
    """Raise :class:`CorruptFileError` for a truncated PDF or a broken cross-reference table.

    Byte-level only: no PDF parser runs. With ``strict_xref`` (default from settings) the
    ``startxref`` pointer must lead to a cross-reference section and a sample of its
    entries must point at the objects they name.
    """
    if strict_xref is None:
        from govguide.core.settings import get_settings

        strict_xref = get_settings().pdf_strict_xref
    path = Path(path)
    size = os.stat(path).st_size
    with open(path, "rb") as fh:
        head = fh.read(_HEADER_WINDOW + 5)
        start = head.find(b"%PDF-")
        if start < 0:
            raise UnsupportedFormatError("no PDF header: content is not a PDF", path=path)
        fh.seek(max(0, size - _TAIL_BYTES))
        tail = fh.read().rstrip(_BLANK)
        eof_at = tail.rfind(b"%%EOF")
        if eof_at < 0 or len(tail) - eof_at > _EOF_WINDOW:
            raise CorruptFileError(
                "PDF is truncated: no %%EOF marker at the end of the file", path=path
            )
        pointers = _STARTXREF.findall(tail[:eof_at])
        if not pointers:
            raise CorruptFileError(
                "PDF cross-reference table is broken: no startxref pointer before %%EOF", path=path
            )
        if strict_xref:
            _check_xref(fh, int(pointers[-1]), start, size, path)


def check_pdf(
    path: Path,
    *,
    require_text: bool = True,
    min_text_chars: int | None = None,
    strict_xref: bool | None = None,
    ocr: bool | None = None,
) -> None:
    """Full pre-parse check of a PDF; run it where parsing can be stopped (a worker).

    Raises what :func:`check_pdf_structure` raises, then :class:`EncryptedFileError` when a
    password is needed to open the file (owner-password-only files, which open without one,
    pass), :class:`CorruptFileError` when PDFium cannot open it or it has no pages, and
    (with ``require_text``) :class:`NoTextLayerError` for blank documents, and for
    image-only ones unless ``ocr`` (default from settings) lets the loader read them.
    """
    if ocr is None:
        from govguide.core.settings import get_settings

        ocr = get_settings().ocr
    check_pdf_structure(path, strict_xref=strict_xref)
    pdf = _open(Path(path))
    try:
        if len(pdf) == 0:
            raise CorruptFileError("PDF has no pages", path=path)
        if require_text:
            found, images, garbled = _text_layer(pdf, path, _min_chars(min_text_chars))
            # With OCR on, scanned pages and pages of glyph numbers are read from their image.
            if not found and not (ocr and (images or garbled)):
                message = NO_TEXT_UNMAPPED if garbled else NO_TEXT_SCANNED if images else NO_TEXT_BLANK
                raise NoTextLayerError(message, path=path)
    finally:
        pdf.close()


def has_text_layer(pdf_path: Path, *, min_chars: int | None = None) -> bool:
    """True if some page of the PDF carries at least ``min_chars`` readable characters.

    Readable: not blank, not a control, private-use or replacement character (a font
    without a Unicode map extracts as those). Raises like :func:`check_pdf` when the file
    cannot be opened.
    """
    pdf = _open(Path(pdf_path))
    try:
        return _text_layer(pdf, pdf_path, _min_chars(min_chars))[0]
    finally:
        pdf.close()


def _min_chars(value: int | None) -> int:
    if value is not None:
        return value
    from govguide.core.settings import get_settings

    return get_settings().pdf_min_text_chars


def _check_xref(fh: Any, offset: int, header_at: int, size: int, path: Path) -> None:
    # Offsets count from the %PDF- header; readers accept either base when junk precedes it.
    for base in dict.fromkeys((0, header_at)):
        at = base + offset
        if at >= size:
            continue
        fh.seek(at)
        chunk = fh.read(2048)
        body = chunk.lstrip(_BLANK)
        if body.startswith(b"xref"):
            _check_entries(fh, body[4:], base, size, path)
            return
        if _OBJ_AT.match(chunk) and _XREF_STREAM.search(chunk):
            return  # a cross-reference stream: entries are compressed, header is enough
    raise CorruptFileError(
        f"PDF cross-reference table is broken: startxref points to byte {offset}, "
        "where there is no cross-reference section",
        path=path,
    )


def _check_entries(fh: Any, table: bytes, base: int, size: int, path: Path) -> None:
    """The first in-use entries of a classic table must point at the objects they name."""
    sub = _SUBSECTION.match(table)
    if not sub:
        raise CorruptFileError(
            "PDF cross-reference table is broken: bad subsection header", path=path
        )
    first = int(sub.group(1))
    checked = 0
    for i, entry in enumerate(_XREF_ENTRY.finditer(table, sub.end())):
        if i >= int(sub.group(2)) or checked >= _SAMPLED_ENTRIES:
            break
        offset, _gen, kind = entry.groups()
        if kind != b"n" or int(offset) == 0:
            continue
        checked += 1
        at = base + int(offset)
        fh.seek(at)
        found = _OBJ_AT.match(fh.read(64)) if at < size else None
        if found is None or int(found.group(1)) != first + i:
            raise CorruptFileError(
                f"PDF cross-reference table is broken: object {first + i} is not at byte "
                f"{int(offset)} (was the file altered in transfer?)",
                path=path,
            )


def _open(path: Path) -> Any:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedFileError(
                "PDF is encrypted: a password is needed to open it", path=path
            ) from exc
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise EncryptedFileError(
                "PDF uses an unsupported encryption scheme", path=path
            ) from exc
        raise CorruptFileError(f"PDF cannot be opened: {exc}", path=path) from exc


def _text_layer(pdf: Any, path: Path | str, min_chars: int) -> tuple[bool, int, int]:
    """(whether some page has ``min_chars`` readable characters, images seen so far, pages
    whose text is glyph numbers rather than characters)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    images = garbled = 0
    for index in range(len(pdf)):
        try:
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range()
                finally:
                    textpage.close()
                readable = _readable(text)
                if readable >= min_chars:
                    if not _garbled(text, readable):
                        return True, images, garbled
                    garbled += 1
                images += sum(
                    1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2)
                )
            finally:
                page.close()
        except pdfium.PdfiumError as exc:
            raise CorruptFileError(
                f"PDF page {index + 1} cannot be read: {exc}", path=path, page=index + 1
            ) from exc
    return False, images, garbled


def is_garbled(text: str) -> bool:
    """Whether a page's text is glyph numbers rather than characters (fonts without a
    ToUnicode map): it would read as garbage, and its rendered image must be read instead."""
    # PDFium gives such glyphs as control characters, pdfplumber as (cid:N) tokens.
    cids = len(_CID.findall(text))
    if cids:
        plain = _readable(_CID.sub("", text))
        return cids > _GARBLED_SHARE * (plain + cids)
    readable = _readable(text)
    return readable > 0 and _garbled(text, readable)


def _garbled(text: str, readable: int) -> bool:
    controls = sum(1 for ch in text if ch not in _BREAKS and unicodedata.category(ch) == "Cc")
    return controls > _GARBLED_SHARE * (readable + controls)


def _readable(text: str) -> int:
    return sum(
        1
        for ch in text
        if not ch.isspace()
        and ch != "\ufffd"
        and unicodedata.category(ch) not in ("Cc", "Co", "Cs", "Cn")
    )
