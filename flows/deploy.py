"""The nightly deployment: fetch the sources, then ingest.

``govguide serve`` (or ``python -m flows.deploy``) registers the deployment and serves it
from this process: every night at 02:00 Asia/Shanghai time Prefect starts a run of
:func:`flows.nightly.nightly`, which fetches the sources file into the raw folder
(:mod:`flows.fetch`) and then runs :func:`flows.ingest.ingest` on it. Without
``PREFECT_API_URL`` it serves from an embedded Prefect: the schedule and run history last as
long as the command. Against a server (``prefect server start``, then
``export PREFECT_API_URL=http://127.0.0.1:4200/api``) they outlast it and show in the UI.
``prefect.yaml`` declares the same deployment for ``prefect deploy`` with a work pool.
"""

from __future__ import annotations

from typing import Any

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
    *,
    workers: int | None = None,
    overrides: str | None = None,
    lock_timeout: float = 0.0,
):  # type: ignore[no-untyped-def]
    """The nightly deployment of :func:`flows.nightly.nightly` (not yet registered);
    ``sources`` None ingests ``raw`` without fetching. Options left at their defaults are
    not written into the deployment's parameters."""
    from flows.nightly import nightly

    parameters: dict[str, object] = {"raw": raw, "out": out, "sources": sources}
    for name, value, default in (
        ("workers", workers, None),
        ("overrides", overrides, None),
        ("lock_timeout", lock_timeout, 0.0),
    ):
        if value != default:
            parameters[name] = value
    return nightly.to_deployment(
        name=DEPLOYMENT_NAME,
        schedule=nightly_schedule(cron, timezone),
        parameters=parameters,
        description="Fetch the sources into raw, ingest every guide under raw and publish a "
        "new dataset version if anything changed.",
        tags=["govguide", "nightly"],
    )


def serve(**deployment: Any) -> None:
    """Register the nightly deployment and serve it until interrupted (Ctrl-C or SIGTERM).
    ``deployment``: the arguments of :func:`build_deployment` (its defaults where left out)."""
    import asyncio

    from prefect.exceptions import TerminationSignal

    # What prefect.serve does, with the runner below.
    runner = quiet_stop_runner()()
    runner.add_deployment(build_deployment(**deployment))
    try:
        asyncio.run(runner.start())
    except (KeyboardInterrupt, TerminationSignal):
        pass


def quiet_stop_runner() -> Any:
    """Prefect's Runner with a SIGTERM handler that stops it from inside its event loop.

    Prefect's own handler calls the synchronous ``stop()`` from the signal handler, which
    runs on the event loop's thread: there ``stop`` dispatches to ``astop`` and returns a
    coroutine nobody awaits ("coroutine 'Runner.astop' was never awaited"), and the runner
    is not stopped. Scheduling ``astop`` on the running loop stops it cleanly; the serving
    command then returns normally.
    """
    import asyncio

    from prefect.runner import Runner

    class QuietStopRunner(Runner):
        def handle_sigterm(self, *args: Any, **kwargs: Any) -> None:
            self._logger.info("SIGTERM received, stopping")
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:  # not inside the loop: Prefect's own path works there
                super().handle_sigterm(*args, **kwargs)
                return
            loop.create_task(self.astop())

    return QuietStopRunner


if __name__ == "__main__":
    from flows.runtime import configure_prefect

    configure_prefect()
    serve()
