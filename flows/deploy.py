"""The nightly deployment: fetch the sources, then ingest.

``govguide serve`` (or ``python -m flows.deploy``) registers the deployment and serves it
from this process: every night at 02:00 Asia/Shanghai time Prefect starts a run of
:func:`flows.nightly.nightly`, which fetches the sources file into the raw folder
(:mod:`flows.fetch`) and then runs :func:`flows.ingest.ingest` on it. Serving needs a Prefect API that stays up between runs, so
point ``PREFECT_API_URL`` at a server first (``prefect server start`` in another terminal,
then ``export PREFECT_API_URL=http://127.0.0.1:4200/api``); in embedded mode the schedule
would only live as long as the command. ``prefect.yaml`` declares the same deployment for
``prefect deploy`` with a work pool.
"""

from __future__ import annotations

DEPLOYMENT_NAME = "nightly"
NIGHTLY_CRON = "0 2 * * *"
TIMEZONE = "Asia/Shanghai"


def nightly_schedule(cron: str = NIGHTLY_CRON, timezone: str = TIMEZONE):  # type: ignore[no-untyped-def]
    from prefect.schedules import Cron

    return Cron(cron, timezone=timezone)


def build_deployment(
    raw: str = "data/raw",
    out: str = "data/curated",
    cron: str = NIGHTLY_CRON,
    timezone: str = TIMEZONE,
    sources: str | None = "data/sources.toml",
):  # type: ignore[no-untyped-def]
    """The nightly deployment of :func:`flows.nightly.nightly` (not yet registered);
    ``sources`` None ingests ``raw`` without fetching."""
    from flows.nightly import nightly

    return nightly.to_deployment(
        name=DEPLOYMENT_NAME,
        schedule=nightly_schedule(cron, timezone),
        parameters={"raw": raw, "out": out, "sources": sources},
        description="Fetch the sources into raw, ingest every guide under raw and publish a "
        "new dataset version if anything changed.",
        tags=["govguide", "nightly"],
    )


def serve(
    raw: str = "data/raw",
    out: str = "data/curated",
    cron: str = NIGHTLY_CRON,
    timezone: str = TIMEZONE,
    sources: str | None = "data/sources.toml",
) -> None:
    """Register the nightly deployment and serve it until interrupted (Ctrl-C)."""
    from prefect import serve as serve_deployments

    serve_deployments(build_deployment(raw, out, cron, timezone, sources))


if __name__ == "__main__":
    from flows.runtime import configure_prefect

    configure_prefect()
    serve()
