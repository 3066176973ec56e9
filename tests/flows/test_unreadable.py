"""Inputs that cannot be read in a run: items kept and marked, never dropped as deleted; a
file unreadable over several runs is quarantined instead of blocking publishing forever.

Running as root ignores permissions, so the unreadable entry is injected into the run's
discovery exactly as :func:`flows.discover.discover` reports one for a directory or file
without permission (tests/robustness/test_reading.py checks that with real permissions).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import flows.ingest
from flows.discover import InputFile
from govguide.core.safety.reading import UnreadableError
from govguide.core.settings import get_settings
from govguide.dataset import store
from tests.flows.conftest import SAMPLES

pytestmark = pytest.mark.usefixtures("prefect_api")


def unreadable(monkeypatch: pytest.MonkeyPatch, raw: Path, rel: str) -> None:
    real = flows.discover.discover

    def discover(path: str | Path) -> list[InputFile]:
        found = real(path)
        denied = UnreadableError("cannot open the file: Permission denied", path=raw / rel)
        if rel.endswith("/"):  # a directory: its files are not even listed
            found = [f for f in found if not f.rel.startswith(rel)]
            found.append(InputFile(rel=rel, path=raw / rel, problem=denied, root=raw))
        else:
            found = [replace(f, problem=denied) if f.rel == rel else f for f in found]
        return sorted(found, key=lambda f: f.rel)

    monkeypatch.setattr(flows.ingest, "discover", discover)


def marks(row: dict) -> list[str]:
    """The row's warnings on ``source_file`` (a list of {field, message})."""
    return [w["message"] for w in row["warnings"] or [] if w["field"] == "source_file"]


def run(raw: Path, out: Path) -> tuple[dict[str, str], dict[str, list[dict]]]:
    result = flows.ingest.run_ingest(raw, out, workers=1)
    statuses = {o.rel: o.status for o in result.outcomes}
    items: dict[str, list[dict]] = {}
    for row in pq.read_table(store.latest(out).table_path("items")).to_pylist():
        items.setdefault(row["source_file"], []).append(row)
    return statuses, items


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    root = tmp_path / "raw"
    (root / "sub").mkdir(parents=True)
    (root / "a.docx").write_bytes((SAMPLES / "gx_liujiang_yibao_bujiao_zhinan.docx").read_bytes())
    (root / "sub" / "b.docx").write_bytes((SAMPLES / "cq_youyang_fuwu_zhinan.docx").read_bytes())
    return root


def test_unreadable_directory_keeps_its_items_marked(
    raw: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    _, before = run(raw, out)
    assert before["sub/b.docx"]

    with monkeypatch.context() as m:
        unreadable(m, raw, "sub/")
        statuses, during = run(raw, out)
    assert statuses["sub/"] == "kept" and statuses["sub/b.docx"] == "kept"
    assert [r["item_name"] for r in during["sub/b.docx"]] == [
        r["item_name"] for r in before["sub/b.docx"]
    ]
    for row in during["sub/b.docx"]:
        assert "not readable in this run" in marks(row)[0]
    assert not any(marks(r) for r in during["a.docx"])
    files = pq.read_table(store.latest(out).table_path("files")).to_pylist()
    assert {f["path"]: f["status"] for f in files}["sub/"] == "kept"

    statuses, after = run(raw, out)  # readable again: the marks go
    assert statuses["sub/b.docx"] == "unchanged"
    assert not any(marks(r) for r in after["sub/b.docx"])


def test_unreadable_file_keeps_its_items(
    raw: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    _, before = run(raw, out)
    unreadable(monkeypatch, raw, "a.docx")
    statuses, during = run(raw, out)
    assert statuses["a.docx"] == "kept"
    assert len(during["a.docx"]) == len(before["a.docx"]) and all(
        marks(r) for r in during["a.docx"]
    )


@pytest.fixture
def two_runs_allowed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("GOVGUIDE_UNREADABLE_RUNS", "2")
    get_settings.cache_clear()
    yield
    monkeypatch.undo()
    get_settings.cache_clear()


@pytest.mark.usefixtures("two_runs_allowed")
def test_new_file_unreadable_for_several_runs_is_quarantined(
    raw: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(flows.ingest, "RETRY_DELAY_S", 0.0)
    out = tmp_path / "out"
    run(raw, out)
    first = store.latest(out).id
    (raw / "c.docx").write_bytes((SAMPLES / "gx_list_yibao_jingban.docx").read_bytes())
    unreadable(monkeypatch, raw, "c.docx")
    result = flows.ingest.run_ingest(raw, out, workers=1)
    assert result.summary.failed == ["c.docx"] and not result.summary.ok
    assert store.latest(out).id == first  # nothing published, nothing lost

    statuses, items = run(raw, out)
    assert statuses["c.docx"] == "quarantined"
    outcome = {o.rel: o for o in flows.ingest.run_ingest(raw, out, workers=1).outcomes}["c.docx"]
    assert outcome.reason == "unreadable" and "consecutive runs" in (outcome.message or "")
    assert "a.docx" in items and "c.docx" not in items


def test_path_longer_than_the_system_allows_does_not_stop_the_run(
    raw: Path, tmp_path: Path
) -> None:
    fd = os.open(raw, os.O_RDONLY)
    try:  # built relative to a descriptor: the full path cannot be passed to mkdir
        for _ in range(22):
            os.mkdir("d" * 200, dir_fd=fd)
            nxt = os.open("d" * 200, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nxt
        os.close(os.open("deep.docx", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd))
    finally:
        os.close(fd)
    result = flows.ingest.run_ingest(raw, tmp_path / "out", workers=1)
    assert result.summary.published and result.summary.ok, result.summary.message
    deep = [o for o in result.outcomes if o.rel.startswith("ddd")]
    assert len(deep) == 1 and deep[0].status == "quarantined"
    assert "too long" in (deep[0].message or "")
