"""Bad and hostile files dropped into data/raw among good ones, through a real ingestion run.

Every bad file must end as a ``quarantined`` row with its specific reason, be copied (never
moved) to the quarantine area with a sidecar, the good files must still publish, and the run
must account for every input file and exit normally.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from govguide.dataset import store
from tests.robustness import bad_inputs as bad

pytestmark = pytest.mark.usefixtures("prefect_api")

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "raw" / "samples"
GOOD = ["gx_list_yibao_jingban.docx", "gx_liujiang_yibao_bujiao_zhinan.pdf"]


@pytest.fixture(scope="module")
def prefect_api():  # one temporary Prefect API for this module's flow runs
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture
def ocr_off(monkeypatch: pytest.MonkeyPatch):  # scans and glyph-number PDFs stay bad files
    from govguide.core.settings import get_settings

    monkeypatch.setenv("GOVGUIDE_OCR", "false")
    get_settings.cache_clear()
    yield
    monkeypatch.delenv("GOVGUIDE_OCR")
    get_settings.cache_clear()


@pytest.mark.usefixtures("ocr_off")
def test_bad_files_are_quarantined_and_good_files_publish(tmp_path: Path) -> None:
    """With OCR off (a setting): the bad inputs of every kind among good files. (With OCR
    on, scans and PDFs of glyph numbers are read: tests/extractors/test_ocr*.py and
    tests/robustness/test_safety.py.)"""
    from flows.ingest import run_ingest

    raw = tmp_path / "raw" / "广西"
    raw.mkdir(parents=True)
    for name in GOOD:
        shutil.copy2(SAMPLES / name, raw / name)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    expected = {
        bad.truncated_pdf(raw / "truncated.pdf").name: "corrupt",
        bad.broken_xref_pdf(raw / "broken_xref.pdf").name: "corrupt",
        bad.random_bytes(raw / "random.pdf").name: "unsupported format",
        bad.empty_file(raw / "empty.docx").name: "empty file",
        bad.docx_not_zip(raw / "not_a_zip.docx").name: "unsupported format",
        bad.zip_not_docx(raw / "zip_not_docx.docx").name: "unsupported format",
        bad.encrypted_pdf(raw / "encrypted.pdf").name: "encrypted",
        bad.scanned_pdf(raw / "scanned.pdf").name: "no text layer",
        bad.pdf_without_tounicode(raw / "no_tounicode.pdf").name: "no text layer",
        bad.docx_bomb(raw / "bomb.docx").name: "unsafe",
        bad.docx_with_doctype(raw / "xxe.docx").name: "unsafe",
        bad.docx_with_doctype(raw / "laughs.docx", bad.BILLION_LAUGHS_DOCTYPE).name: "unsafe",
        bad.copy_as(raw, "bad\x1bname.pdf").name: "unsafe",
        bad.symlink_outside(raw, outside).name: "unsafe",
    }
    out = tmp_path / "curated"
    result = run_ingest(tmp_path / "raw", out, workers=2)

    by_name = {Path(o.rel).name: o for o in result.outcomes}
    # Every input file is accounted for, good and bad.
    assert set(by_name) == set(expected) | set(GOOD)
    for name, reason in expected.items():
        outcome = by_name[name]
        assert (outcome.status, outcome.reason) == ("quarantined", reason), (name, outcome.message)
        assert outcome.message and "Traceback" not in outcome.message
    assert "ToUnicode" in (by_name["no_tounicode.pdf"].message or "")
    for name in GOOD:
        assert by_name[name].status == "extracted"
        assert (raw / name).exists()
    # Bad files stay in place; regular ones are copied to quarantine with a sidecar reason.
    assert (raw / "encrypted.pdf").exists()
    sidecars = list((out / "_quarantine").glob("*.reason.json"))
    reasons = {json.loads(p.read_text(encoding="utf-8"))["reason"] for p in sidecars}
    assert reasons == set(expected.values())
    assert not any(p.name.endswith("secret.pdf") for p in (out / "_quarantine").iterdir())

    # The good files published; the run report lists all inputs.
    version = store.latest(out)
    assert version is not None and result.summary.published
    assert {i.source_file.split("/")[-1] for i in store.read_items(version)} == set(GOOD)
    files = pq.read_table(version.table_path("files")).to_pylist()
    assert len(files) == len(expected) + len(GOOD)
    assert {f["status"] for f in files} == {"extracted", "quarantined"}
