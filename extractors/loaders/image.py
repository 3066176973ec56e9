"""Image files (PNG, JPEG, TIFF: photographed or scanned pages) → Document, by OCR.

Each image, or each frame of a multi-page TIFF, is one page. Positions are given in points
as for a PDF: from the image's own resolution where it records one, else as if the page
were A4 (its shorter side 595 pt), which keeps font sizes and distances in the range the
layout extractors expect from PDFs.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from govguide.core.document import Document, Paragraph, Table
from govguide.core.errors import (
    CorruptFileError,
    NoTextLayerError,
    ResourceLimitError,
    UnsafeFileError,
)
from govguide.core.settings import get_settings

from .scanned import scanned_page_blocks

# A4's shorter side in points.
_A4_SHORT_PT = 595.0
# Most pixels one page image may have (a 600 dpi A3 scan has about 70 million).
_MAX_PIXELS = 80_000_000
# Resolutions outside this range are missing or wrong in the file's header.
_DPI_RANGE = (72.0, 1200.0)


def load_image(path: Path, sha256: str = "") -> Document:
    """Read every page of an image file by OCR."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    settings = get_settings()
    blocks: list[Paragraph | Table] = []
    table_index = 0
    n_chars = 0
    pages = 0
    previous_limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = _MAX_PIXELS
    try:
        with Image.open(path) as im:
            for pages, frame in enumerate(ImageSequence.Iterator(im), start=1):
                if pages > settings.ocr_max_pages:
                    raise ResourceLimitError(
                        f"more than {settings.ocr_max_pages} pages to read by OCR", path=path
                    )
                if frame.width * frame.height > _MAX_PIXELS:
                    raise ResourceLimitError(
                        f"page {pages} is {frame.width}x{frame.height} pixels, over the "
                        f"{_MAX_PIXELS:,} pixel limit",
                        path=path,
                    )
                grey = np.asarray(frame.convert("L"))
                page_blocks, table_index, chars = scanned_page_blocks(
                    grey,
                    _pt_per_px(frame.info.get("dpi"), grey.shape),
                    page_no=pages,
                    table_index=table_index,
                    timeout_s=settings.ocr_page_timeout_s,
                )
                blocks.extend(page_blocks)
                n_chars += chars
    except Image.DecompressionBombError as exc:
        raise UnsafeFileError(f"image is a decompression bomb: {exc}", path=path) from exc
    except UnidentifiedImageError as exc:
        raise CorruptFileError(f"image cannot be decoded: {exc}", path=path) from exc
    except (OSError, SyntaxError, ValueError) as exc:  # PIL's errors for damaged data
        raise CorruptFileError(
            f"image cannot be decoded: {type(exc).__name__}: {exc}", path=path
        ) from exc
    finally:
        Image.MAX_IMAGE_PIXELS = previous_limit
    if n_chars == 0:
        raise NoTextLayerError(f"OCR found no text on the image's {pages} page(s)", path=path)
    return Document(
        path=str(path), sha256=sha256, format="image", pages=pages, blocks=blocks,
        ocr_pages=list(range(1, pages + 1)),
    )


def _pt_per_px(dpi: object, shape: tuple[int, ...]) -> float:
    if isinstance(dpi, tuple) and dpi and isinstance(dpi[0], int | float):
        value = float(dpi[0])
        if _DPI_RANGE[0] <= value <= _DPI_RANGE[1]:
            return 72.0 / value
    return _A4_SHORT_PT / max(1, min(shape[:2]))
