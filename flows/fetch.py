"""Fetching the sources into the raw folder, as a Prefect flow (``govguide-fetch``).

``govguide fetch --flow`` runs it once in embedded Prefect; the nightly deployment runs it
before ingestion (:mod:`flows.nightly`). The work is :func:`govguide.fetch.fetch_sources`;
the flow records it and posts the fetch report as a Markdown artifact
(``govguide-fetch-report``). A source that fails is a line of the report, not a failed run;
the run fails only when it cannot work at all (sources file, fetch state, lock).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from govguide.fetch import FetchOptions, FetchReport, fetch_sources, load_sources
from govguide.fetch.report import render_markdown, summary_line

FLOW_NAME = "govguide-fetch"


@task(name="fetch", task_run_name="fetch {sources}", cache_policy=NO_CACHE)
def fetch_task(sources: str, raw: str, options: FetchOptions) -> FetchReport:
    return fetch_sources(load_sources(sources), raw, options)


@flow(name=FLOW_NAME, validate_parameters=False)
def fetch(
    sources: str = "data/sources.toml",
    raw: str = "data/raw",
    options: dict[str, Any] | None = None,
) -> FetchReport:
    """Fetch every source of the ``sources`` file into ``raw``; ``options`` overrides
    :class:`govguide.fetch.FetchOptions` fields (e.g. ``{"host_interval_s": 2}``)."""
    report = fetch_task(sources, raw, replace(FetchOptions(), **(options or {})))
    try:
        create_markdown_artifact(
            markdown=render_markdown(report),
            key="govguide-fetch-report",
            description=summary_line(report),
        )
    except Exception as exc:  # noqa: BLE001 - a report that cannot be posted must not fail the run
        get_run_logger().warning("could not publish the fetch report artifact: %s", exc)
    (get_run_logger().warning if report.problems else get_run_logger().info)(summary_line(report))
    return report
