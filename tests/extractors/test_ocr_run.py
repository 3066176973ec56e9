"""Scans through a real ingestion run: read by OCR in the extraction worker, marked in the
published items, reported in the run report, and not read again when unchanged."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from govguide.dataset import store
from tests.conftest import SAMPLES
from tests.extractors import scans
from tests.extractors.test_ocr import png_page

TEXT = "gx_liujiang_yibao_bujiao_zhinan.pdf"


@pytest.fixture(scope="module")
def prefect_api() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.mark.usefixtures("prefect_api")
def test_scans_are_read_marked_reported_and_cached(tmp_path: Path) -> None:
    from flows.ingest import run_ingest

    raw = tmp_path / "raw" / "广西"
    raw.mkdir(parents=True)
    shutil.copy2(png_page(), raw / "photo.png")
    # Not a guide page, but a scan: quarantined when OCR finds nothing on it.
    scans.image_pdf([Image.new("L", (1240, 1754), 255)], raw / "blank_scan.pdf")
    shutil.copy2(SAMPLES / TEXT, raw / TEXT)
    out = tmp_path / "curated"

    first = run_ingest(tmp_path / "raw", out, workers=1)
    by_name = {Path(o.rel).name: o for o in first.outcomes}
    assert {n: (o.status, o.reason) for n, o in by_name.items()} == {
        "photo.png": ("extracted", None),
        TEXT: ("extracted", None),
        "blank_scan.pdf": ("quarantined", "no text layer"),
    }, {n: o.message for n, o in by_name.items()}
    assert "OCR found no text" in (by_name["blank_scan.pdf"].message or "")
    assert (by_name["photo.png"].ocr_pages, by_name[TEXT].ocr_pages) == (1, 0)

    version = store.latest(out)
    assert version is not None
    items = store.read_table(version, "items").to_pylist()
    marked = {Path(i["source_file"]).name: i["ocr"] for i in items}
    assert marked == {"photo.png": True, TEXT: False}
    for item in items:
        confident = [p["confidence"] is not None for p in item["provenance"]]
        assert all(confident) if item["ocr"] else not any(confident)

    report = next((out / "_runs").glob("*.md")).read_text(encoding="utf-8")
    assert "scans read by OCR: 1 files, 1 pages (items marked `ocr`); 1 quarantined as `no text layer`" in report
    assert "| 1 (1 OCR) |" in report

    # Unchanged scans come from the extraction cache: nothing is read by OCR again.
    second = run_ingest(tmp_path / "raw", out, workers=1)
    assert {Path(o.rel).name: o.status for o in second.outcomes} == {
        "photo.png": "unchanged", TEXT: "unchanged", "blank_scan.pdf": "quarantined",
    }
