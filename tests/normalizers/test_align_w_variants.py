"""Rules learnt from V2 and W1, released for learning (docs/heldout_names.md, "V2 and W1, read after
their release"). They read classes of wordings, not single names:

- a delivery's costs claimed (分娩费用, 分娩医疗, 住院分娩, 分娩住院, 顺产费用, 剖宫产费用) are the
  maternity insurance's childbirth costs;
- the headcount's change recorded (增减变化, 增减情况) is the staff going up and down, which the
  employees' registration covers;
- the self-employed's insurance said by 个体 alone (个体医保, 个体社保, 个体参保) is a flexible worker's;
- the place one pays at (缴费地, 缴费地址) is the place one is insured at: changing it is the transfer.

Each is checked on wordings of its class that are in no labelled set, and on wordings the rules must
leave as they were (a grant at childbirth names no service)."""

from __future__ import annotations

import pytest

from normalizers.alignment.align import match_name
from tests.normalizers.alignment_helpers import assert_in_no_labelled_set

# Learnt from V2 and W1: accepted as their item.
LEARNT = {
    "分娩费用报销": "生育医疗费支付",
    "剖宫产费用怎么报销": "生育医疗费支付",
    "分娩住院费用报销": "生育医疗费支付",
    "顺产费用报销流程": "生育医疗费支付",
    "个体医保参保": "职工参保登记",
    "个体参保登记": "职工参保登记",
    "单位职工增减情况表": "职工参保登记",
    "职工人员增减变化登记": "职工参保登记",
    "社保缴费地址变更": "基本医疗保险关系转移接续",
}

# The same classes said with less: the right proposal, for review.
PROPOSED = {
    "个体社保怎么交": "职工参保登记",
    "参保人员增减变化表": "职工参保登记",
    "缴费地变更": "基本医疗保险关系转移接续",
}

# A grant at childbirth, not its costs, and a question of where to pay: no item accepted.
UNCHANGED = ["分娩补贴", "分娩营养补助", "医保缴费地点在哪"]


def test_the_wordings_checked_are_in_no_labelled_set() -> None:
    assert_in_no_labelled_set(set(LEARNT) | set(PROPOSED) | set(UNCHANGED))


@pytest.mark.parametrize(("name", "item"), sorted(LEARNT.items()))
def test_wordings_of_the_classes_learnt_from_v2_and_w1_are_accepted(name: str, item: str) -> None:
    match = match_name(name)
    assert (match.canonical_name, match.accepted) == (item, True), match.review_reason


@pytest.mark.parametrize(("name", "item"), sorted(PROPOSED.items()))
def test_wordings_saying_less_are_proposed_for_review(name: str, item: str) -> None:
    match = match_name(name)
    assert (match.canonical_name, match.needs_review) == (item, True), match.review_reason


@pytest.mark.parametrize("name", UNCHANGED)
def test_a_grant_or_a_place_asked_is_not_accepted(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None or not match.accepted
