"""Rules learnt from X1 and W2, released for learning (docs/heldout_names.md, "X1 and W2, read after
their release"). They close the classes of their wrong accepted matches, not single names:

- an act of its own said of another object before the act that scores (公司地址变更社保迁移: the
  employer's address changed, the move following from it) names a service of its own: the scoring
  entry is not accepted;
- updating (更新) is a change, and its 新 is no new employee; a change whose object is a person's
  details (修改员工参保信息, 更改居民基本信息) changes the registered information, it does not move
  the person between schemes (变更职工 is read so only of the scheme: 城乡居民医保更改为职工医保);
- a medical subsidy (医疗补助) is medical aid when applied for or named by its illness (大病), not
  when named only by the group it is for (低保户医疗补助: the group's own scheme).

Each is checked on wordings of its class that are in no labelled set, and on wordings the rules must
leave as they were."""

from __future__ import annotations

import pytest

from normalizers.alignment.align import match_name
from tests.normalizers.alignment_helpers import assert_in_no_labelled_set

TRANSFER = "基本医疗保险关系转移接续"
EMPLOYEE_CHANGE = "职工参保信息变更登记"
RESIDENT_CHANGE = "城乡居民参保信息变更登记"
MEDICAL_AID = "医疗救助对象待遇核准支付"

# Learnt from X1 and W2: accepted as their item.
LEARNT = {
    "更新员工参保信息": EMPLOYEE_CHANGE,
    "修改员工参保信息": EMPLOYEE_CHANGE,
    "更改员工参保信息": EMPLOYEE_CHANGE,
    "修改职工个人信息": EMPLOYEE_CHANGE,
    "修改居民参保信息": RESIDENT_CHANGE,
    "医疗补助申请书怎么写": MEDICAL_AID,
    "大病医疗补助申请书": MEDICAL_AID,
}

# The same classes said with less: the right proposal, for review.
PROPOSED = {
    "更改居民基本信息": RESIDENT_CHANGE,
    "更改职工个人信息": EMPLOYEE_CHANGE,
}

# An employer's particulars changed before its insurance moves: never accepted as the transfer.
NOT_THE_TRANSFER = ["公司办公地址变更医保关系转移", "单位地址变更后职工医保迁移", "企业名称变更后社保怎么转移"]

# A medical subsidy named only by its group: no item accepted.
NO_ITEM = ["低保户医疗补助", "特困人员医疗补助"]

# Left as they were: a move between schemes, a move alone, a new employee joining.
UNCHANGED = {
    "城乡居民医保更改为职工医保": TRANSFER,
    "职工医保变更居民医保": TRANSFER,
    "医保关系转移接续办理": TRANSFER,
    "新职工医保办理": "职工参保登记",
}


def test_the_wordings_checked_are_in_no_labelled_set() -> None:
    assert_in_no_labelled_set(
        set(LEARNT) | set(PROPOSED) | set(NOT_THE_TRANSFER) | set(NO_ITEM) | set(UNCHANGED)
    )


@pytest.mark.parametrize(("name", "item"), sorted(LEARNT.items()))
def test_wordings_of_the_classes_learnt_from_x1_and_w2_are_accepted(name: str, item: str) -> None:
    match = match_name(name)
    assert (match.canonical_name, match.accepted) == (item, True), match.review_reason


@pytest.mark.parametrize(("name", "item"), sorted(PROPOSED.items()))
def test_wordings_saying_less_are_proposed_for_review(name: str, item: str) -> None:
    match = match_name(name)
    assert (match.canonical_name, match.needs_review) == (item, True), match.review_reason


@pytest.mark.parametrize("name", NOT_THE_TRANSFER)
def test_an_employers_change_before_the_move_is_not_accepted_as_the_transfer(name: str) -> None:
    match = match_name(name)
    assert match.needs_review, (match.canonical_name, match.review_reason)
    assert not (match.canonical_name == TRANSFER and match.accepted)


@pytest.mark.parametrize("name", NO_ITEM)
def test_a_subsidy_named_by_its_group_alone_is_not_medical_aid(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None, match.review_reason


@pytest.mark.parametrize(("name", "item"), sorted(UNCHANGED.items()))
def test_wordings_outside_the_classes_keep_their_item(name: str, item: str) -> None:
    match = match_name(name)
    assert (match.canonical_name, match.accepted) == (item, True), match.review_reason
