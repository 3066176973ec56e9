"""The published schema: GuideItems survive Parquet and back, flat views stay consistent."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

from govguide import schema
from govguide.models import GuideItem


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
