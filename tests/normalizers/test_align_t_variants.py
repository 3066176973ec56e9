"""Rules learnt from T1, released for learning after it was measured untouched on the rules learnt
from S1 and S2 (docs/heldout_names.md, "T1, read after its release"). They read classes of
wordings, not single names: what is asked of a service (how it is operated, 操作, as its steps,
流程, already were) is that service; the standard of contributions or its table (缴费标准,
交费标准, 缴费标准表) is how much is paid, asked about paying as 缴费多少钱 is, and never the
contributions looked up; a scheme said short (居保, 城保) is claimed as the scheme said in full
(the S1 rule derived for every scheme key ending in an insurance word reaches 保 said alone
too); the market registry's office (市场监管局, 工商局) named with a service says it is the
employer's; outpatient pooling (门诊统筹) names the outpatient claim where nothing else of the
name scores, and so does the threshold a scheme pays from (起点, 门槛费), the inpatient claim
where the name says no kind of care; whose costs are claimed said with 的 (居民医保的报销) reads as
said without it. Each is checked here
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

# ... never accepted as the contributions looked up (个人缴费 alone reads as the person's query).
STANDARD_NOT_LOOKED_UP = ["个人医保缴费标准", "个人社保缴费标准表", "单位医保缴费标准", "个人缴费档次"]

# A scheme said short (居保, 城保: the insurance word said as 保) before a claim: the claim, as the
# scheme said in full (居民医保报销, 职工医保报销) reads.
SHORT_SCHEME = {
    "居保报销": "居民医保报销",
    "城保报销": "职工医保报销",
    "城保报销比例是多少": "职工医保报销比例是多少",
}

# The market registry's office named with a service (only firms register there): the employer's.
REGISTRY_OFFICE = {
    "社保信息变更,市场监督管理局怎么办?": "单位参保信息变更登记",
    "工商部门变更后医保登记变更": "单位参保信息变更登记",
    "市场监管部门变更地址后社保变更": "单位参保信息变更登记",
    "工商局注销后社保注销": "单位参保登记",
}

# ... a self-employed business (个体工商户) is still a person insured as a flexible worker.
SELF_EMPLOYED = {"个体工商户医保参保": "职工参保登记", "个体工商户社保缴费": "职工参保登记"}

# Outpatient pooling (门诊统筹) of a scheme, its rules or what it pays: the outpatient claim, for
# review, never a registration by whose insurance it is.
POOLING = ["门诊统筹", "居民门诊统筹", "职工门诊统筹待遇", "职工门诊统筹政策规定", "居民门诊统筹报销限额"]

# ... a designated institution taken into it stays outside the catalog.
POOLING_OUTSIDE = ["定点诊所纳入门诊统筹", "诊所门诊统筹定点"]

# The threshold a scheme pays from (起点, 门槛费) said of a scheme with no kind of care: the
# inpatient claim, for review, never the scheme's registration.
THRESHOLD = ["城乡居民医保起点是多少", "职工医保起点多少", "居民医保门槛费多少", "职工医保门槛费", "居民医保起点"]

# ... said with the outpatient care it is of, it stays that claim.
THRESHOLD_OUTPATIENT = "门诊报销起点"

# Whose costs are claimed, said with 的 before the claim: as said without it.
CLAIM_WITH_DE = {
    "居民医保的报销": "居民医保报销",
    "新农合的报销": "新农合报销",
    "职工医保的报销比例是多少": "职工医保报销比例是多少",
    "城保的报销": "城保报销",
    "农村医保的报销比例": "农村医保报销比例",
    "慢病的报销": "慢病报销",
}

# ... an operation of something the catalog does not hold stays without an item.
OPERATED_OUTSIDE = ["个人账户共济操作", "医保电子凭证绑定操作", "家庭共济绑定操作"]


def test_the_checked_wordings_are_in_no_labelled_set() -> None:
    assert_in_no_labelled_set(
        set(OPERATED)
        | set(STANDARD)
        | set(OPERATED_OUTSIDE)
        | set(STANDARD_NOT_LOOKED_UP)
        | set(SHORT_SCHEME)
        | set(REGISTRY_OFFICE)
        | set(SELF_EMPLOYED)
        | set(POOLING)
        | set(POOLING_OUTSIDE)
        | set(THRESHOLD)
        | {THRESHOLD_OUTPATIENT}
        | set(CLAIM_WITH_DE)
    )


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


@pytest.mark.parametrize("name", STANDARD_NOT_LOOKED_UP)
def test_a_contributions_standard_is_not_accepted_as_contributions_looked_up(name: str) -> None:
    match = match_name(name)
    assert match.needs_review
    assert "缴费" in (match.review_reason or "")


@pytest.mark.parametrize(("name", "full"), sorted(SHORT_SCHEME.items()))
def test_a_scheme_said_short_reads_as_the_scheme_said_in_full(name: str, full: str) -> None:
    short, said = match_name(name), match_name(full)
    assert said.canonical_name is not None
    assert (short.canonical_name, short.accepted) == (said.canonical_name, said.accepted)


@pytest.mark.parametrize(("name", "item"), sorted({**REGISTRY_OFFICE, **SELF_EMPLOYED}.items()))
def test_the_market_registrys_office_says_the_employers(name: str, item: str) -> None:
    assert match_name(name).canonical_name == item


@pytest.mark.parametrize("name", POOLING)
def test_outpatient_pooling_is_the_outpatient_claim(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "门诊费用报销"
    assert match.needs_review


@pytest.mark.parametrize("name", POOLING_OUTSIDE)
def test_an_institution_taken_into_outpatient_pooling_names_no_item(name: str) -> None:
    assert match_name(name).canonical_name is None


@pytest.mark.parametrize("name", THRESHOLD)
def test_a_schemes_threshold_is_the_claim_not_the_registration(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "住院费用报销"
    assert match.needs_review


def test_a_threshold_of_outpatient_care_is_the_outpatient_claim() -> None:
    assert match_name(THRESHOLD_OUTPATIENT).canonical_name == "门诊费用报销"


@pytest.mark.parametrize(("name", "plain"), sorted(CLAIM_WITH_DE.items()))
def test_a_claim_said_with_de_reads_as_said_without(name: str, plain: str) -> None:
    said, without = match_name(name), match_name(plain)
    assert without.canonical_name in {"住院费用报销", "门诊费用报销"}
    assert (said.canonical_name, said.accepted) == (without.canonical_name, without.accepted)
