"""From a layout extractor's :class:`RawItem` to a normalised :class:`GuideItem`.

The same normalisers run for every layout, so a field means the same thing whichever
extractor read it; every field records where in the source it was read.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from extractors.base import RawField, RawItem
from govguide.core.document import Document
from govguide.core.models import GuideItem, SourceRef
from normalizers.legal_basis import parse_legal_basis
from normalizers.materials import split_glued_headings, split_materials
from normalizers.place import detect_region
from normalizers.script import to_simplified, without_readings
from normalizers.text import clean_text, join_wrapped, joined_text
from normalizers.time_limits import (
    TimeLimit,
    parse_legal_promised,
    parse_time_limit,
    time_limit_from_case_type,
)

_WS = re.compile(r"\s+")
# OCR text recognised with less confidence than this (RapidOCR's mean character score) is
# likely misread somewhere: the field gets a warning so a reviewer checks it.
LOW_OCR_CONFIDENCE = 0.8


def logical_lines(field: RawField, *, clean: bool = True, materials: bool = False) -> list[str]:
    """The field's visual lines re-joined where the layout wrapped them.

    ``clean=False`` keeps the spaces between words: the materials splitter needs them to
    see where run-together entries begin, and cleans each entry itself. ``materials``
    also splits list headings glued to the entry under them (see split_glued_headings).
    """
    groups = join_wrapped(field.lines)
    if materials:
        groups = split_glued_headings(groups)
    texts = (joined_text(g) for g in groups)
    return [t for raw in texts if (t := clean_text(raw) if clean else raw.strip())]


def build_item(
    raw: RawItem,
    doc: Document,
    *,
    extractor: str,
    province: str | None,
    region: str | None,
) -> GuideItem:
    item = GuideItem(
        item_name=_WS.sub("", clean_text(raw.name)),
        province=province,
        region=(detect_region([raw.region]) if raw.region else None) or region,
        source_file=doc.path,
        source_sha256=doc.sha256,
        page=raw.page,
        extractor=extractor,
        section=raw.section,
        item_no=raw.item_no,
        item_version=raw.item_version,
    )
    item.cite("item_name", raw.name_refs)
    _set_materials(item, raw)
    _set_time_limit(item, raw)
    _set_legal_basis(item, raw)
    for field, messages in raw.warnings.items():
        for m in messages:
            item.warn(field, m)
    _mark_ocr(item)
    return item


def _mark_ocr(item: GuideItem) -> None:
    """Mark an item read (in part) by OCR, and warn on each field read with low confidence."""
    for field, refs in item.provenance.items():
        scores = [r.confidence for r in refs if r.confidence is not None]
        if not scores:
            continue
        item.ocr = True
        low = min(scores)
        if low < LOW_OCR_CONFIDENCE:
            where = next(r for r in refs if r.confidence == low).describe()
            item.warn(field, f"read by OCR with low confidence {low:.2f} ({where}); check the scan")


def _set_materials(item: GuideItem, raw: RawItem) -> None:
    if _set_from_rows(item, "materials", raw.material_rows):
        return
    if raw.materials:
        item.materials = split_materials(logical_lines(raw.materials, clean=False, materials=True))
        item.cite("materials", raw.materials.refs)


def _set_from_rows(item: GuideItem, field: str, rows: list[tuple[Any, list[SourceRef]]]) -> bool:
    """Entries a layout read as table rows (already structured) win over lines to be parsed."""
    if not rows:
        return False
    setattr(item, field, [entry for entry, _ in rows])
    item.cite(field, [r for _, refs in rows for r in refs])
    return True


def _readable(text: str) -> str:
    """Time-limit text as the parser reads it: simplified, without readings (個(gè)工作日)."""
    return without_readings(to_simplified(text))


def _set_time_limit(item: GuideItem, raw: RawItem) -> None:
    limit: TimeLimit | None = None
    refs: list[SourceRef] = []
    if raw.legal_limit or raw.promised_limit:
        legal = " ".join(logical_lines(raw.legal_limit)) or None
        promised = " ".join(logical_lines(raw.promised_limit)) or None
        # Read in simplified characters (個工作日 → 个工作日); the text stays as written.
        limit = parse_legal_promised(legal and _readable(legal), promised and _readable(promised))
        whole = " ".join(logical_lines(raw.time_limit))
        text = whole or " ".join(t for t in (legal, promised) if t)
        refs = raw.time_limit.refs or raw.legal_limit.refs + raw.promised_limit.refs
    elif raw.time_limit:
        text = " ".join(logical_lines(raw.time_limit))
        limit = parse_time_limit(_readable(text), default_kind="promised")
        refs = raw.time_limit.refs
    elif raw.case_type:
        limit = time_limit_from_case_type(raw.case_type)
        text = raw.case_type
    else:
        text = None
    if limit is not None and limit.promised_days is None and raw.case_type:
        # 法定时限 written as a number, 即办件 / 即审即办 as the case type: promised 0.
        by_case = time_limit_from_case_type(raw.case_type)
        if by_case is not None:
            limit = dataclasses.replace(limit, promised_days=by_case.promised_days)
    if limit is None and raw.process_days is not None:
        # A portal's process table: the steps' working days add up to the promised limit.
        item.promised_days = raw.process_days
        item.time_limit_text = text or f"办理流程合计{raw.process_days}个工作日"
        return
    if limit is None:
        return
    item.time_limit_text = _WS.sub(" ", text).strip() if text else limit.text
    item.legal_days = limit.legal_days
    item.promised_days = limit.promised_days
    item.days_unit = limit.days_unit
    item.time_limit_conditions = list(limit.conditions)
    for w in limit.warnings:
        item.warn("time_limit", w)
    item.cite("time_limit", refs)


def _set_legal_basis(item: GuideItem, raw: RawItem) -> None:
    if _set_from_rows(item, "legal_basis", raw.legal_rows):
        return
    if raw.legal_basis:
        item.legal_basis = parse_legal_basis("\n".join(logical_lines(raw.legal_basis)))
        item.cite("legal_basis", raw.legal_basis.refs)
