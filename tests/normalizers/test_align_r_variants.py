"""Rules learnt from R1, released for learning after it was measured untouched on the rules learnt
from Q1 and on those learnt from Q2 (docs/heldout_names.md, "R1, read after its release"), and
from the untouched misses of earlier sets that share their class. They read classes of wordings,
not single names: a student's status left behind and the time after it asked about (毕业后) names
who the person was, not the students' registration; the law's name of the registration
(社会保险登记, 社保登记) said with nothing else, too short for any wording to be assigned, still
says which registration it is; an app or its client (客户端, 小程序, 公众号) is the channel a service
is used through, not the service. Each is checked here on other wordings of its class, none of
them a wording of any labelled set."""

from __future__ import annotations

import pytest

from normalizers.alignment.align import match_name
from tests.normalizers.alignment_helpers import assert_in_no_labelled_set

RESIDENTS = "城乡居民参保登记"
EMPLOYER_REGISTRATION = "单位参保登记"
BACK_PAYMENT = "医疗保险费补缴"

# A student's status left and the time after it asked about (毕业后, 毕业以后, 毕业之后): the
# student named is who the person was, so the students' registration is not proposed on that word.
AFTER_GRADUATING = ["研究生毕业以后医保", "中专生毕业后的医保", "大学生毕业之后医保怎么处理"]

# ... a student's insurance ended at graduation names the student's insurance, and a student named
# alone stays the students' registration.
STILL_A_STUDENT = {"毕业了学生医保要停吗": RESIDENTS, "研究生的医保": RESIDENTS}

# The law's name of the registration, said with nothing else (社保 and 办理 are dropped, 登记 is
# left): the employer's registration, proposed for review.
LAWS_REGISTRATION_ALONE = ["社会保险登记", "社保登记办理", "社会保险登记怎么办理"]

# An app or its client named as the channel (客户端, 小程序, 公众号): the back payment an employer
# makes through it, proposed for review.
PAID_BACK_THROUGH_AN_APP = [
    "社保客户端怎么补交公司医保",
    "医保缴费客户端补交单位医保",
    "社保小程序如何补交企业医保",
    "社保公众号怎么补交公司医保",
]


def test_the_checked_wordings_are_in_no_labelled_set() -> None:
    assert_in_no_labelled_set(
        set(AFTER_GRADUATING)
        | set(STILL_A_STUDENT)
        | set(LAWS_REGISTRATION_ALONE)
        | set(PERSON_WITH_THE_REGISTRATION)
        | set(PAID_BACK_THROUGH_AN_APP)
    )


@pytest.mark.parametrize("name", AFTER_GRADUATING)
def test_a_graduate_is_not_proposed_the_students_registration(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None
    assert not match.accepted


@pytest.mark.parametrize(("name", "item"), sorted(STILL_A_STUDENT.items()))
def test_a_students_insurance_stays_the_students_registration(name: str, item: str) -> None:
    assert match_name(name).canonical_name == item


@pytest.mark.parametrize("name", LAWS_REGISTRATION_ALONE)
def test_the_laws_registration_alone_proposes_the_employers(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == EMPLOYER_REGISTRATION
    assert match.needs_review
    assert not match.accepted


# ... a word besides the act (个人, a person) says more than the law's name: no proposal on it.
PERSON_WITH_THE_REGISTRATION = ["个人社保登记", "个人参保办理社保登记"]


@pytest.mark.parametrize("name", PERSON_WITH_THE_REGISTRATION)
def test_a_person_named_with_the_registration_is_not_proposed_the_employers(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None
    assert not match.accepted


@pytest.mark.parametrize("name", PAID_BACK_THROUGH_AN_APP)
def test_a_back_payment_through_an_app_is_the_back_payment(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == BACK_PAYMENT
    assert not match.accepted
