"""Reviewer decisions on alignment, read from and written to the overrides file.

``govguide review`` is built on these: :func:`pending` lists the items of the latest
version still awaiting a decision (one entry per item id, however many files it is read
from), :func:`record` appends one decision. A decision is keyed by the item's stable id
(:mod:`govguide.core.ids`), so it survives renamed files, deleted rows elsewhere and the other
format of the same guide; it takes effect in the next run.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govguide.core.errors import GovguideError
from govguide.dataset import store
from normalizers.alignment.catalog import Catalog, default_catalog
from normalizers.alignment.overrides import (
    OVERRIDE_COLUMNS,
    Override,
    OverridesError,
    load_overrides,
    overrides_path,
)

_HEADER = (
    "# Reviewer decisions on alignment, applied before the matcher (govguide review).\n"
    "# item_key: the item id (older province|region|file stem|name keys are still read).\n"
    "# canonical_id: a catalog id (govguide catalog) or none. also_covers: ids separated by |.\n"
)


class ReviewError(GovguideError):
    """A decision that cannot be recorded: unknown item or catalog id, nothing proposed."""

    reason = "review"


@dataclass
class Pending:
    """One item awaiting a reviewer's decision in the latest version."""

    item_id: str
    item_name: str
    province: str | None
    region: str | None
    proposed_id: str | None
    proposed_name: str | None
    match_score: float | None
    reason: str | None
    candidates: list[str] = field(default_factory=list)
    source_files: list[str] = field(default_factory=list)


# What a pending entry takes from its review_queue row as it is.
_PENDING_COLUMNS = (
    "item_id",
    "item_name",
    "province",
    "region",
    "proposed_id",
    "proposed_name",
    "match_score",
    "reason",
)


def _latest(out: str | Path) -> store.Version:
    version = store.latest(out)
    if version is None:
        raise ReviewError(f"no published version under {out}: run `govguide run` first")
    return version


def _queue(version: store.Version) -> list[dict[str, Any]]:
    table = store.read_table(version, "review_queue")
    if "item_id" not in table.column_names:
        raise ReviewError(
            f"version {version.id} was published before item ids (schema "
            f"{version.manifest.get('schema_version')}): run `govguide run` to publish one with them"
        )
    return table.to_pylist()


def pending(out: str | Path, overrides: str | Path | None = None) -> list[Pending]:
    """Items of the latest version in the review queue, without those the overrides file
    already decides (decided since that version was published)."""
    version = _latest(out)
    path, required = overrides_path(out, overrides)
    decided = load_overrides(path, required=required)
    queue = _queue(version)
    found: dict[str, Pending] = {}
    for row in queue:
        iid = row["item_id"]
        if iid in decided:
            continue
        entry = found.get(iid)
        if entry is None:
            entry = found[iid] = Pending(
                **{name: row[name] for name in _PENDING_COLUMNS},
                candidates=[
                    f"{cid} {name} ({score:.1f})"
                    for cid, name, score in zip(
                        row["candidate_ids"] or [],
                        row["candidate_names"] or [],
                        row["candidate_scores"] or [],
                        strict=True,
                    )
                ],
            )
        entry.source_files.append(row["source_file"])
    return list(found.values())


def _item_ids(version: store.Version) -> set[str]:
    import pyarrow.parquet as pq

    table = pq.read_table(version.table_path("items"), columns=["item_id"])
    return set(table.column("item_id").to_pylist())


def decide(
    out: str | Path,
    item_id: str,
    action: str,
    canonical_id: str | None = None,
    *,
    reviewer: str = "",
    note: str = "",
    overrides: str | Path | None = None,
    catalog: Catalog | None = None,
) -> tuple[Override, Path]:
    """Record a decision for ``item_id`` of the latest version: ``accept`` its proposal,
    ``set`` it to ``canonical_id``, or ``none`` (it matches no catalog item). Returns the
    decision and the overrides file it was appended to."""
    version = _latest(out)
    if item_id not in _item_ids(version):
        raise ReviewError(
            f"no item {item_id!r} in version {version.id} (see `govguide review list`)"
        )
    catalog = catalog or default_catalog()
    if action == "accept":
        proposals = {row["item_id"]: row["proposed_id"] for row in _queue(version)}
        if item_id not in proposals:
            raise ReviewError(f"item {item_id} is not in the review queue of version {version.id}")
        target = proposals[item_id]
        if target is None:
            raise ReviewError(
                f"nothing is proposed for item {item_id}: use `set {item_id} CATALOG_ID` or "
                f"`none {item_id}`"
            )
    elif action == "set":
        if not canonical_id:
            raise ReviewError("set needs a catalog id (see `govguide catalog`)")
        entry = catalog.get(canonical_id)
        if entry is None:
            raise ReviewError(f"{canonical_id!r} is not in catalog {catalog.version}")
        target = entry.id
    elif action == "none":
        target = None
    else:
        raise ReviewError(f"unknown decision {action!r}: accept, set or none")
    decision = Override(item_id, target, reviewer=reviewer, note=note)
    path, _ = overrides_path(out, overrides)
    append(path, decision)
    return decision, path


def append(path: Path, decision: Override) -> None:
    """Append one decision to the overrides file, creating it (with its header) if needed;
    a later row for the same item wins, so the file stays a log of decisions."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    row = [
        decision.item_key,
        decision.canonical_id or "none",
        "|".join(decision.also_covers),
        decision.reviewer,
        decision.note,
    ]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.stat().st_size == 0:
            writer.writerow(OVERRIDE_COLUMNS)
            text = _HEADER + buf.getvalue()
            buf.seek(0)
            buf.truncate()
        else:
            text = "" if path.read_bytes().endswith(b"\n") else "\n"
        writer.writerow(row)
        with path.open("a", encoding="utf-8") as f:
            f.write(text + buf.getvalue())
    except OSError as exc:
        raise OverridesError(f"cannot write the overrides file: {exc}", path=path) from exc
