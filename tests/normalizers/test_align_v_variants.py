"""Rules learnt from the wrong accepted matches on real guides' item names (the realworld gold
folders, heldout29 first) and from V1 and U2, released for learning (docs/heldout_names.md,
"V1 and U2, read after their release"). They read classes of wordings, not single names:

- a match accepted by a score that clears the threshold by less than the margin a lead needs,
  while the name holds a word of another item's wordings that nothing of the accepted item
  accounts for (异地 in a reimbursement: the care elsewhere the filings are about; 转外就医, the
  referral), stays the proposal, for review;
- a newborn's or a baby's card got is the card service as often as the enrolment; 城保 is the
  employees' pension scheme as often as their medical insurance, unless the name speaks of care;
  a receipt of contributions (缴费票据) is the collecting office's paper: each leaves the match
  in doubt, its proposal kept;
- aid given again (再救助, 再次救助, 二次救助) is medical aid; two records of one's insurance merged
  (账户合并, 关系合并) are joined by the transfer; a list of contributions (缴费清单, 缴费明细,
  缴费流水) is the contribution information looked up.

Each is checked on wordings of its class that are in no labelled set, and on the real pages the
wrong accepted matches were read on (extracted and aligned as the pipeline does)."""

from __future__ import annotations

from pathlib import Path

import pytest

from govguide.pipeline.evaluate import extract_file
from normalizers.alignment.align import align_items, apply_alignment, match_name
from tests.normalizers.alignment_helpers import assert_in_no_labelled_set

REALWORLD = Path(__file__).resolve().parents[1] / "fixtures" / "realworld"

# Just accepted by score, a word of another item left unread: the proposal, for review.
UNREAD_WORD = {
    "异地就医报销办理": "住院费用报销",
    "异地医疗费用报销": "住院费用报销",
    "转外就医费用报销": "住院费用报销",
}

# The same class said with nothing unread, or scoring clearly higher: still accepted.
READ_IN_FULL = {
    "住院医疗费用报销申请": "住院费用报销",
    "药店定点资格申请": "零售药店申请定点协议管理",
    "异地医保关系转移": "基本医疗保险关系转移接续",
    "换工作医保转移": "基本医疗保险关系转移接续",
    "城保住院报销": "住院费用报销",
}

# A word that leaves the match in doubt: the proposal, for review.
IN_DOUBT = {
    "宝宝医保卡怎么办理": "城乡居民参保登记",
    "城保单位登记": "单位参保登记",
    "城保参保登记": "职工参保登记",
    "个人缴费票据打印": "参保人员参保信息查询",
}


# Learnt from V1 and U2: accepted as their item.
LEARNT = {
    "医疗二次救助": "医疗救助对象待遇核准支付",
    "医疗再次救助申请": "医疗救助对象待遇核准支付",
    "合并医保关系怎么办": "基本医疗保险关系转移接续",
    "两地医保关系合并": "基本医疗保险关系转移接续",
    "单位缴费明细": "参保单位参保信息查询",
    "个人缴费流水": "参保人员参保信息查询",
}


def test_the_wordings_checked_are_in_no_labelled_set() -> None:
    assert_in_no_labelled_set(set(UNREAD_WORD) | set(READ_IN_FULL) | set(IN_DOUBT) | set(LEARNT))


@pytest.mark.parametrize(("name", "item"), sorted(LEARNT.items()))
def test_wordings_of_the_classes_learnt_from_v1_and_u2_are_accepted(name: str, item: str) -> None:
    match = match_name(name)
    assert (match.canonical_name, match.accepted) == (item, True), match.review_reason


@pytest.mark.parametrize(("name", "item"), sorted({**UNREAD_WORD, **IN_DOUBT}.items()))
def test_a_match_leaving_the_name_unexplained_is_proposed_for_review(name: str, item: str) -> None:
    match = match_name(name)
    assert match.canonical_name == item
    assert match.needs_review, match


@pytest.mark.parametrize(("name", "item"), sorted(READ_IN_FULL.items()))
def test_a_name_read_in_full_is_still_accepted(name: str, item: str) -> None:
    match = match_name(name)
    assert (match.canonical_name, match.accepted) == (item, True), match.review_reason


def _aligned(folder: str, stem: str) -> list:
    """The items of every format of one real page, aligned as one batch (as evaluation does)."""
    files = sorted((REALWORLD / folder / "corpus").glob(f"{stem}.*"))
    assert len(files) == 3
    items = [it for f in files for it in extract_file(f).items]
    return apply_alignment(items, align_items(items))


@pytest.mark.parametrize(
    ("folder", "stem", "name_part", "proposed"),
    [
        # a reimbursement of care elsewhere whose page is the referral filing: 异地 unread
        ("heldout29", "ha_sheqi_yidi_jiuyi_baoxiao_huifu", "异地就医报销", "住院费用报销"),
        # a newborn's card issued (the registration only a step): no catalog item
        ("heldout17", "tj_tianjin_xinshenger_yibaoka_banli", "新生儿医保卡", "城乡居民参保登记"),
        # the urban employees' pension registration
        ("heldout19", "cq_kaizhou_chengbao_danwei_shebao_dengji", "城保", "单位参保登记"),
        # a receipt of contributions printed: no catalog item
        ("collected", "xx_lyls_shebao_jingban_shixian_biao", "单位缴费票据打印", "参保单位参保信息查询"),
    ],
)
def test_real_guides_wrong_accepted_matches_are_in_review(
    folder: str, stem: str, name_part: str, proposed: str
) -> None:
    items = [it for it in _aligned(folder, stem) if name_part in it.item_name]
    assert len(items) == 3  # one per format
    for it in items:
        assert it.canonical_name == proposed
        assert it.needs_review, it.item_name
