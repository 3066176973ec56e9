"""Structures of the twenty-eighth held-out set of real guides (tests/fixtures/realworld/heldout28/),
measured once on arrival, then read as rules about guides in general."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from normalizers.material_sentence import documents_shown

HELDOUT28 = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout28"
FORMATS = ["pdf", "docx", "html"]


def _items(stem: str, fmt: str) -> list:
    return extract_file(HELDOUT28 / "corpus" / f"{stem}.{fmt}").items


@pytest.mark.parametrize("fmt", FORMATS)
def test_steps_that_list_papers_to_get_ready(fmt: str) -> None:
    # 异地急诊怎么报销 / 方法/步骤 with numbered paragraphs: 包括本人社保卡、… lists the papers, 还需要准备
    # 外埠住院费用汇总清单、… adds those of a stay in hospital.
    [item] = _items("bj_beijing_yidi_jizhen_baoxiao", fmt)
    names = [m.name for m in item.materials]
    assert names[:4] == ["本人社保卡", "急诊诊断证明", "急诊处方底方", "收费票据"]
    assert names[-3:] == ["外埠住院费用汇总清单", "出院诊断证明", "本次住院的全部病例复印件"]


def test_including_lists_papers_only_where_every_entry_is_one() -> None:
    assert documents_shown("包括本人社保卡、急诊诊断证明。", given=True) == ["本人社保卡", "急诊诊断证明"]
    assert documents_shown("报销范围包括住院费用、门诊费用。", given=True) == []
    assert documents_shown("请先准备好身份证。", given=True) == ["身份证"]
    assert documents_shown("需要准备工作证明。", given=True) == []  # 准备工作: the preparations, no paper


@pytest.mark.parametrize("fmt", FORMATS)
def test_papers_a_comma_separates_inside_a_semicolon_list(fmt: str) -> None:
    # 材料包括:A、B、C、D;参保患者本人医保卡、本,参保患者本人银行卡或存折复印件,参保患者本人及代办人身份证
    # 原件及复印件;…: between semicolons, papers a comma separates are each one entry.
    [item] = _items("ah_huaibei_zhuanzhen_zhuanyuan_baoxiao", fmt)
    names = [m.name for m in item.materials]
    assert "参保患者本人银行卡或存折复印件" in names
    assert "参保患者本人及代办人身份证原件及复印件" in names


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_numbered_list_running_on_after_a_lead_in(fmt: str) -> None:
    # 申請長期護理保險待遇時,用戶需要攜帶並提交以下材料:1、身份證;…2、社保卡(醫保卡);…3、其他相關材料…: the
    # list's entries are on the lead-in's own line (traditional characters kept in the names).
    [item] = _items("xx_changhuxian_shenqing_liucheng", fmt)
    assert item.item_name == "長期護理保險申請"
    assert [m.name for m in item.materials] == [
        "身份證;如爲代辦,還需代辦人身份證",
        "社保卡(醫保卡);如爲離休幹部,則提供離休幹部醫療證",
        "其他相關材料,如戶口簿,請具體諮詢各受理點",
    ]
