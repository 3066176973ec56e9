"""``govguide fetch`` on the command line: the report, the JSON lines, the exit status."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from govguide.cli import app
from tests.conftest import SAMPLES
from tests.fetch.server import Reply, Site

runner = CliRunner()
FAST = ["--timeout", "0.5", "--connect-timeout", "0.5", "--retries", "1", "--interval", "0"]


def test_failed_sources_are_reported_and_the_run_exits_0(site: Site, tmp_path: Path) -> None:
    pdf = site.document(
        "/a.pdf", (SAMPLES / "gx_liujiang_yibao_bujiao_zhinan.pdf").read_bytes(), "application/pdf"
    )
    site.reply("/down.pdf", Reply(502))
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[source]]\nurl = "{site.url("/down.pdf")}"\nprovince = "重庆"\n'
        f'[[source]]\nurl = "{pdf}"\nprovince = "广西"\nregion = "柳州市"\n',
        encoding="utf-8",
    )
    raw = tmp_path / "raw"
    result = runner.invoke(
        app, ["fetch", "--sources", str(sources), "--raw", str(raw), "--json", *FAST]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    assert [(x["status"], x["http_status"], x["reason"]) for x in lines] == [
        ("failed", 502, "http error"),
        ("new", 200, None),
    ]
    assert lines[1]["path"].startswith("广西/柳州市/a-") and (raw / lines[1]["path"]).is_file()
    assert "HTTP 502 after 2 attempt(s)" in result.stderr
    assert "2 address(es): 1 new, 1 failed; 1 downloaded" in result.stderr


def test_a_bad_sources_file_is_one_line_and_exit_1(tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text('[[source]]\nurl = "http://127.0.0.1:9/a.pdf"\n', encoding="utf-8")
    result = runner.invoke(app, ["fetch", "--sources", str(sources), "--raw", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "error: sources.toml: source 1: province is required [sources file]"
    )
    missing = runner.invoke(app, ["fetch", "--sources", str(tmp_path / "no.toml")])
    assert missing.exit_code == 1
    assert "cannot read sources file" in missing.stderr
