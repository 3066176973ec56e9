"""Names of ingestion runs in the orchestrator: ``ingest-<UTC time>-<n>files``, so a run
list reads as a history (when, and over how many files) rather than Prefect's random names."""

from __future__ import annotations

from datetime import UTC, datetime


def run_name(started: datetime, files: int | None = None) -> str:
    stamp = started.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"ingest-{stamp}" if files is None else f"ingest-{stamp}-{files}files"


def initial_run_name() -> str:
    """The name a run starts with, before its files are counted."""
    return run_name(datetime.now(UTC))


def name_run(started: datetime, files: int) -> None:
    """Rename the current flow run once its files are counted (a failed rename only costs
    the name: it is logged, never fatal)."""
    from prefect import get_run_logger
    from prefect.client.orchestration import get_client
    from prefect.context import FlowRunContext

    context = FlowRunContext.get()
    if context is None or context.flow_run is None:
        return
    name = run_name(started, files)
    try:
        with get_client(sync_client=True) as client:
            client.update_flow_run(context.flow_run.id, name=name)
        context.flow_run.name = name
    except Exception as exc:  # noqa: BLE001 - the run's name is not worth failing the run for
        get_run_logger().warning("could not rename the run to %s: %s", name, exc)
