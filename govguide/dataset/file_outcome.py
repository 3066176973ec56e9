"""What happened to one input file in a run: the unit of the run report."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from govguide.core.models import ExtractionResult
from govguide.dataset.schema import FILE_STATUSES

# extracted   – read now, has items
# unchanged   – same content and extractor version as a previous run: result from the cache
# not a guide – readable, but not a service guide (a notice …): no items, with the reason
# quarantined – bad or hostile input (or the extractor crashed on it): copied to the
#               quarantine area with a sidecar JSON reason
# failed      – a transient error outlasted the retries; nothing is published this run
# kept        – could not be read this run: the items the latest version had from it are
#               published again, marked (see flows.unreadable)
# removed     – gone since the parent version (a row of the run report, not an outcome)
EXTRACTED, UNCHANGED, NOT_A_GUIDE, QUARANTINED, FAILED, KEPT, REMOVED = FILE_STATUSES

# The reason of a file quarantined because the extractor raised an unexpected exception on
# it: a verdict on the code, not the file, so it is never cached (a fixed bug reads it).
CRASH_REASON = "extractor crashed"


class FileStats(BaseModel):
    """What the run report needs of an extraction result, small enough to keep for every
    file of a large corpus while the results themselves stay in the extraction cache."""

    items: int = 0
    warnings: int = 0
    pages: int | None = None
    ocr_pages: int = 0  # pages read by OCR
    extractor: str | None = None
    format: str | None = None

    @classmethod
    def of(cls, result: ExtractionResult) -> FileStats:
        return cls(
            items=len(result.items),
            warnings=sum(len(m) for item in result.items for m in item.warnings.values()),
            pages=result.pages,
            ocr_pages=len(result.ocr_pages),
            extractor=result.extractor,
            format=result.format,
        )


class FileOutcome(BaseModel):
    rel: str
    sha256: str | None = None
    size: int | None = None
    # Where the file was fetched from (its fetch sidecar, see flows.origins); set every run.
    source_url: str | None = None
    fetched_at: datetime | None = None
    status: str
    reason: str | None = None
    message: str | None = None
    # The extraction result while it is needed; a run keeps only ``stats`` for files whose
    # result is in the cache (see govguide.dataset.extraction_cache.ExtractionCache.load_result).
    result: ExtractionResult | None = None
    stats: FileStats | None = None
    cached: bool = False
    attempts: int = 0
    seconds: float = 0.0
    quarantine_path: str | None = None

    def file_stats(self) -> FileStats | None:
        if self.result is not None:
            return FileStats.of(self.result)
        return self.stats

    @property
    def has_result(self) -> bool:
        return self.result is not None or self.stats is not None

    @property
    def n_items(self) -> int:
        if self.result is not None:
            return len(self.result.items)
        return self.stats.items if self.stats else 0

    @property
    def n_warnings(self) -> int:
        if self.result is not None:
            return FileStats.of(self.result).warnings
        return self.stats.warnings if self.stats else 0

    @property
    def pages(self) -> int | None:
        s = self.file_stats()
        return s.pages if s else None

    @property
    def ocr_pages(self) -> int:
        s = self.file_stats()
        return s.ocr_pages if s else 0

    @property
    def extractor(self) -> str | None:
        s = self.file_stats()
        return s.extractor if s else None

    @property
    def format(self) -> str | None:
        s = self.file_stats()
        return s.format if s else None

    def light(self) -> FileOutcome:
        """This outcome with its result replaced by its stats."""
        if self.result is None:
            return self
        return self.model_copy(update={"stats": FileStats.of(self.result), "result": None})
