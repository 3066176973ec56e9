"""Rules learnt from N1 and N2, released for learning after N was measured blind twice
(docs/heldout_names.md, "N, read after its release"). They read classes of wordings: a proof of
insurance (参保证明) printed or looked up without saying whose is the insured person's; the
employer's forms of insured people leaving or joining (参保人员减少, 增加参保人员) are the
headcount; workers dispatched by an agency (派遣) are employees; insurance stopped while abroad
(出国, 出境) is no registration of the catalog. Each is checked here on other wordings of its
class, none of them a wording of any labelled set."""

from __future__ import annotations

import pytest

from normalizers.alignment.align import match_name
from tests.normalizers.alignment_helpers import assert_in_no_labelled_set

# A proof of insurance printed or looked up, whose unsaid: the insured person's query.
PROOF_UNSAID = ["医保参保证明打印", "打印参保证明", "社保参保证明查询"]

# ... while the employer's proof, named as such, stays the employer's query.
PROOF_OF_EMPLOYER = ["单位参保证明打印", "企业参保证明查询"]

# The employer's headcount named by the insured people leaving or joining.
HEADCOUNT = ["减少参保人员", "增加参保人员"]

# Workers dispatched by an agency are its employees.
DISPATCHED = ["劳务派遣人员参保", "派遣员工医保登记", "派遣劳动者社保参保"]

# Insurance stopped while abroad is a scheme's own rule, no registration of the catalog.
ABROAD = ["出国人员停保", "出境期间暂停医保"]


def test_the_checked_wordings_are_in_no_labelled_set() -> None:
    checked = (
        set(PROOF_UNSAID) | set(PROOF_OF_EMPLOYER) | set(HEADCOUNT) | set(DISPATCHED) | set(ABROAD)
    )
    assert_in_no_labelled_set(checked)


@pytest.mark.parametrize("name", PROOF_UNSAID)
def test_a_proof_of_insurance_whose_unsaid_is_the_persons_query(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "参保人员参保信息查询"
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", PROOF_OF_EMPLOYER)
def test_the_employers_proof_stays_the_employers_query(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "参保单位参保信息查询"
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", HEADCOUNT + DISPATCHED)
def test_the_headcount_and_dispatched_workers_are_the_employees_registration(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "职工参保登记"
    assert match.accepted, match.review_reason


@pytest.mark.parametrize("name", ABROAD)
def test_insurance_stopped_abroad_gets_no_item(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name is None, match.review_reason
    assert not match.accepted


def test_a_withdrawal_on_settling_abroad_is_not_blocked() -> None:
    match = match_name("出国定居个人账户一次性支取")
    assert match.canonical_name == "参保人员个人账户一次性支取"
