"""Tell a file's format from its content, never from its extension.

Government sites publish HTML saved as ``.doc``, PDFs named ``.docx``, zips of scans, OFD
files and error pages. :func:`sniff_format` reads the first bytes (and for a zip, its
directory) and answers ``"pdf"``, ``"docx"``, ``"html"`` or ``"image"`` (PNG, JPEG and
TIFF, read by OCR), or raises an
:class:`~govguide.core.errors.InputError` that names what the file is instead.
"""

from __future__ import annotations

import codecs
import os
import re
import zipfile
from pathlib import Path

from govguide.core.errors import (
    EmptyFileError,
    EncryptedFileError,
    ResourceLimitError,
    UnsupportedFormatError,
)
from govguide.core.safety.docx import content_types, open_zip

_HEAD_BYTES = 64 * 1024
# Readers accept junk (e.g. a leftover HTTP header) before %PDF- within the first KiB.
_PDF_HEADER_WINDOW = 1024
_BLANK = b" \t\r\n\x00\x0c"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted Office file is an OLE2 container holding a stream of this name.
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_IMAGE_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
}
# Image formats read as scanned pages.
OCR_IMAGE_KINDS = frozenset({"PNG", "JPEG", "TIFF"})
_HTML_TAG = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|table|div|p|span|br|h[1-6]|font|center)[\s>/]"
)
_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_OTHER_WORD_MAINS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": (
        "a Word template (.dotx), not a document"
    ),
    "application/vnd.ms-word.document.macroEnabled.main+xml": (
        "a macro-enabled Word document (.docm); macro documents are not accepted"
    ),
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": (
        "a macro-enabled Word template (.dotm); macro documents are not accepted"
    ),
}


def sniff_format(
    path: Path, *, max_file_bytes: int | None = None, ocr: bool | None = None
) -> str:
    """``"pdf"``, ``"docx"``, ``"html"`` or ``"image"``, judged by content.

    Images are documents only while OCR can read them (``ocr``, default from settings).

    Raises :class:`EmptyFileError` (0 bytes, or only blanks/zero bytes),
    :class:`ResourceLimitError` (bigger than ``max_file_bytes``; default from settings),
    :class:`UnsupportedFormatError` (anything else, naming what it is where known),
    :class:`CorruptFileError` (a damaged zip) or :class:`EncryptedFileError` (an encrypted
    Office file).
    """
    if max_file_bytes is None or ocr is None:
        from govguide.core.settings import get_settings

        settings = get_settings()
        max_file_bytes = settings.max_file_bytes if max_file_bytes is None else max_file_bytes
        ocr = settings.ocr if ocr is None else ocr
    path = Path(path)
    size = os.stat(path).st_size
    if size == 0:
        raise EmptyFileError("file is empty (0 bytes)", path=path)
    if size > max_file_bytes:
        raise ResourceLimitError(
            f"file is {size / 2**20:.1f} MiB, over the {max_file_bytes / 2**20:.1f} MiB limit",
            path=path,
        )
    with open(path, "rb") as fh:
        head = fh.read(_HEAD_BYTES)
        if not head.strip(_BLANK) and _rest_is_blank(fh):
            raise EmptyFileError("file holds only blanks or zero bytes", path=path)

    if head.find(b"%PDF-", 0, _PDF_HEADER_WINDOW + 5) >= 0:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _classify_zip(path)
    if head.startswith(_OLE2_MAGIC):
        raise _classify_ole2(path)
    if head.startswith(b"{\\rtf"):
        raise UnsupportedFormatError(
            "RTF document is not supported; convert it to DOCX or PDF", path=path
        )
    for magic, kind in _IMAGE_MAGIC.items():
        if head.startswith(magic):
            if kind in OCR_IMAGE_KINDS and ocr:
                return "image"
            why = "OCR is turned off" if kind in OCR_IMAGE_KINDS else "OCR reads PNG, JPEG and TIFF"
            raise UnsupportedFormatError(f"{kind} image, not a document ({why})", path=path)
    text_head = _text_head(head)
    if text_head is not None:
        lowered = text_head.lstrip().lower()
        if lowered.startswith(b"mime-version:") or b"multipart/related" in lowered[:2048]:
            raise UnsupportedFormatError(
                "MHTML web archive (often saved as .doc) is not supported; save it as HTML or DOCX",
                path=path,
            )
        if lowered.startswith(b"<") and _HTML_TAG.search(lowered):
            return "html"

    suffix = path.suffix.lower()
    if suffix == ".docx":
        raise UnsupportedFormatError(
            "file named .docx is not a zip archive, so not a DOCX", path=path
        )
    if suffix == ".pdf":
        raise UnsupportedFormatError(
            "file named .pdf has no PDF header: content is not a PDF", path=path
        )
    raise UnsupportedFormatError(
        "unrecognised content: not a PDF, DOCX or HTML document", path=path
    )


def _rest_is_blank(fh: object) -> bool:
    read = fh.read  # type: ignore[attr-defined]
    while chunk := read(1 << 20):
        if chunk.strip(_BLANK):
            return False
    return True


def _text_head(head: bytes) -> bytes | None:
    """The head as ASCII-compatible bytes if it looks like text, else None.

    UTF-16 pages (with a BOM) are re-encoded so tag matching works on them too; any other
    head with zero bytes is binary.
    """
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="ignore").encode("utf-8", errors="ignore")
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    if b"\x00" in head:
        return None
    return head


def _classify_zip(path: Path) -> str:
    with open_zip(path) as zf:
        names = set(zf.namelist())
        main_type = _main_document_type(zf, path)
        if main_type in _OTHER_WORD_MAINS:
            raise UnsupportedFormatError(f"file is {_OTHER_WORD_MAINS[main_type]}", path=path)
        if main_type == _WORD_MAIN or "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            what = "an Excel workbook"
        elif "ppt/presentation.xml" in names:
            what = "a PowerPoint presentation"
        elif "OFD.xml" in names:
            what = "an OFD document (OFD is not supported yet; convert it to PDF)"
        elif "content.xml" in names and "mimetype" in names:
            what = "an OpenDocument file"
        else:
            what = "a zip archive without word/document.xml"
        raise UnsupportedFormatError(f"file is {what}, not a DOCX", path=path)


def _main_document_type(zf: zipfile.ZipFile, path: Path) -> str | None:
    """Content type of the package's Word main part, if [Content_Types].xml names one."""
    for ctype in content_types(zf, path).values():
        if ctype == _WORD_MAIN or ctype in _OTHER_WORD_MAINS:
            return ctype
    return None


def _classify_ole2(path: Path) -> UnsupportedFormatError | EncryptedFileError:
    # Only the container's directory matters; it is small and sits near either end.
    with open(path, "rb") as fh:
        data = fh.read(4 << 20)
        size = os.fstat(fh.fileno()).st_size
        if size > len(data):
            fh.seek(max(len(data), size - (4 << 20)))
            data += fh.read()
    if _ENCRYPTED_PACKAGE in data:
        return EncryptedFileError("Office document is encrypted (password protected)", path=path)
    return UnsupportedFormatError(
        "legacy Office/WPS file (e.g. Word 97-2003 .doc) is not supported; convert it to DOCX",
        path=path,
    )
