"""``govguide catalog``: print the canonical catalog items are aligned to."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from govguide.commands.consoles import stdout_console
from govguide.commands.failure import fail
from govguide.core.errors import GovguideError

_err = Console(stderr=True, soft_wrap=True)


class CatalogFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def catalog(
    fmt: Annotated[
        CatalogFormat, typer.Option("--format", "-f", help="table, csv or json.")
    ] = CatalogFormat.table,
    path: Annotated[
        Path | None,
        typer.Option("--path", help="A catalog CSV other than the one shipped with govguide."),
    ] = None,
) -> None:
    """Print the canonical catalog (national list of medical-insurance services) and its version.

    With --format csv, stdout is plain CSV (header row first) and the version goes to stderr;
    --format json carries it as "version".

    Example: govguide catalog --format csv > catalog.csv
    """
    from normalizers.alignment.catalog import default_catalog, load_catalog

    try:
        cat = load_catalog(path) if path is not None else default_catalog()
    except OSError as exc:
        raise fail(GovguideError(f"{exc.filename}: {exc.strerror}")) from None
    except GovguideError as exc:
        raise fail(exc) from None
    frame = cat.to_frame()
    if fmt is CatalogFormat.csv:
        # A comment line would be read as a header row by CSV readers: the version goes
        # to stderr.
        _err.print(f"catalog version {cat.version}", markup=False)
        frame.to_csv(sys.stdout, index=False)
        return
    if fmt is CatalogFormat.json:
        records = [
            {
                **row,
                "aliases": row["aliases"].split("|") if row["aliases"] else [],
                "covers": row["covers"].split("|") if row["covers"] else [],
            }
            for row in frame.to_dict(orient="records")
        ]
        json.dump(
            {"version": cat.version, "entries": records}, sys.stdout, ensure_ascii=False, indent=2
        )
        sys.stdout.write("\n")
        return
    table = Table(title=f"Canonical catalog {cat.version}: {len(cat)} items", show_lines=True)
    for col in ("id", "canonical name", "main item", "aliases", "covers"):
        table.add_column(col, overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(
            row.id,
            row.canonical_name,
            row.main_item or "",
            row.aliases.replace("|", "\n"),
            row.covers,
        )
    stdout_console().print(table)


def register(app: typer.Typer) -> None:
    app.command("catalog")(catalog)
