"""The incremental extraction cache: what extracting given bytes with given code gave.

``<out>/.cache/extract/<sha[:2]>/<sha256>-<cache version>.json`` holds what extracting that
content with that code and those extraction settings gave (its items, "not a guide" reason,
or bad-input reason). We keep our own cache instead of Prefect's task cache because

- it lives next to the data it produced, so it survives a new PREFECT_HOME, a fresh CI
  machine with a copied output directory, or running against a Prefect server;
- the flow checks it *before* submitting work, so an unchanged file costs one small JSON
  read (its sidecar), not a task run, and the run report can say exactly which files were
  "unchanged";
- it is plain JSON a person can inspect, and deleting ``.cache`` is always safe.

Files with transient failures or extractor crashes are never cached: they are retried next
run. Writes go to a temp file and ``os.replace``, so a killed run leaves no torn entry.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from govguide.core.atomic import write_atomic
from govguide.core.errors import GovguideError, ResourceLimitError
from govguide.core.models import ExtractionResult
from govguide.core.settings import get_settings
from govguide.dataset.file_outcome import (
    CRASH_REASON,
    EXTRACTED,
    NOT_A_GUIDE,
    QUARANTINED,
    UNCHANGED,
    FileOutcome,
    FileStats,
)

CACHE_DIR = ".cache/extract"

# Settings that change what extracting given bytes gives (a verdict or the items): part of
# the cache key, and handed to the extraction worker so it extracts with exactly them. The
# time and memory budgets are not: results that hit them are never cached.
EXTRACTION_SETTINGS = (
    "max_file_bytes",
    "zip_max_members",
    "zip_max_member_bytes",
    "zip_max_total_bytes",
    "zip_max_ratio",
    "zip_ratio_min_bytes",
    "pdf_min_text_chars",
    "pdf_fast_reader",
    "pdf_strict_xref",
    # OCR on or off decides whether a scan is read or refused; resolution and the page cap
    # change what it reads.
    "ocr",
    "ocr_dpi",
    "ocr_max_pages",
)


def extraction_environment() -> dict[str, str]:
    """The extraction settings of this process as ``GOVGUIDE_*`` variables."""
    values = get_settings().model_dump(include=set(EXTRACTION_SETTINGS))
    return {
        f"GOVGUIDE_{name.upper()}": "none" if value is None else json.dumps(value)
        for name, value in sorted(values.items())
    }


def cache_version(extractor_version: str) -> str:
    """The cache key's code part: the extractor version and the extraction settings (a
    file refused under ``GOVGUIDE_PDF_STRICT_XREF=true`` is tried again under ``false``)."""
    env = json.dumps(extraction_environment(), sort_keys=True).encode()
    return f"{extractor_version}-{hashlib.sha256(env).hexdigest()[:8]}"


class ExtractionCache:
    """Outcomes of previous extractions keyed by (content hash, extractor version).

    Each entry is two files: the outcome with its full result (``<key>.json``), and a small
    sidecar (``<key>.meta.json``: status, reason and the run report's figures) written after
    it. Planning a run reads only the sidecars, so an unchanged file costs a few hundred
    bytes of JSON; a result is parsed only when its items are needed (:meth:`load_result`).
    """

    def __init__(self, out: str | Path, version: str) -> None:
        self.out = str(out)
        self.root = Path(out) / CACHE_DIR
        self.version = version
        self.write_error: str | None = None  # why the last write failed, if one did

    def _path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / f"{sha256}-{self.version}.json"

    def _meta_path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / f"{sha256}-{self.version}.meta.json"

    def _outcome(self, sha256: str, doc: dict, **extra: object) -> FileOutcome:
        status = doc["status"]
        return FileOutcome(
            rel="",
            sha256=sha256,
            status=UNCHANGED if status == EXTRACTED else status,
            reason=doc.get("reason"),
            message=doc.get("message"),
            cached=True,
            **extra,
        )

    def get(self, sha256: str) -> FileOutcome | None:
        """The cached outcome with its result, marked ``cached`` ("unchanged" for files
        with items)."""
        try:
            doc = json.loads(self._path(sha256).read_text(encoding="utf-8"))
            result = ExtractionResult.model_validate(doc["result"]) if doc.get("result") else None
            return self._outcome(sha256, doc, result=result)
        except (OSError, ValueError, KeyError):
            return None  # missing or unreadable entry: just extract again

    def peek(self, sha256: str) -> FileOutcome | None:
        """The cached outcome without its result (its :class:`FileStats` instead): what a
        run needs to plan and report. Falls back to :meth:`get` for an entry without a
        sidecar; an entry whose result file is missing or of another size is a miss."""
        try:
            meta = json.loads(self._meta_path(sha256).read_text(encoding="utf-8"))
            if self._path(sha256).stat().st_size != meta["bytes"]:
                return None
            stats = FileStats.model_validate(meta["stats"]) if meta.get("stats") else None
            return self._outcome(sha256, meta, stats=stats)
        except FileNotFoundError:
            hit = self.get(sha256)
            return hit.light() if hit is not None else None
        except (OSError, ValueError, KeyError):
            return None

    def load_result(self, sha256: str) -> ExtractionResult:
        """The full result of a cached entry (raises GovguideError if it cannot be read)."""
        try:
            doc = json.loads(self._path(sha256).read_text(encoding="utf-8"))
            return ExtractionResult.model_validate(doc["result"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise GovguideError(
                f"extraction cache entry {self._path(sha256)} cannot be read ({exc}); "
                "delete the .cache directory and run again"
            ) from exc

    def put(self, outcome: FileOutcome) -> bool:
        """Remember a deterministic outcome (not failures, not crashes); True if stored.

        A cache that cannot be written (disk full, no permission, ``.cache`` not a folder)
        stores nothing and says why in :attr:`write_error`: the run goes on with the
        result in memory, and the next run extracts the file again."""
        try:
            return self._put(outcome)
        except OSError as exc:
            self.write_error = f"{exc.strerror or exc} ({self.root})"
            return False

    def _put(self, outcome: FileOutcome) -> bool:
        if outcome.sha256 is None or outcome.status not in (EXTRACTED, NOT_A_GUIDE, QUARANTINED):
            return False
        if outcome.status == QUARANTINED and outcome.reason in (
            CRASH_REASON,
            ResourceLimitError.reason,
        ):
            return False  # may pass next time (a fixed bug, a less loaded machine)
        path = self._path(outcome.sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        doc = {
            "status": outcome.status,
            "reason": outcome.reason,
            "message": outcome.message,
            "result": outcome.result.model_dump(mode="json") if outcome.result else None,
        }
        data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
        write_atomic(path, data)
        stats = outcome.file_stats()
        meta = {
            "status": outcome.status,
            "reason": outcome.reason,
            "message": outcome.message,
            "stats": stats.model_dump() if stats else None,
            "bytes": len(data),
        }
        write_atomic(self._meta_path(outcome.sha256), json.dumps(meta, ensure_ascii=False).encode())
        return True
