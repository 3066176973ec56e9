"""The data dictionary as Markdown (``docs/data_dictionary.md``) and the SQL views over a
published output folder (``<out>/views.sql``, or a DuckDB database with ``govguide views``).

Both are made from the published schemas (:mod:`govguide.dataset.schema`), whose field metadata
hold each column's description and allowed values, so documentation and data cannot drift
apart: ``python -m govguide.dataset.data_dictionary > docs/data_dictionary.md`` rewrites the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa

from govguide.core.atomic import write_atomic
from govguide.core.errors import PublishError
from govguide.dataset import store
from govguide.dataset.schema import SCHEMA_VERSION, SCHEMAS, TABLE_DESCRIPTIONS

VIEWS_FILE = "views.sql"


def _type(t: pa.DataType) -> str:
    if pa.types.is_dictionary(t):
        return f"{t.value_type} (dictionary)"
    return str(t).replace("<item: ", "<").replace("element: ", "")


def _meta(field: pa.Field, key: str) -> str:
    meta = field.metadata or {}
    return meta.get(key.encode(), b"").decode()


def render_markdown() -> str:
    """Every table, column, type, nullability, allowed values and meaning."""
    lines = [
        "# Data dictionary",
        "",
        f"Schema version {SCHEMA_VERSION}. Each version `v=<UTC time>/` under the output folder "
        "holds one Parquet file per table below; the same descriptions are in each Parquet "
        "field's metadata (`description`, `values`). *required* columns are never null.",
        "",
        "Ids: `item_id` (an item, stable under row deletions, renamed files and the other "
        "format of a guide), `guide_id` (the guide: province and region), `content_id` (what "
        "a file says: the PDF and DOCX of a guide and copies share it). An item row is "
        "(`item_id`, `source_file`). The version of a row is its folder, the `version` column "
        f"of the `*_all` views (`{VIEWS_FILE}`).",
    ]
    for name, schema in SCHEMAS.items():
        lines += ["", f"## {name}", "", TABLE_DESCRIPTIONS[name], ""]
        lines += ["| column | type | required | values | meaning |", "|---|---|---|---|---|"]
        for f in schema:
            values = ", ".join(f"`{v}`" for v in _meta(f, "values").split(", ") if v)
            lines.append(
                f"| `{f.name}` | {_type(f.type)} | {'' if f.nullable else 'yes'} | {values} | "
                f"{_meta(f, 'description').replace('|', '/')} |"
            )
    return "\n".join(lines) + "\n"


def views_sql(base: str = ".", tables: Iterable[str] | None = None) -> str:
    """DuckDB views over an output folder: ``<table>`` over the latest version and
    ``<table>_all`` over every version with its ``version``. Paths start at ``base`` (the
    output folder; ``.`` when the SQL is run from inside it); ``tables`` defaults to all."""
    base = base.rstrip("/")
    wanted = set(SCHEMAS if tables is None else tables)
    lines = [
        "-- Views over the published versions of govguide (run from the output folder:",
        "-- duckdb -init views.sql, or .read views.sql). <table>: the latest version;",
        "-- <table>_all: every version, with the version id in `version`.",
    ]
    for name in (n for n in SCHEMAS if n in wanted):
        lines += [
            f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM read_parquet('{base}/latest/{name}.parquet');",
            f"CREATE OR REPLACE VIEW {name}_all AS SELECT * EXCLUDE (v), v AS version FROM "
            f"read_parquet('{base}/v=*/{name}.parquet', hive_partitioning = true, "
            "union_by_name = true);",
        ]
    return "\n".join(lines) + "\n"


def published_tables(out: str | Path) -> list[str]:
    """The tables the latest version has (a view over a missing file cannot be made)."""
    latest = store.latest(out)
    if latest is None:
        raise PublishError(f"no published version under {out}")
    return [name for name in SCHEMAS if latest.has_table(name)]


def write_views(out: str | Path) -> Path:
    """Write ``views.sql`` (relative paths) into the output folder."""
    path = Path(out) / VIEWS_FILE
    text = views_sql(".", published_tables(out))
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        write_atomic(path, text)
    return path


def make_database(out: str | Path, database: str | Path) -> Path:
    """A DuckDB database file with the views, over ``out`` by its absolute path (views
    store paths, and a relative one would be read from wherever the database is opened)."""
    import duckdb

    con = duckdb.connect(str(database))
    try:
        con.execute(views_sql(str(Path(out).resolve()), published_tables(out)))
    finally:
        con.close()
    return Path(database)


if __name__ == "__main__":
    print(render_markdown(), end="")
