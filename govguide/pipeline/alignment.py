"""The run's alignment to the canonical catalog (:mod:`normalizers.alignment`).

Alignment runs over light per-item records (:func:`normalizers.alignment.record.as_record`)
built file by file; its matches are then applied to the full items of one file at a time
while the tables are built (:meth:`Aligned.apply`), so a run never holds the corpus's full
items.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from govguide.core.ids import item_ids
from govguide.core.models import GuideItem
from govguide.dataset.schema import ALIGNMENT, COVERAGE, REVIEW_QUEUE, frame_to_table
from normalizers.alignment.align import Match, align_items, apply_match, item_key
from normalizers.alignment.catalog import Catalog, default_catalog
from normalizers.alignment.overrides import load_overrides
from normalizers.alignment.record import ItemRecord
from normalizers.alignment.review import (
    alignment_table,
    coverage_view,
    review_queue,
    review_report,
)


@dataclass
class Aligned:
    """What alignment adds to a run: one match per record (in order), the aligner's
    tables and its readable review report."""

    records: Sequence[ItemRecord]
    matches: Sequence[Match]
    catalog: Catalog
    tables: dict[str, pa.Table] = field(default_factory=dict)
    review_markdown: str | None = None
    # What the run did with the overrides file (OverrideUsage.as_dict()).
    overrides: dict[str, Any] | None = None

    @property
    def catalog_version(self) -> str:
        return self.catalog.version

    def apply(self, index: int, item: GuideItem) -> GuideItem:
        """Item ``index`` of the corpus (in record order) with its match set, in place.

        Raises ValueError if ``item`` is not the item its record was made from: matches
        applied to the wrong items would publish wrong canonical ids silently."""
        if index >= len(self.records):
            raise ValueError(f"item {index} has no record: more items than were aligned")
        record = self.records[index]
        if (record.source_file, record.item_name) != (item.source_file, item.item_name):
            raise ValueError(
                f"item {index} ({item.source_file}: {item.item_name}) does not follow the "
                f"aligned records ({record.source_file}: {record.item_name})"
            )
        return apply_match(item, self.matches[index], self.catalog)


def align_records(
    records: Sequence[ItemRecord],
    overrides: str | Path | None = None,
    *,
    required: bool | None = None,
) -> Aligned:
    """Align a corpus of records to the default catalog, applying the reviewers' overrides
    file (default ``data/reference/overrides.csv``; a missing file means no overrides
    unless ``required``, which defaults to "a file was named")."""
    catalog = default_catalog()
    decisions = load_overrides(overrides, catalog, required=required)
    matches = align_items(records, catalog=catalog, overrides=decisions)
    usage = decisions.usage(item_ids(records), [item_key(r) for r in records])
    try:
        report = review_report(records, matches)
    except Exception:  # noqa: BLE001 - the readable report is a convenience; the tables are the data
        logging.getLogger(__name__).exception("could not render the alignment review report")
        report = None
    return Aligned(
        records=records,
        matches=matches,
        catalog=catalog,
        tables={
            "alignment": frame_to_table(alignment_table(records, matches, catalog), ALIGNMENT),
            "review_queue": frame_to_table(review_queue(records, matches), REVIEW_QUEUE),
            "coverage": frame_to_table(coverage_view(records, matches, catalog), COVERAGE),
        },
        review_markdown=report,
        overrides=usage.as_dict(),
    )
