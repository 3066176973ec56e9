"""``govguide extract`` and ``govguide evaluate``."""

from __future__ import annotations

import inspect
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import click
import typer
from rich.console import Console
from rich.table import Table
from typer.core import TyperCommand

from govguide.commands.consoles import stdout_console
from govguide.commands.failure import fail, usage
from govguide.core.errors import GovguideError

_err = Console(stderr=True, soft_wrap=True)


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


def extract(
    path: Annotated[Path, typer.Argument(help="A PDF, DOCX or HTML service guide.")],
    extractor: Annotated[
        str | None, typer.Option("--extractor", "-e", help="Force a layout by name (one of the Layouts listed above).")
    ] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="jsonl or table.")] = OutputFormat.jsonl,
    as_flow: Annotated[
        bool,
        typer.Option("--flow", help="Run as a Prefect flow run (recorded, items posted as an artifact)."),
    ] = False,
    overrides: Annotated[
        Path | None,
        typer.Option("--overrides", help="Reviewers' alignment decisions (default data/reference/overrides.csv)."),
    ] = None,
) -> None:
    """Print the service items of one file.

    Example: govguide extract data/raw/samples/gx_list_yibao_jingban.pdf --format table

    A forced layout (--extractor) is read as asked; a warning on stderr says when it fits
    the document poorly or another layout fits better. Exit status: 0 (also for a document
    that is not a guide), 2 for a missing file, a folder or an unknown layout, 3 for a file
    that cannot be read.

    With --flow the same work runs as a Prefect flow run (govguide-extract): one extractor
    re-run ad hoc on one file, recorded and with its items as an artifact. Nothing is cached
    or published.
    """
    if path.is_dir():
        raise usage(f"{path}: is a folder; extract reads one file (govguide run reads a folder)")
    if not path.exists():
        raise usage(f"{path}: no such file")
    if extractor is not None:
        from extractors.registry import extractor_names

        if extractor not in extractor_names():
            raise usage(f"unknown layout {extractor!r} (known: {', '.join(extractor_names())})")
    try:
        if as_flow:
            from flows.preflight import check_prefect_api
            from flows.runtime import configure_prefect

            check_prefect_api()
            configure_prefect()
            from flows.extract_one import extract_one
            from flows.runlog import route_console

            route_console()
            result = extract_one(
                str(path), extractor, str(overrides) if overrides is not None else None
            )
        else:
            from govguide.pipeline.single_file import extract_and_align

            result = extract_and_align(path, extractor, overrides)
    except GovguideError as exc:
        raise fail(exc) from None
    items = result.items
    if result.layout_warning:
        _err.print(f"warning: {path.name}: {result.layout_warning}", markup=False)
    if not result.is_guide:
        _err.print(f"{path.name}: no items: {result.not_a_guide_reason}", markup=False)
    if fmt is OutputFormat.jsonl:
        for item in items:
            sys.stdout.write(json.dumps(item.model_dump(mode="json"), ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{path.name}: {len(items)} items ({result.extractor})", show_lines=True)
    for col in ("#", "事项名称", "法定", "承诺", "时限原文", "材料", "设定依据", "canonical"):
        table.add_column(col, overflow="fold")
    for i, item in enumerate(items, 1):
        table.add_row(
            str(i),
            item.item_name,
            _days(item.legal_days),
            _days(item.promised_days),
            item.time_limit_text or "",
            "\n".join(f"• {m.name}" + (f" [{m.condition}]" if m.condition else "") for m in item.materials),
            "\n".join(f"《{b.title}》{b.doc_number or ''} {b.articles or ''}" for b in item.legal_basis),
            item.canonical_name or "",
        )
    stdout_console().print(table)


def _days(days: int | None) -> str:
    return "" if days is None else str(days)


def evaluate(
    corpus: Annotated[Path, typer.Option("--corpus", help="Folder of sample PDFs/DOCX.")] = Path("data/raw/samples"),
    gold: Annotated[Path, typer.Option("--gold", help="Gold items JSON.")] = Path("tests/fixtures/gold_seeds.json"),
    verbose: Annotated[
        bool, typer.Option("--misses", "--verbose", "-v", help="List each missed, extra or differing item.")
    ] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print Markdown tables.")] = False,
    names: Annotated[
        Path | None,
        typer.Option("--names", help="Evaluate alignment alone on labelled wordings (a JSON file or folder)."),
    ] = None,
) -> None:
    """Compare extraction with the gold items and print agreement figures, per format and
    per file. GOLD is one JSON list or a folder of them (one per document).

    Example: govguide evaluate --corpus tests/fixtures/realworld/dev/corpus
    --gold tests/fixtures/realworld/dev/gold.json --misses

    With --names, only alignment is evaluated, by name alone, on real item wordings with
    their catalog item: govguide evaluate --names tests/fixtures/names/
    """
    if names is not None:
        _evaluate_names(names)
        return
    from govguide.pipeline.evaluate import evaluate as run

    ev = run(corpus, gold)
    console = Console(soft_wrap=True)
    _print_table(console, "By format", *_format_rows(ev), markdown=markdown)
    console.print("")
    header = ["file", "gold items", "found", "extra", "legal_days", "promised_days", "materials F1", "basis F1"]
    rows: list[list[str]] = []
    for f in ev.files:
        n = f.found
        rows.append([
            f.file, str(f.gold), str(f.found), str(f.extra),
            _ratio(f.legal_ok, n), _ratio(f.promised_ok, n),
            f"{sum(f.materials_f1) / n:.3f}" if n else "-", f"{sum(f.basis_f1) / n:.3f}" if n else "-",
        ])
    t = ev.totals()
    rows.append([
        "**all**", str(t["gold_items"]), str(t["found"]), str(t["extra"]), f"{t['legal_days']:.3f}",
        f"{t['promised_days']:.3f}", f"{t['materials_f1']:.3f}", f"{t['legal_basis_f1']:.3f}",
    ])
    _print_table(console, "Extraction vs gold", header, rows, markdown=markdown)
    console.print(f"\nmaterial conditions agree: {t['conditions']:.3f}", markup=False)
    console.print(
        f"canonical alignment: top-1 agreement {t['canonical_top1']:.3f}; "
        f"{t['auto_accepted']} accepted automatically, precision {t['auto_precision']:.3f}; "
        f"gold-null items null or in review {t['null_handled']:.3f}",
        markup=False,
    )
    if verbose:
        for f in ev.files:
            for line in [*(f"missing: {m}" for m in f.misses), *(f"extra: {x}" for x in f.extras), *f.diffs]:
                console.print(f"{f.file}: {line}", markup=False)


def _format_rows(ev: Any) -> tuple[list[str], list[list[str]]]:
    header = ["format", "gold items", "found", "extra", "recall", "precision", "days exact", "materials F1", "basis F1"]
    rows = [
        [
            fmt, str(t["gold_items"]), str(t["found"]), str(t["extra"]), f"{t['recall']:.3f}",
            f"{t['precision']:.3f}", f"{t['days_exact']:.3f}", f"{t['materials_f1']:.3f}", f"{t['legal_basis_f1']:.3f}",
        ]
        for fmt, t in ev.by_format().items()
    ]
    return header, rows


def _print_table(console: Console, title: str, header: list[str], rows: list[list[str]], *, markdown: bool) -> None:
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        console.print("\n".join(lines), markup=False)
        return
    table = Table(title=title)
    for col in header:
        table.add_column(col)
    for r in rows:
        table.add_row(*(c.replace("**", "") for c in r))
    console.print(table)


def _evaluate_names(path: Path) -> None:
    from normalizers.alignment.evaluate import evaluate_names, format_name_figures, read_names

    try:
        figures = evaluate_names(read_names(path))
    except GovguideError as exc:
        raise fail(exc) from None
    Console(soft_wrap=True).print(format_name_figures(figures), markup=False)


def _ratio(ok: int, n: int) -> str:
    return f"{ok / n:.3f}" if n else "-"


def layouts_help() -> str:
    """The layouts ``--extractor`` accepts, one line each with what it reads: the
    "Layouts" part of ``govguide extract --help``, from the layout registry."""
    from extractors.registry import LAYOUTS

    width = max(len(name) for name in LAYOUTS)
    lines = [f"  {name.ljust(width)}  {layout.description}" for name, layout in LAYOUTS.items()]
    return "Layouts:\n\n" + "\n".join(lines)


class _ExtractCommand(TyperCommand):
    """``govguide extract``, whose help ends with the layouts of the registry.

    The list is made when the help is shown, not when the command line starts: loading
    every layout would slow down every other command."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.help = f"{inspect.getdoc(extract) or ''}\n\n{layouts_help()}"
        super().format_help(ctx, formatter)


def register(app: typer.Typer) -> None:
    app.command("extract", cls=_ExtractCommand)(extract)
    app.command("evaluate")(evaluate)
