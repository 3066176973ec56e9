"""Extract one file, with the incremental cache and the quarantine area.

Cache: ``<out>/.cache/extract/<sha[:2]>/<sha256>-<extractor version>.json`` holds what
extracting that content with that code gave (its items, "not a guide" reason, or bad-input
reason). We keep our own cache instead of Prefect's task cache because

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

import contextlib
import hashlib
import json
import os
import re
import stat
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from flows.outcome import EXTRACTED, NOT_A_GUIDE, QUARANTINED, UNCHANGED, FileOutcome, FileStats
from govguide.core.atomic import write_atomic
from govguide.core.errors import (
    CorruptFileError,
    GovguideError,
    InputError,
    ResourceLimitError,
    TransientError,
)
from govguide.core.models import ExtractionResult
from govguide.core.safety.reading import copy_input, staged

CACHE_DIR = ".cache/extract"
QUARANTINE_DIR = "_quarantine"

ExtractFn = Callable[..., ExtractionResult]


def extractor_api() -> tuple[ExtractFn, str]:
    """``extractors.extract``'s entry point and its code version, or a clear error."""
    try:
        import extractors.extract as ext
    except ModuleNotFoundError as exc:
        if exc.name != "extractors.extract":
            raise
        raise GovguideError(
            "the extraction core (extractors.extract) is not installed; cannot run the pipeline"
        ) from exc
    version = getattr(ext, "EXTRACTOR_VERSION", None)
    if version is None:
        version = ext.extractor_version()
    return ext.extract_file, str(version)


# ---------------------------------------------------------------------------------------
# Cache


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
        write_atomic(
            self._meta_path(outcome.sha256), json.dumps(meta, ensure_ascii=False).encode()
        )
        return True


# ---------------------------------------------------------------------------------------
# Extraction of one file

CRASH_REASON = "extractor crashed"


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
    from govguide.core.settings import get_settings

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


def _with_settings(path: Path, env: dict[str, str], fn: ExtractFn, *args: object) -> object:
    """In the worker: take the caller's extraction settings (a reused worker may have been
    started under others), then call ``fn(path, *args)``.

    A parser that cannot allocate under the memory limit may report it as malformed input
    (libxml2: "unknown error", "Memory allocation failed"). Once the worker has come close
    to its limit, such a verdict says nothing certain about the file: it becomes a resource
    limit (never cached, tried again next run)."""
    from govguide.core.settings import get_settings

    stale = {k: v for k, v in env.items() if os.environ.get(k) != v}
    if stale:
        os.environ.update(stale)
        get_settings.cache_clear()
    try:
        return fn(path, *args)
    except CorruptFileError as exc:
        if _near_memory_limit():
            raise ResourceLimitError(
                f"extraction ran out of memory (the parser reported: {exc.message})", path=path
            ) from exc
        raise


# How close to its address-space limit a worker must have come for a parse error to count
# as memory exhaustion.
_MEMORY_MARGIN = 64 * 1024 * 1024


def _near_memory_limit() -> bool:
    """Whether this process's peak address space came within the margin of its limit."""
    import resource

    limit = resource.getrlimit(resource.RLIMIT_AS)[0]
    if limit == resource.RLIM_INFINITY:
        return False
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            peak = next(int(line.split()[1]) * 1024 for line in fh if line.startswith("VmPeak:"))
    except (OSError, StopIteration, ValueError):
        return False
    return peak >= limit - _MEMORY_MARGIN


def _call(fn: ExtractFn, path: Path, isolate: bool, *args: object) -> object:
    """Run ``fn(path, *args)`` in a worker process with the per-file time and memory budget
    (govguide.core.isolation: a parser stuck in C code is killed, not waited for)."""
    if not isolate:
        return fn(path, *args)
    from govguide.core.isolation import run_isolated
    from govguide.core.settings import get_settings

    settings = get_settings()
    return run_isolated(
        _with_settings,
        path,
        extraction_environment(),
        fn,
        *args,
        timeout_s=settings.extract_timeout_s,
        memory_mb=settings.extract_memory_mb,
    )


def extract_and_store(
    path: Path, extract: ExtractFn, out: str, version: str, sha256: str
) -> tuple[FileStats, bool, str | None, ExtractionResult | None]:
    """Extract ``path`` and write the result to the cache where it runs (the extraction
    worker), returning only what the run report needs: the result is neither pickled back
    to the flow's process nor held there. (If the cache cannot be written, the result is
    returned too, as the last element.)"""
    result = extract(path)
    outcome = FileOutcome(
        rel="",
        sha256=sha256,
        status=EXTRACTED if result.is_guide else NOT_A_GUIDE,
        reason="not a guide" if not result.is_guide else None,
        message=result.not_a_guide_reason,
        result=result,
    )
    stored = ExtractionCache(out, version).put(outcome)
    return (
        FileStats.of(result),
        result.is_guide,
        result.not_a_guide_reason,
        None if stored else result,
    )


def extract_one(
    path: Path,
    rel: str,
    sha256: str | None,
    size: int | None,
    extract: ExtractFn | None = None,
    isolate: bool = True,
    cache: ExtractionCache | None = None,
    root: Path | None = None,
) -> FileOutcome:
    """Extract one file and classify what happened.

    With ``root`` (the raw root the file was found under) the file is opened from it
    without following links and copied once to a private staging file, which the worker
    extracts; the outcome's hash is that copy's, so a file rewritten or swapped since
    discovery is never published or cached under the hash of other bytes.

    Bad input (an :class:`InputError`, including a blown time or memory budget) and
    unexpected exceptions become a quarantined outcome, so one file never stops the run;
    :class:`TransientError` propagates so the caller (the Prefect task) can retry.
    ``extract`` must be a module-level function when ``isolate`` is on (it is pickled).
    With a ``cache`` (on a file system the extraction shares), a result is written to it
    by the extraction itself and the outcome carries only its stats.
    """
    fn = extract if extract is not None else extractor_api()[0]
    start = time.perf_counter()
    # Read from the raw root, a file is identified by the bytes staged for extraction, not
    # by the hash taken at discovery: until they are read it has no hash.
    base = {"rel": rel, "sha256": sha256 if root is None else None, "size": size}
    try:
        with contextlib.ExitStack() as stack:
            if root is not None:
                copy = stack.enter_context(staged(path, root))
                path = copy.path
                base.update(sha256=copy.sha256, size=copy.size)
            if cache is not None and base["sha256"] is not None:
                stats, is_guide, not_a_guide, unstored = _call(
                    extract_and_store, path, isolate, fn, cache.out, cache.version, base["sha256"]
                )
                return FileOutcome(
                    **base,
                    status=EXTRACTED if is_guide else NOT_A_GUIDE,
                    reason="not a guide" if not is_guide else None,
                    message=not_a_guide,
                    result=unstored,
                    stats=None if unstored is not None else stats,
                    seconds=time.perf_counter() - start,
                )
            result = _call(fn, path, isolate)
    except TransientError:
        raise
    except InputError as err:
        reason, message = err.reason, str(err)
        if ran_out_of_memory(err):
            reason = ResourceLimitError.reason
            message = f"extraction ran out of memory ({message})"
        return FileOutcome(
            **base,
            status=QUARANTINED,
            reason=reason,
            message=message,
            seconds=time.perf_counter() - start,
        )
    except Exception as err:  # noqa: BLE001 - an extractor bug on one file must not stop the run
        return FileOutcome(
            **base,
            status=QUARANTINED,
            reason=CRASH_REASON,
            message=f"{type(err).__name__}: {err}",
            seconds=time.perf_counter() - start,
        )
    status = EXTRACTED if result.is_guide else NOT_A_GUIDE
    return FileOutcome(
        **base,
        status=status,
        reason="not a guide" if not result.is_guide else None,
        message=result.not_a_guide_reason,
        result=result,
        seconds=time.perf_counter() - start,
    )


# libxml2 reports an allocation that failed under the worker's memory limit as a syntax
# error ("Memory allocation failed : growing buffer"): a verdict on the machine, not the file.
_OUT_OF_MEMORY = ("Memory allocation failed", "MemoryError", "out of memory")


def ran_out_of_memory(err: BaseException) -> bool:
    """Whether a bad-input verdict was caused by memory running out while parsing."""
    if isinstance(err, ResourceLimitError):
        return False
    texts = [str(err), *getattr(err, "__notes__", ())]
    seen = err.__cause__ or err.__context__
    while seen is not None:
        texts.append(f"{type(seen).__name__}: {seen}")
        seen = seen.__cause__ or seen.__context__
    return any(marker in text for text in texts for marker in _OUT_OF_MEMORY)


# ---------------------------------------------------------------------------------------
# Quarantine

_UNSAFE_CHARS = re.compile(r"[\x00-\x1f\x7f/\\\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _safe_name(rel: str, limit: int = 120) -> str:
    """A harmless, bounded file name derived from the input's name."""
    name = _UNSAFE_CHARS.sub("_", rel.rsplit("/", 1)[-1]).replace("..", "_").strip(" .")
    name = "".join(ch if ch.isprintable() else "_" for ch in name) or "file"
    while len(name.encode("utf-8", "replace")) > limit:
        name = name[: len(name) // 2] + name[-8:] if len(name) > 16 else name[:-1]
    return name.encode("utf-8", "replace").decode("utf-8")


def quarantine(
    out: str | Path,
    src: Path,
    rel: str,
    sha256: str | None,
    reason: str,
    message: str | None,
    root: Path | None = None,
) -> Path:
    """Copy ``src`` (never move it: data/raw is left untouched) into ``<out>/_quarantine/``
    with a sidecar ``<name>.reason.json``; return the sidecar's path.

    Links and special files are not copied (their target may be anything, and a FIFO would
    block): the sidecar alone records them. The copy keeps the source's permissions (a
    0600 file stays 0600), and is kept only if its bytes are the ones judged (``sha256``):
    a file rewritten since is recorded without a copy.
    """
    qdir = Path(out) / QUARANTINE_DIR
    qdir.mkdir(parents=True, exist_ok=True)
    key = (sha256 or "nohash")[:12]
    dest = qdir / f"{key}-{_safe_name(rel)}"
    copied = False
    note = None
    if dest.exists() and sha256 is not None:
        copied = True  # named after its hash: the same bytes, copied by an earlier run
    else:
        copied, note = _copy_judged(src, root, sha256, dest)
    sidecar = dest.with_name(dest.name + ".reason.json")
    with contextlib.suppress(OSError, ValueError):
        before = json.loads(sidecar.read_text(encoding="utf-8"))
        if (
            before.get("source"),
            before.get("reason"),
            before.get("message"),
            before.get("copied"),
        ) == (rel, reason, message, copied):
            return sidecar  # already recorded by an earlier run: keep its first date
    doc = {
        "source": rel,
        "sha256": sha256,
        "reason": reason,
        "message": message,
        "copied": copied,
        "copy": dest.name if copied else None,
        "quarantined_at": datetime.now(UTC).isoformat(),
    }
    if note:
        doc["not_copied"] = note
    write_atomic(sidecar, json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8"))
    return sidecar


def _copy_judged(
    src: Path, root: Path | None, sha256: str | None, dest: Path
) -> tuple[bool, str | None]:
    """Copy ``src`` to ``dest`` if its bytes still hash to ``sha256`` (any bytes when it
    was refused unread, by its name): (copied, why not)."""
    with contextlib.suppress(OSError):
        if not stat.S_ISREG(os.lstat(src).st_mode):
            return False, None  # a link or special file: the sidecar alone records it
    tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex}")
    try:
        copy = copy_input(src, root if root is not None else Path(src).parent, tmp)
    except (GovguideError, OSError) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        return False, f"not copied: {exc}"
    if sha256 is not None and copy.sha256 != sha256:
        tmp.unlink()
        return False, "not copied: the file changed after it was judged"
    os.replace(tmp, dest)
    return True, None
