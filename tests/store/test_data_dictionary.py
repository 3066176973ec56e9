"""The documented dataset: the data dictionary page, Parquet field metadata, required
columns, and the SQL views over the latest and over all versions."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from govguide.core.errors import PublishError
from govguide.core.models import GuideItem
from govguide.dataset import schema, store
from govguide.dataset.data_dictionary import make_database, render_markdown, write_views
from tests.conftest import ROOT, SAMPLES, extracted


def test_the_docs_page_is_the_dictionary() -> None:
    page = (ROOT / "docs" / "data_dictionary.md").read_text(encoding="utf-8")
    assert page == render_markdown(), "regenerate: python -m govguide.dataset.data_dictionary"


def _items() -> list[GuideItem]:
    path = SAMPLES / "gx_list_yibao_jingban.docx"
    return [it.model_copy(update={"source_file": path.name}) for it in extracted(path).items]


@pytest.fixture
def two_versions(tmp_path: Path) -> tuple[Path, list[GuideItem]]:
    items = _items()
    store.publish(tmp_path, schema.items_to_tables(items))
    edited = copy.deepcopy(items)
    edited[3].promised_days = 1
    store.publish(tmp_path, schema.items_to_tables(edited))
    return tmp_path, items


def test_published_parquet_carries_descriptions_values_and_required(
    two_versions: tuple[Path, list[GuideItem]],
) -> None:
    out, _ = two_versions
    for name in ("items", "materials", "legal_basis"):
        published = pq.read_schema(out / "latest" / f"{name}.parquet")
        for f in published:
            assert f.metadata and f.metadata[b"description"], f"{name}.{f.name}"
        assert not published.field("item_id").nullable
    items = pq.read_schema(out / "latest" / "items.parquet")
    assert items.field("days_unit").nullable
    assert items.field("match_method").metadata[b"values"].decode().split(", ") == list(
        schema.MATCH_METHODS
    )
    assert set(schema.CHANGES.field("change").metadata[b"values"].decode().split(", ")) >= {
        "item_added",
        "review_changed",
        "file_renamed",
    }


def test_a_null_in_a_required_column_is_a_clear_error() -> None:
    rows = [{"path": "a.pdf", "status": None}]
    with pytest.raises(PublishError, match="required column 'status' is null in 1 row"):
        schema.rows_to_table(rows, schema.FILES)


def test_views_over_latest_and_all_versions(
    two_versions: tuple[Path, list[GuideItem]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    out, items = two_versions
    versions = [v.id for v in store.list_versions(out)]
    sql = write_views(out)
    target = schema.items_to_tables(items)["items"]["item_id"][3].as_py()
    cross_version = (
        "SELECT version, promised_days FROM items_all WHERE item_id = ? ORDER BY version"
    )
    here = Path.cwd()
    os.chdir(out)  # views.sql holds paths relative to the output folder
    try:
        con = duckdb.connect()
        con.execute(sql.read_text(encoding="utf-8"))
        assert con.execute("SELECT count(*) FROM items").fetchone() == (len(items),)
        got = con.execute(cross_version, [target]).fetchall()
    finally:
        os.chdir(here)
    assert got == [(versions[0], items[3].promised_days), (versions[1], 1)]
    # A database file made elsewhere reads the same versions from anywhere.
    database = make_database(out, tmp_path_factory.mktemp("db") / "curated.duckdb")
    con = duckdb.connect(str(database), read_only=True)
    assert con.execute(cross_version, [target]).fetchall() == got
    assert con.execute("SELECT count(DISTINCT version) FROM legal_basis_all").fetchone() == (2,)
