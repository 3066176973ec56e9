"""Rules learnt from P1, released for learning after P was measured untouched on the rules learnt
from N and again on those learnt from O (docs/heldout_names.md, "P1, read after its release"),
and from the untouched misses of earlier sets that share their class. They read classes of
wordings: a pregnancy ended, named without the operation, may be a childbirth cost or a
family-planning operation; an employer that moves moves no person's insurance; what a name asks
after 后 is what it asks for; paying late and its late fee are the back payment; a firm
registered at the business registry is an employer; buying the insurance is joining it; an only
child's benefits are no service of this insurance; questions of when and how long; years short
at retirement; migrant work is working elsewhere; the employer before the transfer may move its
own account; a reimbursement named with a hospital is a person's; the allowance and the costs
asked together are two services. Each is checked here on other wordings of its
class, none of them a wording of any labelled set."""

from __future__ import annotations

import pytest

from normalizers.alignment.align import match_name
from tests.normalizers.alignment_helpers import assert_in_no_labelled_set

FAMILY_PLANNING = "计划生育医疗费支付"

# A pregnancy ended (流产, 引产), named without the operation: which costs it is stays in review.
PREGNANCY_ENDED = ["流产医疗费报销", "引产费用报销", "药物流产报销"]

# ... the operation said (流产术, 人工流产, 手术) is the family-planning costs, accepted.
OPERATION = ["人工流产手术报销", "流产术费用报销", "引产手术费报销"]

# ... and the allowance for the leave after it is the maternity allowance.
ALLOWANCE_AFTER = ["流产津贴申领"]

# An employer that moves (企业迁移, 单位搬迁) is no transfer of a person's insurance: its change,
# proposed for review.
EMPLOYER_MOVES = ["公司跨省迁移", "单位搬迁"]

# ... what the name does after the move is the service.
AFTER_THE_MOVE = {
    "企业异地搬迁社保变更": "单位参保信息变更登记",
    "单位跨市迁移后缴费基数": "基本医疗保险缴费工资申报",
}

# A person's insurance moved is still the transfer, accepted.
PERSON_MOVES = ["员工异地社保转移", "员工调动社保转移", "离职后医保转移"]

# The employer before the transfer (单位社保转出, 企业医保关系转移): its own account moved as often
# as its staff's insurance, so the transfer stays the proposal, in review.
EMPLOYER_ACCOUNT_MOVED = ["单位社保转出", "企业医保关系转移"]

# ... a person's insurance moved out stays accepted.
PERSON_MOVED_OUT = ["员工社保转出"]

# A reimbursement named with a hospital (医院报销发票, 定点医院报销): where the costs arose, not an
# institution's settlement or designation; the manual reimbursement proposed, in review.
REIMBURSED_AT_A_HOSPITAL = ["医院报销发票开具", "定点医院报销发票"]

# ... a hospital applying for its designation stays the designation.
DESIGNATION = ["医院申请医保定点"]

# The allowance and the costs asked together (生育津贴或报销): two services, no proposal.
TWO_SERVICES = ["生育津贴或医疗费报销", "生育医疗费和生育津贴"]

# ... the allowance alone stays accepted.
ALLOWANCE_ALONE = ["员工生育津贴申领流程"]

# What a name asks after 后 is what it asks for: not the item named before it.
ASKED_AFTER = {"社保转移后缴费基数": "基本医疗保险缴费工资申报"}

# Paying late (迟缴, 逾期缴纳) and its late fee (滞纳金) are the back payment.
PAID_LATE = ["单位医保逾期缴纳", "单位社保晚交滞纳金", "公司社保迟缴"]

# A firm registered at the business registry (营业执照, 工商登记) is an employer.
BUSINESS_REGISTRY = ["营业执照办下来后社保开户", "工商登记后社保登记"]

# Questions of when (截止日期, 时间节点) are about the service asked.
WHEN = ["社保增员截止日期", "员工社保减员的时间节点"]

# Buying the insurance (购买) is joining it.
BUYING = {"给员工购买社保": "职工参保登记", "购买居民医保": "城乡居民参保登记"}

# An only child's benefits (独生子女) are a family-planning reward: no item.
ONLY_CHILD = ["独生子女住院费报销", "独生子女门诊报销"]

# How long a gap was in years (断缴两年) says how much is paid back.
GAP_YEARS = ["职工医保断缴两年"]

# Years short at retirement (年限不够, 退休时) are paid as the back payment.
YEARS_SHORT = ["退休时医保缴费年限不够怎么办"]

# Migrant work (务工, 打工) is working elsewhere: the filing of those who work away.
MIGRANT_WORK = ["异地务工人员备案", "外地打工人员异地就医备案"]


def test_the_checked_wordings_are_in_no_labelled_set() -> None:
    checked = (
        set(PREGNANCY_ENDED) | set(OPERATION) | set(ALLOWANCE_AFTER) | set(EMPLOYER_MOVES)
        | set(AFTER_THE_MOVE) | set(PERSON_MOVES) | set(ASKED_AFTER) | set(PAID_LATE)
        | set(BUSINESS_REGISTRY) | set(WHEN) | set(BUYING) | set(ONLY_CHILD) | set(GAP_YEARS)
        | set(YEARS_SHORT) | set(MIGRANT_WORK) | set(EMPLOYER_ACCOUNT_MOVED) | set(PERSON_MOVED_OUT)
        | set(REIMBURSED_AT_A_HOSPITAL) | set(DESIGNATION) | set(TWO_SERVICES) | set(ALLOWANCE_ALONE)
    )
    assert_in_no_labelled_set(checked)


@pytest.mark.parametrize("name", PREGNANCY_ENDED)
def test_a_pregnancy_ended_without_the_operation_stays_in_review(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == FAMILY_PLANNING
    assert match.needs_review and not match.accepted


@pytest.mark.parametrize("name", OPERATION)
def test_the_operation_said_is_the_family_planning_costs(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == FAMILY_PLANNING
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", ALLOWANCE_AFTER)
def test_the_allowance_after_a_pregnancy_ended_is_the_allowance(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "生育津贴支付"
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", EMPLOYER_MOVES)
def test_an_employer_that_moves_is_its_change_for_review(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "单位参保信息变更登记", match.review_reason
    assert match.needs_review


@pytest.mark.parametrize(("name", "item"), sorted(AFTER_THE_MOVE.items()))
def test_what_follows_an_employers_move_is_the_service(name: str, item: str) -> None:
    match = match_name(name)
    assert match.canonical_name == item, match.review_reason
    assert match.canonical_name != "基本医疗保险关系转移接续"


@pytest.mark.parametrize("name", PERSON_MOVES)
def test_a_persons_insurance_moved_stays_the_transfer(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "基本医疗保险关系转移接续"
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", EMPLOYER_ACCOUNT_MOVED)
def test_the_employer_before_the_transfer_keeps_it_in_review(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "基本医疗保险关系转移接续"
    assert match.needs_review and not match.accepted


@pytest.mark.parametrize("name", PERSON_MOVED_OUT)
def test_a_persons_insurance_moved_out_stays_accepted(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "基本医疗保险关系转移接续"
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", REIMBURSED_AT_A_HOSPITAL)
def test_a_reimbursement_named_with_a_hospital_is_the_manual_reimbursement(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "住院费用报销", match.review_reason
    assert match.needs_review


@pytest.mark.parametrize("name", DESIGNATION)
def test_a_hospital_applying_for_its_designation_stays_the_designation(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "医疗机构申请定点协议管理"
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", TWO_SERVICES)
def test_the_allowance_and_the_costs_asked_together_name_both(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None
    assert match.names_several, match.review_reason


@pytest.mark.parametrize("name", ALLOWANCE_ALONE)
def test_the_allowance_alone_stays_accepted(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "生育津贴支付"
    assert match.accepted, match.review_reason


@pytest.mark.parametrize(("name", "item"), sorted(ASKED_AFTER.items()))
def test_what_a_name_asks_after_hou_is_what_it_asks_for(name: str, item: str) -> None:
    match = match_name(name)
    assert match.canonical_name == item, match.review_reason
    assert match.needs_review


@pytest.mark.parametrize("name", PAID_LATE)
def test_paying_late_is_the_back_payment(name: str) -> None:
    assert match_name(name).canonical_name == "医疗保险费补缴"


@pytest.mark.parametrize("name", BUSINESS_REGISTRY)
def test_a_firm_of_the_business_registry_is_the_employer(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "单位参保登记"
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", WHEN)
def test_a_question_of_when_is_about_the_service(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "职工参保登记"
    assert match.accepted, match.review_reason


@pytest.mark.parametrize(("name", "item"), sorted(BUYING.items()))
def test_buying_the_insurance_is_joining_it(name: str, item: str) -> None:
    assert match_name(name).canonical_name == item


@pytest.mark.parametrize("name", ONLY_CHILD)
def test_an_only_childs_benefits_name_no_item(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None
    assert not match.accepted


@pytest.mark.parametrize("name", GAP_YEARS + YEARS_SHORT)
def test_years_missing_are_the_back_payment(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "医疗保险费补缴", match.review_reason
    assert match.needs_review


@pytest.mark.parametrize("name", MIGRANT_WORK)
def test_migrant_work_is_the_filing_of_those_working_away(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "常驻异地工作人员备案"
    assert match.accepted, match.review_reason
