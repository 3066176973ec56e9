"""What changed between two dataset versions, item by item.

Items are matched by their key: (province, region, canonical id), or the item name when the
item is not aligned. Several items can share a key (the PDF and the DOCX of one guide, a
compilation and a stand-alone guide); within a key they pair up by source file first,
then in order. An item whose canonical mapping changed moves to another key; it is paired
back by (province, region, source file, item name) and reported as a mapping change.

Within a pair, materials are matched exactly first and then fuzzily (rapidfuzz), so a
reworded material is one "reworded" change, not a removal plus an addition; legal-basis
entries are matched by title, then document number, then fuzzy title.

Two entry points share that matching: :func:`diff_items` for item lists and
:func:`diff_item_tables` for ``items`` tables. The table diff pairs rows on their key
columns alone, builds GuideItems only for paired rows, a batch at a time, and leaves added,
removed and changed items as row references (:class:`ItemRow`) that become GuideItems
only when a report reads them, so its memory does not grow with a GuideItem per row.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa

from govguide.core.errors import PublishError
from govguide.core.ids import item_ids
from govguide.core.models import GuideItem
from govguide.dataset import store

# The list matching is part of this module's interface (reports and callers import it here).
from govguide.dataset.diff_lists import MATERIAL_SIMILARITY as MATERIAL_SIMILARITY
from govguide.dataset.diff_lists import TITLE_SIMILARITY as TITLE_SIMILARITY
from govguide.dataset.diff_lists import Change as Change
from govguide.dataset.diff_lists import diff_legal_basis as diff_legal_basis
from govguide.dataset.diff_lists import diff_materials as diff_materials
from govguide.dataset.diff_lists import fmt_basis as fmt_basis
from govguide.dataset.diff_lists import fmt_material as fmt_material
from govguide.dataset.diff_lists import pair_exact
from govguide.dataset.file_changes import FileChange, InputState, file_changes

# The kinds of change (``changes.change``) live with the schema they are allowed values of.
from govguide.dataset.schema import CHANGE_KINDS as CHANGE_KINDS
from govguide.dataset.schema import CHANGES, rows_to_table, table_to_items
from govguide.dataset.schema import FILE_CHANGE_KINDS as FILE_CHANGE_KINDS

ItemStatus = Literal["added", "removed", "changed"]

# The fields compared one to one, with the labels reports use.
TIME_FIELDS = {
    "legal_days": "法定时限 (days)",
    "promised_days": "承诺时限 (days)",
    "days_unit": "days unit",
    "time_limit_conditions": "conditional limits",
    "time_limit_text": "time-limit text",
}
OTHER_FIELDS = {"item_name": "item name", "also_covers": "also covers"}
REVIEW_FIELDS = {"needs_review": "needs review", "match_method": "match method"}


@dataclass(frozen=True, eq=False, slots=True)
class ItemRow:
    """Row ``index`` of an ``items`` table standing in for its GuideItem until it is read.

    It carries the item's name and source file, which every diff line shows, so listing a
    diff never builds the item; :meth:`load` builds it from this one row (no provenance:
    a diff compares values, not where they were read).
    """

    table: pa.Table = field(repr=False)
    index: int
    item_name: str
    source_file: str
    item_id: str | None = None

    def load(self) -> GuideItem:
        return table_to_items(self.table.slice(self.index, 1), provenance=False)[0]


class ItemDiff:
    """All changes to one item (or its addition / removal).

    ``old`` / ``new`` are the item before and after (None for an added / removed item).
    Either may be passed as an :class:`ItemRow`: it is then built on first access and
    kept, so a diff of thousands of items holds rows, and a report that details a few
    hundred of them builds only those. ``name`` and ``source_file`` never build it.
    """

    __slots__ = ("status", "province", "region", "key", "changes", "item_id", "_old", "_new")

    def __init__(
        self,
        status: ItemStatus,
        province: str | None,
        region: str | None,
        key: str,
        old: GuideItem | ItemRow | None,
        new: GuideItem | ItemRow | None,
        changes: list[Change] | None = None,
        item_id: str | None = None,
    ) -> None:
        if old is None and new is None:
            raise ValueError("an ItemDiff needs the item before or after")
        self.item_id = item_id  # the stable id (govguide.core.ids), the same before and after
        self.status = status
        self.province = province
        self.region = region
        self.key = key
        self._old = old
        self._new = new
        self.changes: list[Change] = changes if changes is not None else []

    @property
    def old(self) -> GuideItem | None:
        if isinstance(self._old, ItemRow):
            self._old = self._old.load()
        return self._old

    @property
    def new(self) -> GuideItem | None:
        if isinstance(self._new, ItemRow):
            self._new = self._new.load()
        return self._new

    @property
    def item(self) -> GuideItem:
        found = self.new if self._new is not None else self.old
        assert found is not None
        return found

    @property
    def _shown(self) -> GuideItem | ItemRow:
        found = self._new if self._new is not None else self._old
        assert found is not None
        return found

    @property
    def name(self) -> str:
        return self._shown.item_name

    @property
    def source_file(self) -> str:
        return self._shown.source_file

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ItemDiff):
            return NotImplemented
        return (self.status, self.province, self.region, self.key, self.changes) == (
            other.status,
            other.province,
            other.region,
            other.key,
            other.changes,
        ) and (self.old, self.new) == (other.old, other.new)

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def __repr__(self) -> str:
        return (
            f"ItemDiff({self.status!r}, {self.province!r}, {self.region!r}, {self.key!r}, "
            f"old={self._old!r}, new={self._new!r}, changes={self.changes!r})"
        )


@dataclass
class VersionDiff:
    old_version: str | None
    new_version: str | None
    items: list[ItemDiff]
    # Every input file with its change since the old version (govguide.dataset.file_changes).
    files: list[FileChange] = field(default_factory=list)

    @property
    def changed_files(self) -> list[FileChange]:
        """Files added, changed, renamed or removed (with the file each new one duplicates:
        a file that stays a duplicate is not reported again; ``files`` always says it)."""
        return [f for f in self.files if f.change != "unchanged"]

    def counts(self) -> Counter[str]:
        """Items added / removed / changed, and every change kind."""
        c: Counter[str] = Counter()
        for d in self.items:
            c[f"items_{d.status}"] += 1
            for ch in d.changes:
                c[ch.kind] += 1
        return c

    def by_province(self) -> dict[str, list[ItemDiff]]:
        groups: dict[str, list[ItemDiff]] = defaultdict(list)
        for d in self.items:
            groups[d.province or "(no province)"].append(d)
        return dict(sorted(groups.items()))

    @property
    def empty(self) -> bool:
        return not self.items and not self.changed_files


# ---------------------------------------------------------------------------------------
# Rendering values


def fmt_conditions(item: GuideItem) -> str:
    return "; ".join(f"{c.condition}: {c.days}" for c in item.time_limit_conditions)


def fmt_value(item: GuideItem, name: str) -> str | None:
    if name == "time_limit_conditions":
        return fmt_conditions(item) or None
    value = getattr(item, name)
    if isinstance(value, list):
        return ", ".join(map(str, value)) or None
    return None if value is None else str(value)


def _text(value: object) -> str | None:
    return None if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def fmt_canonical(item: GuideItem) -> str | None:
    if item.canonical_id is None and item.canonical_name is None:
        return None
    return (
        f"{item.canonical_name} ({item.canonical_id})" if item.canonical_id else item.canonical_name
    )


def diff_pair(old: GuideItem, new: GuideItem) -> list[Change]:
    """Field-level changes between two versions of one item."""
    changes: list[Change] = []
    for name in (*TIME_FIELDS, *OTHER_FIELDS):
        before, after = fmt_value(old, name), fmt_value(new, name)
        if before != after:
            changes.append(Change("field_changed", name, before, after))
    if (old.canonical_id, old.canonical_name) != (new.canonical_id, new.canonical_name):
        changes.append(
            Change("canonical_changed", "canonical", fmt_canonical(old), fmt_canonical(new))
        )
    for name in REVIEW_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            changes.append(Change("review_changed", name, _text(before), _text(after)))
    changes += diff_materials(old.materials, new.materials)
    changes += diff_legal_basis(old.legal_basis, new.legal_basis)
    return changes


# ---------------------------------------------------------------------------------------
# Matching items

Key = tuple[str, str, str]
Pair = tuple[Key, int, int]  # (key, index of the old item, index of the new item)

# What items are matched on; a table diff reads only these columns for every row (and the
# section, for the item ids).
KEY_COLUMNS = ("province", "region", "canonical_id", "item_name", "source_file")

PAIR_BATCH = 256  # paired rows compared at a time by diff_item_tables

# The columns diff_pair's fields come from: two rows equal in all of them have no changes.
# Flat ones first, as rows are compared column by column.
COMPARED_COLUMNS = (
    "canonical_id",
    "canonical_name",
    *TIME_FIELDS,
    *OTHER_FIELDS,
    *REVIEW_FIELDS,
    "materials",
    "legal_basis",
)


def _key(province: str | None, region: str | None, canonical_id: str | None, name: str) -> Key:
    return (province or "", region or "", canonical_id or f"name:{name}")


def item_key(item: GuideItem) -> Key:
    """(province, region, canonical id or item name) — empty strings for nulls."""
    return _key(item.province, item.region, item.canonical_id, item.item_name)


@dataclass(frozen=True)
class _Keys:
    """The values items are matched on, one entry per item (or table row)."""

    province: list[str | None]
    region: list[str | None]
    canonical_id: list[str | None]
    item_name: list[str]
    source_file: list[str]
    item_id: list[str]

    @classmethod
    def of_items(cls, items: Sequence[GuideItem]) -> _Keys:
        return cls(*([getattr(item, c) for item in items] for c in KEY_COLUMNS), item_ids(items))

    @classmethod
    def of_table(cls, table: pa.Table) -> _Keys:
        columns = [_column_values(table, c) for c in KEY_COLUMNS]
        # Computed, not read: versions before schema 4 stored ids of another kind.
        sections = _column_values(table, "section")
        named = [
            _Named(name, section, province, region, source)
            for province, region, _, name, source, section in zip(*columns, sections, strict=True)
        ]
        return cls(*columns, item_ids(named))

    def __len__(self) -> int:
        return len(self.item_name)

    def key(self, i: int) -> Key:
        return _key(self.province[i], self.region[i], self.canonical_id[i], self.item_name[i])

    def same_item(self, i: int) -> tuple[str, str, str, str]:
        """What identifies an item whatever its canonical mapping."""
        return (
            self.province[i] or "",
            self.region[i] or "",
            self.source_file[i],
            self.item_name[i],
        )


@dataclass(frozen=True, slots=True)
class _Named:
    item_name: str
    section: str | None
    province: str | None
    region: str | None
    source_file: str


def _column_values(table: pa.Table, name: str) -> list[Any]:
    """A column as Python values; a dictionary column's repeated strings are one object
    each (a province repeated on 10,000 rows is one string, not 10,000)."""
    column = table.column(name)
    if not pa.types.is_dictionary(column.type):
        return column.to_pylist()
    values: list[Any] = []
    for chunk in column.chunks:
        words = chunk.dictionary.to_pylist()
        values += [None if k is None else words[k] for k in chunk.indices.to_pylist()]
    return values


def _itself(value: Any) -> Any:
    return value


def _pair_rows(old: _Keys, new: _Keys) -> tuple[list[Pair], list[int], list[int]]:
    """Paired items, then the unpaired old (removed) and new (added) ones, as indices, in
    the order the diff lists them before sorting."""
    old_groups: dict[Key, list[int]] = defaultdict(list)
    new_groups: dict[Key, list[int]] = defaultdict(list)
    for i in range(len(old)):
        old_groups[old.key(i)].append(i)
    for j in range(len(new)):
        new_groups[new.key(j)].append(j)

    pairs: list[Pair] = []
    removed: list[int] = []
    added: list[int] = []
    for key in sorted(set(old_groups) | set(new_groups)):
        olds, news = old_groups.get(key, []), new_groups.get(key, [])
        by_file, rest_o, rest_n = pair_exact(
            [old.source_file[i] for i in olds], [new.source_file[j] for j in news], key=_itself
        )
        pairs += [(key, olds[a], news[b]) for a, b in by_file]
        # Same key, different file (a file renamed): pair the rest in order.
        n = min(len(rest_o), len(rest_n))
        pairs += [(key, olds[rest_o[k]], news[rest_n[k]]) for k in range(n)]
        removed += [olds[a] for a in rest_o[n:]]
        added += [news[b] for b in rest_n[n:]]

    # A changed canonical mapping moves an item to another key: pair it back.
    back, rest_r, rest_a = pair_exact(
        [old.same_item(i) for i in removed], [new.same_item(j) for j in added], key=_itself
    )
    pairs += [(new.key(added[b]), removed[a], added[b]) for a, b in back]
    return pairs, [removed[a] for a in rest_r], [added[b] for b in rest_a]


def _one_sided(
    status: Literal["added", "removed"], keys: _Keys, i: int, item: GuideItem | ItemRow
) -> ItemDiff:
    name = keys.item_name[i]
    if status == "added":
        change, old, new = Change("item_added", "item", None, name), None, item
    else:
        change, old, new = Change("item_removed", "item", name, None), item, None
    return ItemDiff(
        status,
        keys.province[i],
        keys.region[i],
        keys.key(i)[2],
        old,
        new,
        [change],
        item_id=keys.item_id[i],
    )


def _report_order(d: ItemDiff) -> tuple[str, str, str, str, str]:
    return (d.province or "", d.region or "", d.name, d.source_file, d.status)


def diff_items(old: Sequence[GuideItem], new: Sequence[GuideItem]) -> list[ItemDiff]:
    """Item-level diff of two item lists (see the module docstring for the matching)."""
    old_keys, new_keys = _Keys.of_items(old), _Keys.of_items(new)
    pairs, removed, added = _pair_rows(old_keys, new_keys)
    out: list[ItemDiff] = []
    for key, i, j in pairs:
        if changes := diff_pair(old[i], new[j]):
            n = new[j]
            out.append(
                ItemDiff(
                    "changed",
                    n.province,
                    n.region,
                    key[2],
                    old[i],
                    n,
                    changes,
                    item_id=new_keys.item_id[j],
                )
            )
    out += [_one_sided("removed", old_keys, i, old[i]) for i in removed]
    out += [_one_sided("added", new_keys, j, new[j]) for j in added]
    out.sort(key=_report_order)
    return out


def _without_provenance(table: pa.Table) -> pa.Table:
    # Dropping a column shares the other columns' buffers: nothing is copied.
    if "provenance" in table.column_names:
        return table.drop_columns(["provenance"])
    return table


def _rows(table: pa.Table, keys: _Keys, indices: Sequence[int]) -> dict[int, ItemRow]:
    """ItemRows for rows ``indices`` of ``table``. When those are a small part of it they
    point into a copy of just those rows, so a diff kept after the run (for its report)
    does not keep a whole version's table alive."""
    wanted = sorted(set(indices))
    source: pa.Table = table
    positions: Sequence[int] = wanted
    if wanted and 2 * len(wanted) < table.num_rows:
        source, positions = table.take(wanted), range(len(wanted))
    return {
        i: ItemRow(source, p, keys.item_name[i], keys.source_file[i], keys.item_id[i])
        for i, p in zip(wanted, positions, strict=True)
    }


def _differing(before: pa.Table, after: pa.Table) -> list[int]:
    """Rows of two equally long tables that differ in a compared column. A column is read
    only for the rows still equal in the ones before it, so the costly nested columns
    (last) are mostly read for rows that turn out unchanged."""
    pending = list(range(before.num_rows))
    differ: list[int] = []
    for name in COMPARED_COLUMNS:
        if not pending:
            break
        if name not in before.column_names or name not in after.column_names:
            continue  # a version older than the column
        olds = before.column(name).take(pending).to_pylist()
        news = after.column(name).take(pending).to_pylist()
        still: list[int] = []
        for k, a, b in zip(pending, olds, news, strict=True):
            (still if a == b else differ).append(k)
        pending = still
    return sorted(differ)


def diff_item_tables(old: pa.Table | None, new: pa.Table) -> list[ItemDiff]:
    """:func:`diff_items` of two ``items`` tables (``old`` None: a first version), with the
    same result, in memory that does not grow with a GuideItem per row.

    Rows are paired on :data:`KEY_COLUMNS` alone. Paired rows are compared
    :data:`PAIR_BATCH` at a time: those equal in :data:`COMPARED_COLUMNS` are unchanged,
    the others become GuideItems for :func:`diff_pair`, and only their changes are kept.
    Every ItemDiff refers to its rows (:class:`ItemRow`), built into items only when read.
    The tables may lack the ``provenance`` column, which is never read.
    """
    new = _without_provenance(new)
    old = _without_provenance(old) if old is not None else new.slice(0, 0)
    old_keys, new_keys = _Keys.of_table(old), _Keys.of_table(new)
    pairs, removed, added = _pair_rows(old_keys, new_keys)

    changed: list[tuple[Pair, list[Change]]] = []
    for start in range(0, len(pairs), PAIR_BATCH):
        batch = pairs[start : start + PAIR_BATCH]
        before = old.take([i for _, i, _ in batch])
        after = new.take([j for _, _, j in batch])
        # Rows equal in every compared column have no changes: only the others are built.
        differ = _differing(before, after)
        if not differ:
            continue
        olds = table_to_items(before.take(differ), provenance=False)
        news = table_to_items(after.take(differ), provenance=False)
        for k, o, n in zip(differ, olds, news, strict=True):
            if changes := diff_pair(o, n):
                changed.append((batch[k], changes))

    old_rows = _rows(old, old_keys, [i for (_, i, _), _ in changed] + removed)
    new_rows = _rows(new, new_keys, [j for (_, _, j), _ in changed] + added)
    out = [
        ItemDiff(
            "changed",
            new_keys.province[j],
            new_keys.region[j],
            key[2],
            old_rows[i],
            new_rows[j],
            changes,
            item_id=new_keys.item_id[j],
        )
        for (key, i, j), changes in changed
    ]
    out += [_one_sided("removed", old_keys, i, old_rows[i]) for i in removed]
    out += [_one_sided("added", new_keys, j, new_rows[j]) for j in added]
    out.sort(key=_report_order)
    return out


# ---------------------------------------------------------------------------------------
# Versions and outputs


def diff_versions(out: str | Path, old: str | None = None, new: str | None = None) -> VersionDiff:
    """Diff two versions under ``out``; defaults: NEW = latest, OLD = NEW's parent (an
    empty OLD when NEW has none, so everything shows as added)."""
    new_v = store.get_version(out, new) if new else store.latest(out)
    if new_v is None:
        raise PublishError(f"no published version under {out}")
    if old:
        old_v: store.Version | None = store.get_version(out, old)
    elif new_v.parent:
        old_v = store.get_version(out, new_v.parent)
    else:
        old_v = None
    old_table = store.read_items_table(old_v, provenance=False) if old_v else None
    items = diff_item_tables(old_table, store.read_items_table(new_v, provenance=False))
    diff = VersionDiff(
        old_v.id if old_v else None,
        new_v.id,
        items,
        file_changes(
            InputState.of_manifest(new_v.manifest.get("inputs")),
            InputState.of_manifest(old_v.manifest.get("inputs")) if old_v else None,
        ),
    )
    mark_withdrawn(diff, new_v.manifest.get("withdrawn_sources"))
    return diff


def mark_withdrawn(diff: VersionDiff, withdrawn: Iterable[Mapping[str, Any]] | None) -> None:
    """Say of each removed item whose source file belonged to a withdrawn source (see
    :func:`govguide.fetch.withdrawn_sources`) that it went away because its page did: a
    ``source_withdrawn`` change with the address before and the answer after."""
    by_path = {w["path"]: w for w in withdrawn or () if w.get("path")}
    if not by_path:
        return
    for d in diff.items:
        w = by_path.get(d.source_file) if d.status == "removed" else None
        if w is not None:
            why = f"HTTP {w.get('status')} since {w.get('since')}, withdrawn on {w.get('at')}"
            d.changes.append(Change("source_withdrawn", "source_url", w.get("url"), why))


def changes_table(diff: VersionDiff) -> pa.Table:
    """One row per atomic change (the ``changes`` table of a version)."""
    rows = [
        {
            "old_version": diff.old_version,
            "new_version": diff.new_version,
            "province": d.province,
            "region": d.region,
            "item_id": d.item_id,
            "item_key": d.key,
            "item_name": d.name,
            "source_file": d.source_file,
            "change": ch.kind,
            "field": ch.field,
            "before": ch.before,
            "after": ch.after,
            "similarity": ch.similarity,
        }
        for d in diff.items
        for ch in d.changes
    ]
    for f in diff.changed_files:
        after = None if f.change == "removed" else f.path
        file_rows = [(f"file_{f.change}", f.previous_path, after)]
        if f.duplicate_of:
            file_rows.append(("file_duplicate", f.duplicate_of, f.path))
        rows += [
            {
                "old_version": diff.old_version,
                "new_version": diff.new_version,
                "source_file": f.path,
                "change": kind,
                "field": "file",
                "before": before,
                "after": after,
            }
            for kind, before, after in file_rows
        ]
    return rows_to_table(rows, CHANGES)
