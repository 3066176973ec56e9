"""``govguide fetch``: fetch the guides of the sources file into the raw folder."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from govguide.core.errors import GovguideError

_err = Console(stderr=True, soft_wrap=True)


def fetch(
    sources: Annotated[
        Path,
        typer.Option(
            "--sources", help="The sources file (TOML: one source table per guide or list page)."
        ),
    ] = Path("data/sources.toml"),
    raw: Annotated[
        Path, typer.Option("--raw", help="Folder the documents are stored in (ingestion's --raw).")
    ] = Path("data/raw"),
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.01, help="Read timeout per request, seconds.")
    ] = 30.0,
    connect_timeout: Annotated[
        float, typer.Option("--connect-timeout", min=0.01, help="Connect timeout, seconds.")
    ] = 10.0,
    retries: Annotated[
        int, typer.Option("--retries", min=0, help="Retries after a timeout, 429 or 5xx.")
    ] = 3,
    interval: Annotated[
        float,
        typer.Option("--interval", min=0, help="Least seconds between two requests to one host."),
    ] = 1.0,
    max_mb: Annotated[
        float, typer.Option("--max-mb", min=0.001, help="Largest document accepted, MiB.")
    ] = 50.0,
    withdraw_after: Annotated[
        int,
        typer.Option(
            "--withdraw-after",
            min=1,
            help="Nights in a row of 404/410 before a source is reported withdrawn.",
        ),
    ] = 3,
    as_flow: Annotated[
        bool, typer.Option("--flow", help="Run as the Prefect flow govguide-fetch (recorded).")
    ] = False,
    json_out: Annotated[
        bool, typer.Option("--json", help="Also print every address's result as JSON lines.")
    ] = False,
) -> None:
    """Fetch every source of the sources file into --raw/<province>/<region>/, politely and incrementally.

    Conditional requests (ETag / Last-Modified) make an unchanged document cost one 304; a document whose bytes did not change is not written again. Each stored document has a sidecar .<name>.fetch.json (url, fetched_at, etag, last_modified, sha256, HTTP status) that ingestion reads for the items' source_url and fetched_at. A source that fails is reported and the others go on; a document answering 404/410 on --withdraw-after nights in a row is reported withdrawn and moved to --raw/.withdrawn/. Exit status 0 when the run worked (even with failed sources), 1 when it could not run (sources file, lock).

    Example: govguide fetch --sources data/sources.toml --raw data/raw
    """
    from govguide.fetch import FetchOptions
    from govguide.fetch.report import print_report

    options = FetchOptions(
        connect_timeout_s=connect_timeout,
        read_timeout_s=timeout,
        retries=retries,
        host_interval_s=interval,
        max_bytes=int(max_mb * 1024 * 1024),
        withdraw_after=withdraw_after,
    )
    try:
        if as_flow:
            from flows.runtime import configure_prefect

            configure_prefect()
            from flows.fetch import fetch as fetch_flow

            report = fetch_flow(sources=str(sources), raw=str(raw), options=asdict(options))
        else:
            from govguide.fetch import fetch_sources, load_sources

            report = fetch_sources(load_sources(sources), raw, options)
    except GovguideError as exc:
        _err.print(f"error: {exc} [{exc.reason}]", markup=False)
        raise typer.Exit(1) from None
    print_report(report)
    if json_out:
        for result in report.results:
            sys.stdout.write(json.dumps(asdict(result), ensure_ascii=False) + "\n")


def register(app: typer.Typer) -> None:
    app.command("fetch")(fetch)
