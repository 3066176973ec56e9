"""Structures of the ninth held-out set of real guides (tests/fixtures/realworld/heldout9/),
measured once on arrival, then read as rules about guides in general."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from govguide.pipeline.evaluate import pair_items
from normalizers.item_title import name_from_title
from normalizers.materials import split_materials

HELDOUT9 = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout9"
FORMATS = ["pdf", "docx", "html"]


def _items(stem: str, fmt: str) -> list:
    return extract_file(HELDOUT9 / "corpus" / f"{stem}.{fmt}").items


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_news_page_under_a_policy_label_citing_nothing_gives_no_item(fmt: str) -> None:
    # 現行相關政策明確提出: reads like a legal-basis label but cites no law, and the page has no
    # materials or limit: a news page on where students join, not a guide.
    assert _items("xx_daxuesheng_xuejidi_canbao_xinwen", fmt) == []


def test_who_asks_how_to_do_a_service_is_not_part_of_its_name() -> None:
    # 參保單位如何辦理在職職工增加人員業(yè)務(wù)?: read past the readings; the service is the name.
    assert name_from_title("參保單位如何辦理在職職工增加人員業(yè)務(wù)?") == "在職職工增加人員業(yè)務"
    assert name_from_title("外地人如何办理异地就医备案") == "异地就医备案"
    # An act right after the question word keeps what stands before it.
    assert name_from_title("烏魯木齊市醫療保險怎麼參保") == "醫療保險參保"


@pytest.mark.parametrize("fmt", FORMATS)
def test_names_compare_past_readings_and_script(fmt: str) -> None:
    [item] = _items("xx_zaizhi_zhigong_zengjia_renyuan", fmt)
    gold = [{"item_name": "在職職工增加人員業(yè)務(wù)"}]
    [(found, _)] = pair_items([item], gold)
    assert found is item


def test_cases_inside_a_materials_note_are_no_entries() -> None:
    names = [m.name for m in split_materials(["有效身份证件(①在校学生由学校统一确认;②港澳台人员提供居住证)"])]
    assert names == ["有效身份证件(①在校学生由学校统一确认;②港澳台人员提供居住证)"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_papers_in_one_line_one_with_a_long_note(fmt: str) -> None:
    # 有效身份证件(①…;②…;③…)、《江西省城乡居民基本医疗保险参保登记表》; the page's 猜你喜欢 and
    # 联系邮箱 lines after 六、办理时限:即时办结 are site furniture.
    [item] = _items("jx_chengxiang_jumin_canbao_dengji_zhinan", fmt)
    assert [m.name.split("(")[0] for m in item.materials] == ["有效身份证件", "《江西省城乡居民基本医疗保险参保登记表》"]
    assert item.promised_days == 0
    assert item.time_limit_text == "即时办结"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_site_title_spliced_before_a_list_entry_is_read_past(fmt: str) -> None:
    # 【咸阳单位社保参保登记需要提供什么材料 咸阳社保办】(四)组织机构统一代码证 inside (一)…(六).
    item = _items("sn_xianyang_danwei_canbao_dengji", fmt)[0]
    assert len(item.materials) == 6
    assert item.materials[3].name == "组织机构统一代码证"


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unnumbered_variant_of_an_entry_stays_in_the_list(fmt: str) -> None:
    # (1)首次參保…《增加表》 / 續交…的參保人員需提供… (no number) / (2)…(5): the list goes on after
    # the variant line, which is an entry of its own and heads nothing.
    [item] = _items("xx_zaizhi_zhigong_zengjia_renyuan", fmt)
    assert len(item.materials) == 6
    assert item.materials[1].name.startswith("在我市續交")
    assert all(m.condition is None for m in item.materials)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_address_line_is_no_title_and_a_process_sentence_names_the_act(fmt: str) -> None:
    # 南充市…社会保障大厦一楼医保服务大厅。 first; then 1.…的,其基本医疗保险关系转移接续按以下流程经办:
    # with the form and the papers inside the steps; 根据《参保凭证》 cites a form, no law.
    [item] = _items("sc_nanchong_zhuanyi_jiexu_liucheng", fmt)
    assert item.item_name == "基本医疗保险关系转移接续"
    assert "《基本医疗保险关系转移接续申请表》" in [m.name for m in item.materials]
    assert item.legal_basis == []
