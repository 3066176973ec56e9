"""Runs over a damaged output directory publish a complete version instead of crashing."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from govguide.dataset import store
from tests.flows.conftest import copy_samples

pytestmark = pytest.mark.usefixtures("prefect_api")


@pytest.mark.parametrize("damage", ["truncated items", "manifest of another shape"])
def test_run_after_damage_publishes_in_full(tmp_path: Path, damage: str) -> None:
    from flows.ingest import run_ingest

    raw = copy_samples(tmp_path / "raw", ["gx_liujiang_yibao_bujiao_zhinan.docx"])
    out = tmp_path / "out"
    first = run_ingest(raw, out, workers=1).summary
    version = store.latest(out)
    if damage == "truncated items":
        data = version.table_path("items").read_bytes()
        version.table_path("items").write_bytes(data[: len(data) // 2])
    else:
        (version.path / "manifest.json").write_text('{"tables": []}', encoding="utf-8")

    again = run_ingest(raw, out, workers=1).summary  # inputs unchanged
    assert again.published and again.version != first.version, again.message
    assert again.parent is None  # nothing to diff against: a complete version
    assert pq.read_table(out / "latest" / "items.parquet").num_rows == first.items
    assert store.damage(store.latest(out)) == []
