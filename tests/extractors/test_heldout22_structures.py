"""Structures of the twenty-second held-out set of real guides (tests/fixtures/realworld/heldout22/),
measured once on arrival, then read as rules about guides in general."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from normalizers.item_title import clean_name
from normalizers.script import to_simplified
from normalizers.time_limits import process_limit_clause

HELDOUT22 = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout22"
FORMATS = ["pdf", "docx", "html"]


def _items(stem: str, fmt: str) -> list:
    return extract_file(HELDOUT22 / "corpus" / f"{stem}.{fmt}").items


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_fuller_wording_of_an_act_said_in_prose(fmt: str) -> None:
    # No title: …到轄區醫保經辦機構辦理津貼申領手續 twice, …辦理生育津貼申領手續 once: the shorter wording
    # is the fuller one's act; in the PDF the wrapped half of a paragraph (…規定,…憑相關證明材料)
    # ends like a label but is prose.
    [item] = _items("hb_wuhan_shengyu_jintie_shenling", fmt)
    assert to_simplified(item.item_name) == "生育津贴申领"
    assert len(item.materials) == 3


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_explaining_title_word_is_no_part_of_the_name(fmt: str) -> None:
    # 全面讲解吴忠市生育津贴报销办理流程指南
    [item] = _items("nx_wuzhong_shengyu_jintie_baoxiao", fmt)
    assert item.item_name == "生育津贴报销"
    assert clean_name("一文读懂广州生育津贴申领") == "生育津贴申领"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_title_shortened_is_no_second_guide_and_and_other_papers(fmt: str) -> None:
    # 转外就医医疗费报销指南 then 医疗费报销指南 twice: one guide; its papers in one line end with
    # …、医疗机构等级证明等其他审核所需的相关资料, the last paper without "and the other papers".
    [item] = _items("zj_hangzhou_zhuanwai_jiuyi_baoxiao", fmt)
    assert item.item_name == "转外就医医疗费报销"
    names = [m.name for m in item.materials]
    assert len(names) == 8 and names[-1] == "医疗机构等级证明"
    assert [b.doc_number for b in item.legal_basis] == ["市委[2007]42号", "市委办[2008]4号"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_how_to_title_keeps_its_headings_as_parts(fmt: str) -> None:
    # 济宁住院费用医保怎么报销? over 市内定点医院住院费用结算 / …报销比例 / 异地就医人员的医疗费结算: the
    # headings are the cases of the act asked about, one item; 12个工作日内将报销资金打入…账户 is its limit.
    [item] = _items("sd_jining_zhuyuan_feiyong_baoxiao", fmt)
    assert item.item_name == "住院费用医保报销"
    assert item.promised_days == 12
    assert len(item.materials) == 5


def test_money_paid_into_the_account_completes_the_act() -> None:
    text = "待补足医疗保险费后到窗口报销,12个工作日内将报销资金打入参保人员社保卡的金融账户。"
    assert process_limit_clause(text) == "12个工作日内将报销资金打入参保人员社保卡的金融账户"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_lead_in_opening_with_what_is_applied_for(fmt: str) -> None:
    # 生育保险待遇由用人单位在职工产后或手术后18个月内,向社会保险经办机构申请办理,申办时应填报《…》,并提供
    # 以下资料: (wrapped over two lines in the PDF): the sentence opens with what is applied for.
    [item] = _items("zj_hangzhou_shengyu_baoxian_jiedu", fmt)
    assert item.item_name == "生育保险待遇"
    assert [m.name for m in item.materials][-1] == "婴儿出生证"
