"""Rules learnt from J2, K1 and K2, released for learning after they were measured blind
(docs/heldout_names.md, "J2 and K, read after their release"). Two make accepting stricter where
a structural signal says a name is not sure (whose insurance unsaid for a registration, a person
described by a gap); two lift misses of several sets (social insurance said in general, an act of
one's own asked of a thing of one main item); the rest is vocabulary, each a class of wordings.
Each is checked here on other wordings of its class, none of them a wording of any labelled set."""

from __future__ import annotations

import pytest

from normalizers.alignment.align import match_name
from tests.normalizers.alignment_helpers import assert_in_no_labelled_set

# A registration said without whose insurance it is, and with nothing of the entry's own that
# its neighbours lack, scores as one registration through words they share (缴费, 登记): the
# proposal stays, for a person to confirm.
WHOSE_UNSAID = ["参保缴费申报", "医保缴费登记", "缴费登记"]

# ... while a name saying whose, or holding a word only that registration has, is accepted.
WHOSE_SAID = [
    ("城乡居民缴费申报", "城乡居民参保登记"),
    ("职工缴费登记", "职工参保登记"),
    ("单位增员申报", "职工参保登记"),
]

# A person described by a gap or an end of their insurance or work is named by the insurance
# they had: the registration it names is proposed, not accepted.
FORMER = [
    ("辞职职工医保人员参保登记", "职工参保登记"),
    ("失业职工人员参保登记", "职工参保登记"),
    ("中断城乡居民医保人员参保登记", "城乡居民参保登记"),
]

# Social insurance said in general (社保, 社会保险) names the insurance, as 医保 does.
SOCIAL_INSURANCE = [
    ("社保增员办理", "职工参保登记"),
    ("社会保险减员", "职工参保登记"),
    ("员工社保信息变更", "职工参保信息变更登记"),
]

# An act of one's own (查询) asked of a thing of one main item (the individual account), with no
# wording scoring: the entry holding the act for whose insurance the name names, for review.
ASKED = ["个人账户查询", "查询个人账户", "医保个人账户查询"]

# ... but looking up a reimbursement's progress asks about another service: no proposal.
ASKED_OF_ANOTHER = ["报销进度查询"]

# Vocabulary: 个账 (the account said short), 居保 (the residents' insurance said short), 工商变更
# (a change at the business registry), 自谋职业 (working for oneself), 欠费 (arrears), 处理
# (handling a matter), 转为参加 (moving to join the other scheme) and students of a level the
# catalog does not name (研究生, 本科生, 大专生: insured with the residents).
VOCABULARY = [
    ("个账余额支取", "参保人员个人账户一次性支取"),
    ("医保个账提取", "参保人员个人账户一次性支取"),
    ("居保参保登记", "城乡居民参保登记"),
    ("居保停保", "城乡居民参保登记"),
    ("工商变更后医保变更", "单位参保信息变更登记"),
    ("工商变更单位信息", "单位参保信息变更登记"),
    ("自谋职业人员医保停保", "职工参保登记"),
    ("欠费补缴处理", "医疗保险费补缴"),
    ("医保欠费", "医疗保险费补缴"),
    ("居民医保参保人员转为参加职工医保", "基本医疗保险关系转移接续"),
    ("职工转参加城乡居民医保", "基本医疗保险关系转移接续"),
    ("研究生医保", "城乡居民参保登记"),
    ("本科生参保登记", "城乡居民参保登记"),
    ("大专生医保办理", "城乡居民参保登记"),
]


def test_the_checked_wordings_are_in_no_labelled_set() -> None:
    checked = (
        set(WHOSE_UNSAID)
        | set(ASKED)
        | set(ASKED_OF_ANOTHER)
        | {name for name, _ in WHOSE_SAID + FORMER + SOCIAL_INSURANCE + VOCABULARY}
        | {"单位个人账户查询", "个人账户储存额一次性领取", "个人帐户储存额一次性领取"}
    )
    assert_in_no_labelled_set(checked)


@pytest.mark.parametrize("name", WHOSE_UNSAID)
def test_a_registration_without_whose_is_never_accepted(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is not None  # the proposal stays
    assert not match.accepted
    assert "whose insurance by no word" in (match.review_reason or "")


@pytest.mark.parametrize(("name", "expected"), WHOSE_SAID)
def test_a_registration_saying_whose_is_accepted(name: str, expected: str) -> None:
    match = match_name(name)
    assert match.canonical_name == expected
    assert match.accepted, match.review_reason


@pytest.mark.parametrize(("name", "expected"), FORMER)
def test_a_person_described_by_a_gap_is_proposed_not_accepted(name: str, expected: str) -> None:
    match = match_name(name)
    assert match.canonical_name == expected
    assert not match.accepted
    assert "former insurance" in (match.review_reason or "")


@pytest.mark.parametrize(("name", "expected"), SOCIAL_INSURANCE)
def test_social_insurance_said_in_general_is_the_insurance(name: str, expected: str) -> None:
    match = match_name(name)
    assert match.canonical_name == expected
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", ASKED)
def test_asking_about_ones_account_proposes_the_persons_query(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "参保人员参保信息查询"
    assert match.needs_review


@pytest.mark.parametrize("name", ASKED_OF_ANOTHER)
def test_asking_about_another_service_proposes_nothing(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None


def test_asking_about_the_employers_record_is_the_employers_query() -> None:
    match = match_name("单位个人账户查询")
    assert match.canonical_name == "参保单位参保信息查询"
    assert not match.accepted


@pytest.mark.parametrize(("name", "expected"), VOCABULARY)
def test_variant_words_are_accepted_as_their_catalog_item(name: str, expected: str) -> None:
    match = match_name(name)
    assert match.canonical_name == expected
    assert match.accepted, match.review_reason


def test_the_account_written_with_its_variant_character_reads_as_the_account() -> None:
    # 帐户 is folded to 账户 (rules learnt from Q2), and the stored amount (储存额), as often the
    # pension's, leaves either spelling for review with the withdrawal proposed.
    for name in ("个人账户储存额一次性领取", "个人帐户储存额一次性领取"):
        match = match_name(name)
        assert match.canonical_name == "参保人员个人账户一次性支取"
        assert not match.accepted
