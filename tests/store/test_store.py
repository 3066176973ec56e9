"""Versioned publishing: immutable versions, no-op on identical data, atomic under failure."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from govguide.core.models import GuideItem
from govguide.dataset import schema, store

T0 = datetime(2025, 6, 1, 2, 0, 0, tzinfo=UTC)


def _tables(items: list[GuideItem]):
    return schema.items_to_tables(items)


def test_first_publish_writes_a_complete_version(items, tmp_path: Path) -> None:
    result = store.publish(tmp_path, _tables(items), manifest={"inputs": []}, now=T0)
    assert result.published and result.parent is None
    v = result.version
    assert v.id == "20250601T020000Z"
    assert (tmp_path / "LATEST").read_text().strip() == v.id
    assert os.readlink(tmp_path / "latest") == "v=20250601T020000Z"
    manifest = json.loads((v.path / "manifest.json").read_text())
    assert manifest["tables"]["items"]["rows"] == len(items)
    assert manifest["schema_version"] == schema.SCHEMA_VERSION
    # Readers can open the current version through the symlink.
    assert pq.read_table(tmp_path / "latest" / "items.parquet").num_rows == len(items)
    assert (
        pq.ParquetFile(v.table_path("items")).metadata.row_group(0).column(0).compression == "ZSTD"
    )


def test_identical_content_publishes_nothing(items, tmp_path: Path) -> None:
    first = store.publish(tmp_path, _tables(items), now=T0)
    again = store.publish(tmp_path, _tables(list(items)), now=T0.replace(hour=3))
    assert not again.published
    assert again.version.id == first.version.id
    assert [v.id for v in store.list_versions(tmp_path)] == [first.version.id]


def test_changed_content_publishes_child_version(items, tmp_path: Path) -> None:
    first = store.publish(tmp_path, _tables(items), now=T0)
    items[0].promised_days = 3
    second = store.publish(tmp_path, _tables(items), now=T0)  # same clock: id still moves on
    assert second.published and second.version.parent == first.version.id
    assert second.version.id > first.version.id
    assert store.latest(tmp_path).id == second.version.id
    back = store.read_items(second.version)
    assert sorted(i.promised_days or -1 for i in back) != sorted(
        i.promised_days or -1 for i in store.read_items(first.version)
    )


def test_extras_get_parent_and_new_id(items, tmp_path: Path) -> None:
    store.publish(tmp_path, _tables(items), now=T0)
    seen = {}

    def extras(parent, vid):
        seen["parent"], seen["vid"] = parent.id, vid
        return {"changes": schema.empty_table("changes")}, {"diff.md": "# diff\n"}

    items[1].item_name = "改名事项"
    result = store.publish(tmp_path, _tables(items), extras=extras, now=T0)
    assert seen == {"parent": "20250601T020000Z", "vid": result.version.id}
    assert (result.version.path / "diff.md").read_text() == "# diff\n"
    assert result.version.has_table("changes")


def test_failure_mid_write_leaves_latest_intact(items, tmp_path: Path, monkeypatch) -> None:
    first = store.publish(tmp_path, _tables(items), now=T0)
    written = []
    real = store._write_table

    def failing(table, path):
        if written:
            raise OSError("disk full")
        written.append(path)
        real(table, path)

    monkeypatch.setattr(store, "_write_table", failing)
    items[0].item_name = "另一个名字"
    with pytest.raises(store.PublishError, match="cannot write version .*disk full"):
        store.publish(tmp_path, _tables(items), now=T0)
    assert store.latest(tmp_path).id == first.version.id
    assert [v.id for v in store.list_versions(tmp_path)] == [first.version.id]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]
    monkeypatch.undo()
    retry = store.publish(tmp_path, _tables(items), now=T0)
    assert retry.published and retry.version.parent == first.version.id


def test_failure_before_latest_switch_keeps_previous_latest(
    items, tmp_path: Path, monkeypatch
) -> None:
    first = store.publish(tmp_path, _tables(items), now=T0)

    def crash(out, vid):
        raise RuntimeError("killed before the switch")

    monkeypatch.setattr(store, "set_latest", crash)
    items[0].item_name = "又一个名字"
    with pytest.raises(RuntimeError):
        store.publish(tmp_path, _tables(items), now=T0)
    assert store.latest(tmp_path).id == first.version.id
    assert os.readlink(tmp_path / "latest") == f"v={first.version.id}"
    monkeypatch.undo()
    # The next run publishes normally on top of the previous latest.
    retry = store.publish(tmp_path, _tables(items), now=T0)
    assert retry.published and retry.version.parent == first.version.id


_CRASHER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[3])
    from conftest import gold_guide_items as gold_items
    from govguide.dataset import schema
    from govguide.dataset import store

    out, point = Path(sys.argv[1]), sys.argv[2]
    items = gold_items()
    items[0].item_name = "崩溃前的名字"
    die = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
    if point == "mid-write":
        real = store._write_table
        calls = []
        def write(table, path):
            calls.append(path)
            if len(calls) == 2:
                die()
            real(table, path)
        store._write_table = write
    elif point == "before-promote":
        store._promote = die
    elif point == "before-latest":
        store.set_latest = die
    store.publish(out, schema.items_to_tables(items))
    """
)


@pytest.mark.parametrize("point", ["mid-write", "before-promote", "before-latest"])
def test_sigkill_during_publish(items, tmp_path: Path, point: str) -> None:
    first = store.publish(tmp_path, _tables(items), now=T0)
    script = tmp_path.parent / f"crash_{point}.py"
    script.write_text(_CRASHER)
    proc = subprocess.run(
        [sys.executable, str(script), str(tmp_path), point, str(Path(__file__).parent)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    # Previous latest intact and readable.
    assert store.latest(tmp_path).id == first.version.id
    assert pq.read_table(tmp_path / "latest" / "items.parquet").num_rows == len(items)
    # The next run cleans up and completes.
    store.cleanup_temp(tmp_path)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp-")]
    items[0].item_name = "崩溃前的名字"
    retry = store.publish(tmp_path, _tables(items))
    if point == "before-latest":
        # The version was complete and in place: the clean-up made it current, so the
        # same data is not published a second time.
        assert not retry.published and retry.version.parent == first.version.id
        assert len(store.list_versions(tmp_path)) == 2
    else:
        assert retry.published and retry.version.parent == first.version.id
    assert store.latest(tmp_path).id == retry.version.id


def test_second_run_gets_a_clear_message_while_locked(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys,time\nfrom govguide.dataset.store import run_lock\n"
            "with run_lock(sys.argv[1]):\n    print('held', flush=True)\n    time.sleep(60)\n",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(store.LockedError, match=f"pid {holder.pid}"):
            with store.run_lock(tmp_path, timeout=0.3, poll=0.05):
                pass
    finally:
        holder.kill()
        holder.wait()
    # The kernel released the dead holder's lock.
    with store.run_lock(tmp_path, timeout=5):
        pass


def test_cleanup_removes_leftovers_only(items, tmp_path: Path) -> None:
    first = store.publish(tmp_path, _tables(items), now=T0)
    (tmp_path / ".tmp-v=20990101T000000Z-dead").mkdir()
    (tmp_path / ".tmp-v=20990101T000000Z-dead" / "items.parquet").write_bytes(b"half")
    (tmp_path / "LATEST.tmp-abc").write_text("x")  # as older releases named it
    (tmp_path / ".LATEST.0123abcd.part").write_text("x")
    (tmp_path / ".LATEST.notes").write_text("kept: not a temporary file")
    removed = store.cleanup_temp(tmp_path)
    assert {p.name for p in removed} == {
        ".tmp-v=20990101T000000Z-dead",
        "LATEST.tmp-abc",
        ".LATEST.0123abcd.part",
    }
    assert store.latest(tmp_path).id == first.version.id


def test_incomplete_version_dir_is_not_listed(items, tmp_path: Path) -> None:
    store.publish(tmp_path, _tables(items), now=T0)
    (tmp_path / "v=20300101T000000Z").mkdir()  # no manifest: not a version
    assert [v.id for v in store.list_versions(tmp_path)] == ["20250601T020000Z"]
    with pytest.raises(store.PublishError):
        store.get_version(tmp_path, "20300101T000000Z")


def test_same_items_give_byte_identical_tables(items, tmp_path: Path) -> None:
    a = store.publish(tmp_path / "a", _tables(items), now=T0).version
    # Files finishing in another order (parallel extraction) must not change anything.
    by_other_file_order = sorted(items, key=lambda i: i.source_file, reverse=True)
    b = store.publish(tmp_path / "b", _tables(by_other_file_order), now=T0).version
    for name in ("items", "materials", "legal_basis"):
        assert a.manifest["tables"][name]["sha256"] == b.manifest["tables"][name]["sha256"]
    assert a.content_hash == b.content_hash
