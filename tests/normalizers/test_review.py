"""Review queue, report, alignment table and coverage view."""

from __future__ import annotations

import pyarrow as pa
import pytest

from govguide.core.ids import item_ids
from normalizers.alignment.align import align_items, apply_alignment
from normalizers.alignment.catalog import default_catalog
from normalizers.alignment.review import (
    alignment_table,
    coverage_view,
    review_queue,
    review_report,
    unmatched_items,
)
from tests.normalizers.alignment_helpers import guide_item

CATALOG = default_catalog()


def cid(name: str) -> str:
    return CATALOG.entry(name).id


@pytest.fixture(scope="module")
def batch():
    items = [
        guide_item(
            "单位参保登记",
            province="甲省",
            source="a.pdf",
            promised_days=0,
            materials=["表一", "表二"],
        ),
        guide_item(
            "单位登记",
            province="甲省",
            region="乙县",
            source="b.pdf",
            section="参保登记",
            legal_days=5,
            promised_days=3,
            materials=["表一"],
        ),
        guide_item(
            "单位注销",
            province="甲省",
            region="乙县",
            source="b.pdf",
            section="参保登记",
            legal_days=10,
            promised_days=1,
            materials=["表一", "表二", "表三"],
        ),
        guide_item("异地就医备案", province="丙省", source="c.pdf", promised_days=0),
        guide_item("出国（境）带药备案", province="丙省", source="c.pdf"),
        guide_item("异地就医备案取消", province="丙省", source="c.pdf"),
        guide_item("未就业配偶医疗待遇核准支付", province="丙省", source="c.pdf"),
        guide_item("医疗保障信用评价", province="丙省", source="c.pdf"),
    ]
    return items, align_items(items)


def test_review_queue_lists_only_items_in_doubt_with_candidates(batch) -> None:
    items, matches = batch
    queue = review_queue(items, matches)
    assert set(queue["item_name"]) == {
        it.item_name for it, m in zip(items, matches, strict=True) if m.needs_review
    }
    assert {"异地就医备案取消", "未就业配偶医疗待遇核准支付"} <= set(queue["item_name"])
    row = queue.set_index("item_name").loc["未就业配偶医疗待遇核准支付"]
    assert row["item_id"] == item_ids(items)[6]
    assert cid("医疗救助对象待遇核准支付") in row["candidate_ids"]
    assert len(row["candidate_ids"]) == len(row["candidate_names"]) == len(row["candidate_scores"])
    assert row["proposed_id"] is None


def test_unmatched_items_are_listed_with_closest(batch) -> None:
    items, matches = batch
    unmatched = unmatched_items(items, matches)
    assert "医疗保障信用评价" in set(unmatched["item_name"])
    assert not set(unmatched["item_name"]) & set(review_queue(items, matches)["item_name"])


def test_report_is_readable_markdown(batch) -> None:
    items, matches = batch
    report = review_report(items, matches)
    assert report.startswith("# Alignment review")
    ids = item_ids(items)
    assert f"`{ids[5]}`" in report  # the cancelled filing, with its id
    assert f"`{ids[7]}`" in report  # the unmatched item too
    assert "overrides.csv" in report
    assert CATALOG.version in report


def test_alignment_table_one_row_per_item_place(batch) -> None:
    items, matches = batch
    table = alignment_table(items, matches)
    unit = table[(table.canonical_id == cid("单位参保登记"))].set_index("region", drop=False)
    # two items of 乙县 map to 单位参保登记: one row, limits and counts as ranges
    county = unit[unit.region == "乙县"].iloc[0]
    assert county.n_items == 2
    assert sorted(county.item_names) == ["单位注销", "单位登记"]
    assert (county.legal_days_min, county.legal_days_max) == (5, 10)
    assert (county.promised_days_min, county.promised_days_max) == (1, 3)
    assert (county.material_count_min, county.material_count_max) == (1, 3)
    province = unit[unit.region.isna()].iloc[0]
    assert province.n_items == 1 and province.provided_as == "direct"
    # a generic filing counts for the items it covers
    covered = table[(table.province == "丙省") & (table.canonical_id == cid("异地转诊人员备案"))]
    assert covered.iloc[0].provided_as == "covered"
    assert set(table.catalog_version) == {CATALOG.version}
    # unmatched items have no row
    assert "医疗保障信用评价" not in {n for names in table.item_names for n in names}


def test_alignment_table_from_applied_items_matches(batch) -> None:
    items, matches = batch
    from_matches = alignment_table(items, matches)
    from_items = alignment_table(apply_alignment(items, matches))
    cols = ["canonical_id", "province", "region", "n_items", "provided_as"]
    assert from_items[cols].equals(from_matches[cols])


def test_coverage_view_has_lacks_covered_adds(batch) -> None:
    items, matches = batch
    view = coverage_view(items, matches)
    catalog_rows = view[view.canonical_id.notna()]
    assert len(catalog_rows) == 2 * len(CATALOG)  # every entry, per province
    assert set(view[view.canonical_id.isna()].status) <= {"adds", "unresolved"}
    status = {(r.province, r.canonical_id): r.status for r in view.itertuples() if r.canonical_id}
    assert status[("甲省", cid("单位参保登记"))] == "has"
    assert status[("甲省", cid("异地安置退休人员备案"))] == "lacks"
    assert status[("丙省", cid("异地安置退休人员备案"))] == "has"
    assert status[("丙省", cid("异地转诊人员备案"))] == "covered"
    adds = set(view[view.status == "adds"].item_names.explode())
    assert {"出国（境）带药备案", "医疗保障信用评价"} <= adds and "单位参保登记" not in adds


def test_tables_convert_to_arrow(batch) -> None:
    items, matches = batch
    for frame in (
        review_queue(items, matches),
        unmatched_items(items, matches),
        alignment_table(items, matches),
        coverage_view(items, matches),
    ):
        table = pa.Table.from_pandas(frame, preserve_index=False)
        assert table.num_rows == len(frame)


def test_empty_inputs_give_empty_tables_with_columns() -> None:
    assert list(review_queue([], [])) and review_queue([], []).empty
    assert alignment_table([], []).empty
    assert coverage_view([], []).empty


def test_review_report_tolerates_missing_values_from_tables() -> None:
    from normalizers.alignment.review import _present

    assert not _present(float("nan")) and not _present(None) and not _present("")
    assert _present("广西") and _present(0)


def test_coverage_counts_what_local_lists_add_per_province() -> None:
    items = [
        guide_item("临时外出就医备案", province="甲省", region="一县", source="a.pdf"),
        guide_item("“临时外出就医备案”手续办理", province="甲省", region="二县", source="b.pdf"),
        guide_item("产前检查费报销", province="甲省", source="c.pdf"),
        guide_item("医疗保障信用评价", province="甲省", source="c.pdf"),
        guide_item("基本医疗保险参保和变更登记", province="甲省", source="c.pdf"),
        guide_item("单位参保登记", province="甲省", source="c.pdf"),
        guide_item("医疗保障信用评价", province="乙省", source="d.pdf"),
    ]
    matches = align_items(items)
    # none of the local services gets a catalog id, whatever its closest candidate
    assert [m.canonical_id for m in matches[:5]] == [None] * 5
    view = coverage_view(items, matches)
    local = view[view.canonical_id.isna()]
    rows = {(r.province, tuple(r.item_names)): (r.status, r.n_items) for r in local.itertuples()}
    # two wordings of one local service are one row, counted twice
    assert rows[("甲省", ("“临时外出就医备案”手续办理", "临时外出就医备案"))][1] == 2
    assert rows[("甲省", ("医疗保障信用评价",))] == ("adds", 1)
    assert rows[("乙省", ("医疗保障信用评价",))] == ("adds", 1)
    # a main item is not an addition: it covers catalog items a reviewer must name
    assert rows[("甲省", ("基本医疗保险参保和变更登记",))] == ("unresolved", 1)
    per_province = local[local.status == "adds"].groupby("province").n_items.sum().to_dict()
    assert per_province["乙省"] == 1 and per_province["甲省"] >= 2
    has = view[(view.province == "甲省") & (view.status == "has")]
    assert list(has.canonical_name) == ["单位参保登记"] and list(has.n_items) == [1]
    # every item is accounted for in exactly one own row of its province
    own = view[view.status.isin(["has", "adds", "unresolved"])]
    assert own.n_items.sum() == len(items)


def test_coverage_from_applied_items_matches_coverage_from_matches() -> None:
    items = [
        guide_item("临时外出就医备案", province="甲省", source="a.pdf"),
        guide_item("生育保险待遇申领", province="甲省", source="a.pdf"),
        guide_item("单位参保登记", province="甲省", source="a.pdf"),
    ]
    matches = align_items(items)
    from_matches = coverage_view(items, matches)
    from_items = coverage_view(apply_alignment(items, matches))
    cols = ["province", "canonical_id", "status", "n_items"]
    assert from_items[cols].equals(from_matches[cols])
    assert set(from_items.status) == {"has", "lacks", "adds", "unresolved"}
