"""The canonical catalog: the national list's sub-items that provincial items are aligned to.

The catalog is data (``reference/catalog.csv``, shipped with the package; a copy for people
lives in ``data/reference/catalog.csv``). Each entry has a stable id, its canonical name, its
main item (主项), known aliases and the items it normally covers too. The matching rules
(``synonyms.toml``) and segmentation words (``jieba_user_dict.txt``) belong to it: the
catalog's :attr:`Catalog.version` is the declared version plus a hash of all three files, so
every aligned item records exactly which reference data it was aligned with.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from govguide.core.errors import GovguideError
from normalizers.alignment.tokenize import (
    NameTokenizer,
    clean_name,
    parse_rules,
    read_reference_text,
)

if TYPE_CHECKING:
    import pandas as pd

    from normalizers.alignment.scoring import NameIndex

_VERSION_LINE = re.compile(r"^#\s*version\s*:\s*(\S+)", re.IGNORECASE)
_COLUMNS = ("id", "canonical_name", "main_item", "aliases", "covers")


class CatalogError(GovguideError):
    """The catalog or its matching rules are inconsistent (unknown id, duplicate name …)."""

    reason = "catalog"


@dataclass(frozen=True)
class CatalogEntry:
    """One canonical item of the national list."""

    id: str
    canonical_name: str
    main_item: str | None
    aliases: tuple[str, ...] = ()
    covers: tuple[str, ...] = ()  # ids this item normally includes (see module docs)


@dataclass(frozen=True)
class UmbrellaGroup:
    """A generic wording naming several entries; ``member_ids[0]`` is the primary one.

    ``review``: the members are different services, so the wording goes to review instead
    of to its primary (see :class:`normalizers.alignment.tokenize.Umbrella`).
    """

    wording: str
    member_ids: tuple[str, ...]
    review: bool = False


@dataclass(frozen=True)
class DiscriminatorRule:
    """:class:`normalizers.alignment.tokenize.Discriminator` with catalog ids."""

    words: tuple[str, ...]
    marks: frozenset[str]
    against: frozenset[str]
    yields: bool = False
    names: bool = False
    picks: tuple[tuple[str, str], ...] = ()  # (word, marked id)
    names_with_act: bool = False


@dataclass(frozen=True, eq=False)
class Catalog:
    """A versioned catalog with the tokenizer its names are matched with."""

    version: str
    entries: tuple[CatalogEntry, ...]
    tokenizer: NameTokenizer = field(repr=False)
    umbrellas: tuple[UmbrellaGroup, ...] = ()
    discriminators: tuple[DiscriminatorRule, ...] = ()

    def __post_init__(self) -> None:
        validate_entries(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    @cached_property
    def _by_id(self) -> dict[str, CatalogEntry]:
        return {e.id: e for e in self.entries}

    @cached_property
    def _by_name(self) -> dict[str, CatalogEntry]:
        return {e.canonical_name: e for e in self.entries}

    def get(self, key: str) -> CatalogEntry | None:
        """The entry with this id or canonical name, or None."""
        return self._by_id.get(key) or self._by_name.get(key)

    def entry(self, key: str) -> CatalogEntry:
        """Like :meth:`get` but raises :class:`CatalogError` for an unknown key."""
        found = self.get(key)
        if found is None:
            raise CatalogError(f"not in catalog {self.version}: {key}")
        return found

    def name_of(self, entry_id: str) -> str:
        return self.entry(entry_id).canonical_name

    @cached_property
    def index(self) -> NameIndex:
        """The vectorised matching index over every wording of every entry (built once)."""
        from normalizers.alignment.scoring import NameIndex

        return NameIndex.build(self)

    def to_frame(self) -> pd.DataFrame:
        """The catalog as a table (aliases and covers joined with ``|``)."""
        import pandas as pd  # only here: matching never needs it, and it is slow to import

        return pd.DataFrame(
            [
                {
                    "id": e.id,
                    "canonical_name": e.canonical_name,
                    "main_item": e.main_item,
                    "aliases": "|".join(e.aliases),
                    "covers": "|".join(e.covers),
                }
                for e in self.entries
            ],
            columns=list(_COLUMNS),
        )


def validate_entries(entries: Sequence[CatalogEntry]) -> None:
    """Raise :class:`CatalogError` on duplicate ids or names, or covers of unknown ids."""
    ids = [e.id for e in entries]
    names = [e.canonical_name for e in entries]
    for label, values in (("id", ids), ("canonical name", names)):
        dupes = sorted({v for v in values if values.count(v) > 1})
        if dupes:
            raise CatalogError(f"duplicate catalog {label}: {', '.join(dupes)}")
    known = set(ids)
    for entry in entries:
        unknown = [c for c in entry.covers if c not in known or c == entry.id]
        if unknown:
            raise CatalogError(f"{entry.id} covers unknown or itself: {', '.join(unknown)}")


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (cell or "").split("|") if p.strip())


def parse_catalog_csv(text: str) -> tuple[str, list[CatalogEntry]]:
    """The declared version (from a ``# version: …`` line) and the entries of a catalog CSV."""
    declared = "unversioned"
    rows: list[str] = []
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            match = _VERSION_LINE.match(line.strip())
            if match:
                declared = match.group(1)
            continue
        if line.strip():
            rows.append(line)
    reader = csv.DictReader(io.StringIO("\n".join(rows)))
    missing = [c for c in _COLUMNS[:3] if c not in (reader.fieldnames or [])]
    if missing:
        raise CatalogError(f"catalog CSV lacks columns: {', '.join(missing)}")
    entries = []
    for row in reader:
        entry_id = (row.get("id") or "").strip()
        name = (row.get("canonical_name") or "").strip()
        if not entry_id or not name:
            raise CatalogError(f"catalog row without id or name: {row}")
        entries.append(
            CatalogEntry(
                id=entry_id,
                canonical_name=name,
                main_item=(row.get("main_item") or "").strip() or None,
                aliases=_split(row.get("aliases")),
                covers=_split(row.get("covers")),
            )
        )
    return declared, entries


def _resolve_umbrellas(
    entries: list[CatalogEntry], tokenizer: NameTokenizer
) -> tuple[UmbrellaGroup, ...]:
    by_name = {e.canonical_name: e.id for e in entries}
    groups: list[UmbrellaGroup] = []
    for umbrella in tokenizer.rules.umbrellas:
        unknown = [m for m in umbrella.members if m not in by_name]
        if unknown:
            raise CatalogError(
                f"umbrella {umbrella.wording} names unknown items: {', '.join(unknown)}"
            )
        groups.append(
            UmbrellaGroup(
                umbrella.wording, tuple(by_name[m] for m in umbrella.members), umbrella.review
            )
        )
    # A main item's name is the generic wording for its sub-items (in catalog order), unless
    # it is also the name of one of them (then that one is meant). A main item groups
    # different services (参保和变更登记: registering, changing, declaring, back-paying), so
    # an item named after one goes to review: no single sub-item is silently chosen.
    main_items: dict[str, list[str]] = {}
    for entry in entries:
        if entry.main_item:
            main_items.setdefault(entry.main_item, []).append(entry.id)
    # A main item whose sub-items are one act for different people or places (异地就医备案
    # for four groups of people) is declared as an [[umbrella]] of its own, which wins.
    declared = {clean_name(g.wording) for g in groups}
    for main, members in main_items.items():
        if len(members) > 1 and main not in by_name and clean_name(main) not in declared:
            groups.append(UmbrellaGroup(main, tuple(members), review=True))
    return tuple(groups)


def _resolve_discriminators(
    entries: list[CatalogEntry], tokenizer: NameTokenizer
) -> tuple[DiscriminatorRule, ...]:
    by_name = {e.canonical_name: e.id for e in entries}
    rules = []
    for d in tokenizer.rules.discriminators:
        unknown = [n for n in (*d.marks, *d.against) if n not in by_name]
        unknown += [n for _, n in d.picks if n not in d.marks]
        if unknown:
            raise CatalogError(
                f"discriminating words {'、'.join(d.words)} name unknown items: {', '.join(unknown)}"
            )
        overlap = set(d.marks) & set(d.against)
        if overlap or not d.words or not d.against:
            raise CatalogError(
                f"discriminating words {'、'.join(d.words) or '(none)'}: need words and items "
                f"against, none of them marked too ({', '.join(sorted(overlap))})"
            )
        if (d.names or d.names_with_act) and len(d.marks) != 1:
            raise CatalogError(
                f"discriminating words {'、'.join(d.words)}: naming an item needs one item marked"
            )
        rules.append(
            DiscriminatorRule(
                d.words,
                frozenset(by_name[n] for n in d.marks),
                frozenset(by_name[n] for n in d.against),
                d.yields,
                d.names or d.names_with_act,
                tuple((w, by_name[n]) for w, n in d.picks),
                d.names_with_act,
            )
        )
    return tuple(rules)


def load_catalog(
    path: str | Path | None = None,
    *,
    synonyms_path: str | Path | None = None,
    user_dict_path: str | Path | None = None,
) -> Catalog:
    """Load a catalog CSV and its matching rules (the packaged files where a path is None)."""
    csv_text = read_reference_text("catalog.csv", path)
    synonyms_text = read_reference_text("synonyms.toml", synonyms_path)
    user_dict_text = read_reference_text("jieba_user_dict.txt", user_dict_path)
    declared, entries = parse_catalog_csv(csv_text)
    validate_entries(entries)
    digest = hashlib.sha256()
    for part in (csv_text, synonyms_text, user_dict_text):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    tokenizer = NameTokenizer(parse_rules(synonyms_text), user_dict_text)
    return Catalog(
        version=f"{declared}+{digest.hexdigest()[:8]}",
        entries=tuple(entries),
        tokenizer=tokenizer,
        umbrellas=_resolve_umbrellas(entries, tokenizer),
        discriminators=_resolve_discriminators(entries, tokenizer),
    )


@cache
def default_catalog() -> Catalog:
    """The catalog shipped with the package (loaded once per process)."""
    return load_catalog()
