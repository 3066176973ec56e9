"""Structures of the eighth held-out set of real guides (tests/fixtures/realworld/heldout8/),
measured once on arrival, then read as rules about guides in general."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from normalizers.item_title import launched_service, name_from_title
from normalizers.materials import split_materials
from normalizers.time_limits import process_limit_clause

HELDOUT8 = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout8"
FORMATS = ["pdf", "docx", "html"]


def _items(stem: str, fmt: str) -> list:
    return extract_file(HELDOUT8 / "corpus" / f"{stem}.{fmt}").items


def test_a_list_whose_first_number_was_lost_is_split_at_its_second() -> None:
    # 04办理材料 / 有效身份证件或…社会保障卡;2.《…申请表》。: the copy lost the 1.
    names = [m.name for m in split_materials(["有效身份证件或医保电子凭证或社会保障卡;2.《职工基本医疗保险个人账户一次性支取申请表》。"])]
    assert names == ["有效身份证件或医保电子凭证或社会保障卡", "《职工基本医疗保险个人账户一次性支取申请表》"]
    # A 2. inside a sentence that opened with its own number, or glued to the text, is no cut.
    assert len(split_materials(["身份证原件2.复印件"])) == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_materials_whose_first_number_was_lost(fmt: str) -> None:
    [item] = _items("sc_leshan_zhanghu_yicixing_zhiqu", fmt)
    assert [m.name for m in item.materials] == [
        "有效身份证件或医保电子凭证或社会保障卡",
        "《职工基本医疗保险个人账户一次性支取申请表》",
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_label_with_a_note_in_brackets_heads_its_list(fmt: str) -> None:
    # 1、提供资料 (以下资料需附原件及其 A4 纸复印件):①…②…: the note does not make the label a
    # sentence; 予以即时办理 in the introduction is the item's limit.
    [item] = _items("xx_shehui_yiliao_baoxian_canbao_xuzhi", fmt)
    assert len(item.materials) == 4
    assert item.materials[0].name.startswith("未满18周岁的人员")
    assert item.materials[3].name.startswith("低保对象")
    assert item.promised_days == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_items_under_bare_headings_naming_a_benefit(fmt: str) -> None:
    # 生育津贴 / 生育医疗费用 / 计划生育手术医疗费用, each over 1、所需材料 2、提交时间 3、经办流程,
    # under a content-farm question title (wrapped over two lines in the PDF).
    items = _items("yn_kunming_shengyu_daiyu_cailiao", fmt)
    assert [i.item_name for i in items] == ["生育津贴", "生育医疗费用", "计划生育手术医疗费用"]
    # 受理审批后30个工作日支付…: the payment completes the act; the third process is cut off.
    assert [i.promised_days for i in items] == [30, 30, None]
    assert [len(i.materials) for i in items][0] == 5


def test_a_payment_after_so_many_days_completes_the_act() -> None:
    assert process_limit_clause("单位经办人持以上材料上报 社保中心,受理审批后30个工作日支付生育津贴费用。") is not None
    # A calendar date for the payment is no duration.
    assert process_limit_clause("每月25日前拨付到个人账户") is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_guide_title_closed_by_a_colon_inside_the_page_names_the_item(fmt: str) -> None:
    # No title (an ad banner stands first): 城镇居民医疗保险申办参保增员)须知: over ①…④ lines,
    # each a group of applicants and its documents; the copy lost every opening bracket.
    [item] = _items("xx_chengzhen_jumin_yibao_canbao_xuzhi", fmt)
    assert item.item_name == "城镇居民医疗保险申办参保"
    by_group = {m.condition for m in item.materials}
    assert {"未满18周岁的人员", "低保对象"} <= by_group
    assert "《户口薄》户口薄内所有成员资料均需复印)" in [m.name for m in item.materials]


def test_a_note_whose_opening_bracket_was_lost_is_cut_from_a_name() -> None:
    assert name_from_title("城镇居民医疗保险申办参保增员)须知") == "城镇居民医疗保险申办参保"
    assert name_from_title("城镇居民医疗保险申办参保(增员)须知") == "城镇居民医疗保险申办参保"


def test_a_notice_opening_a_service_names_it() -> None:
    assert launched_service("关于开展城镇职工基本医疗保险个人账户一次性支取业务的通知") == "城镇职工基本医疗保险个人账户一次性支取"
    # Notices that open no particular act stay notices.
    assert launched_service("关于做好2024年城乡居民医保参保缴费工作的通知") is None
    assert launched_service("关于开展医保服务进社区活动的通知") is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_of_several_questions_the_one_asking_for_materials_names_the_item(fmt: str) -> None:
    # 享受长护险待遇的条件是什么? (the conditions, answered (1)…(3)), then 失能评估申请时需提交哪些材料?
    # with 答:(1)… — the answer's mark is no group of the list.
    [item] = _items("xx_changhuxian_shineng_pinggu_wenda", fmt)
    assert item.item_name == "失能评估申请"
    assert len(item.materials) == 5
    assert all(m.condition is None for m in item.materials)


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_a_lead_in_inside_a_step_heads_the_list_on_its_line(fmt: str) -> None:
    # 1、申请。…报街道办事处(乡镇政府)。申请者需提供的相关材料:1.…;2.《…(closing 》 lost);…;5.…
    # then 2、审核。…: the list is whole on the lead-in's line; the steps after it are no entries.
    # The title asks which office (申请救助找哪个部门): the act asked about names the item.
    [item] = _items("xx_yiliao_jiuzhu_shenqing_bumen", fmt)
    assert item.item_name == "申请医疗救助"  # 医疗救助 is a scheme one applies for
    names = [m.name for m in item.materials]
    assert len(names) == 5
    assert names[0] == "户口簿、身份证复印件、家庭收入证明"
    assert names[1] == "《最低生活保障金领取证、《农村五保供养证的复印件"
    assert not any(n.startswith(("审核", "审批", "发放")) for n in names)


def test_which_office_questions_name_the_act_asked_about() -> None:
    assert name_from_title("申请医疗救助在哪个部门") == "申请医疗救助"
    assert name_from_title("异地就医备案在哪个窗口办理") == "异地就医备案"


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_untitled_page_of_steps_is_named_by_its_first_steps_run_in_head(fmt: str) -> None:
    # ①参保登记 用人单位到…医疗保险经办机构填报…,并提交有关证明文件和材料。 ②参保审核 … ③领取…
    [item] = _items("hn_pingjiang_danwei_yibao_canbao_chengxu", fmt)
    assert item.item_name == "参保登记"
    assert "有关证明文件和材料" in [m.name for m in item.materials]
