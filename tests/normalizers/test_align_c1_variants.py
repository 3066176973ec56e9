"""Variant words and discriminating words learnt from half C1 of the second held-out set
(tests/fixtures/names/pages_heldout_c1.json, docs/heldout_names.md). Each rule holds for
any province, so it is checked here on wordings of the same kind that are not the C1
wording it was learnt from, and none of which is a wording of half C2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from normalizers.alignment.align import match_name

C2 = Path(__file__).resolve().parents[1] / "fixtures" / "names" / "heldout_c.json"

ACCEPTED = [
    # 转移 / 迁移 on their own are the transfer of the relation
    ("职工医保转移", "基本医疗保险关系转移接续"),
    ("医保关系迁移", "基本医疗保险关系转移接续"),
    # moving between the schemes is the transfer, in either direction
    ("职工医保转城乡居民医保", "基本医疗保险关系转移接续"),
    ("居民医保转为职工医保", "基本医疗保险关系转移接续"),
    # the transfer letter and the certificate with the contributions are the certificate
    ("医保转出函", "出具参保凭证"),
    ("开具参保缴费凭证", "出具参保凭证"),
    # the rural cooperative scheme is the residents' insurance
    ("新农合参保登记", "城乡居民参保登记"),
    ("新型农村合作医疗参保登记", "城乡居民参保登记"),
    # a company or an enterprise is the employer, an employee is 职工
    ("公司参保登记", "单位参保登记"),
    ("企业参保信息变更", "单位参保信息变更登记"),
    ("单位员工减员", "职工参保登记"),
    ("新员工参保", "职工参保登记"),
    # students of any level register with the residents' insurance
    ("中小学生参保登记", "城乡居民参保登记"),
    # settling or paying back the account pays its balance out
    ("个人账户清算", "参保人员个人账户一次性支取"),
    # a gap in the contributions (断档 / 断交) paid back
    ("医保断档补收", "医疗保险费补缴"),
    ("断交补缴", "医疗保险费补缴"),
    # the card of the chronic diseases is their recognition
    ("慢性病卡办理", "门诊慢特病病种待遇认定"),
    ("门诊慢病卡申请", "门诊慢特病病种待遇认定"),
    # a long-term filing is the long-stay filing
    ("异地就医长期备案", "异地长期居住人员备案"),
    # the verb first names the same change
    ("变更单位信息", "单位参保信息变更登记"),
    # late registration is still registration: 逾期 marks no back payment on its own
    ("城乡居民逾期参保登记", "城乡居民参保登记"),
]


def test_the_checked_wordings_are_not_held_out() -> None:
    held_out = {str(e["name"]) for e in json.loads(C2.read_text(encoding="utf-8"))}
    assert not held_out & {name for name, _ in ACCEPTED}


@pytest.mark.parametrize(("name", "expected"), ACCEPTED)
def test_variant_words_are_accepted_as_their_catalog_item(name: str, expected: str) -> None:
    match = match_name(name)
    assert match.canonical_name == expected
    assert match.accepted, match.review_reason


@pytest.mark.parametrize(
    ("name", "word"),
    [
        ("城乡居民医保退保", "退保"),  # a qualifier: withdrawing is not registering
        ("城乡居民参保代缴", "代缴"),  # paying for a relative from the account
        ("家庭共济参保信息查询", "共济"),  # a family sharing one account
        ("生育补贴申领", "生育补贴"),  # a local lump-sum grant
    ],
)
def test_services_outside_the_catalog_get_no_item(name: str, word: str) -> None:
    match = match_name(name)
    assert match.canonical_id is None
    assert not match.accepted
    assert word in (match.review_reason or "")


def test_a_back_payment_is_proposed_instead_of_the_registration_it_resembles() -> None:
    # 灵活就业人员 pulls to the employee registration; 补缴 marks the back payment, which
    # the name also makes a candidate, so that one is proposed, and only for review.
    match = match_name("灵活就业人员医保补缴")
    assert match.canonical_name == "医疗保险费补缴"
    assert match.needs_review
    assert match.runner_up is not None and match.runner_up.canonical_name == "职工参保登记"
    assert "补缴" in (match.review_reason or "")


def test_an_institutions_cost_review_is_proposed_as_its_settlement() -> None:
    match = match_name("定点医疗机构费用审核")
    assert match.canonical_name == "定点医疗机构费用结算"
    assert match.needs_review


def test_a_name_holding_the_whole_wording_keeps_it_as_the_proposal() -> None:
    # The marked item is a candidate, but the name names the childbirth costs in full.
    match = match_name("生育医疗费用报销(含计划生育)")
    assert match.canonical_name == "生育医疗费支付"
    assert match.needs_review


def test_moving_the_accounts_balance_is_the_transfer_not_the_payout() -> None:
    match = match_name("个人账户余额迁移")
    assert match.canonical_name == "基本医疗保险关系转移接续"
    assert match.accepted


def test_a_certificate_is_not_accepted_as_the_transfer() -> None:
    match = match_name("医保关系转出凭证")
    assert not match.accepted
    assert "出具参保凭证" in (match.review_reason or "")
