"""Structures of the twenty-third held-out set of real guides (tests/fixtures/realworld/heldout23/),
measured once on arrival, then read as rules about guides in general."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from normalizers.item_title import clean_name
from normalizers.time_limits import process_limit_clause

HELDOUT23 = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout23"
FORMATS = ["pdf", "docx", "html"]


def _items(stem: str, fmt: str) -> list:
    return extract_file(HELDOUT23 / "corpus" / f"{stem}.{fmt}").items


@pytest.mark.parametrize("fmt", FORMATS)
def test_lead_ins_for_cases_needing_more_papers(fmt: str) -> None:
    # …手工报销需提供以下资料: ①…③ / 住院费用还需提供以下资料: ④…⑥ / 属于外伤住院的还需提供以下资料: ⑦⑧:
    # the cases needing more papers are groups of one list, not acts; the introduction pointing at
    # the papers below names none of them.
    [item] = _items("gd_zhuhai_jumin_yibao_shougong_baoxiao", fmt)
    assert item.item_name == "城乡居民医保报销"
    names = [m.name for m in item.materials]
    assert len(names) == 8
    assert names[0] == "报销人社保卡原件、代办的还须提供代办人身份证原件"
    assert names[3] == "出院小结/出院记录"


@pytest.mark.parametrize("fmt", FORMATS)
def test_kinds_of_the_guides_item_are_items(fmt: str) -> None:
    # 医疗救助办事指南 / 政策依据: four documents / (一)城市医疗救助 …提供身份证、户口簿、…等复印件 / (二)农村医疗
    # 救助 …: the headings name kinds of the title's item, each an item with the page's basis.
    items = _items("hn_chenzhou_yiliao_jiuzhu_zhinan", fmt)
    assert [i.item_name for i in items] == ["城市医疗救助", "农村医疗救助"]
    assert all(len(i.legal_basis) == 4 for i in items)
    assert [m.name for m in items[1].materials][:3] == ["身份证", "户口簿", "低保证"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_both_limits_as_labels_of_their_own(fmt: str) -> None:
    # 承诺办结时限 / 17个工作日 / 法定办结时限 / 17个工作日: a portal grid flattened one cell per line.
    [item] = _items("nm_huhehaote_yiliao_jiuzhu_zhinan", fmt)
    assert (item.legal_days, item.promised_days) == (17, 17)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_flow_chart_title_and_a_one_line_list_ending_with_etc(fmt: str) -> None:
    # 门诊慢特病申请相关流程图 (a breadcrumb 首页>>医保指南>>… above it); 提交材料 / 《…申请表》、门诊病历、…和药品
    # 发票单据等; 02 认定 …20个工作日内完成认定.
    [item] = _items("ah_luan_menzhen_mantebing_shenqing", fmt)
    assert item.item_name == "门诊慢特病申请"
    assert [m.name for m in item.materials] == [
        "《六安市基本医疗保险慢特病门诊待遇申请表》", "门诊病历", "出院记录(或疾病诊断证明)", "与认定标准对应的检查报告单和药品发票单据",
    ]
    assert item.promised_days == 20


def test_flow_charts_and_findings() -> None:
    assert clean_name("门诊慢特病申请流程图") == "门诊慢特病申请"
    assert process_limit_clause("申请材料齐全的,20个工作日内完成认定。") == "20个工作日内完成认定"
