"""The published schema: GuideItems survive Parquet and back, flat views stay consistent."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

from govguide.core.models import GuideItem
from govguide.dataset import schema


def test_items_survive_parquet_round_trip(items: list[GuideItem], tmp_path) -> None:
    tables = schema.items_to_tables(items)
    path = tmp_path / "items.parquet"
    pq.write_table(tables["items"], path, compression="zstd")
    back = schema.table_to_items(pq.read_table(path))
    # Row order is by source file, each file's items in their original order.
    expected = [item for _, item in schema.order_items(items)]
    assert [b.model_dump() for b in back] == [e.model_dump() for e in expected]
    # Provenance, bbox tuples and warnings included.
    assert back[0].provenance["item_name"][0].bbox == (10.0, 20.5, 300.0, 40.25)
    assert any(b.warnings for b in back)


def test_tables_have_the_declared_schemas(items: list[GuideItem]) -> None:
    tables = schema.items_to_tables(items)
    assert tables["items"].schema == schema.ITEMS
    assert tables["materials"].schema == schema.MATERIALS
    assert tables["legal_basis"].schema == schema.LEGAL_BASIS_TABLE
    assert pa.types.is_dictionary(tables["items"].schema.field("province").type)
    assert pa.types.is_list(tables["items"].schema.field("materials").type)


def test_flat_views_have_one_row_per_material_and_citation(items: list[GuideItem]) -> None:
    tables = schema.items_to_tables(items)
    assert tables["materials"].num_rows == sum(len(i.materials) for i in items)
    assert tables["legal_basis"].num_rows == sum(len(i.legal_basis) for i in items)
    ids = set(tables["items"].column("item_id").to_pylist())
    assert len(ids) == len(items)
    assert set(tables["materials"].column("item_id").to_pylist()) <= ids


def test_row_order_and_ids_do_not_depend_on_input_order(items: list[GuideItem]) -> None:
    shuffled = sorted(items, key=lambda i: i.source_file, reverse=True)
    a = schema.items_to_tables(items)["items"]
    b = schema.items_to_tables(shuffled)["items"]
    assert a.equals(b)


def test_empty_item_list_gives_empty_tables_with_schema() -> None:
    tables = schema.items_to_tables([])
    assert tables["items"].num_rows == 0
    assert tables["items"].schema == schema.ITEMS


def test_match_evidence_is_published_with_each_item(items: list[GuideItem]) -> None:
    from normalizers.alignment.align import align_items, apply_alignment

    aligned = apply_alignment(items, align_items(items))
    table = schema.items_to_tables(aligned)["items"]
    back = {(b.source_file, b.item_name): b for b in schema.table_to_items(table)}
    fields = ("match_score", "match_method", "match_runner_up", "needs_review", "catalog_version")
    for item in aligned:
        got = back[(item.source_file, item.item_name)]
        assert [getattr(got, f) for f in fields] == [getattr(item, f) for f in fields]
    methods = set(table.column("match_method").to_pylist())
    assert {"exact", "none"} <= methods and None not in methods
    assert any(table.column("needs_review").to_pylist())


def test_items_of_a_version_without_match_columns_still_read(items: list[GuideItem]) -> None:
    # Versions published before schema 2 have no match evidence columns.
    table = schema.items_to_tables(items)["items"]
    old = table.drop_columns([c for c in table.column_names if c.startswith("match_")])
    old = old.drop_columns(["needs_review", "catalog_version"])
    back = schema.table_to_items(old)
    assert [b.item_name for b in back] == table.column("item_name").to_pylist()
    assert all(b.match_method is None and not b.needs_review for b in back)
