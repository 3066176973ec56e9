"""What alignment reads of an item, without the item.

Alignment decides over a whole corpus at once (content evidence compares items across
documents), so whatever it holds per item is held for every item of the run. An
:class:`ItemRecord` keeps only what matching and the review tables read: the name, section,
place, file, time limits, the number of materials, the content fingerprint and the service
names material headings mention. A flow builds records file by file, aligns them, and then
applies each match to the full items of one file at a time (:func:`apply_match`), so the
full items of a corpus are never in memory together.

Strings are interned (here, and the fingerprint's keys in
:func:`normalizers.alignment.evidence.fingerprint`): the same material keys, laws and places
recur across thousands of guides, and each is then stored once.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from govguide.core.models import GuideItem
from normalizers.alignment.evidence import ContentFingerprint, fingerprint


def _intern(text: str | None) -> str | None:
    return sys.intern(text) if text else text


@dataclass(frozen=True, slots=True)
class ItemRecord:
    """One item as alignment and its review tables see it."""

    item_name: str
    source_file: str
    section: str | None = None
    province: str | None = None
    region: str | None = None
    legal_days: int | None = None
    promised_days: int | None = None
    days_unit: str = "working"
    time_limit_text: str | None = None
    n_materials: int = 0
    content: ContentFingerprint = ContentFingerprint((), frozenset())
    # Material conditions (split at "/"): a heading inside one item may name another
    # service it also covers (出具参保凭证 inside a transfer item).
    conditions: tuple[str, ...] = ()

    @classmethod
    def of(cls, item: GuideItem) -> ItemRecord:
        conditions = tuple(
            dict.fromkeys(
                sys.intern(part)
                for m in item.materials
                for part in (m.condition or "").split("/")
                if part
            )
        )
        return cls(
            item_name=item.item_name,
            source_file=sys.intern(item.source_file),
            section=_intern(item.section),
            province=_intern(item.province),
            region=_intern(item.region),
            legal_days=item.legal_days,
            promised_days=item.promised_days,
            days_unit=sys.intern(item.days_unit),
            time_limit_text=item.time_limit_text,
            n_materials=len(item.materials),
            content=fingerprint(item),
            conditions=conditions,
        )


def as_record(item: GuideItem | ItemRecord) -> ItemRecord:
    """``item`` as a record (a record is returned as it is)."""
    return item if isinstance(item, ItemRecord) else ItemRecord.of(item)
