"""A full disk or an unwritable cache: a plain message and no litter, never a traceback."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from govguide.dataset import schema, store
from tests.store.conftest import gold_guide_items

ROOT = Path(__file__).resolve().parents[2]

# Files may not grow past a few kilobytes in the child: writes fail with EFBIG exactly as
# they fail with ENOSPC on a full disk (SIGXFSZ ignored, as a process does not die of it).
_FULL_DISK = textwrap.dedent(
    """
    import resource, signal, sys
    sys.path.insert(0, sys.argv[1])
    from govguide.dataset import schema
    from govguide.dataset import store
    from govguide.core.errors import PublishError
    from tests.store.conftest import gold_guide_items
    items = gold_guide_items()
    items[0].item_name = "磁盘已满时的名字"
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, resource.RLIM_INFINITY))
    try:
        store.publish(sys.argv[2], schema.items_to_tables(items))
    except PublishError as exc:
        print(exc)
        sys.exit(3)
    """
)


def test_full_disk_during_publish_is_one_message_and_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = store.publish(out, schema.items_to_tables(gold_guide_items())).version
    script = tmp_path / "full.py"
    script.write_text(_FULL_DISK, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(script), str(ROOT), str(out)], capture_output=True, text=True
    )
    assert proc.returncode == 3, proc.stderr
    assert "cannot write version" in proc.stdout and "File too large" in proc.stdout
    assert "Traceback" not in proc.stderr
    assert store.latest(out).id == first.id
    assert [p.name for p in out.iterdir() if p.name.startswith(".tmp-")] == []


@pytest.fixture(scope="module")
def prefect_api():  # one temporary Prefect API for this module's flow runs
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.mark.usefixtures("prefect_api")
def test_unwritable_cache_still_publishes(tmp_path: Path) -> None:
    from flows.ingest import run_ingest

    raw = tmp_path / "raw"
    raw.mkdir()
    sample = ROOT / "data" / "raw" / "samples" / "gx_liujiang_yibao_bujiao_zhinan.docx"
    (raw / "guide.docx").write_bytes(sample.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    (out / ".cache").write_text("not a folder")  # every write below it fails
    summary = run_ingest(raw, out, workers=1).summary
    assert summary.ok and summary.published, summary.message
    assert store.latest(out).rows("items") == summary.items > 0
    assert "extraction cache could not be written" in summary.message
    assert summary.report_path and Path(summary.report_path).is_file()
