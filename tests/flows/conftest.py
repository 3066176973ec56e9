"""Flow tests run real Prefect flows against a temporary Prefect API (one per session)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "raw" / "samples"


@pytest.fixture(scope="session")
def prefect_api() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


def copy_samples(dest: Path, names: list[str], folder: str = "samples") -> Path:
    """Copy sample documents into ``dest/<folder>/`` (never write into data/raw)."""
    target = dest / folder
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy2(SAMPLES / name, target / name)
    return dest


def latest_artifact(key: str) -> str:
    """The Markdown of the newest Prefect artifact posted under ``key``."""
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        # The REST filter directly: one artifact by key, newest first.
        response = client.request(
            "POST",
            "/artifacts/filter",
            json={"artifacts": {"key": {"any_": [key]}}, "limit": 1, "sort": "CREATED_DESC"},
        )
    [artifact] = response.json()
    return artifact["data"]
