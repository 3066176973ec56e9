"""What every step of one ingestion run shares: its folders, its settings and worker count,
the extraction code and cache, the overrides file, its logger, and the summary the steps
fill in."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from flows.run_report import RunSummary
from flows.runtime import default_workers
from govguide.core.settings import Settings, get_settings
from govguide.dataset.extraction_cache import ExtractionCache, cache_version
from govguide.pipeline.extraction import ExtractFn
from normalizers.alignment.overrides import overrides_path


@dataclass
class RunContext:
    raw: str
    out: str
    settings: Settings
    # How many files are extracted at once: the task runner's size, and what batching plans for.
    workers: int
    isolate: bool  # each extraction in a worker process with the time and memory limits
    extract: ExtractFn
    extractor_version: str  # the extraction code's fingerprint, recorded in the manifest
    cache: ExtractionCache
    overrides_file: Path
    overrides_required: bool  # named explicitly: a missing file is an error
    logger: logging.Logger | logging.LoggerAdapter
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    clock: float = field(default_factory=time.perf_counter)
    summary: RunSummary = field(init=False)

    def __post_init__(self) -> None:
        self.summary = RunSummary(
            raw=self.raw, out=self.out, started_at=self.started.isoformat(timespec="seconds")
        )

    @classmethod
    def start(
        cls,
        raw: str | Path,
        out: str | Path,
        *,
        extract: ExtractFn,
        extractor_version: str,
        logger: logging.Logger | logging.LoggerAdapter,
        workers: int | None = None,
        isolate: bool = True,
        overrides: str | Path | None = None,
    ) -> RunContext:
        """A run starting now. ``workers`` None: one per CPU. The overrides file is found
        from the output, not the current directory: a run started anywhere applies the
        same decisions."""
        overrides_file, overrides_required = overrides_path(out, overrides)
        return cls(
            raw=str(raw),
            out=str(out),
            settings=get_settings(),
            workers=workers or default_workers(),
            isolate=isolate,
            extract=extract,
            extractor_version=extractor_version,
            cache=ExtractionCache(out, cache_version(extractor_version)),
            overrides_file=overrides_file,
            overrides_required=overrides_required,
            logger=logger,
        )

    @property
    def run_id(self) -> str:
        """The run's name in ``<out>/_runs``: its start time."""
        return self.started.strftime("%Y%m%dT%H%M%S%fZ")

    def elapsed(self) -> float:
        return time.perf_counter() - self.clock
