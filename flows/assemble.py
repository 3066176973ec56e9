"""Turn per-file outcomes into the run's item list and the version's tables."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

import pyarrow as pa

from flows.outcome import EXTRACTED, KEPT, UNCHANGED, FileOutcome
from flows.places import place_from_path, province_of, resolve_place
from govguide.models import ExtractionResult, GuideItem
from govguide.schema import (
    FILES,
    ITEM_TABLES,
    SCHEMAS,
    concat_parts,
    items_to_tables,
    rows_to_table,
)

R = TypeVar("R")


def iter_normalised(
    outcomes: Iterable[FileOutcome],
    load: Callable[[FileOutcome], ExtractionResult | None] | None = None,
) -> Iterator[GuideItem]:
    """The items of every file that has some, made independent of where the run happened:
    ``source_file`` becomes the path relative to the raw root (so the same inputs in another
    directory publish the same data), and province/region come from the document, else from
    the folders (see :mod:`flows.places`).

    A file's result is its outcome's, else ``load(outcome)`` (the extraction cache): one
    file's result at a time is held, never the whole corpus's."""
    for outcome in sorted(outcomes, key=lambda o: o.rel):
        if outcome.status not in (EXTRACTED, UNCHANGED, KEPT):
            continue
        result = outcome.result
        if result is None and load is not None and outcome.has_result:
            result = load(outcome)
        if result is None:
            continue
        folder_province, folder_region = place_from_path(outcome.rel)
        for item in result.items:
            doc_province = (province_of(item.province) or item.province) if item.province else None
            province, region = resolve_place(
                doc_province, item.region, folder_province, folder_region
            )
            # The loaded result is this function's own: its items may be reused as they are.
            update = {
                "source_file": outcome.rel,
                "source_sha256": outcome.sha256 or item.source_sha256,
                "province": province,
                "region": region,
            }
            if result is outcome.result:
                yield item.model_copy(update=update, deep=True)
            else:
                for key, value in update.items():
                    setattr(item, key, value)
                yield item
        del result


def normalise(
    outcomes: list[FileOutcome],
    load: Callable[[FileOutcome], ExtractionResult | None] | None = None,
) -> list[GuideItem]:
    """:func:`iter_normalised` as a list."""
    return list(iter_normalised(outcomes, load))


def records(
    outcomes: list[FileOutcome],
    load: Callable[[FileOutcome], ExtractionResult | None] | None,
    record: Callable[[GuideItem], R],
) -> list[R]:
    """``record(item)`` of every normalised item, in order, read one file at a time: what
    alignment holds for the whole corpus instead of the items themselves."""
    return [record(item) for item in iter_normalised(outcomes, load)]


def build_item_tables(
    outcomes: list[FileOutcome],
    load: Callable[[FileOutcome], ExtractionResult | None] | None = None,
    finish: Callable[[int, GuideItem], GuideItem] | None = None,
    batch: int = 500,
) -> dict[str, pa.Table]:
    """The ``items``, ``materials`` and ``legal_basis`` tables of the normalised items, each
    passed through ``finish(index, item)`` first (alignment sets its match there). Built
    from parts of about ``batch`` items (whole files), so only that many full items are in
    memory, and few parts: each Arrow part costs far more than its rows. The tables equal
    :func:`items_to_tables` over the whole finished item list."""
    parts: dict[str, list[pa.Table]] = {name: [] for name in ITEM_TABLES}
    chunk: list[GuideItem] = []

    def flush() -> None:
        for name, table in items_to_tables(chunk).items():
            parts[name].append(table)
        chunk.clear()

    for index, item in enumerate(iter_normalised(outcomes, load)):
        if finish is not None:
            item = finish(index, item)
        if len(chunk) >= batch and chunk[-1].source_file != item.source_file:
            flush()
        chunk.append(item)
    if chunk:
        flush()
    return {name: concat_parts(parts[name], SCHEMAS[name]) for name in ITEM_TABLES}


def files_table(outcomes: list[FileOutcome]) -> pa.Table:
    """The run report as a table, one row per input file, sorted by path."""
    rows: list[dict[str, Any]] = []
    for o in sorted(outcomes, key=lambda o: o.rel):
        rows.append(
            {
                "path": o.rel,
                "sha256": o.sha256,
                "size_bytes": o.size,
                "format": o.format,
                "status": o.status,
                "reason": o.reason,
                "message": o.message,
                "items": o.n_items,
                "pages": o.pages,
                "extractor": o.extractor,
                "warnings": o.n_warnings,
                "cached": o.cached,
                "attempts": o.attempts,
                "seconds": round(o.seconds, 4),
                "quarantine_path": o.quarantine_path,
            }
        )
    return rows_to_table(rows, FILES)


def build_tables(
    outcomes: list[FileOutcome],
    load: Callable[[FileOutcome], ExtractionResult | None] | None = None,
    finish: Callable[[int, GuideItem], GuideItem] | None = None,
    alignment_tables: Mapping[str, pa.Table] | None = None,
) -> dict[str, pa.Table]:
    """All tables of a version except ``changes`` (which depends on the parent): the item
    tables (see :func:`build_item_tables`), the aligner's tables and ``files``."""
    tables = build_item_tables(outcomes, load, finish)
    tables.update(alignment_tables or {})
    tables["files"] = files_table(outcomes)
    return tables
