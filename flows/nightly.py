"""The nightly run: fetch the sources into the raw folder, then ingest it.

This is what the nightly deployment runs (``govguide serve``, ``prefect.yaml``). Both steps
are flows of their own (:mod:`flows.fetch`, :mod:`flows.ingest`) and show as subflow runs.
With ``sources`` None the fetch is left out and the night only ingests what is in ``raw``
(a folder filled by other means). A sources file that cannot be read stops the night before
ingestion, so a broken configuration is seen at once rather than as a quiet night; single
sources that fail do not (they are in the fetch report).
"""

from __future__ import annotations

from prefect import flow

from flows.fetch import fetch
from flows.ingest import RunResult, ingest

FLOW_NAME = "govguide-nightly"


@flow(name=FLOW_NAME, validate_parameters=False)
def nightly(
    raw: str = "data/raw",
    out: str = "data/curated",
    sources: str | None = "data/sources.toml",
    lock_timeout: float = 0.0,
    overrides: str | None = None,
) -> RunResult:
    """Fetch ``sources`` into ``raw`` (unless None), then ingest ``raw`` into ``out``."""
    if sources:
        fetch(sources=sources, raw=raw)
    return ingest(raw=raw, out=out, lock_timeout=lock_timeout, overrides=overrides)
