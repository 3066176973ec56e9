"""The fast paths of name matching give exactly what the plain ones they stand for give.

- decisions read from a whole batch at once (``_Aligner.decide_all``) equal the per-name
  reference (``_Aligner.decide``);
- the string scorers, run once per distinct wording, grouped by catalog wording and on
  single-byte recodings, equal rapidfuzz on the texts as written;
- the dictionary segmenter cuts like ``jieba.lcut(text, HMM=False)``.

Checked on a few hundred generated variants of the catalog's and the provinces' wordings:
place prefixes, noise suffixes, qualifiers, typos, Latin letters and digits, sections.
"""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pytest
from rapidfuzz import fuzz, process

from normalizers.alignment.align import AlignSettings, _Aligner, match_names
from normalizers.alignment.catalog import default_catalog, load_catalog
from normalizers.alignment.scoring import NameIndex

CATALOG = default_catalog()

# Wordings provinces use that the catalog does not list, and local services.
PROVINCIAL = [
    "城乡居民医保参保登记",
    "灵活就业人员参保登记",
    "个人参保信息查询打印",
    "个人账户一次性提取",
    "流动就业人员基本医疗保险关系转出",
    "异地就医登记备案",
    "转诊转院备案",
    "门诊特殊慢性病病种待遇资格认定",
    "住院医疗费用零星报销",
    "生育津贴申领",
    "医疗救助对象手工（零星）报销",
    "定点医药机构费用结算",
    "单位补缴",
    "出国（境）带药备案",
    "医保药品目录查询",
    "退休人员缴费年限认定",
    "生育津贴复算、支付",
]
PLACES = ["", "", "广西", "重庆市", "柳州市", "酉阳县", "市本级", "跨省", "异地", "省内", "万州区"]
SUFFIXES = ["", "", "手续办理", "（即办件）", "申请", "业务", "服务", "打印", "（承诺件）"]
QUALIFIERS = ["取消", "延期", "补办", "养老保险"]
SECTIONS = [None, None, "参保登记", "待遇审核", "异地就医", "基金结算", "医保关系转移接续"]


def _wordings() -> list[str]:
    entries = CATALOG.entries
    return [
        *(e.canonical_name for e in entries),
        *(a for e in entries for a in e.aliases),
        *(g.wording for g in CATALOG.umbrellas),
        *PROVINCIAL,
    ]


def name_variants(n: int, seed: int = 11) -> tuple[list[str], list[str | None]]:
    """``n`` names with sections; some repeat, as in a crawl."""
    rng = random.Random(seed)
    stems = _wordings()
    names: list[str] = []
    for _ in range(n):
        stem = rng.choice(stems)
        roll = rng.random()
        if roll < 0.1 and len(stem) > 3:  # a typo: a character dropped or doubled
            at = rng.randrange(len(stem))
            dropped = rng.random() < 0.5
            stem = stem[:at] + stem[at + 1 :] if dropped else stem[:at] + stem[at] + stem[at:]
        elif roll < 0.18:
            stem += rng.choice(QUALIFIERS)
        elif roll < 0.23:
            stem = rng.choice(["2023年度", "A类", "第2批"]) + stem
        elif roll < 0.26:
            stem = rng.choice(stems) + "及" + stem
        names.append(rng.choice(PLACES) + stem + rng.choice(SUFFIXES))
    names += names[: n // 10]  # repeats
    sections = [rng.choice(SECTIONS) for _ in names]
    return names, sections


def _rows(names: list[str], sections: list[str | None]) -> list[str]:
    """The name of each row of ``NameIndex.score`` (distinct pairs, in order)."""
    return [name for name, _ in dict.fromkeys(zip(names, sections, strict=True))]


@pytest.mark.parametrize(
    "settings",
    [AlignSettings(), AlignSettings(top_k=1), AlignSettings(top_k=6, umbrella_yield=0.0)],
    ids=["default", "top1", "wide"],
)
def test_batch_decisions_equal_the_per_name_reference(settings: AlignSettings) -> None:
    names, sections = name_variants(400)
    scores = CATALOG.index.score(names, sections)
    aligner = _Aligner(CATALOG, settings)
    distinct, decision_of = aligner.decide_all(scores)
    decisions = list(distinct)
    rows = _rows(names, sections)
    assert len(decision_of) == len(rows) == scores.score.shape[0]
    for i, name in enumerate(rows):
        assert decisions[decision_of[i]] == aligner.decide(name, scores, i), name
    # The variants reach every kind of decision, so the comparison is not a vacuous one.
    methods = Counter(d.method for d in decisions)
    assert {"exact", "alias", "fuzzy", "none"} <= set(methods)
    assert any(d.blocked for d in decisions)
    assert any(d.umbrella_covers for d in decisions)
    assert any(d.needs_review and d.entry is not None for d in decisions)


def test_names_that_normalise_alike_share_one_decision() -> None:
    # Noise words (手续办理, 业务, 服务) and spaces fall away: one wording, scored once.
    names = ["单位参保登记手续办理", "单位参保登记业务", "单位 参保 登记 服务", "单位参保登记"]
    scores = CATALOG.index.score(names)
    assert len(set(scores.scored_as.tolist())) == 1
    _, decision_of = _Aligner(CATALOG, AlignSettings()).decide_all(scores)
    # The last is the canonical name itself: an exact match, decided on its own.
    assert decision_of[0] == decision_of[1] == decision_of[2] != decision_of[3]
    matches = match_names(names)
    assert matches[0] is matches[1] and matches[3].match_method == "exact"


def _texts(index: NameIndex, names: list[str]) -> list:
    return list({w.norm: w for w in (index._features(n).wording for n in names)}.values())


def test_pair_scores_equal_rapidfuzz_on_the_texts_as_written() -> None:
    index = CATALOG.index
    names, _ = name_variants(300, seed=5)
    texts = _texts(index, names + ["ABC报销", "2023年度工资申报", "䶵䶶报销"])
    n_forms = len(index.forms)
    # Every (wording, form) pair, sorted by form as the shortlist hands them over.
    cols = np.repeat(np.arange(n_forms), len(texts))
    keys = np.tile(np.arange(len(texts)), n_forms)
    token_set, partial = index._pair_scores(keys, cols, texts)
    segmented = [texts[k].segmented for k in keys]
    norms = [texts[k].norm for k in keys]
    expected_token_set = process.cpdist(
        segmented,
        [index.form_segmented[c] for c in cols],
        scorer=fuzz.token_set_ratio,
        dtype=np.float32,
    )
    expected_partial = process.cpdist(
        norms, [index.form_norms[c] for c in cols], scorer=fuzz.partial_ratio, dtype=np.float32
    )
    assert np.array_equal(token_set, expected_token_set)
    assert np.array_equal(partial, expected_partial)
    # The plain ratio that picks the shortlist, on the recoded texts.
    coded = process.cdist(
        [t.coded for t in texts], index.form_coded, scorer=fuzz.ratio, dtype=np.float32
    )
    plain = process.cdist(
        [t.norm for t in texts], index.form_norms, scorer=fuzz.ratio, dtype=np.float32
    )
    assert np.array_equal(coded, plain)
    assert max(ord(ch) for t in texts for ch in t.coded) < 256


def test_scores_are_the_same_without_single_byte_codes() -> None:
    # A catalog whose wordings use too many characters for one byte scores the texts as
    # written: the same numbers.
    names, sections = name_variants(200, seed=3)
    plain_index = load_catalog().index
    plain_index._codes = None
    plain_index.form_coded = list(plain_index.form_norms)
    with_codes = CATALOG.index.score(names, sections)
    without = plain_index.score(names, sections)
    for field in ("score", "form", "recall", "precision", "umbrella_score", "ranking"):
        assert np.array_equal(getattr(with_codes, field), getattr(without, field)), field


def test_dictionary_segmenter_cuts_like_jieba() -> None:
    tokenizer = CATALOG.tokenizer
    segmenter = tokenizer._segmenter
    rng = random.Random(7)
    names, _ = name_variants(300, seed=9)
    words = [w for w in _wordings() + list(tokenizer.rules.rewrites) if w]
    texts = [tokenizer.normalize(n) for n in names]
    alphabet = sorted({ch for t in texts for ch in t})
    for _ in range(2000):
        parts = [
            rng.choice(words) if rng.random() < 0.5 else rng.choice(alphabet)
            for _ in range(rng.randrange(1, 6))
        ]
        texts.append("".join(parts))
    texts += ["".join(chr(rng.randrange(0x4E00, 0x9FD6)) for _ in range(20)) for _ in range(200)]
    texts = [t for t in texts if t and all("\u4e00" <= ch <= "\u9fd5" for ch in t)]
    assert len(texts) > 2000
    for text in texts:
        assert segmenter.fast.cut(text) == segmenter.jieba_cut(text), text


@pytest.mark.parametrize(
    "name", ["2023年度工资申报", "A类人员参保登记", "单位参保登记", "门特认定"]
)
def test_tokens_of_a_name_and_of_its_normalised_form_agree(name: str) -> None:
    tokenizer = CATALOG.tokenizer
    assert tokenizer.tokens(name) == tokenizer.tokens_of_normalized(tokenizer.normalize(name))
    assert tokenizer.tokens(name)
