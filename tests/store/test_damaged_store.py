"""A damaged output directory is reported and repaired by the next publish, never a crash."""

from __future__ import annotations

import copy
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from govguide.cli import app
from govguide.core.errors import PublishError
from govguide.dataset import schema, store
from tests.store.conftest import gold_guide_items

runner = CliRunner()


@pytest.fixture
def two_versions(tmp_path: Path) -> tuple[Path, store.Version, store.Version]:
    items = gold_guide_items()
    first = store.publish(tmp_path, schema.items_to_tables(items)).version
    edited = copy.deepcopy(items)
    edited[1].promised_days = 1
    second = store.publish(tmp_path, schema.items_to_tables(edited)).version
    return tmp_path, first, second


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def test_truncated_latest_table_is_named_and_publish_replaces_it_in_full(
    two_versions: tuple[Path, store.Version, store.Version],
) -> None:
    out, _, second = two_versions
    _truncate(out / "latest" / "items.parquet")
    assert store.damage(store.latest(out)) == [
        "items.parquet: content differs from its manifest (sha256 mismatch)"
    ]
    with pytest.raises(PublishError, match="items.parquet is damaged"):
        store.read_items_table(store.latest(out))
    # The same data again: not "identical" to a damaged version, but published in full.
    edited = copy.deepcopy(gold_guide_items())
    edited[1].promised_days = 1
    result = store.publish(out, schema.items_to_tables(edited))
    assert result.published and result.parent is None
    assert "damaged" in result.message and second.id in result.message
    assert result.version.manifest["damaged_parent"]["id"] == second.id
    assert pq.read_table(out / "latest" / "items.parquet").num_rows == len(edited)
    assert store.damage(result.version) == []


def test_diff_against_a_damaged_version_is_one_line_not_a_traceback(
    two_versions: tuple[Path, store.Version, store.Version],
) -> None:
    out, first, _ = two_versions
    _truncate(first.table_path("items"))
    result = runner.invoke(app, ["diff", "--out", str(out)])
    assert result.exit_code == 1
    assert "damaged" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    "manifest", ["[]", '{"tables": 5}', '{"tables": {"items": 3}}', '{"parent": 7}']
)
def test_manifest_of_the_wrong_shape_is_not_a_version(
    two_versions: tuple[Path, store.Version, store.Version], manifest: str
) -> None:
    out, first, second = two_versions
    (second.path / "manifest.json").write_text(manifest, encoding="utf-8")
    assert [v.id for v in store.list_versions(out)] == [first.id]
    assert store.latest(out).id == first.id
    for command in (["versions"], ["diff"]):
        result = runner.invoke(app, [*command, "--out", str(out)])
        assert "Traceback" not in result.output and not isinstance(
            result.exception, (TypeError, AttributeError, KeyError)
        ), result.output


def test_garbage_latest_pointer_is_rewritten(
    two_versions: tuple[Path, store.Version, store.Version],
) -> None:
    out, _, second = two_versions
    (out / "LATEST").write_bytes(b"\xff\xfe garbage \x00")
    store.cleanup_temp(out)
    assert (out / "LATEST").read_text(encoding="utf-8").strip() == second.id


def test_version_promoted_but_never_made_current_is_rolled_forward(
    two_versions: tuple[Path, store.Version, store.Version],
) -> None:
    out, first, second = two_versions
    # As a kill between the rename into place and the pointer move leaves it.
    (out / "LATEST").write_text(first.id + "\n", encoding="utf-8")
    store.sync_latest_link(out)
    assert store.latest(out).id == first.id
    assert store.repair_latest(out) == second.id
    assert store.latest(out).id == second.id
    # Publishing the same data again then gives no duplicate.
    edited = copy.deepcopy(gold_guide_items())
    edited[1].promised_days = 1
    assert not store.publish(out, schema.items_to_tables(edited)).published


def test_damaged_orphan_is_not_rolled_forward(
    two_versions: tuple[Path, store.Version, store.Version],
) -> None:
    out, first, second = two_versions
    (out / "LATEST").write_text(first.id + "\n", encoding="utf-8")
    _truncate(second.table_path("materials"))
    assert store.repair_latest(out) is None
    assert store.latest(out).id == first.id
