"""The published columns come from the models (govguide.core.models): every field has its
column and comes back from it, every column has its data-dictionary entry, and a Literal
type is the one list of a column's values, for the Parquet metadata and validation alike."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import get_args

import pyarrow as pa
import pyarrow.parquet as pq
import pydantic
import pytest
from pydantic import BaseModel

from govguide.core import models
from govguide.core.models import GuideItem, SourceRef
from govguide.dataset import schema
from govguide.dataset.model_columns import arrow_type, model_columns
from govguide.dataset.validate import ITEMS_CHECK, validate_tables
from normalizers.alignment.align import align_items, apply_alignment
from tests.conftest import ROOT, SAMPLES, extracted

# The table of each row model, and the struct of each nested model in items.
TABLES: dict[type[BaseModel], pa.Schema] = {
    GuideItem: schema.ITEMS,
    models.Material: schema.MATERIALS,
    models.LegalBasis: schema.LEGAL_BASIS_TABLE,
}
STRUCTS: dict[type[BaseModel], pa.DataType] = {
    models.TimeCondition: schema.ITEMS.field("time_limit_conditions").type.value_type,
    models.Material: schema.ITEMS.field("materials").type.value_type,
    models.LegalBasis: schema.ITEMS.field("legal_basis").type.value_type,
    SourceRef: schema.ITEMS.field("provenance").type.value_type,
}
# items columns whose values are a Literal type of the models.
LITERAL_COLUMNS = {
    "days_unit": models.DaysUnit,
    "match_method": models.MatchMethod,
    "legal_days_status": models.LimitStatus,
    "promised_days_status": models.LimitStatus,
}


@pytest.fixture(scope="module")
def real_items() -> list[GuideItem]:
    """Items of two sample guides (a DOCX list and a PDF), aligned to the catalog."""
    items: list[GuideItem] = []
    for name in ("gx_list_yibao_jingban.docx", "cq_youyang_fuwu_zhinan.pdf"):
        items += [
            it.model_copy(update={"source_file": name}) for it in extracted(SAMPLES / name).items
        ]
    return apply_alignment(items, align_items(items))


def _stored_type(t: pa.DataType) -> pa.DataType:
    return t.value_type if pa.types.is_dictionary(t) else t


@pytest.mark.parametrize("model", list(TABLES), ids=lambda m: m.__name__)
def test_every_model_field_has_its_column_with_its_type(model: type[BaseModel]) -> None:
    table = TABLES[model]
    reshaped = {"warnings", "provenance"}  # per-field dicts, published one entry per row
    for name, field in model.model_fields.items():
        assert name in table.names, f"{model.__name__}.{name} has no column"
        if name not in reshaped:
            assert _stored_type(table.field(name).type) == arrow_type(field.annotation), name


@pytest.mark.parametrize("model", list(STRUCTS), ids=lambda m: m.__name__)
def test_every_nested_model_field_has_its_struct_field(model: type[BaseModel]) -> None:
    struct = STRUCTS[model]
    names = [struct.field(i).name for i in range(struct.num_fields)]
    # Provenance entries say which item field they locate before the SourceRef's own.
    assert [n for n in names if not (model is SourceRef and n == "field")] == list(
        model.model_fields
    )


def test_every_column_has_a_dictionary_entry_and_every_entry_a_column() -> None:
    path = ROOT / "govguide" / "dataset" / "data_dictionary.toml"
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    assert set(doc["tables"]) == set(schema.SCHEMAS)
    for name, table in schema.SCHEMAS.items():
        missing = set(table.names) - set(doc[name])
        stale = set(doc[name]) - set(table.names)
        assert not missing, f"{name}: columns without an entry: {sorted(missing)}"
        assert not stale, f"{name}: entries without a column: {sorted(stale)}"


def test_real_items_come_back_from_parquet_field_by_field(
    real_items: list[GuideItem], tmp_path: Path
) -> None:
    # The documents exercise the nested fields, so their columns are really checked.
    assert all(any(getattr(it, f) for it in real_items) for f in ("materials", "legal_basis"))
    assert all(any(getattr(it, f) for it in real_items) for f in ("provenance", "canonical_id"))
    path = tmp_path / "items.parquet"
    pq.write_table(schema.items_to_tables(real_items)["items"], path)
    back = schema.table_to_items(pq.read_table(path))
    expected = [item for _, item in schema.order_items(real_items)]
    assert len(back) == len(expected)
    for got, want in zip(back, expected, strict=True):
        for name in GuideItem.model_fields:
            assert getattr(got, name) == getattr(want, name), f"{want.item_name}: {name}"


def test_parquet_values_metadata_is_the_literal_types(real_items: list[GuideItem]) -> None:
    items = schema.items_to_tables(real_items)["items"]
    for column, literal in LITERAL_COLUMNS.items():
        values = items.schema.field(column).metadata[b"values"].decode().split(", ")
        assert tuple(values) == get_args(literal), column


def test_validation_accepts_exactly_the_literal_values(real_items: list[GuideItem]) -> None:
    tables = schema.items_to_tables(real_items)
    items = tables["items"]
    for column, literal in LITERAL_COLUMNS.items():
        (isin,) = [c for c in ITEMS_CHECK.columns[column].checks if c.name == "isin"]
        assert sorted(isin.statistics["allowed_values"]) == sorted(get_args(literal)), column
        allowed = get_args(literal)
        cycled = [allowed[i % len(allowed)] for i in range(items.num_rows)]
        for values, ok in ((cycled, True), (["calendar", *cycled[1:]], False)):
            array = pa.array(values, pa.string()).dictionary_encode()
            edited = items.set_column(items.schema.get_field_index(column), column, array)
            found = {v.column for v in validate_tables({**tables, "items": edited})}
            assert (column not in found) == ok, (column, values[0])


def test_a_misspelt_field_is_rejected(real_items: list[GuideItem]) -> None:
    with pytest.raises(ValueError, match="provinse"):
        model_columns(GuideItem, dictionary={"provinse"}, stored=_reshaped())
    with pytest.raises(ValueError, match="matrials"):
        model_columns(GuideItem, before={"matrials": [("n", pa.int32())]}, stored=_reshaped())
    row = {"path": "a.pdf", "status": "extracted", "sha265": "0" * 64}
    with pytest.raises(ValueError, match="sha265"):
        schema.rows_to_table([row], schema.FILES)
    item = real_items[0].model_dump()
    with pytest.raises(pydantic.ValidationError, match="match_method"):
        GuideItem.model_validate({**item, "match_method": "fuzy"})
    with pytest.raises(pydantic.ValidationError, match="days_unit"):
        GuideItem.model_validate({**item, "days_unit": "calendar"})


def test_a_field_without_an_arrow_type_must_be_given_one() -> None:
    # warnings is a dict: the items table says how it is stored, else there is no column.
    with pytest.raises(TypeError, match="no Arrow type"):
        model_columns(GuideItem)


def _reshaped() -> dict[str, pa.DataType]:
    return {n: schema.ITEMS.field(n).type for n in ("warnings", "provenance")}
