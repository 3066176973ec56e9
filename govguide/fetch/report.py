"""The fetch report: every address with what happened to it, as Markdown (the Prefect
artifact) and as a table on the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from govguide.fetch.run import FAILED, GONE, NEW, UPDATED, WITHDRAWN, FetchReport, SourceResult

_STYLE = {NEW: "green", UPDATED: "green", GONE: "yellow", WITHDRAWN: "red", FAILED: "bold red"}


def summary_line(report: FetchReport) -> str:
    counts = ", ".join(f"{n} {s}" for s, n in report.counts().items()) or "no sources"
    return (
        f"{len(report.results)} address(es): {counts}; {len(report.downloaded)} downloaded, "
        f"{report.requests} request(s) in {report.seconds:.1f} s"
    )


def _detail(r: SourceResult) -> str:
    if r.reason and r.message and r.reason not in r.message:
        return f"{r.reason}: {r.message}"
    return r.message or r.reason or ""


def _md(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def render_markdown(report: FetchReport) -> str:
    lines = [
        "# govguide fetch report",
        "",
        f"- raw: `{report.raw}`, started {report.started_at}",
        f"- {summary_line(report)}",
        "",
        "| address | status | HTTP | file | province | region | detail |",
        "|---|---|---:|---|---|---|---|",
    ]
    for r in report.results:
        lines.append(
            f"| {_md(r.url)} | {r.status} | {r.http_status or ''} | {_md(r.path)} | "
            f"{_md(r.province)} | {_md(r.region)} | {_md(_detail(r))} |"
        )
    return "\n".join(lines) + "\n"


def print_report(report: FetchReport, console: Console | None = None) -> None:
    if console is None:
        console = Console(stderr=True)
        if not console.is_terminal:  # logs and CI: wide enough that addresses do not fold
            console = Console(stderr=True, width=160)
    table = Table(title=f"govguide fetch into {report.raw}", caption=summary_line(report))
    for col in ("address", "status", "HTTP", "file", "detail"):
        table.add_column(col, overflow="fold", justify="right" if col == "HTTP" else "left")
    for r in report.results:
        # Text cells: an address or a server's message is never read as markup.
        table.add_row(
            Text(r.url),
            Text(r.status, style=_STYLE.get(r.status, "")),
            Text(str(r.http_status or "")),
            Text(r.path or ""),
            Text(_detail(r)),
        )
    console.print(table)
