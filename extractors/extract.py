"""Extract one file: load its format, pick its layout, build normalised items.

This is the library entry point behind ``govguide extract`` and the ingestion flow's
extract task::

    result = extract_file(Path("data/raw/samples/gx_list_yibao_jingban.pdf"))
    for item in result.items: ...
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from extractors.build import build_item
from extractors.loaders import load
from extractors.registry import extractor_names, get_extractor
from govguide.core.document import Document
from govguide.core.hashing import code_fingerprint, file_sha256
from govguide.core.models import ExtractionResult
from normalizers.place import detect_province, detect_region

# A layout must fit at least this well to be chosen automatically; below it the document is
# reported as not a guide, with the best layout's score in the reason.
MIN_LAYOUT_SCORE = 0.5
# The general reader of field labels: it scores every document it reads an item from, and
# also reads documents whose best-fitting specialised layout found nothing.
FALLBACK_LAYOUT = "fields"


# What extraction output depends on: loaders, layouts, normalisers and the core (record model,
# document, vocabulary). Publishing, diffing and command code are left out, so editing them
# does not invalidate every cached extraction.
_EXTRACTION_PACKAGES = ("extractors", "normalizers", "govguide.core")


@cache
def extractor_version() -> str:
    """A fingerprint of the extraction code and vocabulary: changes when they change.

    Part of the extraction cache key, so upgrading govguide re-extracts every file.
    """
    return code_fingerprint(_EXTRACTION_PACKAGES)[:16]


def detect_format(path: Path) -> str:
    """File format judged from content, after the safety checks.

    Refuses, with a specific :class:`govguide.core.errors.InputError`, empty and truncated files,
    files that are not what their name says, zip bombs, XML entity payloads, encrypted PDFs
    and scanned PDFs without a text layer, before any document parser sees the file.
    """
    from govguide.core.safety import check_content

    return check_content(path, with_parser=True)


def load_document(path: Path) -> Document:
    """Load any supported file into the intermediate document representation."""
    path = Path(path)
    fmt = detect_format(path)
    return load(path, fmt, file_sha256(path))


def choose_extractor(doc: Document) -> tuple[str | None, dict[str, float]]:
    """The best-fitting specialised layout (None when none fits) and each one's score.

    The fallback layout is not scored here: scoring it means reading the whole document,
    and :func:`extract_document` reads with it once where these layouts find nothing."""
    scores = {name: get_extractor(name).score(doc) for name in extractor_names() if name != FALLBACK_LAYOUT}
    best = max(scores, key=lambda n: scores[n]) if scores else None
    if best is None or scores[best] < MIN_LAYOUT_SCORE:
        return None, scores
    return best, scores


def extract_document(doc: Document, *, extractor: str | None = None) -> ExtractionResult:
    """Items of a loaded document; ``extractor`` forces a layout by name."""
    scores: dict[str, float] = {}
    forced = extractor is not None
    if extractor is None:
        extractor, scores = choose_extractor(doc)
    result = ExtractionResult(
        source_file=doc.path, source_sha256=doc.sha256, format=doc.format, pages=doc.pages,
        extractor=extractor, ocr_pages=doc.ocr_pages,
    )
    if forced and extractor is not None:
        result.layout_scores, result.layout_warning = forced_fit(doc, extractor)
    raw_items = get_extractor(extractor).extract(doc) if extractor is not None else []
    if not raw_items and not forced:
        # A document no specialised layout fits, or one that looks like a compilation or a
        # form but gives no item there, is read by its field labels wherever they stand.
        fallback = get_extractor(FALLBACK_LAYOUT).extract(doc)
        if fallback:
            extractor, raw_items = FALLBACK_LAYOUT, fallback
            result.extractor = extractor
    if extractor is None:
        best = max(scores.items(), key=lambda kv: kv[1]) if scores else ("none", 0.0)
        result.not_a_guide_reason = (
            "not a service guide: no item name with materials, time limit or legal basis found "
            f"(best layout {best[0]!r} fits {best[1]:.2f})"
        )
        return result
    # The issuer names itself in the title and first lines; later mentions of other places
    # (a form named after the city, a cited provincial rule) say nothing of the issuer.
    first_lines = [p.text for p in doc.paragraphs() if p.text.strip()][:6]
    title = first_lines[0] if first_lines else ""
    province = detect_province([title, doc.full_text(limit=4000)])
    region = detect_region(first_lines)
    result.items = [
        build_item(raw, doc, extractor=extractor, province=province, region=region) for raw in raw_items
    ]
    if not result.items:
        result.not_a_guide_reason = f"layout {extractor!r} found no items in this document"
    return result


def forced_fit(doc: Document, forced: str) -> tuple[dict[str, float], str | None]:
    """Every layout's score on ``doc`` and, when the ``forced`` layout fits poorly (below
    the score a layout needs to be chosen) or another fits better, a warning saying so:
    a forced layout is read as asked, but its result may be poor."""
    scores = {name: round(get_extractor(name).score(doc), 2) for name in extractor_names()}
    fit = scores.get(forced, 0.0)
    best = max(scores, key=lambda n: scores[n])
    if fit < MIN_LAYOUT_SCORE:
        return scores, (
            f"layout {forced!r} fits this document poorly ({fit:.2f}, below {MIN_LAYOUT_SCORE}); "
            f"best fit {best!r} ({scores[best]:.2f})"
        )
    if scores[best] > fit and best != forced:
        return scores, (
            f"layout {forced!r} fits {fit:.2f}; {best!r} fits better ({scores[best]:.2f})"
        )
    return scores, None


def extract_file(path: Path, *, extractor: str | None = None) -> ExtractionResult:
    """Load ``path`` and extract its items. Raises :class:`govguide.core.errors.InputError` for bad files."""
    doc = load_document(Path(path))
    return extract_document(doc, extractor=extractor)
