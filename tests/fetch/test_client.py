"""The polite HTTP client against a local server: every way a portal answers."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from govguide.fetch import FetchError, PoliteClient
from tests.fetch.conftest import FAST
from tests.fetch.server import Reply, Site

PDF = b"%PDF-1.4\n% a tiny body\n%%EOF\n"


def get(site: Site, path: str, **options: object) -> object:
    with PoliteClient(replace(FAST, **options)) as client:  # type: ignore[arg-type]
        return client.get(site.url(path))


def test_200_body_and_validators(site: Site) -> None:
    url = site.document("/a.pdf", PDF, "application/pdf")
    with PoliteClient(FAST) as client:
        r = client.get(url)
    assert (r.status, r.body, r.final_url) == (200, PDF, url)
    assert r.etag == site.documents["/a.pdf"].etag
    assert r.last_modified is not None and r.last_modified.endswith("GMT")
    assert site.hits("/a.pdf")[0].headers["user-agent"].startswith("govguide/")


def test_conditional_request_gets_304(site: Site) -> None:
    url = site.document("/a.pdf", PDF, "application/pdf")
    with PoliteClient(FAST) as client:
        first = client.get(url)
        again = client.get(url, etag=first.etag, last_modified=first.last_modified)
    assert (again.status, again.body) == (304, b"")
    sent = site.hits("/a.pdf")[1].headers
    assert sent["if-none-match"] == first.etag
    assert sent["if-modified-since"] == first.last_modified


@pytest.mark.parametrize("status", [404, 410])
def test_gone_is_not_retried(site: Site, status: int) -> None:
    site.reply("/gone.pdf", Reply(status))
    with pytest.raises(FetchError) as caught:
        get(site, "/gone.pdf")
    assert caught.value.gone and caught.value.status == status
    assert caught.value.reason == "gone"
    assert len(site.hits("/gone.pdf")) == 1


def test_500_then_200_is_retried(site: Site) -> None:
    site.reply("/flaky.pdf", Reply(500), Reply(200, PDF))
    r = get(site, "/flaky.pdf")
    assert r.body == PDF  # type: ignore[attr-defined]
    assert len(site.hits("/flaky.pdf")) == 2


def test_500_every_time_fails_after_the_retries(site: Site) -> None:
    site.reply("/down.pdf", Reply(503))
    with pytest.raises(FetchError) as caught:
        get(site, "/down.pdf", retries=2)
    assert (caught.value.reason, caught.value.status) == ("http error", 503)
    assert "after 3 attempt(s)" in caught.value.message
    assert len(site.hits("/down.pdf")) == 3


def test_slow_response_times_out(site: Site) -> None:
    site.reply("/slow.pdf", Reply(200, PDF, delay_s=1.5))
    t0 = time.monotonic()
    with pytest.raises(FetchError) as caught:
        get(site, "/slow.pdf", retries=1)
    assert caught.value.reason == "timeout"
    assert len(site.hits("/slow.pdf")) == 2  # retried once, then given up
    assert time.monotonic() - t0 < 2.9  # two read timeouts of 0.5 s, not two 1.5 s waits


def test_redirects_are_followed(site: Site) -> None:
    site.reply("/old.pdf", Reply(301, headers={"Location": "/new.pdf"}))
    url = site.document("/new.pdf", PDF, "application/pdf")
    r = get(site, "/old.pdf")
    assert (r.status, r.final_url, r.body) == (200, url, PDF)  # type: ignore[attr-defined]


def test_redirect_loop_is_refused(site: Site) -> None:
    site.reply("/a", Reply(302, headers={"Location": "/b"}))
    site.reply("/b", Reply(302, headers={"Location": "/a"}))
    with pytest.raises(FetchError) as caught:
        get(site, "/a")
    assert caught.value.reason == "redirect loop"
    assert len(site.hits("/a")) == 1 and len(site.hits("/b")) == 1


def test_redirects_are_bounded(site: Site) -> None:
    for i in range(6):
        site.reply(f"/r{i}", Reply(302, headers={"Location": f"/r{i + 1}"}))
    with pytest.raises(FetchError) as caught:
        get(site, "/r0", max_redirects=3)
    assert caught.value.reason == "too many redirects"
    assert not site.hits("/r4")


def test_body_over_the_limit_declared(site: Site) -> None:
    site.reply("/big.pdf", Reply(200, PDF + b"x" * 5000))
    with pytest.raises(FetchError) as caught:
        get(site, "/big.pdf", max_bytes=1000)
    assert caught.value.reason == "too large"
    assert "over the 1,000 bytes limit" in caught.value.message


def test_body_over_the_limit_without_length(site: Site) -> None:
    # No Content-Length: the client must count what arrives and stop.
    site.reply("/big.pdf", Reply(200, PDF + b"x" * 200_000, length=False))
    with pytest.raises(FetchError) as caught:
        get(site, "/big.pdf", max_bytes=50_000)
    assert caught.value.reason == "too large"


def test_robots_txt_disallow_is_honoured(site: Site) -> None:
    site.reply("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /private/\n"))
    site.document("/private/a.pdf", PDF, "application/pdf")
    url = site.document("/public/a.pdf", PDF, "application/pdf")
    with PoliteClient(FAST) as client:
        with pytest.raises(FetchError) as caught:
            client.get(site.url("/private/a.pdf"))
        assert client.get(url).body == PDF
    assert caught.value.reason == "robots.txt"
    assert not site.hits("/private/a.pdf")
    assert len(site.hits("/robots.txt")) == 1  # read once per site and run


def test_robots_txt_server_error_disallows_the_site(site: Site) -> None:
    site.reply("/robots.txt", Reply(500))
    site.document("/a.pdf", PDF, "application/pdf")
    with pytest.raises(FetchError) as caught:
        get(site, "/a.pdf")
    assert caught.value.reason == "robots.txt"
    assert "HTTP 500" in caught.value.message
    assert not site.hits("/a.pdf")


def test_redirect_into_a_disallowed_path_is_refused(site: Site) -> None:
    site.reply("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /private/\n"))
    site.reply("/go", Reply(302, headers={"Location": "/private/a.pdf"}))
    with pytest.raises(FetchError) as caught:
        get(site, "/go")
    assert caught.value.reason == "robots.txt"
    assert not site.hits("/private/a.pdf")


class FakeTime:
    """The client's clock and sleep: pauses are recorded, not waited (timing on a loaded
    machine would measure the machine)."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


def test_requests_to_one_host_are_spaced(site: Site) -> None:
    for name in ("a", "b", "c"):
        site.document(f"/{name}.pdf", PDF, "application/pdf")
    t = FakeTime()
    options = replace(FAST, host_interval_s=0.2)
    with PoliteClient(options, sleep=t.sleep, clock=t.clock) as client:
        for name in ("a", "b", "c"):
            client.get(site.url(f"/{name}.pdf"))
    # robots.txt, then the three documents: each waits its turn after the one before.
    assert t.slept == [0.2, 0.2, 0.2]
    assert [r.path for r in site.requests] == ["/robots.txt", "/a.pdf", "/b.pdf", "/c.pdf"]


def test_crawl_delay_of_robots_txt_is_honoured(site: Site) -> None:
    site.reply("/robots.txt", Reply(200, b"User-agent: *\nCrawl-delay: 2\n"))
    site.document("/a.pdf", PDF, "application/pdf")
    site.document("/b.pdf", PDF, "application/pdf")
    t = FakeTime()
    with PoliteClient(FAST, sleep=t.sleep, clock=t.clock) as client:
        client.get(site.url("/a.pdf"))
        client.get(site.url("/b.pdf"))
    assert t.slept == [2.0]


def test_backoff_doubles_between_retries(site: Site) -> None:
    site.reply("/down.pdf", Reply(500))
    t = FakeTime()
    with PoliteClient(replace(FAST, retries=3, backoff_s=1.0), sleep=t.sleep, clock=t.clock) as c:
        with pytest.raises(FetchError):
            c.get(site.url("/down.pdf"))
    assert t.slept == [1.0, 2.0, 4.0]
