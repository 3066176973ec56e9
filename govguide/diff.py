"""What changed between two dataset versions, item by item.

Items are matched by their key: (province, region, canonical id), or the item name when the
item is not aligned. Several items can share a key (the PDF and the DOCX of one guide, a
compilation and a stand-alone guide); within a key they pair up by source file first,
then in order. An item whose canonical mapping changed moves to another key; it is paired
back by (province, region, source file, item name) and reported as a mapping change.

Within a pair, materials are matched exactly first and then fuzzily (rapidfuzz), so a
reworded material is one "reworded" change, not a removal plus an addition; legal-basis
entries are matched by title, then document number, then fuzzy title.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
from rapidfuzz import fuzz, process, utils

from govguide import store
from govguide.errors import PublishError
from govguide.models import GuideItem, LegalBasis, Material
from govguide.schema import CHANGES, rows_to_table

MATERIAL_SIMILARITY = 75.0  # WRatio; below this two materials are different materials
TITLE_SIMILARITY = 85.0

ItemStatus = Literal["added", "removed", "changed"]

CHANGE_KINDS = (
    "item_added",
    "item_removed",
    "field_changed",
    "canonical_changed",
    "material_added",
    "material_removed",
    "material_reworded",
    "material_changed",
    "legal_basis_added",
    "legal_basis_removed",
    "legal_basis_changed",
)

# The fields compared one to one, with the labels reports use.
TIME_FIELDS = {
    "legal_days": "法定时限 (days)",
    "promised_days": "承诺时限 (days)",
    "days_unit": "days unit",
    "time_limit_conditions": "conditional limits",
    "time_limit_text": "time-limit text",
}
OTHER_FIELDS = {"item_name": "item name", "also_covers": "also covers"}


@dataclass(frozen=True)
class Change:
    """One atomic change to one item."""

    kind: str
    field: str
    before: str | None = None
    after: str | None = None
    similarity: float | None = None


@dataclass
class ItemDiff:
    """All changes to one item (or its addition / removal)."""

    status: ItemStatus
    province: str | None
    region: str | None
    key: str
    old: GuideItem | None
    new: GuideItem | None
    changes: list[Change] = field(default_factory=list)

    @property
    def item(self) -> GuideItem:
        found = self.new or self.old
        assert found is not None
        return found

    @property
    def name(self) -> str:
        return self.item.item_name

    @property
    def source_file(self) -> str:
        return self.item.source_file


@dataclass
class VersionDiff:
    old_version: str | None
    new_version: str | None
    items: list[ItemDiff]

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
        return not self.items


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


def fmt_material(m: Material) -> str:
    return f"{m.name} [{m.condition}]" if m.condition else m.name


def fmt_basis(b: LegalBasis) -> str:
    text = f"《{b.title}》"
    if b.doc_number:
        text += f"（{b.doc_number}）"
    if b.articles:
        text += " 第" + "、".join(map(str, b.articles)) + "条"
    return text


def fmt_canonical(item: GuideItem) -> str | None:
    if item.canonical_id is None and item.canonical_name is None:
        return None
    return (
        f"{item.canonical_name} ({item.canonical_id})" if item.canonical_id else item.canonical_name
    )


def item_key(item: GuideItem) -> tuple[str, str, str]:
    """(province, region, canonical id or item name) — empty strings for nulls."""
    return (item.province or "", item.region or "", item.canonical_id or f"name:{item.item_name}")


# ---------------------------------------------------------------------------------------
# Matching lists


def _pair_fuzzy(
    left: Sequence[str], right: Sequence[str], threshold: float
) -> list[tuple[int, int, float]]:
    """Greedy one-to-one pairs of the most similar strings above ``threshold``."""
    if not left or not right:
        return []
    scores = process.cdist(left, right, scorer=fuzz.WRatio, processor=utils.default_process)
    candidates = sorted(
        (
            (float(scores[i][j]), i, j)
            for i in range(len(left))
            for j in range(len(right))
            if scores[i][j] >= threshold
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_l: set[int] = set()
    used_r: set[int] = set()
    pairs: list[tuple[int, int, float]] = []
    for score, i, j in candidates:
        if i in used_l or j in used_r:
            continue
        used_l.add(i)
        used_r.add(j)
        pairs.append((i, j, score))
    return pairs


def _pair_exact(
    left: Sequence[Any], right: Sequence[Any], key: Callable[[Any], Any]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pair equal keys in order; return pairs and the unpaired indices of each side."""
    waiting: dict[Any, list[int]] = defaultdict(list)
    for j, r in enumerate(right):
        k = key(r)
        if k is not None:
            waiting[k].append(j)
    pairs: list[tuple[int, int]] = []
    rest_l: list[int] = []
    for i, l_ in enumerate(left):
        k = key(l_)
        if k is not None and waiting.get(k):
            pairs.append((i, waiting[k].pop(0)))
        else:
            rest_l.append(i)
    paired_r = {j for _, j in pairs}
    return pairs, rest_l, [j for j in range(len(right)) if j not in paired_r]


def diff_materials(old: Sequence[Material], new: Sequence[Material]) -> list[Change]:
    changes: list[Change] = []
    pairs, rest_o, rest_n = _pair_exact(old, new, key=lambda m: m.name)
    for i, j in pairs:
        if old[i] != new[j]:
            changes.append(
                Change("material_changed", "materials", fmt_material(old[i]), fmt_material(new[j]))
            )
    fuzzy = _pair_fuzzy(
        [old[i].name for i in rest_o], [new[j].name for j in rest_n], MATERIAL_SIMILARITY
    )
    matched_o = {rest_o[a] for a, _, _ in fuzzy}
    matched_n = {rest_n[b] for _, b, _ in fuzzy}
    for a, b, score in sorted(fuzzy, key=lambda t: rest_o[t[0]]):
        changes.append(
            Change(
                "material_reworded",
                "materials",
                fmt_material(old[rest_o[a]]),
                fmt_material(new[rest_n[b]]),
                round(score, 1),
            )
        )
    changes += [
        Change("material_removed", "materials", fmt_material(old[i]), None)
        for i in rest_o
        if i not in matched_o
    ]
    changes += [
        Change("material_added", "materials", None, fmt_material(new[j]))
        for j in rest_n
        if j not in matched_n
    ]
    return changes


def _title_key(b: LegalBasis) -> str:
    return utils.default_process(b.title)


def diff_legal_basis(old: Sequence[LegalBasis], new: Sequence[LegalBasis]) -> list[Change]:
    changes: list[Change] = []
    pairs, rest_o, rest_n = _pair_exact(old, new, key=_title_key)
    by_number, rest_o2, rest_n2 = _pair_exact(
        [old[i] for i in rest_o], [new[j] for j in rest_n], key=lambda b: b.doc_number or None
    )
    pairs += [(rest_o[a], rest_n[b]) for a, b in by_number]
    rest_o = [rest_o[a] for a in rest_o2]
    rest_n = [rest_n[b] for b in rest_n2]
    fuzzy = _pair_fuzzy(
        [old[i].title for i in rest_o], [new[j].title for j in rest_n], TITLE_SIMILARITY
    )
    pairs += [(rest_o[a], rest_n[b]) for a, b, _ in fuzzy]
    matched_o = {i for i, _ in pairs}
    matched_n = {j for _, j in pairs}
    for i, j in sorted(pairs):
        a, b = old[i], new[j]
        if (a.title, a.doc_number, a.articles) != (b.title, b.doc_number, b.articles):
            changes.append(Change("legal_basis_changed", "legal_basis", fmt_basis(a), fmt_basis(b)))
    changes += [
        Change("legal_basis_removed", "legal_basis", fmt_basis(old[i]), None)
        for i in range(len(old))
        if i not in matched_o
    ]
    changes += [
        Change("legal_basis_added", "legal_basis", None, fmt_basis(new[j]))
        for j in range(len(new))
        if j not in matched_n
    ]
    return changes


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
    changes += diff_materials(old.materials, new.materials)
    changes += diff_legal_basis(old.legal_basis, new.legal_basis)
    return changes


# ---------------------------------------------------------------------------------------
# Matching items


def _pair_group(
    olds: list[GuideItem], news: list[GuideItem]
) -> tuple[list[tuple[GuideItem, GuideItem]], list[GuideItem], list[GuideItem]]:
    pairs_idx, rest_o, rest_n = _pair_exact(olds, news, key=lambda i: i.source_file)
    pairs = [(olds[i], news[j]) for i, j in pairs_idx]
    # Same key, different file (a file renamed): pair the rest in order.
    n = min(len(rest_o), len(rest_n))
    pairs += [(olds[rest_o[k]], news[rest_n[k]]) for k in range(n)]
    return pairs, [olds[i] for i in rest_o[n:]], [news[j] for j in rest_n[n:]]


def diff_items(old: Sequence[GuideItem], new: Sequence[GuideItem]) -> list[ItemDiff]:
    """Item-level diff of two item lists (see the module docstring for the matching)."""
    old_groups: dict[tuple[str, str, str], list[GuideItem]] = defaultdict(list)
    new_groups: dict[tuple[str, str, str], list[GuideItem]] = defaultdict(list)
    for item in old:
        old_groups[item_key(item)].append(item)
    for item in new:
        new_groups[item_key(item)].append(item)

    pairs: list[tuple[tuple[str, str, str], GuideItem, GuideItem]] = []
    removed: list[GuideItem] = []
    added: list[GuideItem] = []
    for key in sorted(set(old_groups) | set(new_groups)):
        p, r, a = _pair_group(old_groups.get(key, []), new_groups.get(key, []))
        pairs += [(key, o, n) for o, n in p]
        removed += r
        added += a

    # A changed canonical mapping moves an item to another key: pair it back.
    def same_item(i: GuideItem) -> tuple[str, str, str, str]:
        return (i.province or "", i.region or "", i.source_file, i.item_name)

    back, rest_r, rest_a = _pair_exact(removed, added, key=same_item)
    for i, j in back:
        pairs.append((item_key(added[j]), removed[i], added[j]))

    out: list[ItemDiff] = []
    for key, o, n in pairs:
        changes = diff_pair(o, n)
        if changes:
            out.append(ItemDiff("changed", n.province, n.region, key[2], o, n, changes))
    for i in rest_r:
        o = removed[i]
        out.append(
            ItemDiff(
                "removed",
                o.province,
                o.region,
                item_key(o)[2],
                o,
                None,
                [Change("item_removed", "item", o.item_name, None)],
            )
        )
    for j in rest_a:
        n = added[j]
        out.append(
            ItemDiff(
                "added",
                n.province,
                n.region,
                item_key(n)[2],
                None,
                n,
                [Change("item_added", "item", None, n.item_name)],
            )
        )
    out.sort(key=lambda d: (d.province or "", d.region or "", d.name, d.source_file, d.status))
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
    old_items = store.read_items(old_v) if old_v else []
    return VersionDiff(
        old_v.id if old_v else None, new_v.id, diff_items(old_items, store.read_items(new_v))
    )


def changes_table(diff: VersionDiff) -> pa.Table:
    """One row per atomic change (the ``changes`` table of a version)."""
    rows = [
        {
            "old_version": diff.old_version,
            "new_version": diff.new_version,
            "province": d.province,
            "region": d.region,
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
    return rows_to_table(rows, CHANGES)
