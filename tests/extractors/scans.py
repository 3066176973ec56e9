"""Scans made from text PDFs, as bureaus publish them: pages printed and scanned.

Each page is rendered with pypdfium2, optionally turned (90°/180°/270°), slanted by a
fraction of a degree to a few degrees as a sheet lies in a scanner, speckled with noise,
and the pictures are wrapped as an image-only PDF (no text layer) or saved as an image.
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image

from govguide.core.document import Document
from govguide.core.models import ExtractionResult

SCAN_DPI = 150  # a common office-scanner setting


def render(pdf_path: Path, pages: list[int] | None = None, dpi: int = SCAN_DPI) -> list[Image.Image]:
    """Pages (0-based; all by default) of a PDF as grey images."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        wanted = range(len(pdf)) if pages is None else pages
        return [pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in wanted]
    finally:
        pdf.close()


def scanned(
    image: Image.Image, *, skew: float = 0.0, turn: int = 0, noise: float = 0.0, seed: int = 0
) -> Image.Image:
    """``image`` slanted by ``skew`` degrees (counter-clockwise), turned clockwise by
    ``turn`` degrees, with ``noise``: the share of pixels flipped to random grey specks,
    plus a light grain over the page."""
    out = image.rotate(skew, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255) if skew else image
    if turn:
        out = out.rotate(-turn, expand=True)
    if noise:
        rng = np.random.default_rng(seed)
        px = np.asarray(out, dtype=np.int16)
        px = px + rng.normal(0, 12, px.shape).astype(np.int16)
        specks = rng.random(px.shape) < noise
        px[specks] = rng.integers(0, 160, int(specks.sum()))
        out = Image.fromarray(np.clip(px, 0, 255).astype(np.uint8), "L")
    return out


def image_pdf(images: list[Image.Image], dst: Path, dpi: int = SCAN_DPI) -> Path:
    """The images as an image-only PDF, one page each, at ``dpi``."""
    images[0].save(dst, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return dst


def with_scanned_page(src: Path, page: int, dst: Path, **scan: float) -> Path:
    """``src`` with its page ``page`` (0-based) replaced by a scan of it."""
    import pypdfium2 as pdfium

    scan_path = image_pdf([scanned(render(src, [page])[0], **scan)], dst.with_suffix(".page.pdf"))
    pdf = pdfium.PdfDocument(str(src))
    one = pdfium.PdfDocument(str(scan_path))
    out = pdfium.PdfDocument.new()
    try:
        n = len(pdf)
        if page > 0:
            out.import_pages(pdf, list(range(page)))
        out.import_pages(one, [0])
        if page + 1 < n:
            out.import_pages(pdf, list(range(page + 1, n)))
        with open(dst, "wb") as fh:
            out.save(fh)
    finally:
        out.close()
        one.close()
        pdf.close()
    scan_path.unlink()
    return dst


# Scans of real guides used by the OCR tests, each made once per test session:
# name → (source PDF, how each page is scanned; the last entry repeats for further pages).
_ROOT = Path(__file__).resolve().parents[2]
SAMPLES = _ROOT / "data" / "raw" / "samples"
REALWORLD = _ROOT / "tests" / "fixtures" / "realworld" / "dev" / "corpus"
CASES: dict[str, tuple[Path, list[dict[str, float]]]] = {
    # A form guide over five pages, slanted clockwise and speckled.
    "gx_liujiang_yibao_bujiao_zhinan": (
        SAMPLES / "gx_liujiang_yibao_bujiao_zhinan.pdf", [{"skew": -1.2, "noise": 0.002, "seed": 1}]
    ),
    # A numbered-section guide, slanted counter-clockwise.
    "sc_yaan_menzhen_feiyong_baoxiao_zhinan": (
        REALWORLD / "sc_yaan_menzhen_feiyong_baoxiao_zhinan.pdf", [{"skew": 0.8, "noise": 0.002, "seed": 2}]
    ),
    # Sheets fed into the scanner sideways (page 1) and upside down (page 2).
    "sd_jinan_yidi_changju_beian_zhinan": (
        REALWORLD / "sd_jinan_yidi_changju_beian_zhinan.pdf",
        [{"turn": 90, "noise": 0.001, "seed": 3}, {"turn": 180, "skew": 0.6, "seed": 4}],
    ),
}
_OUT = Path(tempfile.mkdtemp(prefix="govguide-scans-"))


@cache
def scan_of(name: str) -> Path:
    """The image-only PDF of case ``name`` (named like its source, so gold matches by stem)."""
    src, how = CASES[name]
    pages = render(src)
    images = [scanned(im, **how[min(i, len(how) - 1)]) for i, im in enumerate(pages)]  # type: ignore[arg-type]
    return image_pdf(images, _OUT / src.name)


@cache
def document(path: Path) -> Document:
    """``path`` loaded once per session (reading a scan is the slow part of these tests)."""
    from extractors.extract import load_document

    return load_document(path)


@cache
def result(path: Path) -> ExtractionResult:
    """The extraction of ``path`` from its once-loaded document (as extract_file gives it)."""
    from extractors.extract import extract_document

    return extract_document(document(path))
