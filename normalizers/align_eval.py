"""Alignment quality against hand-labelled items (tests/fixtures/gold_seeds.json).

:func:`evaluate_alignment` rebuilds a :class:`GuideItem` from each gold item (name, place,
section, materials, legal basis), aligns them as one batch, and compares with the gold
``canonical_name`` and ``also_covers``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from govguide.models import GuideItem, LegalBasis, Material
from normalizers.align import AlignSettings, Match, align_items
from normalizers.catalog import Catalog, default_catalog
from normalizers.overrides import Overrides


def gold_to_item(gold: Mapping[str, Any]) -> GuideItem:
    """A GuideItem carrying what alignment reads from one gold item."""
    stem = gold.get("file") or f"seed_{gold.get('seed', 'x')}"
    return GuideItem(
        item_name=gold["item_name"],
        province=gold.get("province"),
        region=gold.get("region"),
        source_file=f"{stem}.gold",
        source_sha256="gold",
        extractor="gold",
        section=gold.get("section") or gold.get("main_item"),
        materials=[
            Material(name=m["name"], condition=m.get("condition"))
            for m in gold.get("materials") or []
        ],
        legal_basis=[
            LegalBasis(
                title=b["title"], doc_number=b.get("doc_number"), articles=b.get("articles") or []
            )
            for b in gold.get("legal_basis") or []
        ],
    )


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def evaluate_alignment(
    gold_items: Sequence[Mapping[str, Any]],
    catalog: Catalog | None = None,
    overrides: Overrides | None = None,
    settings: AlignSettings | None = None,
) -> dict[str, Any]:
    """Figures for the alignment of ``gold_items`` (dicts in the gold_seeds.json format).

    - ``top1_agreement``: share of items whose assigned canonical name (a provisional one
      awaiting review included) equals the gold one, null = null counting as agreement;
    - ``auto_precision``: share of the automatically accepted matches that are right;
    - ``in_review`` / ``auto_accepted`` / ``unmatched``: how the items were routed;
    - ``null_handled``: of the items whose gold canonical is null, the share left null or
      sent to review; ``also_covers_agreement``: share of gold-matched items whose covered
      items equal the gold list;
    - ``errors``: the disagreeing items, for a reader.
    """
    catalog = catalog or default_catalog()
    items = [gold_to_item(g) for g in gold_items]
    matches: list[Match] = align_items(items, catalog, overrides, settings)
    agree = accepted = accepted_right = review = unmatched = 0
    null_total = null_ok = covers_total = covers_ok = 0
    errors: list[dict[str, Any]] = []
    for gold, match in zip(gold_items, matches, strict=True):
        expected = gold.get("canonical_name")
        right = match.canonical_name == expected
        agree += right
        if match.accepted:
            accepted += 1
            accepted_right += right
        review += match.needs_review
        unmatched += match.canonical_id is None and not match.needs_review
        if expected is None:
            null_total += 1
            null_ok += match.canonical_id is None or match.needs_review
        else:
            covers_total += 1
            expected_covers = {catalog.entry(n).id for n in gold.get("also_covers") or []}
            covers_ok += set(match.also_covers) == expected_covers
        if not right:
            errors.append(
                {
                    "item_name": gold["item_name"],
                    "province": gold.get("province"),
                    "gold": expected,
                    "predicted": match.canonical_name,
                    "method": match.match_method,
                    "score": match.match_score,
                    "needs_review": match.needs_review,
                    "reason": match.review_reason,
                }
            )
    n = len(matches)
    return {
        "catalog_version": catalog.version,
        "items": n,
        "top1_agreement": _ratio(agree, n),
        "auto_accepted": accepted,
        "auto_precision": _ratio(accepted_right, accepted),
        "in_review": review,
        "unmatched": unmatched,
        "null_items": null_total,
        "null_handled": _ratio(null_ok, null_total),
        "also_covers_agreement": _ratio(covers_ok, covers_total),
        "errors": errors,
    }


def format_alignment_figures(figures: Mapping[str, Any]) -> str:
    """The figures of :func:`evaluate_alignment` as a few readable lines."""

    def pct(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.1%}"

    lines = [
        f"alignment (catalog {figures['catalog_version']}): {figures['items']} items",
        f"  top-1 canonical agreement  {pct(figures['top1_agreement'])}",
        f"  automatic precision        {pct(figures['auto_precision'])} "
        f"of {figures['auto_accepted']} accepted without review",
        f"  review queue               {figures['in_review']} items; unmatched {figures['unmatched']}",
        f"  null items left null or queued  {pct(figures['null_handled'])} of {figures['null_items']}",
        f"  also_covers agreement      {pct(figures['also_covers_agreement'])}",
    ]
    lines += [
        f"  ✗ {e['item_name']} ({e['province']}): gold {e['gold']}, got {e['predicted']} "
        f"[{e['method']}{', review' if e['needs_review'] else ''}]"
        for e in figures["errors"]
    ]
    return "\n".join(lines)
