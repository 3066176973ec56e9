"""The diff between versions reports exactly the edits made to the items."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from html.parser import HTMLParser

from govguide.core.models import GuideItem, LegalBasis, Material
from govguide.dataset import diff, schema, store
from govguide.dataset.report_html import render_html
from govguide.dataset.report_md import render_markdown


def _edit(items: list[GuideItem]) -> tuple[list[GuideItem], GuideItem, GuideItem, GuideItem]:
    """Shorten one time limit, add a material to another item, remove a third item."""
    new = copy.deepcopy(items)
    shortened = next(i for i in new if i.promised_days and i.promised_days > 1)
    shortened.promised_days -= 1
    grown = next(i for i in new if i.materials and i is not shortened)
    grown.materials.append(Material(name="申请人有效身份证件"))
    gone = next(i for i in new if i is not shortened and i is not grown)
    new.remove(gone)
    return new, shortened, grown, gone


def test_edits_show_exactly_as_changes(items: list[GuideItem]) -> None:
    new, shortened, grown, gone = _edit(items)
    result = diff.diff_items(items, new)
    by_status = {(d.status, d.name) for d in result}
    assert by_status == {
        ("changed", shortened.item_name),
        ("changed", grown.item_name),
        ("removed", gone.item_name),
    }
    short = next(d for d in result if d.name == shortened.item_name)
    assert [(c.kind, c.field, c.before, c.after) for c in short.changes] == [
        (
            "field_changed",
            "promised_days",
            str(shortened.promised_days + 1),
            str(shortened.promised_days),
        )
    ]
    more = next(d for d in result if d.name == grown.item_name)
    assert [(c.kind, c.after) for c in more.changes] == [("material_added", "申请人有效身份证件")]


def test_reworded_material_is_one_change_not_remove_and_add() -> None:
    old = [Material(name="《单位参保登记表》"), Material(name="营业执照")]
    new = [Material(name="《单位参保登记表》（加盖单位公章）"), Material(name="营业执照")]
    changes = diff.diff_materials(old, new)
    assert [(c.kind, c.before, c.after) for c in changes] == [
        ("material_reworded", "《单位参保登记表》", "《单位参保登记表》（加盖单位公章）")
    ]
    assert changes[0].similarity >= diff.MATERIAL_SIMILARITY


def test_different_materials_are_not_paired_as_rewording() -> None:
    changes = diff.diff_materials([Material(name="结婚证")], [Material(name="居民户口簿")])
    assert sorted(c.kind for c in changes) == ["material_added", "material_removed"]


def test_legal_basis_added_removed_and_articles_changed() -> None:
    law = LegalBasis(title="中华人民共和国社会保险法", doc_number="主席令第35号", articles=[57])
    old = [law, LegalBasis(title="社会保险费征缴暂行条例", doc_number="国务院令第259号")]
    new = [
        law.model_copy(update={"articles": [57, 58]}),
        LegalBasis(title="医疗保障基金使用监督管理条例", doc_number="国务院令第735号"),
    ]
    kinds = sorted(c.kind for c in diff.diff_legal_basis(old, new))
    assert kinds == ["legal_basis_added", "legal_basis_changed", "legal_basis_removed"]


def test_canonical_mapping_change_is_reported_as_such(items: list[GuideItem]) -> None:
    new = copy.deepcopy(items)
    target = next(i for i in new if i.canonical_id)
    target.canonical_id, target.canonical_name = "C-other", "门诊费用报销"
    result = diff.diff_items(items, new)
    assert len(result) == 1 and result[0].status == "changed"
    assert [c.kind for c in result[0].changes] == ["canonical_changed"]
    assert result[0].changes[0].after == "门诊费用报销 (C-other)"


def test_same_item_in_pdf_and_docx_pairs_by_file(items: list[GuideItem]) -> None:
    docx = [
        i.model_copy(update={"source_file": i.source_file.replace(".pdf", ".docx")}) for i in items
    ]
    new_docx = copy.deepcopy(docx)
    new_docx[5].legal_days = 99
    result = diff.diff_items(items + docx, items + new_docx)
    assert [(d.status, d.source_file) for d in result] == [("changed", docx[5].source_file)]


def test_identical_lists_have_no_diff(items: list[GuideItem]) -> None:
    assert diff.diff_items(items, copy.deepcopy(items)) == []


def test_version_diff_outputs(items: list[GuideItem], tmp_path) -> None:
    t0 = datetime(2025, 6, 1, tzinfo=UTC)
    first = store.publish(tmp_path, schema.items_to_tables(items), now=t0).version
    new, shortened, grown, gone = _edit(items)
    second = store.publish(tmp_path, schema.items_to_tables(new), now=t0).version
    d = diff.diff_versions(tmp_path)  # default: latest against its parent
    assert (d.old_version, d.new_version) == (first.id, second.id)

    table = diff.changes_table(d)
    assert table.schema == schema.CHANGES
    rows = table.to_pylist()
    assert sorted(r["change"] for r in rows) == ["field_changed", "item_removed", "material_added"]
    assert {r["new_version"] for r in rows} == {second.id}

    md = render_markdown(d)
    assert md.index("## Summary") < md.index("## By province") < md.index("### ")
    assert "| items removed | 1 |" in md and "| material added | 1 |" in md
    assert gone.item_name in md and "申请人有效身份证件" in md

    html = render_html(d)
    parser = HTMLParser()
    parser.feed(html)  # well-formed enough to parse; self-contained (no external refs)
    assert "<script" not in html and "http" not in html
    assert html.index("Summary") < html.index("By province") < html.index(shortened.item_name)
    assert 'class="before">' + str(shortened.promised_days + 1) in html
    assert 'class="after">' + str(shortened.promised_days) in html


def test_first_version_diff_counts_everything_added_without_details(
    items: list[GuideItem], tmp_path
) -> None:
    store.publish(tmp_path, schema.items_to_tables(items))
    d = diff.diff_versions(tmp_path)
    assert d.old_version is None
    assert d.counts()["items_added"] == len(items)
    assert diff.changes_table(d).num_rows == len(items)
    md = render_markdown(d)
    assert f"| items added | {len(items)} |" in md
    assert "First version" in md and "### " not in md
    assert "First version" in render_html(d)


def test_long_reports_point_to_the_changes_table(items: list[GuideItem]) -> None:
    new = copy.deepcopy(items)
    for item in new:
        item.legal_days = 99
    d = diff.VersionDiff("a", "b", diff.diff_items(items, new))
    md = render_markdown(d, limit=5)
    assert md.count("### ") == 5
    assert f"{len(items) - 5} more changed items" in md
    assert render_html(d, limit=5).count("<h3>") == 5
