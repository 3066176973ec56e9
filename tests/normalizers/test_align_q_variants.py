"""Rules learnt from Q1, released for learning after Q was measured untouched on the rules learnt
from O (docs/heldout_names.md, "Q1, read after its release"), and from the untouched misses of
earlier sets that share their class. They read classes of wordings: a change recorded (变更登记)
is the change, not the registration it repeats; a voucher or proof of what was paid is the
contribution information, not the certificate issued for a transfer; the steps and the place of
a service are how a question asks; the account returned to the person is its balance paid out;
one looking up one's own insurance is the insured person; a year says when; the rural medical
insurance is the residents'; costs paid out of pocket first are the manual reimbursement; the
self-employed named as workers are flexible workers; an employer named with a person's
continuing makes the person its employee; an employer without the money to pay is in arrears;
asking whether it was paid asks for the insured status; a tender is an employer's; the maternity
insurance collected names its benefits, a spouse's maternity benefits are the childbirth costs;
an employer named alone names no one service. Each is
checked here on other wordings of its class, none of them a wording of any labelled set."""

from __future__ import annotations

import pytest

from normalizers.alignment.align import match_name
from tests.normalizers.alignment_helpers import assert_in_no_labelled_set

EMPLOYEES_REGISTRATION = "职工参保登记"
EMPLOYER_QUERY = "参保单位参保信息查询"
PERSON_QUERY = "参保人员参保信息查询"

# A change recorded (变更登记) of a flexible worker's registration is its change: never accepted
# as the registration it repeats.
CHANGE_RECORDED = ["灵活就业人员参保信息变更登记", "个体户医保信息变更登记"]

# ... what changes being the declaration's own object (缴费基数), it stays the declaration.
BASE_CHANGE_DECLARED = ["2024年度缴费基数变更申报"]

# A voucher or proof of what was paid is the contribution information: never the certificate
# issued for a transfer; whose it is, where the name says.
PROOF_OF_PAYMENT = {
    "社保缴费证明打印": None,
    "个人社保缴费证明": PERSON_QUERY,
    "单位医保缴费证明开具": EMPLOYER_QUERY,
}

# ... the certificate with the contributions (参保缴费凭证) stays the certificate, accepted.
CERTIFICATE = ["参保缴费凭证打印"]

# The steps and the place of a service (流程, 步骤, 地点) are asked about that service.
STEPS_AND_PLACE = {
    "医保关系转移接续流程": "基本医疗保险关系转移接续",
    "生育津贴申领步骤": "生育津贴支付",
    "门诊慢特病申请地点": "门诊慢特病病种待遇认定",
}

# The account returned to the person (返还, 退回) is its balance paid out.
ACCOUNT_RETURNED = ["医保个人账户退回", "职工个人账户余额返还"]

# One looking up one's own insurance (本人, 自己) is the insured person.
OWN_QUERY = ["如何查询本人医保缴费", "怎么查自己的医疗保险"]

# A year (2024年) says when, not which service.
YEARS = {"2024年城乡居民医保参保缴费": "城乡居民参保登记", "2023年灵活就业人员医保参保": EMPLOYEES_REGISTRATION}

# The rural medical insurance (农村医保, 农村医疗保险) is the residents'.
RURAL = ["农村医保参保", "农村医疗保险缴费标准"]

# Costs paid out of pocket first (自费后报销), the card left at home, are the manual reimbursement.
PAID_FIRST = ["看病自费后怎么报销", "没带医保卡住院自费后报销"]

# The self-employed named as workers (个体经营者, 个体从业人员) are flexible workers.
SELF_EMPLOYED = ["个体经营者医保参保登记", "个体从业人员参加职工医保"]

# Continuing one's insurance at an employer (新单位续缴) is the employees' registration.
CONTINUING_AT_AN_EMPLOYER = ["换了新单位医保续缴", "到新公司后医保续交"]

# ... a resident continuing stays the residents' registration.
RESIDENT_CONTINUING = ["居民医保续缴"]

# An employer without the money to pay (交不起, 无力缴纳) is in arrears: the back payment.
CANNOT_PAY = ["单位交不起社保怎么办", "企业无力缴纳社保费"]

# Asking whether it was paid (有没有交) asks for the insured status: a query, in review.
WHETHER_PAID = ["医保有没有交怎么查"]

# A tender (招标, 投标) is an employer's: the proof it needs is the employer's query.
TENDER = ["招标用社保缴费证明", "投标需要的社保缴费证明"]

# The maternity insurance collected (生育险如何领取, 生育保险申领) names its benefits: no proposal.
MATERNITY_COLLECTED = ["生育险如何领取", "生育保险申领"]

# ... a reimbursement of it stays the costs.
MATERNITY_REIMBURSED = ["生育保险如何报销"]

# A spouse's maternity benefits (配偶生育待遇) are the childbirth costs: a spouse gets no allowance.
SPOUSE = ["职工配偶生育待遇申领", "男职工配偶生育保险待遇怎么领"]

# An employer named alone (企业医保办理) names no one service: review, no proposal.
EMPLOYER_ALONE = ["企业医保办理", "单位医保网上办理指南"]

# ... a person's group named alone stays that person joining.
GROUP_ALONE = {"儿童医保怎么办理": "城乡居民参保登记", "灵活就业医保办理": EMPLOYEES_REGISTRATION}


def test_the_checked_wordings_are_in_no_labelled_set() -> None:
    checked = (
        set(CHANGE_RECORDED) | set(BASE_CHANGE_DECLARED) | set(PROOF_OF_PAYMENT) | set(CERTIFICATE)
        | set(STEPS_AND_PLACE) | set(ACCOUNT_RETURNED) | set(OWN_QUERY) | set(YEARS) | set(RURAL)
        | set(PAID_FIRST) | set(SELF_EMPLOYED) | set(CONTINUING_AT_AN_EMPLOYER)
        | set(RESIDENT_CONTINUING) | set(CANNOT_PAY) | set(WHETHER_PAID) | set(TENDER)
        | set(MATERNITY_COLLECTED) | set(MATERNITY_REIMBURSED) | set(EMPLOYER_ALONE) | set(GROUP_ALONE)
        | set(SPOUSE)
    )
    assert_in_no_labelled_set(checked)


@pytest.mark.parametrize("name", CHANGE_RECORDED)
def test_a_change_recorded_is_not_the_registration_it_repeats(name: str) -> None:
    match = match_name(name)
    assert not (match.canonical_name == EMPLOYEES_REGISTRATION and match.accepted)
    assert match.canonical_name in (None, "职工参保信息变更登记"), match.review_reason
    assert match.needs_review


@pytest.mark.parametrize("name", BASE_CHANGE_DECLARED)
def test_a_change_of_the_declarations_own_object_stays_the_declaration(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "基本医疗保险缴费工资申报"
    assert match.accepted, match.review_reason


@pytest.mark.parametrize(("name", "item"), sorted(PROOF_OF_PAYMENT.items()))
def test_a_proof_of_payment_is_the_contribution_information(name: str, item: str | None) -> None:
    match = match_name(name)
    assert match.canonical_name != "出具参保凭证"
    if item is None:
        assert not match.accepted
        assert {c.canonical_name for c in match.candidates[:2]} == {EMPLOYER_QUERY, PERSON_QUERY}
    else:
        assert match.canonical_name == item, match.review_reason


@pytest.mark.parametrize("name", CERTIFICATE)
def test_the_certificate_with_the_contributions_stays_the_certificate(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "出具参保凭证"
    assert match.accepted, match.review_reason


@pytest.mark.parametrize(("name", "item"), sorted(STEPS_AND_PLACE.items()))
def test_the_steps_and_place_are_asked_of_the_service(name: str, item: str) -> None:
    match = match_name(name)
    assert match.canonical_name == item
    assert match.accepted and match.match_score == 100.0, match.review_reason


@pytest.mark.parametrize("name", ACCOUNT_RETURNED)
def test_the_account_returned_is_its_balance_paid_out(name: str) -> None:
    assert match_name(name).canonical_name == "参保人员个人账户一次性支取"


@pytest.mark.parametrize("name", OWN_QUERY)
def test_looking_up_ones_own_insurance_is_the_insured_persons_query(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == PERSON_QUERY
    assert match.accepted, match.review_reason


@pytest.mark.parametrize(("name", "item"), sorted(YEARS.items()))
def test_a_year_says_when_not_which(name: str, item: str) -> None:
    match = match_name(name)
    assert match.canonical_name == item
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", RURAL)
def test_the_rural_medical_insurance_is_the_residents(name: str) -> None:
    assert match_name(name).canonical_name == "城乡居民参保登记"


@pytest.mark.parametrize("name", PAID_FIRST)
def test_costs_paid_out_of_pocket_first_are_reimbursed(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "住院费用报销"
    # A question's words (怎么) make no name surer than the name said plainly: accepted where
    # that is (看病自费后报销 is not: 看病 said before the costs is no word of the catalog's).
    plain = name.replace("怎么", "")
    if plain == name:
        assert match.accepted, match.review_reason
    else:
        assert match.accepted == match_name(plain).accepted


@pytest.mark.parametrize("name", SELF_EMPLOYED)
def test_the_self_employed_named_as_workers_are_flexible_workers(name: str) -> None:
    assert match_name(name).canonical_name == EMPLOYEES_REGISTRATION


@pytest.mark.parametrize("name", CONTINUING_AT_AN_EMPLOYER)
def test_continuing_at_an_employer_is_the_employees_registration(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == EMPLOYEES_REGISTRATION, match.review_reason
    assert match.needs_review


@pytest.mark.parametrize("name", RESIDENT_CONTINUING)
def test_a_resident_continuing_stays_the_residents_registration(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "城乡居民参保登记"
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", CANNOT_PAY)
def test_an_employer_without_the_money_to_pay_is_in_arrears(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "医疗保险费补缴"
    assert match.needs_review


@pytest.mark.parametrize("name", WHETHER_PAID)
def test_asking_whether_it_was_paid_is_a_query(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == PERSON_QUERY
    assert match.needs_review


@pytest.mark.parametrize("name", TENDER)
def test_a_tenders_proof_is_the_employers_query(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == EMPLOYER_QUERY, match.review_reason


@pytest.mark.parametrize("name", MATERNITY_COLLECTED)
def test_the_maternity_insurance_collected_names_its_benefits(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None
    assert match.names_several, match.review_reason


@pytest.mark.parametrize("name", MATERNITY_REIMBURSED)
def test_the_maternity_insurance_reimbursed_stays_the_costs(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "生育医疗费支付"
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", SPOUSE)
def test_a_spouses_maternity_benefits_are_the_childbirth_costs(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "生育医疗费支付"
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", EMPLOYER_ALONE)
def test_an_employer_named_alone_names_no_one_service(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None
    assert match.needs_review
    assert match.candidates and match.candidates[0].canonical_name == "单位参保登记"


@pytest.mark.parametrize(("name", "item"), sorted(GROUP_ALONE.items()))
def test_a_persons_group_named_alone_stays_joining(name: str, item: str) -> None:
    assert match_name(name).canonical_name == item
