"""The run report: every input file with its status, shown as a rich table and as Markdown
(the Prefect artifact, and ``<out>/_runs/<run>.md``)."""

from __future__ import annotations

import contextlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from govguide.dataset.file_changes import FileChange, describe
from govguide.dataset.file_outcome import (
    EXTRACTED,
    FAILED,
    KEPT,
    NOT_A_GUIDE,
    QUARANTINED,
    UNCHANGED,
    FileOutcome,
)

STATUS_ORDER = (EXTRACTED, UNCHANGED, KEPT, NOT_A_GUIDE, QUARANTINED, FAILED)
_STYLE = {
    EXTRACTED: "green",
    UNCHANGED: "dim",
    NOT_A_GUIDE: "yellow",
    QUARANTINED: "red",
    FAILED: "bold red",
    KEPT: "magenta",
}


@dataclass
class RunSummary:
    """The outcome of one ingestion run, returned by the flow and printed by the CLI."""

    raw: str
    out: str
    started_at: str
    seconds: float = 0.0
    files: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    items: int = 0
    published: bool = False
    version: str | None = None
    parent: str | None = None
    message: str = ""
    changes: dict[str, int] = field(default_factory=dict)
    quarantined: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    report_path: str | None = None
    diff_path: str | None = None
    task_seconds: float = 0.0
    error: str | None = None  # why the run could not publish (invalid data …)
    # Sources the fetcher withdrew (404/410 on several nights): their files left the raw
    # folder, so their items leave the data (see govguide.fetch.withdrawn_sources).
    withdrawn: list[dict[str, Any]] = field(default_factory=list)
    # What happened to files since the parent version (all but the unchanged ones), and
    # what the run did with the reviewers' overrides (OverrideUsage.as_dict()).
    file_changes: list[FileChange] = field(default_factory=list)
    overrides: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        """False when the run could not publish what it read (transient failures, errors)."""
        return not self.failed and self.error is None

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1


def status_counts(outcomes: list[FileOutcome]) -> dict[str, int]:
    c = Counter(o.status for o in outcomes)
    return {s: c[s] for s in STATUS_ORDER if c[s]}


def _detail(o: FileOutcome, limit: int | None = None) -> str:
    if o.status not in (QUARANTINED, FAILED, NOT_A_GUIDE, KEPT):
        return ""
    reason = o.reason or ""
    message = o.message or ""
    if o.status == NOT_A_GUIDE or (reason and reason in message):
        text = message or reason
    else:
        text = f"{reason}: {message}" if reason and message else (message or reason)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def _pages(o: FileOutcome) -> str:
    """Pages of the file, and how many of them were scans read by OCR."""
    if o.pages is None:
        return ""
    return f"{o.pages} ({o.ocr_pages} OCR)" if o.ocr_pages else str(o.pages)


def ocr_line(outcomes: list[FileOutcome]) -> str | None:
    """What OCR read in the run: scanned files, their pages, and scans it could not read."""
    read = [o for o in outcomes if o.ocr_pages]
    unread = [
        o for o in outcomes if o.status == QUARANTINED and o.reason == "no text layer"
    ]
    if not read and not unread:
        return None
    text = (
        f"scans read by OCR: {len(read)} files, {sum(o.ocr_pages for o in read)} pages "
        "(items marked `ocr`)"
    )
    if unread:
        text += f"; {len(unread)} quarantined as `no text layer` (OCR off or no text found)"
    return text


def rich_table(outcomes: list[FileOutcome], summary: RunSummary) -> Table:
    table = Table(
        title=f"govguide run: {summary.files} files, {summary.items} items",
        caption=summary.message,
        show_lines=False,
    )
    table.add_column("file", overflow="fold")
    table.add_column("status")
    table.add_column("items", justify="right")
    table.add_column("warnings", justify="right")
    table.add_column("pages", justify="right")
    table.add_column("extractor")
    table.add_column("s", justify="right")
    table.add_column("reason", overflow="fold")
    for o in sorted(outcomes, key=lambda o: o.rel):
        table.add_row(
            o.rel,
            f"[{_STYLE.get(o.status, '')}]{o.status}[/]",
            str(o.n_items),
            str(o.n_warnings),
            _pages(o),
            o.extractor or "",
            f"{o.seconds:.2f}",
            _detail(o, limit=90),
        )
    return table


def print_report(
    outcomes: list[FileOutcome], summary: RunSummary, console: Console | None = None
) -> None:
    if console is None:
        console = Console(stderr=True)
        if not console.is_terminal:  # logs and CI: wide enough that paths do not fold
            console = Console(stderr=True, width=160)
    console.print(rich_table(outcomes, summary))
    counts = ", ".join(f"{n} {s}" for s, n in summary.statuses.items())
    console.print(f"[bold]{counts}[/]")
    if (scans := ocr_line(outcomes)) is not None:
        console.print(scans)
    if summary.quarantined:
        console.print("[red]quarantined:[/] " + ", ".join(summary.quarantined))
    if summary.failed:
        console.print("[bold red]failed (nothing published):[/] " + ", ".join(summary.failed))
    for w in summary.withdrawn:
        console.print(f"[red]withdrawn source:[/] {escape(withdrawn_line(w))}", highlight=False)
    for line in file_change_lines(summary):
        console.print(f"[cyan]file:[/] {escape(line)}", highlight=False)
    for line in override_lines(summary):
        console.print(f"[yellow]overrides:[/] {escape(line)}", highlight=False)
    console.print(summary.message)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(outcomes: list[FileOutcome], summary: RunSummary) -> str:
    lines = [
        "# govguide run report",
        "",
        f"- raw: `{summary.raw}` → out: `{summary.out}`",
        f"- started: {summary.started_at}, took {summary.seconds:.1f} s "
        f"(sum of extraction times {summary.task_seconds:.1f} s)",
        f"- files: {summary.files} ("
        + ", ".join(f"{n} {s}" for s, n in summary.statuses.items())
        + f"), items: {summary.items}",
        f"- result: {summary.message}",
    ]
    if (scans := ocr_line(outcomes)) is not None:
        lines.append(f"- {scans}")
    if summary.changes:
        lines.append(
            "- changes: "
            + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in summary.changes.items())
        )
    lines += [
        "",
        "| file | status | items | warnings | pages | extractor | seconds | reason |",
        "|---|---|---:|---:|---:|---|---:|---|",
    ]
    for o in sorted(outcomes, key=lambda o: o.rel):
        lines.append(
            f"| {_md(o.rel)} | {o.status} | {o.n_items} | {o.n_warnings} | "
            f"{_pages(o)} | {o.extractor or ''} | "
            f"{o.seconds:.2f} | {_md(_detail(o))} |"
        )
    if summary.withdrawn:
        lines += ["", "## Withdrawn sources", ""]
        lines += [f"- {_md(withdrawn_line(w))}" for w in summary.withdrawn]
    if summary.file_changes:
        lines += ["", "## Files since the previous version", ""]
        lines += [f"- {_md(line)}" for line in file_change_lines(summary)]
    if summary.overrides is not None:
        lines += ["", "## Reviewer overrides", ""]
        lines += [f"- {_md(line)}" for line in override_lines(summary)]
    return "\n".join(lines) + "\n"


def file_change_lines(summary: RunSummary) -> list[str]:
    return [describe(f) for f in summary.file_changes]


def override_lines(summary: RunSummary) -> list[str]:
    """The overrides file, how many decisions applied, and every unused or stale one."""
    o = summary.overrides
    if o is None:
        return []
    lines = [f"{o.get('path')}: {o.get('applied', 0)} applied"]
    lines += [
        f"unused: `{key}` matches no item of this run (item gone, or its id changed)"
        for key in o.get("unused") or []
    ]
    lines += [
        f"stale: `{s['key']}` is an older key; write item id `{s['item_id']}` instead"
        for s in o.get("stale") or []
    ]
    return lines


def withdrawn_line(w: dict[str, Any]) -> str:
    """One withdrawn source in words: its address, its file, since when it is gone."""
    where = f" (was {w['path']})" if w.get("path") else ""
    return (
        f"{w['url']}{where}: HTTP {w.get('status')} since {w.get('since')}, "
        f"withdrawn on {w.get('at')}"
    )


def write_report(out: str | Path, run_id: str, markdown: str) -> Path | None:
    """Keep the report of every run (published or not) under ``<out>/_runs/``; None when
    it cannot be written (disk full …): the report is still printed and posted."""
    path = Path(out) / "_runs" / f"{run_id}.md"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(markdown, encoding="utf-8")
    except OSError:
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    return path
