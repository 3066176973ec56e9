"""The one record model every stage of govguide shares.

A :class:`GuideItem` is one service item (事项/子项) read from one source file. Extractors
build it, normalisers fill its typed fields, the aligner adds the canonical mapping, and
the publisher flattens it to Parquet. ``provenance`` says, for every field, where in the
source the value was read, so a reviewer can check any value at its source.

The models are the one definition of the published record: the Parquet columns of the
``items``, ``materials`` and ``legal_basis`` tables are derived from their fields, in field
order (:mod:`govguide.dataset.schema`), and a column's allowed values from its ``Literal``
type. Reordering fields or adding a value changes the published schema (and
docs/data_dictionary.md with it).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# The unit the days of an item's time limits count in.
DaysUnit = Literal["working", "natural"]
# How an item's catalog mapping was found: a reviewer's mapping (override) or decision that
# the item matches no catalog item (reviewed_none), the matcher's evidence, or none (the
# matcher found no catalog item).
MatchMethod = Literal["override", "reviewed_none", "exact", "alias", "fuzzy", "content", "none"]
# How a published item's legal / promised limit is stated (items.legal_days_status …): days
# given, the guide saying there is none (法定时限 无), or nothing said.
LimitStatus = Literal["stated", "none", "not stated"]


class SourceRef(BaseModel):
    """A place in a source document: a page and box for a PDF, a table cell or paragraph for a DOCX."""

    model_config = ConfigDict(frozen=True)

    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    para: int | None = None
    # Recognition confidence (0–1) of text read by OCR from a page image; None for text
    # read from a text layer, DOCX or HTML (then left out of dumps: most refs are not OCR's).
    confidence: float | None = Field(None, exclude_if=lambda v: v is None)

    def describe(self) -> str:
        """Short human-readable form, e.g. ``p.3 table 1 row 4 col 2``."""
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"p.{self.page}")
        if self.table is not None:
            parts.append(f"table {self.table}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.col is not None:
            parts.append(f"col {self.col}")
        if self.para is not None:
            parts.append(f"para {self.para}")
        if self.bbox is not None:
            parts.append("bbox " + ",".join(f"{v:.0f}" for v in self.bbox))
        if self.confidence is not None:
            parts.append(f"OCR {self.confidence:.2f}")
        return " ".join(parts) or "unknown"


class Material(BaseModel):
    """One material (申办材料) an applicant hands in."""

    name: str
    condition: str | None = None
    form: str | None = None  # 原件 / 复印件 …
    copies: int | None = None
    required: bool | None = None  # 必要 = True, 非必要 = False
    source: str | None = None  # 来源渠道, e.g. 申请人自备


class LegalBasis(BaseModel):
    """One cited law, regulation or document (设定依据)."""

    title: str
    doc_number: str | None = None
    articles: list[int] = Field(default_factory=list)
    raw: str = ""


class TimeCondition(BaseModel):
    """One branch of a conditional time limit: （一）企业：即时办结 → condition 企业, days 0."""

    condition: str
    days: int


class GuideItem(BaseModel):
    """One service item read from one source document."""

    # Field order is the published column order of ``items``.
    province: str | None = None
    region: str | None = None
    item_name: str
    canonical_id: str | None = None
    canonical_name: str | None = None
    also_covers: list[str] = Field(default_factory=list)  # other catalog items it covers (names)
    match_score: float | None = None  # 0–100
    match_method: MatchMethod | None = None
    match_runner_up: str | None = None
    match_runner_up_score: float | None = None
    needs_review: bool = False
    catalog_version: str | None = None
    legal_days: int | None = None
    promised_days: int | None = None
    days_unit: DaysUnit = "working"
    time_limit_text: str | None = None
    time_limit_conditions: list[TimeCondition] = Field(default_factory=list)
    materials: list[Material] = Field(default_factory=list)
    legal_basis: list[LegalBasis] = Field(default_factory=list)
    section: str | None = None  # group label (主项名称 or a table's section row)
    item_no: str | None = None  # 子项序号 / guide number where the document gives one
    item_version: str | None = None  # 事项版本
    source_file: str
    source_sha256: str
    # Where the source file was fetched from and when its bytes were downloaded (the fetch
    # sidecar next to it); None for files put in the raw folder by other means.
    source_url: str | None = None
    fetched_at: datetime | None = None
    page: int | None = None
    extractor: str
    ocr: bool = False  # some field was read by OCR from a page image (a scan)
    warnings: dict[str, list[str]] = Field(default_factory=dict)
    provenance: dict[str, list[SourceRef]] = Field(default_factory=dict)

    def warn(self, field: str, message: str) -> None:
        """Record that ``field`` could not be read cleanly."""
        self.warnings.setdefault(field, []).append(message)

    def cite(self, field: str, refs: list[SourceRef]) -> None:
        """Record where ``field`` was read."""
        if refs:
            self.provenance.setdefault(field, []).extend(refs)


class ExtractionResult(BaseModel):
    """What extracting one file produced: its items, or the reason it has none."""

    source_file: str
    source_sha256: str
    format: str
    pages: int
    extractor: str | None
    items: list[GuideItem] = Field(default_factory=list)
    ocr_pages: list[int] = Field(default_factory=list)  # pages read by OCR (scans), 1-based
    not_a_guide_reason: str | None = None
    # How well each layout fits the document (0-1), when a layout was forced, and a warning
    # when the forced one fits poorly or another fits better.
    layout_scores: dict[str, float] = Field(default_factory=dict)
    layout_warning: str | None = None

    @property
    def is_guide(self) -> bool:
        return self.not_a_guide_reason is None
