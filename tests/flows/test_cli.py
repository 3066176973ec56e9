"""The pipeline commands: run, versions, diff (through the real CLI app)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govguide.cli import app
from govguide.dataset import schema, store
from tests.flows.conftest import copy_samples
from tests.store.conftest import gold_guide_items

runner = CliRunner()


@pytest.fixture
def two_versions(tmp_path: Path) -> Path:
    items = gold_guide_items()
    store.publish(tmp_path, schema.items_to_tables(items))
    edited = copy.deepcopy(items)
    edited[1].promised_days = 1
    store.publish(tmp_path, schema.items_to_tables(edited))
    return tmp_path


def test_versions_lists_newest_first_with_current_marked(two_versions: Path) -> None:
    result = runner.invoke(app, ["versions", "--out", str(two_versions)])
    assert result.exit_code == 0, result.output
    ids = [v.id for v in store.list_versions(two_versions)]
    lines = [line for line in result.output.splitlines() if any(i in line for i in ids)]
    assert ids[1] in lines[0] and "*" in lines[0]
    assert ids[0] in lines[1]


def test_diff_defaults_to_latest_against_parent(two_versions: Path, tmp_path: Path) -> None:
    html = tmp_path / "report.html"
    changes = tmp_path / "changes.parquet"
    result = runner.invoke(
        app, ["diff", "--out", str(two_versions), "--html", str(html), "--changes", str(changes)]
    )
    assert result.exit_code == 0, result.output
    old, new = (v.id for v in store.list_versions(two_versions))
    assert f"# Changes from v={old} to v={new}" in result.output
    assert "| items changed | 1 |" in result.output
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert changes.stat().st_size > 0


def test_diff_of_unknown_version_is_one_clear_line(two_versions: Path) -> None:
    result = runner.invoke(app, ["diff", "nope", "--out", str(two_versions)])
    assert result.exit_code == 1
    assert "no complete version 'nope'" in result.output


@pytest.mark.usefixtures("prefect_api")
def test_run_command_publishes_then_publishes_nothing(tmp_path: Path) -> None:
    raw = copy_samples(tmp_path / "raw", ["gx_liujiang_yibao_bujiao_zhinan.docx"])
    out = tmp_path / "curated"
    first = runner.invoke(app, ["run", "--raw", str(raw), "--out", str(out), "--workers", "1"])
    assert first.exit_code == 0, first.output
    assert "published version" in first.output
    second = runner.invoke(app, ["run", "--raw", str(raw), "--out", str(out), "--workers", "1"])
    assert second.exit_code == 0, second.output
    assert "identical to latest version" in second.output
    assert "1 unchanged" in second.output
    assert len(store.list_versions(out)) == 1


def test_run_command_rejects_missing_raw(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", "--raw", str(tmp_path / "missing"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "no such folder" in result.output


@pytest.mark.usefixtures("prefect_api")
def test_run_with_nothing_to_do_is_answered_without_a_flow_run(tmp_path: Path) -> None:
    from prefect.client.orchestration import get_client

    from flows.ingest import unchanged_run

    raw = copy_samples(tmp_path / "raw", ["gx_liujiang_yibao_bujiao_zhinan.docx"])
    out = tmp_path / "curated"
    assert unchanged_run(raw, out) is None  # nothing published yet: the flow must run
    first = runner.invoke(app, ["run", "--raw", str(raw), "--out", str(out), "--workers", "1"])
    assert first.exit_code == 0, first.output

    def flow_runs() -> int:
        with get_client(sync_client=True) as client:
            return len(client.read_flow_runs())

    before, reports = flow_runs(), len(list((out / "_runs").iterdir()))
    again = runner.invoke(app, ["run", "--raw", str(raw), "--out", str(out), "--workers", "1"])
    assert again.exit_code == 0, again.output
    assert "identical to latest version" in again.stdout and "1 unchanged" in again.stdout
    assert flow_runs() == before
    assert len(list((out / "_runs").iterdir())) == reports + 1  # its run report, as ever

    # A changed file is work again: the flow runs.
    (raw / "samples" / "gx_liujiang_yibao_bujiao_zhinan.docx").unlink()
    copy_samples(raw.parent / "raw", ["gx_liujiang_yibao_bujiao_zhinan.pdf"])
    assert unchanged_run(raw, out) is None
