"""Structures of the second held-out set of real guides (tests/fixtures/realworld/heldout2/),
each read as a rule about guides in general and checked on the real page in every format."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file

HELDOUT2 = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout2" / "corpus"
FORMATS = ["pdf", "docx", "html"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_title_joining_a_second_question_names_only_the_act(fmt: str) -> None:
    # 佳木斯新生儿医保卡怎么办理及报销比例多少: the rates are another topic, not the item's name.
    names = [i.item_name for i in extract_file(HELDOUT2 / f"hl_jiamusi_xinshenger_yibaoka.{fmt}").items]
    assert names == ["新生儿医保卡"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_title_naming_its_sections_names_the_item_before_them(fmt: str) -> None:
    # 中山异地就医备案办理对象及条件: 办理对象 and 条件 are sections of the guide.
    names = [i.item_name for i in extract_file(HELDOUT2 / f"gd_zhongshan_yidi_jiuyi_beian_duixiang.{fmt}").items]
    assert names == ["异地就医备案"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_question_and_answer_label_is_no_item(fmt: str) -> None:
    names = [i.item_name for i in extract_file(HELDOUT2 / f"sh_shanghai_yiliao_huzhu_bukun_wenda.{fmt}").items]
    assert "最佳答案" not in names


@pytest.mark.parametrize("fmt", FORMATS)
def test_title_asked_twice_names_the_act_it_asks_about(fmt: str) -> None:
    # 个人医保怎么办理 个人医保如何办理: one question worded twice after a space; 怎么办理 asks
    # how to do an act, and that act is the item's. Its papers are inside step 1's sentence
    # (凭本人身份证、户口本、未就业证明等…), 户口本 being the everyday word for 户口簿.
    (item,) = extract_file(HELDOUT2 / f"xx_geren_yibao_canbao_dengji.{fmt}").items
    assert item.item_name == "个人医保"
    assert [m.name for m in item.materials] == ["本人身份证", "户口本", "未就业证明等相关证明材料"]
    assert item.legal_days is None and item.promised_days is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_title_worded_twice_whose_second_wording_is_a_field_heading(fmt: str) -> None:
    # 重庆市社保卡办理 重庆市社保卡办理条件: the first wording names the act; the second ends
    # with a field word (办理条件) but does not make the title a heading. Under 办理材料 an
    # entry numbered 2、 starts with its own count (2张1寸…照片) and stays in the list.
    (item,) = extract_file(HELDOUT2 / f"cq_chongqing_shebaoka_banli_tiaojian.{fmt}").items
    assert item.item_name == "社保卡办理"
    assert [m.name for m in item.materials] == [
        "本人身份证及身份证正反面复印件1张(A4)",
        "2张1寸白底、深色衣服冲洗的彩色免冠照片",
        "户口本原件及户口本首页、本人页、变更页复印件各一张(A4)",
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_answer_says_what_to_show_to_do_the_act(fmt: str) -> None:
    # 灵活就业人员如何参加职工医疗保险? answered by 灵活就业人员凭本人身份证或户口簿原件到…办理:
    # no list, no 提供/填写; what the answer says to show is the item's material.
    (item,) = extract_file(HELDOUT2 / f"sd_qingdao_linghuo_jiuye_zhigong_yibao.{fmt}").items
    assert item.item_name == "灵活就业人员参加职工医疗保险"
    assert [m.name for m in item.materials] == ["本人身份证或户口簿原件"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_question_asked_twice_names_the_act_the_first_wording_leads_up_to(fmt: str) -> None:
    # 医保卡丢了怎么办 医保卡丢了补办要多久?: the second wording names the act (补办).
    items = extract_file(HELDOUT2 / f"bj_beijing_yibaoka_buban_wenda.{fmt}").items
    assert [i.item_name for i in items] == ["医保卡丢了补办"]
    names = [m.name for m in items[0].materials]
    assert "本人身份证" in names and len(names) == len(set(names))


@pytest.mark.parametrize("fmt", FORMATS)
def test_lead_in_after_another_sentence_names_the_act(fmt: str) -> None:
    # …由本人或其委托人向经办机构申领 。申领生育保险待遇需提交下列材料: on one line: the lead-in
    # is the last sentence, and its act names the item over a loosely worded question title.
    (item,) = extract_file(HELDOUT2 / f"xx_shengyu_jintie_shenling_falv.{fmt}").items
    assert item.item_name == "申领生育保险待遇"
    names = [m.name for m in item.materials]
    assert names[0] == "本人的身份证" and len(names) == 6


@pytest.mark.parametrize("fmt", FORMATS)
def test_title_asking_for_materials_and_list_naming_the_act_are_one_item(fmt: str) -> None:
    # 城乡医疗救助申请材料及流程是怎样的 (the title, over site chrome) and 城乡医疗救助申请所需材料
    # (over the two case sentences) name one act, the second with its act word: one item,
    # whose materials are the list's, however the PDF wraps its sentences.
    (item,) = extract_file(HELDOUT2 / f"xx_chengxiang_yiliao_jiuzhu_cailiao.{fmt}").items
    assert item.item_name == "城乡医疗救助申请"
    names = [m.name for m in item.materials]
    assert len(names) == 2 and names[0].startswith("通过定点医疗机构") and names[1].startswith("申请事后医疗救助的")
