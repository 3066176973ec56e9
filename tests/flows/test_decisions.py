"""Decisions that stick and files accounted for, on copies of the samples run through the
real flow from another directory: reviewer decisions recorded with ``govguide review``,
applied in the diff, surviving a renamed file; unused decisions, duplicates, renamed and
removed files reported."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from govguide.cli import app
from govguide.dataset import store
from govguide.pipeline.decisions import append
from normalizers.alignment.overrides import Override
from tests.flows.conftest import copy_samples

pytestmark = pytest.mark.usefixtures("prefect_api")

runner = CliRunner()
GX = "gx_list_yibao_jingban.docx"
LJ = "gx_liujiang_yibao_bujiao_zhinan.docx"
UNUSED = "ffffffffffffffff"


def _table(version: store.Version, name: str) -> list[dict]:
    return pq.read_table(version.table_path(name)).to_pylist()


def _review(*args: str) -> str:
    result = runner.invoke(app, ["review", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_decisions_stick_and_files_are_accounted_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.ingest import run_ingest

    raw = copy_samples(tmp_path / "raw", [GX, GX.replace(".docx", ".pdf"), LJ])
    shutil.copy2(raw / "samples" / LJ, raw / "samples" / "liujiang_copy.docx")
    out = tmp_path / "curated"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # Every run and command starts from a directory that holds no overrides file.
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("GOVGUIDE_OVERRIDES", raising=False)

    first = run_ingest(raw, out, workers=1)
    v1 = store.latest(out)
    assert first.summary.published and v1 is not None
    files = {f["path"]: f for f in _table(v1, "files")}
    assert files["samples/liujiang_copy.docx"]["duplicate_of"] == f"samples/{LJ}"
    assert files[f"samples/{GX}"]["duplicate_of"] is None
    assert files["samples/gx_list_yibao_jingban.pdf"]["duplicate_of"] == f"samples/{GX}"
    assert {f["change"] for f in files.values()} == {"added"}
    assert "duplicate of samples/" in (v1.path / "diff.md").read_text(encoding="utf-8")

    queue = _table(v1, "review_queue")
    proposed = next(r for r in queue if r["proposed_id"] and r["source_file"].endswith(GX))
    unproposed = next(r for r in queue if not r["proposed_id"] and r["source_file"].endswith(GX))
    listed = _review("list", "--out", str(out))
    assert proposed["item_id"] in listed and unproposed["item_id"] in listed
    # review.md: one entry per item, with the files it is read from (PDF and DOCX).
    review_md = (v1.path / "review.md").read_text(encoding="utf-8")
    assert review_md.count(f"`{proposed['item_id']}`") == 1
    assert f"- files: `samples/{GX}`, `samples/gx_list_yibao_jingban.pdf`" in review_md

    # Decisions recorded by item id, found beside the output, not in the current directory.
    _review("accept", proposed["item_id"], "--out", str(out), "--reviewer", "审核员")
    _review("none", unproposed["item_id"], "--out", str(out), "--note", "local service")
    overrides = tmp_path / "reference" / "overrides.csv"
    assert proposed["item_id"] in overrides.read_text(encoding="utf-8")
    append(overrides, Override(UNUSED, None, reviewer="someone"))
    listed = _review("list", "--out", str(out))
    assert proposed["item_id"] not in listed and unproposed["item_id"] not in listed
    bad = runner.invoke(app, ["review", "set", proposed["item_id"], "YB-9999", "--out", str(out)])
    assert bad.exit_code == 1 and "YB-9999" in bad.output

    # The decisions apply, and the diff says so: review state, method, in changes too.
    second = run_ingest(raw, out, workers=1)
    assert second.summary.published
    assert second.summary.overrides is not None
    assert second.summary.overrides["applied"] == 2
    assert second.summary.overrides["unused"] == [UNUSED]
    report = Path(second.summary.report_path or "").read_text(encoding="utf-8")
    assert f"unused: `{UNUSED}`" in report
    v2 = store.latest(out)
    changes = [c for c in _table(v2, "changes") if c["change"] == "review_changed"]
    assert {(c["item_id"], c["field"], c["after"]) for c in changes} == {
        (proposed["item_id"], "needs_review", "false"),
        (proposed["item_id"], "match_method", "override"),
        (unproposed["item_id"], "needs_review", "false"),
        (unproposed["item_id"], "match_method", "reviewed_none"),
    }
    diff_md = (v2.path / "diff.md").read_text(encoding="utf-8")
    assert "No changes" not in diff_md and "review state changed" in diff_md
    ids_v2 = {(r["item_id"], r["match_method"]) for r in _table(v2, "items")}

    # Rename the guide and delete the copy: every id and decision holds; the files say why.
    (raw / "samples" / GX).rename(raw / "samples" / "guangxi_list_2025.docx")
    (raw / "samples" / "liujiang_copy.docx").unlink()
    third = run_ingest(raw, out, workers=1)
    assert third.summary.published
    v3 = store.latest(out)
    items = _table(v3, "items")
    assert {(r["item_id"], r["match_method"]) for r in items} == ids_v2
    accepted = next(r for r in items if r["item_id"] == proposed["item_id"])
    assert (accepted["canonical_id"], accepted["needs_review"]) == (proposed["proposed_id"], False)
    files = {f["path"]: f for f in _table(v3, "files")}
    renamed = files["samples/guangxi_list_2025.docx"]
    assert (renamed["change"], renamed["previous_path"]) == ("renamed", f"samples/{GX}")
    removed = files["samples/liujiang_copy.docx"]
    assert (removed["change"], removed["status"]) == ("removed", "removed")
    assert files[f"samples/{LJ}"]["change"] == "unchanged"
    kinds = {(c["change"], c["source_file"]) for c in _table(v3, "changes") if c["field"] == "file"}
    assert kinds == {
        ("file_renamed", "samples/guangxi_list_2025.docx"),
        ("file_removed", "samples/liujiang_copy.docx"),
    }
    diff_md = (v3.path / "diff.md").read_text(encoding="utf-8")
    assert f"renamed samples/{GX} → samples/guangxi_list_2025.docx" in diff_md
    assert "removed samples/liujiang_copy.docx" in diff_md
    report = Path(third.summary.report_path or "").read_text(encoding="utf-8")
    assert "removed samples/liujiang_copy.docx" in report

    # The views over every version, from the CLI, see the three versions and the files.
    assert (out / "views.sql").is_file()
    database = tmp_path / "curated.duckdb"
    made = runner.invoke(app, ["views", "--out", str(out), "--duckdb", str(database)])
    assert made.exit_code == 0, made.output
    con = duckdb.connect(str(database), read_only=True)
    assert con.execute("SELECT count(DISTINCT version) FROM items_all").fetchone() == (3,)
    assert con.execute("SELECT change FROM files WHERE path LIKE '%copy%'").fetchall() == [
        ("removed",)
    ]
