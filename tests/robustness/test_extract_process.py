"""``govguide extract FILE`` as a whole process: the same items as the library, the file
still parsed in a worker process under time and memory limits, and nothing loaded at
start-up that the document does not need."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govguide.pipeline.single_file import extract_and_align
from tests.conftest import ROOT, SAMPLES
from tests.robustness.bad_inputs import text_pdf

GUIDE = SAMPLES / "gx_liujiang_yibao_bujiao_zhinan.pdf"

# Runs the command in this interpreter, then reports what it loaded and how its worker ran.
_PROBE = """
import json, os, sys
from govguide.cli import main
import govguide.core.isolation as isolation
sys.argv = ["govguide", "extract", sys.argv[1]]
try:
    main()
except SystemExit as exc:
    code = exc.code or 0
workers = [w.proc for w in isolation._idle]
report = {
    "code": code,
    "modules": sorted(m for m in sys.modules if "." not in m),
    "aligned": "normalizers.alignment.align" in sys.modules,
    "workers": [type(p).__name__ for p in workers],
    "worker_pids": [p.pid for p in workers],
    "pid": os.getpid(),
}
print("PROBE " + json.dumps(report), file=sys.stderr)
"""


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=300
    )


def _probe(path: Path) -> dict:
    done = _run("-c", _PROBE, str(path))
    line = next(ln for ln in done.stderr.splitlines() if ln.startswith("PROBE "))
    return json.loads(line.removeprefix("PROBE "))


@pytest.mark.parametrize("start", ["auto", "spawn"])
def test_the_command_prints_the_items_the_library_extracts(start: str) -> None:
    done = _run("-m", "govguide.cli", "extract", str(GUIDE), env={"GOVGUIDE_WORKER_START": start})
    assert done.returncode == 0, done.stderr
    printed = [json.loads(line) for line in done.stdout.splitlines()]
    expected = [item.model_dump(mode="json") for item in extract_and_align(GUIDE).items]
    assert printed == expected
    assert printed and printed[0]["canonical_name"] == "医疗保险费补缴"


def test_a_guide_is_parsed_and_aligned_in_a_forked_worker_without_heavy_imports() -> None:
    report = _probe(GUIDE)
    assert report["code"] == 0
    # Items are matched to the catalog in the worker too, under its limits: the command's
    # own process never loads the matcher (the items it prints carry their catalog item,
    # see test_the_command_prints_the_items_the_library_extracts).
    assert not report["aligned"]
    # The worker is another process, forked from the command (no second interpreter).
    assert report["workers"] == ["_Forked"]
    assert report["worker_pids"][0] != report["pid"]
    # Neither the pipeline's libraries nor jieba's full set-up are loaded for one file.
    loaded = set(report["modules"])
    assert not loaded & {"pandas", "pyarrow", "prefect", "jieba", "cn2an", "duckdb"}, loaded


def test_a_document_without_items_loads_no_matcher(tmp_path: Path) -> None:
    notice = text_pdf(tmp_path / "notice.pdf", "Meeting notice: the office moves to the third floor.")
    report = _probe(notice)
    assert report["code"] == 0
    assert not report["aligned"]
    assert not set(report["modules"]) & {"numpy", "rapidfuzz", "pandas", "jieba"}


def test_the_command_keeps_the_time_limit_of_its_worker() -> None:
    big = SAMPLES / "zj_yibao_banshi_zhinan.pdf"
    done = _run(
        "-m", "govguide.cli", "extract", str(big), env={"GOVGUIDE_EXTRACT_TIMEOUT_S": "0.05"}
    )
    assert done.returncode == 3  # the file cannot be read within its limits
    assert done.stderr.strip().endswith("extraction took longer than 0.05 s [resource limit]")
    assert done.stdout == ""


def test_the_command_keeps_the_memory_limit_of_its_worker() -> None:
    done = _run(
        "-m", "govguide.cli", "extract", str(GUIDE), env={"GOVGUIDE_EXTRACT_MEMORY_MB": "64"}
    )
    # 64 MB is less than the parser needs: the worker stops, the command says why.
    assert done.returncode == 3
    assert "[resource limit]" in done.stderr
