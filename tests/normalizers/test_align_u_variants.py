"""Rules learnt from U1 and T2, released for learning after they were measured untouched
(docs/heldout_names.md, "U1 and T2, read after their release"). They read classes of wordings,
not single names: the chronic and special diseases however a province names them, said after whose
insurance, are never a registration and name the recognition; the insurance broken off said
plainly (断了, 断掉, 断保) is a gap in the contributions, and so are contributions owed said as 欠缴;
a span of months however counted says how much, not which service; a medical subsidy applied for
(医疗补助申请, 申请医疗补助金, a letter applying for a medical grant) and medical aid under the
national system's name (城乡医疗救助) are medical aid, while the grant named alone and the subsidies
of other funds are not; the headcount changes an employer submitted, looked up in any order and
with any record word, are the employer's query; the standard said by who collects it (收费标准) is
the standard of contributions; a group called ordinary (普通职工) is that group. Each is checked
here on other wordings of its class, none of them a wording of any labelled set."""

from __future__ import annotations

import pytest

from normalizers.alignment.align import match_name
from tests.normalizers.alignment_helpers import assert_in_no_labelled_set

RECOGNITION = "门诊慢特病病种待遇认定"
BACK_PAYMENT = "医疗保险费补缴"
MEDICAL_AID = "医疗救助对象待遇核准支付"
EMPLOYERS_QUERY = "参保单位参保信息查询"

# A scheme's chronic or special diseases, however named, with nothing else the catalog knows:
# the recognition, proposed for review instead of the scheme's registration.
SCHEME_DISEASES = [
    "居民医保慢性病办理",
    "职工医保慢病",
    "城乡居民医疗保险特殊病种",
    "新农合慢性病",
    "职工医疗保险特病办理流程",
    "城镇职工医保慢性疾病",
]

# ... and said as joining, the registration is not accepted (a person says which is meant).
SCHEME_DISEASES_JOINING = ["职工医保慢性病参保"]

# The insurance broken off said plainly: the gap (中断), proposed as the back payment.
BROKEN_OFF = {
    "医保断了怎么办": "医保中断怎么办",
    "社保断掉了怎么补": "社保中断怎么补",
    "医保断保了": "医保中断",
    "医疗保险中断了怎么办": "医疗保险中断怎么办",
}

# Contributions owed said as 欠缴: as said 欠费 / 欠交.
OWED = {"公司医保欠缴怎么办": "公司医保欠交怎么办", "职工医保欠缴了": "职工医保欠交了"}

# A span of months however counted: as said without it.
MONTHS = {
    "医保断缴五个月怎么补": "医保断缴怎么补",
    "欠缴十个月医保": "欠缴医保",
    "单位补缴12个月医保费": "单位补缴医保费",
    "职工医保停保半个月": "职工医保停保",
}

# A medical subsidy applied for, and medical aid under the national system's name.
AID = [
    "医疗补助申请书",
    "申请医疗补助金",
    "医疗补助金申请",
    "如何申请医疗补助金",
    "困难职工医疗补助申请",
    "城乡医疗救助",
    "城乡医疗救助申请条件",
]

# ... the grant named alone and the subsidies of other funds name no item.
NOT_AID = ["医疗补助金多少钱", "领取医疗补助金", "公务员医疗补助申请", "失业人员医疗补助申请"]

# The headcount changes an employer submitted, looked up: the employer's query, accepted.
LOOKED_UP = [
    "单位增员查询",
    "减员结果查询",
    "查询单位增员记录",
    "职工增减员明细查询",
    "公司减员名单查询",
    "社保增员情况查询",
    "查询减员登记信息",
]

# ... the headcount change itself stays the employees' registration.
HEADCOUNT = ["单位增员", "职工减员办理"]

# The standard said by who collects it: as the standard of contributions.
COLLECTED = {
    "居民医保收费标准": "居民医保缴费标准",
    "职工医疗保险收费标准表": "职工医疗保险缴费标准表",
    "灵活就业人员医保收费标准": "灵活就业人员医保缴费标准",
}

# ... never accepted as the contributions looked up.
COLLECTED_NOT_LOOKED_UP = ["个人医保收费标准", "单位社保收费标准"]

# A group called ordinary: that group.
ORDINARY = {
    "普通职工医保": "职工医保",
    "普通员工社保怎么交": "员工社保怎么交",
    "普通居民医保": "居民医保",
    "普通职工医保一年多少钱": "职工医保一年多少钱",
}


def test_the_checked_wordings_are_in_no_labelled_set() -> None:
    assert_in_no_labelled_set(
        set(SCHEME_DISEASES)
        | set(SCHEME_DISEASES_JOINING)
        | set(BROKEN_OFF)
        | set(OWED)
        | set(MONTHS)
        | set(AID)
        | set(NOT_AID)
        | set(LOOKED_UP)
        | set(HEADCOUNT)
        | set(COLLECTED)
        | set(COLLECTED_NOT_LOOKED_UP)
        | set(ORDINARY)
    )


@pytest.mark.parametrize("name", SCHEME_DISEASES)
def test_a_schemes_chronic_diseases_are_the_recognition(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == RECOGNITION
    assert match.needs_review


@pytest.mark.parametrize("name", SCHEME_DISEASES_JOINING)
def test_a_chronic_disease_keeps_a_registration_from_acceptance(name: str) -> None:
    assert not match_name(name).accepted


@pytest.mark.parametrize(("name", "gap"), sorted(BROKEN_OFF.items()))
def test_insurance_broken_off_is_a_gap(name: str, gap: str) -> None:
    said, plain = match_name(name), match_name(gap)
    assert said.canonical_name == BACK_PAYMENT
    assert (said.canonical_name, said.accepted) == (plain.canonical_name, plain.accepted)


@pytest.mark.parametrize(("name", "plain"), sorted(OWED.items()))
def test_contributions_owed_are_paid_back(name: str, plain: str) -> None:
    said, other = match_name(name), match_name(plain)
    assert said.canonical_name == BACK_PAYMENT
    assert (said.canonical_name, said.accepted) == (other.canonical_name, other.accepted)


@pytest.mark.parametrize(("name", "plain"), sorted(MONTHS.items()))
def test_a_span_of_months_says_nothing_of_the_service(name: str, plain: str) -> None:
    said, without = match_name(name), match_name(plain)
    assert without.canonical_name is not None
    assert (said.canonical_name, said.accepted) == (without.canonical_name, without.accepted)
    assert said.match_score == pytest.approx(without.match_score)


@pytest.mark.parametrize("name", AID)
def test_a_medical_subsidy_applied_for_is_medical_aid(name: str) -> None:
    assert match_name(name).canonical_name == MEDICAL_AID


@pytest.mark.parametrize("name", NOT_AID)
def test_a_grant_alone_or_another_funds_subsidy_is_no_item(name: str) -> None:
    assert match_name(name).canonical_name is None


@pytest.mark.parametrize("name", LOOKED_UP)
def test_headcount_changes_looked_up_are_the_employers_query(name: str) -> None:
    match = match_name(name)
    assert (match.canonical_name, match.accepted) == (EMPLOYERS_QUERY, True)


@pytest.mark.parametrize("name", HEADCOUNT)
def test_a_headcount_change_stays_the_employees_registration(name: str) -> None:
    assert match_name(name).canonical_name == "职工参保登记"


@pytest.mark.parametrize(("name", "standard"), sorted(COLLECTED.items()))
def test_a_standard_collected_is_the_contributions_standard(name: str, standard: str) -> None:
    said, paid = match_name(name), match_name(standard)
    assert said.canonical_name in {"职工参保登记", "城乡居民参保登记"}
    assert (said.canonical_name, said.accepted) == (paid.canonical_name, paid.accepted)


@pytest.mark.parametrize("name", COLLECTED_NOT_LOOKED_UP)
def test_a_standard_collected_is_not_accepted_as_contributions_looked_up(name: str) -> None:
    match = match_name(name)
    assert not match.accepted
    assert "收费标准" in (match.review_reason or "")


@pytest.mark.parametrize(("name", "plain"), sorted(ORDINARY.items()))
def test_a_group_called_ordinary_is_the_group(name: str, plain: str) -> None:
    said, group = match_name(name), match_name(plain)
    assert group.canonical_name is not None
    assert (said.canonical_name, said.accepted) == (group.canonical_name, group.accepted)
