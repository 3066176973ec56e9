"""Diffing ``items`` tables gives exactly the item-list diff, without an item per row."""

from __future__ import annotations

import copy
from collections.abc import Callable

import pyarrow as pa
import pytest

from govguide.core.models import GuideItem, LegalBasis, Material
from govguide.dataset import diff, schema
from govguide.dataset.report_html import render_html
from govguide.dataset.report_md import render_markdown
from tests.conftest import extracted, sample_files


@pytest.fixture
def corpus(items: list[GuideItem]) -> list[GuideItem]:
    """The items extracted from every sample document (PDF and DOCX of one guide share
    keys; none is aligned) and the gold items (aligned to canonical ids)."""
    found = [
        item.model_copy(deep=True) for path in sample_files() for item in extracted(path).items
    ]
    assert len(found) > 100
    return found + items


def _edited(old: list[GuideItem]) -> list[GuideItem]:
    """A next version with every kind of change the diff reports, each on its own item."""
    new = copy.deepcopy(old)
    used: list[GuideItem] = []

    def pick(test: Callable[[GuideItem], bool]) -> GuideItem:
        found = next(i for i in new if test(i) and all(i is not u for u in used))
        used.append(found)
        return found

    def aligned(i: GuideItem) -> bool:
        return i.canonical_id is not None

    def unaligned(i: GuideItem) -> bool:
        return i.canonical_id is None

    timed = pick(lambda i: unaligned(i) and bool(i.time_limit_text))
    timed.legal_days, timed.promised_days = 30, 15
    timed.time_limit_text = "法定30个工作日，承诺15个工作日"
    pick(lambda i: aligned(i) and bool(i.promised_days)).days_unit = "natural"
    # A reviewer confirms a proposed mapping: the same catalog item, another review state.
    confirmed = pick(aligned)
    confirmed.needs_review, confirmed.match_method = not confirmed.needs_review, "override"

    reworded = pick(lambda i: len(i.materials) >= 2)
    first = reworded.materials[0]
    reworded.materials[0] = first.model_copy(update={"name": first.name + "（加盖单位公章）"})
    pick(lambda i: len(i.materials) >= 2).materials.append(
        Material(name="委托书及受托人有效身份证件", condition="委托办理的")
    )
    del pick(lambda i: len(i.materials) >= 2).materials[-1]
    copies = pick(lambda i: len(i.materials) >= 2)
    copies.materials[1] = copies.materials[1].model_copy(update={"copies": 9, "form": "复印件"})
    # Reordered materials differ in the table but are no change to report.
    reordered = pick(lambda i: len({m.name for m in i.materials}) >= 2)
    reordered.materials.reverse()

    cited = pick(lambda i: bool(i.legal_basis))
    cited.legal_basis[0] = cited.legal_basis[0].model_copy(update={"articles": [1, 2, 3]})
    pick(lambda i: bool(i.legal_basis)).legal_basis.append(
        LegalBasis(title="医疗保障基金使用监督管理条例", doc_number="国务院令第735号")
    )
    del pick(lambda i: bool(i.legal_basis)).legal_basis[0]

    remapped = pick(aligned)
    remapped.canonical_id, remapped.canonical_name = "C-other", "门诊费用报销"
    covering = pick(aligned)
    covering.also_covers = [*covering.also_covers, "异地就医登记备案"]

    # One document renamed: its items pair with their old selves by key, in order.
    moved = pick(lambda i: unaligned(i) and i.source_file.endswith(".pdf"))
    moved_from = moved.source_file
    for item in new:
        if item.source_file == moved_from:
            item.source_file = moved_from.replace("samples/", "samples/2025/")
    moved.legal_days = 99

    gone = [pick(unaligned), pick(aligned)]
    renamed = pick(unaligned)
    renamed.item_name += "（新版）"
    fresh = pick(aligned).model_copy(deep=True, update={"item_name": "长期护理保险待遇申请"})
    # Two items of one file sharing a key: the second one is an addition.
    twin = pick(unaligned).model_copy(deep=True)
    twin.materials.append(Material(name="户口簿"))
    return [*(i for i in new if all(i is not g for g in gone)), fresh, twin]


def _eager(old: pa.Table | None, new: pa.Table) -> list[diff.ItemDiff]:
    before = schema.table_to_items(old, provenance=False) if old is not None else []
    return diff.diff_items(before, schema.table_to_items(new, provenance=False))


def _outputs(items: list[diff.ItemDiff], old: str | None = "a") -> tuple[object, ...]:
    d = diff.VersionDiff(old, "b", items)
    return (
        [(x.status, x.province, x.region, x.key, x.name, x.source_file) for x in items],
        [x.changes for x in items],
        d.counts(),
        diff.changes_table(d).to_pylist(),
        render_markdown(d),
        render_html(d),
    )


def _strip(table: pa.Table) -> pa.Table:
    return table.drop_columns(["provenance"])


@pytest.mark.parametrize("provenance", [True, False], ids=["with-provenance", "without"])
def test_table_diff_equals_item_diff(corpus: list[GuideItem], provenance: bool) -> None:
    old = schema.items_to_tables(corpus)["items"]
    new = schema.items_to_tables(_edited(corpus))["items"]
    if not provenance:
        old, new = _strip(old), _strip(new)

    lazy = diff.diff_item_tables(old, new)
    eager = _eager(old, new)

    # The edits show up as every kind of change, so the comparison below means something.
    # (A withdrawn source is marked after matching, from the fetcher's record: not here.)
    kinds = {ch.kind for d in eager for ch in d.changes}
    assert kinds == set(diff.CHANGE_KINDS) - {"source_withdrawn"}
    assert {d.status for d in eager} == {"added", "removed", "changed"}

    assert _outputs(lazy) == _outputs(eager)
    assert lazy == eager  # also the items before and after, built from their rows


def test_first_version_lists_every_row_as_added(corpus: list[GuideItem]) -> None:
    new = schema.items_to_tables(corpus)["items"]
    lazy = diff.diff_item_tables(None, new)
    assert len(lazy) == new.num_rows and {d.status for d in lazy} == {"added"}
    assert _outputs(lazy, old=None) == _outputs(_eager(None, new), old=None)


def test_identical_tables_have_no_diff(corpus: list[GuideItem]) -> None:
    tables = schema.items_to_tables(corpus)
    again = schema.items_to_tables(copy.deepcopy(corpus))
    assert diff.diff_item_tables(tables["items"], _strip(again["items"])) == []


def _count_built_rows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Rows the diff module turns into GuideItems, one entry per call."""
    calls: list[int] = []
    real: Callable[..., list[GuideItem]] = schema.table_to_items

    def counting(table: pa.Table, *, provenance: bool = True) -> list[GuideItem]:
        calls.append(table.num_rows)
        return real(table, provenance=provenance)

    monkeypatch.setattr(diff, "table_to_items", counting)
    return calls


def _many(corpus: list[GuideItem], copies: int) -> list[GuideItem]:
    """The corpus as if ``copies`` more documents held it (other file names)."""
    return [
        item.model_copy(update={"source_file": f"more/{n}/{item.source_file.rsplit('/', 1)[-1]}"})
        for n in range(copies)
        for item in corpus
    ]


def test_added_rows_are_not_built_into_items(
    corpus: list[GuideItem], monkeypatch: pytest.MonkeyPatch
) -> None:
    many = _many(corpus, 15)
    old = schema.items_to_tables(corpus)["items"]
    edited = _edited(corpus)
    new = schema.items_to_tables(edited + many)["items"]
    assert new.num_rows > 3000

    calls = _count_built_rows(monkeypatch)
    lazy = diff.diff_item_tables(old, new)
    added = [d for d in lazy if d.status == "added"]
    assert len(added) >= len(many)
    # Built: both sides of each changed pair and of the one whose materials were only
    # reordered (in batches); not the unchanged pairs, nor any added or removed row.
    changed = sum(d.status == "changed" for d in lazy)
    assert sum(calls) == 2 * (changed + 1)
    assert max(calls) <= diff.PAIR_BATCH

    # Listing names and files and rendering the (bounded) reports builds few items.
    calls.clear()
    d = diff.VersionDiff("a", "b", lazy)
    render_markdown(d, limit=20)
    changes = diff.changes_table(d)
    assert changes.num_rows == sum(len(x.changes) for x in lazy)
    assert 0 < sum(calls) <= 20 and set(calls) == {1}

    # A lazily built item is the item of that row: the one the item-list diff holds there.
    calls.clear()
    at = max(k for k, d in enumerate(lazy) if d.status == "added")
    item = lazy[at].item
    assert calls == [1] and lazy[at].new is item and lazy[at].old is None
    assert item.item_name == lazy[at].name and item.source_file.startswith("more/")
    monkeypatch.undo()
    assert item == _eager(old, new)[at].item


def test_first_version_builds_no_items(corpus: list[GuideItem], monkeypatch) -> None:
    new = schema.items_to_tables(corpus + _many(corpus, 10))["items"]
    calls = _count_built_rows(monkeypatch)
    result = diff.diff_item_tables(None, new)
    d = diff.VersionDiff(None, "b", result)
    assert diff.changes_table(d).num_rows == new.num_rows
    assert "First version" in render_markdown(d)
    assert calls == []


def test_item_diff_still_takes_items(corpus: list[GuideItem]) -> None:
    item = corpus[0]
    d = diff.ItemDiff("added", item.province, item.region, "k", None, item)
    assert d.item is item and d.new is item and d.old is None
    assert (d.name, d.source_file) == (item.item_name, item.source_file)
    with pytest.raises(ValueError):
        diff.ItemDiff("added", None, None, "k", None, None)


def test_version_items_are_read_without_provenance(corpus: list[GuideItem], tmp_path) -> None:
    from govguide.dataset import store

    version = store.publish(tmp_path, schema.items_to_tables(corpus)).version
    table = store.read_items_table(version, provenance=False)
    assert "provenance" not in table.column_names
    assert table.num_rows == len(corpus) and "materials" in table.column_names
    assert schema.table_to_items(table, provenance=False) == store.read_items(
        version, provenance=False
    )
