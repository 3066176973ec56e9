"""Stable ids on the real samples and edited copies of them: a deleted row, a renamed
file and the other format of a guide change no other item's id."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from govguide.core.ids import file_item_ids, guide_id, item_ids, normalise_name
from govguide.core.models import GuideItem
from govguide.dataset import schema
from tests.conftest import SAMPLES, extracted
from tests.flows.edits import SAMPLE, edit_sample

GX = SAMPLES / SAMPLE


def _items(path: Path, source_file: str) -> list[GuideItem]:
    # The flow publishes paths relative to the raw folder; here the file's own name.
    return [it.model_copy(update={"source_file": source_file}) for it in extracted(path).items]


def _ids(items: list[GuideItem]) -> dict[str, str]:
    table = schema.items_to_tables(items)["items"]
    return dict(zip(table["item_name"].to_pylist(), table["item_id"].to_pylist(), strict=True))


def test_a_deleted_row_changes_no_other_items_id(tmp_path: Path) -> None:
    edited = tmp_path / SAMPLE
    touched = edit_sample(GX, edited)
    before = _ids(_items(GX, SAMPLE))
    after = _ids(_items(edited, SAMPLE))
    assert len(before) == 25 and len(after) == 24
    assert touched["removed"] not in after
    # Every other item keeps its id, including those whose time limit or materials changed.
    assert after == {name: iid for name, iid in before.items() if name != touched["removed"]}


def test_a_renamed_or_moved_file_keeps_every_id() -> None:
    before = _ids(_items(GX, f"samples/{SAMPLE}"))
    after = _ids(_items(GX, "2025/guangxi_list_renamed.docx"))
    assert before == after


def test_pdf_and_docx_of_one_guide_share_item_and_content_ids() -> None:
    docx = schema.items_to_tables(_items(GX, SAMPLE))["items"]
    pdf_path = GX.with_suffix(".pdf")
    pdf = schema.items_to_tables(_items(pdf_path, pdf_path.name))["items"]
    assert docx["item_id"].to_pylist() == pdf["item_id"].to_pylist()
    assert set(docx["content_id"].to_pylist()) == set(pdf["content_id"].to_pylist())
    assert len(set(docx["content_id"].to_pylist())) == 1
    assert set(docx["guide_id"].to_pylist()) == {guide_id("广西", None, SAMPLE)}


def test_content_id_tells_an_edited_guide_from_the_original(tmp_path: Path) -> None:
    edited = tmp_path / SAMPLE
    edit_sample(GX, edited)
    original = schema.items_to_tables(_items(GX, SAMPLE))["items"]
    changed = schema.items_to_tables(_items(edited, SAMPLE))["items"]
    assert set(original["content_id"].to_pylist()) != set(changed["content_id"].to_pylist())


def test_guides_of_other_places_and_ids_in_every_item_table() -> None:
    tables = schema.items_to_tables(
        _items(GX, SAMPLE)
        + _items(SAMPLES / "gx_liujiang_yibao_bujiao_zhinan.docx", "liujiang.docx")
    )
    items = tables["items"]
    # 广西 (the list) and 广西 柳州市柳江区 (the county guide) are two guides.
    assert len(set(items["guide_id"].to_pylist())) == 2
    assert len(set(items["item_id"].to_pylist())) == items.num_rows
    for name in ("materials", "legal_basis"):
        t = tables[name]
        keys = set(zip(items["item_id"].to_pylist(), items["source_file"].to_pylist(), strict=True))
        refs = zip(t["item_id"].to_pylist(), t["source_file"].to_pylist(), strict=True)
        assert set(refs) <= keys
        assert t["guide_id"].null_count == 0 and t["content_id"].null_count == 0


def _named(name: str, section: str | None, source: str = "a.docx") -> GuideItem:
    return GuideItem(
        item_name=name,
        section=section,
        province="重庆",
        region="酉阳自治县",
        source_file=source,
        source_sha256="0" * 64,
        extractor="table",
    )


def test_a_name_the_file_repeats_is_told_apart_by_its_section() -> None:
    a, b, c = (
        _named("待遇资格认定", "特病管理"),
        _named("待遇资格认定", "生育"),
        _named("单位登记", "x"),
    )
    ids = file_item_ids([a, b, c])
    assert len(set(ids)) == 3
    # The unique name's id does not depend on its section; the repeated ones' do.
    assert ids[2] == file_item_ids([_named("单位登记", "another section")])[0]
    # Repeated name and section: told apart by occurrence, the first keeps the plain id.
    twice = file_item_ids([a, a])
    assert twice[0] == file_item_ids([a, b])[0] and twice[0] != twice[1]


def test_names_are_compared_normalised() -> None:
    assert normalise_name("出具《参保凭证》 ") == normalise_name("出具参保凭证")
    assert normalise_name("个人身份参（续）保") == normalise_name("个人身份参(续)保")
    assert item_ids([_named("出具《参保凭证》", None)]) == item_ids([_named("出具参保凭证", None)])


def test_a_document_naming_no_place_is_its_own_guide_in_any_format() -> None:
    assert guide_id(None, None, "x/notice_2021.pdf") == guide_id(None, None, "y/notice_2021.docx")
    assert guide_id(None, None, "notice_2021.pdf") != guide_id(None, None, "notice_2022.pdf")
    assert guide_id("浙江", None, "a.pdf") == guide_id("浙江", None, "b.pdf")


def test_the_schema_carries_the_ids() -> None:
    # Ids came with schema 4 and stay in every later one.
    assert int(schema.SCHEMA_VERSION) >= 4
    for name in ("items", "materials", "legal_basis"):
        assert {"item_id", "guide_id", "content_id"} <= set(schema.SCHEMAS[name].names)
    assert schema.SCHEMAS["changes"].field("item_id").type == pa.string()
