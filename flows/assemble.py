"""Turn per-file outcomes into the run's item list and the version's tables."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

import pyarrow as pa

from govguide.core.ids import content_id
from govguide.core.models import ExtractionResult, GuideItem
from govguide.dataset.file_changes import FileChange, InputState
from govguide.dataset.file_outcome import EXTRACTED, KEPT, REMOVED, UNCHANGED, FileOutcome
from govguide.dataset.schema import (
    FILES,
    ITEM_TABLES,
    SCHEMAS,
    concat_parts,
    items_to_tables,
    rows_to_table,
)
from normalizers.folder_place import place_from_path, province_of, resolve_place

R = TypeVar("R")


def iter_normalised(
    outcomes: Iterable[FileOutcome],
    load: Callable[[FileOutcome], ExtractionResult | None] | None = None,
) -> Iterator[GuideItem]:
    """The items of every file that has some, made independent of where the run happened:
    ``source_file`` becomes the path relative to the raw root (so the same inputs in another
    directory publish the same data), and province/region come from the document, else from
    the folders (see :mod:`normalizers.folder_place`).

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
                "source_url": outcome.source_url,
                "fetched_at": outcome.fetched_at,
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


def content_ids(outcomes: Iterable[FileOutcome], items: pa.Table) -> dict[str, str]:
    """The ``content_id`` of every input file: its items' (see :mod:`govguide.core.ids`), else
    its bytes' (files without items); files that could not be read at all have none."""
    found = dict(
        zip(
            items.column("source_file").to_pylist(),
            items.column("content_id").to_pylist(),
            strict=True,
        )
    )
    for o in outcomes:
        if o.rel not in found and o.sha256:
            found[o.rel] = content_id([], [], o.sha256)
    return found


def input_states(outcomes: Iterable[FileOutcome], items: pa.Table) -> list[InputState]:
    """The run's input files as :func:`govguide.dataset.file_changes.file_changes` compares them."""
    ids = content_ids(outcomes, items)
    return [InputState(o.rel, o.sha256, ids.get(o.rel)) for o in outcomes]


def files_table(
    outcomes: list[FileOutcome], changes: Iterable[FileChange] | None = None
) -> pa.Table:
    """The run report as a table, one row per input file and one per file removed since
    the parent version (``changes``), sorted by path."""
    by_path = {c.path: c for c in changes or ()}
    rows: list[dict[str, Any]] = []
    for o in sorted(outcomes, key=lambda o: o.rel):
        change = by_path.pop(o.rel, None)
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
                **_change_columns(change),
            }
        )
    # What is left are files gone since the parent version.
    rows += [
        {"path": c.path, "sha256": c.sha256, "status": REMOVED, **_change_columns(c)}
        for c in by_path.values()
    ]
    rows.sort(key=lambda r: r["path"])
    return rows_to_table(rows, FILES)


def _change_columns(change: FileChange | None) -> dict[str, Any]:
    if change is None:
        return {}
    return {
        "content_id": change.content_id,
        "change": change.change,
        "previous_path": change.previous_path,
        "duplicate_of": change.duplicate_of,
    }


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
