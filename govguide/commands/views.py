"""``govguide views``: SQL views over the published versions, as SQL or a DuckDB file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

_err = Console(stderr=True, soft_wrap=True)


def views(
    out: Annotated[
        Path, typer.Option("--out", help="Folder of published dataset versions.")
    ] = Path("data/curated"),
    database: Annotated[
        Path | None,
        typer.Option("--duckdb", help="Write the views into this DuckDB database file."),
    ] = None,
) -> None:
    """Print DuckDB views over --out (<table>: latest version; <table>_all: every version,
    with its `version`), or create them in a DuckDB database.

    Example: govguide views --duckdb curated.duckdb && duckdb curated.duckdb
    """
    from govguide.dataset.data_dictionary import make_database, published_tables, views_sql

    if not (out / "latest").exists():
        _err.print(f"error: {out}: no published version (run `govguide run` first)", markup=False)
        raise typer.Exit(1)
    if database is None:
        sys.stdout.write(views_sql(str(out.resolve()), published_tables(out)))
        return
    make_database(out, database)
    _err.print(f"views over {out} written to {database}", markup=False)


def register(app: typer.Typer) -> None:
    app.command()(views)
