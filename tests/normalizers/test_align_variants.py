"""Alignment of real wordings of other provinces: traditional characters, variant words,
discriminating words, wordings that cover several catalog items, and the figures on the
labelled wordings (tests/fixtures/realworld/dev/names.json, tests/fixtures/names/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govguide.cli import app
from normalizers.alignment.align import (
    AlignSettings,
    _Aligner,
    align_items,
    apply_alignment,
    match_name,
    match_names,
)
from normalizers.alignment.catalog import CatalogError, default_catalog, load_catalog
from normalizers.alignment.evaluate import NamesFileError, evaluate_names, read_names
from tests.normalizers.alignment_helpers import guide_item

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DEV_NAMES = FIXTURES / "realworld" / "dev" / "names.json"
PAGE_NAMES = FIXTURES / "names" / "pages.json"
CATALOG = default_catalog()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("生育津貼申報", "生育津贴支付"),
        ("外地探親住院費用報銷", "住院费用报销"),
        ("異地安置人員特殊門診費用報銷", "门诊费用报销"),
        ("門診慢特病病種待遇認定", "门诊慢特病病种待遇认定"),
    ],
)
def test_traditional_wordings_match_like_simplified(name: str, expected: str) -> None:
    match = match_name(name)
    assert match.canonical_name == expected
    from normalizers.script import to_simplified

    assert match_name(to_simplified(name)).canonical_name == expected


def test_published_item_name_keeps_the_documents_writing() -> None:
    item = guide_item("生育津貼申報")
    [aligned] = apply_alignment([item], align_items([item]))
    assert aligned.item_name == "生育津貼申報"
    assert aligned.canonical_name == "生育津贴支付"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("基本医疗保险关系接续", "基本医疗保险关系转移接续"),
        ("门诊大病审核登记", "门诊慢特病病种待遇认定"),
        ("门诊特定病种待遇认定", "门诊慢特病病种待遇认定"),
        ("因病情转异地就医联网结算登记", "异地转诊人员备案"),
        ("参加上海市居民基本医疗保险", "城乡居民参保登记"),
        ("医疗账户基金继承", "参保人员个人账户一次性支取"),
        ("报销流产术、引产术、放(取)节育环及结扎术", "计划生育医疗费支付"),
        ("异地就医直接结算备案", "异地安置退休人员备案"),
    ],
)
def test_variant_words_reach_their_catalog_item(name: str, expected: str) -> None:
    assert match_name(name).canonical_name == expected


@pytest.mark.parametrize(
    "name",
    [
        "临时异地就医备案",
        "临时外出就医人员备案",
        "异地急诊就医备案",
        "异地急诊抢救人员备案",
        "异地生育就医备案",
        "一次性生育补助金申领",
    ],
)
def test_temporary_and_emergency_filings_get_no_catalog_item(name: str) -> None:
    match = match_name(name)
    assert match.canonical_id is None
    assert not match.accepted


def test_temporary_filing_is_not_the_generic_filing_however_high_it_scores() -> None:
    match = match_name("临时异地就医备案")
    assert match.match_score >= 90  # the name contains 异地就医备案 in full
    assert match.canonical_id is None
    assert match.review_reason == (
        "name holds 临时: a service outside the catalog, not 异地安置退休人员备案"
    )


def test_a_discriminating_word_keeps_a_near_match_from_being_accepted() -> None:
    # 计划生育 marks its own item: matched to the childbirth costs it must be reviewed.
    match = match_name("生育医疗费用报销(含计划生育)")
    assert match.match_score >= 90
    assert match.canonical_name == "生育医疗费支付" and not match.accepted
    assert "计划生育医疗费支付" in (match.review_reason or "")
    # 退休 / 安置 mark the resettled retirees' filing, not the long-stay one.
    match = match_name("退休人员异地长期居住备案")
    assert not match.accepted
    assert "异地安置退休人员备案" in (match.review_reason or "")


@pytest.mark.parametrize(
    ("name", "members"),
    [
        ("基本医疗保险参保和变更登记", 8),
        ("生育保险待遇申领", 3),
        ("申领生育保险待遇", 3),
        ("生育保险待遇合并支付", 3),
    ],
)
def test_wordings_of_several_services_go_to_review_with_every_member(
    name: str, members: int
) -> None:
    match = match_name(name)
    assert match.canonical_id is None
    assert match.needs_review
    assert len(match.candidates) == members
    assert "covers" in (match.review_reason or "")


def test_a_main_item_naming_one_member_in_its_own_words_still_goes_to_review() -> None:
    # The main item's name holds 个人账户一次性支取, but it is the main item, not that service.
    match = match_name("基本医疗保险参保信息查询和个人账户一次性支取")
    assert match.canonical_id is None and match.needs_review
    assert len(match.candidates) == 3
    assert match_name("个人账户一次性支取").accepted


@pytest.mark.parametrize(
    ("name", "primary", "covers"),
    [
        ("定点医药机构费用结算", "定点医疗机构费用结算", ["定点零售药店费用结算"]),
        ("医药机构申请定点协议管理", "医疗机构申请定点协议管理", ["零售药店申请定点协议管理"]),
    ],
)
def test_main_items_of_one_act_map_to_their_first_member_and_cover_the_rest(
    name: str, primary: str, covers: list[str]
) -> None:
    match = match_name(name)
    assert match.canonical_name == primary and match.accepted
    assert match.also_covers == [CATALOG.entry(c).id for c in covers]


def test_generic_filing_still_covers_its_group() -> None:
    match = match_name("跨省异地就医备案")
    assert match.canonical_name == "异地安置退休人员备案"
    assert set(match.also_covers) == {
        CATALOG.entry(n).id
        for n in ("异地长期居住人员备案", "常驻异地工作人员备案", "异地转诊人员备案")
    }


def test_batch_and_single_decisions_agree_on_real_wordings() -> None:
    wordings = [str(e["name"]) for e in [*read_names(DEV_NAMES), *read_names(PAGE_NAMES)]]
    names = wordings + ["临时异地就医备案", "异地就医备案"] * 3
    batch = match_names(names)
    assert [m.canonical_name for m in batch] == [match_name(n).canonical_name for n in names]
    assert [m.needs_review for m in batch] == [match_name(n).needs_review for n in names]


def test_batch_reading_equals_the_per_name_reference_on_real_wordings() -> None:
    names = [str(e["name"]) for e in [*read_names(DEV_NAMES), *read_names(PAGE_NAMES)]]
    names += [n + "取消" for n in names[:10]]  # and with a qualifier
    scores = CATALOG.index.score(names)
    aligner = _Aligner(CATALOG, AlignSettings())
    distinct, decision_of = aligner.decide_all(scores)
    decisions = list(distinct)
    rows = list(dict.fromkeys(names))
    for i, name in enumerate(rows):
        assert decisions[decision_of[i]] == aligner.decide(name, scores, i), name
    reasons = " ".join(d.reason or "" for d in decisions)
    assert "names several catalog items" in reasons and "outside the catalog" in reasons


def test_dev_wordings_reach_the_targets() -> None:
    figures = evaluate_names(read_names(DEV_NAMES))
    assert figures["items"] == 46
    assert figures["top1_agreement"] >= 0.95, figures["errors"]
    assert figures["accepted_precision"] >= 0.99, figures["errors"]


def test_page_wordings_reach_the_targets() -> None:
    entries = read_names(PAGE_NAMES)
    assert len(entries) >= 30
    assert all(e.get("source", "").startswith("http") for e in entries)
    figures = evaluate_names(entries)
    assert figures["top1_agreement"] >= 0.90, figures["errors"]
    assert figures["accepted_precision"] >= 0.98, figures["errors"]


def test_evaluate_names_counts_accepted_and_disagreements() -> None:
    entries = [
        {"name": "单位参保登记", "canonical_name": "单位参保登记"},
        {"name": "临时异地就医备案", "canonical_name": "异地安置退休人员备案"},
        {"name": "一次性生育补助金", "canonical_name": None},
    ]
    figures = evaluate_names(entries)
    assert figures["items"] == 3
    assert figures["accepted"] == 1
    assert figures["accepted_precision"] == 1.0
    assert figures["top1_agreement"] == round(2 / 3, 4)
    assert [e["item_name"] for e in figures["errors"]] == ["临时异地就医备案"]


def test_names_file_errors_are_specific(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"name": "单位参保登记"}]', encoding="utf-8")
    with pytest.raises(NamesFileError, match="no canonical_name"):
        read_names(bad)
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(NamesFileError, match="cannot read"):
        read_names(bad)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(NamesFileError, match="no .json files"):
        read_names(empty)
    with pytest.raises(CatalogError):
        evaluate_names([{"name": "x", "canonical_name": "不存在的事项"}])


def test_cli_evaluate_names_prints_figures_and_each_disagreement(tmp_path: Path) -> None:
    path = tmp_path / "names.json"
    path.write_text(
        json.dumps(
            [
                {"name": "生育津貼申請", "canonical_name": "生育津贴支付"},
                {"name": "临时异地就医备案", "canonical_name": "异地转诊人员备案"},
            ],
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["evaluate", "--names", str(path)])
    assert result.exit_code == 0, result.output
    assert "top-1 agreement               50.0%" in result.output
    assert "accepted that are right       100.0%" in result.output
    assert "✗ 临时异地就医备案: labelled 异地转诊人员备案, got None" in result.output
    missing = CliRunner().invoke(app, ["evaluate", "--names", str(tmp_path / "nope.json")])
    assert missing.exit_code == 1


def test_discriminators_naming_unknown_items_are_refused(tmp_path: Path) -> None:
    synonyms = tmp_path / "synonyms.toml"
    synonyms.write_text(
        '[[discriminating]]\nwords = ["临时"]\nmarks = []\nagainst = ["不存在"]\n', encoding="utf-8"
    )
    with pytest.raises(CatalogError, match="unknown items"):
        load_catalog(synonyms_path=synonyms)
    synonyms.write_text(
        '[[discriminating]]\nwords = ["转诊"]\nmarks = ["异地转诊人员备案"]\n'
        'against = ["异地转诊人员备案"]\n',
        encoding="utf-8",
    )
    with pytest.raises(CatalogError, match="none of them marked"):
        load_catalog(synonyms_path=synonyms)
    synonyms.write_text('[[discriminating]]\nmarks = ["异地转诊人员备案"]\n', encoding="utf-8")
    with pytest.raises(CatalogError, match="need words and items against"):
        load_catalog(synonyms_path=synonyms)
