"""Thin adapter to the aligner (``normalizers.align`` and ``normalizers.review``).

The flow calls only :func:`load_aligner`; if the alignment package is missing or lacks the
expected functions, the run stops at once with a message saying so, instead of publishing
a dataset without canonical ids.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

import pyarrow as pa

from govguide.errors import GovguideError
from govguide.models import GuideItem
from govguide.schema import ALIGNMENT, COVERAGE, REVIEW_QUEUE, frame_to_table


class AlignmentUnavailable(GovguideError):
    reason = "alignment unavailable"


@dataclass
class Aligned:
    """What alignment adds to a run: the items with canonical ids, the aligner's tables and
    its readable review report."""

    items: list[GuideItem]
    tables: dict[str, pa.Table] = field(default_factory=dict)
    catalog_version: str | None = None
    review_markdown: str | None = None


class Aligner(Protocol):
    def __call__(self, items: list[GuideItem]) -> Aligned: ...


def _module(name: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name not in (name, name.rsplit(".", 1)[0]):
            raise
        raise AlignmentUnavailable(
            f"{name} is not installed: the pipeline needs the canonical-catalog aligner "
            "(normalizers/align.py, normalizers/review.py) to publish a dataset"
        ) from exc


def _function(module: ModuleType, name: str) -> Any:
    fn = getattr(module, name, None)
    if not callable(fn):
        raise AlignmentUnavailable(f"{module.__name__} has no function {name}()")
    return fn


def load_aligner(overrides: str | Path | None = None) -> Aligner:
    """The project's aligner, applying the reviewers' overrides file (default
    ``data/reference/overrides.csv``; a missing file means no overrides)."""
    align = _module("normalizers.align")
    review = _module("normalizers.review")
    align_items = _function(align, "align_items")
    apply_alignment = _function(align, "apply_alignment")
    review_queue = _function(review, "review_queue")
    alignment_table = _function(review, "alignment_table")
    coverage_view = _function(review, "coverage_view")
    review_report = _function(review, "review_report")
    load_overrides = _function(_module("normalizers.overrides"), "load_overrides")
    default_catalog = _function(_module("normalizers.catalog"), "default_catalog")

    def run(items: list[GuideItem]) -> Aligned:
        catalog = default_catalog()
        matches = align_items(items, catalog=catalog, overrides=load_overrides(overrides, catalog))
        aligned = apply_alignment(items, matches)
        try:
            report = review_report(aligned, matches)
        except Exception:  # noqa: BLE001 - the readable report is a convenience; the tables are the data
            logging.getLogger(__name__).exception("could not render the alignment review report")
            report = None
        return Aligned(
            items=aligned,
            tables={
                "alignment": frame_to_table(alignment_table(aligned, matches, catalog), ALIGNMENT),
                "review_queue": frame_to_table(review_queue(aligned, matches), REVIEW_QUEUE),
                "coverage": frame_to_table(coverage_view(aligned, matches, catalog), COVERAGE),
            },
            catalog_version=catalog.version,
            review_markdown=report,
        )

    return run
