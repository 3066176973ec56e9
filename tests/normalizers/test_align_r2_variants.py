"""Rules learnt from R2, released for learning after it was measured untouched on the rules learnt
from Q1 and on those learnt from R1 (docs/heldout_names.md, "R2, read after its release"), and
from the untouched misses of earlier sets that share their class. They read classes of wordings,
not single names: two services asked together, each closed by its own act, with the second's
object between the conjunction and its act (转移及停保: moved, and stopped), name two services and
are never accepted as either; people on minimum living support or in extreme hardship (低保,
特困) paid for their care are medical aid's people, where nothing else of the name scores; an
act that only one item's wordings hold (补缴) says which of two close candidates a name is, when
its object words pull to the other. Each is checked here on other wordings of its class, none of
them a wording of any labelled set."""

from __future__ import annotations

import pytest

from normalizers.alignment.align import match_name
from tests.normalizers.alignment_helpers import assert_in_no_labelled_set

MEDICAL_AID = "医疗救助对象待遇核准支付"
BACK_PAYMENT = "医疗保险费补缴"
TRANSFER = "基本医疗保险关系转移接续"
CHRONIC = "门诊慢特病病种待遇认定"

# Two services asked together, the second's object between the conjunction and its act (停保登记
# after 转移接续及): both are named, no one of them is proposed, and nothing is accepted.
MOVED_AND_STOPPED = [
    "社保转移及停止缴纳手续",
    "医保关系转移和停保手续",
    "医保转移接续及停保办理",
    "员工社保转移和停缴怎么办",
    "职工医保转出及停保",
]

# People on minimum living support or in extreme hardship, their care paid (报销, 二次报销), on a
# weak match: medical aid, proposed for review.
SUPPORTED_PEOPLE_PAID = ["低保医保怎么报销", "特困的二次报销", "低保户二次报销多少", "低保家庭报销比例"]

# ... the group named without what is done for it (低保申请: the allowance itself; 低保户的医保:
# which registration) names no service of the catalog: no proposal on the word.
SUPPORTED_PEOPLE_ALONE = ["低保申请", "低保户的医保", "特困户医保", "特困人员救助供养"]

# The base paid back (基数差额补缴): the base is the declaration's word, paying back only the back
# payment's: the back payment, proposed for review.
BASE_PAID_BACK = ["社保缴费基数差额补缴", "医保基数差额补缴", "补缴缴费基数差额"]

# ... an act many items share (领取: 支付) does not overrule the words (the certificate of the
# chronic-disease scheme collected), and the base declared stays the declaration.
ACT_SHARED_OR_OWN = {"领取门诊慢特病证": CHRONIC, "缴费基数申报": "基本医疗保险缴费工资申报"}


def test_the_checked_wordings_are_in_no_labelled_set() -> None:
    assert_in_no_labelled_set(
        set(MOVED_AND_STOPPED)
        | set(SUPPORTED_PEOPLE_PAID)
        | set(SUPPORTED_PEOPLE_ALONE)
        | set(BASE_PAID_BACK)
        | set(ACT_SHARED_OR_OWN)
        | set(ONE_SERVICE_WITH_A_DETAIL)
    )


@pytest.mark.parametrize("name", MOVED_AND_STOPPED)
def test_two_services_each_closed_by_its_act_are_not_one_of_them(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None
    assert match.needs_review
    assert match.names_several


# ... one service and a detail of it joined (转移接续和转入: one act said twice) stays that service.
ONE_SERVICE_WITH_A_DETAIL = {"医保关系转移及转入手续": TRANSFER}


@pytest.mark.parametrize(("name", "item"), sorted(ONE_SERVICE_WITH_A_DETAIL.items()))
def test_one_act_said_twice_stays_one_service(name: str, item: str) -> None:
    assert match_name(name).canonical_name == item


@pytest.mark.parametrize("name", SUPPORTED_PEOPLE_PAID)
def test_supported_peoples_care_paid_is_medical_aid(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == MEDICAL_AID
    assert match.needs_review
    assert not match.accepted


@pytest.mark.parametrize("name", SUPPORTED_PEOPLE_ALONE)
def test_supported_people_alone_name_no_item(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name != MEDICAL_AID
    assert not match.accepted


@pytest.mark.parametrize("name", BASE_PAID_BACK)
def test_the_base_paid_back_is_the_back_payment(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == BACK_PAYMENT
    assert not match.accepted


@pytest.mark.parametrize(("name", "item"), sorted(ACT_SHARED_OR_OWN.items()))
def test_a_shared_act_does_not_overrule_the_words(name: str, item: str) -> None:
    assert match_name(name).canonical_name == item
