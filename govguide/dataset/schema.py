"""The published dataset's tables: explicit pyarrow schemas and GuideItem ⇄ table conversion.

Every table of a version has a fixed schema here, so a reader (duckdb, pandas, a later
govguide) never has to guess types. The item tables' columns are derived from the models
(:mod:`govguide.core.models`, through :mod:`govguide.dataset.model_columns`): only what
publishing adds to a model (ids, counts, statuses, positions, normalised spellings) and
which strings are dictionary encoded are written here.

- ``items``: one row per GuideItem, nested fields kept as ``list<struct>`` so one row holds
  the whole record (provenance included) and :func:`table_to_items` gives it back exactly;
- ``materials`` (one row per material) and ``legal_basis`` (one row per citation): flat
  views for analysts, keyed to ``items.item_id``, with province/region/item name repeated so
  the common queries need no join;
- ``alignment`` (one row per canonical item, province and region), ``review_queue`` (items
  a person must check) and ``coverage`` (per province: which catalog items it has, lacks or
  adds): the aligner's tables (:mod:`normalizers.alignment.review`), see :func:`frame_to_table`;
- ``files``: the run report, one row per input file;
- ``changes``: the diff against the parent version.

Strings that repeat across rows (province, file, extractor, status …) are dictionary
encoded. Row order is deterministic: items by source file, then by their order in the file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import Any, get_args

import pyarrow as pa

from govguide.core.errors import PublishError
from govguide.core.ids import ItemIds, identify
from govguide.core.models import (
    DaysUnit,
    GuideItem,
    LegalBasis,
    LimitStatus,
    MatchMethod,
    Material,
    SourceRef,
    TimeCondition,
)
from govguide.dataset.file_changes import FILE_CHANGES, UNCHANGED
from govguide.dataset.model_columns import (
    DICTIONARY,
    Column,
    literal_columns,
    model_columns,
    struct_type,
)
from normalizers.references import doc_number, law_title, material_name
from normalizers.time_limits import limit_status

# 2: the match evidence columns of items (match_score …); 3: items.source_url and
# items.fetched_at, coverage.n_items; 4: stable ids (item_id from guide and name, guide_id,
# content_id on items, materials, legal_basis and files; source_file on materials and
# legal_basis; changes.item_id; review_queue.item_id and alignment.item_ids instead of the
# older keys), files.change / previous_path / duplicate_of, match_method 'reviewed_none';
# items.days_unit null without a limit, items.legal_days_status / promised_days_status;
# legal_basis.title / doc_number in one spelling per law with title_as_written /
# doc_number_as_written; materials.name_normalised
# 5: items.ocr and the OCR confidence of provenance entries
SCHEMA_VERSION = "5"

TIME_CONDITION = struct_type(TimeCondition)
MATERIAL = struct_type(Material)
LEGAL_BASIS = struct_type(LegalBasis)
# ``GuideItem.warnings`` and ``.provenance`` map a field to its entries: published as one
# entry per row, the field in each.
WARNING = pa.struct([("field", pa.string()), ("message", pa.string())])
PROVENANCE = pa.struct([("field", pa.string()), *struct_type(SourceRef)])

# The ids of an item (govguide.core.ids), computed when publishing.
_IDS: list[Column] = [
    ("item_id", pa.string()),
    ("guide_id", pa.string()),
    ("content_id", pa.string()),
]
# What a row of materials and legal_basis repeats of its item: the item row it belongs to
# (ids and file), then, after its position in the item's list, what common queries select
# by, so they need no join.
_ITEM_ROW: list[Column] = [*_IDS, ("source_file", DICTIONARY)]
_ITEM_NAMES: list[Column] = [
    ("province", DICTIONARY),
    ("region", DICTIONARY),
    ("item_name", DICTIONARY),
    ("canonical_name", DICTIONARY),
]

# One column per GuideItem field, in field order, and the columns computed from an item.
ITEMS = pa.schema(
    model_columns(
        GuideItem,
        before={
            "province": _IDS,
            "time_limit_text": [
                ("legal_days_status", DICTIONARY),
                ("promised_days_status", DICTIONARY),
            ],
            "materials": [("n_materials", pa.int32())],
            "legal_basis": [("n_legal_basis", pa.int32())],
            "page": [("item_index", pa.int32())],
        },
        dictionary={
            "province",
            "region",
            "canonical_id",
            "canonical_name",
            "match_runner_up",
            "catalog_version",
            "section",
            "source_file",
            "source_sha256",
            "source_url",
            "extractor",
        },
        stored={"warnings": pa.list_(WARNING), "provenance": pa.list_(PROVENANCE)},
    )
)

MATERIALS = pa.schema(
    model_columns(
        Material,
        before={
            "name": [*_ITEM_ROW, ("material_index", pa.int32()), *_ITEM_NAMES],
            "condition": [("name_normalised", pa.string())],
        },
        dictionary={"condition", "form", "source"},
    )
)

# Title and document number in one spelling per law, beside the document's own.
LEGAL_BASIS_TABLE = pa.schema(
    model_columns(
        LegalBasis,
        before={
            "title": [*_ITEM_ROW, ("basis_index", pa.int32()), *_ITEM_NAMES],
            "doc_number": [("title_as_written", DICTIONARY)],
            "articles": [("doc_number_as_written", DICTIONARY)],
        },
        dictionary={"title", "doc_number"},
    )
)

FILES = pa.schema(
    [
        ("path", pa.string()),
        ("sha256", pa.string()),
        ("size_bytes", pa.int64()),
        ("format", DICTIONARY),
        ("status", DICTIONARY),
        ("reason", DICTIONARY),
        ("message", pa.string()),
        ("items", pa.int32()),
        ("pages", pa.int32()),
        ("extractor", DICTIONARY),
        ("warnings", pa.int32()),
        ("cached", pa.bool_()),
        ("attempts", pa.int32()),
        ("seconds", pa.float64()),
        ("quarantine_path", pa.string()),
        ("content_id", pa.string()),
        # Against the parent version: added, changed, unchanged, renamed, removed.
        ("change", DICTIONARY),
        ("previous_path", pa.string()),
        ("duplicate_of", pa.string()),
    ]
)

CHANGES = pa.schema(
    [
        ("old_version", DICTIONARY),
        ("new_version", DICTIONARY),
        ("province", DICTIONARY),
        ("region", DICTIONARY),
        ("item_id", pa.string()),
        ("item_key", pa.string()),
        ("item_name", pa.string()),
        ("source_file", DICTIONARY),
        ("change", DICTIONARY),
        ("field", DICTIONARY),
        ("before", pa.string()),
        ("after", pa.string()),
        ("similarity", pa.float64()),
    ]
)

# The aligner's tables (normalizers.alignment.review); see frame_to_table.
ALIGNMENT = pa.schema(
    [
        ("canonical_id", DICTIONARY),
        ("canonical_name", DICTIONARY),
        ("main_item", DICTIONARY),
        ("province", DICTIONARY),
        ("region", DICTIONARY),
        ("item_names", pa.list_(pa.string())),
        ("item_ids", pa.list_(pa.string())),
        ("n_items", pa.int32()),
        ("provided_as", DICTIONARY),
        ("legal_days_min", pa.int32()),
        ("legal_days_max", pa.int32()),
        ("promised_days_min", pa.int32()),
        ("promised_days_max", pa.int32()),
        ("days_units", pa.list_(pa.string())),
        ("time_limit_texts", pa.list_(pa.string())),
        ("material_count_min", pa.int32()),
        ("material_count_max", pa.int32()),
        ("needs_review", pa.bool_()),
        ("catalog_version", DICTIONARY),
    ]
)
REVIEW_QUEUE = pa.schema(
    [
        ("item_id", pa.string()),
        ("item_name", pa.string()),
        ("province", DICTIONARY),
        ("region", DICTIONARY),
        ("section", DICTIONARY),
        ("source_file", DICTIONARY),
        ("proposed_id", DICTIONARY),
        ("proposed_name", DICTIONARY),
        ("match_score", pa.float64()),
        ("match_method", DICTIONARY),
        ("reason", pa.string()),
        ("candidate_ids", pa.list_(pa.string())),
        ("candidate_names", pa.list_(pa.string())),
        ("candidate_scores", pa.list_(pa.float64())),
        ("catalog_version", DICTIONARY),
    ]
)
COVERAGE = pa.schema(
    [
        ("province", DICTIONARY),
        ("canonical_id", DICTIONARY),
        ("canonical_name", DICTIONARY),
        ("main_item", DICTIONARY),
        ("status", DICTIONARY),
        ("item_names", pa.list_(pa.string())),
        ("n_items", pa.int32()),
        ("regions", pa.list_(pa.string())),
    ]
)

_ALLOWED: dict[tuple[str, str], tuple[str, ...]] = {}  # filled below, once the constants exist


def _dictionary() -> dict[str, Any]:
    text = resources.files("govguide.dataset").joinpath("data_dictionary.toml").read_text("utf-8")
    return tomllib.loads(text)


def _documented(name: str, schema: pa.Schema, doc: dict[str, Any]) -> pa.Schema:
    """``schema`` with each field's description and allowed values as Parquet field
    metadata, and required columns non-nullable (see data_dictionary.toml)."""
    columns = doc[name]
    fields = []
    for f in schema:
        if f.name not in columns:
            raise RuntimeError(f"{name}.{f.name} is not in govguide/dataset/data_dictionary.toml")
        entry = columns[f.name]
        meta = {"description": entry["description"]}
        if values := _ALLOWED.get((name, f.name)):
            meta["values"] = ", ".join(values)
        fields.append(f.with_nullable(not entry.get("required", False)).with_metadata(meta))
    return pa.schema(fields, metadata={"description": doc["tables"][name]})


SCHEMAS: dict[str, pa.Schema] = {
    "items": ITEMS,
    "materials": MATERIALS,
    "legal_basis": LEGAL_BASIS_TABLE,
    "files": FILES,
    "changes": CHANGES,
    "alignment": ALIGNMENT,
    "review_queue": REVIEW_QUEUE,
    "coverage": COVERAGE,
}

# Status of one input file in the run report (``files.status``; meanings in govguide.dataset.file_outcome).
FILE_STATUSES = ("extracted", "unchanged", "not a guide", "quarantined", "failed", "kept", "removed")
# The values of the model's Literal types (govguide.core.models), for the columns that are
# not model fields (review_queue.match_method, the limit statuses).
MATCH_METHODS: tuple[str, ...] = get_args(MatchMethod)
LIMIT_STATUSES: tuple[str, ...] = get_args(LimitStatus)
DAYS_UNITS: tuple[str, ...] = get_args(DaysUnit)

CHANGE_KINDS = (
    "item_added",
    "item_removed",
    "field_changed",
    "canonical_changed",
    "material_added",
    "material_removed",
    "material_reworded",
    "material_changed",
    "legal_basis_added",
    "legal_basis_removed",
    "legal_basis_changed",
    # An item removed because its source was withdrawn (404/410 on several nights).
    "source_withdrawn",
    # The mapping's review state: confirmed or sent back to review (needs_review), or how
    # it was found (match_method: a reviewer's decision, the matcher …).
    "review_changed",
)
# Rows of ``changes`` about input files (govguide.dataset.file_changes), not items: one
# per change of a file (file_added …), and a file repeating another's content.
FILE_CHANGE_KINDS = (
    *(f"file_{change}" for change in FILE_CHANGES if change != UNCHANGED),
    "file_duplicate",
)

# ``coverage.status`` and ``alignment.provided_as`` (normalizers.alignment.review).
COVERAGE_STATUSES = ("has", "covered", "lacks", "adds", "unresolved")
PROVIDED_AS = ("direct", "covered", "both")

# Tables whose content defines a version: the run report (timings) and the diff (depends
# on the parent) are published with a version but do not make one different.
DATA_TABLES = ("items", "materials", "legal_basis", "alignment", "review_queue", "coverage")


_ALLOWED.update(
    {
        **{("items", name): values for name, values in literal_columns(GuideItem).items()},
        ("items", "legal_days_status"): LIMIT_STATUSES,
        ("items", "promised_days_status"): LIMIT_STATUSES,
        ("review_queue", "match_method"): MATCH_METHODS,
        ("files", "status"): FILE_STATUSES,
        ("files", "change"): FILE_CHANGES,
        ("changes", "change"): CHANGE_KINDS + FILE_CHANGE_KINDS,
        ("coverage", "status"): COVERAGE_STATUSES,
        ("alignment", "provided_as"): PROVIDED_AS,
    }
)
_DOC = _dictionary()
SCHEMAS = {name: _documented(name, schema, _DOC) for name, schema in SCHEMAS.items()}
ITEMS, MATERIALS, LEGAL_BASIS_TABLE, FILES, CHANGES = (
    SCHEMAS[n] for n in ("items", "materials", "legal_basis", "files", "changes")
)
ALIGNMENT, REVIEW_QUEUE, COVERAGE = (SCHEMAS[n] for n in ("alignment", "review_queue", "coverage"))
TABLE_DESCRIPTIONS: dict[str, str] = dict(_DOC["tables"])


def order_items(items: Iterable[GuideItem]) -> list[tuple[int, GuideItem]]:
    """Items with their index within their source file, in the published row order.

    Sorting by source file only (stable) keeps each file's own item order, so identical
    inputs give identical rows whatever order parallel extraction finished in.
    """
    counters: dict[str, int] = {}
    indexed: list[tuple[int, GuideItem]] = []
    for item in items:
        idx = counters.get(item.source_file, 0)
        counters[item.source_file] = idx + 1
        indexed.append((idx, item))
    indexed.sort(key=lambda pair: (pair[1].source_file, pair[0]))
    return indexed


# GuideItem fields published in another shape than their dump (see ITEMS).
_RESHAPED = {"warnings", "provenance"}


def _item_row(item: GuideItem, idx: int, ids: ItemIds) -> dict[str, Any]:
    """The model's fields as dumped, and the columns computed from it (see ITEMS)."""
    row = item.model_dump(exclude=_RESHAPED)
    row.update(
        item_id=ids.item_id,
        guide_id=ids.guide_id,
        content_id=ids.content_id,
        # A unit only where there is a limit to count in it.
        days_unit=item.days_unit if _has_limit(item) else None,
        legal_days_status=limit_status(item.legal_days, "legal", item.time_limit_text),
        promised_days_status=limit_status(item.promised_days, "promised", item.time_limit_text),
        n_materials=len(item.materials),
        n_legal_basis=len(item.legal_basis),
        item_index=idx,
        warnings=[
            {"field": field, "message": message}
            for field, messages in item.warnings.items()
            for message in messages
        ],
        provenance=[
            {"field": field, **_ref_row(ref)}
            for field, refs in item.provenance.items()
            for ref in refs
        ],
    )
    return row


def _has_limit(item: GuideItem) -> bool:
    return (
        item.legal_days is not None
        or item.promised_days is not None
        or bool(item.time_limit_conditions)
    )


def _material_row(material: Material) -> dict[str, Any]:
    return {**material.model_dump(), "name_normalised": material_name(material.name)}


def _basis_row(basis: LegalBasis) -> dict[str, Any]:
    # One spelling per law in the flat table, so a query by title finds every citation;
    # the items table and the *_as_written columns keep the document's own.
    return {
        **basis.model_dump(),
        "title": law_title(basis.title),
        "title_as_written": basis.title,
        "doc_number": doc_number(basis.doc_number),
        "doc_number_as_written": basis.doc_number,
    }


def _ref_row(ref: SourceRef) -> dict[str, Any]:
    row = ref.model_dump()
    row["bbox"] = list(ref.bbox) if ref.bbox is not None else None
    return row


def rows_to_table(rows: Sequence[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """Build a table with exactly ``schema`` (dictionary columns encoded) from row dicts.

    Raises :class:`~govguide.core.errors.PublishError` naming the column if a required
    (non-nullable) column has a null, and :class:`ValueError` for a key that is not a
    column (a misspelt or unpublished one would otherwise be dropped in silence)."""
    _check_columns({key for row in rows for key in row}, schema)
    plain = pa.schema([_undictionary(f) for f in schema])
    columns = {f.name: [r.get(f.name) for r in rows] for f in schema}
    for f in schema:
        if not f.nullable and (missing := sum(v is None for v in columns[f.name])):
            raise PublishError(f"required column {f.name!r} is null in {missing} row(s)")
    table = pa.Table.from_pydict(columns, schema=plain)
    return table.cast(schema)


def _check_columns(names: Iterable[str], schema: pa.Schema) -> None:
    if extra := sorted(set(names).difference(schema.names)):
        raise ValueError(
            f"columns {extra} are not in the published schema; add them to govguide.dataset.schema"
        )


def concat_parts(parts: Sequence[pa.Table], schema: pa.Schema) -> pa.Table:
    """Tables with exactly ``schema`` joined into one, each dictionary column with one
    dictionary in first-seen order: the table built from all rows at once.

    Parts stay encoded until the end (a plain string column is several times its encoded
    size) and only the joined indices are copied."""
    if not parts:
        return schema.empty_table()
    return pa.concat_tables(parts).unify_dictionaries().combine_chunks()


def _undictionary(field: pa.Field) -> pa.Field:
    if pa.types.is_dictionary(field.type):
        return field.with_type(field.type.value_type)
    return field


ITEM_TABLES = ("items", "materials", "legal_basis")


def items_to_tables(items: Iterable[GuideItem]) -> dict[str, pa.Table]:
    """``items``, ``materials`` and ``legal_basis`` tables for a list of items (tables of
    parts joined with :func:`concat_parts` must each hold whole source files)."""
    item_rows: list[dict[str, Any]] = []
    material_rows: list[dict[str, Any]] = []
    basis_rows: list[dict[str, Any]] = []
    ordered = order_items(items)
    ids = identify([item for _, item in ordered])
    for (idx, item), item_ids in zip(ordered, ids, strict=True):
        row = _item_row(item, idx, item_ids)
        item_rows.append(row)
        shared = {name: row[name] for name, _ in (*_ITEM_ROW, *_ITEM_NAMES)}
        for m_idx, material in enumerate(item.materials):
            material_rows.append({**shared, "material_index": m_idx, **_material_row(material)})
        for b_idx, basis in enumerate(item.legal_basis):
            basis_rows.append({**shared, "basis_index": b_idx, **_basis_row(basis)})
    return {
        "items": rows_to_table(item_rows, ITEMS),
        "materials": rows_to_table(material_rows, MATERIALS),
        "legal_basis": rows_to_table(basis_rows, LEGAL_BASIS_TABLE),
    }


def table_to_items(items: pa.Table, *, provenance: bool = True) -> list[GuideItem]:
    """The GuideItems stored in an ``items`` table, in row order (the inverse of
    :func:`items_to_tables` for its ``items`` table). ``provenance=False`` leaves out
    where each value was read (the table may then lack that column): the diff does not
    need it, and it is most of an item's size."""
    out: list[GuideItem] = []
    if not provenance and "provenance" in items.column_names:
        items = items.drop_columns(["provenance"])
    for batch in items.to_batches(max_chunksize=4096):
        out.extend(_batch_items(batch.to_pylist()))
    return out


def _batch_items(rows: list[dict[str, Any]]) -> Iterable[GuideItem]:
    fields = [name for name in GuideItem.model_fields if name not in _RESHAPED]
    for row in rows:
        warnings: dict[str, list[str]] = {}
        for w in row["warnings"] or []:
            warnings.setdefault(w["field"], []).append(w["message"])
        provenance: dict[str, list[SourceRef]] = {}
        for p in row.get("provenance") or []:
            field = p.pop("field")
            provenance.setdefault(field, []).append(SourceRef.model_validate(_present(p)))
        stored = _present({name: row.get(name) for name in fields})
        yield GuideItem.model_validate({**stored, "warnings": warnings, "provenance": provenance})


def _present(value: Any) -> Any:
    """A stored value without its nulls, so that the model's defaults fill them: columns
    absent from older versions (source_url before schema 3, ocr before 5 …), a list
    stored as null, ``days_unit`` published null for an item without a limit."""
    if isinstance(value, dict):
        return {k: _present(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_present(v) for v in value]
    return value


def frame_to_table(frame: Any, schema: pa.Schema) -> pa.Table:
    """A pandas DataFrame (from the aligner) as a table with exactly ``schema``'s columns
    and types, in its order; columns the frame lacks are null. A column the frame has but
    the schema does not is an error, so a new aligner column is never silently dropped."""
    import pandas as pd

    _check_columns(frame.columns, schema)
    rows = [
        {k: (None if not isinstance(v, list | tuple) and pd.isna(v) else v) for k, v in rec.items()}
        for rec in frame.to_dict("records")
    ]
    return rows_to_table(rows, schema)


def empty_table(name: str) -> pa.Table:
    return SCHEMAS[name].empty_table()
