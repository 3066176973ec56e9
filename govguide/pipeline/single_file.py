"""One file extracted and aligned, as ``govguide extract`` shows it (no dataset involved)."""

from __future__ import annotations

from pathlib import Path

from govguide.core.errors import InputError
from govguide.core.models import ExtractionResult


def extract_and_align(
    path: str | Path, extractor: str | None = None, overrides: str | Path | None = None
) -> ExtractionResult:
    """Extract ``path`` (layout forced with ``extractor``) in an isolated worker process and
    align its items to the catalog, reviewers' overrides applied."""
    from govguide.core.isolation import run_isolated
    from govguide.core.settings import get_settings

    if not Path(path).is_file():
        raise InputError(f"{path}: no such file")
    settings = get_settings()
    # A hostile file cannot hang or exhaust the caller: it fails with a clear reason. The
    # worker aligns too, so everything a file's size drives (a 100,000-row table's items,
    # their matching) runs under the same time and memory limits.
    return run_isolated(
        _extract_and_align,
        Path(path),
        extractor,
        str(overrides) if overrides is not None else None,
        timeout_s=settings.extract_timeout_s,
        memory_mb=settings.extract_memory_mb,
    )


def _extract_and_align(path: Path, extractor: str | None, overrides: str | None) -> ExtractionResult:
    from extractors.extract import extract_file

    result = extract_file(path, extractor=extractor)
    if not result.items:
        # Nothing to align: the catalog, the segmentation dictionary and the matcher's
        # imports are not worth loading.
        return result
    from normalizers.alignment.align import align_items, apply_alignment
    from normalizers.alignment.overrides import load_overrides

    matches = align_items(result.items, overrides=load_overrides(overrides))
    result.items = apply_alignment(result.items, matches)
    return result
