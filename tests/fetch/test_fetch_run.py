"""Fetch runs against a local server holding real sample guides: what is stored, what is
asked again, what is reported."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from govguide.fetch import FetchOptions, Source, fetch_sources, withdrawn_sources
from govguide.fetch.report import render_markdown
from tests.conftest import SAMPLES
from tests.fetch.conftest import FAST
from tests.fetch.server import Reply, Site

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NIGHT = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def three_guides_and_a_404(site: Site) -> list[Source]:
    site.document("/zhinan/bujiao.docx", sample("gx_liujiang_yibao_bujiao_zhinan.docx"), DOCX)
    site.document("/zhinan/youyang.docx", sample("cq_youyang_fuwu_zhinan.docx"), DOCX)
    site.document(
        "/zhinan/bujiao.pdf", sample("gx_liujiang_yibao_bujiao_zhinan.pdf"), "application/pdf"
    )
    return [
        Source("广西", "柳州市柳江区", url=site.url("/zhinan/bujiao.docx")),
        Source("重庆", "酉阳县", url=site.url("/zhinan/youyang.docx")),
        Source("广西", "柳州市柳江区", url=site.url("/zhinan/bujiao.pdf")),
        Source("广西", None, url=site.url("/zhinan/missing.pdf")),
    ]


def statuses(report: object) -> dict[str, str]:
    return {r.url.rsplit("/", 1)[1]: r.status for r in report.results}  # type: ignore[attr-defined]


def stored_files(raw: Path) -> list[str]:
    return sorted(
        p.relative_to(raw).as_posix()
        for p in raw.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(raw).parts)
    )


def test_first_second_and_third_fetch(site: Site, tmp_path: Path) -> None:
    sources = three_guides_and_a_404(site)
    raw = tmp_path / "raw"

    first = fetch_sources(sources, raw, FAST, now=NIGHT)
    assert statuses(first) == {
        "bujiao.docx": "new",
        "youyang.docx": "new",
        "bujiao.pdf": "new",
        "missing.pdf": "gone",
    }
    files = stored_files(raw)
    assert len(files) == 3
    assert all(f.startswith(("广西/柳州市柳江区/", "重庆/酉阳县/")) for f in files)
    assert {f.rsplit(".", 1)[1] for f in files} == {"docx", "pdf"}
    missing = first.results[3]
    assert (missing.http_status, missing.reason, missing.path) == (404, "gone", None)
    # The sidecar says where the bytes came from.
    pdf = next(r for r in first.results if r.url.endswith("bujiao.pdf"))
    side = json.loads(
        (raw / Path(pdf.path).parent / f".{Path(pdf.path).name}.fetch.json").read_text()
    )
    assert side["url"] == pdf.url and side["http_status"] == 200 and side["format"] == "pdf"
    assert side["etag"] == site.documents["/zhinan/bujiao.pdf"].etag
    assert side["fetched_at"] == "2026-12-01T18:00:00Z"
    assert (
        side["sha256"]
        == __import__("hashlib").sha256(sample("gx_liujiang_yibao_bujiao_zhinan.pdf")).hexdigest()
    )
    mtimes = {f: (raw / f).stat().st_mtime_ns for f in files}

    second = fetch_sources(sources, raw, FAST, now=NIGHT + timedelta(days=1))
    assert statuses(second) == {
        "bujiao.docx": "not modified",
        "youyang.docx": "not modified",
        "bujiao.pdf": "not modified",
        "missing.pdf": "gone",
    }
    assert not second.downloaded
    for path in ("/zhinan/bujiao.docx", "/zhinan/youyang.docx", "/zhinan/bujiao.pdf"):
        assert [h.headers.get("if-none-match") for h in site.hits(path)][1] == site.documents[
            path
        ].etag
    assert {f: (raw / f).stat().st_mtime_ns for f in files} == mtimes

    site.change("/zhinan/youyang.docx", sample("lz_yibao_tongzhi_2021_9.docx"))
    third = fetch_sources(sources, raw, FAST, now=NIGHT + timedelta(days=2))
    assert [r.url for r in third.downloaded] == [site.url("/zhinan/youyang.docx")]
    assert statuses(third)["youyang.docx"] == "updated"
    changed = third.downloaded[0].path
    assert (raw / changed).read_bytes() == sample("lz_yibao_tongzhi_2021_9.docx")
    assert stored_files(raw) == files
    assert {f: (raw / f).stat().st_mtime_ns for f in files if f != changed} == {
        f: m for f, m in mtimes.items() if f != changed
    }
    report = render_markdown(third)
    assert "| updated | 200 |" in report
    assert "| withdrawn | 404 |" in report  # the third night of 404s


def test_same_bytes_without_validators_are_not_rewritten(site: Site, tmp_path: Path) -> None:
    url = site.document(
        "/a.pdf", sample("gx_liujiang_yibao_bujiao_zhinan.pdf"), "application/pdf", validators=False
    )
    sources = [Source("广西", None, url=url)]
    first = fetch_sources(sources, tmp_path, FAST, now=NIGHT)
    path = tmp_path / first.results[0].path
    before = path.stat().st_mtime_ns
    second = fetch_sources(sources, tmp_path, FAST, now=NIGHT + timedelta(days=1))
    assert second.results[0].status == "unchanged"
    assert path.stat().st_mtime_ns == before
    assert "if-none-match" not in site.hits("/a.pdf")[1].headers


def test_wrong_content_is_refused_and_the_stored_copy_kept(site: Site, tmp_path: Path) -> None:
    pdf = sample("gx_liujiang_yibao_bujiao_zhinan.pdf")
    site.reply(
        "/a.pdf",
        Reply(200, pdf, {"Content-Type": "application/pdf"}),
        # The portal's error page, served as the PDF.
        Reply(
            200,
            b"<html><body>\xe9\xa1\xb5\xe9\x9d\xa2\xe4\xb8\x8d\xe5\xad\x98\xe5\x9c\xa8</body></html>",
            {"Content-Type": "application/pdf"},
        ),
    )
    site.reply(
        "/scan.pdf",
        # A GIF (no guide is published as one) served as the PDF.
        Reply(200, b"GIF89a" + b"\x00" * 64, {"Content-Type": "application/pdf"}),
    )
    sources = [
        Source("广西", None, url=site.url("/a.pdf")),
        Source("广西", None, url=site.url("/scan.pdf")),
    ]
    fetch_sources(sources, tmp_path, FAST, now=NIGHT)
    again = fetch_sources(sources, tmp_path, FAST, now=NIGHT + timedelta(days=1))
    soft_404, scan = again.results
    assert (soft_404.status, soft_404.reason) == ("failed", "content type mismatch")
    assert "served as application/pdf but the bytes are HTML" in soft_404.message
    assert (tmp_path / soft_404.path).read_bytes() == pdf  # the good copy stays
    assert (scan.status, scan.reason) == ("failed", "unsupported content")
    assert "GIF" in scan.message
    assert stored_files(tmp_path) == [soft_404.path]


def test_one_failure_does_not_stop_the_others(site: Site, tmp_path: Path) -> None:
    site.reply("/slow.pdf", Reply(200, b"%PDF-1.4", delay_s=1.5))
    site.reply("/loop", Reply(302, headers={"Location": "/loop"}))
    url = site.document("/ok.pdf", sample("gx_liujiang_yibao_bujiao_zhinan.pdf"), "application/pdf")
    sources = [
        Source("广西", None, url=site.url("/slow.pdf")),
        Source("广西", None, url=site.url("/loop")),
        Source("广西", None, url=url),
    ]
    report = fetch_sources(sources, tmp_path, replace(FAST, retries=0), now=NIGHT)
    assert [(r.status, r.reason) for r in report.results] == [
        ("failed", "timeout"),
        ("failed", "redirect loop"),
        ("new", None),
    ]


def test_list_page_links(site: Site, tmp_path: Path) -> None:
    site.reply(
        "/bsfw/zhinan/",
        Reply(
            200,
            '<html><head><meta charset="utf-8"></head><body><ul>'
            '<li><a href="101.html">城乡居民参保登记</a></li>'
            '<li><a href="/bsfw/zhinan/102.html#top">医疗保险费补缴</a></li>'
            '<li><a href="101.html">城乡居民参保登记（重复）</a></li>'
            '<li><a href="/bsfw/tongzhi/9.html">通知</a></li>'
            "</ul></body></html>".encode(),
            {"Content-Type": "text/html; charset=utf-8"},
        ),
    )
    page = '<html><head><meta charset="utf-8"><title>{}</title></head><body><p>{}</p></body></html>'
    site.document(
        "/bsfw/zhinan/101.html",
        page.format("参保登记", "事项名称：城乡居民参保登记").encode(),
        "text/html",
    )
    site.document(
        "/bsfw/zhinan/102.html",
        page.format("补缴", "事项名称：医疗保险费补缴").encode(),
        "text/html",
    )
    source = Source(
        "广西",
        "柳州市",
        list_url=site.url("/bsfw/zhinan/"),
        link_pattern=r"/bsfw/zhinan/\d+\.html$",
    )
    report = fetch_sources([source], tmp_path, FAST, now=NIGHT)
    assert [(r.url, r.status) for r in report.results] == [
        (site.url("/bsfw/zhinan/"), "list page"),
        (site.url("/bsfw/zhinan/101.html"), "new"),
        (site.url("/bsfw/zhinan/102.html"), "new"),
    ]
    assert report.results[0].message == r"2 link(s) match /bsfw/zhinan/\d+\.html$"
    assert all(f.startswith("广西/柳州市/") and f.endswith(".html") for f in stored_files(tmp_path))
    assert not site.hits("/bsfw/tongzhi/9.html")

    # A guide no longer linked from the list is still checked (here: it went away).
    site.reply("/bsfw/zhinan/", Reply(200, b'<html><body><a href="101.html">x</a></body></html>'))
    del site.documents["/bsfw/zhinan/102.html"]
    later = fetch_sources([source], tmp_path, FAST, now=NIGHT + timedelta(days=1))
    assert [(r.url.rsplit("/", 1)[1], r.status) for r in later.results] == [
        ("", "list page"),
        ("101.html", "not modified"),
        ("102.html", "gone"),
    ]


def test_404_on_several_nights_withdraws_the_source(site: Site, tmp_path: Path) -> None:
    url = site.document("/a.pdf", sample("gx_liujiang_yibao_bujiao_zhinan.pdf"), "application/pdf")
    sources = [Source("广西", None, url=url)]
    options = replace(FAST, withdraw_after=3)
    stored = fetch_sources(sources, tmp_path, options, now=NIGHT).results[0].path
    del site.documents["/a.pdf"]

    night = [NIGHT + timedelta(days=d) for d in range(1, 6)]
    assert fetch_sources(sources, tmp_path, options, now=night[0]).results[0].status == "gone"
    # A second run on the same night is not a second night.
    assert (
        fetch_sources(sources, tmp_path, options, now=night[0] + timedelta(hours=1))
        .results[0]
        .status
        == "gone"
    )
    assert fetch_sources(sources, tmp_path, options, now=night[1]).results[0].status == "gone"
    assert (tmp_path / stored).is_file() and withdrawn_sources(tmp_path) == []
    third = fetch_sources(sources, tmp_path, options, now=night[2]).results[0]
    assert third.status == "withdrawn"
    assert "HTTP 404 on 3 nights since 2026-12-02: withdrawn" in third.message
    assert not (tmp_path / stored).exists()
    assert (tmp_path / ".withdrawn" / stored).is_file()  # kept aside, not deleted
    assert withdrawn_sources(tmp_path) == [
        {"url": url, "path": stored, "status": 404, "since": "2026-12-02", "at": "2026-12-04"}
    ]
    # It comes back: stored again, no longer withdrawn.
    site.document("/a.pdf", sample("gx_liujiang_yibao_bujiao_zhinan.pdf"), "application/pdf")
    back = fetch_sources(sources, tmp_path, options, now=night[3]).results[0]
    assert (back.status, back.path) == ("new", stored)
    assert withdrawn_sources(tmp_path) == []


def test_a_success_between_404s_starts_the_count_again(site: Site, tmp_path: Path) -> None:
    site.reply(
        "/a.pdf", Reply(404), Reply(200, sample("gx_liujiang_yibao_bujiao_zhinan.pdf")), Reply(404)
    )
    sources = [Source("广西", None, url=site.url("/a.pdf"))]
    options = FetchOptions(**{**FAST.__dict__, "withdraw_after": 2})
    got = [
        fetch_sources(sources, tmp_path, options, now=NIGHT + timedelta(days=d)).results[0].status
        for d in range(4)
    ]
    assert got == ["gone", "new", "gone", "withdrawn"]


def test_a_stored_copy_changed_by_hand_is_fetched_again(site: Site, tmp_path: Path) -> None:
    pdf = sample("gx_liujiang_yibao_bujiao_zhinan.pdf")
    url = site.document("/a.pdf", pdf, "application/pdf")
    sources = [Source("广西", None, url=url)]
    stored = tmp_path / fetch_sources(sources, tmp_path, FAST, now=NIGHT).results[0].path
    stored.write_bytes(b"%PDF-1.4 edited by hand")
    again = fetch_sources(sources, tmp_path, FAST, now=NIGHT + timedelta(days=1)).results[0]
    assert again.status == "updated"
    assert "if-none-match" not in site.hits("/a.pdf")[1].headers  # not a conditional request
    assert stored.read_bytes() == pdf
