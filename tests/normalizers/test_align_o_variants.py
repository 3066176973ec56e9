"""Rules learnt from O1 and O2, released for learning after O was measured untouched on the rules
learnt from M2 and again on those learnt from N (docs/heldout_names.md, "O, read after its
release"). They read classes of wordings: how long, how much or whether a question asks is not
what it asks about; the card's balance is the individual account's, also where the noise words
stood inside it; the insured person's death names the account paid out to the heirs where
nothing else of the name scores, and a named chronic disease its recognition; the place of
insurance changed with the place first is the transfer; the contribution base named by its
insurance is the contribution base; invoices reimbursed are the costs reimbursed; the pay of the
maternity leave is the allowance; the housing fund named with the social insurance leaves the
insurance's service. Each is checked here on other wordings of its class, none of them a wording
of any labelled set."""

from __future__ import annotations

import pytest

from normalizers.alignment.align import match_name
from tests.normalizers.alignment_helpers import assert_in_no_labelled_set

# Questions: how long, how much, whether, how it is computed.
QUESTIONS = {
    "生育津贴能否一次领取": "生育津贴支付",
    "医保卡的余额怎么取出来": "参保人员个人账户一次性支取",
    "灵活就业医保多少钱": "职工参保登记",
    "异地就医备案多久生效": "异地安置退休人员备案",
}

# The card's balance, the noise words inside it (医保卡的余额, 医保卡里的余额).
CARD_BALANCE = ["医保卡里的余额提取", "医保卡的余额提取"]

# The insured person's death said of the account's money: the account paid out to the heirs.
DEATH = ["老人过世后医保卡的余额", "家属亡故后医保卡里的钱", "参保人身故后医保卡钱"]

# ... but a registration said with a death (the headcount going down) keeps its own reading.
DEATH_REGISTRATION = ["参保人员死亡减员", "职工死亡停保"]

# A named chronic or special disease asked about, nothing else scoring: its recognition.
DISEASE = ["糖尿病多久复审一次", "尿毒症透析怎么弄"]

# The place of insurance changed, the place first.
PLACE_FIRST = ["医疗保险参保地修改", "社保参保地区变更"]

# ... and on a voucher named as people say it (医保凭证): the voucher's, no catalog item.
PLACE_OF_VOUCHER = ["医保凭证参保地变更"]

# The contribution base named by its insurance.
BASE = ["医保基数怎么申报", "社会保险基数申报"]

# Invoices or receipts reimbursed, a question's words between them or not.
INVOICES = {
    "住院发票报销": "住院费用报销",
    "门诊票据多长时间报销": "门诊费用报销",
    "医保发票多久报销": "住院费用报销",
}

# The pay of the maternity leave.
LEAVE_PAY = ["产假工资怎么领", "产假津贴申领"]

# The housing fund named with the social insurance: the insurance's service.
WITH_HOUSING_FUND = {"单位社保公积金开户": "单位参保登记", "社保和公积金增员": "职工参保登记"}

# The housing fund named alone still names no service of this catalog.
HOUSING_FUND_ALONE = ["公积金开户", "住房公积金转移"]


def test_the_checked_wordings_are_in_no_labelled_set() -> None:
    checked = (
        set(QUESTIONS) | set(CARD_BALANCE) | set(DEATH) | set(DEATH_REGISTRATION) | set(DISEASE)
        | set(PLACE_FIRST) | set(PLACE_OF_VOUCHER) | set(BASE) | set(INVOICES) | set(LEAVE_PAY)
        | set(WITH_HOUSING_FUND) | set(HOUSING_FUND_ALONE)
    )
    assert_in_no_labelled_set(checked)


@pytest.mark.parametrize(("name", "item"), sorted(QUESTIONS.items()))
def test_how_a_question_asks_is_not_what_it_asks_about(name: str, item: str) -> None:
    match = match_name(name)
    assert match.canonical_name == item
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", CARD_BALANCE)
def test_the_cards_balance_taken_out_is_the_one_time_payment(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "参保人员个人账户一次性支取"
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", DEATH)
def test_a_death_said_of_the_accounts_money_is_the_one_time_payment_for_review(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "参保人员个人账户一次性支取"
    assert match.needs_review


def test_a_death_names_the_payment_where_nothing_else_scores() -> None:
    match = match_name("参保人病故后怎么处理")
    assert match.canonical_name == "参保人员个人账户一次性支取"
    assert match.needs_review and "病故" in (match.review_reason or "")


@pytest.mark.parametrize("name", DEATH_REGISTRATION)
def test_a_registration_said_with_a_death_stays_the_registration(name: str) -> None:
    assert match_name(name).canonical_name == "职工参保登记"


@pytest.mark.parametrize("name", DISEASE)
def test_a_named_disease_alone_proposes_its_recognition(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "门诊慢特病病种待遇认定"
    assert match.needs_review


@pytest.mark.parametrize("name", PLACE_FIRST)
def test_the_place_of_insurance_changed_place_first_is_the_transfer(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "基本医疗保险关系转移接续"
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", PLACE_OF_VOUCHER)
def test_the_place_on_a_voucher_gets_no_item(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None
    assert not match.accepted


@pytest.mark.parametrize("name", BASE)
def test_the_base_named_by_its_insurance_is_the_wage_declaration(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "基本医疗保险缴费工资申报"
    assert match.accepted, match.review_reason


@pytest.mark.parametrize(("name", "item"), sorted(INVOICES.items()))
def test_invoices_reimbursed_are_the_costs_reimbursed(name: str, item: str) -> None:
    match = match_name(name)
    assert match.canonical_name == item
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", LEAVE_PAY)
def test_the_pay_of_the_maternity_leave_is_the_allowance(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "生育津贴支付"
    assert match.accepted, match.review_reason


@pytest.mark.parametrize(("name", "item"), sorted(WITH_HOUSING_FUND.items()))
def test_the_housing_fund_named_with_the_insurance_leaves_its_service(name: str, item: str) -> None:
    match = match_name(name)
    assert match.canonical_name == item
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", HOUSING_FUND_ALONE)
def test_the_housing_fund_alone_names_no_item(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None
    assert not match.accepted


# The social-insurance registration as the law names it, its change said without whose: the
# employer's change proposed, never a person's accepted.
SOCIAL_INSURANCE_CHANGE = ["社会保险登记变更", "社保登记变更申请"]

# A new hire (入职) joins through the headcount going up.
HIRED = ["新入职员工参保", "入职人员医保登记"]


def test_the_later_checked_wordings_are_in_no_labelled_set() -> None:
    assert_in_no_labelled_set(set(SOCIAL_INSURANCE_CHANGE) | set(HIRED))


@pytest.mark.parametrize("name", SOCIAL_INSURANCE_CHANGE)
def test_the_social_insurance_registration_changed_is_the_employers_for_review(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "单位参保信息变更登记", match.review_reason
    assert match.needs_review


@pytest.mark.parametrize("name", HIRED)
def test_a_new_hire_is_the_employees_registration(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "职工参保登记"
    assert match.accepted, match.review_reason
