"""Run-time settings: one typed model with documented defaults.

Every value can be overridden by an environment variable named ``GOVGUIDE_`` plus the field
name in upper case, e.g. ``GOVGUIDE_EXTRACT_TIMEOUT_S=300``; ``none`` sets an optional
limit to "no limit". Code reads settings through :func:`get_settings` (cached; tests that
change the environment call ``get_settings.cache_clear()``) or receives a :class:`Settings`
built explicitly, so a run can be configured without touching the environment.

Limits are sized for service guides: files of a few hundred kilobytes to a few tens of
megabytes, parsed in seconds. They exist to stop hostile or broken files, not to tune speed.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from govguide.core.errors import GovguideError

MiB = 1024 * 1024


class Settings(BaseSettings):
    """All tunable limits and thresholds of a run."""

    model_config = SettingsConfigDict(
        env_prefix="GOVGUIDE_",
        case_sensitive=False,
        env_parse_none_str="none",
        frozen=True,
        extra="ignore",
    )

    # --- per-file extraction budget (see govguide.core.isolation) -----------------------------
    extract_timeout_s: float = Field(
        120.0,
        gt=0,
        description="Wall-clock seconds one file may take to load and extract before its "
        "worker process is killed and the file is quarantined (reason: resource limit).",
    )
    extract_memory_mb: int | None = Field(
        2048,
        ge=64,
        description="Address-space limit (RLIMIT_AS) of the extraction worker, in MiB; "
        "None disables the limit (e.g. under sanitizers that reserve huge address space).",
    )
    worker_max_tasks: int = Field(
        200,
        ge=1,
        description="Files one worker process handles before it is replaced, bounding any "
        "memory a parser leaks or fragments.",
    )
    worker_start: Literal["auto", "spawn"] = Field(
        "auto",
        description="How an extraction worker starts: auto forks a single-threaded caller "
        "whose address space is small next to the memory limit (govguide extract: no second "
        "interpreter, no second set of imports) and starts a fresh interpreter otherwise; "
        "spawn always starts a fresh interpreter.",
    )

    # --- govguide's own caches ----------------------------------------------------------
    cache_dir: Path | None = Field(
        default_factory=lambda: default_cache_dir(),
        description="Folder of caches that belong to this user, not to one run: the "
        "segmentation dictionary (normalizers.alignment.segment_dictionary). Default "
        "$XDG_CACHE_HOME/govguide, else ~/.cache/govguide; None caches nothing.",
    )

    unreadable_runs: int = Field(
        3,
        ge=1,
        description="Consecutive runs in which an input may fail to be read (fail the run, "
        "nothing published) before it is quarantined (reason: unreadable), so one broken "
        "file cannot block publishing forever. Inputs the latest version had items from are "
        "kept instead (see flows.unreadable).",
    )

    # --- files and names (see govguide.core.safety) -------------------------------------------
    max_file_bytes: int = Field(
        200 * MiB,
        ge=1,
        description="Largest input file accepted; guides are far smaller, so anything "
        "bigger is a wrong download or an attack.",
    )
    max_name_bytes: int = Field(
        255,
        ge=16,
        description="Longest file or directory name (UTF-8 bytes) accepted; 255 is the "
        "common file-system limit, lower it to refuse names other systems cannot store.",
    )

    # --- DOCX (zip) packages -------------------------------------------------------------
    zip_max_members: int = Field(
        2000,
        ge=1,
        description="Most members a DOCX package may have (Word writes a few dozen, plus "
        "one per embedded image).",
    )
    zip_max_member_bytes: int = Field(
        200 * MiB,
        ge=1,
        description="Largest uncompressed size of one package member.",
    )
    zip_max_total_bytes: int = Field(
        500 * MiB,
        ge=1,
        description="Largest uncompressed size of all package members together.",
    )
    zip_max_ratio: float = Field(
        300.0,
        gt=1,
        description="Highest compression ratio (uncompressed/compressed) of a member larger "
        "than zip_ratio_min_bytes. Word XML compresses 5-40x; zip bombs about 1000x.",
    )
    zip_ratio_min_bytes: int = Field(
        1 * MiB,
        ge=0,
        description="Members smaller than this are exempt from the ratio bound: a small "
        "repetitive part can legitimately compress very well and cannot exhaust anything.",
    )

    # --- PDF -----------------------------------------------------------------------------
    pdf_min_text_chars: int = Field(
        20,
        ge=1,
        description="A PDF has a text layer when at least one page carries this many "
        "readable characters (page numbers or a stamp on a scanned page do not count as one).",
    )
    pdf_fast_reader: bool = Field(
        True,
        description="Build PDF page objects with govguide's own content-stream reader (identical "
        "to pdfplumber's, several times faster; pages it cannot reproduce fall back to "
        "pdfplumber). False parses every page with pdfplumber alone.",
    )
    pdf_strict_xref: bool = Field(
        True,
        description="Refuse a PDF whose startxref does not point at a cross-reference "
        "section, instead of letting the parser guess the file's structure.",
    )

    # --- OCR of scanned pages and images (see extractors.loaders.ocr) ----------------------
    ocr: bool = Field(
        True,
        description="Read PDF pages without a text layer and image files (PNG, JPEG, TIFF) "
        "by OCR. False quarantines them instead: scanned PDFs as 'no text layer', images as "
        "'unsupported format'.",
    )
    ocr_dpi: int = Field(
        200,
        ge=72,
        le=600,
        description="Resolution at which a scanned PDF page is rendered for OCR.",
    )
    ocr_page_timeout_s: float | None = Field(
        60.0,
        gt=0,
        description="Wall-clock seconds OCR of one page may take before the file is "
        "quarantined (reason: resource limit). Each scanned page adds this to the file's "
        "budget (extract_timeout_s), so long scans are not cut off; None: no per-page "
        "limit and no extra time.",
    )
    ocr_max_pages: int = Field(
        300,
        ge=1,
        description="Most pages of one file read by OCR; a file with more scanned pages is "
        "quarantined (reason: resource limit).",
    )
    ocr_memory_mb: int = Field(
        4096,
        ge=512,
        description="Address-space limit (MiB) of the extraction worker while it reads a "
        "file by OCR, in place of extract_memory_mb when that is lower: the recognition "
        "models reserve about 3 GiB of address space (about 1 GiB resident) whatever the "
        "input, whose pages are rendered at a bounded size.",
    )
    ocr_threads: int = Field(
        1,
        ge=1,
        le=64,
        description="CPU threads one OCR engine uses. Runs read several files at once "
        "(--workers), one engine per worker, so one thread each uses the CPUs best; raise "
        "it to read a single scanned file faster.",
    )


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/govguide``, else ``~/.cache/govguide``."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG specification says to ignore a relative one
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "govguide"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process: defaults overridden by ``GOVGUIDE_*`` variables."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"GOVGUIDE_{'_'.join(str(p) for p in err['loc']).upper()}: {err['msg']}"
            for err in exc.errors()
        )
        raise GovguideError(f"invalid settings in the environment: {problems}") from exc
