"""Rules learnt from M1, released for learning after it was measured blind twice
(docs/heldout_names.md, "M1, read after its release"). One is a gate on accepting: a name that
spells out a word marking a neighbour of its match, with one character between (门急诊 holds
门…诊, 长时期 holds 长…期), is sent to review with the match as its proposal, since discriminating
words are matched as written and let such a name through. Two read classes of wordings: outpatient
and emergency care named together is outpatient care, and an account's details are the insured
person's record. Each is checked here on other wordings of its class, none of them a wording of
any labelled set."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalizers.alignment.align import match_name, match_names
from normalizers.alignment.catalog import load_catalog
from normalizers.alignment.tokenize import read_reference_text
from tests.normalizers.alignment_helpers import assert_in_no_labelled_set

# Outpatient and emergency care named together (门急诊, 门诊急诊, 门（急）诊) is outpatient care:
# its manual reimbursement is the outpatient one, not the inpatient one the group wording
# 零星报销 is read as first.
OUTPATIENT_AND_EMERGENCY = [
    "门急诊费用零星报销",
    "门急诊医疗费用报销",
    "门诊急诊费用报销",
    "门（急）诊医疗费用手工报销",
    "普通门急诊报销",
]

# A word marking a neighbour of the best item, spelled out with one character between (长时期
# for 长期: the long-stay filing, not the retirees' one the group wording is read as first;
# 津补贴 for 津贴: the allowance, not the childbirth costs): the best item stays the proposal,
# in review.
SPELLED_OUT = [
    ("长时期异地就医备案", "异地安置退休人员备案"),
    ("长久期异地就医备案", "异地安置退休人员备案"),
    ("生育医疗费津补贴支付", "生育医疗费支付"),
]

# ... while the word written as it is keeps its own reading (the discriminating rules decide it).
WRITTEN_AS_IS = [
    ("长期异地就医备案", "异地长期居住人员备案"),
    ("门诊费用零星报销", "门诊费用报销"),
]

# An account's details (个人账户明细, 账户收支明细) are what the insured person's record holds, as
# its balance is: asking for them is the person's query.
ACCOUNT_DETAILS = [
    "个人账户明细查询",
    "查询医保个人账户明细",
    "微信查询个人账户明细",
    "医保账户收支明细查询",
]


def test_the_checked_wordings_are_in_no_labelled_set() -> None:
    checked = (
        set(OUTPATIENT_AND_EMERGENCY)
        | {name for name, _ in SPELLED_OUT + WRITTEN_AS_IS}
        | set(ACCOUNT_DETAILS)
    )
    assert_in_no_labelled_set(checked)


@pytest.mark.parametrize("name", OUTPATIENT_AND_EMERGENCY)
def test_outpatient_and_emergency_care_is_outpatient_care(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "门诊费用报销"
    assert match.accepted, match.review_reason


@pytest.mark.parametrize(("name", "proposed"), SPELLED_OUT)
def test_a_spelled_out_marking_word_sends_the_match_to_review(name: str, proposed: str) -> None:
    match = match_name(name)
    assert match.canonical_name == proposed
    assert not match.accepted
    assert match.review_reason is not None and "spelled out" in match.review_reason


@pytest.mark.parametrize(("name", "expected"), WRITTEN_AS_IS)
def test_a_marking_word_written_as_is_is_not_a_spelled_out_one(name: str, expected: str) -> None:
    match = match_name(name)
    assert match.canonical_name == expected
    assert match.review_reason is None or "spelled out" not in match.review_reason


def test_without_the_outpatient_rewrite_the_gate_keeps_the_group_reading_in_review(
    tmp_path: Path,
) -> None:
    # The gate, not only the rewrite, keeps a spelled-out word from being accepted as the first
    # member of a group: with 门急诊's rewrite taken out of the rules, the name stays in review.
    text = read_reference_text("synonyms.toml")
    kept = [line for line in text.splitlines() if not line.startswith('"门急诊"')]
    assert len(kept) < len(text.splitlines())
    synonyms = tmp_path / "synonyms.toml"
    synonyms.write_text("\n".join(kept), encoding="utf-8")
    (match,) = match_names(["门急诊费用零星报销"], load_catalog(synonyms_path=synonyms))
    assert match.canonical_name == "住院费用报销"
    assert not match.accepted
    assert match.review_reason is not None and "门急诊" in match.review_reason


@pytest.mark.parametrize("name", ACCOUNT_DETAILS)
def test_account_details_are_the_persons_query(name: str) -> None:
    match = match_name(name)
    assert match.canonical_name == "参保人员参保信息查询"
    assert match.accepted, match.review_reason
