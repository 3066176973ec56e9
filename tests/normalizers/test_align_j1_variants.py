"""Rules learnt from J1, the half of the ninth set released for learning after it was measured
blind (docs/heldout_names.md, "J1, read after its release"). Most are mechanisms that lift
misses of several sets, not words of one wording: cancelling one's insurance is stopping it, a
word that marks one item names it where the rest of the name pulls elsewhere, and whose
insurance a name names says which registration when no wording scores. Each is checked here on
other wordings of its class, none of them a wording of any labelled set."""

from __future__ import annotations

import pytest

from normalizers.alignment.align import match_name
from tests.normalizers.alignment_helpers import assert_in_no_labelled_set

# J1's wrong accepted match was an electronic certificate of insurance that its page offers as a
# voucher for claims (the card-like electronic voucher, no catalog item), while set D labels the
# same wording without a city as the certificate: 电子 leaves any match to a person.
ELECTRONIC = ["北京电子参保凭证", "电子参保凭证下载", "深圳电子参保凭证打印"]

# Cancelling one's insurance itself (取消 said of 医保, 参保, 医疗保险 and whose it is) is
# stopping it, which the registration records, wherever 取消 stands in the name.
CANCELLED_INSURANCE = [
    ("灵活就业人员社保取消", "职工参保登记"),
    ("个体户取消医疗保险", "职工参保登记"),
    ("取消灵活就业人员医保", "职工参保登记"),
    ("取消职工参保", "职工参保登记"),
    ("学生取消医保", "城乡居民参保登记"),
]

# ... but cancelling a filing, a recognition or an employer's registration is another service.
CANCELLED_SERVICE = ["长期异地就医备案取消", "取消门诊慢特病认定", "取消单位参保登记"]

# A word that marks one item names it where the rest of the name pulls to a neighbour (住院,
# 门诊: the manual reimbursements; the residents: their registration) ...
MARKED = [
    ("城乡低保对象住院二次报销", "医疗救助对象待遇核准支付"),
    ("特困人员门诊二次报销", "医疗救助对象待遇核准支付"),
    ("职工医保断交", "医疗保险费补缴"),
]

# ... unless the name ends in its best item's own word: paying again after a gap is joining.
ENDS_IN_ITS_OWN = [("居民医保断缴后续交", "城乡居民参保登记")]

# Whose insurance, and nothing else the catalog knows, names that person's registration
# (proposed for review): a compound names a kind of its last word (大学生, 中小学生 → 学生).
WHOSE = [
    ("高校大学生医保", "城乡居民参保登记"),
    ("中小学生医保", "城乡居民参保登记"),
    ("在读大学生医疗保险", "城乡居民参保登记"),
]

# Moving one's insurance to another employer is the transfer; verifying whether one is insured
# is asking about it.
PROPOSED = [
    ("医保转到新公司", "基本医疗保险关系转移接续"),
    ("社保转入新单位", "基本医疗保险关系转移接续"),
    ("医保转到别的单位", "基本医疗保险关系转移接续"),
    ("参保信息核验", "参保人员参保信息查询"),
    ("医保参保状态核验", "参保人员参保信息查询"),
]


def test_the_checked_wordings_are_in_no_labelled_set() -> None:
    checked = (
        set(ELECTRONIC)
        | {name for name, _ in CANCELLED_INSURANCE}
        | set(CANCELLED_SERVICE)
        | {name for name, _ in MARKED + ENDS_IN_ITS_OWN + WHOSE + PROPOSED}
    )
    assert_in_no_labelled_set(checked)


@pytest.mark.parametrize("name", ELECTRONIC)
def test_an_electronic_certificate_is_never_accepted(name: str) -> None:
    match = match_name(name)
    assert not match.accepted
    assert "电子" in (match.review_reason or "")


def test_the_certificate_without_electronic_is_still_accepted() -> None:
    # issued (打印) as the catalog's certificate is: the name alone would not be (see M2's rules)
    match = match_name("北京参保凭证打印")
    assert match.accepted, match.review_reason
    assert match.canonical_name == "出具参保凭证"


@pytest.mark.parametrize(("name", "expected"), CANCELLED_INSURANCE)
def test_cancelling_ones_insurance_is_stopping_it(name: str, expected: str) -> None:
    match = match_name(name)
    assert match.canonical_name == expected, match.review_reason
    assert "another service" not in (match.review_reason or "")


@pytest.mark.parametrize("name", CANCELLED_SERVICE)
def test_cancelling_another_service_is_not_that_service(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None
    assert not match.accepted


@pytest.mark.parametrize(("name", "expected"), MARKED)
def test_a_word_marking_one_item_proposes_it(name: str, expected: str) -> None:
    match = match_name(name)
    assert match.canonical_name == expected
    assert match.needs_review


@pytest.mark.parametrize(("name", "expected"), ENDS_IN_ITS_OWN)
def test_a_name_ending_in_its_items_own_word_keeps_it(name: str, expected: str) -> None:
    match = match_name(name)
    assert match.canonical_name == expected
    assert match.needs_review


@pytest.mark.parametrize(("name", "expected"), WHOSE)
def test_whose_insurance_names_the_registration(name: str, expected: str) -> None:
    assert match_name(name).canonical_name == expected


def test_whose_insurance_with_another_known_word_is_not_guessed() -> None:
    # 查询 is a word of neither registration: the name asks about something, which the
    # fallback does not guess.
    match = match_name("在读大学生医保缴费查询")
    assert match.canonical_name != "城乡居民参保登记"


@pytest.mark.parametrize(("name", "expected"), PROPOSED)
def test_wordings_of_a_class_that_cost_top1_are_proposed_as_their_item(
    name: str, expected: str
) -> None:
    assert match_name(name).canonical_name == expected
