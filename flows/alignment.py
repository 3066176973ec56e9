"""Thin adapter to the aligner (``normalizers.alignment.align``, ``normalizers.alignment.review``).

The flow calls only :func:`load_aligner`; if the alignment package is missing or lacks the
expected functions, the run stops at once with a message saying so, instead of publishing
a dataset without canonical ids.

Alignment runs over light per-item records (``normalizers.alignment.record``) built file by
file; its matches are then applied to the full items of one file at a time while the
tables are built (:meth:`Aligned.apply`), so a run never holds the corpus's full items.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pyarrow as pa

from govguide.core.errors import GovguideError
from govguide.core.models import GuideItem
from govguide.dataset.schema import ALIGNMENT, COVERAGE, REVIEW_QUEUE, frame_to_table


class AlignmentUnavailable(GovguideError):
    reason = "alignment unavailable"


@dataclass
class Aligned:
    """What alignment adds to a run: one match per record (in order), the aligner's
    tables and its readable review report."""

    records: Sequence[Any]
    matches: Sequence[Any]
    apply_match: Callable[[GuideItem, Any], GuideItem]
    tables: dict[str, pa.Table] = field(default_factory=dict)
    catalog_version: str | None = None
    review_markdown: str | None = None
    # What the run did with the overrides file (OverrideUsage.as_dict()).
    overrides: dict[str, Any] | None = None

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
        return self.apply_match(item, self.matches[index])


@dataclass(frozen=True)
class Aligner:
    """The aligner's entry points: ``record`` makes an item's light record, ``align``
    aligns a corpus of records."""

    record: Callable[[GuideItem], Any]
    align: Callable[[Sequence[Any]], Aligned]


def _module(name: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name not in (name, name.rsplit(".", 1)[0]):
            raise
        raise AlignmentUnavailable(
            f"{name} is not installed: the pipeline needs the canonical-catalog aligner "
            "(normalizers/alignment/align.py, normalizers/alignment/review.py) to publish a dataset"
        ) from exc


def _function(module: ModuleType, name: str) -> Any:
    fn = getattr(module, name, None)
    if not callable(fn):
        raise AlignmentUnavailable(f"{module.__name__} has no function {name}()")
    return fn


def load_aligner(overrides: str | Path | None = None, *, required: bool | None = None) -> Aligner:
    """The project's aligner, applying the reviewers' overrides file (default
    ``data/reference/overrides.csv``; a missing file means no overrides unless
    ``required``, which defaults to "a file was named")."""
    align = _module("normalizers.alignment.align")
    review = _module("normalizers.alignment.review")
    align_items = _function(align, "align_items")
    apply_match = _function(align, "apply_match")
    record_of = _function(_module("normalizers.alignment.record"), "as_record")
    review_queue = _function(review, "review_queue")
    alignment_table = _function(review, "alignment_table")
    coverage_view = _function(review, "coverage_view")
    review_report = _function(review, "review_report")
    load_overrides = _function(_module("normalizers.alignment.overrides"), "load_overrides")
    default_catalog = _function(_module("normalizers.alignment.catalog"), "default_catalog")

    item_ids = _function(_module("govguide.core.ids"), "item_ids")
    item_key = _function(align, "item_key")

    def run(records: Sequence[Any]) -> Aligned:
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
            apply_match=lambda item, match: apply_match(item, match, catalog),
            tables={
                "alignment": frame_to_table(alignment_table(records, matches, catalog), ALIGNMENT),
                "review_queue": frame_to_table(review_queue(records, matches), REVIEW_QUEUE),
                "coverage": frame_to_table(coverage_view(records, matches, catalog), COVERAGE),
            },
            catalog_version=catalog.version,
            review_markdown=report,
            overrides=usage.as_dict(),
        )

    return Aligner(record=record_of, align=run)
