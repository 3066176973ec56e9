"""Stable identities of guides, items and file contents.

The ids are what a reviewer's decision, a diff and an analyst's join hold on to, so none of
them depends on a file's name, its folder or the position of a row:

- ``guide_id``: the guide a document is, from what it says about itself: its province and
  region. Extraction reads no document title, so the guides of one place share a guide id
  and their items are told apart by name. A document that names no place falls back to its
  file name without extension (the PDF and the DOCX of one guide still agree).
- ``item_id``: guide id + normalised item name; the section is added only for names that
  repeat within a file, and an occurrence number only where name and section repeat too.
  Deleting another row, renaming the file or reading the other format gives the same id.
- ``content_id``: what a file says, item by item (ids, time limits, material names, cited
  laws): the PDF and DOCX of one guide, or a copy under another name, share it. A file
  without items is identified by its bytes.

Ids are the first 16 hex digits of a SHA-256 over fields joined with U+001F.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Protocol

from govguide.core.models import GuideItem

_SEP = "\x1f"
# Quotation marks and decoration that wordings add or drop around the same name.
_DECORATION = re.compile(r"[\s《》〈〉“”‘’\"'「」『』·]+")


def _digest(*parts: str | None) -> str:
    return hashlib.sha256(_SEP.join(p or "" for p in parts).encode()).hexdigest()[:16]


def normalise_name(name: str | None) -> str:
    """A name as ids compare it: NFKC (full-width brackets and digits as ASCII), no
    whitespace or quotation marks, lower case."""
    return _DECORATION.sub("", unicodedata.normalize("NFKC", name or "")).lower()


def guide_id(province: str | None, region: str | None, source_file: str) -> str:
    """Id of the guide an item belongs to (see the module doc)."""
    if province or region:
        return _digest("place", province, region)
    stem = PurePosixPath(source_file).name.rsplit(".", 1)[0]
    return _digest("file", normalise_name(stem))


class Named(Protocol):
    """What an item id is computed from (a GuideItem, or alignment's light record)."""

    item_name: str
    section: str | None
    province: str | None
    region: str | None
    source_file: str


def file_item_ids(items: Sequence[Named]) -> list[str]:
    """The ``item_id`` of each item of one file, in order.

    The section joins the key only for names the file repeats, so that adding a section
    label or a second same-named row elsewhere changes only the rows it concerns."""
    guides = [guide_id(it.province, it.region, it.source_file) for it in items]
    names = [normalise_name(it.item_name) for it in items]
    repeated = Counter(zip(guides, names, strict=True))
    seen: Counter[tuple[str, ...]] = Counter()
    out: list[str] = []
    for guide, name, item in zip(guides, names, items, strict=True):
        section = normalise_name(item.section) if repeated[(guide, name)] > 1 else ""
        key = (guide, name, section)
        seen[key] += 1
        occurrence = str(seen[key]) if seen[key] > 1 else ""
        out.append(_digest("item", guide, name, section, occurrence))
    return out


def content_id(items: Sequence[GuideItem], ids: Sequence[str], sha256: str | None) -> str:
    """Id of a file's content: its items as read (any format), else its bytes."""
    if not items:
        return _digest("bytes", sha256)
    parts: list[str] = []
    for item_id, item in sorted(zip(ids, items, strict=True), key=lambda pair: pair[0]):
        parts.append(
            _SEP.join(
                [
                    item_id,
                    str(item.legal_days),
                    str(item.promised_days),
                    item.days_unit or "",
                    "|".join(sorted(normalise_name(m.name) for m in item.materials)),
                    "|".join(
                        sorted(
                            f"{normalise_name(b.title)}/{normalise_name(b.doc_number)}"
                            for b in item.legal_basis
                        )
                    ),
                ]
            )
        )
    return _digest("content", *parts)


def item_ids(items: Sequence[Named]) -> list[str]:
    """The ``item_id`` of each item, in order; ``items`` must hold every item of each of
    their files (an id depends on the names its file repeats)."""
    groups: dict[str, list[int]] = {}
    for n, it in enumerate(items):
        groups.setdefault(it.source_file, []).append(n)
    out = [""] * len(items)
    for positions in groups.values():
        for n, iid in zip(positions, file_item_ids([items[n] for n in positions]), strict=True):
            out[n] = iid
    return out


@dataclass(frozen=True, slots=True)
class ItemIds:
    item_id: str
    guide_id: str
    content_id: str


def identify(items: Iterable[GuideItem]) -> list[ItemIds]:
    """The ids of each item, in order; ``items`` must hold every item of each of their
    files (an id depends on the file's other items)."""
    items = list(items)
    ids = item_ids(items)
    by_file: dict[str, tuple[list[GuideItem], list[str]]] = {}
    for it, iid in zip(items, ids, strict=True):
        group = by_file.setdefault(it.source_file, ([], []))
        group[0].append(it)
        group[1].append(iid)
    contents = {
        f: content_id(its, fids, its[0].source_sha256) for f, (its, fids) in by_file.items()
    }
    return [
        ItemIds(iid, guide_id(it.province, it.region, it.source_file), contents[it.source_file])
        for it, iid in zip(items, ids, strict=True)
    ]
