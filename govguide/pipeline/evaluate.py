"""Compare extraction output with hand-checked gold items.

Gold items (``tests/fixtures/gold_seeds.json``, or any gold file or folder of the same
conventions) name the document they come from by file stem; every rendering of a document
(PDF, DOCX, HTML) is checked against the same gold.
Items are paired by name (exact, else the closest fuzzy match). Figures per file and
overall:

- items: gold items found, missing, and extra items extraction invented;
- legal_days / promised_days: share of paired items with exactly the gold value;
- materials: mean set F1 over paired items, names fuzzy-matched (≥ 90 similarity);
- legal_basis: mean set F1 on titles;
- conditions: share of paired materials whose condition equals the gold condition;
- canonical: top-1 agreement of the aligned canonical name, precision of the matches accepted
  without review, and the share of gold-null items left null or sent to review.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from extractors.extract import extract_file
from govguide.core.models import ExtractionResult, GuideItem
from normalizers.script import to_simplified, without_readings

_WS = re.compile(r"\s+")
NAME_MATCH = 90.0


def _norm(text: str | None) -> str:
    """A name as compared: without spaces, pinyin readings a page writes into words (業(yè)務(wù))
    and the difference of traditional and simplified characters, which say nothing of the item."""
    return to_simplified(without_readings(_WS.sub("", text or "")))


@dataclass
class FileScore:
    file: str
    gold: int
    found: int = 0
    extra: int = 0
    legal_ok: int = 0
    promised_ok: int = 0
    days_ok: int = 0  # both limits exactly the gold's
    materials_f1: list[float] = field(default_factory=list)
    basis_f1: list[float] = field(default_factory=list)
    cond_ok: int = 0
    cond_total: int = 0
    canon_ok: int = 0  # canonical name (top-1, accepted or proposed) equals gold
    auto_total: int = 0  # matches accepted without review
    auto_ok: int = 0
    null_total: int = 0  # gold canonical is null
    null_ok: int = 0  # … and the item is null or in the review queue
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)


def set_f1(predicted: list[str], expected: list[str], threshold: float = NAME_MATCH) -> float:
    """F1 of two lists of strings, pairing each expected string with at most one prediction."""
    if not predicted and not expected:
        return 1.0
    if not predicted or not expected:
        return 0.0
    unused = list(map(_norm, predicted))
    hits = 0
    for exp in map(_norm, expected):
        best, best_i = 0.0, -1
        for i, p in enumerate(unused):
            s = 100.0 if p == exp else fuzz.ratio(p, exp)
            if s > best:
                best, best_i = s, i
        if best >= threshold:
            hits += 1
            unused.pop(best_i)
    precision, recall = hits / len(predicted), hits / len(expected)
    return 0.0 if hits == 0 else 2 * precision * recall / (precision + recall)


def pair_items(items: list[GuideItem], gold: list[dict[str, Any]]) -> list[tuple[GuideItem | None, dict[str, Any] | None]]:
    """Pair extracted items with gold items by name; unpaired ones come with None."""
    left = list(items)
    pairs: list[tuple[GuideItem | None, dict[str, Any] | None]] = []
    for g in gold:
        name = _norm(g["item_name"])
        idx = next((i for i, it in enumerate(left) if _norm(it.item_name) == name), None)
        if idx is None and left:
            scores = [fuzz.ratio(_norm(it.item_name), name) for it in left]
            best = max(range(len(left)), key=scores.__getitem__)
            idx = best if scores[best] >= 80 else None
        pairs.append((left.pop(idx) if idx is not None else None, g))
    pairs.extend((it, None) for it in left)
    return pairs


def score_file(path: Path, gold: list[dict[str, Any]], result: ExtractionResult | None = None) -> FileScore:
    """Score one file's extraction (``result``, or a fresh one) against its gold items."""
    result = result if result is not None else extract_file(path)
    score = FileScore(file=path.name, gold=len(gold))
    for item, g in pair_items(result.items, gold):
        if g is None:
            score.extra += 1
            score.extras.append(item.item_name if item else "?")
            continue
        if item is None:
            score.misses.append(g["item_name"])
            continue
        score.found += 1
        score.legal_ok += item.legal_days == g["legal_days"]
        score.promised_ok += item.promised_days == g["promised_days"]
        score.days_ok += item.legal_days == g["legal_days"] and item.promised_days == g["promised_days"]
        if item.legal_days != g["legal_days"] or item.promised_days != g["promised_days"]:
            score.diffs.append(
                f"{g['item_name']}: days {item.legal_days}/{item.promised_days} "
                f"≠ gold {g['legal_days']}/{g['promised_days']}"
            )
        lists = (
            ("materials", [m.name for m in item.materials], [m["name"] for m in g["materials"]], score.materials_f1),
            ("legal basis", [lb.title for lb in item.legal_basis], [lb["title"] for lb in g["legal_basis"]], score.basis_f1),
        )
        for label, got, expected, f1s in lists:
            f1 = set_f1(got, expected)
            f1s.append(f1)
            if f1 < 1.0:
                score.diffs.append(f"{g['item_name']}: {label} F1 {f1:.2f}")
        score.canon_ok += item.canonical_name == g["canonical_name"]
        if item.canonical_id is not None and not item.needs_review:
            score.auto_total += 1
            score.auto_ok += item.canonical_name == g["canonical_name"]
        if g["canonical_name"] is None:
            score.null_total += 1
            score.null_ok += item.canonical_id is None or item.needs_review
        gconds = {_norm(m["name"]): m["condition"] for m in g["materials"]}
        for m in item.materials:
            if _norm(m.name) in gconds:
                score.cond_total += 1
                score.cond_ok += (m.condition or None) == gconds[_norm(m.name)]
    return score


@dataclass
class Evaluation:
    files: list[FileScore]

    def by_format(self) -> dict[str, dict[str, float]]:
        """:meth:`totals` of the files of each format (pdf, docx, html)."""
        formats = sorted({Path(f.file).suffix.lstrip(".").lower() for f in self.files})
        return {
            fmt: Evaluation([f for f in self.files if f.file.lower().endswith("." + fmt)]).totals()
            for fmt in formats
        }

    def totals(self) -> dict[str, float]:
        found = sum(f.found for f in self.files)
        gold = sum(f.gold for f in self.files)
        mats = [x for f in self.files for x in f.materials_f1]
        basis = [x for f in self.files for x in f.basis_f1]
        conds = sum(f.cond_total for f in self.files)
        extra = sum(f.extra for f in self.files)
        return {
            "gold_items": gold,
            "found": found,
            "missing": gold - found,
            "extra": extra,
            "recall": _ratio(found, gold),
            "precision": _ratio(found, found + extra),
            "days_exact": sum(f.days_ok for f in self.files) / found if found else 0.0,
            "legal_days": sum(f.legal_ok for f in self.files) / found if found else 0.0,
            "promised_days": sum(f.promised_ok for f in self.files) / found if found else 0.0,
            "materials_f1": sum(mats) / len(mats) if mats else 0.0,
            "legal_basis_f1": sum(basis) / len(basis) if basis else 0.0,
            "conditions": sum(f.cond_ok for f in self.files) / conds if conds else 1.0,
            "canonical_top1": sum(f.canon_ok for f in self.files) / found if found else 0.0,
            "auto_accepted": sum(f.auto_total for f in self.files),
            "auto_precision": _ratio(sum(f.auto_ok for f in self.files), sum(f.auto_total for f in self.files)),
            "null_handled": _ratio(sum(f.null_ok for f in self.files), sum(f.null_total for f in self.files)),
        }


def days_exact(items: list[GuideItem], gold: list[dict[str, Any]]) -> tuple[int, int]:
    """(paired items whose legal and promised days both equal the gold's, paired items)."""
    pairs = [(i, g) for i, g in pair_items(items, gold) if i is not None and g is not None]
    ok = sum(i.legal_days == g["legal_days"] and i.promised_days == g["promised_days"] for i, g in pairs)
    return ok, len(pairs)


def _ratio(ok: int, n: int) -> float:
    return ok / n if n else 1.0


def load_gold(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Gold items by file stem, from one JSON list or a folder of them (one per document:
    a document whose list is empty is a non-guide and expects no item)."""
    path = Path(path)
    sources = sorted(path.glob("*.json")) if path.is_dir() else [path]
    by_file: dict[str, list[dict[str, Any]]] = {}
    for source in sources:
        entries = json.loads(source.read_text(encoding="utf-8"))
        if path.is_dir():
            by_file.setdefault(source.stem, [])
        for g in entries:
            by_file.setdefault(g["file"], []).append(g)
    return by_file


FORMATS = (".pdf", ".docx", ".html")


def evaluate(corpus: Path, gold_path: Path) -> Evaluation:
    """Score every PDF/DOCX/HTML in ``corpus`` against its gold items (none: a non-guide)."""
    from normalizers.alignment.align import align_items, apply_alignment

    gold = load_gold(gold_path)
    files = sorted(p for p in Path(corpus).rglob("*") if p.suffix.lower() in FORMATS)
    results = [extract_file(p) for p in files]
    # Align everything as one batch, as the ingestion flow does: content evidence from
    # items already aligned helps the ambiguous ones.
    items = [it for r in results for it in r.items]
    aligned = iter(apply_alignment(items, align_items(items)))
    for r in results:
        r.items = [next(aligned) for _ in r.items]
    return Evaluation(files=[score_file(p, gold.get(p.stem, []), r) for p, r in zip(files, results, strict=True)])
