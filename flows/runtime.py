"""How the flows run: Prefect's environment and the task runner.

Embedded mode: with no ``PREFECT_API_URL``, Prefect starts a temporary local API server for
the duration of the command (its SQLite database under ``PREFECT_HOME``). We point
``PREFECT_HOME`` at ``<state dir>/prefect`` (:func:`flows.runlog.state_dir`, by default
``~/.local/state/govguide/prefect``) unless the user set it, so a run never depends on, or
writes to, ``~/.prefect``, and no ``.prefect`` folder appears where a command is run; and we allow the server a generous start-up time,
because importing it takes several seconds on a small CI machine and Prefect's default
(20 s) is too tight there. Against a real server, set ``PREFECT_API_URL`` and nothing here
is changed. :func:`configure_prefect` must run before ``prefect`` is imported.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

DEFAULT_STARTUP_TIMEOUT_S = "180"


def configure_prefect(home: str | Path | None = None) -> None:
    """Set Prefect's environment for embedded runs (values the user set are kept)."""
    if not os.environ.get("PREFECT_API_URL"):
        if "PREFECT_HOME" not in os.environ:
            os.environ["PREFECT_HOME"] = str(_writable_home(home))
        os.environ.setdefault("PREFECT_SERVER_ALLOW_EPHEMERAL_MODE", "true")
        os.environ.setdefault(
            "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", DEFAULT_STARTUP_TIMEOUT_S
        )
    # No usage reporting from a data pipeline (and no failing DNS lookups offline).
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # Each step's counts go to the Prefect API (the UI) at INFO; the terminal shows warnings
    # and the run report only. Processes a served deployment starts inherit both.
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")
    from flows.runlog import quiet_third_party

    quiet_third_party()


# In the command line of Prefect's temporary API server (uvicorn's app factory).
SERVER_MARK = "prefect.server.api.server:create_app"


def start_embedded_server() -> None:
    """Start Prefect's temporary API server now, if the run will use one, and tie it to
    this process so it stops even when the process is killed (flows.shutdown). Prefect
    would start the same server (one per process) on first use, but as an orphan-to-be."""
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED

    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        return
    from prefect.server.api.server import SubprocessASGIServer

    from flows.shutdown import tie_to_this_process

    server = SubprocessASGIServer()
    if server.running and server.server_process is not None:
        return
    server.start()
    if server.server_process is not None:
        tie_to_this_process(server.server_process.pid, SERVER_MARK)


def _writable_home(home: str | Path | None) -> Path:
    from flows.runlog import state_dir

    candidate = Path(home) if home else state_dir() / "prefect"
    try:
        candidate.mkdir(parents=True, exist_ok=True)
        probe = candidate / ".write-test"
        probe.write_text("")
        probe.unlink()
        return candidate
    except OSError:
        return Path(tempfile.mkdtemp(prefix="govguide-prefect-"))


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def make_task_runner(
    workers: int | None = None, dask_address: str | None = None, dask: bool = False
) -> Any:
    """The task runner for the extraction fan-out; the tasks are the same for all of them.

    - default: Prefect's thread pool with ``workers`` threads. Each extraction runs in a
      worker *process* of :mod:`govguide.core.isolation` (one per thread), so ``workers`` files
      are parsed in parallel on ``workers`` cores, without the GIL in the way;
    - ``dask_address``: an existing Dask cluster (``tcp://host:8786``), via prefect-dask;
    - ``dask``: a local Dask cluster of ``workers`` single-threaded worker processes.
    """
    workers = workers or default_workers()
    if dask_address or dask:
        try:
            from prefect_dask import DaskTaskRunner
        except ImportError as exc:
            from govguide.core.errors import GovguideError

            raise GovguideError(
                "Dask needs the optional dependencies: pip install 'govguide[dask]'"
            ) from exc
        # Dask's own INFO chatter (scheduler, nannies) would bury the run report. distributed
        # configures its loggers when imported (above), so they are set again here; the
        # environment variable reaches the worker processes of a local cluster.
        import dask

        from flows.runlog import quiet_third_party

        quiet_third_party()
        dask.config.set({"logging.distributed": os.environ["DASK_LOGGING__DISTRIBUTED"]})
        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(
            cluster_kwargs={
                "n_workers": workers,
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": None,
            }
        )
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=workers)
