"""Rules learnt from L1, released for learning after it was measured blind twice
(docs/heldout_names.md, "L1, read after its release"). One reads what 新增 is said of (the wrong
accepted match of L1: a new registration read as the employees' headcount); one reads an account
of the insurance opened or closed as the employer's registration (misses of C1, F1 and L1); the
rest is vocabulary, each a class of wordings. Each is checked here on other wordings of its
class, none of them a wording of any labelled set."""

from __future__ import annotations

import pytest

from normalizers.alignment.align import match_name
from tests.normalizers.alignment_helpers import assert_in_no_labelled_set

# 新增 said of the registration itself (新增参保, 新增参保登记) is a new registration, as the
# catalog's 单位新参保登记 says: the employer's when the name says so by 单位 or a word for it.
NEW_REGISTRATION = [
    ("企业新增参保", "单位参保登记"),
    ("公司新增参保登记", "单位参保登记"),
    ("用人单位新增参保", "单位参保登记"),
]

# ... while 新增 said of people (新增参保职工, 新增参保员工) is the headcount going up: the
# employees' registration.
NEW_PEOPLE = [
    ("新增参保职工", "职工参保登记"),
    ("新增参保员工登记", "职工参保登记"),
]

# ... and a new registration whose owner is unsaid names no one registration.
NEW_REGISTRATION_UNSAID = ["新增参保登记"]

# An account of the insurance opened (开设社保账户, 开立账户, 开户) is how an employer registers
# with it; closed (账户注销) by an employer, it ends that registration.
ACCOUNT_OPENED_OR_CLOSED = [
    ("开立社保账户", "单位参保登记"),
    ("公司开设医保账户", "单位参保登记"),
    ("企业社保账户注销", "单位参保登记"),
]

# ... a closing said without whose is proposed as the employer's, for a person to confirm,
ACCOUNT_CLOSED_WHOSE_UNSAID = ["医保账户注销", "注销医保账户"]

# ... and a person's account (个人账户, 个人开户) is never accepted as the employer's.
PERSONS_ACCOUNT = ["个人账户注销", "个人开户"]

# Vocabulary, each a class: the status of one's insurance (医保状态) and confirming it; how one's
# insurance or its funds were used (使用记录, 消费明细: the record of one's rights); a pharmacy or
# hospital applying for the insurance's pool (申请医保统筹) applies to be designated; a form named
# by its request (申请书); applying for care elsewhere (异地就医申请, 异地就医登记) is the filing;
# the phone a service is used on (手机) is a channel, not the service.
VOCABULARY = [
    ("查询医保状态", "参保人员参保信息查询"),
    ("医保卡使用记录查询", "参保人员参保信息查询"),
    ("个人账户消费明细查询", "参保人员参保信息查询"),
    ("零售药店申请医保统筹", "零售药店申请定点协议管理"),
    ("药房医保统筹申请", "零售药店申请定点协议管理"),
    ("医院申请医保统筹", "医疗机构申请定点协议管理"),
    ("门诊慢特病申请书", "门诊慢特病病种待遇认定"),
    ("异地就医登记", "异地安置退休人员备案"),
    ("跨省异地就医申请", "异地安置退休人员备案"),
    ("手机办理医保转移", "基本医疗保险关系转移接续"),
    ("手机上领取生育津贴", "生育津贴支付"),
]

# Confirming the status (确认参保状态, 社保状态确认) asks about it: the person's query proposed; the
# employer's query scores close, so a person confirms.
STATUS_CONFIRMED = ["确认参保状态", "社保状态确认"]


def test_the_checked_wordings_are_in_no_labelled_set() -> None:
    checked = (
        {name for name, _ in NEW_REGISTRATION + NEW_PEOPLE + ACCOUNT_OPENED_OR_CLOSED + VOCABULARY}
        | set(NEW_REGISTRATION_UNSAID)
        | set(ACCOUNT_CLOSED_WHOSE_UNSAID)
        | set(PERSONS_ACCOUNT)
        | set(STATUS_CONFIRMED)
        | {"定点药店纳入门诊统筹申请"}
    )
    assert_in_no_labelled_set(checked)


@pytest.mark.parametrize(("name", "expected"), NEW_REGISTRATION)
def test_a_new_registration_is_the_named_registration(name: str, expected: str) -> None:
    match = match_name(name)
    assert match.canonical_name == expected
    assert match.accepted, match.review_reason


@pytest.mark.parametrize(("name", "expected"), NEW_PEOPLE)
def test_new_people_are_the_headcount_going_up(name: str, expected: str) -> None:
    match = match_name(name)
    assert match.canonical_name == expected
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", NEW_REGISTRATION_UNSAID)
def test_a_new_registration_without_whose_is_not_accepted(name: str) -> None:
    assert not match_name(name).accepted


@pytest.mark.parametrize(("name", "expected"), ACCOUNT_OPENED_OR_CLOSED)
def test_an_account_of_the_insurance_is_the_employers_registration(name: str, expected: str) -> None:
    match = match_name(name)
    assert match.canonical_name == expected
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", ACCOUNT_CLOSED_WHOSE_UNSAID)
def test_an_account_closed_without_whose_is_proposed_for_review(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "单位参保登记"
    assert match.needs_review


@pytest.mark.parametrize("name", PERSONS_ACCOUNT)
def test_a_persons_account_is_not_the_employers(name: str) -> None:
    match = match_name(name)
    assert not match.accepted
    assert match.canonical_name != "单位参保登记"


@pytest.mark.parametrize(("name", "expected"), VOCABULARY)
def test_variant_words_are_accepted_as_their_catalog_item(name: str, expected: str) -> None:
    match = match_name(name)
    assert match.canonical_name == expected
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", STATUS_CONFIRMED)
def test_confirming_ones_status_proposes_the_persons_query(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "参保人员参保信息查询"


def test_outpatient_pooling_of_a_designated_pharmacy_stays_outside_the_catalog() -> None:
    # 门诊统筹 is another scheme: applying for it is not applying to be designated, though
    # 医保统筹 said of a pharmacy is.
    match = match_name("定点药店纳入门诊统筹申请")
    assert match.canonical_name is None


# Opening written with 开通 and the employer between the verb and the account (开通单位医保账户 in
# C1) is the same opening.
OPENED_WITH_THE_EMPLOYER_BETWEEN = ["开通公司社保账户", "开设单位社保账户"]


def test_opened_wordings_are_in_no_labelled_set() -> None:
    assert_in_no_labelled_set(set(OPENED_WITH_THE_EMPLOYER_BETWEEN) | {"开通医保个人账户"})


@pytest.mark.parametrize("name", OPENED_WITH_THE_EMPLOYER_BETWEEN)
def test_an_account_opened_for_the_employer_is_its_registration(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "单位参保登记"
    assert match.accepted, match.review_reason


def test_opening_a_persons_account_is_not_accepted() -> None:
    assert not match_name("开通医保个人账户").accepted


# How funds were used is the person's record only when it is the person's: a designated
# institution's use of the fund is none of the catalog's services, an employer's is the
# employer's query (proposed, for a person to confirm).
def test_usage_wordings_are_in_no_labelled_set() -> None:
    assert_in_no_labelled_set({"定点医疗机构医保基金使用情况查询", "单位医保使用情况查询"})


def test_an_institutions_use_of_the_fund_is_not_the_persons_query() -> None:
    match = match_name("定点医疗机构医保基金使用情况查询")
    assert match.canonical_name is None


def test_an_employers_use_is_the_employers_query() -> None:
    match = match_name("单位医保使用情况查询")
    assert match.canonical_name == "参保单位参保信息查询"
    assert not match.accepted
