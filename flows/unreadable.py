"""Inputs that cannot be read in this run: kept, never dropped as if deleted.

A file or directory that cannot be read (no permission, an I/O error, a share gone) says
nothing about its content. So

- what the latest version published from it (its items, through the extraction cache) is
  *kept*: the file gets status ``kept`` with the reason, its items stay and each carries a
  warning on ``source_file`` saying so. For an unreadable directory this applies to every
  file the latest version had under it;
- an unreadable input without anything to keep fails the run as before (nothing is
  published; the error may pass), but only for ``unreadable_runs`` consecutive runs: then it
  is quarantined (reason ``unreadable``) so one broken file cannot block publishing forever.

The count of consecutive failed runs per path is kept in ``<out>/.cache/failed-runs.json``
(deleting it only restarts the count).
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from govguide.core.atomic import write_atomic
from govguide.core.safety.reading import UnreadableError
from govguide.dataset import store
from govguide.dataset.extraction_cache import ExtractionCache
from govguide.dataset.file_outcome import FAILED, KEPT, QUARANTINED, FileOutcome

COUNTS_FILE = ".cache/failed-runs.json"
REASON = UnreadableError.reason


def settle_unreadable(
    outcomes: list[FileOutcome], out: str | Path, cache: ExtractionCache, limit: int
) -> list[FileOutcome]:
    """``outcomes`` with unreadable inputs kept from the latest version where possible and
    failures repeated for ``limit`` runs quarantined; updates the failure counts."""
    previous = store.latest(out)
    inputs = _previous_inputs(previous)
    by_rel = {o.rel: o for o in outcomes}
    settled: dict[str, FileOutcome] = dict(by_rel)
    for o in outcomes:
        if o.status != FAILED or o.reason != REASON:
            continue
        # A directory entry ("a/b/") stands for every earlier input below it.
        gone = [p for p in inputs if (p.startswith(o.rel) if o.rel.endswith("/") else p == o.rel)]
        kept = 0
        for rel in gone:
            if rel in by_rel and rel != o.rel:
                continue  # read this run after all
            found = _kept(rel, inputs[rel], o, previous, cache)
            if found is not None:
                settled[rel] = found
                kept += 1
        if kept and o.rel.endswith("/"):
            settled[o.rel] = o.model_copy(
                update={
                    "status": KEPT,
                    "message": f"{o.message}; the items of {kept} file(s) below it are kept",
                }
            )
    counts = _read_counts(out)
    now: dict[str, int] = {}
    for rel, o in list(settled.items()):
        if o.status != FAILED or o.reason != REASON:
            continue  # other failures (a full temp folder …) are the machine's, not the file's
        now[rel] = counts.get(rel, 0) + 1
        if now[rel] >= limit:
            settled[rel] = o.model_copy(
                update={
                    "status": QUARANTINED,
                    "reason": REASON,
                    "message": f"not readable in {now[rel]} consecutive runs; last: {o.message}",
                }
            )
    _write_counts(out, now)
    return sorted(settled.values(), key=lambda o: o.rel)


def _previous_inputs(version: store.Version | None) -> dict[str, str]:
    """Path → content hash of the inputs the latest version published items from."""
    if version is None:
        return {}
    found: dict[str, str] = {}
    for entry in version.manifest.get("inputs") or []:
        if not isinstance(entry, dict) or not entry.get("items") or not entry.get("sha256"):
            continue
        found[str(entry.get("path"))] = str(entry["sha256"])
    return found


def _kept(
    rel: str,
    sha256: str,
    failure: FileOutcome,
    previous: store.Version | None,
    cache: ExtractionCache,
) -> FileOutcome | None:
    hit = cache.peek(sha256)
    if hit is None or not hit.has_result or previous is None:
        return None  # nothing to keep: the cache was deleted or the result is gone
    return hit.model_copy(
        update={
            "rel": rel,
            "status": KEPT,
            "reason": REASON,
            "message": (
                f"not readable in this run ({failure.message}); items kept from version "
                f"{previous.id}"
            ),
            "cached": True,
        }
    )


def _read_counts(out: str | Path) -> dict[str, int]:
    try:
        doc = json.loads((Path(out) / COUNTS_FILE).read_text(encoding="utf-8"))
        return {str(k): int(v) for k, v in doc.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def _write_counts(out: str | Path, counts: dict[str, int]) -> None:
    path = Path(out) / COUNTS_FILE
    with contextlib.suppress(OSError):  # best effort: without it the count restarts
        if not counts and not path.exists():
            return
        write_atomic(path, json.dumps(counts, ensure_ascii=False), durable=False)
