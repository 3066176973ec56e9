"""Only verdicts that depend on the bytes alone are cached, under the settings they used."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractors.extract import extract_file
from govguide.core.settings import get_settings
from govguide.dataset.extraction_cache import ExtractionCache, cache_version
from govguide.pipeline.extraction import extract_one
from tests.robustness import bad_inputs as bad
from tests.robustness.fault_hooks import parse_starved


def _outcome(path: Path, root: Path, out: Path, extract, version: str = "v1"):  # noqa: ANN001, ANN202
    cache = ExtractionCache(out, version)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    outcome = extract_one(
        path, path.name, digest, None, extract=extract, isolate=True, cache=cache, root=root
    )
    return outcome, cache, digest


def test_parse_error_under_memory_pressure_is_a_resource_limit_not_cached(tmp_path: Path) -> None:
    root = tmp_path / "raw"
    root.mkdir()
    big = root / "big.xml"
    big.write_bytes(b"<r>" + b"<a>xxxxxxxxxxxxxxxx</a>" * 2_000_000 + b"</r>")
    starved = functools.partial(parse_starved, headroom_mb=250)
    outcome, cache, digest = _outcome(big, root, tmp_path / "out", starved)
    assert (outcome.status, outcome.reason) == ("quarantined", "resource limit"), outcome.message
    assert "ran out of memory" in (outcome.message or "")
    assert not cache.put(outcome) and cache.peek(digest) is None

    # Truly malformed XML, with memory to spare, stays a cached verdict on the file.
    broken = root / "broken.xml"
    broken.write_bytes(b"<r><a>unclosed</r>")
    plain = functools.partial(parse_starved, headroom_mb=None)
    outcome, cache, digest = _outcome(broken, root, tmp_path / "out", plain)
    assert (outcome.status, outcome.reason) == ("quarantined", "corrupt"), outcome.message
    assert cache.put(outcome) and cache.peek(digest).reason == "corrupt"


@pytest.fixture
def strict_then_lenient(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    get_settings.cache_clear()
    yield monkeypatch
    monkeypatch.undo()
    get_settings.cache_clear()


def test_settings_that_change_a_verdict_are_in_the_cache_key_and_reach_the_worker(
    tmp_path: Path, strict_then_lenient: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "raw"
    root.mkdir()
    pdf = bad.broken_xref_pdf(root / "broken_xref.pdf")
    strict_then_lenient.setenv("GOVGUIDE_PDF_STRICT_XREF", "true")
    get_settings.cache_clear()
    strict = cache_version("x")
    outcome, _, _ = _outcome(pdf, root, tmp_path / "out", extract_file, strict)
    assert (outcome.status, outcome.reason) == ("quarantined", "corrupt")

    # The documented remedy: the same bytes under other settings are another cache entry,
    # and the (reused) worker extracts with the new setting.
    strict_then_lenient.setenv("GOVGUIDE_PDF_STRICT_XREF", "false")
    get_settings.cache_clear()
    lenient = cache_version("x")
    assert lenient != strict
    outcome, cache, digest = _outcome(pdf, root, tmp_path / "out", extract_file, lenient)
    assert outcome.status != "quarantined", outcome.message
    assert ExtractionCache(tmp_path / "out", strict).peek(digest) is None
    assert cache.peek(digest) is not None and cache.peek(digest).status == outcome.status


def test_turning_ocr_off_is_another_cache_key_and_reaches_the_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "raw"
    root.mkdir()
    glyphs = bad.pdf_without_tounicode(root / "glyphs.pdf", bad.SAMPLES / "lz_yibao_tongzhi_2021_9.pdf")
    monkeypatch.setenv("GOVGUIDE_OCR", "true")
    get_settings.cache_clear()
    with_ocr = cache_version("x")
    monkeypatch.setenv("GOVGUIDE_OCR", "false")
    get_settings.cache_clear()
    without = cache_version("x")
    assert with_ocr != without
    # The worker is given the setting with the file (a reused one may have started with OCR on).
    outcome, _, _ = _outcome(glyphs, root, tmp_path / "out", extract_file, without)
    assert (outcome.status, outcome.reason) == ("quarantined", "no text layer")
    assert "ToUnicode" in (outcome.message or "")
    get_settings.cache_clear()
