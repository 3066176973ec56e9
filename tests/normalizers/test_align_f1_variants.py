"""Rules learnt from half E2 of the fourth held-out set (measured as a whole first, then read
wording by wording) and from half F1 of the fifth (tests/fixtures/names/pages_heldout_f1.json,
docs/heldout_names.md). Each rule is written for a class of wordings, so it is checked here on
other wordings of that class: none is a wording it was learnt from, and none is a wording of
the halves still held out (F2, C2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalizers.alignment.align import match_name
from tests.normalizers.alignment_helpers import assert_unseen

NAMES = Path(__file__).resolve().parents[1] / "fixtures" / "names"
HELD_OUT = [NAMES / "heldout_f.json", NAMES / "heldout_c.json"]
LEARNT_FROM = [NAMES / "pages_heldout_f1.json", NAMES / "heldout_e.json"]

ACCEPTED = [
    # adding people to the employer's insurance (增加人员)
    ("单位增加人员", "职工参保登记"),
    # a changed name is a change of the registered information
    ("职工改名", "职工参保信息变更登记"),
    ("单位更名", "单位参保信息变更登记"),
    # moving from one scheme to the other is the transfer
    ("城乡居民医保改为职工医保", "基本医疗保险关系转移接续"),
    ("新农合转换职工医保", "基本医疗保险关系转移接续"),
    # asking after one's insurance, or one's account balance
    ("医疗保险查询", "参保人员参保信息查询"),
    ("查医保", "参保人员参保信息查询"),
    ("个人账户余额查询", "参保人员参保信息查询"),
    # the balance on the card taken out
    ("医保卡余额提取", "参保人员个人账户一次性支取"),
    ("个人账户余额取现", "参保人员个人账户一次性支取"),
    # an institution squaring its accounts with the insurance
    ("定点医院医保结账", "定点医疗机构费用结算"),
    ("药店医保回款", "定点零售药店费用结算"),
    # a pharmacy opening card payments applies to be designated
    ("药房开通医保支付", "零售药店申请定点协议管理"),
    # the verb first
    ("报销住院医疗费", "住院费用报销"),
    ("报销门诊费用", "门诊费用报销"),
    ("交合作医疗", "城乡居民参保登记"),
    ("交居民医保", "城乡居民参保登记"),
    # a university's insurance is its students'
    ("高校医保参保", "城乡居民参保登记"),
]

IN_REVIEW = ["单位停保", "公司报停", "职工医保停缴转居民医保", "医保电子凭证激活"]


def test_the_checked_wordings_are_neither_held_out_nor_learnt_from() -> None:
    checked = {name for name, _ in ACCEPTED} | set(IN_REVIEW)
    assert_unseen(checked, HELD_OUT, LEARNT_FROM)


@pytest.mark.parametrize(("name", "expected"), ACCEPTED)
def test_wordings_of_a_learnt_class_are_accepted_as_their_catalog_item(
    name: str, expected: str
) -> None:
    match = match_name(name)
    assert match.canonical_name == expected
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", ["单位停保", "公司报停"])
def test_an_employer_stopping_goes_to_review_with_its_staff_as_a_candidate(name: str) -> None:
    # Without the rule both are accepted as the employer's own registration.
    match = match_name(name)
    assert not match.accepted
    assert "职工参保登记" in {c.canonical_name for c in match.candidates}


def test_stopping_one_scheme_to_join_the_other_is_never_accepted_as_a_registration() -> None:
    match = match_name("职工医保停缴转居民医保")
    assert not match.accepted
    assert "基本医疗保险关系转移接续" in {c.canonical_name for c in match.candidates}


def test_the_electronic_voucher_is_no_certificate_of_insurance() -> None:
    match = match_name("医保电子凭证激活")
    assert match.canonical_name is None
    assert not match.accepted
