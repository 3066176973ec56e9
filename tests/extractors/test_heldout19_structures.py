"""Structures of the nineteenth held-out set of real guides (tests/fixtures/realworld/heldout19/),
measured once on arrival, then read as rules about guides in general."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from extractors.fields.labels import guide_before_subtitle
from normalizers.item_title import defined_name, titled_definition
from normalizers.materials import split_materials

HELDOUT19 = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout19"
FORMATS = ["pdf", "docx", "html"]


def _items(stem: str, fmt: str) -> list:
    return extract_file(HELDOUT19 / "corpus" / f"{stem}.{fmt}").items


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_other_case_of_an_entry_and_a_case_needing_no_paper(fmt: str) -> None:
    # 三、所需资料 / (一)网上开办的企业…同步完成社保登记,无需再到社保经办机构办理。/ (二)…按以下方式办理:
    # 1.已注册的…提供单位名称… / 未注册的,提供《重庆市社会保险登记表》。/ 2. 需一并办理人员增加的,提供:
    # (1)…(4): the unnumbered line is entry 1's other case, not prose after the list, and the case
    # that needs no visit and no paper gives no material.
    [item] = _items("cq_kaizhou_chengbao_danwei_shebao_dengji", fmt)
    names = [m.name for m in item.materials]
    assert len(names) == 6
    assert names[1] == "未在市场监管部门注册登记的,提供《重庆市社会保险登记表》"
    assert not any("无需再到社保经办机构办理" in n for n in names)
    assert item.materials[2].condition is not None and item.materials[2].condition.endswith("需一并办理人员增加的,提供")


def test_a_case_needing_nothing_is_no_material_but_one_giving_something_is() -> None:
    got = split_materials([
        "(一)通过网上大厅办理开办手续的企业,同步完成社保登记,无需再到社保经办机构办理。",
        "(二)已在市场监管部门注册登记的用人单位提供单位名称,无需提供其他资料;",
        "(三)不需要到窗口办理的,提交《参保登记表》电子版。",
    ])
    assert [m.name for m in got] == [
        "已在市场监管部门注册登记的用人单位提供单位名称,无需提供其他资料",
        "不需要到窗口办理的,提交《参保登记表》电子版",
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_name_label_holding_a_definition_names_by_the_title(fmt: str) -> None:
    # 事项名称 / 单位新增参保登记是指用人单位办理社会保险参保登记,…: the value defines the item;
    # its name is the words defined, as the page's title gives them where it has one (HTML);
    # 申请办理所需资料☆ labels the materials.
    [item] = _items("js_jurong_danwei_xinzeng_canbao_dengji", fmt)
    assert item.item_name == ("单位新增参保登记(企业)" if fmt == "html" else "单位新增参保登记")
    assert item.promised_days == 0 and item.legal_days is None
    assert [m.name for m in item.materials][-1] == "开户银行材料(非必须)"
    assert len(item.materials) == 4


def test_definitions_and_names() -> None:
    assert defined_name("单位新增参保登记是指用人单位办理社会保险参保登记,主要内容是单位信息。") == "单位新增参保登记"
    assert defined_name("生育津贴支付") is None  # a name, not a definition
    assert defined_name("本事项是指参保人的申请。") is None  # the words defined name no service
    assert titled_definition("单位新增参保登记", "单位新增参保登记(企业)") == "单位新增参保登记(企业)"
    assert titled_definition("单位新增参保登记", "异地就医备案办事指南") is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_guide_headings_with_subtitles_are_items(fmt: str) -> None:
    # 一、城乡居民慢病报销:糖尿病年度最高报1440元! / 二、转外就医攻略:备案流程、报销政策全解析 /
    # 三、慢病审批指南:卧病在床可代办,15个工作日办结: the parts titled as guides are items (the subtitle's
    # 代办 is no way of applying); the third's subtitle says its limit; 申报时限:… after the papers is a
    # term of the act and ends their list.
    items = _items("jl_changchun_yibao_zixun_jieda", fmt)
    assert [i.item_name for i in items] == ["转外就医", "慢病审批"]
    assert [m.name for m in items[0].materials][-1] == "转诊确认告知书"
    assert len(items[0].materials) == 4
    assert items[0].promised_days is None
    assert items[1].promised_days == 15 and items[1].materials == []


def test_guide_before_subtitle() -> None:
    assert guide_before_subtitle("慢病审批指南:卧病在床可代办,15个工作日办结") == "慢病审批指南"
    assert guide_before_subtitle("城乡居民慢病报销:糖尿病年度最高报1440元!") is None
    assert guide_before_subtitle("办理指南:") is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_steps_naming_papers_are_the_materials(fmt: str) -> None:
    # 医保卡报销流程如下: 1、准备…出院小结、发票、用药明细表; 2、本人身份证、医保卡、…就医证明…; 3、带上
    # 以上资料到当地医保处即可办理。: with no materials label, the steps made of papers are the materials.
    items = _items("cq_jumin_yibao_banli_baoxiao_wenda", fmt)
    reimbursed = next(i for i in items if i.item_name == "医保卡报销")
    assert [m.name for m in reimbursed.materials] == [
        "准备就医医院出具的出院小结、发票、用药明细表",
        "本人身份证、医保卡、单位出具的就医证明(需盖公司公章),如不是企业参保则不需单位出具的就医证明",
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_materials_question_naming_no_act_and_a_recent_list(fmt: str) -> None:
    # 二、需要带什么材料 names no act (需要带 is asking); the site's 最近更新 list of other articles
    # (地软包子馅的配料 地软包子馅的材料) is no part of the page.
    [item] = _items("cq_waidi_huji_jumin_yibao_cailiao", fmt)
    assert item.item_name == "外地户籍在重庆办理居民医保"
    assert [m.name for m in item.materials] == ["身份证", "户口簿", "有社保卡的要提供社保卡,没有就不需要提供", "居住证"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_notices_of_the_set_give_no_item(fmt: str) -> None:
    for stem in ("cq_chengxiang_jumin_yibao_banli_tiaojian", "ln_yibao_jingban_chuangkou_fuwu_guifan",
                 "xx_zhuanyi_jiexu_sanzhong_qingxing"):  # fmt: skip
        assert _items(stem, fmt) == []
