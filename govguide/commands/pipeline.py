"""``govguide run``, ``versions``, ``diff`` and ``serve``: the ingestion pipeline's commands.

Prefect is imported only inside the commands, after :func:`flows.runtime.configure_prefect`
has set its environment (embedded server, project-local PREFECT_HOME).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from govguide.commands.consoles import stdout_console
from govguide.commands.failure import fail
from govguide.core.errors import GovguideError

_err = Console(stderr=True, soft_wrap=True)

RawOpt = Annotated[
    Path, typer.Option("--raw", help="Folder of input documents (searched recursively).")
]
OutOpt = Annotated[Path, typer.Option("--out", help="Folder of published dataset versions.")]
WorkersOpt = Annotated[
    int | None,
    typer.Option("--workers", "-w", min=1, help="Files extracted in parallel (default: CPU count)."),
]
LockTimeoutOpt = Annotated[
    float,
    typer.Option(
        "--lock-timeout", min=0, help="Seconds to wait for another run on the same --out to finish."
    ),
]
OverridesOpt = Annotated[
    Path | None,
    typer.Option(
        "--overrides",
        help="Reviewers' alignment decisions (default: GOVGUIDE_OVERRIDES, else "
        "reference/overrides.csv beside --out).",
    ),
]


def run(
    raw: RawOpt = Path("data/raw"),
    out: OutOpt = Path("data/curated"),
    workers: WorkersOpt = None,
    dask: Annotated[
        bool,
        typer.Option(
            "--dask", help="Run extraction on a local Dask cluster of --workers processes."
        ),
    ] = False,
    dask_address: Annotated[
        str | None,
        typer.Option(
            "--dask-address",
            help="Run extraction on an existing Dask cluster, e.g. tcp://host:8786.",
        ),
    ] = None,
    lock_timeout: LockTimeoutOpt = 0.0,
    overrides: OverridesOpt = None,
    json_out: Annotated[
        bool, typer.Option("--json", help="Also print the run summary as JSON on stdout.")
    ] = False,
) -> None:
    """Ingest every document under --raw and publish a new version under --out if anything changed.

    Runs the Prefect flow once on an embedded Prefect (no server needed; set PREFECT_API_URL to use a server). Unchanged files are not re-extracted; bad files are copied to <out>/_quarantine/ with a reason. The run report goes to stdout (to stderr with --json), the details to the log file.

    Exit status: 0 the run completed (even with quarantined files); 1 files failed with errors that may pass on a re-run (nothing is published then) or the run could not complete; 2 bad arguments (--raw missing, --out inside --raw); 4 another run holds --out; 5 no input files under --raw; 6 --out cannot be written; 7 PREFECT_API_URL is set but no Prefect API answers there.

    Example: govguide run --raw data/raw --out data/curated --workers 2
    """
    from flows.preflight import check_prefect_api, check_run_folders
    from flows.runtime import configure_prefect

    try:
        check_run_folders(raw, out)
        check_prefect_api()
    except GovguideError as exc:
        raise fail(exc) from None
    configure_prefect()
    from flows.ingest import run_ingest
    from flows.run_report import print_report
    from flows.runlog import route_console

    route_console()
    if sys.stderr.isatty():
        from flows.progress import show_on

        show_on(Console(stderr=True))
    try:
        # With no server to record the run on, a run with nothing to do is answered
        # without starting an embedded Prefect (seconds of start-up for a sub-second run).
        result = None
        if not os.environ.get("PREFECT_API_URL"):
            from flows.ingest import unchanged_run

            result = unchanged_run(raw, out, overrides, lock_timeout)
        if result is None:
            result = run_ingest(
                raw,
                out,
                workers=workers,
                dask_address=dask_address,
                dask=dask,
                lock_timeout=lock_timeout,
                overrides=overrides,
            )
    except GovguideError as exc:
        report = getattr(exc, "run_report", None)
        raise fail(exc, f"run report: {report}" if report else None) from None
    # The report is the command's output (stdout); with --json the JSON summary is, and the
    # report goes to stderr.
    human = stdout_console(stderr=json_out)
    print_report(result.outcomes, result.summary, human)
    if result.summary.diff_path:
        human.print(f"diff report: {result.summary.diff_path}", markup=False)
    if json_out:
        from dataclasses import asdict

        sys.stdout.write(json.dumps(asdict(result.summary), ensure_ascii=False) + "\n")
    raise typer.Exit(result.summary.exit_code)


def versions(out: OutOpt = Path("data/curated")) -> None:
    """List the published versions under --out, newest first (* marks the current one).

    Example: govguide versions --out data/curated
    """
    from govguide.dataset import store

    found = store.list_versions(out)
    if not found:
        _err.print(f"no versions under {out}", markup=False)
        raise typer.Exit(0)
    current = store.latest(out)
    chain: set[str] = set()
    by_id = {v.id: v for v in found}
    walk = current
    while walk is not None and walk.id not in chain:
        chain.add(walk.id)
        walk = by_id.get(walk.parent) if walk.parent else None
    table = Table(title=f"versions under {out}")
    for col in (
        "",
        "version",
        "parent",
        "created (UTC)",
        "items",
        "materials",
        "legal basis",
        "files",
        "changes",
    ):
        table.add_column(
            col,
            justify="right"
            if col in ("items", "materials", "legal basis", "files", "changes")
            else "left",
        )
    for v in reversed(found):
        mark = "*" if current and v.id == current.id else ("" if v.id in chain else "(orphan)")
        table.add_row(
            mark,
            v.id,
            v.parent or "",
            (v.created_at or "")[:19],
            *(
                str(v.rows(t) if v.rows(t) is not None else "")
                for t in ("items", "materials", "legal_basis", "files", "changes")
            ),
        )
    stdout_console().print(table)


def diff(
    old: Annotated[
        str | None, typer.Argument(help="Older version id (default: NEW's parent).")
    ] = None,
    new: Annotated[str | None, typer.Argument(help="Newer version id (default: latest).")] = None,
    out: OutOpt = Path("data/curated"),
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write the self-contained HTML report here.")
    ] = None,
    changes: Annotated[
        Path | None, typer.Option("--changes", help="Also write the changes table (Parquet) here.")
    ] = None,
) -> None:
    """Print the Markdown diff report between two versions (default: latest against its parent).

    Items are matched by province, region and canonical id (item name when unaligned); the report lists items added and removed and, per item, time limits before → after, materials added / removed / reworded, legal basis added / removed and canonical mapping changes. Each published version also carries diff.md / diff.html against its parent.

    Example: govguide diff 20250601T020000Z 20250602T020000Z --html diff.html
    """
    import pyarrow.parquet as pq

    from govguide.dataset.diff import changes_table, diff_versions
    from govguide.dataset.report_html import render_html
    from govguide.dataset.report_md import render_markdown

    try:
        d = diff_versions(out, old, new)
    except GovguideError as exc:
        raise fail(exc) from None
    sys.stdout.write(render_markdown(d))
    if html is not None:
        html.write_text(render_html(d), encoding="utf-8")
        _err.print(f"HTML report: {html}", markup=False)
    if changes is not None:
        pq.write_table(changes_table(d), changes, compression="zstd")
        _err.print(f"changes table: {changes}", markup=False)


def serve(
    raw: RawOpt = Path("data/raw"),
    out: OutOpt = Path("data/curated"),
    cron: Annotated[str, typer.Option("--cron", help="When to run (cron syntax).")] = "0 2 * * *",
    timezone: Annotated[
        str, typer.Option("--timezone", help="Time zone of --cron.")
    ] = "Asia/Shanghai",
    sources: Annotated[
        Path,
        typer.Option("--sources", help="Sources file fetched into --raw before each ingestion."),
    ] = Path("data/sources.toml"),
    no_fetch: Annotated[
        bool, typer.Option("--no-fetch", help="Only ingest --raw; fetch nothing.")
    ] = False,
    workers: WorkersOpt = None,
    lock_timeout: LockTimeoutOpt = 0.0,
    overrides: OverridesOpt = None,
) -> None:
    """Serve the nightly deployment (02:00 Asia/Shanghai: fetch --sources into --raw, then ingest) until Ctrl-C or SIGTERM.

    Runs on an embedded Prefect when PREFECT_API_URL is unset: the schedule and the run history then last as long as this command. Against a server (`prefect server start`, PREFECT_API_URL=http://127.0.0.1:4200/api) they outlast it and show in the Prefect UI. Each scheduled run prints a line when it starts and when it ends. prefect.yaml declares the same deployment for `prefect deploy` with a work pool.

    Example: govguide serve --raw /srv/guides --out /srv/curated --workers 2
    """
    from flows.preflight import check_prefect_api, check_run_folders
    from flows.runtime import configure_prefect

    try:
        if not no_fetch:  # the first fetch fills it
            raw.mkdir(parents=True, exist_ok=True)
        check_run_folders(raw, out)
        check_prefect_api()
    except OSError as exc:
        raise fail(GovguideError(f"--raw {raw}: {exc.strerror}")) from None
    except GovguideError as exc:
        raise fail(exc) from None
    where = os.environ.get("PREFECT_API_URL") or "an embedded Prefect (schedule lasts while this runs)"
    configure_prefect()
    from flows.deploy import serve as serve_deployment
    from flows.runlog import announce, route_console

    log = route_console()
    announce(
        f"serving govguide-nightly/nightly ({cron}, {timezone}) on {where}; "
        f"{raw} → {out}" + (f"; log: {log}" if log else "") + "; Ctrl-C to stop"
    )
    serve_deployment(
        raw=str(raw),
        out=str(out),
        cron=cron,
        timezone=timezone,
        sources=None if no_fetch else str(sources),
        workers=workers,
        overrides=str(overrides) if overrides is not None else None,
        lock_timeout=lock_timeout,
    )
    announce("stopped serving")


def register(app: typer.Typer) -> None:
    app.command("run")(run)
    app.command("versions")(versions)
    app.command("diff")(diff)
    app.command("serve")(serve)
