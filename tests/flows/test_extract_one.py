"""One extractor re-run ad hoc on one file: plain and as a real Prefect flow run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govguide.cli import app
from tests.flows.conftest import SAMPLES, latest_artifact

runner = CliRunner()
LIST_PDF = SAMPLES / "gx_list_yibao_jingban.pdf"


def _jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


@pytest.mark.usefixtures("prefect_api")
def test_flow_run_gives_the_items_of_the_plain_command_and_posts_them() -> None:
    plain = runner.invoke(app, ["extract", str(LIST_PDF)])
    assert plain.exit_code == 0, plain.output
    as_flow = runner.invoke(app, ["extract", str(LIST_PDF), "--flow"])
    assert as_flow.exit_code == 0, as_flow.output
    items = _jsonl(as_flow.output)
    assert items == _jsonl(plain.output)
    assert len(items) == 25 and sum(1 for i in items if i["canonical_id"]) > 20

    posted = latest_artifact("govguide-extract")
    assert "gx_list_yibao_jingban.pdf: 25 items (table)" in posted
    assert items[0]["item_name"] in posted


@pytest.mark.usefixtures("prefect_api")
def test_forcing_another_layout_as_a_flow_run(tmp_path: Path) -> None:
    from flows.extract_one import extract_one

    # The list-table PDF read as a portal form: the run completes and says what it found.
    result = extract_one(str(LIST_PDF), extractor="form")
    assert result.extractor == "form"
    assert len(result.items) < 25


def test_missing_file_is_one_clear_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.pdf"), "--flow"])
    assert result.exit_code == 2
    assert "no such file" in result.output


@pytest.mark.usefixtures("prefect_api")
def test_bad_file_as_a_flow_run_exits_3_with_its_reason(tmp_path: Path) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf at all " * 30)
    result = runner.invoke(app, ["extract", str(junk), "--flow"])
    assert result.exit_code == 3
    assert "no PDF header" in result.output and "[unsupported format]" in result.output
