"""Publishing a version with its diff against the parent version."""

from __future__ import annotations

from typing import Any

from govguide.dataset import store
from govguide.dataset.diff import VersionDiff, changes_table, diff_item_tables, mark_withdrawn
from govguide.dataset.file_changes import FileChange
from govguide.dataset.report_html import render_html
from govguide.dataset.report_md import render_markdown


def publish_with_diff(
    out: str,
    tables: dict[str, Any],
    manifest: dict[str, Any],
    files: dict[str, str] | None = None,
    file_list: list[FileChange] | None = None,
) -> tuple[store.PublishResult, VersionDiff | None]:
    """Publish the tables (and text ``files`` such as the review report); a new version
    carries its diff against the parent (changes table, diff.md, diff.html), computed
    before the version becomes visible; ``file_list`` (what happened to each input file since
    the parent version) goes into the diff."""
    made: dict[str, VersionDiff] = {}

    def extras(parent: store.Version | None, new_id: str) -> tuple[dict[str, Any], dict[str, str]]:
        # Rows are compared without provenance (values, not where they were read) and become
        # items only where they differ or a report shows them.
        old_table = store.read_items_table(parent, provenance=False) if parent else None
        d = VersionDiff(
            parent.id if parent else None, new_id, diff_item_tables(old_table, tables["items"])
        )
        del old_table
        d.files = list(file_list or [])
        mark_withdrawn(d, manifest.get("withdrawn_sources"))
        made["diff"] = d
        return {"changes": changes_table(d)}, {
            **(files or {}),
            "diff.md": render_markdown(d),
            "diff.html": render_html(d),
        }

    result = store.publish(out, tables, manifest=manifest, extras=extras)
    return result, made.get("diff")
