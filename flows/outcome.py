"""What happened to one input file in a run: the unit of the run report."""

from __future__ import annotations

from pydantic import BaseModel

from govguide.models import ExtractionResult

# extracted   – read now, has items
# unchanged   – same content and extractor version as a previous run: result from the cache
# not a guide – readable, but not a service guide (a notice …): no items, with the reason
# quarantined – bad or hostile input (or the extractor crashed on it): copied to the
#               quarantine area with a sidecar JSON reason
# failed      – a transient error outlasted the retries; nothing is published this run
EXTRACTED, UNCHANGED, NOT_A_GUIDE, QUARANTINED, FAILED = (
    "extracted",
    "unchanged",
    "not a guide",
    "quarantined",
    "failed",
)


class FileOutcome(BaseModel):
    rel: str
    sha256: str | None = None
    size: int | None = None
    status: str
    reason: str | None = None
    message: str | None = None
    result: ExtractionResult | None = None
    cached: bool = False
    attempts: int = 0
    seconds: float = 0.0
    quarantine_path: str | None = None

    @property
    def n_items(self) -> int:
        return len(self.result.items) if self.result else 0

    @property
    def n_warnings(self) -> int:
        if not self.result:
            return 0
        return sum(len(msgs) for item in self.result.items for msgs in item.warnings.values())
