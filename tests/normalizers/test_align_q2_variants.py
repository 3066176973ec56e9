"""Rules learnt from Q2, released for learning after it was measured untouched on the rules learnt
from O and once on those learnt from Q1 (docs/heldout_names.md, "Q2, read after its release"), and
from the untouched misses of earlier sets that share their class. They read classes of wordings: a
retiree's insurance moved elsewhere holds the words of the transfer and of the retirees' filing,
and is for a person to say; the account written with the older character (帐户) is the account,
and the amount stored in it (储存额) may be the pension's; a switch between the schemes said with
成 (转成) is said as with 为; the relation moved said with the bare act (关系怎么转) is the
transfer; paying off what is owed (清缴, 缴清) is paying it back; the electronic card named in
either order (医保电子卡) is the voucher, not the certificate or the transfer. Each is checked here
on other wordings of its class, none of them a wording of any labelled set."""

from __future__ import annotations

import pytest

from normalizers.alignment.align import match_name
from tests.normalizers.alignment_helpers import assert_in_no_labelled_set

TRANSFER = "基本医疗保险关系转移接续"
RETIREES_FILING = "异地安置退休人员备案"
WITHDRAWAL = "参保人员个人账户一次性支取"
BACK_PAYMENT = "医疗保险费补缴"

# A retiree's insurance moved elsewhere (退休, a place elsewhere, an act of moving): the transfer
# by the act, the retirees' filing by the person and the place. Never accepted; the proposal stays.
RETIREE_MOVED_ELSEWHERE = ["退休人员医保跨省转移", "外地退休人员医疗保险转入", "退休职工医保关系转到外地"]

# ... with no place the retiree's insurance moved stays the transfer, and the retirees' filing
# named stays the filing, accepted.
RETIREE_NO_PLACE = {"退休职工医保关系转移": TRANSFER, "退休人员异地安置备案办理": RETIREES_FILING}

# The account written with 帐 (帐户, 帐号) is the account: every rule of the account applies.
ACCOUNT_WITH_THE_OLDER_CHARACTER = {
    "医保个人帐户余额一次性支取": WITHDRAWAL,
    "去世参保人个人帐户余额领取": WITHDRAWAL,
    "帐户余额怎么取出来": WITHDRAWAL,
    "单位医保帐号注销": "单位参保登记",
}

# The amount stored in an account (储存额, 存储额) is the pension's term as often: never accepted,
# the withdrawal proposed.
STORED_AMOUNT = ["个人账户存储额一次性领取", "个人帐户储存额支取"]

# A switch between the schemes said with 成 (转成, 转换成) is the transfer, as with 为.
SWITCH_SAID_WITH_CHENG = ["居民医保转成职工医保", "新农合怎么转成职工医保"]

# The relation moved said with the bare act (关系如何转, 关系咋转) is the transfer.
RELATION_MOVED_BARE = ["医保关系如何转", "社保关系咋转到外省"]

# Paying off what is owed (清缴, 缴清) is paying it back: accepted when nothing else is said ...
PAID_OFF = ["医保欠费如何缴清"]

# ... an employer's, said with little else, stays for review (the rule learnt from C1 and H1).
EMPLOYER_PAID_OFF = ["单位医保欠费清缴"]

# The electronic card named in either order (医保电子卡, 社保电子卡): its place of insurance
# changed is the voucher's, no catalog service.
ELECTRONIC_CARD_PLACE = ["社保电子卡更改参保地", "医保电子卡参保地变更"]


def test_the_checked_wordings_are_in_no_labelled_set() -> None:
    assert_in_no_labelled_set(
        set(RETIREE_MOVED_ELSEWHERE)
        | set(RETIREE_NO_PLACE)
        | set(ACCOUNT_WITH_THE_OLDER_CHARACTER)
        | set(STORED_AMOUNT)
        | set(SWITCH_SAID_WITH_CHENG)
        | set(RELATION_MOVED_BARE)
        | set(PAID_OFF)
        | set(EMPLOYER_PAID_OFF)
        | set(ELECTRONIC_CARD_PLACE)
    )


@pytest.mark.parametrize("name", RETIREE_MOVED_ELSEWHERE)
def test_a_retirees_insurance_moved_elsewhere_is_for_a_person_to_say(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == TRANSFER
    assert not match.accepted
    assert match.review_reason and "退休" in match.review_reason


@pytest.mark.parametrize(("name", "item"), sorted(RETIREE_NO_PLACE.items()))
def test_a_retiree_with_no_place_or_the_filing_named_is_accepted(name: str, item: str) -> None:
    match = match_name(name)
    assert match.canonical_name == item
    assert match.accepted, match.review_reason


@pytest.mark.parametrize(("name", "item"), sorted(ACCOUNT_WITH_THE_OLDER_CHARACTER.items()))
def test_the_account_written_with_the_older_character_is_the_account(name: str, item: str) -> None:
    match = match_name(name)
    assert match.canonical_name == item
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", STORED_AMOUNT)
def test_the_amount_stored_in_an_account_is_never_accepted(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == WITHDRAWAL
    assert not match.accepted


@pytest.mark.parametrize("name", SWITCH_SAID_WITH_CHENG)
def test_a_switch_said_with_cheng_is_the_transfer(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == TRANSFER
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", RELATION_MOVED_BARE)
def test_the_relation_moved_said_with_the_bare_act_is_the_transfer(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == TRANSFER
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", PAID_OFF)
def test_paying_off_what_is_owed_is_the_back_payment(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == BACK_PAYMENT
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", EMPLOYER_PAID_OFF)
def test_an_employer_paying_off_stays_for_review(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == BACK_PAYMENT
    assert not match.accepted


@pytest.mark.parametrize("name", ELECTRONIC_CARD_PLACE)
def test_the_place_changed_on_the_electronic_card_is_no_catalog_service(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None
    assert match.needs_review
