"""Structures of the third held-out set of real guides (tests/fixtures/realworld/heldout3/),
each read as a rule about guides in general and checked on the real page in every format."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from extractors.fields.compilation import is_compilation, split_compilation

HELDOUT3 = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout3"
FORMATS = ["pdf", "docx", "html"]
COMPILATION = "xx_zixin_yibao_jingban_shixian_ziliao"


def _page_paragraph() -> str:
    """The paragraph of the stored page that runs the five items together."""
    text = (HELDOUT3 / "text" / f"{COMPILATION}.txt").read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if "一、" in line and "二、" in line)


def test_compilation_paragraph_is_cut_at_item_headings_and_field_labels() -> None:
    parts = split_compilation(_page_paragraph())
    headings = [p for p, heading in parts if heading]
    assert headings == ["一、基本医疗保险参保登记", "二、基本医疗保险续保登记", "三、离休干部参保登记",
                        "四、离休干部续保登记", "五、生育保险参保登记"]  # fmt: skip
    # 三、离休干部参保登记要求时限:… has no colon after the name: the label is cut off it.
    assert ("要求时限:七个工作日", False) in parts
    # …七个工作日办理所需资料:1、…: the materials label (办理所需资料) is cut off the limit before it.
    assert any(p.startswith("办理所需资料:") for p, _ in parts)
    assert ("三、离休干部参保登记", True) in parts


def test_a_list_of_two_in_a_sentence_is_no_compilation() -> None:
    # Two numbered points inside a sentence are not several items run together.
    assert not is_compilation("办理需注意 一、携带身份证 二、填写申请表")
    assert split_compilation("一、携带身份证 二、填写申请表") == [("一、携带身份证 二、填写申请表", False)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_compilation_in_one_paragraph_gives_each_item(fmt: str) -> None:
    # 一、name: 要求时限:七个工作日办理所需资料: 1、… 2、… 二、…: five items in one paragraph
    # (the PDF wraps it anywhere, even inside words); the fifth is cut after its limit.
    items = extract_file(HELDOUT3 / "corpus" / f"{COMPILATION}.{fmt}").items
    assert [i.item_name for i in items] == ["基本医疗保险参保登记", "基本医疗保险续保登记", "离休干部参保登记",
                                            "离休干部续保登记", "生育保险参保登记"]  # fmt: skip
    assert all(i.promised_days == 7 for i in items)
    assert [len(i.materials) for i in items] == [9, 7, 4, 4, 0]
    assert items[2].materials[0].name == "离休干部医疗保障参(续)保协议书"
    assert items[0].materials[-1].name == "参保人员一寸照片一张及身份证复印件"


def test_quoted_documents_with_notes_after_a_case_are_that_cases_documents() -> None:
    # ①未滿18周歲的人員:《戶口薄》(…均需復印)、《身份證》(…可不提供): each quoted document
    # carries a note in brackets; they are still the case's documents.
    from normalizers.material_sentence import case_and_documents

    text = (HELDOUT3 / "text" / "gd_huizhou_chengshi_jumin_yibao_canbao.txt").read_text(encoding="utf-8")
    entry = next(line.strip() for line in text.splitlines() if line.strip().startswith("①"))
    assert case_and_documents(entry) == (
        "未滿18周歲的人員",
        ["《戶口薄》(戶口薄內所有成員資料均需復印)", "《身份證》(16周歲以下人員未領身份證的可不提供)"],
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_note_in_brackets_after_a_materials_label_names_no_item(fmt: str) -> None:
    # 1、提供資料(以下資料需附原件及其A4紙復印件): the note says how papers are given, not what for.
    names = [i.item_name for i in extract_file(HELDOUT3 / "corpus" / f"gd_huizhou_chengshi_jumin_yibao_canbao.{fmt}").items]
    assert names and not any("提供" in n or "資料" in n for n in names)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_heading_with_a_note_in_brackets_is_a_heading(fmt: str) -> None:
    # 城市居民醫療保險申辦參保(增員)須知: the note (增員) does not make the heading a sentence;
    # it names the item over the cases by applicant. (The HTML sets it in the body's font.)
    (item,) = extract_file(HELDOUT3 / "corpus" / f"gd_huizhou_chengshi_jumin_yibao_canbao.{fmt}").items
    assert item.item_name == "城市居民醫療保險申辦參保"
    # Its materials are the cases' documents (the 17-character case 18周歲以上仍在全日制學校就讀
    # 人員 is longer than a case label is read to be, and is not read as one yet).
    conditions = {m.condition for m in item.materials}
    assert conditions >= {"未滿18周歲的人員", "18周歲以上城鎮非從業居民", "低保對象"}


def test_bare_document_number_is_a_citation() -> None:
    # 一、办事依据:武人社规【2009】1号文: no title, only the number; the document is known by it.
    from normalizers.legal_basis import parse_legal_basis

    text = (HELDOUT3 / "text" / "hb_wuhan_shuiguohu_jumin_yibao_liucheng.txt").read_text(encoding="utf-8")
    value = next(line for line in text.splitlines() if "办事依据" in line).split(":", 1)[1].strip()
    (basis,) = parse_legal_basis(value)
    assert basis.title == "武人社规【2009】1号文"
    assert basis.doc_number == "武人社规【2009】1号"


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_value_on_a_numbered_part_line_ends_at_the_next_heading(fmt: str) -> None:
    # 城镇居民医保的办理流程 / 一、办事依据:武人社规【2009】1号文 / 城镇居民医保的办理流程 (the
    # title repeated): the part numbered 一、 is not an entry of the heading above it, and the
    # heading after it is not part of its value.
    items = extract_file(HELDOUT3 / "corpus" / f"hb_wuhan_shuiguohu_jumin_yibao_liucheng.{fmt}").items
    assert [[b.title for b in i.legal_basis] for i in items] == [["武人社规【2009】1号文"]]
