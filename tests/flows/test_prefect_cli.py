"""Prefect's own CLI and ``prefect deploy`` against a local ``prefect server start``, and
what govguide's commands leave there and print: run names, step logs, one-line errors.

The FastAPI pin matters here: from FastAPI 0.151 an explicit ``null`` in a request body is
validated instead of taking the parameter's default, and Prefect's CLI sends ``limit: null``,
so every ``ls`` command and ``prefect deploy`` failed with HTTP 422.
"""

from __future__ import annotations

import logging
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from govguide.dataset import store
from tests.flows.conftest import copy_samples
from tests.flows.prefect_server import ROOT, PrefectServer, prefect_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrefectServer]:
    with prefect_server(tmp_path_factory.mktemp("prefect-home")) as s:
        yield s


def test_prefect_deploy_registers_both_deployments_and_ls_lists_them(
    server: PrefectServer,
) -> None:
    pool = server.prefect("work-pool", "create", "govguide", "--type", "process")
    assert pool.returncode == 0, pool.stdout + pool.stderr
    deploy = server.prefect("--no-prompt", "deploy", "--all")
    try:
        assert deploy.returncode == 0, deploy.stdout + deploy.stderr
        listed = server.prefect("deployment", "ls")
        assert listed.returncode == 0, listed.stdout + listed.stderr
        assert "govguide-nightly/nightly" in listed.stdout
        assert "govguide-extract/adhoc" in listed.stdout
        for command in (("flow-run", "ls"), ("artifact", "ls"), ("flow", "ls")):
            result = server.prefect(*command)
            assert result.returncode == 0, result.stdout + result.stderr
            # The API's refusal (httpx: "Client error '422 Unprocessable Entity'"), not the digits
            # 422 that a run id or a timestamp in the listing may hold.
            assert "Unprocessable" not in result.stdout + result.stderr
        # The server's scheduler creates the nightly runs of the deployed schedule.
        deadline = time.monotonic() + 60
        while not _scheduled_runs(server, "nightly"):
            assert time.monotonic() < deadline, "no scheduled run of the nightly deployment"
            time.sleep(1)
    finally:  # the serve test registers its own nightly deployment on this server
        for name in ("govguide-nightly/nightly", "govguide-extract/adhoc"):
            server.prefect("deployment", "delete", name)


def _error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The one line an expected failure prints: nothing else on stderr or stdout."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), result.stderr
    assert result.stdout == ""
    return lines[0]


def test_a_run_is_named_and_logs_each_step_to_the_server(
    server: PrefectServer, tmp_path: Path
) -> None:
    raw = copy_samples(tmp_path / "raw", ["gx_liujiang_yibao_bujiao_zhinan.docx"])
    out = tmp_path / "curated"
    result = server.govguide("run", "--raw", str(raw), "--out", str(out), "--workers", "1")
    assert result.returncode == 0, result.stderr
    # The report is the command's output; nothing of Prefect's on the terminal.
    assert "published version" in result.stdout
    assert result.stderr == "", result.stderr
    [run] = server.post(
        "/flow_runs/filter", {"flows": {"name": {"any_": ["govguide-ingest"]}}, "limit": 5}
    )
    assert re.fullmatch(r"ingest-\d{8}T\d{6}Z-1files", run["name"]), run["name"]
    logs = server.post(
        "/logs/filter", {"logs": {"flow_run_id": {"any_": [run["id"]]}}, "limit": 200}
    )
    info = [log["message"] for log in logs if log["level"] == logging.INFO]
    version = store.latest(out).id
    assert any(m.startswith("1 files under ") and "1 to extract" in m for m in info), info
    assert any(m.startswith("extracted 1 files") and ": 1 items" in m for m in info), info
    assert any("1 extracted; 0 quarantined, 0 failed" in m for m in info), info
    assert any(m == f"published version {version}" for m in info), info


def test_expected_failures_print_one_error_line_with_their_exit_status(
    server: PrefectServer, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = server.govguide("run", "--raw", str(empty), "--out", str(tmp_path / "o1"))
    assert result.returncode == 5
    assert "no input files under" in _error_line(result)

    raw = copy_samples(tmp_path / "raw", ["gx_liujiang_yibao_bujiao_zhinan.docx"])
    out = tmp_path / "o2"
    with store.run_lock(out):
        result = server.govguide("run", "--raw", str(raw), "--out", str(out))
    assert result.returncode == 4
    assert "another govguide run is writing to" in _error_line(result)

    junk = tmp_path / "BAD.pdf"
    junk.write_bytes(b"not a pdf at all " * 30)
    result = server.govguide("extract", str(junk), "--flow")
    assert result.returncode == 3
    assert _error_line(result).endswith("[unsupported format]")


def test_serve_prints_a_line_per_run_and_stops_cleanly_on_sigterm(
    server: PrefectServer, tmp_path: Path
) -> None:
    raw = copy_samples(tmp_path / "raw", ["gx_liujiang_yibao_bujiao_zhinan.docx"])
    out = tmp_path / "curated"
    # The runner looks for due runs every second instead of every ten.
    env = {**server.env, "PREFECT_RUNNER_POLL_FREQUENCY": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "govguide.cli", "serve", "--no-fetch", "--raw", str(raw),
         "--out", str(out), "--workers", "1"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stderr), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 120
        while not _served(server):
            assert proc.poll() is None and time.monotonic() < deadline, lines
            time.sleep(1)
        started = server.prefect("deployment", "run", "govguide-nightly/nightly")
        assert started.returncode == 0, started.stdout + started.stderr
        while not any("nightly run finished" in line for line in lines):
            assert proc.poll() is None and time.monotonic() < deadline, lines
            time.sleep(1)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        reader.join(timeout=10)
    text = "".join(lines)
    assert proc.returncode == 0, text
    assert "never awaited" not in text and "Traceback" not in text, text
    assert any(line.split(" ", 2)[2].startswith("serving govguide-nightly/nightly") for line in lines)
    [finished] = [line for line in lines if "nightly run finished" in line]
    assert "1 files, published version" in finished
    assert lines[-1].rstrip().endswith("stopped serving"), text


def _scheduled_runs(server: PrefectServer, deployment: str) -> list[dict[str, object]]:
    [found] = server.post("/deployments/filter", {"deployments": {"name": {"any_": [deployment]}}})
    return server.post(
        "/flow_runs/filter",
        {
            "deployments": {"id": {"any_": [found["id"]]}},
            "flow_runs": {"state": {"type": {"any_": ["SCHEDULED"]}}},
        },
    )


def _served(server: PrefectServer) -> bool:
    """The nightly deployment is registered by the serving process (no work pool)."""
    found = server.post("/deployments/filter", {"deployments": {"name": {"any_": ["nightly"]}}})
    return any(d["work_pool_name"] is None for d in found)
