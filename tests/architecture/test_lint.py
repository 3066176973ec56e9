"""The code passes the linter configured in pyproject.toml (blank-line rules E301–E306 included),
so the rules hold in CI and not only on machines where someone remembered to run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ruff_passes() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_blank_line_rules_are_enabled() -> None:
    # A file with two functions and one blank line between them breaks E302.
    bad = "def a() -> None:\n    pass\n\ndef b() -> None:\n    pass\n"
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "json", "--stdin-filename", "probe.py", "-"],
        cwd=ROOT,
        input=bad,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert [v["code"] for v in json.loads(done.stdout)] == ["E302"], done.stdout + done.stderr
