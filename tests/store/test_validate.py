"""Validation before publish catches bad rows and passes good ones."""

from __future__ import annotations

import pyarrow as pa
import pytest

from govguide.core.models import GuideItem, Material, TimeCondition
from govguide.dataset import schema
from govguide.dataset.validate import ValidationError, check_tables, validate_tables


def test_gold_items_pass(items: list[GuideItem]) -> None:
    assert validate_tables(schema.items_to_tables(items)) == []


def test_empty_name_and_negative_days_are_reported(items: list[GuideItem]) -> None:
    items[0].item_name = "   "
    items[1].promised_days = -3
    items[2].materials.append(Material(name=""))
    items[3].time_limit_conditions = [TimeCondition(condition="企业", days=-1)]
    with pytest.raises(ValidationError) as err:
        check_tables(schema.items_to_tables(items))
    found = {(v.table, v.column) for v in err.value.violations}
    assert ("items", "item_name") in found
    assert ("items", "promised_days") in found
    assert ("materials", "name") in found
    assert ("items", "time_limit_conditions") in found


def test_duplicate_ids_and_orphan_materials_are_reported(items: list[GuideItem]) -> None:
    tables = schema.items_to_tables(items)
    dup = pa.concat_tables([tables["items"], tables["items"].slice(0, 1)])
    orphan = tables["materials"].set_column(
        0, "item_id", pa.array(["nope"] * tables["materials"].num_rows)
    )
    violations = validate_tables({**tables, "items": dup, "materials": orphan})
    checks = {(v.table, v.check) for v in violations}
    # An item row is its id in one file (the PDF and DOCX of a guide share ids).
    assert ("items", "multiple_fields_uniqueness") in checks
    assert ("materials", "references_items") in checks


def test_bad_sha_is_reported(items: list[GuideItem]) -> None:
    item: GuideItem = items[0].model_copy(update={"source_sha256": "abc"})
    violations = validate_tables(schema.items_to_tables([item]))
    assert [v.column for v in violations] == ["source_sha256"]
