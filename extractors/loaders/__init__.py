"""Format loaders: each turns one file format into a :class:`govguide.core.document.Document`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from govguide.core.document import Document
from govguide.core.errors import UnsupportedFormatError

from .docx import load_docx
from .html import load_html
from .image import load_image
from .pdf import load_pdf

LOADERS: dict[str, Callable[[Path, str], Document]] = {
    "pdf": load_pdf,
    "docx": load_docx,
    "html": load_html,
    "image": load_image,
}

SUFFIXES = {
    ".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image",
}


def load(path: Path, fmt: str, sha256: str = "") -> Document:
    """Load ``path`` as format ``fmt`` (pdf, docx, html, image)."""
    try:
        loader = LOADERS[fmt]
    except KeyError:
        raise UnsupportedFormatError(f"no loader for format {fmt!r}", path=path) from None
    return loader(path, sha256)
