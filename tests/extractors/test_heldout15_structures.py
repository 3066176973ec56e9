"""Structures of the fifteenth held-out set of real guides (tests/fixtures/realworld/heldout15/),
measured once on arrival, then read as rules about guides in general."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from normalizers.item_title import name_from_title
from normalizers.material_sentence import documents_shown
from normalizers.materials import split_materials

HELDOUT15 = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout15"
FORMATS = ["pdf", "docx", "html"]


def _items(stem: str, fmt: str) -> list:
    return extract_file(HELDOUT15 / "corpus" / f"{stem}.{fmt}").items


@pytest.mark.parametrize("fmt", FORMATS)
def test_joining_a_scheme_is_enrolling_and_the_sentence_names_whom_its_papers_are_for(fmt: str) -> None:
    # 新生儿如何参加城乡居民医保? answered by 首次参加人员:可带身份证或户口簿到所在村或社区办理参保登记手续:
    # 带 after a modal word is bringing; 参加…医保 is 参保; the group before the colon is the condition.
    [item] = _items("hb_yichang_xinshenger_canbao", fmt)
    assert item.item_name == "新生儿参加城乡居民医保"
    assert [(m.name, m.condition) for m in item.materials] == [("身份证或户口簿", "首次参加人员")]


def test_bringing_after_a_modal_word() -> None:
    assert documents_shown("可带身份证或户口簿到所在村或社区办理参保登记手续") == ["身份证或户口簿"]
    assert documents_shown("该政策带来了便利,可到窗口办理") == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_headings_under_a_process_title_are_its_steps(fmt: str) -> None:
    # 市外转诊手续办理流程 over 一.专科就诊 / 二.资料准备 / 三.医保办审核: one act's process, so the
    # headings are its steps (三.医保办审核 no item), and 资料准备 is its materials.
    [item] = _items("gd_shenzhen_erhospital_zhuanzhen_shouxu", fmt)
    assert item.item_name == "市外转诊"
    assert item.materials[0].name == "参保人社保卡原件、复印件"


def test_referral_and_approval_are_acts() -> None:
    assert name_from_title("市外转诊手续办理流程") == "市外转诊"
    assert name_from_title("具体转诊审批流程如下") == "转诊审批"


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_untitled_page_under_a_sentence_heading_names_its_act(fmt: str) -> None:
    # 具体转诊审批流程如下 then 1、…持(身份证或医保卡)… 2、…填写《转诊申请表》: the heading names the act.
    [item] = _items("js_huaian_zhuanzhen_shenpi_liucheng", fmt)
    assert item.item_name == "转诊审批"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_first_entry_run_in_with_a_colon_names_the_act(fmt: str) -> None:
    # 1.生育保险待遇申领:提供计划生育证明(即准生证)、新生儿出生医学证明(即出生证)或户口簿、住院费用明细。
    [item] = _items("xx_shengyu_baoxian_daiyu_shenling", fmt)
    assert item.item_name == "生育保险待遇申领"
    assert [m.name for m in item.materials] == [
        "计划生育证明(即准生证)",
        "新生儿出生医学证明(即出生证)或户口簿",
        "住院费用明细",
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_lines_under_the_heading_naming_the_item_are_its_own(fmt: str) -> None:
    # (四)转诊转院结算 over three rules; the third says 持转诊转院审批表、病历证书、处方及有效单据,到…报销
    # (报销, not the heading's 结算: the lines under the heading are the item's whatever act they say).
    [item] = _items("xx_zhuanzhen_zhuanyuan_jiesuan", fmt)
    assert item.item_name == "转诊转院结算"
    assert [m.name for m in item.materials] == ["转诊转院审批表", "病历证书", "处方", "有效单据"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_topic_then_a_question_names_the_item_and_a_long_list_is_split(fmt: str) -> None:
    # 异地就医,怎么用医保报销; …凭身份证、户口簿、…、医药费发票以及医院费用明细总清单、异地居住证明或暂住证等资料
    # (a long list ending with a choice of its own, joined by 以及, closed by 等资料).
    [item] = _items("xx_yidi_jiuyi_yibao_baoxiao", fmt)
    assert item.item_name == "异地就医医保报销"
    assert [m.name for m in item.materials] == [
        "身份证", "户口簿", "居民医保卡", "出院证明", "医药费发票", "医院费用明细总清单", "异地居住证明或暂住证",
    ]


def test_a_short_list_ending_with_a_choice_is_one_proof() -> None:
    assert documents_shown("凭医保电子凭证、身份证或社保卡到窗口办理") == ["医保电子凭证、身份证或社保卡"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_materials_saying_none_are_asked_give_none(fmt: str) -> None:
    # 备案材料:实施个人承诺制,无需相关材料
    [item] = _items("hi_haikou_kuasheng_menzhen_jiesuan", fmt)
    assert item.item_name == "跨省异地就医门诊结算"
    assert item.materials == []


def test_none_needed_in_words() -> None:
    assert split_materials(["实施个人承诺制,无需相关材料"]) == []
    assert split_materials(["不需要提供任何材料"]) == []
    assert [m.name for m in split_materials(["无需复印的身份证原件"])] == ["无需复印的身份证原件"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_group_headings_under_an_empty_materials_heading_are_its_groups(fmt: str) -> None:
    # 參保材料 / 城鎮居民 / 1、…5、 / 城鎮職工 / 1、2、: each group heading is the condition of its list.
    [item] = _items("gs_lanzhou_yibao_canbao_fanti", fmt)
    conditions = [m.condition for m in item.materials]
    assert conditions[0] == "城鎮(zhèn)居民" and conditions[-1] == "城鎮(zhèn)職工"
    assert len(item.materials) == 7
