"""Recording reviewer decisions against a published version: what is refused, and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from govguide.dataset import schema, store
from govguide.pipeline.decisions import ReviewError, decide, pending
from normalizers.alignment.align import align_items, apply_alignment
from normalizers.alignment.overrides import load_overrides
from normalizers.alignment.review import review_queue
from tests.conftest import SAMPLES, extracted


@pytest.fixture
def out(tmp_path: Path) -> Path:
    path = SAMPLES / "gx_list_yibao_jingban.docx"
    items = [it.model_copy(update={"source_file": path.name}) for it in extracted(path).items]
    matches = align_items(items)
    tables = schema.items_to_tables(apply_alignment(items, matches))
    tables["review_queue"] = schema.frame_to_table(
        review_queue(items, matches), schema.REVIEW_QUEUE
    )
    store.publish(tmp_path / "curated", tables)
    return tmp_path / "curated"


def test_decisions_are_checked_and_appended(out: Path) -> None:
    waiting = pending(out)
    assert waiting and all(p.source_files == ["gx_list_yibao_jingban.docx"] for p in waiting)
    proposed = next(p for p in waiting if p.proposed_id)
    unproposed = next(p for p in waiting if not p.proposed_id)
    with pytest.raises(ReviewError, match="nothing is proposed"):
        decide(out, unproposed.item_id, "accept")
    with pytest.raises(ReviewError, match="no item 'feedfacefeedface'"):
        decide(out, "feedfacefeedface", "none")
    with pytest.raises(ReviewError, match="not in catalog"):
        decide(out, proposed.item_id, "set", "YB-9999")
    decision, path = decide(out, proposed.item_id, "accept", reviewer="审核员")
    assert path == out.parent / "reference" / "overrides.csv"
    assert decision.canonical_id == proposed.proposed_id
    decide(out, unproposed.item_id, "set", "单位参保登记")  # a catalog name is accepted too
    decided = load_overrides(path)
    assert decided.get(proposed.item_id).reviewer == "审核员"
    assert decided.get(unproposed.item_id).canonical_id is not None
    assert {p.item_id for p in pending(out)} == {p.item_id for p in waiting} - {
        proposed.item_id,
        unproposed.item_id,
    }


def test_no_version_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ReviewError, match="no published version"):
        pending(tmp_path)
