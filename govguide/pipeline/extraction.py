"""One input file extracted in a worker process, its outcome classified.

The worker runs under the per-file time and memory limits (:mod:`govguide.core.isolation`)
with the caller's extraction settings, and writes its result to the extraction cache itself
(:func:`extract_and_store`), so a result is neither pickled back to the caller nor held
there. Bad input and extractor crashes become quarantined outcomes; only errors that may
pass on a re-run (:class:`TransientError`) propagate.
"""

from __future__ import annotations

import contextlib
import os
import resource
import time
from collections.abc import Callable
from pathlib import Path

from extractors.extract import extract_file
from govguide.core.errors import CorruptFileError, InputError, ResourceLimitError, TransientError
from govguide.core.isolation import run_isolated
from govguide.core.models import ExtractionResult
from govguide.core.safety.reading import staged
from govguide.core.settings import get_settings
from govguide.dataset.extraction_cache import ExtractionCache, extraction_environment
from govguide.dataset.file_outcome import (
    CRASH_REASON,
    EXTRACTED,
    NOT_A_GUIDE,
    QUARANTINED,
    FileOutcome,
    FileStats,
)

ExtractFn = Callable[..., ExtractionResult]


def _with_settings(path: Path, env: dict[str, str], fn: ExtractFn, *args: object) -> object:
    """In the worker: take the caller's extraction settings (a reused worker may have been
    started under others), then call ``fn(path, *args)``.

    A parser that cannot allocate under the memory limit may report it as malformed input
    (libxml2: "unknown error", "Memory allocation failed"). Once the worker has come close
    to its limit, such a verdict says nothing certain about the file: it becomes a resource
    limit (never cached, tried again next run)."""
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
    extract: ExtractFn = extract_file,
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
                    extract_and_store,
                    path,
                    isolate,
                    extract,
                    cache.out,
                    cache.version,
                    base["sha256"],
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
            result = _call(extract, path, isolate)
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
