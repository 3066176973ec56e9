"""The nightly deployment of the ingestion flow.

``govguide serve`` (or ``python -m flows.deploy``) registers the deployment and serves it
from this process: every night at 02:00 Asia/Shanghai time Prefect starts a run of
:func:`flows.ingest.ingest`. Serving needs a Prefect API that stays up between runs, so
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
):  # type: ignore[no-untyped-def]
    """The nightly deployment of :func:`flows.ingest.ingest` (not yet registered)."""
    from flows.ingest import ingest

    return ingest.to_deployment(
        name=DEPLOYMENT_NAME,
        schedule=nightly_schedule(cron, timezone),
        parameters={"raw": raw, "out": out},
        description="Ingest every guide under raw and publish a new dataset version if anything changed.",
        tags=["govguide", "nightly"],
    )


def serve(
    raw: str = "data/raw",
    out: str = "data/curated",
    cron: str = NIGHTLY_CRON,
    timezone: str = TIMEZONE,
) -> None:
    """Register the nightly deployment and serve it until interrupted (Ctrl-C)."""
    from prefect import serve as serve_deployments

    serve_deployments(build_deployment(raw, out, cron, timezone))


if __name__ == "__main__":
    from flows.runtime import configure_prefect

    configure_prefect()
    serve()
