"""The nightly run: fetch the sources into the raw folder, then ingest it.

This is what the nightly deployment runs (``govguide serve``, ``prefect.yaml``). Both steps
are flows of their own (:mod:`flows.fetch`, :mod:`flows.ingest`) and show as subflow runs.
With ``sources`` None the fetch is left out and the night only ingests what is in ``raw``
(a folder filled by other means). A sources file that cannot be read stops the night before
ingestion, so a broken configuration is seen at once rather than as a quiet night; single
sources that fail do not (they are in the fetch report).
"""

from __future__ import annotations

from prefect import flow, get_run_logger

from flows.fetch import fetch
from flows.ingest import RunResult, ingest
from flows.runlog import announce
from govguide.core.errors import GovguideError

FLOW_NAME = "govguide-nightly"


@flow(name=FLOW_NAME, validate_parameters=False)
def nightly(
    raw: str = "data/raw",
    out: str = "data/curated",
    sources: str | None = "data/sources.toml",
    lock_timeout: float = 0.0,
    overrides: str | None = None,
    workers: int | None = None,
) -> RunResult:
    """Fetch ``sources`` into ``raw`` (unless None), then ingest ``raw`` into ``out``
    extracting ``workers`` files in parallel (default: CPU count)."""
    from flows.runtime import make_task_runner

    announce(f"nightly run started: {'fetch ' + sources + ', ' if sources else ''}ingest {raw} → {out}")
    try:
        if sources:
            fetch(sources=sources, raw=raw)
        run = ingest.with_options(task_runner=make_task_runner(workers)) if workers else ingest
        result = run(
            raw=raw, out=out, lock_timeout=lock_timeout, overrides=overrides, workers=workers
        )
    except GovguideError as exc:
        announce(f"nightly run failed: {exc} [{exc.reason}]")
        raise
    summary = result.summary
    line = f"nightly run finished: {summary.files} files, {summary.message} ({summary.seconds:.1f} s)"
    get_run_logger().info(line)
    announce(line)
    return result
