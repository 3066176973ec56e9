"""Tables built from an alignment: the review queue, the alignment table, the coverage view.

All functions are pure: they take items (full items or the
:class:`~normalizers.alignment.record.ItemRecord` a flow aligns) and their matches (from
:func:`normalizers.alignment.align.align_items`) and return pandas DataFrames or Markdown text;
writing them anywhere is the caller's business.

- :func:`review_queue`: one row per item a person must look at, with its candidates;
- :func:`unmatched_items`: items that match nothing (local services), for the record;
- :func:`review_report`: both as a readable Markdown report, with how to record a decision;
- :func:`alignment_table`: one row per (canonical item, province, region) for comparing
  provinces: the items that provide it, their time limits and material counts;
- :func:`coverage_view`: per province, which catalog items it has, covers through a broader
  item, lacks, and the services it adds that the catalog does not have (counted), or that
  still await a reviewer's decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from govguide.core.ids import item_ids
from govguide.core.models import GuideItem
from normalizers.alignment.align import (
    REVIEW_WARNING_FIELD,
    REVIEW_WARNING_PREFIX,
    Match,
    names_several,
)
from normalizers.alignment.catalog import Catalog, CatalogEntry, default_catalog
from normalizers.alignment.overrides import DEFAULT_OVERRIDES_PATH, OVERRIDE_COLUMNS
from normalizers.alignment.record import ItemRecord

Item = GuideItem | ItemRecord

REVIEW_COLUMNS = [
    "item_id",
    "item_name",
    "province",
    "region",
    "section",
    "source_file",
    "proposed_id",
    "proposed_name",
    "match_score",
    "match_method",
    "reason",
    "candidate_ids",
    "candidate_names",
    "candidate_scores",
    "catalog_version",
]
UNMATCHED_COLUMNS = [
    "item_id",
    "item_name",
    "province",
    "region",
    "source_file",
    "best_candidate_id",
    "best_candidate_name",
    "best_candidate_score",
    "catalog_version",
]
ALIGNMENT_COLUMNS = [
    "canonical_id",
    "canonical_name",
    "main_item",
    "province",
    "region",
    "item_names",
    "item_ids",
    "n_items",
    "provided_as",
    "legal_days_min",
    "legal_days_max",
    "promised_days_min",
    "promised_days_max",
    "days_units",
    "time_limit_texts",
    "material_count_min",
    "material_count_max",
    "needs_review",
    "catalog_version",
]
COVERAGE_COLUMNS = [
    "province",
    "canonical_id",
    "canonical_name",
    "main_item",
    "status",
    "item_names",
    "n_items",
    "regions",
]


@dataclass(frozen=True)
class _Aligned:
    """What an item's alignment says, from its match or, without one, from the item."""

    canonical_id: str | None
    also_covers: tuple[str, ...]
    needs_review: bool
    catalog_version: str | None
    several: bool = False  # in review as a name of several different catalog items


def _aligned(items: Sequence[Item], matches: Sequence[Match] | None) -> list[_Aligned]:
    if matches is None:
        if not all(isinstance(it, GuideItem) for it in items):
            raise TypeError("records carry no alignment of their own: pass their matches")
        # Applied items carry also_covers as canonical names; the tables key on ids.
        cat = default_catalog()
        return [
            _Aligned(
                it.canonical_id,
                tuple((e.id if (e := cat.get(c)) else c) for c in it.also_covers),
                it.needs_review or bool(it.warnings.get(REVIEW_WARNING_FIELD)),
                it.catalog_version,
                any(
                    names_several(w.removeprefix(REVIEW_WARNING_PREFIX))
                    for w in it.warnings.get(REVIEW_WARNING_FIELD, [])
                ),
            )
            for it in items
            if isinstance(it, GuideItem)
        ]
    if len(matches) != len(items):
        raise ValueError(f"{len(items)} items but {len(matches)} matches")
    return [
        _Aligned(
            m.canonical_id, tuple(m.also_covers), m.needs_review, m.catalog_version, m.names_several
        )
        for m in matches
    ]


def review_queue(items: Sequence[Item], matches: Sequence[Match]) -> pd.DataFrame:
    """One row per item awaiting review: its key, place, proposal, reason and candidates."""
    return pd.DataFrame(_review_rows(items, matches), columns=REVIEW_COLUMNS)


def _review_rows(items: Sequence[Item], matches: Sequence[Match]) -> list[dict]:
    rows = []
    for item, iid, m in zip(items, item_ids(items), matches, strict=True):
        if not m.needs_review:
            continue
        rows.append(
            {
                "item_id": iid,
                "item_name": item.item_name,
                "province": item.province,
                "region": item.region,
                "section": item.section,
                "source_file": item.source_file,
                "proposed_id": m.canonical_id,
                "proposed_name": m.canonical_name,
                "match_score": m.match_score,
                "match_method": m.match_method,
                "reason": m.review_reason,
                "candidate_ids": [c.canonical_id for c in m.candidates],
                "candidate_names": [c.canonical_name for c in m.candidates],
                "candidate_scores": [c.score for c in m.candidates],
                "catalog_version": m.catalog_version,
            }
        )
    return rows


def unmatched_items(items: Sequence[Item], matches: Sequence[Match]) -> pd.DataFrame:
    """Items left with no canonical item and not queued: services the catalog lacks."""
    return pd.DataFrame(_unmatched_rows(items, matches), columns=UNMATCHED_COLUMNS)


def _unmatched_rows(items: Sequence[Item], matches: Sequence[Match]) -> list[dict]:
    rows = []
    for item, iid, m in zip(items, item_ids(items), matches, strict=True):
        if m.canonical_id is not None or m.needs_review:
            continue
        best = m.runner_up
        rows.append(
            {
                "item_id": iid,
                "item_name": item.item_name,
                "province": item.province,
                "region": item.region,
                "source_file": item.source_file,
                "best_candidate_id": best.canonical_id if best else None,
                "best_candidate_name": best.canonical_name if best else None,
                "best_candidate_score": best.score if best else None,
                "catalog_version": m.catalog_version,
            }
        )
    return rows


def _inline(text: object) -> str:
    return "" if text is None else " ".join(str(text).split())


def _present(value: object) -> bool:
    """A real value: not None, not empty, not a pandas missing value (NaN)."""
    return value is not None and value == value and value != ""


def _by_item(rows: list[dict]) -> list[tuple[dict, list[str]]]:
    """One entry per item id (the PDF and DOCX of a guide are one item), with its files."""
    grouped: dict[str, tuple[dict, list[str]]] = {}
    for row in rows:
        entry = grouped.setdefault(row["item_id"], (row, []))
        entry[1].append(row["source_file"])
    return list(grouped.values())


def _score(value: float | None) -> str:
    # One rounding everywhere: the score as the tables hold it (one decimal).
    return "-" if value is None or value != value else f"{value:.1f}"


def review_report(items: Sequence[Item], matches: Sequence[Match]) -> str:
    """The review queue and the unmatched items as a Markdown report, one entry per item
    (its id, with every file it is read from).

    Item ids are in code spans, ready for ``govguide review`` or the overrides file.
    """
    queue = _by_item(_review_rows(items, matches))
    unmatched = _by_item(_unmatched_rows(items, matches))
    accepted = sum(m.accepted for m in matches)
    version = matches[0].catalog_version if matches else "-"
    lines = [
        "# Alignment review",
        "",
        f"Catalog {version}: {len(matches)} item rows, {accepted} aligned automatically, "
        f"{len(queue)} items to review, {len(unmatched)} matching no catalog item.",
        "",
        "## To review",
        "",
    ]
    if not queue:
        lines.append("Nothing to review.")
    for n, (row, files) in enumerate(queue, start=1):
        place = " ".join(p for p in (row["province"], row["region"]) if _present(p))
        proposed = (
            f"{row['proposed_id']} {row['proposed_name']}"
            if _present(row["proposed_id"])
            else "none"
        )
        candidates = "; ".join(
            f"{cid} {name} ({_score(score)})"
            for cid, name, score in zip(
                row["candidate_ids"], row["candidate_names"], row["candidate_scores"], strict=True
            )
        )
        lines += [
            f"### {n}. {_inline(row['item_name'])}" + (f" ({place})" if place else ""),
            "",
            f"- item id: `{row['item_id']}`",
            f"- files: {', '.join(f'`{f}`' for f in files)}",
            f"- section: {_inline(row['section']) or '-'}",
            f"- proposed: {proposed} (score {_score(row['match_score'])}, {row['match_method']})",
            f"- reason: {_inline(row['reason'])}",
            f"- candidates: {candidates or '-'}",
            "",
        ]
    lines += ["## Matching no catalog item", ""]
    if not unmatched:
        lines.append("None.")
    for row, files in unmatched:
        closest = (
            f"closest {row['best_candidate_name']} ({_score(row['best_candidate_score'])})"
            if _present(row["best_candidate_id"])
            else "no candidate"
        )
        lines.append(
            f"- {_inline(row['item_name'])}: `{row['item_id']}` ({closest}; "
            + ", ".join(f"`{f}`" for f in files)
            + ")"
        )
    lines += [
        "",
        "## Recording a decision",
        "",
        "`govguide review accept ID` confirms the proposal, `govguide review set ID CATALOG_ID` "
        "chooses another catalog item, `govguide review none ID` says the item matches none; "
        "each adds a row to the overrides file (`reference/overrides.csv` beside the output "
        f"folder, as `{DEFAULT_OVERRIDES_PATH}` is beside `data/curated`, or the file "
        f"`GOVGUIDE_OVERRIDES` names; columns {', '.join(OVERRIDE_COLUMNS)}), which later "
        "runs apply before matching.",
        "",
    ]
    return "\n".join(lines)


def _material_count(item: Item) -> int:
    return item.n_materials if isinstance(item, ItemRecord) else len(item.materials)


def _span(values: list[int | None]) -> tuple[int | None, int | None]:
    known = [v for v in values if v is not None]
    return (min(known), max(known)) if known else (None, None)


def alignment_table(
    items: Sequence[Item],
    matches: Sequence[Match] | None = None,
    catalog: Catalog | None = None,
) -> pd.DataFrame:
    """One row per (canonical item, province, region), for comparing provinces.

    An item counts for its canonical item (``provided_as`` ``direct``) and for those it also
    covers (``covered``). Without ``matches`` the items' own canonical fields are read (items
    from :func:`normalizers.alignment.align.apply_alignment`).
    """
    catalog = catalog or default_catalog()
    groups: dict[tuple[str, str | None, str | None], list[tuple[Item, str, _Aligned, str]]] = {}
    ids = item_ids(items)
    for item, iid, a in zip(items, ids, _aligned(items, matches), strict=True):
        if a.canonical_id is None:
            continue
        for cid, how in [(a.canonical_id, "direct")] + [(c, "covered") for c in a.also_covers]:
            groups.setdefault((cid, item.province, item.region), []).append((item, how, a, iid))
    order = {e.id: i for i, e in enumerate(catalog.entries)}
    rows = []
    for (cid, province, region), members in sorted(
        groups.items(),
        key=lambda kv: (order.get(kv[0][0], 1 << 30), kv[0][1] or "", kv[0][2] or ""),
    ):
        entry = catalog.get(cid)
        its = [m[0] for m in members]
        hows = {m[1] for m in members}
        legal = _span([it.legal_days for it in its])
        promised = _span([it.promised_days for it in its])
        counts = _span([_material_count(it) for it in its])
        versions = {m[2].catalog_version for m in members if m[2].catalog_version}
        rows.append(
            {
                "canonical_id": cid,
                "canonical_name": entry.canonical_name if entry else None,
                "main_item": entry.main_item if entry else None,
                "province": province,
                "region": region,
                "item_names": [it.item_name for it in its],
                "item_ids": list(dict.fromkeys(m[3] for m in members)),
                "n_items": len(its),
                "provided_as": "both" if len(hows) > 1 else next(iter(hows)),
                "legal_days_min": legal[0],
                "legal_days_max": legal[1],
                "promised_days_min": promised[0],
                "promised_days_max": promised[1],
                # Units of the limits there are: an item stating none has no unit.
                "days_units": sorted(
                    {
                        it.days_unit
                        for it in its
                        if it.legal_days is not None or it.promised_days is not None
                    }
                ),
                "time_limit_texts": [it.time_limit_text for it in its if it.time_limit_text],
                "material_count_min": counts[0],
                "material_count_max": counts[1],
                "needs_review": any(m[2].needs_review for m in members),
                # The matches' version; the given catalog's for items aligned earlier.
                "catalog_version": ", ".join(sorted(versions)) or catalog.version,
            }
        )
    frame = pd.DataFrame(rows, columns=ALIGNMENT_COLUMNS)
    for col in (
        "legal_days_min",
        "legal_days_max",
        "promised_days_min",
        "promised_days_max",
        "material_count_min",
        "material_count_max",
    ):
        frame[col] = frame[col].astype("Int64")
    return frame


def coverage_view(
    items: Sequence[Item],
    matches: Sequence[Match] | None = None,
    catalog: Catalog | None = None,
) -> pd.DataFrame:
    """Per province, every catalog item with a ``status``: ``has`` (an item of its own),
    ``covered`` (only inside a broader item), ``lacks``; then the province's items with no
    catalog item, one row per service (names that normalise alike are one service, with
    every wording in ``item_names``): ``adds`` for a service the national list lacks (its
    closest candidate, if any, awaits a reviewer's look in the review queue), ``unresolved``
    for a name of several catalog items at once (a main item) until a reviewer says which.
    ``n_items`` counts the items behind each row, so what local lists add is counted per
    province.
    """
    catalog = catalog or default_catalog()
    provinces = sorted({it.province or "" for it in items})
    own: dict[tuple[str, str], list[Item]] = {}
    covered: dict[tuple[str, str], list[Item]] = {}
    # (province, status, normalised name) → the items without a catalog item
    outside: dict[tuple[str, str, str], list[Item]] = {}
    for item, a in zip(items, _aligned(items, matches), strict=True):
        province = item.province or ""
        if a.canonical_id is None:
            status = "unresolved" if a.several else "adds"
            key = catalog.tokenizer.normalize(item.item_name) or item.item_name
            outside.setdefault((province, status, key), []).append(item)
            continue
        own.setdefault((province, a.canonical_id), []).append(item)
        for cid in a.also_covers:
            covered.setdefault((province, cid), []).append(item)
    rows = []
    for province in provinces:
        for entry in catalog.entries:
            key = (province, entry.id)
            found = own.get(key) or covered.get(key) or []
            status = "has" if key in own else "covered" if key in covered else "lacks"
            rows.append(_coverage_row(province, status, found, entry.id, entry))
        for (p, status, _), its in sorted(outside.items(), key=lambda kv: kv[0]):
            if p == province:
                rows.append(_coverage_row(province, status, its, None, None))
    frame = pd.DataFrame(rows, columns=COVERAGE_COLUMNS)
    frame["n_items"] = frame["n_items"].astype("int64")
    return frame


def _coverage_row(
    province: str,
    status: str,
    found: Sequence[Item],
    canonical_id: str | None,
    entry: CatalogEntry | None,
) -> dict:
    return {
        "province": province or None,
        "canonical_id": canonical_id,
        "canonical_name": entry.canonical_name if entry else None,
        "main_item": entry.main_item if entry else None,
        "status": status,
        "item_names": sorted({it.item_name for it in found}),
        "n_items": len(found),
        "regions": sorted({it.region for it in found if it.region}),
    }
