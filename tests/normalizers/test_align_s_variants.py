"""Rules learnt from S1, released for learning after S was measured untouched on the rules learnt
from R1 and on those learnt from R2 (docs/heldout_names.md, "S1, read after its release"), and
from the earlier sets' wordings of the same classes. They read classes of wordings, not single
names: a claim or how much a scheme pays (报销, 比例, 起付线) is what is paid, not the recognition
of a chronic or special disease that lets one claim; a scheme's wording that ends in an insurance
word keeps the reimbursement after it (农村医保报销 as 医保报销); a chronic disease said without 门诊
before a claim is the outpatient scheme's; a question setting two alternatives against each other
(住院报销还是门诊报销) names neither; a question after the materials a service needs is about that
service; the address of the social-insurance registration is the employer's; the account's
balance said with no act is not accepted as paid out. Each is checked here on other wordings of its class, none of them a wording of any
labelled set."""

from __future__ import annotations

import pytest

from normalizers.alignment.align import match_name
from tests.normalizers.alignment_helpers import assert_in_no_labelled_set

CHRONIC = "门诊慢特病病种待遇认定"
OUTPATIENT = "门诊费用报销"
INPATIENT = "住院费用报销"

# A chronic or special disease's costs claimed, or how much is paid for them: never accepted as
# the recognition; the outpatient claim proposed for review.
DISEASE_CLAIMED = [
    "门诊慢病报销限额",
    "门特报销",
    "门诊慢性病报销流程",
    "门诊慢特病待遇标准",
    "门特起付线",
    "门诊特病封顶线",
]

# ... the recognition itself, its standard and its card asked for, stays accepted.
DISEASE_RECOGNISED = ["门诊慢性病资格认定", "慢病卡申请", "门特认定标准"]

# The same diseases said without 门诊, before a claim: the outpatient claim, for review.
DISEASE_WITHOUT_OUTPATIENT_CLAIMED = ["慢病报销", "特殊病种报销", "慢特病报销比例", "慢性疾病报销", "特定病种报销"]

# A scheme's wording that ends in an insurance word, before a reimbursement: the claim.
SCHEME_CLAIMED = ["农村医保报销", "城乡医保报销比例", "职工基本医疗保险报销", "农村医疗保险报销流程"]

# Two alternatives whose words rule each other out: no item proposed, for review.
ASKED_WHICH = ["住院报销还是门诊报销", "慢病是住院报销还是门诊报销", "门诊还是住院报销比例高"]

# ... alternatives that no rule sets apart (who collects it, how a limit counts) keep the item.
ALTERNATIVES_OF_ONE = {"生育津贴是单位领还是个人领": "生育津贴支付", "慢病报销是按次还是按年": OUTPATIENT}

# A question after the materials a service needs: that service.
MATERIALS_ASKED = {
    "社保登记变更需要提交哪些材料": "单位参保信息变更登记",
    "生育津贴申领需要带什么": "生育津贴支付",
    "医保转移需要准备哪些材料": "基本医疗保险关系转移接续",
    "异地长期居住备案所需材料": "异地长期居住人员备案",
}

EMPLOYER_CHANGE = "单位参保信息变更登记"

# The address of the social-insurance registration changed: the employer's change, for review.
REGISTRATION_ADDRESS = ["社会保险地址变更怎么办理", "社保地址变更流程"]

# ... a person's address, or an institution's, is not the employer's.
OTHER_ADDRESSES = {
    "职工联系地址变更": "职工参保信息变更登记",
    "居民医保地址变更": "城乡居民参保信息变更登记",
    "定点药店注册地址变更": None,
}

ACCOUNT_PAID = "参保人员个人账户一次性支取"

# The account's balance said with no act (its expiry, its reset, the balance itself): asked about,
# moved or paid out alike, so never accepted as the payment; the payment stays the proposal.
BALANCE_WITHOUT_ACT = ["医保卡余额清零吗", "个人账户余额有效期", "医保卡余额作废"]

# ... with the payment's act (提取, 取出), it is the payment, accepted.
BALANCE_TAKEN_OUT = ["医保卡余额怎么提取出来", "职工个人账户余额一次性提取", "医保账户余额取出"]


def test_the_checked_wordings_are_in_no_labelled_set() -> None:
    assert_in_no_labelled_set(
        set(DISEASE_CLAIMED)
        | set(DISEASE_RECOGNISED)
        | set(DISEASE_WITHOUT_OUTPATIENT_CLAIMED)
        | set(SCHEME_CLAIMED)
        | set(ASKED_WHICH)
        | set(ALTERNATIVES_OF_ONE)
        | set(MATERIALS_ASKED)
        | set(REGISTRATION_ADDRESS)
        | set(OTHER_ADDRESSES)
        | set(BALANCE_WITHOUT_ACT)
        | set(BALANCE_TAKEN_OUT)
    )


@pytest.mark.parametrize("name", DISEASE_CLAIMED + DISEASE_WITHOUT_OUTPATIENT_CLAIMED)
def test_a_diseases_costs_claimed_are_the_outpatient_claim_not_the_recognition(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == OUTPATIENT
    assert match.needs_review


@pytest.mark.parametrize("name", DISEASE_RECOGNISED)
def test_the_recognition_asked_for_stays_accepted(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == CHRONIC
    assert match.accepted


@pytest.mark.parametrize("name", SCHEME_CLAIMED)
def test_a_schemes_wording_before_a_reimbursement_is_the_claim(name: str) -> None:
    assert match_name(name).canonical_name == INPATIENT


@pytest.mark.parametrize("name", ASKED_WHICH)
def test_two_alternatives_ruling_each_other_out_name_neither(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None
    assert match.needs_review


@pytest.mark.parametrize(("name", "item"), sorted(ALTERNATIVES_OF_ONE.items()))
def test_alternatives_no_rule_sets_apart_keep_the_item(name: str, item: str) -> None:
    assert match_name(name).canonical_name == item


@pytest.mark.parametrize(("name", "item"), sorted(MATERIALS_ASKED.items()))
def test_a_question_after_the_materials_is_about_the_service(name: str, item: str) -> None:
    assert match_name(name).canonical_name == item


@pytest.mark.parametrize("name", REGISTRATION_ADDRESS)
def test_the_registrations_address_changed_is_the_employers_change(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == EMPLOYER_CHANGE
    assert match.needs_review


@pytest.mark.parametrize(("name", "item"), sorted(OTHER_ADDRESSES.items()))
def test_a_persons_or_an_institutions_address_is_not_the_employers(
    name: str, item: str | None
) -> None:
    assert match_name(name).canonical_name == item


@pytest.mark.parametrize("name", BALANCE_WITHOUT_ACT)
def test_the_balance_said_with_no_act_is_not_accepted_as_paid_out(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == ACCOUNT_PAID
    assert match.needs_review


@pytest.mark.parametrize("name", BALANCE_TAKEN_OUT)
def test_the_balance_taken_out_is_accepted_as_paid_out(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == ACCOUNT_PAID
    assert match.accepted
