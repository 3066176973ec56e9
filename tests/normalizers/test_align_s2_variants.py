"""Rules learnt from S2, released for learning after it was measured untouched on the rules learnt
from R1 and once on those learnt from S1 (docs/heldout_names.md, "S2, read after its release").
They read classes of wordings, not single names: a question's clause after a comma or a question
mark that says nothing the catalog or the rules know (where to go, how long it takes) asks about
the service named before it, and is not scored; a patient's care or spending settled (就医, 消费,
患者 with 结算) is what the insurance pays of a person's bill, never accepted as an institution's
settlement with the fund; the words of how a question asks (能否, 多久, 能不能) said inside a
wording (就医能否报销) leave it the wording it is. Each is checked here on other wordings of its
class, none of them a wording of any labelled set."""

from __future__ import annotations

import pytest

from normalizers.alignment.align import match_name
from normalizers.alignment.catalog import default_catalog
from tests.normalizers.alignment_helpers import assert_in_no_labelled_set

# A question's clause after the service (where to go, how long, when): the service named before
# it, read as if the clause were not there.
ASIDE_ASKED = {
    "社保登记变更,要去哪个部门办理?": "单位参保信息变更登记",
    "生育津贴,一般要等多久才能到账?": "生育津贴支付",
    "门诊慢特病认定,每年都要重新做吗?": "门诊慢特病病种待遇认定",
    "缴费基数申报,每年几月份开始?": "基本医疗保险缴费工资申报",
    "新生儿参保,出生多久内要去办?": "城乡居民参保登记",
}

# A clause holding a word of the catalog or of a rule is read with the name: the progress asked
# after a transfer (进度: an act of its own) keeps the transfer from being proposed as done.
CLAUSE_THAT_SAYS_SOMETHING = {
    "医保关系转移,转出后怎么查进度?": "医保关系转移转出后怎么查进度",
    "生育津贴申领,住院的可以吗?": "生育津贴申领住院的可以吗",
    "医保转移,低保户可以吗?": "医保转移低保户可以吗",
}

SETTLEMENTS = {"定点医疗机构费用结算", "定点零售药店费用结算"}

# A patient's care or spending settled: never accepted as an institution's settlement.
PERSON_SETTLED = [
    "医院消费医保结算",
    "患者医院费用结算",
    "病人定点医院费用结算",
    "就医医疗机构费用结算",
    "医院看病费用结算",
    "药店消费医保结算",
    "定点药店花费结算",
]

# ... an institution settling with the fund stays accepted.
INSTITUTION_SETTLED = {
    "定点医院医保费用结算": "定点医疗机构费用结算",
    "医保中心与定点药店费用结算": "定点零售药店费用结算",
    "医保经办机构与医院结算": "定点医疗机构费用结算",
    "定点医疗机构医保费用月结算": "定点医疗机构费用结算",
}

# A question's words inside a wording: the name reads as the wording said plainly.
ASKED_INSIDE = {
    "看病能否报销": "看病报销",
    "外地就医能否报销": "外地就医报销",
    "就医多久报销": "就医报销",
    "异地看病能不能报销": "异地看病报销",
    "回老家能否报销": "回老家报销",
    "新农合能否报销": "新农合报销",
    "居民医保能不能报销": "居民医保报销",
}

# ... a channel's word is no question's: the online service opened is no insurance opened.
CHANNEL_INSIDE = "开通线上医保服务"


def test_the_checked_wordings_are_in_no_labelled_set() -> None:
    assert_in_no_labelled_set(
        set(ASIDE_ASKED)
        | set(CLAUSE_THAT_SAYS_SOMETHING)
        | set(PERSON_SETTLED)
        | set(INSTITUTION_SETTLED)
        | set(ASKED_INSIDE)
        | {CHANNEL_INSIDE}
    )


@pytest.mark.parametrize(("name", "item"), sorted(ASIDE_ASKED.items()))
def test_a_questions_clause_after_the_service_is_about_that_service(name: str, item: str) -> None:
    assert match_name(name).canonical_name == item


@pytest.mark.parametrize("name", sorted(ASIDE_ASKED))
def test_the_aside_is_not_scored(name: str) -> None:
    """The name scores as the service alone does: the clause's words lower nothing."""
    service = name.split(",")[0]
    assert match_name(name).match_score == pytest.approx(match_name(service).match_score)


@pytest.mark.parametrize(("name", "read"), sorted(CLAUSE_THAT_SAYS_SOMETHING.items()))
def test_a_clause_holding_a_known_word_is_read_with_the_name(name: str, read: str) -> None:
    index = default_catalog().index
    assert index.without_asides(name).replace("，", "").replace(",", "").rstrip("?") == read


def test_a_clause_holding_an_act_of_its_own_keeps_the_name_from_being_accepted() -> None:
    match = match_name("医保关系转移,转出后怎么查进度?")
    assert not match.accepted


@pytest.mark.parametrize("name", PERSON_SETTLED)
def test_a_patients_bill_settled_is_not_accepted_as_an_institutions_settlement(name: str) -> None:
    match = match_name(name)
    assert not (match.accepted and match.canonical_name in SETTLEMENTS)
    assert match.needs_review


@pytest.mark.parametrize(("name", "item"), sorted(INSTITUTION_SETTLED.items()))
def test_an_institution_settling_with_the_fund_stays_accepted(name: str, item: str) -> None:
    match = match_name(name)
    assert match.canonical_name == item
    assert match.accepted


@pytest.mark.parametrize(("name", "plain"), sorted(ASKED_INSIDE.items()))
def test_a_questions_words_inside_a_wording_leave_it_that_wording(name: str, plain: str) -> None:
    asked, said = match_name(name), match_name(plain)
    assert said.canonical_name is not None
    assert (asked.canonical_name, asked.accepted) == (said.canonical_name, said.accepted)


def test_a_channels_word_inside_a_wording_is_not_dropped_first() -> None:
    assert match_name(CHANNEL_INSIDE).canonical_name is None
