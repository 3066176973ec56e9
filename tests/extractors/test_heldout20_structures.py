"""Structures of the twentieth held-out set of real guides (tests/fixtures/realworld/heldout20/),
measured once on arrival, then read as rules about guides in general."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from normalizers.item_title import first_wording, name_from_title
from normalizers.time_limits import process_limit_clause

HELDOUT20 = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout20"
FORMATS = ["pdf", "docx", "html"]


def _items(stem: str, fmt: str) -> list:
    return extract_file(HELDOUT20 / "corpus" / f"{stem}.{fmt}").items


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_untitled_guide_is_named_by_its_application_form(fmt: str) -> None:
    # 1、申报条件 / 2、所需申办材料 / …填写《平顶山市重症慢性病鉴定申请表》…: no title, label or question
    # names the item; the application form among its papers names the act (鉴定). In the HTML
    # rendering the numbered first heading is no part of the navigation menu above it.
    [item] = _items("ha_pingdingshan_zhongzheng_manxingbing_jianding", fmt)
    assert item.item_name == "重症慢性病鉴定"
    assert len(item.materials) == 5
    assert item.legal_basis[0].doc_number == "平劳医保【2013】9号"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_sentence_leading_in_to_papers_names_the_act(fmt: str) -> None:
    # …应在诊治终结后6个月内,凭以下资料向市医保局及时申请生育保险待遇。 then 1.…6.: the lead-in ends with
    # a full stop, not a colon, and names what the papers are for.
    [item] = _items("jx_yichun_shengyu_baoxian_daiyu_shenqing", fmt)
    assert item.item_name == "生育保险待遇"
    assert [m.name for m in item.materials][0] == "宜春市生育保险待遇申请表(见附表)"
    assert len(item.materials) == 6


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_question_naming_no_act_leads_up_to_the_title_that_does(fmt: str) -> None:
    # 职工医保个人账户的钱怎么使用?职工医保个人账户的钱提取办理流程: the second wording names the act (提取,
    # done by 办理); …在15个工作日内即可办理成功 in the process paragraph is the limit.
    [item] = _items("xx_zhigong_geren_zhanghu_tiqu_liucheng", fmt)
    assert item.item_name.startswith("职工医保个人账户的钱提取")
    assert item.promised_days == 15


def test_title_wordings() -> None:
    assert first_wording("职工医保个人账户的钱怎么使用?职工医保个人账户的钱提取办理流程") == "职工医保个人账户的钱提取办理流程"
    # A question naming an act keeps its place (如何办理…转出? over a page on 转入).
    assert first_wording("如何办理沈阳医疗保险关系转出?医疗保险转移手续(2)").startswith("如何办理")
    assert name_from_title("(医疗保险定点医疗机构申请书)医疗保险定点申请") == "医疗保险定点申请"
    assert process_limit_clause("原则上申请人申请之后,在15个工作日内即可办理成功。") == "在15个工作日内即可办理成功"


@pytest.mark.parametrize("fmt", FORMATS)
def test_who_may_apply_names_the_act(fmt: str) -> None:
    # 1、办理条件 / 以下四类…人员,可以申请办理省内及跨省异地就医住院医疗费用直接结算。: no title; the act
    # the conditions say who may apply for names the item (not 住院登记, a step named in the process).
    [item] = _items("xx_yidi_jiuyi_zhuyuan_zhijie_jiesuan", fmt)
    assert item.item_name == "省内及跨省异地就医住院医疗费用直接结算"
    assert len(item.materials) == 5


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_bare_line_of_papers_under_an_items_heading(fmt: str) -> None:
    # 住院报销: / (1)…(9) … 门诊报销: / 本人社会保障卡(医保卡)和身份证。: each heading given twice
    # starts one item; the line under 门诊报销 is nothing but papers, its materials.
    items = _items("xx_zhuyuan_menzhen_baoxiao_ziliao", fmt)
    assert [i.item_name for i in items] == ["住院报销", "门诊报销"]
    assert [m.name for m in items[1].materials] == ["本人社会保障卡(医保卡)和身份证"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_regulations_articles_are_no_guide(fmt: str) -> None:
    # 第二章 …登记、申报和费用筹集 / 第六条 …携带社会保险登记证(副本)、工资基金手册…资料…办理…手续: articles
    # of a regulation say what units must bring; with no field labelled the page gives no item.
    assert _items("sn_xian_zhigong_yibao_dengji_shenbao_tiaokuan", fmt) == []
