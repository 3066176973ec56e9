"""Rules for how citizens name services, learnt from set D and half E1 of the fourth held-out
set (tests/fixtures/names/pages_heldout_e1.json, docs/heldout_names.md). Each rule is written
for a class of wordings, so it is checked here on other wordings of that class: none is the
wording it was learnt from, and none is a wording of half E2 or of half C2."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalizers.alignment.align import match_name
from tests.normalizers.alignment_helpers import assert_unseen

NAMES = Path(__file__).resolve().parents[1] / "fixtures" / "names"
HELD_OUT = [NAMES / "heldout_e.json", NAMES / "heldout_c.json"]
LEARNT_FROM = [NAMES / "pages_heldout_e1.json", NAMES / "heldout_d.json"]

ACCEPTED = [
    # children are insured with the residents' insurance
    ("儿童医保参保", "城乡居民参保登记"),
    ("婴幼儿参保", "城乡居民参保登记"),
    ("少儿医保参保登记", "城乡居民参保登记"),
    ("城乡医保参保登记", "城乡居民参保登记"),
    # joining the rural cooperative scheme (参合)
    ("参合登记", "城乡居民参保登记"),
    ("新农合参合登记", "城乡居民参保登记"),
    # stopping one's insurance, said the way people say it
    ("职工医保报停", "职工参保登记"),
    ("居民医保报停", "城乡居民参保登记"),
    ("职工医保停缴", "职工参保登记"),
    # an employee leaving and the employer's headcount
    ("员工离职减员", "职工参保登记"),
    ("单位减员", "职工参保登记"),
    ("单位增员申报", "职工参保登记"),
    ("添加员工参保", "职工参保登记"),
    # registering is also called 注册
    ("单位注册", "单位参保登记"),
    ("单位医保注册登记", "单位参保登记"),
    # chronic and special diseases applied for (慢性疾病, 特殊病种申请, 慢性病申报)
    ("慢性疾病认定", "门诊慢特病病种待遇认定"),
    ("特殊病种申请", "门诊慢特病病种待遇认定"),
    ("慢性病申报", "门诊慢特病病种待遇认定"),
    # the contribution records are the insured person's information
    ("个人缴费记录查询", "参保人员参保信息查询"),
    # 查 is how people say 查询
    ("个人参保查", "参保人员参保信息查询"),
    # reimbursing care, whatever scheme is named before it, is the manual reimbursement
    ("看病报销", "住院费用报销"),
    ("合作医疗报销", "住院费用报销"),
    ("居民医保报销", "住院费用报销"),
]


def test_the_checked_wordings_are_neither_held_out_nor_learnt_from() -> None:
    checked = {name for name, _ in ACCEPTED} | {"医保停保", "停缴医保", "生育住院报销", "分娩费用报销", "新生儿参保登记一件事", "职工参保一件事", "查询是否参保", "查是否参保"}
    assert_unseen(checked, HELD_OUT, LEARNT_FROM)


@pytest.mark.parametrize(("name", "expected"), ACCEPTED)
def test_citizens_wordings_are_accepted_as_their_catalog_item(name: str, expected: str) -> None:
    match = match_name(name)
    assert match.canonical_name == expected
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", ["查询是否参保", "查是否参保"])
def test_asking_whether_one_is_insured_proposes_the_persons_information(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "参保人员参保信息查询"


@pytest.mark.parametrize("name", ["体检查验", "年度审查", "医保基金核查"])
def test_checking_and_examining_are_no_query(name: str) -> None:
    # 查 is read as 查询 only where it is not part of 检查 / 审查 / 核查 / 查验: read as 查询,
    # each of these would put the person's information before a reviewer
    match = match_name(name)
    assert "参保人员参保信息查询" not in {c.canonical_name for c in match.candidates}
    assert match.canonical_name != "参保人员参保信息查询"


@pytest.mark.parametrize("name", ["医保停保", "停缴医保"])
def test_stopping_without_saying_whose_goes_to_review(name: str) -> None:
    # The employees' and the residents' registrations read alike: a person says which.
    match = match_name(name)
    assert not match.accepted
    assert {c.canonical_name for c in match.candidates} >= {"职工参保登记", "城乡居民参保登记"}


@pytest.mark.parametrize("name", ["生育住院报销", "分娩费用报销"])
def test_childbirth_costs_are_never_accepted_as_a_manual_reimbursement(name: str) -> None:
    # Accepted only as the childbirth costs (a delivery's costs are read as them since the rules
    # learnt from V2 and W1), never as the inpatient or outpatient claim.
    match = match_name(name)
    assert not match.accepted or match.canonical_name == "生育医疗费支付"
    assert match.canonical_name not in {"门诊费用报销", "住院费用报销"}
    assert "生育医疗费支付" in {c.canonical_name for c in match.candidates} | {match.canonical_name}


@pytest.mark.parametrize("name", ["新生儿参保登记一件事", "职工参保一件事"])
def test_a_bundle_of_services_gets_no_item(name: str) -> None:
    # Without the rule both are accepted as the registration they start with.
    match = match_name(name)
    assert match.canonical_id is None
    assert not match.accepted
    assert "一件事" in (match.review_reason or "")
