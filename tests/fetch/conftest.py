"""Fixtures of the fetch tests: a local web server (127.0.0.1 only) and fast options."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from govguide.fetch import FetchOptions
from tests.fetch.server import Site, serve


@pytest.fixture
def site() -> Iterator[Site]:
    yield from serve(Site())


# Timeouts of half a second and no pause between requests keep every test fast.
FAST = FetchOptions(
    connect_timeout_s=0.5,
    read_timeout_s=0.5,
    total_timeout_s=2.0,
    retries=2,
    backoff_s=0.01,
    host_interval_s=0.0,
    max_bytes=1 << 20,
)
