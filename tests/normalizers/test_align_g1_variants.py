"""Rules learnt from half F2 of the fifth held-out set (measured as a whole first, then read
wording by wording) and from half G1 of the sixth (tests/fixtures/names/pages_heldout_g1.json,
docs/heldout_names.md). Each rule is written for a class of wordings, so it is checked here on
other wordings of that class: none is a wording it was learnt from, and none is a wording of
the halves still held out (G2, C2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalizers.alignment.align import match_name
from tests.normalizers.alignment_helpers import assert_unseen

NAMES = Path(__file__).resolve().parents[1] / "fixtures" / "names"
HELD_OUT = [NAMES / "heldout_g.json", NAMES / "heldout_c.json"]
LEARNT_FROM = [NAMES / "pages_heldout_g1.json", NAMES / "heldout_f.json"]

ACCEPTED = [
    # paying one's insurance is registering for it; who pays says whose registration
    ("大学生交医保", "城乡居民参保登记"),
    ("中小学生缴纳医疗保险", "城乡居民参保登记"),
    ("职工交医保", "职工参保登记"),
    # the employer acting for its staff names the employees' service
    ("公司为员工缴纳医保", "职工参保登记"),
    ("单位为职工办理医保", "职工参保登记"),
    # a newborn is enrolled in the residents' insurance
    ("新生儿医保登记", "城乡居民参保登记"),
    ("新生儿落地险办理", "城乡居民参保登记"),
    # the employer's headcount named by its count
    ("单位职工人数增减", "职工参保登记"),
    # the employer's contact person is the employer's registered information
    ("单位经办人信息修改", "单位参保信息变更登记"),
    ("经办人变更登记", "单位参保信息变更登记"),
    # insurance resumed after a pause is joined again
    ("居民医保停保后恢复", "城乡居民参保登记"),
    # a serious-illness grant applied for is medical aid
    ("低保户大病补助", "医疗救助对象待遇核准支付"),
    # filed for care elsewhere, the verb first
    ("备案异地就医申请", "异地安置退休人员备案"),
    # a change of the registered information that names the employer stays the employer's
    ("单位参保信息修改", "单位参保信息变更登记"),
]

# paying late or missed payments: the back payment is proposed, never accepted on so little
LATE = ["城乡居民医保晚交", "居民医保过期未缴", "职工医保漏缴"]

IN_REVIEW = ["交医保", "缴纳医疗保险", "单位交医保", "公司缴纳医疗保险"]

FAMILY = ["给父母交医保", "为家人缴纳医保", "帮父母交居民医保"]


def test_the_checked_wordings_are_neither_held_out_nor_learnt_from() -> None:
    checked = {name for name, _ in ACCEPTED} | set(LATE) | set(IN_REVIEW) | set(FAMILY)
    assert_unseen(checked, HELD_OUT, LEARNT_FROM)


@pytest.mark.parametrize(("name", "expected"), ACCEPTED)
def test_wordings_of_a_learnt_class_are_accepted_as_their_catalog_item(
    name: str, expected: str
) -> None:
    match = match_name(name)
    assert match.canonical_name == expected
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", LATE)
def test_a_late_payment_is_proposed_as_the_back_payment(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "医疗保险费补缴"


@pytest.mark.parametrize("name", IN_REVIEW)
def test_paying_without_saying_whose_insurance_goes_to_review(name: str) -> None:
    # With nobody named it is any of the three registrations; an employer paying pays its
    # staff's contributions, so its own registration is never accepted.
    match = match_name(name)
    assert not match.accepted
    assert "职工参保登记" in {c.canonical_name for c in match.candidates}


@pytest.mark.parametrize("name", FAMILY)
def test_paying_for_a_relative_is_no_registration(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None
    assert not match.accepted


def test_a_change_of_information_naming_no_party_is_a_persons_either_scheme() -> None:
    match = match_name("医保参保信息更改")
    assert match.canonical_name == "职工参保信息变更登记"
    assert match.accepted, match.review_reason
    assert match.also_covers == ["YB-0106"]  # 城乡居民参保信息变更登记
