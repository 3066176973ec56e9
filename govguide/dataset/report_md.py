"""The diff between two versions as a Markdown report for reviewers, and the row builders
the HTML report (:mod:`govguide.dataset.report_html`) shares: summary counts first, then counts per
province, then every changed item with its before and after values side by side."""

from __future__ import annotations

from collections import Counter

from govguide.core.models import GuideItem
from govguide.dataset.diff import (
    CHANGE_KINDS,
    OTHER_FIELDS,
    REVIEW_FIELDS,
    TIME_FIELDS,
    Change,
    ItemDiff,
    VersionDiff,
    fmt_basis,
    fmt_canonical,
    fmt_conditions,
    fmt_material,
    fmt_value,
)
from govguide.dataset.file_changes import describe

_KIND_LABELS = {
    "item_added": "item added",
    "item_removed": "item removed",
    "field_changed": "field changed",
    "canonical_changed": "canonical mapping changed",
    "material_added": "material added",
    "material_removed": "material removed",
    "material_reworded": "material reworded",
    "material_changed": "material changed",
    "legal_basis_added": "legal basis added",
    "legal_basis_removed": "legal basis removed",
    "legal_basis_changed": "legal basis changed",
    "source_withdrawn": "removed: source withdrawn",
    "review_changed": "review state changed",
}


def change_label(ch: Change) -> str:
    if ch.kind == "field_changed":
        return (TIME_FIELDS | OTHER_FIELDS).get(ch.field, ch.field)
    if ch.kind == "review_changed":
        return REVIEW_FIELDS.get(ch.field, ch.field)
    label = _KIND_LABELS.get(ch.kind, ch.kind)
    if ch.similarity is not None:
        label += f" ({ch.similarity:.0f}% similar)"
    return label


def summary_rows(diff: VersionDiff) -> list[tuple[str, int]]:
    """(label, count) for the summary, items first, zero counts left out."""
    c = diff.counts()
    rows = [(f"items {s}", c[f"items_{s}"]) for s in ("added", "removed", "changed")]
    rows += [(_KIND_LABELS[k], c[k]) for k in CHANGE_KINDS[2:] if c[k]]
    return rows


def province_rows(diff: VersionDiff) -> list[tuple[str, int, int, int]]:
    out = []
    for province, items in diff.by_province().items():
        c = Counter(d.status for d in items)
        out.append((province, c["added"], c["removed"], c["changed"]))
    return out


def file_lines(diff: VersionDiff) -> list[str]:
    """One line per input file added, changed, renamed, removed or duplicating another."""
    return [describe(f) for f in diff.changed_files]


def title(diff: VersionDiff) -> str:
    old = f"v={diff.old_version}" if diff.old_version else "(nothing)"
    return f"Changes from {old} to v={diff.new_version}"


def item_summary(item: GuideItem) -> list[tuple[str, str | None]]:
    """What a reviewer needs to see of an added or removed item."""
    return [
        ("item", item.item_name),
        ("canonical", fmt_canonical(item)),
        (TIME_FIELDS["legal_days"], fmt_value(item, "legal_days")),
        (TIME_FIELDS["promised_days"], fmt_value(item, "promised_days")),
        (TIME_FIELDS["time_limit_conditions"], fmt_conditions(item) or None),
        ("materials", "; ".join(fmt_material(m) for m in item.materials) or None),
        ("legal basis", "; ".join(fmt_basis(b) for b in item.legal_basis) or None),
    ]


def item_rows(d: ItemDiff) -> list[tuple[str, str | None, str | None]]:
    """(label, before, after) rows of one item's section in the reports."""
    if d.status == "added":
        return [(label, None, value) for label, value in item_summary(d.item) if value]
    if d.status == "removed":
        why = [
            (change_label(ch), ch.before, ch.after)
            for ch in d.changes
            if ch.kind == "source_withdrawn"
        ]
        return why + [(label, value, None) for label, value in item_summary(d.item) if value]
    return [(change_label(ch), ch.before, ch.after) for ch in d.changes]


def _md_cell(text: str | None) -> str:
    if text is None:
        return ""
    return text.replace("|", "\\|").replace("\n", " ")


MAX_DETAILED_ITEMS = 500


def detailed_items(
    diff: VersionDiff, limit: int = MAX_DETAILED_ITEMS
) -> tuple[dict[str, list[ItemDiff]], str | None]:
    """The items a report shows in detail, by province, and a note on what it leaves out.

    A first version (no parent) shows counts only: listing every item as "added" helps
    no reviewer. Past ``limit`` items the report points to the changes table instead.
    """
    if diff.old_version is None:
        return {}, (
            "First version: every item is new (see items.parquet). Item-level changes are "
            "reported from the next version on."
        )
    shown: dict[str, list[ItemDiff]] = {}
    count = 0
    for province, items in diff.by_province().items():
        take = items[: max(0, limit - count)]
        if take:
            shown[province] = take
        count += len(take)
    omitted = len(diff.items) - count
    note = (
        f"{omitted} more changed items are not shown here; changes.parquet lists every change."
        if omitted
        else None
    )
    return shown, note


def render_markdown(diff: VersionDiff, limit: int = MAX_DETAILED_ITEMS) -> str:
    """The reviewer's report: summary counts, then per province, then per item with before /
    after side by side."""
    lines = [f"# {title(diff)}", ""]
    if diff.empty:
        return "\n".join(lines + ["No changes.", ""])
    lines += ["## Summary", "", "| change | count |", "|---|---:|"]
    lines += [f"| {label} | {n} |" for label, n in summary_rows(diff)]
    lines += [
        "",
        "## By province",
        "",
        "| province | added | removed | changed |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {p} | {a} | {r} | {c} |" for p, a, r, c in province_rows(diff)]
    if files := file_lines(diff):
        lines += ["", "## Files", ""] + [f"- {_md_cell(line)}" for line in files]
    shown, note = detailed_items(diff, limit)
    if note:
        lines += ["", f"_{note}_"]
    for province, items in shown.items():
        lines += ["", f"## {province}"]
        for d in items:
            where = " · ".join(x for x in (d.region, d.name) if x)
            lines += ["", f"### {where} — {d.status}", "", f"Source: `{d.source_file}`", ""]
            lines += ["| change | before | after |", "|---|---|---|"]
            lines += [
                f"| {label} | {_md_cell(before)} | {_md_cell(after)} |"
                for label, before, after in item_rows(d)
            ]
    return "\n".join(lines) + "\n"
