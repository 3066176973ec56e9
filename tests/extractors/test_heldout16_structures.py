"""Structures of the sixteenth held-out set of real guides (tests/fixtures/realworld/heldout16/),
measured once on arrival, then read as rules about guides in general."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file

HELDOUT16 = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout16"
FORMATS = ["pdf", "docx", "html"]


def _items(stem: str, fmt: str) -> list:
    return extract_file(HELDOUT16 / "corpus" / f"{stem}.{fmt}").items


@pytest.mark.parametrize("fmt", FORMATS)
def test_other_pages_listed_after_the_article_name_no_item(fmt: str) -> None:
    # Five numbered rules on 门诊转诊, then 相关文章 listing other pages' titles (…新生儿医保怎么办
    # 新生儿医保办理方法…): the list is not this page's, its question names nothing here.
    items = _items("xx_menzhen_zhuanzhen_shouxu", fmt)
    assert all("新生儿" not in i.item_name for i in items)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_act_applied_for_names_an_untitled_answer(fmt: str) -> None:
    # 首先要在原参保地办理医疗保险关系注销手续,然后由本人向市社保中心提出医疗保险关系转移申请,凭…《参保(合)凭证》
    # 以及原参保地医疗保险缴费凭证,填写《…申请表》…: what is applied for (提出…申请) is the item, not the
    # step on the way (办理…注销手续); the PDF's first visual line, a wrapped sentence, is no title;
    # 拓展资料 after the answer is no materials label.
    [item] = _items("xx_yibao_guanxi_zhuanyi_shenqing", fmt)
    assert item.item_name == "医疗保险关系转移"
    assert [m.name for m in item.materials][1:] == ["原参保地医疗保险缴费凭证", "《**省医疗保险关系转移申请表》"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_label_naming_papers_names_no_act(fmt: str) -> None:
    # (一)需提供的证明及材料: the words before the field word are papers, not the item's act.
    [item] = _items("xx_tuixiu_yibao_bujiao", fmt)
    assert "证明" not in item.item_name
    assert len(item.materials) == 4


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_formalities_of_an_act_lead_in_to_its_materials(fmt: str) -> None:
    # 一般情况下,用人单位参加基本医疗保险要办理的手续: then (1)提供单位营业执照复印件 …
    [item] = _items("xx_danwei_canjia_yibao_shouxu", fmt)
    assert item.item_name == "用人单位参加基本医疗保险"
    assert item.materials[0].name == "提供单位营业执照复印件"


@pytest.mark.parametrize("fmt", FORMATS)
def test_of_several_questions_the_one_answered_with_papers_names_the_item(fmt: str) -> None:
    # 一、职工医保个人账户怎样实现家庭共济? (what it is) / 二、怎么开通职工个人账户家庭共济功能? (…线下办理
    # 需携带本人身份证、共济对象身份证或户口簿等身份证明材料).
    [item] = _items("gz_guizhou_zhanghu_jiating_gongji", fmt)
    assert item.item_name == "开通职工个人账户家庭共济功能"
    assert item.materials


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_page_titled_as_a_guide_to_a_service_is_its_item_without_papers_or_limit(fmt: str) -> None:
    # 新乡市医保转移办事指南 新乡医保怎么转移? over the kinds of transfer, with no paper and no limit.
    [item] = _items("ha_xinxiang_yibao_zhuanyi_zhinan", fmt)
    assert item.item_name == "医保转移"
    assert item.materials == [] and item.promised_days is None
