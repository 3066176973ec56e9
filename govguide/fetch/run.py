"""One fetch run: every source of the sources file, politely and incrementally.

For each document address: a conditional GET (the stored copy's ETag / Last-Modified), so
an unchanged document costs one 304; a 200 whose bytes equal the stored copy is not
written again; new bytes are checked (format from the content, as ingestion reads it) and
stored with their sidecar. A list page is read for the links its pattern finds; addresses
found there before are still checked until they are withdrawn. A failure is recorded for
its address and the run goes on; only a run that cannot start (sources file, state,
lock) raises.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from govguide.core.atomic import write_atomic
from govguide.core.errors import GovguideError, InputError
from govguide.core.hashing import file_sha256
from govguide.fetch.client import FetchError, FetchOptions, PoliteClient, Response
from govguide.fetch.links import guide_links
from govguide.fetch.sources import Source
from govguide.fetch.storage import (
    STATE_FILE,
    Sidecar,
    UrlState,
    document_name,
    load_state,
    move_aside,
    read_sidecar,
    remove_document,
    save_state,
    write_sidecar,
)

# What happened to one address in a run.
NEW, UPDATED, NOT_MODIFIED, UNCHANGED = "new", "updated", "not modified", "unchanged"
GONE, WITHDRAWN, FAILED, LISTED = "gone", "withdrawn", "failed", "list page"
STATUS_ORDER = (NEW, UPDATED, NOT_MODIFIED, UNCHANGED, LISTED, GONE, WITHDRAWN, FAILED)

# Declared content types that name one of the formats ingestion reads. A declared type
# naming another of them than the bytes are is a portal's error page served as the
# document (a "soft 404"); any other declared type (octet-stream, msword …) is not evidence.
_DECLARED = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "text/html": "html",
    "application/xhtml+xml": "html",
}


@dataclass
class SourceResult:
    """One line of the fetch report: one address and what happened to it."""

    url: str
    status: str
    province: str
    region: str | None = None
    list_url: str | None = None
    path: str | None = None  # the stored document, relative to the raw folder
    http_status: int | None = None
    reason: str | None = None
    message: str | None = None
    bytes: int = 0


@dataclass
class FetchReport:
    raw: str
    started_at: str
    results: list[SourceResult] = field(default_factory=list)
    seconds: float = 0.0
    requests: int = 0

    def counts(self) -> dict[str, int]:
        c = Counter(r.status for r in self.results)
        return {s: c[s] for s in STATUS_ORDER if c[s]}

    @property
    def downloaded(self) -> list[SourceResult]:
        """Addresses whose bytes were stored this run."""
        return [r for r in self.results if r.status in (NEW, UPDATED)]

    @property
    def problems(self) -> list[SourceResult]:
        return [r for r in self.results if r.status in (FAILED, GONE, WITHDRAWN)]


def _now_iso(now: datetime) -> str:
    return now.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _sniff(raw: Path, body: bytes, max_bytes: int) -> str:
    """The format of ``body`` as ingestion would read it (pdf, docx, html), or the
    InputError naming what it is instead."""
    from govguide.core.safety.sniff import sniff_format

    tmp = raw / STATE_FILE.parent / f".sniff-{uuid.uuid4().hex}"
    write_atomic(tmp, body)
    try:
        return sniff_format(tmp, max_file_bytes=max_bytes)
    finally:
        tmp.unlink(missing_ok=True)


def _check_content(raw: Path, response: Response, max_bytes: int) -> str:
    try:
        fmt = _sniff(raw, response.body, max_bytes)
    except InputError as exc:
        declared = f" (served as {response.content_type})" if response.content_type else ""
        raise FetchError(
            f"{exc.message}{declared}", reason="unsupported content", url=response.url
        ) from None
    declared = (response.content_type or "").split(";")[0].strip().lower()
    if _DECLARED.get(declared, fmt) != fmt:
        raise FetchError(
            f"served as {declared} but the bytes are {fmt.upper()}: an error page, not the document",
            reason="content type mismatch",
            url=response.url,
        )
    return fmt


class Fetcher:
    """Fetch documents into ``raw`` with one client and the state of earlier runs."""

    def __init__(self, raw: Path, client: PoliteClient, now: datetime) -> None:
        self.raw = raw
        self.client = client
        self.options = client.options
        self.now = now
        self.state = load_state(raw)

    def _state(self, url: str) -> UrlState:
        return self.state.setdefault(url, UrlState())

    def document(self, url: str, source: Source, list_url: str | None = None) -> SourceResult:
        st = self._state(url)
        st.checked_at = _now_iso(self.now)
        if list_url:
            st.list_url = list_url
        result = SourceResult(url, FAILED, source.province, source.region, list_url, st.path)
        sidecar = self._stored_sidecar(st)
        try:
            response = self.client.get(
                url,
                etag=sidecar.etag if sidecar else None,
                last_modified=sidecar.last_modified if sidecar else None,
            )
            if response.status == 304 and sidecar is None:
                raise FetchError(
                    "HTTP 304 to an unconditional request", reason="http error", url=url, status=304
                )
            fmt = (
                _check_content(self.raw, response, self.options.max_bytes)
                if response.status == 200
                else None
            )
        except FetchError as exc:
            return self._failed(st, result, exc)
        st.last_status, st.last_error, st.gone_days, st.withdrawn = response.status, None, [], None
        result.http_status = response.status
        if response.status == 304:
            result.status = NOT_MODIFIED
            return result
        assert fmt is not None
        return self._store(url, source, st, result, response, fmt, sidecar)

    def _stored_sidecar(self, st: UrlState) -> Sidecar | None:
        """The sidecar of the address's stored document when it still describes the file's
        bytes; a file changed or removed by hand is fetched again unconditionally."""
        if not st.path or not (self.raw / st.path).is_file():
            return None
        sidecar = read_sidecar(self.raw / st.path)
        if sidecar is None or sidecar.sha256 != file_sha256(self.raw / st.path):
            return None
        return sidecar

    def _store(
        self,
        url: str,
        source: Source,
        st: UrlState,
        result: SourceResult,
        response: Response,
        fmt: str,
        old: Sidecar | None,
    ) -> SourceResult:
        sha = hashlib.sha256(response.body).hexdigest()
        rel = (source.folder / document_name(url, fmt)).as_posix()
        target = self.raw / rel
        result.path, result.bytes = rel, len(response.body)
        sidecar = Sidecar(
            url=url,
            final_url=response.final_url,
            fetched_at=_now_iso(self.now),
            sha256=sha,
            http_status=response.status,
            etag=response.etag,
            last_modified=response.last_modified,
            content_type=response.content_type,
            format=fmt,
        )
        if old is not None and old.sha256 == sha and st.path == rel and target.is_file():
            # Same bytes: the document and its fetched_at stay; only the validators the
            # server now gives are kept, so the next run can ask conditionally.
            if (old.etag, old.last_modified) != (response.etag, response.last_modified):
                kept = replace(old, etag=response.etag, last_modified=response.last_modified)
                write_sidecar(target, kept)
            result.status, result.bytes = UNCHANGED, 0
            return result
        write_atomic(target, response.body)
        write_sidecar(target, sidecar)
        if st.path and st.path != rel:  # the address now serves another format
            remove_document(self.raw, st.path)
        result.status = UPDATED if st.path else NEW
        st.path = rel
        return result

    def _failed(self, st: UrlState, result: SourceResult, exc: FetchError) -> SourceResult:
        result.http_status, result.reason, result.message = exc.status, exc.reason, exc.message
        st.last_status, st.last_error = exc.status, f"{exc.message} [{exc.reason}]"
        if not exc.gone:
            st.gone_days = []
            return result
        today = self.now.astimezone(UTC).date().isoformat()
        if not st.gone_days or st.gone_days[-1] != today:
            st.gone_days.append(today)
        nights = len(st.gone_days)
        if st.withdrawn is not None:
            result.status = WITHDRAWN
            result.message = f"HTTP {exc.status}; withdrawn since {st.withdrawn['at']}"
        elif nights >= self.options.withdraw_after:
            moved = move_aside(self.raw, st.path) if st.path else None
            st.withdrawn = {
                "status": exc.status,
                "since": st.gone_days[0],
                "at": today,
                "path": st.path,
                "moved_to": moved,
            }
            result.status = WITHDRAWN
            result.message = (
                f"HTTP {exc.status} on {nights} nights since {st.gone_days[0]}: withdrawn"
                + (f", its document moved to {moved}" if moved else "")
            )
            st.path = None
        else:
            result.status = GONE
            result.message = (
                f"HTTP {exc.status} ({nights} of {self.options.withdraw_after} nights before "
                "it counts as withdrawn)"
            )
        return result

    def list_page(self, source: Source) -> list[SourceResult]:
        """The list page's own line, then one per document address it leads to (those it
        shows now, then those it showed before and that are not withdrawn)."""
        assert source.list_url is not None and source.link_pattern is not None
        line = SourceResult(source.list_url, LISTED, source.province, source.region)
        links: list[str] = []
        try:
            response = self.client.get(source.list_url)
            line.http_status = response.status
            links = guide_links(response.body, response.final_url, source.link_pattern)
            line.message = f"{len(links)} link(s) match {source.link_pattern}"
        except FetchError as exc:
            line.status, line.http_status = FAILED, exc.status
            line.reason, line.message = exc.reason, exc.message
        known = [
            url
            for url, st in self.state.items()
            if st.list_url == source.list_url and st.withdrawn is None and url not in links
        ]
        return [line] + [self.document(url, source, source.list_url) for url in links + known]


def fetch_sources(
    sources: list[Source],
    raw: str | Path,
    options: FetchOptions | None = None,
    *,
    now: datetime | None = None,
    client: PoliteClient | None = None,
) -> FetchReport:
    """Fetch every source into ``raw`` (see the module doc); the report lists every
    address. Raises only when the run cannot work at all (state unreadable, lock held)."""
    from govguide.dataset import store

    raw = Path(raw)
    now = now or datetime.now(UTC)
    t0 = time.perf_counter()
    report = FetchReport(raw=str(raw), started_at=_now_iso(now))
    try:
        raw.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GovguideError(f"cannot create the raw folder {raw}: {exc.strerror}") from None
    own_client = client is None
    client = client or PoliteClient(options)
    try:
        with store.run_lock(raw):
            fetcher = Fetcher(raw, client, now)
            for source in sources:
                if source.url:
                    report.results.append(fetcher.document(source.url, source))
                else:
                    report.results.extend(fetcher.list_page(source))
            save_state(raw, fetcher.state)
    finally:
        if own_client:
            client.close()
    report.requests = client.requests
    report.seconds = time.perf_counter() - t0
    return report


def withdrawn_sources(raw: str | Path) -> list[dict[str, str | int | None]]:
    """Every address the fetcher has withdrawn under ``raw``: url, path (where its document
    was, relative to ``raw``), status, since (first night of 404/410), at (withdrawn on).
    Empty when ``raw`` was never fetched into."""
    raw = Path(raw)
    if not (raw / STATE_FILE).is_file():
        return []
    out = []
    for url, st in sorted(load_state(raw).items()):
        if st.withdrawn is not None:
            w = st.withdrawn
            out.append(
                {
                    "url": url,
                    "path": w.get("path"),
                    "status": w.get("status"),
                    "since": w.get("since"),
                    "at": w.get("at"),
                }
            )
    return out
