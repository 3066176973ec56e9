"""What a run's steps share is decided once, when the run starts."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from extractors.extract import extract_file, extractor_version
from flows.run_context import RunContext
from flows.runtime import default_workers
from govguide.core.settings import get_settings
from govguide.dataset.extraction_cache import cache_version


def _start(tmp_path: Path, **options: object) -> RunContext:
    return RunContext.start(
        tmp_path / "data" / "raw",
        tmp_path / "data" / "curated",
        extract=extract_file,
        extractor_version=extractor_version(),
        logger=logging.getLogger("test"),
        **options,
    )


def test_workers_are_one_per_cpu_unless_given(tmp_path: Path) -> None:
    assert _start(tmp_path).workers == default_workers()
    assert _start(tmp_path, workers=3).workers == 3


def test_the_overrides_file_is_found_from_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GOVGUIDE_OVERRIDES", raising=False)
    found = _start(tmp_path)
    assert found.overrides_file == (tmp_path / "data" / "reference" / "overrides.csv").resolve()
    assert not found.overrides_required  # found, not named: it may be missing
    named = _start(tmp_path, overrides=tmp_path / "mine.csv")
    assert named.overrides_file == (tmp_path / "mine.csv").resolve()
    assert named.overrides_required


def test_the_cache_is_keyed_by_the_extractor_and_its_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = _start(tmp_path)
    assert ctx.cache.root == tmp_path / "data" / "curated" / ".cache" / "extract"
    assert ctx.cache.version == cache_version(extractor_version())
    assert ctx.cache.version.startswith(extractor_version() + "-")
    # Other extraction settings, another key: a verdict given under them is not reused.
    monkeypatch.setenv("GOVGUIDE_PDF_STRICT_XREF", "false")
    get_settings.cache_clear()
    try:
        assert _start(tmp_path).cache.version != ctx.cache.version
    finally:
        monkeypatch.delenv("GOVGUIDE_PDF_STRICT_XREF")
        get_settings.cache_clear()


def test_the_summary_starts_empty_with_the_run(tmp_path: Path) -> None:
    ctx = _start(tmp_path)
    assert ctx.summary.raw == str(tmp_path / "data" / "raw")
    assert ctx.summary.started_at == ctx.started.isoformat(timespec="seconds")
    assert ctx.summary.files == 0 and not ctx.summary.published
    assert ctx.run_id.startswith(ctx.started.strftime("%Y%m%dT%H%M%S"))
