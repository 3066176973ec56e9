"""Whole-process latency: ``govguide extract FILE`` as a user runs it, against a bare
pdfplumber text dump of the same file run the same way, and ``govguide --help``.

Every figure is the wall time of a new Python process (interpreter start, imports, the
isolated extraction worker, alignment, output) — what re-running one extractor ad hoc on
one file costs — best of ``repeat`` after one untimed run (which also fills the
segmentation dictionary's cache, as any earlier run on the machine would have). Used by
:mod:`benchmarks.run`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# The reference: pdfplumber's plain text of every page, nothing else.
PLUMBER_TEXT = (
    "import sys, pdfplumber\n"
    "with pdfplumber.open(sys.argv[1]) as pdf:\n"
    "    for page in pdf.pages:\n"
    "        page.extract_text()\n"
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # The checkout's code first, as when govguide is installed from it.
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


def wall_times(cmds: list[list[str]], repeat: int) -> list[float]:
    """Best wall time of each command over ``repeat`` rounds, after one untimed round. The
    commands take turns in each round, so all of them see the same machine load. A failing
    command raises: the figure of a broken run would mean nothing."""
    env = _env()
    best = [float("inf")] * len(cmds)
    for round_no in range(max(1, repeat) + 1):
        for k, cmd in enumerate(cmds):
            start = time.perf_counter()
            done = subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True)
            seconds = time.perf_counter() - start
            if done.returncode != 0:
                raise RuntimeError(
                    f"{' '.join(cmd)} exited {done.returncode}: {done.stderr.strip()[-500:]}"
                )
            if round_no:
                best[k] = min(best[k], seconds)
    return best


def govguide_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "govguide.cli", *args]


def process_latency(pdfs: list[Path], repeat: int = 3) -> dict[str, Any]:
    """Seconds per whole process for each PDF (govguide extract, pdfplumber text dump) and
    for ``govguide --help``; ratio > 1: govguide answers faster than the text dump."""
    rows = []
    for path in pdfs:
        gov, plumber = wall_times(
            [govguide_cmd("extract", str(path)), [sys.executable, "-c", PLUMBER_TEXT, str(path)]],
            repeat,
        )
        rows.append({"file": path.name, "govguide_extract_s": gov, "pdfplumber_text_s": plumber,
                     "ratio_to_pdfplumber_text": plumber / gov if gov > 0 else None})
    (help_s,) = wall_times([govguide_cmd("--help")], repeat)
    return {"repeat": repeat, "files": rows, "help_s": help_s}
