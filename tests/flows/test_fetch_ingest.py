"""Fetch from a local portal, then ingest: items know their address, and a withdrawn
source's items leave the data with the reason in the diff and the run report."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from govguide.cli import app
from govguide.dataset import store
from govguide.fetch.storage import read_sidecar
from tests.conftest import SAMPLES
from tests.fetch.server import Site, serve
from tests.flows.conftest import copy_samples, latest_artifact

runner = CliRunner()
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FAST = ["--timeout", "0.5", "--connect-timeout", "0.5", "--retries", "0", "--interval", "0"]


@pytest.fixture
def site() -> Iterator[Site]:
    yield from serve(Site())


def fetch(sources: Path, raw: Path, *extra: str) -> list[dict[str, object]]:
    result = runner.invoke(
        app, ["fetch", "--sources", str(sources), "--raw", str(raw), "--json", *FAST, *extra]
    )
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def run(raw: Path, out: Path) -> str:
    result = runner.invoke(app, ["run", "--raw", str(raw), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.usefixtures("prefect_api")
def test_fetched_items_carry_their_address(site: Site, tmp_path: Path) -> None:
    served = {
        "/zhinan/bujiao.docx": ("gx_liujiang_yibao_bujiao_zhinan.docx", DOCX),
        "/zhinan/youyang.docx": ("cq_youyang_fuwu_zhinan.docx", DOCX),
        "/zhinan/bujiao.pdf": ("gx_liujiang_yibao_bujiao_zhinan.pdf", "application/pdf"),
    }
    for path, (name, ctype) in served.items():
        site.document(path, (SAMPLES / name).read_bytes(), ctype)
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[source]]\nurl = "{site.url("/zhinan/bujiao.docx")}"\nprovince = "广西"\nregion = "柳州市柳江区"\n'
        f'[[source]]\nurl = "{site.url("/zhinan/youyang.docx")}"\nprovince = "重庆"\n'
        f'[[source]]\nurl = "{site.url("/zhinan/bujiao.pdf")}"\nprovince = "广西"\nregion = "柳州市柳江区"\n'
        f'[[source]]\nurl = "{site.url("/zhinan/missing.pdf")}"\nprovince = "广西"\n',
        encoding="utf-8",
    )
    raw, out = tmp_path / "raw", tmp_path / "curated"

    first = fetch(sources, raw)
    assert [r["status"] for r in first] == ["new", "new", "new", "gone"]
    assert first[3]["http_status"] == 404
    run(raw, out)

    items = pq.read_table(store.latest(out).path / "items.parquet").to_pylist()
    by_file = {r["path"]: r["url"] for r in first if r["path"]}
    assert {i["source_file"] for i in items} == set(by_file)
    for item in items:
        assert item["source_url"] == by_file[item["source_file"]]
        sidecar = read_sidecar(raw / item["source_file"])
        assert item["fetched_at"].isoformat().replace("+00:00", "Z") == sidecar.fetched_at
    pdf_items = [i for i in items if i["source_url"] == site.url("/zhinan/bujiao.pdf")]
    assert [i["item_name"] for i in pdf_items] == ["医疗保险费补缴手续办理"]
    assert pdf_items[0]["province"] == "广西" and pdf_items[0]["region"] == "柳州市柳江区"

    # Nothing changed on the portal: nothing downloaded, nothing published.
    assert [r["status"] for r in fetch(sources, raw)][:3] == ["not modified"] * 3
    assert "identical to latest version" in run(raw, out)

    # The PDF's page disappears; on the night it counts as withdrawn its items go, and
    # the diff and the run report say why.
    del site.documents["/zhinan/bujiao.pdf"]
    later = fetch(sources, raw, "--withdraw-after", "1")
    assert [r["status"] for r in later] == [
        "not modified",
        "not modified",
        "withdrawn",
        "withdrawn",
    ]
    output = run(raw, out)
    assert "withdrawn source: " + site.url("/zhinan/bujiao.pdf") in output
    latest = store.latest(out)
    changes = pq.read_table(latest.path / "changes.parquet").to_pylist()
    withdrawn = [c for c in changes if c["change"] == "source_withdrawn"]
    assert [(c["item_name"], c["before"]) for c in withdrawn] == [
        ("医疗保险费补缴手续办理", site.url("/zhinan/bujiao.pdf"))
    ]
    assert withdrawn[0]["after"].startswith("HTTP 404 since ")
    assert "| removed: source withdrawn | " + site.url("/zhinan/bujiao.pdf") in (
        latest.path / "diff.md"
    ).read_text(encoding="utf-8")
    runs = sorted((out / "_runs").glob("*.md"))
    assert "## Withdrawn sources" in runs[-1].read_text(encoding="utf-8")
    # `govguide diff` computed again from the versions says the same.
    diff = runner.invoke(app, ["diff", "--out", str(out)])
    assert "removed: source withdrawn" in diff.stdout


@pytest.mark.usefixtures("prefect_api")
def test_fetch_as_a_flow_run_posts_its_report(site: Site, tmp_path: Path) -> None:
    url = site.document(
        "/a.docx", (SAMPLES / "gx_liujiang_yibao_bujiao_zhinan.docx").read_bytes(), DOCX
    )
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nurl = "{url}"\nprovince = "广西"\n', encoding="utf-8")
    lines = fetch(sources, tmp_path / "raw", "--flow")
    assert [r["status"] for r in lines] == ["new"]

    report = latest_artifact("govguide-fetch-report")
    assert f"| {url} | new | 200 |" in report


@pytest.mark.usefixtures("prefect_api")
def test_nightly_flow_fetches_then_ingests(site: Site, tmp_path: Path) -> None:
    from flows.nightly import nightly

    url = site.document(
        "/a.pdf", (SAMPLES / "gx_liujiang_yibao_bujiao_zhinan.pdf").read_bytes(), "application/pdf"
    )
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[source]]\nurl = "{url}"\nprovince = "广西"\nregion = "柳州市柳江区"\n', encoding="utf-8"
    )
    result = nightly(raw=str(tmp_path / "raw"), out=str(tmp_path / "curated"), sources=str(sources))
    assert result.summary.published and result.summary.items == 1
    items = pq.read_table(store.latest(tmp_path / "curated").path / "items.parquet")
    assert items.column("source_url").to_pylist() == [url]


@pytest.mark.usefixtures("prefect_api")
def test_nightly_flow_stops_before_ingesting_on_a_bad_sources_file(tmp_path: Path) -> None:
    from flows.nightly import nightly
    from govguide.fetch import SourcesError

    sources = tmp_path / "sources.toml"
    sources.write_text("[[source]]\nurl = 'http://127.0.0.1:9/a.pdf'\n", encoding="utf-8")
    raw = copy_samples(tmp_path / "raw", ["gx_liujiang_yibao_bujiao_zhinan.docx"])
    with pytest.raises(SourcesError, match="province is required"):
        nightly(raw=str(raw), out=str(tmp_path / "curated"), sources=str(sources))
    assert store.latest(tmp_path / "curated") is None
