"""Transient errors are retried, then reported; nothing is published while files fail."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import pytest

from govguide.dataset import store
from tests.flows.conftest import SAMPLES
from tests.flows.fake_extract import flaky_extract, use_extractor

pytestmark = pytest.mark.usefixtures("prefect_api")

GOOD = "gx_liujiang_yibao_bujiao_zhinan.docx"


@pytest.fixture
def fake_extractor(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fn = functools.partial(flaky_extract, marker_dir=str(tmp_path))
    use_extractor(monkeypatch, fn, "test-fake")


OTHER = "cq_youyang_fuwu_zhinan.docx"


def _raw(tmp_path: Path, *names: str, sample: dict[str, str] | None = None) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in names:
        shutil.copy2(SAMPLES / (sample or {}).get(name, GOOD), raw / name)
    return raw


def test_transient_failure_is_retried_then_succeeds(tmp_path: Path, fake_extractor: None) -> None:
    from flows.ingest import run_ingest

    raw = _raw(tmp_path, "flaky.docx", "crash.docx")
    result = run_ingest(raw, tmp_path / "out", workers=1)
    by_rel = {o.rel: o for o in result.outcomes}
    assert by_rel["flaky.docx"].status == "extracted"
    assert by_rel["flaky.docx"].attempts == 2
    # An unexpected exception is no reason to retry: quarantined with what happened.
    assert by_rel["crash.docx"].status == "quarantined"
    assert by_rel["crash.docx"].attempts == 1
    assert "IndexError" in by_rel["crash.docx"].message
    assert result.summary.published and result.summary.exit_code == 0


def test_persistent_transient_failure_publishes_nothing(
    tmp_path: Path, fake_extractor: None
) -> None:
    from flows.ingest import RETRIES, run_ingest

    raw = _raw(tmp_path, "good.docx", "offline.docx", sample={"offline.docx": OTHER})
    result = run_ingest(raw, tmp_path / "out", workers=1)
    by_rel = {o.rel: o for o in result.outcomes}
    assert by_rel["offline.docx"].status == "failed"
    assert by_rel["offline.docx"].reason == "transient"
    assert by_rel["good.docx"].status == "extracted"
    assert result.summary.failed == ["offline.docx"]
    assert not result.summary.published and result.summary.exit_code == 1
    assert store.latest(tmp_path / "out") is None
    # The failure is not cached: a later run tries again (and the good file is cached).
    (raw / "offline.docx").rename(raw / "back.docx")
    again = run_ingest(raw, tmp_path / "out", workers=1)
    assert {o.rel: o.status for o in again.outcomes} == {
        "back.docx": "extracted",
        "good.docx": "unchanged",
    }
    assert again.summary.published
    assert RETRIES >= 1


def test_second_run_on_locked_output_stops_with_clear_message(tmp_path: Path) -> None:
    import subprocess
    import sys

    from flows.ingest import run_ingest

    out = tmp_path / "out"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys,time\nfrom govguide.dataset.store import run_lock\n"
            "with run_lock(sys.argv[1]):\n    print('held', flush=True)\n    time.sleep(60)\n",
            str(out),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(store.LockedError, match="another govguide run"):
            run_ingest(_raw(tmp_path, GOOD), out, workers=1, lock_timeout=0.2)
    finally:
        holder.kill()
        holder.wait()


def test_invalid_data_is_reported_and_not_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.ingest import run_ingest
    from govguide.dataset.validate import ValidationError
    from tests.flows.fake_extract import negative_days_extract

    use_extractor(monkeypatch, negative_days_extract, "test-bad")
    out = tmp_path / "out"
    with pytest.raises(ValidationError, match="promised_days") as err:
        run_ingest(_raw(tmp_path, GOOD), out, workers=1)
    assert store.latest(out) is None
    report = Path(err.value.run_report).read_text(encoding="utf-8")
    assert "nothing published" in report and GOOD in report
