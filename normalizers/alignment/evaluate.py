"""Alignment quality against hand-labelled items.

:func:`evaluate_alignment` rebuilds a :class:`GuideItem` from each gold item of the samples
(tests/fixtures/gold_seeds.json: name, place, section, materials, legal basis), aligns them
as one batch, and compares with the gold ``canonical_name`` and ``also_covers``.
:func:`evaluate_names` scores alignment by name alone on real wordings of other provinces
(tests/fixtures/names/, tests/fixtures/realworld/dev/names.json).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from govguide.core.errors import GovguideError
from govguide.core.models import GuideItem, LegalBasis, Material
from normalizers.alignment.align import AlignSettings, Match, align_items, match_names
from normalizers.alignment.catalog import Catalog, default_catalog
from normalizers.alignment.overrides import Overrides


class NamesFileError(GovguideError):
    """A file of labelled wordings cannot be read or is malformed."""

    reason = "names file"


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


def _disagreement(
    name: str, province: str | None, expected: str | None, match: Match
) -> dict[str, Any]:
    """One disagreement with the label, for a reader."""
    return {
        "item_name": name,
        "province": province,
        "gold": expected,
        "predicted": match.canonical_name,
        "method": match.match_method,
        "score": match.match_score,
        "needs_review": match.needs_review,
        "reason": match.review_reason,
    }


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
            errors.append(_disagreement(gold["item_name"], gold.get("province"), expected, match))
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

    pct = _pct
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


def read_names(path: str | Path) -> list[dict[str, Any]]:
    """Real item wordings with their catalog item: a JSON list of ``{"name",
    "canonical_name" (null: no catalog item, or several), "also_covers" (optional),
    "source"}``, or a folder of such files (read in name order).

    Raises :class:`NamesFileError` for a missing file, bad JSON or an entry without a name.
    """
    path = Path(path)
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise NamesFileError(f"{path}: no .json files")
    entries: list[dict[str, Any]] = []
    for file in files:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise NamesFileError(f"{file}: cannot read: {exc}") from exc
        if not isinstance(data, list):
            raise NamesFileError(f"{file}: expected a JSON list of entries")
        for n, entry in enumerate(data, start=1):
            if not isinstance(entry, dict) or not str(entry.get("name") or "").strip():
                raise NamesFileError(f"{file}: entry {n} has no name")
            if "canonical_name" not in entry:
                raise NamesFileError(f"{file}: entry {n} ({entry['name']}) has no canonical_name")
            entries.append(entry)
    return entries


def evaluate_names(
    entries: Sequence[Mapping[str, Any]],
    catalog: Catalog | None = None,
    settings: AlignSettings | None = None,
) -> dict[str, Any]:
    """Alignment of real wordings by name alone (:func:`normalizers.alignment.align.match_names`).

    - ``top1_agreement``: share of names whose assigned catalog item (a provisional one
      awaiting review included) is the labelled one, null = null counting as agreement;
    - ``accepted_share``: share matched without review; ``accepted_precision``: share of
      those that are right (the figure an analyst relies on);
    - ``also_covers_agreement``: of the labelled names with a catalog item, the share whose
      covered items equal the labelled ones;
    - ``errors``: each disagreement.
    """
    catalog = catalog or default_catalog()
    for entry in entries:  # unknown labels are mistakes in the file, not misses
        for label in [entry.get("canonical_name"), *(entry.get("also_covers") or [])]:
            if label is not None:
                catalog.entry(label)
    matches = match_names([str(e["name"]) for e in entries], catalog, settings=settings)
    agree = accepted = accepted_right = covers_total = covers_ok = 0
    errors: list[dict[str, Any]] = []
    for entry, match in zip(entries, matches, strict=True):
        expected = entry.get("canonical_name")
        right = match.canonical_name == expected
        agree += right
        accepted += match.accepted
        accepted_right += match.accepted and right
        if expected is not None:
            covers_total += 1
            wanted = {catalog.entry(n).id for n in entry.get("also_covers") or []}
            covers_ok += right and set(match.also_covers) == wanted
        if not right:
            row = _disagreement(str(entry["name"]), entry.get("province"), expected, match)
            errors.append({**row, "source": entry.get("source")})
    n = len(matches)
    return {
        "catalog_version": catalog.version,
        "items": n,
        "top1_agreement": _ratio(agree, n),
        "accepted": accepted,
        "accepted_share": _ratio(accepted, n),
        "accepted_precision": _ratio(accepted_right, accepted),
        "in_review": sum(m.needs_review for m in matches),
        "also_covers_agreement": _ratio(covers_ok, covers_total),
        "errors": errors,
    }


def format_name_figures(figures: Mapping[str, Any]) -> str:
    """The figures of :func:`evaluate_names` as readable lines, one per disagreement."""
    lines = [
        f"names (catalog {figures['catalog_version']}): {figures['items']} wordings",
        f"  top-1 agreement               {_pct(figures['top1_agreement'])}",
        f"  accepted without review       {_pct(figures['accepted_share'])} "
        f"({figures['accepted']}); {figures['in_review']} to review",
        f"  accepted that are right       {_pct(figures['accepted_precision'])}",
        f"  also_covers agreement         {_pct(figures['also_covers_agreement'])}",
    ]
    for e in figures["errors"]:
        how = "review" if e["needs_review"] else "ACCEPTED" if e["predicted"] else "none"
        why = f": {e['reason']}" if e["reason"] else ""
        lines.append(
            f"  ✗ {e['item_name']}: labelled {e['gold']}, got {e['predicted']} "
            f"[{e['method']} {e['score']:.0f}, {how}]{why}"
        )
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"
