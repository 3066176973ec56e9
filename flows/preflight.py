"""Checks of a run's folders before anything is read or written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from govguide.core.errors import OutputNotWritableError, PrefectUnreachableError, UsageError


def check_run_folders(raw: str | Path, out: str | Path) -> None:
    """Raise :class:`UsageError` when ``raw`` is not a folder or ``out`` lies inside it,
    :class:`OutputNotWritableError` when ``out`` cannot be created or written."""
    raw_path, out_path = Path(raw), Path(out)
    if not raw_path.is_dir():
        raise UsageError(f"--raw {raw}: no such folder")
    raw_real, out_real = raw_path.resolve(), out_path.resolve()
    if out_real == raw_real or raw_real in out_real.parents:
        # Every run would find the previous run's versions, cache and quarantine copies
        # among its inputs, and quarantine them: the corpus would double with each run.
        raise UsageError(
            f"--out {out} is inside --raw {raw}: each run would ingest its own output; "
            "choose an output folder outside the input folder"
        )
    try:
        out_path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out_path, prefix=".write-test-"):
            pass
    except OSError as exc:
        raise OutputNotWritableError(
            f"--out {out}: cannot write there ({exc.strerror or exc})"
        ) from exc


def check_prefect_api(timeout_s: float = 10.0) -> None:
    """With ``PREFECT_API_URL`` set, raise :class:`PrefectUnreachableError` unless that API
    answers its health check (otherwise Prefect fails deep inside the run with a long
    traceback)."""
    url = os.environ.get("PREFECT_API_URL")
    if not url:
        return
    import httpx

    try:
        httpx.get(f"{url.rstrip('/')}/health", timeout=timeout_s).raise_for_status()
    except httpx.HTTPError as exc:
        raise PrefectUnreachableError(
            f"no Prefect API answers at PREFECT_API_URL={url} ({type(exc).__name__}); "
            "start `prefect server start`, or unset PREFECT_API_URL to run embedded"
        ) from exc
