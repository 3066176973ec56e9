"""Stopping a run: SIGTERM ends it promptly and cleanly; SIGKILL leaves no server behind.

A real ``run_ingest`` with Prefect's temporary API server runs in a child process; its one
file takes a minute to extract (:func:`tests.robustness.fault_hooks.slow_extract`), and
the signal is sent once that extraction has started in its worker.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from govguide.dataset import store

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "raw" / "samples" / "gx_liujiang_yibao_bujiao_zhinan.docx"

_RUN = textwrap.dedent(
    """
    import functools, sys
    sys.path.insert(0, sys.argv[1])
    from flows.runtime import configure_prefect
    configure_prefect(sys.argv[4])
    import flows.ingest
    from tests.robustness.fault_hooks import slow_extract
    fn = functools.partial(slow_extract, started=sys.argv[5], seconds=60)
    flows.ingest.extract_file = fn
    flows.ingest.extractor_version = lambda: "slow"
    from flows.ingest import run_ingest
    run_ingest(sys.argv[2], sys.argv[3], workers=1)
    """
)

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            state = fh.read().rsplit(b")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in (b"Z", b"X")  # a zombie holds no memory; only its entry is left


def _children(pid: int) -> dict[int, bytes]:
    found = {}
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
            if ppid == pid:
                with open(f"/proc/{entry}/cmdline", "rb") as fh:
                    found[int(entry)] = fh.read()
        except (OSError, ValueError, IndexError):
            continue
    return found


def _start(tmp_path: Path) -> tuple[subprocess.Popen[str], Path, dict[int, bytes]]:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "guide.docx").write_bytes(SAMPLE.read_bytes())
    out, started = tmp_path / "out", tmp_path / "started"
    script = tmp_path / "run.py"
    script.write_text(_RUN, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    proc = subprocess.Popen(
        [
            sys.executable,
            str(script),
            str(ROOT),
            str(raw),
            str(out),
            str(tmp_path / "home"),
            str(started),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not started.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"the run did not start extracting: {proc.communicate()[0][-3000:]}")
        time.sleep(0.2)
    children = _children(proc.pid)
    assert any(b"prefect.server.api.server" in c for c in children.values()), children
    assert any(b"_worker_main" in c for c in children.values()), children
    return proc, out, children


def _wait_gone(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = [p for p in pids if _alive(p)]
        if not left:
            return []
        time.sleep(0.2)
    return [p for p in pids if _alive(p)]


def test_sigterm_stops_the_run_promptly_and_cleanly(tmp_path: Path) -> None:
    proc, out, children = _start(tmp_path)
    sent = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    try:
        output, _ = proc.communicate(timeout=30)  # not the 60 s the extraction would take
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("SIGTERM did not stop the run")
    assert time.monotonic() - sent < 30
    assert proc.returncode != 0
    assert "stopped (SIGTERM)" in output
    assert _wait_gone(list(children), 10) == []  # worker, server and guard all stopped
    with store.run_lock(out):  # the lock was released
        pass
    assert store.latest(out) is None  # nothing published


def test_sigkill_leaves_no_prefect_server_behind(tmp_path: Path) -> None:
    proc, _, children = _start(tmp_path)
    proc.kill()
    proc.communicate()
    server = [p for p, c in children.items() if b"prefect.server.api.server" in c]
    assert _wait_gone(server, 15) == []
    assert _wait_gone(list(children), 15) == []
