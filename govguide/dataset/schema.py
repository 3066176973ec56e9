"""The published dataset's tables: explicit pyarrow schemas and GuideItem ⇄ table conversion.

Every table of a version has a fixed schema here, so a reader (duckdb, pandas, a later
govguide) never has to guess types:

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
from typing import Any

import pyarrow as pa

from govguide.core.errors import PublishError
from govguide.core.ids import ItemIds, identify
from govguide.core.models import GuideItem, LegalBasis, Material, SourceRef, TimeCondition
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

_DICT = pa.dictionary(pa.int32(), pa.string())

TIME_CONDITION = pa.struct([("condition", pa.string()), ("days", pa.int32())])
MATERIAL = pa.struct(
    [
        ("name", pa.string()),
        ("condition", pa.string()),
        ("form", pa.string()),
        ("copies", pa.int32()),
        ("required", pa.bool_()),
        ("source", pa.string()),
    ]
)
LEGAL_BASIS = pa.struct(
    [
        ("title", pa.string()),
        ("doc_number", pa.string()),
        ("articles", pa.list_(pa.int32())),
        ("raw", pa.string()),
    ]
)
WARNING = pa.struct([("field", pa.string()), ("message", pa.string())])
PROVENANCE = pa.struct(
    [
        ("field", pa.string()),
        ("page", pa.int32()),
        ("bbox", pa.list_(pa.float64(), 4)),
        ("table", pa.int32()),
        ("row", pa.int32()),
        ("col", pa.int32()),
        ("para", pa.int32()),
        ("confidence", pa.float64()),  # OCR recognition confidence; null for text layers
    ]
)

ITEMS = pa.schema(
    [
        ("item_id", pa.string()),
        ("guide_id", pa.string()),
        ("content_id", pa.string()),
        ("province", _DICT),
        ("region", _DICT),
        ("item_name", pa.string()),
        ("canonical_id", _DICT),
        ("canonical_name", _DICT),
        ("also_covers", pa.list_(pa.string())),
        ("match_score", pa.float64()),
        ("match_method", _DICT),
        ("match_runner_up", _DICT),
        ("match_runner_up_score", pa.float64()),
        ("needs_review", pa.bool_()),
        ("catalog_version", _DICT),
        ("legal_days", pa.int32()),
        ("promised_days", pa.int32()),
        ("days_unit", _DICT),
        ("legal_days_status", _DICT),
        ("promised_days_status", _DICT),
        ("time_limit_text", pa.string()),
        ("time_limit_conditions", pa.list_(TIME_CONDITION)),
        ("n_materials", pa.int32()),
        ("materials", pa.list_(MATERIAL)),
        ("n_legal_basis", pa.int32()),
        ("legal_basis", pa.list_(LEGAL_BASIS)),
        ("section", _DICT),
        ("item_no", pa.string()),
        ("item_version", pa.string()),
        ("source_file", _DICT),
        ("source_sha256", _DICT),
        ("source_url", _DICT),
        ("fetched_at", pa.timestamp("s", tz="UTC")),
        ("item_index", pa.int32()),
        ("page", pa.int32()),
        ("extractor", _DICT),
        ("ocr", pa.bool_()),
        ("warnings", pa.list_(WARNING)),
        ("provenance", pa.list_(PROVENANCE)),
    ]
)

MATERIALS = pa.schema(
    [
        ("item_id", pa.string()),
        ("guide_id", pa.string()),
        ("content_id", pa.string()),
        ("source_file", _DICT),
        ("material_index", pa.int32()),
        ("province", _DICT),
        ("region", _DICT),
        ("item_name", _DICT),
        ("canonical_name", _DICT),
        ("name", pa.string()),
        ("name_normalised", pa.string()),
        ("condition", _DICT),
        ("form", _DICT),
        ("copies", pa.int32()),
        ("required", pa.bool_()),
        ("source", _DICT),
    ]
)

LEGAL_BASIS_TABLE = pa.schema(
    [
        ("item_id", pa.string()),
        ("guide_id", pa.string()),
        ("content_id", pa.string()),
        ("source_file", _DICT),
        ("basis_index", pa.int32()),
        ("province", _DICT),
        ("region", _DICT),
        ("item_name", _DICT),
        ("canonical_name", _DICT),
        ("title", _DICT),
        ("title_as_written", _DICT),
        ("doc_number", _DICT),
        ("doc_number_as_written", _DICT),
        ("articles", pa.list_(pa.int32())),
        ("raw", pa.string()),
    ]
)

FILES = pa.schema(
    [
        ("path", pa.string()),
        ("sha256", pa.string()),
        ("size_bytes", pa.int64()),
        ("format", _DICT),
        ("status", _DICT),
        ("reason", _DICT),
        ("message", pa.string()),
        ("items", pa.int32()),
        ("pages", pa.int32()),
        ("extractor", _DICT),
        ("warnings", pa.int32()),
        ("cached", pa.bool_()),
        ("attempts", pa.int32()),
        ("seconds", pa.float64()),
        ("quarantine_path", pa.string()),
        ("content_id", pa.string()),
        # Against the parent version: added, changed, unchanged, renamed, removed.
        ("change", _DICT),
        ("previous_path", pa.string()),
        ("duplicate_of", pa.string()),
    ]
)

CHANGES = pa.schema(
    [
        ("old_version", _DICT),
        ("new_version", _DICT),
        ("province", _DICT),
        ("region", _DICT),
        ("item_id", pa.string()),
        ("item_key", pa.string()),
        ("item_name", pa.string()),
        ("source_file", _DICT),
        ("change", _DICT),
        ("field", _DICT),
        ("before", pa.string()),
        ("after", pa.string()),
        ("similarity", pa.float64()),
    ]
)

# The aligner's tables (normalizers.alignment.review); see frame_to_table.
ALIGNMENT = pa.schema(
    [
        ("canonical_id", _DICT),
        ("canonical_name", _DICT),
        ("main_item", _DICT),
        ("province", _DICT),
        ("region", _DICT),
        ("item_names", pa.list_(pa.string())),
        ("item_ids", pa.list_(pa.string())),
        ("n_items", pa.int32()),
        ("provided_as", _DICT),
        ("legal_days_min", pa.int32()),
        ("legal_days_max", pa.int32()),
        ("promised_days_min", pa.int32()),
        ("promised_days_max", pa.int32()),
        ("days_units", pa.list_(pa.string())),
        ("time_limit_texts", pa.list_(pa.string())),
        ("material_count_min", pa.int32()),
        ("material_count_max", pa.int32()),
        ("needs_review", pa.bool_()),
        ("catalog_version", _DICT),
    ]
)
REVIEW_QUEUE = pa.schema(
    [
        ("item_id", pa.string()),
        ("item_name", pa.string()),
        ("province", _DICT),
        ("region", _DICT),
        ("section", _DICT),
        ("source_file", _DICT),
        ("proposed_id", _DICT),
        ("proposed_name", _DICT),
        ("match_score", pa.float64()),
        ("match_method", _DICT),
        ("reason", pa.string()),
        ("candidate_ids", pa.list_(pa.string())),
        ("candidate_names", pa.list_(pa.string())),
        ("candidate_scores", pa.list_(pa.float64())),
        ("catalog_version", _DICT),
    ]
)
COVERAGE = pa.schema(
    [
        ("province", _DICT),
        ("canonical_id", _DICT),
        ("canonical_name", _DICT),
        ("main_item", _DICT),
        ("status", _DICT),
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

# Status of one input file in the run report (``files.status``).
FILE_STATUSES = ("extracted", "unchanged", "not a guide", "quarantined", "failed", "kept", "removed")
# How an item's catalog mapping was found (``items.match_method``); ``reviewed_none`` is a
# reviewer's decision that the item matches no catalog item, ``none`` the matcher finding none.
MATCH_METHODS = ("override", "reviewed_none", "exact", "alias", "fuzzy", "content", "none")
# How an item's legal / promised limit is stated (``items.legal_days_status`` …): days
# given, the guide saying there is none (法定时限 无), or nothing said.
LIMIT_STATUSES = ("stated", "none", "not stated")
# What happened to a file since the parent version (``files.change``).
FILE_CHANGES = ("added", "changed", "unchanged", "renamed", "removed")

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
# Rows of ``changes`` about input files (govguide.dataset.file_changes), not items.
FILE_CHANGE_KINDS = (
    "file_added",
    "file_changed",
    "file_renamed",
    "file_removed",
    "file_duplicate",
)

# ``coverage.status`` and ``alignment.provided_as`` (normalizers.alignment.review).
COVERAGE_STATUSES = ("has", "covered", "lacks", "adds", "unresolved")
PROVIDED_AS = ("direct", "covered", "both")
DAYS_UNITS = ("working", "natural")

# Tables whose content defines a version: the run report (timings) and the diff (depends
# on the parent) are published with a version but do not make one different.
DATA_TABLES = ("items", "materials", "legal_basis", "alignment", "review_queue", "coverage")


_ALLOWED.update(
    {
        ("items", "match_method"): MATCH_METHODS,
        ("items", "days_unit"): DAYS_UNITS,
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


def _item_row(item: GuideItem, idx: int, ids: ItemIds) -> dict[str, Any]:
    return {
        "item_id": ids.item_id,
        "guide_id": ids.guide_id,
        "content_id": ids.content_id,
        "province": item.province,
        "region": item.region,
        "item_name": item.item_name,
        "canonical_id": item.canonical_id,
        "canonical_name": item.canonical_name,
        "also_covers": list(item.also_covers),
        "match_score": item.match_score,
        "match_method": item.match_method,
        "match_runner_up": item.match_runner_up,
        "match_runner_up_score": item.match_runner_up_score,
        "needs_review": item.needs_review,
        "catalog_version": item.catalog_version,
        "legal_days": item.legal_days,
        "promised_days": item.promised_days,
        # A unit only where there is a limit to count in it.
        "days_unit": item.days_unit if _has_limit(item) else None,
        "legal_days_status": limit_status(item.legal_days, "legal", item.time_limit_text),
        "promised_days_status": limit_status(item.promised_days, "promised", item.time_limit_text),
        "time_limit_text": item.time_limit_text,
        "time_limit_conditions": [c.model_dump() for c in item.time_limit_conditions],
        "n_materials": len(item.materials),
        "materials": [m.model_dump() for m in item.materials],
        "n_legal_basis": len(item.legal_basis),
        "legal_basis": [b.model_dump() for b in item.legal_basis],
        "section": item.section,
        "item_no": item.item_no,
        "item_version": item.item_version,
        "source_file": item.source_file,
        "source_sha256": item.source_sha256,
        "source_url": item.source_url,
        "fetched_at": item.fetched_at,
        "item_index": idx,
        "page": item.page,
        "extractor": item.extractor,
        "ocr": item.ocr,
        "warnings": [
            {"field": field, "message": message}
            for field, messages in item.warnings.items()
            for message in messages
        ],
        "provenance": [
            {"field": field, **_ref_row(ref)}
            for field, refs in item.provenance.items()
            for ref in refs
        ],
    }


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
    (non-nullable) column has a null."""
    plain = pa.schema([_undictionary(f) for f in schema])
    columns = {f.name: [r.get(f.name) for r in rows] for f in schema}
    for f in schema:
        if not f.nullable and (missing := sum(v is None for v in columns[f.name])):
            raise PublishError(f"required column {f.name!r} is null in {missing} row(s)")
    table = pa.Table.from_pydict(columns, schema=plain)
    return table.cast(schema)


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
        shared = {
            "item_id": item_ids.item_id,
            "guide_id": item_ids.guide_id,
            "content_id": item_ids.content_id,
            "source_file": item.source_file,
            "province": item.province,
            "region": item.region,
            "item_name": item.item_name,
            "canonical_name": item.canonical_name,
        }
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
    for row in rows:
        warnings: dict[str, list[str]] = {}
        for w in row["warnings"] or []:
            warnings.setdefault(w["field"], []).append(w["message"])
        provenance: dict[str, list[SourceRef]] = {}
        for p in row.get("provenance") or []:
            field = p.pop("field")
            if p.get("bbox") is not None:
                p["bbox"] = tuple(p["bbox"])
            provenance.setdefault(field, []).append(SourceRef(**p))
        yield (
            GuideItem(
                item_name=row["item_name"],
                province=row["province"],
                region=row["region"],
                source_file=row["source_file"],
                source_sha256=row["source_sha256"],
                # Absent from versions published before schema 3.
                source_url=row.get("source_url"),
                fetched_at=row.get("fetched_at"),
                page=row["page"],
                extractor=row["extractor"],
                ocr=bool(row.get("ocr")),  # absent before schema 5
                section=row["section"],
                item_no=row["item_no"],
                item_version=row["item_version"],
                time_limit_text=row["time_limit_text"],
                legal_days=row["legal_days"],
                promised_days=row["promised_days"],
                days_unit=row["days_unit"] or "working",
                time_limit_conditions=[
                    TimeCondition(**c) for c in row["time_limit_conditions"] or []
                ],
                materials=[Material(**m) for m in row["materials"] or []],
                legal_basis=[
                    LegalBasis(**{**b, "articles": b["articles"] or []})
                    for b in row["legal_basis"] or []
                ],
                canonical_id=row["canonical_id"],
                canonical_name=row["canonical_name"],
                also_covers=row["also_covers"] or [],
                # Absent from versions published before schema 2.
                match_score=row.get("match_score"),
                match_method=row.get("match_method"),
                match_runner_up=row.get("match_runner_up"),
                match_runner_up_score=row.get("match_runner_up_score"),
                needs_review=bool(row.get("needs_review")),
                catalog_version=row.get("catalog_version"),
                warnings=warnings,
                provenance=provenance,
            )
        )


def frame_to_table(frame: Any, schema: pa.Schema) -> pa.Table:
    """A pandas DataFrame (from the aligner) as a table with exactly ``schema``'s columns
    and types, in its order; columns the frame lacks are null. A column the frame has but
    the schema does not is an error, so a new aligner column is never silently dropped."""
    import pandas as pd

    extra = [c for c in frame.columns if c not in schema.names]
    if extra:
        raise ValueError(
            f"columns {extra} are not in the published schema; add them to govguide.dataset.schema"
        )
    rows = [
        {k: (None if not isinstance(v, list | tuple) and pd.isna(v) else v) for k, v in rec.items()}
        for rec in frame.to_dict("records")
    ]
    return rows_to_table(rows, schema)


def empty_table(name: str) -> pa.Table:
    return SCHEMAS[name].empty_table()
