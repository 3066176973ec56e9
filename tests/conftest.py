"""Shared fixtures: the shipped sample documents and the hand-checked gold items."""

from __future__ import annotations

import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest

# Before anything imports Prefect: tests never touch ~/.prefect and keep Prefect's logs quiet.
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="govguide-test-prefect-"))
# govguide's log file (flows.runlog) goes there too, never to the home directory.
os.environ.setdefault("GOVGUIDE_STATE_DIR", os.environ["PREFECT_HOME"])
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# Nor ~/.cache: the segmentation dictionary is built once per test session, in a private folder.
os.environ.setdefault("GOVGUIDE_CACHE_DIR", tempfile.mkdtemp(prefix="govguide-test-cache-"))

from extractors.extract import extract_file
from govguide.core.models import ExtractionResult

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "raw" / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLD_PATH = FIXTURES / "gold_seeds.json"


@cache
def extracted(path: Path) -> ExtractionResult:
    """Extraction of a sample, computed once per test session (results are not mutated)."""
    return extract_file(path)


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.suffix.lower() in (".pdf", ".docx"))


@pytest.fixture(scope="session")
def gold_items() -> list[dict[str, Any]]:
    return json.loads(GOLD_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def gold_by_file(gold_items: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    by_file: dict[str, list[dict[str, Any]]] = {}
    for g in gold_items:
        by_file.setdefault(g["file"], []).append(g)
    return by_file


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        help="Rewrite tests/golden/*.json from the current extraction output (review the diff!).",
    )
