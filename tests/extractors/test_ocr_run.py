"""Scans through a real ingestion run: read by OCR in the extraction worker, marked in the
published items, reported in the run report, and not read again when unchanged."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from govguide import store
from tests.conftest import SAMPLES
from tests.extractors import scans
from tests.extractors.test_ocr import png_page

SCAN = "sd_jinan_yidi_changju_beian_zhinan"
TEXT = "gx_liujiang_yibao_bujiao_zhinan.pdf"


@pytest.fixture(scope="module")
def prefect_api() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.mark.usefixtures("prefect_api")
def test_scans_are_read_marked_reported_and_cached(tmp_path: Path) -> None:
    from flows.ingest import run_ingest

    raw = tmp_path / "raw" / "山东"
    raw.mkdir(parents=True)
    shutil.copy2(scans.scan_of(SCAN), raw / "scan.pdf")
    shutil.copy2(png_page(), raw / "photo.png")
    shutil.copy2(SAMPLES / TEXT, raw / TEXT)
    out = tmp_path / "curated"

    first = run_ingest(tmp_path / "raw", out, workers=1)
    by_name = {Path(o.rel).name: o for o in first.outcomes}
    assert {n: o.status for n, o in by_name.items()} == dict.fromkeys(
        ["scan.pdf", "photo.png", TEXT], "extracted"
    ), {n: o.message for n, o in by_name.items()}
    assert (by_name["scan.pdf"].ocr_pages, by_name["photo.png"].ocr_pages, by_name[TEXT].ocr_pages) == (2, 1, 0)

    version = store.latest(out)
    assert version is not None
    items = store.read_table(version, "items").to_pylist()
    marked = {Path(i["source_file"]).name: i["ocr"] for i in items}
    assert marked == {"scan.pdf": True, "photo.png": True, TEXT: False}
    for item in items:
        confident = [p["confidence"] is not None for p in item["provenance"]]
        assert all(confident) if item["ocr"] else not any(confident)

    report = next((out / "_runs").glob("*.md")).read_text(encoding="utf-8")
    assert "scans read by OCR: 2 files, 3 pages" in report
    assert "| 2 (2 OCR) |" in report

    # Unchanged scans come from the extraction cache: nothing is read by OCR again.
    second = run_ingest(tmp_path / "raw", out, workers=1)
    assert {o.status for o in second.outcomes} == {"unchanged"}
