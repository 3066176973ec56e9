"""Variant words and discriminating words learnt from half A of the held-out wordings
(tests/fixtures/names/pages_heldout_a.json) and from the classified disagreements of
docs/heldout_names.md: each rule is a domain synonym that holds for
any province, so besides the wording it was learnt from it is checked on other wordings of
the same kind."""

from __future__ import annotations

import pytest

from normalizers.alignment.align import match_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # 长居 is 长期居住
        ("长居异地就医备案", "异地长期居住人员备案"),
        ("异地长居人员备案", "异地长期居住人员备案"),
        # 转移申请 is the transfer
        ("医保转移申请", "基本医疗保险关系转移接续"),
        ("医疗保险转移申请", "基本医疗保险关系转移接续"),
        # 生活津贴 is the allowance
        ("生育生活津贴", "生育津贴支付"),
        # 特殊门诊 is 门诊慢特病; its costs stay outpatient costs
        ("特殊门诊手续办理", "门诊慢特病病种待遇认定"),
        ("特殊门诊待遇认定", "门诊慢特病病种待遇认定"),
        # a clinic is a medical institution
        ("诊所申请办理医保", "医疗机构申请定点协议管理"),
        # a subsidy for the costs is their payment
        ("男职工未就业配偶生育医疗费补贴", "生育医疗费支付"),
        # 修改 / 更改 are 变更; 个人 after a group adds nothing
        ("居民个人基本信息变更", "城乡居民参保信息变更登记"),
        ("单位信息修改", "单位参保信息变更登记"),
        ("职工参保信息更改", "职工参保信息变更登记"),
        ("职工基本信息修改", "职工参保信息变更登记"),
        ("单位名称变更登记", "单位参保信息变更登记"),
        # declaring a headcount change is the change
        ("职工减员申报", "职工参保登记"),
        # 大病救助 is medical aid
        ("大病救助申请", "医疗救助对象待遇核准支付"),
    ],
)
def test_variant_words_are_accepted_as_their_catalog_item(name: str, expected: str) -> None:
    match = match_name(name)
    assert match.canonical_name == expected
    assert match.accepted, match.review_reason


def test_approval_to_be_treated_elsewhere_is_the_generic_filing() -> None:
    match = match_name("异地就诊审批")
    assert match.accepted
    assert match.canonical_name == "异地安置退休人员备案"
    assert len(match.also_covers) == 3  # the other three filings


def test_two_designated_institutions_settlement_is_proposed_for_review() -> None:
    # 两定机构 are the designated hospitals and pharmacies; 月度结算 is weaker than
    # 费用结算, so the settlement is proposed, not accepted.
    match = match_name("两定机构月度结算")
    assert match.canonical_name == "定点医疗机构费用结算"
    assert match.needs_review


@pytest.mark.parametrize(
    ("name", "word", "not_item"),
    [
        # a printed proof of a recognition or a filing is neither
        ("门诊慢特病证明打印", "打印", "门诊慢特病病种待遇认定"),
        ("异地就医备案证明打印", "打印", "异地安置退休人员备案"),
        # a referral inside the city or county is no filing for care elsewhere
        ("市内转诊转院", "市内", "异地转诊人员备案"),
        ("县域内转诊", "县域内", "异地转诊人员备案"),
        # contributions paid back are not the individual account's balance
        ("个人缴费一次性支付", "缴费", "参保人员个人账户一次性支取"),
    ],
)
def test_words_of_a_service_outside_the_catalog_leave_no_item(
    name: str, word: str, not_item: str
) -> None:
    match = match_name(name)
    assert match.canonical_id is None
    assert match.needs_review
    assert word in (match.review_reason or "") and not_item in (match.review_reason or "")


def test_pension_services_are_no_medical_insurance_item() -> None:
    match = match_name("城乡居民养老保险参保登记")
    assert match.canonical_id is None
    assert "养老" in (match.review_reason or "")


def test_medical_aid_words_keep_a_reimbursement_from_being_accepted() -> None:
    match = match_name("低保住院二次报销")
    assert not match.accepted
    assert "医疗救助对象待遇核准支付" in (match.review_reason or "")
