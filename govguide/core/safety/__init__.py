"""Checks that run before and around parsing an untrusted input file.

Order of use for one file under the raw-data root::

    check_path(path, root)                   # main process, before the file is opened
    run_isolated(extract, path, ...)         # worker process with time and memory limits,
        fmt = check_content(path, with_parser=True)   # first thing in the worker: format,
        load(path, fmt)                               # zip bombs, XML entities, broken,
                                                      # encrypted and image-only PDFs

:func:`preflight` is ``check_path`` + ``check_content`` without the parser step, for
callers that want every parser-free verdict in the main process.

Every refusal is a :class:`govguide.core.errors.InputError` subclass whose ``reason`` is the
quarantine reason and whose message says what is wrong with the file; the one exception is
a file that vanished between listing and checking (:class:`~govguide.core.errors.TransientError`).
"""

from __future__ import annotations

from pathlib import Path

from govguide.core.safety.docx import check_docx_zip, safe_xml_parse
from govguide.core.safety.paths import check_path
from govguide.core.safety.pdf import check_pdf, check_pdf_structure, has_text_layer
from govguide.core.safety.sniff import sniff_format
from govguide.core.settings import Settings, get_settings

__all__ = [
    "check_content",
    "check_docx_zip",
    "check_path",
    "check_pdf",
    "check_pdf_structure",
    "has_text_layer",
    "preflight",
    "safe_xml_parse",
    "sniff_format",
]


def preflight(path: Path, root: Path, *, settings: Settings | None = None) -> str:
    """Every check that needs no document parser, path included; returns the format.

    :func:`check_path` then :func:`check_content`. Cheap and bounded (reads names, a file
    head and tail, a zip directory, and inflates a DOCX once as a capped stream), so it can
    run in the main process.
    """
    s = settings or get_settings()
    check_path(path, root, max_name_bytes=s.max_name_bytes)
    return check_content(path, settings=s)


def check_content(
    path: Path, *, settings: Settings | None = None, with_parser: bool = False
) -> str:
    """Judge a file by its content and return its format (``pdf``, ``docx``, ``html`` or,
    with OCR on, ``image``).

    :func:`sniff_format`, then :func:`check_docx_zip` for a DOCX or
    :func:`check_pdf_structure` for a PDF. With ``with_parser`` a PDF also goes through
    :func:`check_pdf` (PDFium: password, pages, text layer) — pass it only where parsing
    can be stopped, i.e. inside the worker of :func:`govguide.core.isolation.run_isolated`.
    """
    s = settings or get_settings()
    fmt = sniff_format(path, max_file_bytes=s.max_file_bytes, ocr=s.ocr)
    if fmt == "docx":
        check_docx_zip(
            path,
            max_member_bytes=s.zip_max_member_bytes,
            max_total_bytes=s.zip_max_total_bytes,
            max_ratio=s.zip_max_ratio,
            max_members=s.zip_max_members,
            ratio_min_bytes=s.zip_ratio_min_bytes,
        )
    elif fmt == "pdf":
        if with_parser:
            check_pdf(
                path, min_text_chars=s.pdf_min_text_chars, strict_xref=s.pdf_strict_xref, ocr=s.ocr
            )
        else:
            check_pdf_structure(path, strict_xref=s.pdf_strict_xref)
    return fmt
