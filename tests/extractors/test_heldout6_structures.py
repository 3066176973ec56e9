"""Structures of the sixth held-out set of real guides (tests/fixtures/realworld/heldout6/) and
of the fifth, measured blind on arrival, then each read as a rule about guides in general and
checked on the real page in every format: ways of applying (channels) are not items, a process
title naming an act is the page's title, a form is not a guide."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from normalizers.item_title import is_name, name_from_title, names_a_channel

REALWORLD = Path(__file__).resolve().parents[1] / "fixtures" / "realworld"
FORMATS = ["pdf", "docx", "html"]


def _items(folder: str, stem: str, fmt: str) -> list:
    return extract_file(REALWORLD / folder / "corpus" / f"{stem}.{fmt}").items


def test_a_channel_and_acts_alone_name_no_item() -> None:
    for way in ("窗口备案", "人工窗口办理", "网上办理", "找他人代办", "自助终端打印"):
        assert not is_name(way), way
    # A channel beside what is done still names it.
    assert is_name("网上办理异地就医备案") and is_name("手机APP申领生育津贴")
    assert names_a_channel("2.线上办理") and not names_a_channel("二、申请材料")


def test_the_channel_a_title_describes_is_no_part_of_the_item() -> None:
    assert name_from_title("宝鸡居民医保参保线下办理方式(2020宝鸡城镇居民医保缴费方式)") == "居民医保参保"
    assert name_from_title("异地就医备案网上办理") == "异地就医备案"


@pytest.mark.parametrize("fmt", FORMATS)
def test_channel_headings_under_a_title_are_ways_of_one_item(fmt: str) -> None:
    # 汕头城乡居民医保参保流程 … then ?参保登记窗口办理流程: with the steps: one item, the title's;
    # its limit (即时办结) is in the last step.
    items = _items("heldout6", "gd_shantou_chengxiang_jumin_canbao_liucheng", fmt)
    assert [i.item_name for i in items] == ["城乡居民医保参保"]
    assert items[0].promised_days == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_process_title_naming_an_act_names_the_item(fmt: str) -> None:
    # 机关事业单位参保登记工作流程 over 1、受理 / 初审岗位受理并初步审核用人单位提交的资料:(1)…:
    # the title names the item, not the step's lead-in.
    [item] = _items("heldout6", "hn_wugang_jiguan_shiye_canbao_liucheng", fmt)
    assert item.item_name == "机关事业单位参保登记"
    assert item.materials[0].name == "《社会保险登记表》(附件1,一式二份)"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_form_with_its_notes_is_not_a_guide(fmt: str) -> None:
    # 醫療保險中斷補繳申請表 over 注: notes: the form, not a guide to a service.
    assert _items("heldout6", "xx_yibao_zhongduan_bujiao_shenqingbiao_zhu", fmt) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_opening_sentence_over_the_list_and_channel_steps(fmt: str) -> None:
    # No title; the list follows an opening sentence; 1.窗口备案 / 2.传真备案 are channels.
    [item] = _items("heldout5", "gd_maoming_zhuanzhen_beian_cailiao", fmt)
    assert item.item_name == "转诊备案"
    assert [m.name for m in item.materials][1:] == ["社会保障卡或身份证原件,其中跨省的必须携带社会保障卡", "转诊证明材料"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_catalogue_of_guide_elements_is_not_a_guide(fmt: str) -> None:
    # 社会保险领域基层政务公开事项标准目录: 事项名称 / 事项简述 / 办理材料 / 办理时限 one per line are
    # the elements each guide must publish, with a 20个工作日内 publication deadline.
    assert _items("heldout5", "sd_zibo_jingkaiqu_shebao_gongkai_mulu", fmt) == []


def test_a_time_limit_is_no_items_name() -> None:
    # 20個工作日 stands where a title would on a content page about a limit.
    assert not is_name("20個工作日") and not is_name("十五个工作日内")
    assert is_name("门诊慢特病待遇认定")
    # Nor is a bare section label standing first on a page cut before its title.
    assert not is_name("服务对象") and not is_name("办理地点")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_numbered_first_line_is_the_first_section_not_the_title(fmt: str) -> None:
    # 一、参保时间地点 / 二、参保所需资料 with no title: 参保时间地点 names no item.
    names = [i.item_name for i in _items("heldout3", "xx_ddtbk_xinshenger_canbao_ziliao", fmt)]
    assert not any("时间地点" in n for n in names)


@pytest.mark.parametrize("fmt", FORMATS)
def test_numbered_lines_naming_an_act_for_whom_head_sub_items(fmt: str) -> None:
    # 辦理醫療保險的具體程序是什么? over 1、國家機關…參保: (1)… / 2、企業…參保: / 3、… / 4、靈活就業人員參保:
    # each with its own documents: four items, one per kind of applicant.
    items = _items("heldout2", "xx_yiliao_baoxian_canbao_chengxu_fanti", fmt)
    assert [i.item_name for i in items] == [
        "國家機關及參照享受公務員醫療補助的事業單位參保", "企業及不享受公務員醫療補助的事業單位參保",
        "非正規組織就業人員參保", "靈活就業人員參保",
    ]
    assert [m.name for m in items[3].materials] == ["社會勞動保險手冊", "本人身份證", "本市常住戶口簿"]


def test_readings_left_with_a_space_by_a_pdf_copy_are_read_past() -> None:
    from normalizers.item_title import is_notice_title
    from normalizers.script import without_readings

    assert without_readings("社会(huì )保险") == "社会保险"
    # 高新區(新市區)社會(huì)保險領(lǐng)域基層政務(wù)公開: a disclosure page, its readings aside.
    assert is_notice_title("高新區(新市區)社會(huì )保險領(lǐng)域基層政務(wù)公開")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_disclosure_catalogue_titled_with_readings_is_not_a_guide(fmt: str) -> None:
    assert _items("heldout6", "xj_wulumuqi_xinshiqu_shebao_gongkai_mulu", fmt) == []
