"""Alignment to the canonical catalog: synonyms, unseen wordings, items that must stay
unmatched, one-to-many, overrides, review routing and content evidence."""

from __future__ import annotations

from typing import Any

import pytest

from normalizers.alignment.align import (
    AlignSettings,
    align_items,
    apply_alignment,
    item_key,
    match_name,
    match_names,
)
from normalizers.alignment.catalog import default_catalog
from normalizers.alignment.evaluate import evaluate_alignment, gold_to_item
from normalizers.alignment.overrides import Override, Overrides, OverridesError
from tests.normalizers.alignment_helpers import guide_item

CATALOG = default_catalog()


def cid(name: str) -> str:
    return CATALOG.entry(name).id


# Wordings of other provinces that the sample documents do not use.
UNSEEN_WORDINGS = [
    ("职工基本医疗保险参保登记", "职工参保登记"),
    ("城乡居民医保参保登记", "城乡居民参保登记"),
    ("城镇职工参保登记", "职工参保登记"),
    ("灵活就业人员参保登记", "职工参保登记"),
    ("用人单位医疗保险参保登记", "单位参保登记"),
    ("参保单位信息变更", "单位参保信息变更登记"),
    ("城乡居民参保信息变更", "城乡居民参保信息变更登记"),
    ("个人参保信息查询", "参保人员参保信息查询"),
    ("参保人员缴费信息查询", "参保人员参保信息查询"),
    ("个人账户一次性提取", "参保人员个人账户一次性支取"),
    ("医保个人账户一次性支取", "参保人员个人账户一次性支取"),
    ("开具参保凭证", "出具参保凭证"),
    ("医保关系转移接续申请", "基本医疗保险关系转移接续"),
    ("异地长期居住人员就医备案", "异地长期居住人员备案"),
    ("常驻异地工作人员就医备案", "常驻异地工作人员备案"),
    ("转外就医备案", "异地转诊人员备案"),
    ("门诊慢特病待遇资格认定", "门诊慢特病病种待遇认定"),
    ("门诊特殊疾病待遇认定", "门诊慢特病病种待遇认定"),
    ("门诊慢性病认定", "门诊慢特病病种待遇认定"),
    ("门诊医疗费用手工报销", "门诊费用报销"),
    ("住院医疗费用零星报销", "住院费用报销"),
    ("生育津贴申领", "生育津贴支付"),
    ("计划生育手术费用报销", "计划生育医疗费支付"),
    ("医疗救助费用报销", "医疗救助对象待遇核准支付"),
    ("定点医疗机构申请", "医疗机构申请定点协议管理"),
    ("零售药店定点申请", "零售药店申请定点协议管理"),
    ("定点药店费用结算", "定点零售药店费用结算"),
    ("定点医疗机构医疗费用结算", "定点医疗机构费用结算"),
    ("职工医保费补缴", "医疗保险费补缴"),
    ("基本医疗保险缴费基数申报", "基本医疗保险缴费工资申报"),
    ("职工医保缴费工资申报", "基本医疗保险缴费工资申报"),
]


@pytest.mark.parametrize(("name", "expected"), UNSEEN_WORDINGS)
def test_unseen_wordings_are_aligned(name: str, expected: str) -> None:
    match = match_name(name)
    assert match.canonical_name == expected
    assert match.accepted, match.review_reason
    assert 0 <= match.match_score <= 100
    assert match.catalog_version == CATALOG.version


def test_exact_alias_and_fuzzy_methods() -> None:
    assert match_name("出具《参保凭证》").match_method == "exact"
    # synonyms and noise make it equal to a catalog wording
    assert match_name("参保人员个人账户一次性支付").match_method == "alias"
    assert match_name("参保单位参保信息查询打印").match_method == "alias"
    fuzzy = match_name("流动就业人员基本医疗保险关系转出")
    assert (fuzzy.match_method, fuzzy.canonical_name) == ("fuzzy", "基本医疗保险关系转移接续")
    assert fuzzy.runner_up is not None and fuzzy.runner_up.score < fuzzy.match_score


# Local services and services of other insurances: never forced into the nearest name.
MUST_STAY_UNMATCHED = [
    "出国（境）带药备案",
    "基本医疗保险参保人员出国（境）带药备案",
    "医保个人账户长期关联",
    "退休人员缴费年限认定",
    "医疗保险在职转退休申报",
    "未就业配偶医疗待遇核准支付",
    "异地就医备案取消",
    "撤销异地就医备案",
    "养老保险关系转移接续",
    "工伤保险待遇支付",
    "医保药品目录查询",
    "医疗保障信用评价",
]


@pytest.mark.parametrize("name", MUST_STAY_UNMATCHED)
def test_items_outside_the_catalog_stay_unmatched(name: str) -> None:
    match = match_name(name)
    assert match.canonical_id is None
    assert match.canonical_name is None
    assert not match.accepted
    assert match.also_covers == []


def test_gold_null_items_are_null_or_in_review(gold_items: list[dict[str, Any]]) -> None:
    items = [gold_to_item(g) for g in gold_items]
    matches = align_items(items)
    for gold, match in zip(gold_items, matches, strict=True):
        if gold["canonical_name"] is None:
            assert match.canonical_id is None or match.needs_review, gold["item_name"]


def test_a_cancelling_word_blocks_the_service_it_names() -> None:
    match = match_name("异地就医备案取消")
    assert match.canonical_id is None
    assert match.needs_review
    assert "取消" in (match.review_reason or "")
    # the reviewer sees which service the name mentions
    assert match.runner_up is not None
    assert match.runner_up.canonical_id == cid("异地安置退休人员备案")


def test_section_supplies_what_a_short_name_leaves_out() -> None:
    bare = match_name("待遇资格认定")
    in_section = match_name("待遇资格认定", section="特病（两病）管理")
    assert in_section.canonical_name == "门诊慢特病病种待遇认定"
    assert in_section.match_score > bare.match_score
    assert match_name("单位登记", section="参保登记").canonical_name == "单位参保登记"
    # a section never stands in for the name: a name about something else stays apart
    other = match_name("医疗保险在职转退休申报", section="基本医疗保险参保和变更登记")
    assert not other.accepted


# -- one-to-many --------------------------------------------------------------------------


def test_generic_remote_filing_covers_the_four_filings() -> None:
    match = match_name("异地就医备案")
    assert match.canonical_id == cid("异地安置退休人员备案")
    assert match.also_covers == [
        cid("异地长期居住人员备案"),
        cid("常驻异地工作人员备案"),
        cid("异地转诊人员备案"),
    ]
    assert match.accepted
    assert match_name("市外异地就医备案").also_covers == match.also_covers


def test_items_the_document_lists_are_not_covered_by_others() -> None:
    same_doc = align_items([guide_item("异地就医备案"), guide_item("转诊转院备案")])
    assert same_doc[1].canonical_id == cid("异地转诊人员备案")
    assert same_doc[0].also_covers == [cid("异地长期居住人员备案"), cid("常驻异地工作人员备案")]
    other_doc = align_items(
        [guide_item("异地就医备案"), guide_item("转诊转院备案", source="doc_b.pdf")]
    )
    assert cid("异地转诊人员备案") in other_doc[0].also_covers


def test_entry_covers_apply_unless_listed_separately() -> None:
    alone = align_items([guide_item("生育医疗费用支付")])
    assert alone[0].also_covers == [cid("计划生育医疗费支付")]
    both = align_items([guide_item("生育医疗费支付"), guide_item("计划生育医疗费支付")])
    assert both[0].also_covers == []
    assert both[1].canonical_id == cid("计划生育医疗费支付")


def test_material_heading_naming_a_catalog_item_is_covered() -> None:
    transfer = guide_item(
        "流动就业人员基本医疗保险关系转出",
        materials=[
            ("个人办理：提供有效身份证件", "出具参保凭证"),
            ("《基本医疗保险关系转移接续联系函》", "办理关系转出"),
        ],
    )
    plain = guide_item("流动就业人员基本医疗保险关系转入", materials=["《参保凭证》"])
    matches = align_items([transfer, plain])
    assert matches[0].also_covers == [cid("出具参保凭证")]
    assert matches[1].also_covers == []


def test_generic_reimbursement_covers_outpatient_and_inpatient() -> None:
    generic = match_name("医疗费用手工（零星）报销")
    assert generic.canonical_id == cid("住院费用报销")
    assert generic.also_covers == [cid("门诊费用报销")]
    specific = match_name("门诊费用手工报销")
    assert (specific.canonical_id, specific.also_covers) == (cid("门诊费用报销"), [])


def test_a_member_named_in_full_beats_its_group_wording() -> None:
    match = match_name("生育保险待遇核准支付（生育津贴）")
    assert match.canonical_id == cid("生育津贴支付")
    # reimbursing maternity costs by hand is the maternity item, not generic reimbursement
    maternity = match_name("生育医疗费手工报销")
    assert maternity.canonical_id == cid("生育医疗费支付")
    assert cid("门诊费用报销") not in maternity.also_covers


def test_scattered_words_do_not_make_a_group_match() -> None:
    # 参保信息变更登记 names no subject: unit, employee or resident. Three close candidates.
    match = match_name("参保信息变更登记")
    assert match.needs_review
    assert {c.canonical_id for c in match.candidates} >= {
        cid("单位参保信息变更登记"),
        cid("职工参保信息变更登记"),
    }
    assert match.also_covers == []


# -- overrides ----------------------------------------------------------------------------


def _overrides(*rows: Override) -> Overrides:
    return Overrides({o.item_key: o for o in rows})


def test_override_wins_over_an_exact_match() -> None:
    item = guide_item("单位参保登记", region="某县")
    decided = align_items(
        [item], overrides=_overrides(Override(item_key(item), None, reviewer="审核员"))
    )
    assert decided[0].canonical_id is None
    # A reviewer's "none" is told apart from the matcher finding nothing.
    assert decided[0].match_method == "reviewed_none"
    assert not decided[0].needs_review


def test_override_assigns_entry_and_covers() -> None:
    item = guide_item("单位注销")
    override = Override(item_key(item), cid("单位参保登记"), also_covers=(cid("职工参保登记"),))
    match = align_items([item], overrides=_overrides(override))[0]
    assert (match.canonical_id, match.match_method, match.match_score) == (
        cid("单位参保登记"),
        "override",
        100.0,
    )
    assert match.also_covers == [cid("职工参保登记")]
    assert match.accepted


def test_override_settles_a_review_item_and_only_that_item() -> None:
    doubtful = guide_item("医保个人账户长期关联", region="甲县")
    elsewhere = guide_item("医保个人账户长期关联", region="乙县")
    overrides = _overrides(Override(item_key(doubtful), cid("参保人员个人账户一次性支取")))
    first, second = align_items([doubtful, elsewhere], overrides=overrides)
    assert first.canonical_id == cid("参保人员个人账户一次性支取") and not first.needs_review
    assert second.canonical_id is None


def test_override_naming_an_unknown_id_is_refused() -> None:
    item = guide_item("单位注销")
    with pytest.raises(OverridesError):
        align_items([item], overrides=_overrides(Override(item_key(item), "YB-9999")))


# -- review routing -----------------------------------------------------------------------


def test_weak_match_is_queued_but_not_assigned() -> None:
    match = match_name("未就业配偶医疗待遇核准支付")
    assert match.canonical_id is None
    assert match.needs_review
    assert cid("医疗救助对象待遇核准支付") in [c.canonical_id for c in match.candidates]


def test_below_threshold_match_is_proposed_and_queued() -> None:
    match = match_name("基本医疗保险定点零售要点费用结算")  # a typo in the source: 要点
    assert match.canonical_id == cid("定点零售药店费用结算")
    assert match.needs_review
    assert not match.accepted


def test_thresholds_come_from_settings() -> None:
    strict = AlignSettings(accept_score=100.5)
    fuzzy, exact = match_names(["流动就业人员基本医疗保险关系转出", "单位参保登记"])
    assert fuzzy.accepted and exact.accepted
    items = [guide_item("流动就业人员基本医疗保险关系转出"), guide_item("单位参保登记")]
    fuzzy, exact = align_items(items, settings=strict)
    assert fuzzy.needs_review and fuzzy.canonical_id == cid("基本医疗保险关系转移接续")
    assert exact.accepted  # exact names need no threshold


# -- content evidence ---------------------------------------------------------------------


def test_content_confirms_a_doubtful_name() -> None:
    # With a threshold no fuzzy name reaches, only content can accept 单位补缴.
    settings = AlignSettings(accept_score=100.5)
    reference = guide_item("医疗保险费补缴", materials=["《医疗保险补缴申报表》", "调令或任职文件"])
    doubtful = guide_item(
        "单位补缴",
        source="doc_b.pdf",
        section="医保费征缴",
        materials=["《杭州市职工医疗保险补缴申报表》（一式两份）", "劳动合同复印件"],
    )
    with_reference = align_items([reference, doubtful], settings=settings)[1]
    assert (with_reference.canonical_id, with_reference.match_method) == (
        cid("医疗保险费补缴"),
        "content",
    )
    assert with_reference.accepted
    alone = align_items([doubtful], settings=settings)[0]
    assert alone.canonical_id == cid("医疗保险费补缴")
    assert alone.needs_review and alone.match_method == "fuzzy"


def test_strong_content_decides_between_close_names() -> None:
    employee = guide_item(
        "职工参保信息变更登记",
        materials=["《职工参保信息变更登记表》", "派出所出具的姓名变更证明"],
        legal=[("中华人民共和国社会保险法", [8, 57])],
    )
    unit = guide_item(
        "单位参保信息变更登记", materials=["《单位信息变更登记表》", "法定代表人身份证"]
    )
    doubtful = guide_item(
        "参保信息变更登记",
        source="doc_b.pdf",
        materials=["《职工参保信息变更登记表》", "派出所出具的姓名变更证明"],
        legal=[("中华人民共和国社会保险法", [8, 57])],
    )
    match = align_items([employee, unit, doubtful])[2]
    assert (match.canonical_id, match.match_method) == (cid("职工参保信息变更登记"), "content")
    assert not match.needs_review


def test_content_never_overrides_a_blocking_word() -> None:
    reference = guide_item("异地安置退休人员备案", materials=["《异地就医备案表》"])
    cancel = guide_item("异地就医备案取消", source="doc_b.pdf", materials=["《异地就医备案表》"])
    match = align_items([reference, cancel])[1]
    assert match.canonical_id is None and match.needs_review


# -- applying and keys --------------------------------------------------------------------


def test_apply_alignment_fills_copies_and_flags_review() -> None:
    items = [guide_item("异地就医备案"), guide_item("基本医疗保险定点零售要点费用结算")]
    matches = align_items(items)
    aligned = apply_alignment(items, matches)
    assert items[0].canonical_id is None  # inputs untouched
    assert aligned[0].canonical_name == "异地安置退休人员备案"
    cat = default_catalog()
    assert aligned[0].also_covers == [cat.entry(c).canonical_name for c in matches[0].also_covers]
    assert aligned[0].match_method == matches[0].match_method
    assert aligned[0].needs_review == matches[0].needs_review
    assert "canonical_name" not in aligned[0].warnings
    assert aligned[1].canonical_id == matches[1].canonical_id
    assert aligned[1].warnings["canonical_name"][0].startswith("needs review")
    with pytest.raises(ValueError):
        apply_alignment(items, matches[:1])


def test_item_key_is_the_same_for_both_renderings_of_a_document() -> None:
    pdf = guide_item(
        "单位 参保登记", province="重庆", region="酉阳自治县", source="data/raw/cq_x.pdf"
    )
    docx = guide_item(
        "单位参保登记", province="重庆", region="酉阳自治县", source="/elsewhere/cq_x.docx"
    )
    assert item_key(pdf) == item_key(docx) == "重庆|酉阳自治县|cq_x|单位参保登记"
    assert item_key(guide_item("单位参保登记", province=None)).startswith("||doc_a|")


def test_batch_equals_one_by_one_and_repeats_agree() -> None:
    names = ["异地就医备案", "单位补缴", "异地就医备案", "出国（境）带药备案"]
    batch = match_names(names)
    assert batch == [match_name(n) for n in names]
    assert batch[0] == batch[2]


def test_shortlisted_scoring_decides_like_exhaustive(gold_items: list[dict[str, Any]]) -> None:
    names = (
        [g["item_name"] for g in gold_items] + [n for n, _ in UNSEEN_WORDINGS] + MUST_STAY_UNMATCHED
    )
    sections = [g.get("section") or g.get("main_item") for g in gold_items] + [None] * (
        len(names) - len(gold_items)
    )
    index = CATALOG.index
    quick = index.score(names, sections)
    full = index.score(names, sections, exhaustive=True)
    assert (quick.ranking[:, 0] == full.ranking[:, 0]).all()
    rows = range(quick.score.shape[0])
    for r in rows:
        best = full.ranking[r, 0]
        assert quick.score[r, best] == pytest.approx(full.score[r, best], abs=1e-3)


def test_empty_batch() -> None:
    assert align_items([]) == []


# -- the figures on the gold items --------------------------------------------------


def test_gold_agreement_precision_and_null_handling(gold_items: list[dict[str, Any]]) -> None:
    figures = evaluate_alignment(gold_items)
    assert figures["items"] == len(gold_items)
    assert figures["top1_agreement"] >= 0.97, figures["errors"]
    assert figures["auto_precision"] >= 0.99, figures["errors"]
    assert figures["null_handled"] == 1.0
    assert (
        figures["auto_accepted"] + figures["in_review"] + figures["unmatched"] == figures["items"]
    )
    assert figures["also_covers_agreement"] >= 0.9


def test_empty_name_list_and_noise_only_name() -> None:
    assert match_names([]) == []
    noise = match_name("基本医疗保险业务办理")
    assert noise.canonical_id is None and noise.match_score == 0


def test_catalog_survives_pickling_for_worker_processes() -> None:
    import pickle

    clone = pickle.loads(pickle.dumps(CATALOG))
    assert clone.version == CATALOG.version
    assert match_name("异地就医登记备案", clone) == match_name("异地就医登记备案")


def test_figures_format_names_every_disagreement(gold_items: list[dict[str, Any]]) -> None:
    from normalizers.alignment.evaluate import format_alignment_figures

    gold = [dict(g) for g in gold_items[:12]]
    gold[1]["canonical_name"] = "生育津贴支付"  # a deliberately wrong label
    figures = evaluate_alignment(gold)
    text = format_alignment_figures(figures)
    assert figures["top1_agreement"] < 1.0
    assert f"✗ {gold[1]['item_name']}" in text
    assert "top-1 canonical agreement" in text


# Wordings of the national list's services seen in other provinces' guides (not in the
# samples): each must be matched to its catalog item without needing review.
OTHER_PROVINCES_WORDINGS = {
 "职工基本医疗保险参保登记": "职工参保登记",
 "城乡居民基本医疗保险参保登记": "城乡居民参保登记",
 "用人单位医疗保险参保登记": "单位参保登记",
 "基本医疗保险关系转移接续申请": "基本医疗保险关系转移接续",
 "职工医保关系转移接续": "基本医疗保险关系转移接续",
 "异地长期居住人员异地就医备案": "异地长期居住人员备案",
 "跨省异地长期居住人员备案": "异地长期居住人员备案",
 "异地安置退休人员异地就医备案": "异地安置退休人员备案",
 "常驻异地工作人员异地就医备案": "常驻异地工作人员备案",
 "转诊转院人员异地就医备案": "异地转诊人员备案",
 "异地转诊就医备案": "异地转诊人员备案",
 "门诊慢特病待遇认定": "门诊慢特病病种待遇认定",
 "门诊特殊疾病待遇认定": "门诊慢特病病种待遇认定",
 "门诊慢性病、特殊病认定": "门诊慢特病病种待遇认定",
 "零星报销（门诊）": "门诊费用报销",
 "医疗费用手工报销（住院）": "住院费用报销",
 "住院医疗费用零星报销": "住院费用报销",
 "生育津贴申领": "生育津贴支付",
 "生育保险待遇核准支付（生育津贴）": "生育津贴支付",
 "生育医疗费用报销": "生育医疗费支付",
 "计划生育手术费用支付": "计划生育医疗费支付",
 "参保凭证开具": "出具参保凭证",
 "个人账户一次性支取（死亡/出国定居）": "参保人员个人账户一次性支取",
 "医保个人账户余额一次性支取": "参保人员个人账户一次性支取",
 "定点医疗机构申请": "医疗机构申请定点协议管理",
 "零售药店纳入医保定点申请": "零售药店申请定点协议管理",
 "定点医疗机构医疗费用结算": "定点医疗机构费用结算",
 "定点零售药店医保费用结算": "定点零售药店费用结算",
 "医疗救助": "医疗救助对象待遇核准支付",
 "医疗救助对象待遇核准": "医疗救助对象待遇核准支付",
 "单位缴费基数申报": "基本医疗保险缴费工资申报",
 "职工医保费补缴": "医疗保险费补缴",
 "参保单位信息变更": "单位参保信息变更登记",
 "参保人员信息变更登记": "职工参保信息变更登记",
 "城乡居民参保信息查询": "参保人员参保信息查询",
 "个人参保信息查询": "参保人员参保信息查询",
 "单位参保信息查询打印": "参保单位参保信息查询",
 "新生儿参保登记": "城乡居民参保登记",
 "灵活就业人员医保参保登记": "职工参保登记",
}


def test_other_provinces_wordings_are_matched_without_review() -> None:
    names = list(OTHER_PROVINCES_WORDINGS)
    got = {n: m for n, m in zip(names, match_names(names), strict=True)}
    wrong = {
        n: (m.canonical_name, m.match_method, m.review_reason)
        for n, m in got.items()
        if m.canonical_name != OTHER_PROVINCES_WORDINGS[n] or m.needs_review
    }
    assert wrong == {}


@pytest.mark.parametrize("name", ["零星医疗费用报销", "医疗费用零星报销", "医疗费用手工报销"])
def test_manual_reimbursement_without_outpatient_or_inpatient_covers_both(name: str) -> None:
    m = match_name(name)
    assert (m.canonical_name, m.also_covers, m.needs_review) == ("住院费用报销", ["YB-0601"], False)
