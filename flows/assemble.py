"""Turn per-file outcomes into the run's item list and the version's tables."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pyarrow as pa

from flows.outcome import EXTRACTED, UNCHANGED, FileOutcome
from flows.places import place_from_path, province_of, resolve_place
from govguide.models import GuideItem
from govguide.schema import FILES, items_to_tables, rows_to_table


def normalise(outcomes: list[FileOutcome]) -> list[GuideItem]:
    """The items of every file that has some, made independent of where the run happened:
    ``source_file`` becomes the path relative to the raw root (so the same inputs in another
    directory publish the same data), and province/region come from the document, else from
    the folders (see :mod:`flows.places`)."""
    items: list[GuideItem] = []
    for outcome in sorted(outcomes, key=lambda o: o.rel):
        if outcome.status not in (EXTRACTED, UNCHANGED) or outcome.result is None:
            continue
        folder_province, folder_region = place_from_path(outcome.rel)
        for item in outcome.result.items:
            doc_province = (province_of(item.province) or item.province) if item.province else None
            province, region = resolve_place(
                doc_province, item.region, folder_province, folder_region
            )
            items.append(
                item.model_copy(
                    update={
                        "source_file": outcome.rel,
                        "source_sha256": outcome.sha256 or item.source_sha256,
                        "province": province,
                        "region": region,
                    },
                    deep=True,
                )
            )
    return items


def files_table(outcomes: list[FileOutcome]) -> pa.Table:
    """The run report as a table, one row per input file, sorted by path."""
    rows: list[dict[str, Any]] = []
    for o in sorted(outcomes, key=lambda o: o.rel):
        rows.append(
            {
                "path": o.rel,
                "sha256": o.sha256,
                "size_bytes": o.size,
                "format": o.result.format if o.result else None,
                "status": o.status,
                "reason": o.reason,
                "message": o.message,
                "items": o.n_items,
                "pages": o.result.pages if o.result else None,
                "extractor": o.result.extractor if o.result else None,
                "warnings": o.n_warnings,
                "cached": o.cached,
                "attempts": o.attempts,
                "seconds": round(o.seconds, 4),
                "quarantine_path": o.quarantine_path,
            }
        )
    return rows_to_table(rows, FILES)


def build_tables(
    items: list[GuideItem],
    outcomes: list[FileOutcome],
    alignment_tables: Mapping[str, pa.Table] | None = None,
) -> dict[str, pa.Table]:
    """All tables of a version except ``changes`` (which depends on the parent)."""
    tables = items_to_tables(items)
    tables.update(alignment_tables or {})
    tables["files"] = files_table(outcomes)
    return tables
