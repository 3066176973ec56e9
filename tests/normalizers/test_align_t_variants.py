"""Rules learnt from T1, released for learning after it was measured untouched on the rules learnt
from S1 and S2 (docs/heldout_names.md, "T1, read after its release"). They read classes of
wordings, not single names: what is asked of a service (how it is operated, 操作, as its steps,
流程, already were) is that service; the standard of contributions or its table (缴费标准,
交费标准, 缴费标准表) is how much is paid, asked about paying as 缴费多少钱 is. Each is checked here
on other wordings of its class, none of them a wording of any labelled set; a word no catalog
wording holds still keeps a name from being accepted where the rule does not read it."""

from __future__ import annotations

import pytest

from normalizers.alignment.align import match_name
from tests.normalizers.alignment_helpers import assert_in_no_labelled_set

# How a service is operated: the name reads as the service said plainly.
OPERATED = {
    "医保增员减员操作": "医保增员减员",
    "增员操作流程": "增员",
    "医保减员网上操作": "医保减员网上",
    "社保费补缴操作流程": "社保费补缴",
    "城乡居民参保登记操作": "城乡居民参保登记",
}

# The standard of contributions (or its table) of a group's insurance: that group's registration,
# read as the contributions said plainly.
STANDARD = {
    "职工医保缴费标准": ("职工医保缴费", "职工参保登记"),
    "企业职工社保缴费标准": ("企业职工社保缴费", "职工参保登记"),
    "灵活就业人员医保缴费标准": ("灵活就业人员医保缴费", "职工参保登记"),
    "居民医保交费标准": ("居民医保交费", "城乡居民参保登记"),
    "城乡居民医疗保险缴费标准表": ("城乡居民医疗保险缴费", "城乡居民参保登记"),
}

# ... an operation of something the catalog does not hold stays without an item.
OPERATED_OUTSIDE = ["个人账户共济操作", "医保电子凭证绑定操作", "家庭共济绑定操作"]


def test_the_checked_wordings_are_in_no_labelled_set() -> None:
    assert_in_no_labelled_set(set(OPERATED) | set(STANDARD) | set(OPERATED_OUTSIDE))


@pytest.mark.parametrize(("name", "plain"), sorted(OPERATED.items()))
def test_how_a_service_is_operated_is_that_service(name: str, plain: str) -> None:
    asked, said = match_name(name), match_name(plain)
    assert said.canonical_name is not None
    assert (asked.canonical_name, asked.accepted) == (said.canonical_name, said.accepted)
    assert asked.match_score == pytest.approx(said.match_score)


@pytest.mark.parametrize(("name", "expected"), sorted(STANDARD.items()))
def test_a_contributions_standard_is_what_is_paid(name: str, expected: tuple[str, str]) -> None:
    plain, item = expected
    asked, said = match_name(name), match_name(plain)
    assert asked.canonical_name == item
    assert (asked.canonical_name, asked.accepted) == (said.canonical_name, said.accepted)


@pytest.mark.parametrize("name", OPERATED_OUTSIDE)
def test_an_operation_of_what_the_catalog_does_not_hold_names_no_item(name: str) -> None:
    assert match_name(name).canonical_name is None
