"""The items' source_url and fetched_at columns, and removed items of withdrawn sources."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

import pyarrow as pa

from govguide.core.models import GuideItem
from govguide.dataset import diff, schema
from govguide.dataset.report_md import render_markdown
from tests.store.conftest import gold_guide_items


def test_source_url_and_fetched_at_round_trip() -> None:
    by_file: dict[str, list[GuideItem]] = {}
    for item in gold_guide_items():
        by_file.setdefault(item.source_file, []).append(item)
    items = max(by_file.values(), key=len)[:3]  # one file: rows keep the items' order
    items[0].source_url = "http://ybj.example.gov.cn/zhinan/1.pdf"
    items[0].fetched_at = datetime(2026, 12, 1, 18, 0, 5, tzinfo=UTC)
    table = schema.items_to_tables(items)["items"]
    assert table.schema.field("fetched_at").type == pa.timestamp("s", tz="UTC")
    back = schema.table_to_items(table)
    assert back == items
    assert back[1].source_url is None and back[1].fetched_at is None


def test_items_of_a_version_without_the_columns_read_as_unknown() -> None:
    table = schema.items_to_tables(gold_guide_items()[:2])["items"]
    old = table.drop_columns(["source_url", "fetched_at"])  # published before schema 3
    assert [i.source_url for i in schema.table_to_items(old)] == [None, None]


def test_removed_items_of_a_withdrawn_source_say_why() -> None:
    items = gold_guide_items()
    gone_file = items[0].source_file
    kept = [copy.deepcopy(i) for i in items if i.source_file != gone_file]
    # An item of another file is removed too, for an ordinary reason.
    other = kept.pop(0)
    d = diff.VersionDiff("a", "b", diff.diff_items(items, kept))
    withdrawn = [
        {
            "url": "http://ybj.example.gov.cn/1.pdf",
            "path": gone_file,
            "status": 410,
            "since": "2026-12-01",
            "at": "2026-12-03",
        },
        {
            "url": "http://ybj.example.gov.cn/2.pdf",
            "path": None,
            "status": 404,
            "since": "2026-12-01",
            "at": "2026-12-03",
        },
    ]
    diff.mark_withdrawn(d, withdrawn)
    removed = [x for x in d.items if x.status == "removed"]
    marked = [x for x in removed if any(c.kind == "source_withdrawn" for c in x.changes)]
    assert {x.source_file for x in marked} == {gone_file}
    assert len(marked) == sum(1 for i in items if i.source_file == gone_file)
    assert other.item_name in {x.name for x in removed if x not in marked}
    change = marked[0].changes[-1]
    assert (change.before, change.after) == (
        "http://ybj.example.gov.cn/1.pdf",
        "HTTP 410 since 2026-12-01, withdrawn on 2026-12-03",
    )
    assert d.counts()["source_withdrawn"] == len(marked)
    text = render_markdown(d)
    assert "| removed: source withdrawn | " in text
    assert "| removed: source withdrawn | http://ybj.example.gov.cn/1.pdf | HTTP 410" in text
    rows = diff.changes_table(d).to_pylist()
    assert sum(r["change"] == "source_withdrawn" for r in rows) == len(marked)
