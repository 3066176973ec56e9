"""Matching two lists of one item's materials or legal-basis entries, and the changes found.

Materials are matched exactly first and then fuzzily (rapidfuzz WRatio), so a reworded
material is one "reworded" change, not a removal plus an addition; legal-basis entries are
matched by title, then document number, then fuzzy title.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process, utils

from govguide.core.models import LegalBasis, Material

MATERIAL_SIMILARITY = 75.0  # WRatio; below this two materials are different materials
TITLE_SIMILARITY = 85.0


@dataclass(frozen=True)
class Change:
    """One atomic change to one item."""

    kind: str
    field: str
    before: str | None = None
    after: str | None = None
    similarity: float | None = None


def fmt_material(m: Material) -> str:
    return f"{m.name} [{m.condition}]" if m.condition else m.name


def fmt_basis(b: LegalBasis) -> str:
    text = f"《{b.title}》"
    if b.doc_number:
        text += f"（{b.doc_number}）"
    if b.articles:
        text += " 第" + "、".join(map(str, b.articles)) + "条"
    return text


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


def pair_exact(
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
    pairs, rest_o, rest_n = pair_exact(old, new, key=lambda m: m.name)
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
    pairs, rest_o, rest_n = pair_exact(old, new, key=_title_key)
    by_number, rest_o2, rest_n2 = pair_exact(
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
