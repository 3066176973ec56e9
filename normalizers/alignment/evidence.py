"""Content evidence for alignment: do two items ask for the same materials and cite the same law?

When a name is ambiguous (单位补缴 could be several things; 待遇资格认定 says little on
its own), the item's content can decide: an item whose materials and legal basis overlap those
of items already aligned to a candidate is likely that candidate too.

- Materials are compared by their *key*: the form title in 《》 when there is one (the most
  specific part: 《单位注销登记表》), else the name up to its first clause. Two keys match
  when rapidfuzz's ratio says they are nearly the same text.
- Legal basis is compared as cited (title, article) pairs, or titles where no article is given.

All comparisons use rapidfuzz's ``process.cdist`` over whole lists at once.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from govguide.core.models import GuideItem
from normalizers.alignment.tokenize import clean_name

_TITLE = re.compile(r"《([^》]{2,60})》")
_CLAUSE_END = re.compile(r"[，,；;：:（(。]")
_REGION_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}?(?:省|市|自治区|县|区))+")

MATERIAL_MATCH_RATIO = 88.0  # rapidfuzz ratio at which two material keys are the same material
W_MATERIALS = 0.6
W_LEGAL = 0.4


@dataclass(frozen=True)
class ContentFingerprint:
    materials: tuple[str, ...]
    legal: frozenset[str]

    @property
    def empty(self) -> bool:
        return not self.materials and not self.legal


def material_key(name: str) -> str:
    """The comparable core of one material: its form title, else its first clause.

    A province's name is dropped from a form title (《重庆市社会保险注销登记表》 and
    《单位注销登记表》 are the same form).
    """
    titled = _TITLE.search(name)
    text = titled.group(1) if titled else _CLAUSE_END.split(name, maxsplit=1)[0]
    key = clean_name(text)
    return _REGION_PREFIX.sub("", key) or key


def fingerprint(item: GuideItem) -> ContentFingerprint:
    # Keys are interned: the same materials and laws recur across thousands of guides, and
    # alignment holds a fingerprint for every item of a corpus.
    materials = tuple(
        dict.fromkeys(sys.intern(k) for m in item.materials if (k := material_key(m.name)))
    )
    legal: set[str] = set()
    for basis in item.legal_basis:
        title = clean_name(basis.title)
        if not title:
            continue
        if basis.articles:
            legal.update(sys.intern(f"{title}#{a}") for a in basis.articles)
        else:
            legal.add(sys.intern(title))
    return ContentFingerprint(materials, frozenset(legal))


def without_common(
    prints: Sequence[ContentFingerprint], labels: Sequence[str | None], max_labels: int = 2
) -> list[ContentFingerprint]:
    """The fingerprints without boilerplate: materials and citations that items of more than
    ``max_labels`` different catalog entries share (an ID card, the social insurance law's
    general article) say nothing about which service an item is.

    ``labels`` are the entries items are aligned to (None for items not aligned yet, which
    do not count).
    """
    seen: dict[str, set[str]] = {}
    for fp, label in zip(prints, labels, strict=True):
        if label is None:
            continue
        for key in (*fp.materials, *fp.legal):
            seen.setdefault(key, set()).add(label)
    common = {k for k, owners in seen.items() if len(owners) > max_labels}
    if not common:
        return list(prints)
    return [
        ContentFingerprint(
            tuple(m for m in fp.materials if m not in common), frozenset(fp.legal - common)
        )
        for fp in prints
    ]


def material_similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """Share of ``a``'s materials that ``b`` asks for too (0–1), keys matched by rapidfuzz
    ratio. One-sided on purpose: a reference item may ask for more (it may cover more cases)."""
    if not a or not b:
        return 0.0
    scores = process.cdist(list(a), list(b), scorer=fuzz.ratio, dtype=np.float32, workers=1)
    return float((scores >= MATERIAL_MATCH_RATIO).any(axis=1).mean())


def legal_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of ``a``'s citations that ``b`` cites too (0–1)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a)


def content_similarity(a: ContentFingerprint, b: ContentFingerprint) -> float | None:
    """How alike two items' contents are (0–1), or None when they share nothing comparable."""
    has_materials = bool(a.materials and b.materials)
    has_legal = bool(a.legal and b.legal)
    if has_materials and has_legal:
        return W_MATERIALS * material_similarity(
            a.materials, b.materials
        ) + W_LEGAL * legal_similarity(a.legal, b.legal)
    if has_materials:
        return material_similarity(a.materials, b.materials)
    if has_legal:
        return legal_similarity(a.legal, b.legal)
    return None


def best_similarity(
    item: ContentFingerprint, references: Sequence[ContentFingerprint]
) -> float | None:
    """The highest similarity of ``item`` to any reference item, or None without evidence."""
    best: float | None = None
    for ref in references:
        sim = content_similarity(item, ref)
        if sim is not None and (best is None or sim > best):
            best = sim
    return best
