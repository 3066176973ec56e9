"""Name normalisation: synonyms, noise words and domain segmentation."""

from __future__ import annotations

import pytest

from normalizers.alignment.catalog import default_catalog
from normalizers.alignment.tokenize import clean_name, load_tokenizer, parse_rules


@pytest.fixture(scope="module")
def tok():
    return default_catalog().tokenizer


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("门诊特殊慢性病病种待遇认定", "门诊慢特病病种待遇认定"),
        ("门诊慢性病病种待遇认定", "门诊慢特病病种待遇认定"),
        ("转诊转院备案", "异地转诊备案"),
        ("个人账户一次性支取", "个人账户一次性支付"),
        ("个人账户一次性提取", "个人账户一次性支付"),
        ("缴费工资申报", "缴费工资登记"),
        ("参保信息查询打印", "参保信息查询"),
        ("医疗费用手工（零星）报销", "医疗费用零星报销"),
        ("医疗费用手工报销", "医疗费零星报销"),
        ("医疗保险费补缴手续办理", "医疗保险费补缴"),
        ("城乡居民医保参保登记", "城乡居民参保登记"),
        ("职工基本医疗保险参保登记", "职工参保登记"),
        ("出具《参保凭证》", "出具参保凭证"),
        ("生育津贴申领", "生育津贴支付"),
    ],
)
def test_variants_normalise_alike(tok, a: str, b: str) -> None:
    assert tok.normalize(a) == tok.normalize(b)
    assert tok.tokens(a) == tok.tokens(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("单位参保登记", "单位参保信息变更登记"),
        ("生育医疗费支付", "计划生育医疗费支付"),
        ("门诊费用报销", "住院费用报销"),
        ("医疗保险费补缴", "基本医疗保险缴费工资申报"),
    ],
)
def test_different_services_stay_different(tok, a: str, b: str) -> None:
    assert tok.normalize(a) != tok.normalize(b)


def test_longest_rule_wins_and_protects_longer_words(tok) -> None:
    # 慢特病 must not become 慢慢特病 through the shorter rule 特病 → 慢特病.
    assert tok.normalize("门诊慢特病") == "门诊慢特病"
    assert tok.normalize("特病管理") == "慢特病管理"
    # the premium survives the noise word 医疗保险
    assert "医保费" in tok.normalize("医疗保险费补缴")


def test_domain_words_are_single_tokens(tok) -> None:
    assert "慢特病" in tok.tokens("门诊特殊慢性病病种待遇资格认定")
    assert "异地转诊" in tok.tokens("转诊转院备案")
    # a dictionary word removed on purpose is cut into parts that match other names
    assert tok.tokens("住院费用报销")[:2] == ("住院", "费")


def test_noise_only_name_has_no_tokens(tok) -> None:
    assert tok.tokens("基本医疗保险业务办理") == ()


def test_clean_name_drops_marks_but_keeps_bracket_content() -> None:
    assert clean_name(" 出具《参保凭证》 ") == "出具参保凭证"
    assert clean_name("个人身份参（续）保") == "个人身份参续保"
    assert clean_name("生育津贴复算、支付") == "生育津贴复算支付"


def test_rules_parse_from_text(tmp_path) -> None:
    rules = parse_rules(
        '[rewrite]\n"甲乙" = "丙"\n[noise]\nwords = ["丁"]\n[qualifiers]\nwords = ["取消"]\n'
        '[[umbrella]]\nwording = "总"\nmembers = ["A", "B"]\n'
    )
    assert rules.rewrites == {"甲乙": "丙"}
    assert rules.noise == ("丁",)
    assert rules.qualifiers == frozenset({"取消"})
    assert rules.umbrellas[0].members == ("A", "B")
    path = tmp_path / "s.toml"
    path.write_text('[rewrite]\n"甲乙" = "丙"\n[noise]\nwords = ["丁"]\n', encoding="utf-8")
    tokenizer = load_tokenizer(path)
    assert tokenizer.normalize("甲乙丁") == "丙"
