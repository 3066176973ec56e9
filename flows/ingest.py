"""The nightly ingestion flow: discover → fingerprint → extract → normalise → align →
validate → publish (with the diff against the previous version) → report.

The flow only wires steps together: each named step below takes the run's
:class:`flows.run_context.RunContext` and calls plain, tested functions of
:mod:`flows.discover`, :mod:`govguide.pipeline.extraction`,
:mod:`govguide.dataset.extraction_cache`, :mod:`govguide.dataset.quarantine`,
:mod:`flows.assemble`, :mod:`govguide.pipeline.alignment`, :mod:`govguide.dataset.validate`,
:mod:`govguide.dataset.store` and :mod:`govguide.dataset.publish`. Extraction is the only fan-out
(one task per batch of changed files); every other step runs in the flow's process, which
also holds the output directory's lock for the whole run.

Run it with ``govguide run`` (see :mod:`govguide.commands.pipeline`), or from Python::

    from flows.ingest import run_ingest
    result = run_ingest("data/raw", "data/curated")
"""

from __future__ import annotations

import logging
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.exceptions import TerminationSignal
from prefect.futures import wait
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from extractors.extract import extract_file, extractor_version
from flows import shutdown
from flows.assemble import build_tables, files_table, input_states, records
from flows.discover import InputFile, discover, fingerprint
from flows.fingerprint import inputs_fingerprint, recall_inputs, remember_inputs
from flows.origins import attach_origins
from flows.preflight import check_run_folders
from flows.progress import Progress, extraction_progress
from flows.run_context import RunContext
from flows.run_name import initial_run_name, name_run
from flows.run_report import RunSummary, status_counts, write_report
from flows.run_report import render_markdown as render_run_report
from flows.runtime import default_workers
from flows.unreadable import settle_unreadable
from govguide.core.errors import (
    GovguideError,
    InputError,
    NoInputsError,
    ResourceLimitError,
    TransientError,
)
from govguide.core.models import ExtractionResult
from govguide.core.version import __version__
from govguide.dataset import store
from govguide.dataset.data_dictionary import write_views
from govguide.dataset.diff import VersionDiff
from govguide.dataset.extraction_cache import ExtractionCache
from govguide.dataset.file_changes import InputState, file_changes
from govguide.dataset.file_outcome import FAILED, KEPT, QUARANTINED, FileOutcome
from govguide.dataset.publish import publish_with_diff
from govguide.dataset.quarantine import quarantine
from govguide.dataset.report_md import render_markdown
from govguide.dataset.schema import SCHEMA_VERSION
from govguide.dataset.validate import check_tables
from govguide.fetch import withdrawn_sources
from govguide.pipeline.alignment import Aligned, align_records
from govguide.pipeline.extraction import ExtractFn, extract_one
from normalizers.alignment.record import ItemRecord, as_record

FLOW_NAME = "govguide-ingest"
RETRIES = 2
RETRY_DELAY_S = 2.0


@dataclass
class RunResult:
    summary: RunSummary
    outcomes: list[FileOutcome] = field(default_factory=list)


@task(name="discover", cache_policy=NO_CACHE)
def discover_task(raw: str) -> list[InputFile]:
    return discover(raw)


@task(name="fingerprint", cache_policy=NO_CACHE)
def fingerprint_task(files: list[InputFile]) -> list[InputFile]:
    return fingerprint(files)


def extract_with_retries(
    f: InputFile,
    isolate: bool = True,
    cache: ExtractionCache | None = None,
    *,
    extract: ExtractFn = extract_file,
    retries: int = RETRIES,
    delay_s: float = RETRY_DELAY_S,
) -> FileOutcome:
    """Extract one file, trying again after ``delay_s`` only on errors that may pass
    (TransientError), at most ``retries`` times; then it is a failed file."""
    attempt = 1
    while True:
        shutdown.check()  # a stopping run takes no new file
        try:
            outcome = extract_one(
                f.path,
                f.rel,
                f.sha256,
                f.size,
                extract=extract,
                isolate=isolate,
                cache=cache,
                root=f.root,
            )
        except TransientError as exc:
            if attempt > retries:
                return outcome_of_failure(f, exc, attempt)
            attempt += 1
            time.sleep(delay_s)
            continue
        outcome.attempts = attempt
        return outcome


@task(
    name="extract",
    task_run_name="extract {label}",
    cache_policy=NO_CACHE,
    # No Prefect timeout: it cannot interrupt a parser blocked in C code in a worker
    # thread. The per-file time and memory limits are enforced by govguide.core.isolation,
    # which kills the extraction's worker process (ResourceLimitError → quarantined).
)
def extract_task(
    files: list[InputFile],
    label: str,
    extract: ExtractFn,
    isolate: bool = True,
    cache: ExtractionCache | None = None,
) -> list[FileOutcome]:
    """Extract a batch of files, one after the other, each with its own retries. One task
    per batch rather than per file: a task run costs the flow and the Prefect API a few
    tens of milliseconds of CPU, which on a 2-core machine is taken from extraction."""
    return [extract_with_retries(f, isolate, cache, extract=extract) for f in files]


def batches(
    files: list[InputFile], workers: int, per_worker: int = 4, most: int = 16
) -> list[list[InputFile]]:
    """``files`` in batches: about ``per_worker`` batches per worker, so the workers finish
    together even when file sizes differ, and at most ``most`` files in a batch."""
    if not files:
        return []
    size = max(1, min(most, -(-len(files) // (max(1, workers) * per_worker))))
    return [files[i : i + size] for i in range(0, len(files), size)]


# The steps after extraction get the whole corpus: their arguments are passed quoted
# (prefect.utilities.annotations.quote), or Prefect would walk every item, material and
# source reference looking for futures, which took most of an unchanged run's time.


def _loader(cache: ExtractionCache) -> Callable[[FileOutcome], ExtractionResult | None]:
    def load(o: FileOutcome) -> ExtractionResult | None:
        if not o.sha256:
            return None
        result = cache.load_result(o.sha256)
        if o.status == KEPT:  # published again, but not read this time: every item says so
            for item in result.items:
                item.warn("source_file", o.message or "source file not readable in this run")
        return result

    return load


@task(name="normalise", cache_policy=NO_CACHE)
def normalise_task(outcomes: list[FileOutcome], cache: ExtractionCache) -> list[ItemRecord]:
    """Every item normalised, read one file at a time, as the light record alignment reads."""
    return records(outcomes, _loader(cache), as_record)


@task(name="align", cache_policy=NO_CACHE)
def align_task(light: list[ItemRecord], overrides: str, required: bool) -> Aligned:
    return align_records(light, overrides, required=required)


@task(name="validate", cache_policy=NO_CACHE)
def validate_task(tables: dict[str, Any]) -> None:
    check_tables(tables)


publish_task = task(name="publish", cache_policy=NO_CACHE)(publish_with_diff)


# ---------------------------------------------------------------------------------------
# Plain functions behind the tasks


def plan(
    files: list[InputFile], cache: ExtractionCache
) -> tuple[list[FileOutcome], list[InputFile]]:
    """Outcomes known without extracting (refused paths, cache hits) and the files to extract."""
    known: list[FileOutcome] = []
    todo: list[InputFile] = []
    for f in files:
        if f.problem is not None:
            transient = isinstance(f.problem, TransientError)
            known.append(
                FileOutcome(
                    rel=f.rel,
                    sha256=f.sha256,
                    size=f.size,
                    status=FAILED if transient else QUARANTINED,
                    reason=f.problem.reason,
                    message=str(f.problem),
                )
            )
            continue
        assert f.sha256 is not None
        hit = cache.peek(f.sha256)
        if hit is not None:
            known.append(hit.model_copy(update={"rel": f.rel, "size": f.size}))
        else:
            todo.append(f)
    return known, todo


def outcome_of_failure(f: InputFile, exc: BaseException, attempts: int) -> FileOutcome:
    """A failed extraction task as a run-report row (a timeout counts as a bad file)."""
    base = {"rel": f.rel, "sha256": f.sha256, "size": f.size, "attempts": attempts}
    if isinstance(exc, TimeoutError):
        return FileOutcome(
            **base,
            status=QUARANTINED,
            reason=ResourceLimitError.reason,
            message=f"extraction task timed out: {exc}",
        )
    if isinstance(exc, InputError):
        return FileOutcome(**base, status=QUARANTINED, reason=exc.reason, message=str(exc))
    reason = exc.reason if isinstance(exc, GovguideError) else type(exc).__name__
    return FileOutcome(**base, status=FAILED, reason=reason, message=str(exc) or repr(exc))


def record(
    ctx: RunContext, outcomes: list[FileOutcome], files: dict[str, InputFile]
) -> list[FileOutcome]:
    """Quarantine bad files (copies, with a reason), remember fresh outcomes in the cache.

    A fresh result, once cached, is dropped from its outcome (its stats stay): the later
    steps read results back one file at a time, so a run never holds the whole corpus's."""
    for o in outcomes:
        if o.status == QUARANTINED:
            src = files[o.rel]
            try:
                sidecar = quarantine(
                    ctx.out, src.path, o.rel, o.sha256, o.reason or "bad input", o.message, src.root
                )
                o.quarantine_path = str(Path(sidecar).relative_to(ctx.out))
            except OSError as exc:  # the file stays reported as quarantined, with its reason
                ctx.logger.warning("could not copy %s to the quarantine area: %s", o.rel, exc)
    kept: list[FileOutcome] = []
    for o in outcomes:
        # An outcome with stats and no result was cached by its extraction already.
        if not o.cached and o.stats is None and ctx.cache.put(o):
            o = o.light()
        kept.append(o)
    return sorted(kept, key=lambda o: o.rel)


def code_versions(extractor_version: str, catalog_version: str | None) -> dict[str, str | None]:
    import prefect
    import pyarrow

    return {
        "govguide": __version__,
        "extractor": extractor_version,
        "catalog": catalog_version,
        "schema": SCHEMA_VERSION,
        "python": platform.python_version(),
        "pyarrow": pyarrow.__version__,
        "prefect": prefect.__version__,
    }


def _artifact(key: str, markdown: str, description: str) -> None:
    try:
        create_markdown_artifact(markdown=markdown, key=key, description=description)
    except Exception as exc:  # noqa: BLE001 - a report that cannot be posted must not fail the run
        get_run_logger().warning("could not publish the %s artifact: %s", key, exc)


def unchanged_since_latest(out: str, fingerprint: str) -> store.Version | None:
    """The latest version if it was built from inputs with this ``fingerprint`` (so building
    it again would publish nothing), else None."""
    current = store.latest(out)
    if current is None or store.damage(current):
        return None  # rebuilt and published in full (see store.publish)
    if current.manifest.get("inputs_fingerprint") == fingerprint:
        return current
    seen = recall_inputs(out)
    if seen == {"version": current.id, "fingerprint": fingerprint}:
        return current
    return None


def count_outcomes(summary: RunSummary, outcomes: list[FileOutcome], task_seconds: float) -> None:
    """What the run's files came to, before anything is published."""
    summary.files = len(outcomes)
    summary.statuses = status_counts(outcomes)
    summary.quarantined = [o.rel for o in outcomes if o.status == QUARANTINED]
    summary.failed = [o.rel for o in outcomes if o.status == FAILED]
    summary.task_seconds = task_seconds
    summary.withdrawn = withdrawn_sources(summary.raw)


def summarise_identical(summary: RunSummary, current: store.Version) -> None:
    """The run's inputs are those of ``current``: nothing new is published."""
    summary.items = current.rows("items") or 0
    summary.overrides = current.manifest.get("overrides")
    _summarise_publish(
        summary,
        store.PublishResult(False, current, current, f"identical to latest version {current.id}"),
    )


def _summarise_publish(summary: RunSummary, result: store.PublishResult) -> None:
    summary.published = result.published
    summary.version = result.version.id if result.version else None
    summary.parent = result.parent.id if result.parent else None
    summary.message = result.message


# ---------------------------------------------------------------------------------------
# The steps of a run


def _context(
    raw: str | Path,
    out: str | Path,
    logger: logging.Logger | logging.LoggerAdapter,
    **options: Any,
) -> RunContext:
    """A run of the project's extractor (``extract_file``, versioned by its code
    fingerprint) starting now."""
    return RunContext.start(
        raw,
        out,
        extract=extract_file,
        extractor_version=extractor_version(),
        logger=logger,
        **options,
    )


def find_inputs(ctx: RunContext) -> list[InputFile]:
    """Every input file under ``raw`` with its hash; the flow run is named after their count.

    Raises NoInputsError when there is none: an empty raw folder is far more likely an
    unmounted share than a corpus that was deleted."""
    files = fingerprint_task(discover_task(ctx.raw))
    name_run(ctx.started, len(files))
    if not files:
        raise NoInputsError(
            f"no input files under {ctx.raw}: nothing to ingest (is the folder mounted?)"
        )
    return files


def extract_changed(ctx: RunContext, todo: list[InputFile]) -> list[FileOutcome]:
    """Extract ``todo`` in batches, ``ctx.workers`` at a time, on the flow's task runner;
    every file comes back as an outcome, a task that failed as a whole included."""
    # Extractions in this process's worker processes write their results to the cache
    # themselves; a Dask worker may not see this file system, so it sends them back.
    shared_fs = isinstance(FlowRunContext.get().task_runner, ThreadPoolTaskRunner)
    parts = batches(todo, ctx.workers)
    futures = [
        extract_task.submit(
            part,
            f"{part[0].rel} (+{len(part) - 1})" if len(part) > 1 else part[0].rel,
            ctx.extract,
            ctx.isolate,
            ctx.cache if shared_fs else None,
        )
        for part in parts
    ]
    # Wait in short steps: a signal is handled only when the main thread runs Python
    # code, and the kernel may deliver it to a worker thread while this one sleeps.
    with extraction_progress(len(todo)) as advance:
        lines = Progress(len(todo)) if advance is None else None  # a bar, or log lines
        for fut, part in zip(futures, parts, strict=True):
            while not fut.wrapped_future.done():
                fut.wait(timeout=0.5)
            if advance is not None:
                advance(len(part))
            if lines is not None:
                lines.add(len(part))
    wait(futures)
    fresh: list[FileOutcome] = []
    for part, fut in zip(parts, futures, strict=True):
        try:
            got = fut.result()
        except BaseException as exc:  # noqa: BLE001 - the files are accounted for, the run goes on
            got = [outcome_of_failure(f, exc, 1) for f in part]
        for o in got:
            if o.result is not None and ctx.cache.put(o):
                o = o.light()  # cached: not kept in memory for the whole run
            fresh.append(o)
    return fresh


def read_inputs(ctx: RunContext, files: list[InputFile]) -> tuple[list[FileOutcome], int]:
    """Every file's outcome (from the cache, or extracted now), bad files quarantined and
    the counts in ``ctx.summary``; with how many files were extracted now."""
    known, todo = plan(files, ctx.cache)
    ctx.logger.info(
        "%d files under %s: %d unchanged or refused before opening, %d to extract",
        len(files),
        ctx.raw,
        len(known),
        len(todo),
    )
    fresh = extract_changed(ctx, todo)
    settled = settle_unreadable(known + fresh, ctx.out, ctx.cache, ctx.settings.unreadable_runs)
    outcomes = record(ctx, settled, {f.rel: f for f in files})
    attach_origins(outcomes, ctx.raw)
    task_seconds = sum(o.seconds for o in fresh)
    if fresh:
        ctx.logger.info(
            "extracted %d files (%.1f s of extraction): %d items",
            len(fresh),
            task_seconds,
            sum(o.n_items for o in fresh),
        )
    if ctx.cache.write_error:
        ctx.logger.warning(
            "the extraction cache cannot be written (%s): results are kept for this run "
            "only, and the files will be extracted again next run",
            ctx.cache.write_error,
        )
    summary = ctx.summary
    count_outcomes(summary, outcomes, task_seconds)
    ctx.logger.info(
        "%d files: %s; %d quarantined, %d failed",
        summary.files,
        ", ".join(f"{n} {status}" for status, n in summary.statuses.items()),
        len(summary.quarantined),
        len(summary.failed),
    )
    return outcomes, len(fresh)


def align(ctx: RunContext, outcomes: list[FileOutcome]) -> tuple[dict[str, Any], Aligned]:
    """normalise → align → the item tables with their matches, one file at a time.

    The returned alignment keeps its records and matches: drop it once its figures are read."""
    light = normalise_task(quote(outcomes), quote(ctx.cache))
    aligned = align_task(quote(light), str(ctx.overrides_file), ctx.overrides_required)
    del light
    ctx.summary.items = len(aligned.matches)
    ctx.logger.info("aligned %d items to catalog %s", ctx.summary.items, aligned.catalog_version)
    # Each file's items are read again, their matches set, and turned into table rows.
    tables = build_tables(outcomes, _loader(ctx.cache), aligned.apply, aligned.tables)
    ctx.summary.overrides = aligned.overrides
    return tables, aligned


def manifest_of(
    ctx: RunContext,
    outcomes: list[FileOutcome],
    states: list[InputState],
    fingerprint: str,
    catalog_version: str | None,
) -> dict[str, Any]:
    """The new version's manifest: its inputs, how it was built and by which code."""
    return {
        "inputs": [
            {
                "path": o.rel,
                "sha256": o.sha256,
                "content_id": s.content_id,
                "status": o.status,
                "items": o.n_items,
            }
            for o, s in zip(outcomes, states, strict=True)
        ],
        "overrides": ctx.summary.overrides,
        "inputs_fingerprint": fingerprint,
        "withdrawn_sources": ctx.summary.withdrawn,
        "code": code_versions(ctx.extractor_version, catalog_version),
        "run": {"started_at": ctx.summary.started_at, "raw": str(Path(ctx.raw).resolve())},
    }


def build_and_publish(
    ctx: RunContext, outcomes: list[FileOutcome], fingerprint: str
) -> VersionDiff | None:
    """normalise → align → validate → publish; fills ``ctx.summary``; returns the diff of a
    newly published version."""
    tables, aligned = align(ctx, outcomes)
    catalog_version, review_md = aligned.catalog_version, aligned.review_markdown
    del aligned
    # Under the run's lock the latest version is the one this run's would follow.
    parent = store.latest(ctx.out)
    states = input_states(outcomes, tables["items"])
    changes = file_changes(
        states, InputState.of_manifest(parent.manifest.get("inputs")) if parent else None
    )
    summary = ctx.summary
    summary.file_changes = [c for c in changes if c.change != "unchanged"]
    tables["files"] = files_table(outcomes, changes)
    validate_task(quote(tables))
    ctx.logger.info("validated %s", ", ".join(f"{len(t)} {name}" for name, t in tables.items()))
    manifest = manifest_of(ctx, outcomes, states, fingerprint, catalog_version)
    review = {"review.md": review_md} if review_md else {}
    result, diff = publish_task(ctx.out, quote(tables), quote(manifest), review, quote(changes))
    if result.version is not None:
        remember_inputs(ctx.out, result.version.id, fingerprint)
    if result.published:
        write_views(ctx.out)
    _summarise_publish(summary, result)
    if diff is not None:
        summary.changes = {
            k: v for k, v in diff.counts().items() if v and k not in ("item_added", "item_removed")
        }
        summary.diff_path = str(Path(ctx.out) / f"v={summary.version}" / "diff.html")
    return diff


def publish_if_changed(
    ctx: RunContext, outcomes: list[FileOutcome], extracted: int
) -> tuple[VersionDiff | None, GovguideError | None]:
    """Publish a new version unless a file failed or nothing changed since the latest one
    (``extracted``: files extracted this run). Returns the new version's diff, and the
    error that kept the run from publishing (invalid data …), which the run raises once
    its report is written."""
    summary = ctx.summary
    if summary.failed:
        summary.message = (
            f"nothing published: {len(summary.failed)} file(s) failed with errors that may pass "
            "on a re-run; the previous version stays current"
        )
        return None, None
    fingerprint = inputs_fingerprint(outcomes, ctx.cache.version, str(ctx.overrides_file))
    current = None if extracted else unchanged_since_latest(ctx.out, fingerprint)
    try:
        if current is not None:  # the same inputs as the latest version: no new data
            summarise_identical(summary, current)
            return None, None
        return build_and_publish(ctx, outcomes, fingerprint), None
    except GovguideError as exc:  # invalid data, a broken overrides file …: report, then fail
        summary.error = f"{exc} [{exc.reason}]"
        summary.message = f"nothing published: {exc}"
        return None, exc


def report_run(ctx: RunContext, outcomes: list[FileOutcome]) -> str:
    """The run report (Markdown), written to ``<out>/_runs``; ``ctx.summary`` completed."""
    summary = ctx.summary
    if ctx.cache.write_error:  # said in the report too: the next run will cost more
        summary.message += (
            f" (the extraction cache could not be written: {ctx.cache.write_error}; "
            "these files are extracted again next run)"
        )
    summary.seconds = ctx.elapsed()
    report = render_run_report(outcomes, summary)
    written = write_report(ctx.out, ctx.run_id, report)
    summary.report_path = str(written) if written else None
    if written is None:
        ctx.logger.warning("the run report could not be written under %s/_runs", ctx.out)
    return report


def unchanged_run(
    raw: str | Path, out: str | Path, overrides: str | Path | None = None, lock_timeout: float = 0.0
) -> RunResult | None:
    """The result of a run over ``raw`` that has nothing to do, found without starting
    Prefect: every file unchanged in the cache and everything else the latest version was
    built from the same (:func:`unchanged_since_latest`). The run report is written as a
    flow run writes it. None when there is work to do: then run the flow.

    Starting an embedded Prefect server costs seconds to tens of seconds on a small
    machine while such a run takes well under one, so ``govguide run`` asks this first
    when it has no Prefect server to record the run on."""
    ctx = _context(raw, out, logging.getLogger("govguide.ingest"), overrides=overrides)
    check_run_folders(ctx.raw, ctx.out)
    if store.latest(ctx.out) is None:
        return None
    with store.run_lock(ctx.out, timeout=lock_timeout):
        files = fingerprint(discover(ctx.raw))
        if not files:
            return None
        known, todo = plan(files, ctx.cache)
        if todo or any(o.status == FAILED for o in known):
            return None
        outcomes = record(ctx, known, {f.rel: f for f in files})
        attach_origins(outcomes, ctx.raw)
        current = unchanged_since_latest(
            ctx.out, inputs_fingerprint(outcomes, ctx.cache.version, str(ctx.overrides_file))
        )
        if current is None:
            return None
        count_outcomes(ctx.summary, outcomes, 0.0)
        summarise_identical(ctx.summary, current)
        report_run(ctx, outcomes)
    return RunResult(ctx.summary, outcomes)


# ---------------------------------------------------------------------------------------
# The flow


# The default runner (used by deployments) is bounded: Prefect's own default would start
# one thread, and so one extraction worker process, per file.
@flow(
    name=FLOW_NAME,
    flow_run_name=initial_run_name,
    validate_parameters=False,
    task_runner=ThreadPoolTaskRunner(max_workers=default_workers()),
)
def ingest(
    raw: str = "data/raw",
    out: str = "data/curated",
    lock_timeout: float = 0.0,
    isolate: bool = True,
    overrides: str | None = None,
    workers: int | None = None,
) -> RunResult:
    """Ingest every file under ``raw`` and publish a new version under ``out`` if anything
    changed. ``overrides`` is the reviewers' alignment decisions (CSV; default: the
    ``GOVGUIDE_OVERRIDES`` setting, else ``reference/overrides.csv`` beside ``out``).
    ``workers`` is the number of files extracted at once (default: one per CPU): the size
    of the task runner the flow is given (see :func:`run_ingest`)."""
    ctx = _context(
        raw, out, get_run_logger(), workers=workers, isolate=isolate, overrides=overrides
    )
    check_run_folders(raw, out)
    # Inside the flow run: Prefect has put its own SIGTERM handler in place by now.
    with shutdown.on_sigterm(), store.run_lock(out, timeout=lock_timeout):
        store.cleanup_temp(out)
        files = find_inputs(ctx)
        outcomes, extracted = read_inputs(ctx, files)
        diff, error = publish_if_changed(ctx, outcomes, extracted)
        report = report_run(ctx, outcomes)
    summary = ctx.summary
    _artifact("govguide-run-report", report, f"{summary.files} files: {summary.message}")
    if diff is not None:
        _artifact("govguide-diff", render_markdown(diff), f"changes in v={summary.version}")
    (ctx.logger.warning if summary.failed else ctx.logger.info)(summary.message)
    if error is not None:
        error.run_report = summary.report_path  # type: ignore[attr-defined]
        raise error
    return RunResult(summary, outcomes)


def run_ingest(
    raw: str | Path = "data/raw",
    out: str | Path = "data/curated",
    *,
    workers: int | None = None,
    dask_address: str | None = None,
    dask: bool = False,
    lock_timeout: float = 0.0,
    isolate: bool = True,
    overrides: str | Path | None = None,
) -> RunResult:
    """Run the ingestion flow once with the chosen task runner, sized for ``workers``
    (default: one per CPU), which the flow's batching plans for too."""
    from flows.runtime import make_task_runner, start_embedded_server

    runner = make_task_runner(workers, dask_address, dask)
    start_embedded_server()
    with shutdown.on_sigterm():
        try:
            return ingest.with_options(task_runner=runner)(
                raw=str(raw),
                out=str(out),
                lock_timeout=lock_timeout,
                isolate=isolate,
                overrides=str(overrides) if overrides is not None else None,
                workers=workers,
            )
        except TerminationSignal as exc:  # Prefect's form of the same SIGTERM
            raise shutdown.Terminated(
                "the run was stopped (SIGTERM); nothing was published by it"
            ) from exc
