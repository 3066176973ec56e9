"""A polite HTTP client for government portals (httpx underneath).

Portals are slow, flaky and run by people who did not ask to be crawled, so every request:

- has a connect timeout, a read timeout (between bytes) and a total deadline (a server
  dripping one byte per second cannot hold a run);
- is retried with exponential backoff after a timeout, a connection failure, 429 or 5xx,
  and never after anything else (a 404 will not heal in two seconds);
- waits its turn: requests to one host are at least ``host_interval_s`` apart (or the
  host's robots.txt ``Crawl-delay`` when that is longer);
- asks robots.txt first (RFC 9309: a missing robots.txt allows everything, one that cannot
  be fetched because of a server error or timeout disallows everything for this run);
- follows at most ``max_redirects`` redirects, each one checked against robots.txt, and
  stops at the first address seen twice (a loop);
- reads at most ``max_bytes`` of body and stops as soon as it is over, whatever the
  Content-Length said.

Every failure is a :class:`FetchError` with a short ``reason`` and the HTTP status where
there was one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from govguide.core.errors import GovguideError
from govguide.core.version import __version__

MiB = 1024 * 1024
REDIRECTS = (301, 302, 303, 307, 308)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
GONE_STATUSES = frozenset({404, 410})


@dataclass(frozen=True)
class FetchOptions:
    """Limits and manners of a fetch run (defaults sized for guide pages and documents)."""

    connect_timeout_s: float = 10.0
    read_timeout_s: float = 30.0
    total_timeout_s: float = 300.0
    retries: int = 3
    backoff_s: float = 1.0
    host_interval_s: float = 1.0
    max_redirects: int = 5
    max_bytes: int = 50 * MiB
    robots: bool = True
    user_agent: str = f"govguide/{__version__} (service-guide collector)"
    # Nights in a row a document must answer 404/410 before it is reported withdrawn.
    withdraw_after: int = 3


class FetchError(GovguideError):
    """One address could not be fetched; ``reason`` says why in a word or two."""

    reason = "fetch failed"

    def __init__(self, message: str, *, reason: str, url: str, status: int | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.url = url
        self.status = status

    @property
    def gone(self) -> bool:
        """The server says the document is not there (404 Not Found, 410 Gone)."""
        return self.status in GONE_STATUSES


@dataclass(frozen=True)
class Response:
    """What one successful GET gave: 200 with the body, or 304 (body empty)."""

    url: str  # the address asked for
    final_url: str  # after redirects
    status: int
    body: bytes
    etag: str | None
    last_modified: str | None
    content_type: str | None


class PoliteClient:
    """Sequential, polite GETs; use as a context manager (it holds a connection pool)."""

    def __init__(
        self,
        options: FetchOptions | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.options = options or FetchOptions()
        o = self.options
        self._http = httpx.Client(
            timeout=httpx.Timeout(o.read_timeout_s, connect=o.connect_timeout_s),
            follow_redirects=False,  # followed by hand: each hop is checked and counted
            headers={"User-Agent": o.user_agent},
            trust_env=False,  # a proxy from the environment must not redirect the crawl
        )
        self._sleep = sleep
        self._clock = clock
        self._next_turn: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}
        self._robots_problem: dict[str, str] = {}
        self.requests = 0  # requests sent, robots.txt included (for the report)

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # -- politeness -------------------------------------------------------------------

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        now = self._clock()
        turn = self._next_turn.get(host, now)
        if turn > now:
            self._sleep(turn - now)
        interval = self.options.host_interval_s
        robots = self._robots.get(_origin(url))
        if robots is not None:
            delay = robots.crawl_delay(self.options.user_agent)
            if delay:
                interval = max(interval, float(delay))
        self._next_turn[host] = max(turn, now) + interval

    def _robots_for(self, url: str) -> RobotFileParser | None:
        origin = _origin(url)
        if origin in self._robots:
            return self._robots[origin]
        parser = RobotFileParser(origin + "/robots.txt")
        problem = None
        try:
            self._wait_turn(origin + "/robots.txt")
            self.requests += 1
            r = self._http.get(origin + "/robots.txt", follow_redirects=True)
        except httpx.HTTPError as exc:
            problem = f"robots.txt could not be fetched ({type(exc).__name__})"
        else:
            if r.status_code >= 500:
                problem = f"robots.txt answered HTTP {r.status_code}"
            elif r.status_code >= 400:
                parser.allow_all = True  # RFC 9309: unavailable robots.txt allows all
            else:
                parser.parse(r.text.splitlines())
        if problem is not None:
            # RFC 9309: an unreachable robots.txt means the whole site is disallowed.
            parser.disallow_all = True
            self._robots_problem[origin] = problem
        self._robots[origin] = parser
        return parser

    def _check_robots(self, url: str) -> None:
        if not self.options.robots:
            return
        parser = self._robots_for(url)
        if parser is not None and not parser.can_fetch(self.options.user_agent, url):
            problem = self._robots_problem.get(_origin(url))
            why = f"{problem}: the site is not fetched" if problem else "disallowed by robots.txt"
            raise FetchError(why, reason="robots.txt", url=url)

    # -- requests ---------------------------------------------------------------------

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Response:
        """GET ``url`` (conditionally when ``etag``/``last_modified`` are given), following
        redirects; a 304 answer is returned as such, any other non-200 raises."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = [url]
        current = url
        for _ in range(self.options.max_redirects + 1):
            self._check_robots(current)
            status, r_headers, body = self._request(current, headers)
            if status in REDIRECTS:
                location = r_headers.get("location")
                if not location:
                    raise FetchError(
                        f"HTTP {status} redirect without a Location", reason="redirect", url=url
                    )
                target = urljoin(current, location)
                if target in seen:
                    raise FetchError(
                        "redirect loop: " + " → ".join([*seen, target]),
                        reason="redirect loop",
                        url=url,
                    )
                seen.append(target)
                current = target
                continue
            if status in (200, 304):
                return Response(
                    url=url,
                    final_url=current,
                    status=status,
                    body=body,
                    etag=r_headers.get("etag"),
                    last_modified=r_headers.get("last-modified"),
                    content_type=r_headers.get("content-type"),
                )
            raise FetchError(
                f"HTTP {status}" + (f" at {current}" if current != url else ""),
                reason="gone" if status in GONE_STATUSES else "http error",
                url=url,
                status=status,
            )
        raise FetchError(
            f"more than {self.options.max_redirects} redirects: " + " → ".join(seen),
            reason="too many redirects",
            url=url,
        )

    def _request(self, url: str, headers: dict[str, str]) -> tuple[int, httpx.Headers, bytes]:
        """One GET with retries on timeouts, connection failures, 429 and 5xx."""
        o = self.options
        failure: FetchError | None = None
        for attempt in range(o.retries + 1):
            if attempt:
                self._sleep(o.backoff_s * 2 ** (attempt - 1))
            self._wait_turn(url)
            self.requests += 1
            try:
                status, r_headers, body = self._once(url, headers)
            except httpx.TimeoutException as exc:
                failure = FetchError(
                    f"timed out ({type(exc).__name__}) after {attempt + 1} attempt(s)",
                    reason="timeout",
                    url=url,
                )
                continue
            except httpx.TransportError as exc:
                failure = FetchError(
                    f"connection failed ({exc or type(exc).__name__}) after {attempt + 1} attempt(s)",
                    reason="connection failed",
                    url=url,
                )
                continue
            if status in RETRY_STATUSES:
                failure = FetchError(
                    f"HTTP {status} after {attempt + 1} attempt(s)",
                    reason="http error",
                    url=url,
                    status=status,
                )
                continue
            return status, r_headers, body
        assert failure is not None
        raise failure

    def _once(self, url: str, headers: dict[str, str]) -> tuple[int, httpx.Headers, bytes]:
        o = self.options
        deadline = self._clock() + o.total_timeout_s
        with self._http.stream("GET", url, headers=headers) as r:
            if r.status_code != 200:
                return r.status_code, r.headers, b""
            declared = r.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > o.max_bytes:
                raise _too_large(url, int(declared), o.max_bytes)
            chunks: list[bytes] = []
            size = 0
            for chunk in r.iter_bytes():  # decoded: a compressed bomb counts at full size
                size += len(chunk)
                if size > o.max_bytes:
                    raise _too_large(url, size, o.max_bytes, more=True)
                if self._clock() > deadline:
                    raise httpx.ReadTimeout(f"body not complete after {o.total_timeout_s:g}s")
                chunks.append(chunk)
            return r.status_code, r.headers, b"".join(chunks)


def _too_large(url: str, size: int, limit: int, more: bool = False) -> FetchError:
    return FetchError(
        f"body {'over' if more else 'is'} {_size(size)}, over the {_size(limit)} limit",
        reason="too large",
        url=url,
    )


def _size(n: int) -> str:
    return f"{n / MiB:.1f} MiB" if n >= MiB else f"{n:,} bytes"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
