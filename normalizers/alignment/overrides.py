"""Reviewer decisions that the matcher must never overwrite.

A reviewer settles an item from the review queue with ``govguide review`` or by adding a row
to the overrides file (see :func:`overrides_path` for where it is)::

    item_key,canonical_id,also_covers,reviewer,note
    3f2a9c0d1e4b5a6c,YB-0101,,王五,注销 is part of 单位参保登记
    浙江||zj_yibao_banshi_zhinan|基本医疗保险参保人员出国（境）带药备案,none,,王五,local service

``item_key`` is the item's ``item_id`` (:mod:`govguide.core.ids`: the same whatever the file is
called or where its row is); keys written before item ids
(:func:`normalizers.alignment.align.item_key`, province|region|source file stem|name) are still read,
and reported as stale so they can be replaced by the id.
``canonical_id`` is a catalog id (or canonical name), or ``none`` for "matches nothing";
``also_covers`` optional ids separated by ``|``. Alignment applies overrides before matching.
Lines starting with ``#`` are comments.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from govguide.core.errors import GovguideError
from normalizers.alignment.catalog import Catalog

DEFAULT_OVERRIDES_PATH = Path("data/reference/overrides.csv")
OVERRIDES_ENV = "GOVGUIDE_OVERRIDES"
OVERRIDE_COLUMNS = ("item_key", "canonical_id", "also_covers", "reviewer", "note")
_NONE_VALUES = frozenset({"none", "null", "无", "-"})


class OverridesError(GovguideError):
    """The overrides file cannot be read or names an item the catalog does not have."""

    reason = "overrides"


@dataclass(frozen=True)
class Override:
    item_key: str
    canonical_id: str | None  # None: the reviewer decided the item matches nothing
    also_covers: tuple[str, ...] = ()
    reviewer: str = ""
    note: str = ""


@dataclass(frozen=True)
class OverrideUsage:
    """What a run did with the overrides file (reported in every run and manifest)."""

    source: str | None
    applied: int
    unused: list[str]
    stale: dict[str, str]  # older key → the item id to write instead

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.source,
            "applied": self.applied,
            "unused": list(self.unused),
            "stale": [{"key": k, "item_id": v} for k, v in self.stale.items()],
        }


@dataclass(frozen=True)
class Overrides:
    """Reviewer decisions by item key."""

    by_key: Mapping[str, Override] = field(default_factory=dict)
    source: str | None = None

    def __len__(self) -> int:
        return len(self.by_key)

    def __contains__(self, key: object) -> bool:
        return key in self.by_key

    def get(self, key: str) -> Override | None:
        return self.by_key.get(key)

    def find(self, item_id: str, old_key: str) -> Override | None:
        """The decision for an item: by its id, else by the key written before ids."""
        return self.by_key.get(item_id) or self.by_key.get(old_key)

    def usage(self, ids: Iterable[str], old_keys: Iterable[str]) -> OverrideUsage:
        """Which decisions this corpus used (``ids`` and ``old_keys`` of every item, in
        order): applied ones, unused ones (their item is gone or renamed beyond its id),
        and stale ones, applied through an older key, with the id to write instead."""
        applied: list[str] = []
        stale: dict[str, str] = {}
        for iid, old in zip(ids, old_keys, strict=True):
            if iid in self.by_key:
                applied.append(iid)
            elif old in self.by_key:
                applied.append(old)
                stale.setdefault(old, iid)
        used = set(applied)
        return OverrideUsage(
            source=self.source,
            applied=len(used),
            unused=[k for k in self.by_key if k not in used],
            stale=stale,
        )

    def validate(self, catalog: Catalog) -> None:
        """Raise :class:`OverridesError` if an override names an id the catalog lacks."""
        for o in self.by_key.values():
            for ref in ([o.canonical_id] if o.canonical_id else []) + list(o.also_covers):
                if catalog.get(ref) is None:
                    raise OverridesError(
                        f"override for {o.item_key!r} names {ref!r}, not in catalog {catalog.version}",
                        path=self.source,
                    )

    @classmethod
    def from_rows(
        cls, rows: Iterable[Mapping[str, str | None]], source: str | None = None
    ) -> Overrides:
        by_key: dict[str, Override] = {}
        for n, row in enumerate(rows, start=1):
            key = (row.get("item_key") or "").strip()
            target = (row.get("canonical_id") or "").strip()
            if not key or not target:
                raise OverridesError(
                    f"row {n}: item_key and canonical_id are required", path=source
                )
            # A later row for the same key wins: the file is a log of decisions.
            by_key[key] = Override(
                item_key=key,
                canonical_id=None if target.lower() in _NONE_VALUES else target,
                also_covers=tuple(
                    p.strip() for p in (row.get("also_covers") or "").split("|") if p.strip()
                ),
                reviewer=(row.get("reviewer") or "").strip(),
                note=(row.get("note") or "").strip(),
            )
        return cls(by_key, source)


def parse_overrides_csv(text: str, source: str | None = None) -> Overrides:
    lines = [
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    if lines and not {"item_key", "canonical_id"} <= set(reader.fieldnames or []):
        raise OverridesError("overrides CSV needs item_key and canonical_id columns", path=source)
    return Overrides.from_rows(reader, source)


def overrides_path(out: str | Path, explicit: str | Path | None = None) -> tuple[Path, bool]:
    """Where the overrides of an output directory are, and whether they were named
    explicitly (then the file must exist).

    ``explicit`` wins, then the ``GOVGUIDE_OVERRIDES`` setting; otherwise
    ``reference/overrides.csv`` beside the output directory (``data/curated`` →
    ``data/reference/overrides.csv``), found from the output and never from the current
    directory, so a run started from anywhere applies the same decisions."""
    if explicit is not None:
        return Path(explicit).resolve(), True
    env = os.environ.get(OVERRIDES_ENV)
    if env:
        return Path(env).resolve(), True
    return Path(out).resolve().parent / "reference" / "overrides.csv", False


def load_overrides(
    path: str | Path | None = None, catalog: Catalog | None = None, *, required: bool | None = None
) -> Overrides:
    """Read an overrides CSV (default ``data/reference/overrides.csv``; a missing file = none
    unless ``required``, which defaults to "a path was given").

    With ``catalog``, every id is checked against it.
    """
    file = Path(path) if path is not None else DEFAULT_OVERRIDES_PATH
    if required is None:
        required = path is not None
    if not file.exists():
        if required:
            raise OverridesError("overrides file not found", path=file)
        return Overrides(source=str(file))
    overrides = parse_overrides_csv(file.read_text(encoding="utf-8-sig"), source=str(file))
    if catalog is not None:
        overrides.validate(catalog)
    return overrides


def overrides_to_csv(overrides: Iterable[Override]) -> str:
    """Render overrides in the file format (for tools that record review decisions)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(OVERRIDE_COLUMNS)
    for o in overrides:
        writer.writerow(
            [o.item_key, o.canonical_id or "none", "|".join(o.also_covers), o.reviewer, o.note]
        )
    return out.getvalue()
