"""Structures of the twenty-first held-out set of real guides (tests/fixtures/realworld/heldout21/),
measured once on arrival, then read as rules about guides in general."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from extractors.fields.compilation import is_compilation, split_compilation
from normalizers.item_title import clean_name
from normalizers.material_sentence import documents_shown, names_a_document

HELDOUT21 = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout21"
FORMATS = ["pdf", "docx", "html"]


def _items(stem: str, fmt: str) -> list:
    return extract_file(HELDOUT21 / "corpus" / f"{stem}.{fmt}").items


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_process_title_whose_steps_hand_over_a_paper(fmt: str) -> None:
    # 九江医保关系转移接续办理流程(九江医保关系转移接续办理流程图) over three flows of numbered steps, one
    # of them 由申请人填写《基本医疗保险关系转移接续申请表》: the page walks through the act; the title
    # worded again in brackets and the 办理 after the act are no part of the name; the form filled
    # in on the way is the paper.
    [item] = _items("jx_jiujiang_yibao_zhuanyi_jiexu", fmt)
    assert item.item_name == "医保关系转移接续"
    assert [m.name for m in item.materials] == ["《基本医疗保险关系转移接续申请表》"]
    assert item.promised_days is None  # every 15/10/5个工作日 is a step between offices


def test_title_cleaning() -> None:
    assert clean_name("九江医保关系转移接续办理流程(九江医保关系转移接续办理流程图)") == "医保关系转移接续"
    assert clean_name("医保卡办理") == "医保卡办理"  # 办理 is the only act here: it stays


@pytest.mark.parametrize("fmt", FORMATS)
def test_who_enters_a_benefit_is_no_part_of_its_name(fmt: str) -> None:
    # 各市县区职工、居民医保进入大病报销所需材料如下: the act the papers are for is 大病报销.
    [item] = _items("jx_nanchang_dabing_yibao_cailiao", fmt)
    assert item.item_name == "大病报销"
    assert len(item.materials) == 3


@pytest.mark.parametrize("fmt", FORMATS)
def test_papers_going_on_after_a_comma(fmt: str) -> None:
    # (1)申请材料:高校学生持《学生证》,《居民身份证》原件及复印件,一寸近期免冠彩色照片两张,到学校办理参保手续。
    [item] = _items("jx_nanchang_daxuesheng_canbao", fmt)
    assert [m.name for m in item.materials] == ["《学生证》", "《居民身份证》原件及复印件", "一寸近期免冠彩色照片两张"]


def test_papers_after_a_comma_and_counts() -> None:
    assert documents_shown("须持本人户口本,以及本人有效身份证,前往村医保服务室办理参保登记。") == ["本人户口本", "本人有效身份证"]
    assert documents_shown("持身份证,到窗口办理,社保卡可以不带。", given=True) == ["身份证"]
    assert names_a_document("近期两寸照片两张") and names_a_document("身份证复印件一份")
    assert not names_a_document("每人两张")


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_items_run_together_each_with_groups(fmt: str) -> None:
    # …经办业务流程 第一部分 … 一、参保登记 (一)单位参保须持… (二)… 二、参保变更 (一)… (二)…: one
    # flattened line holding two items, each opening groups of its own.
    items = _items("xx_yiliao_baoxian_jingban_yewu_liucheng", fmt)
    assert [i.item_name for i in items] == ["参保登记", "参保变更"]


def test_two_headings_make_a_compilation_only_with_acts_and_groups() -> None:
    text = "业务流程 一、参保登记 (一)单位参保须持营业执照办理。 (二)单位须携带工资表。 二、参保变更 (一)每月办理变更。"
    assert is_compilation(text)
    assert [p for p, heading in split_compilation(text) if heading] == ["一、参保登记", "二、参保变更"]
    assert not is_compilation("办理需注意 一、携带身份证 (一)原件 二、填写申请表 (一)一份")
