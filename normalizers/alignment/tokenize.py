"""Service names made comparable: cleaning, synonym normalisation and jieba segmentation.

Provinces write the same service many ways (门诊特殊慢性病病种待遇资格认定 and
门诊慢特病病种待遇认定, 参保人员个人账户一次性支付 and …支取). :class:`NameTokenizer`
rewrites known variants to one form, drops words that never tell services apart (打印,
手续办理, 基本医疗保险) and segments the result with a jieba tokenizer that knows the
domain's words. Item names and catalog names go through the same steps, so a rule only has
to make two wordings equal.

The rules live in ``reference/synonyms.toml`` and the segmentation words in
``reference/jieba_user_dict.txt``; both ship with the package.
"""

from __future__ import annotations

import math
import re
import threading
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govguide.core.settings import get_settings
from normalizers.alignment.segment_dictionary import SegmentDictionary, load_segment_dictionary

if TYPE_CHECKING:
    import jieba

from normalizers.place import leading_place
from normalizers.script import to_simplified

REFERENCE_PACKAGE = "normalizers.reference"

# Marks that never carry meaning in a name: quotes, book-title marks, brackets (their
# content is kept: 手工（零星）报销 → 手工零星报销), list punctuation.
_DROP_CHARS = re.compile(
    r"[\s《》〈〉<>“”‘’\"'「」『』()\[\]【】{}、,，;；:：.。·•/／\\|!！?？*＊_~～\-—–]+"
)
# Tokens that join words without naming anything.
_STOP_TOKENS = frozenset({"和", "与", "及", "或", "的", "之", "等", "类", "项"})
# Entries each per-name cache keeps at most: names repeat, but input is unbounded.
_CACHE_LIMIT = 200_000
# Rewrite passes at most: rules are written to reach a fixed point in one or two.
_REWRITE_PASSES = 3


@dataclass(frozen=True)
class Umbrella:
    """A generic wording that names several catalog items; ``members[0]`` is the primary one.

    With ``review`` the members are different services (生育保险待遇: the medical costs and
    the allowance), so an item named by the wording is not given any one of them: a person
    records which it provides.
    """

    wording: str
    members: tuple[str, ...]
    review: bool = False


@dataclass(frozen=True)
class Discriminator:
    """Words that mark one catalog item among its neighbours, or mark none of them.

    A name holding one of ``words`` is not matched without review to an item in
    ``against`` (the neighbours): 转诊 marks 异地转诊人员备案 against the other filings, 计划生育
    marks 计划生育医疗费支付 against 生育医疗费支付. With no ``marks`` the words name a service
    outside the catalog (临时 filings): such a name is not given any item of ``against``.
    With ``yields`` the words mark their item only where the name holds no word that marks
    the item it matches: 长期 marks the long stay, but a retiree's long stay elsewhere
    (退休人员长期异地) is the settled retirees' filing. With ``names`` the words name their one
    marked item where nothing else of the name scores: 病故后医保卡里的钱 is the account paid out
    to the heirs, proposed for review. With ``names_with_act`` as well the words say whose
    the service is (低保: people on minimum living support) and name their item only where the
    name says one of the item's acts too (低保的二次报销: paid, medical aid), as a person's
    group alone names no service. With ``picks`` a word of the name says which of several
    marked items it is (新单位医保续交: a person continuing at an employer, the employees').
    """

    words: tuple[str, ...]
    marks: tuple[str, ...]
    against: tuple[str, ...]
    yields: bool = False
    names: bool = False
    names_with_act: bool = False
    # Where the words mark several items, a word of the name that says which one (单位 with
    # 续保: a person continuing at an employer is an employee): (word, marked item) pairs.
    picks: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class NameRules:
    """The normalisation rules of ``synonyms.toml``."""

    rewrites: dict[str, str] = field(default_factory=dict)
    noise: tuple[str, ...] = ()
    # The noise words of how a question asks (能否, 多久, 吗): dropped before any rewrite, so that
    # a wording they stand inside comes together (就医能否报销 is 就医报销).
    asking: tuple[str, ...] = ()
    # Whether the place names a name starts with are noise (see NameTokenizer.without_places).
    leading_places: bool = False
    # Whether years (2021年, 2023年度) are dropped: when a service is asked about is not which.
    years: bool = False
    # Whether spans of months (四个月, 12个月, 半个月) are dropped: how long a gap was or a cost
    # runs says how much, not which service.
    months: bool = False
    # Characters written for another by an older convention (帐户 for 账户), folded before any
    # rule reads the name, so that every rule written with the standard one applies.
    variants: dict[str, str] = field(default_factory=dict)
    minor: frozenset[str] = frozenset()
    qualifiers: frozenset[str] = frozenset()
    umbrellas: tuple[Umbrella, ...] = ()
    discriminators: tuple[Discriminator, ...] = ()
    # What a name says is done (转移接续, 支付, 登记 …), and those acts among them that make a
    # service of their own (查询, 变更: asking about or changing a thing is not doing it).
    acts: frozenset[str] = frozenset()
    own_acts: frozenset[str] = frozenset()
    # Where an act goes (跨省, 省内): said of an act, no object it is done to.
    act_scope: frozenset[str] = frozenset()
    # Catalog items named by their act: their object is other services' too (the account's
    # balance is asked about, moved, given to family), so a name without an act is not accepted.
    act_needed: tuple[str, ...] = ()
    # Acts that ask for the act they are joined to (申请与认定 is one service, not two).
    asking_acts: frozenset[str] = frozenset()
    # Acts that only record the act of its own said before them (变更登记: the change recorded).
    recording_acts: frozenset[str] = frozenset()
    # Words that leave any match in doubt (an accident: another party may pay): never accepted.
    doubtful: tuple[str, ...] = ()
    # Per doubtful word, words that settle the doubt when the name holds them too (流产 may be
    # a childbirth cost or a family-planning operation; 流产术, 人工流产 is the operation).
    settled: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Doubtful wordings read on the normalised name, where variants have become one wording
    # (单位转移接续: an employer's account moved, 单位社保转出 and 企业医保关系转移 alike).
    doubtful_normalised: tuple[str, ...] = ()
    # Groups of word lists: a name holding a word of every list of a group (退休, 异地, 转移: a
    # retiree's insurance moved elsewhere) holds the words of two services, and is in doubt.
    doubtful_together: tuple[tuple[tuple[str, ...], ...], ...] = ()
    # A document a service issues (参保凭证), and the words of issuing it or of the transfer
    # it is issued for (出具, 打印, 转): named without them, the document may be another one
    # of that name (a proof of insurance printed from one's record), so it is not accepted.
    documents: tuple[str, ...] = ()
    issuing: tuple[str, ...] = ()
    # Words that say whose insurance a name is about (职工, 学生, 单位): with nothing else the
    # catalog knows, they say which item (see the aligner's fallback for weak matches).
    whose: frozenset[str] = frozenset()
    # Words that set two alternatives against each other in a question (住院报销还是门诊报销):
    # where each side marks an item the other does not, the name asks which of two items.
    alternatives: tuple[str, ...] = ()
    # Whose words that, named alone, name no one service (单位医保办理: an employer does many).
    many_services: frozenset[str] = frozenset()
    # Words of a gap or an end (中断, 停保, 离职) that, said of a person (中断职工医保人员), name
    # the insurance the person had, not the one the name registers them with.
    former: frozenset[str] = frozenset()
    # Words that put a person's status in the past (毕业: a student no more): a whose word said
    # with one names who the person was, not whose insurance the name is about.
    left: frozenset[str] = frozenset()
    # Qualifiers that end what they are said of (取消): said of a person's insurance itself,
    # they stop it, which its registration records (see the aligner's qualifier check).
    ending: frozenset[str] = frozenset()
    # Words of two services that a name joining them by a conjunction names both (生育津贴或报销:
    # the allowance and the costs): pairs of word lists, read on the normalised name.
    joined: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    # Words of "after" (后, 之后): what a name says after the last of them is what it asks for,
    # what comes before says when (社保转移后缴费基数 asks about the base).
    after: tuple[str, ...] = ()


def read_reference_text(name: str, path: str | Path | None = None) -> str:
    """A reference file's text: ``path`` when given, else the copy shipped with the package."""
    if path is not None:
        return Path(path).read_text(encoding="utf-8")
    return resources.files(REFERENCE_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def _with_schemes_claimed(
    rewrites: dict[str, str], schemes: frozenset[str], insurance: tuple[str, ...]
) -> dict[str, str]:
    """``rewrites`` plus, for every wording of a scheme that ends in an insurance word
    (农村医保, 城乡医保, 职工基本医疗保险), that wording followed by 报销 read as the insurance
    word's reimbursement (医保报销): at each position the longest key wins, so the scheme's
    key swallows the insurance word and the reimbursement would lose whose costs it is."""
    extra: dict[str, str] = {}
    # An insurance word said short (保 of 居保, 城保) is claimed as the first one is.
    first = rewrites.get(insurance[0] + "报销") if insurance else None
    for key, value in rewrites.items():
        if value not in schemes:
            continue
        for word in insurance:
            claimed = rewrites.get(word + "报销", first if len(word) == 1 else None)
            if key.endswith(word) and claimed is not None and key + "报销" not in rewrites:
                extra[key + "报销"] = claimed
    return {**rewrites, **extra}


def _with_diseases_claimed(rewrites: dict[str, str], diseases: dict[str, str]) -> dict[str, str]:
    """``rewrites`` plus, for every wording of the chronic and special diseases said without
    门诊 (慢病, 特殊病种: keys rewritten to a key of ``diseases``), that wording followed by 报销
    read as the outpatient scheme's claim (慢病报销 as 门诊慢特病报销): those diseases' costs are
    claimed in the outpatient scheme. Only before 报销, where the act says it is a claim; a
    disease's name alone keeps its reading (慢特病定点签约 is no outpatient service)."""
    paid = rewrites.get("报销", "报销")
    extra = {
        key + "报销": diseases[value] + paid
        for key, value in rewrites.items()
        if value in diseases and key + "报销" not in rewrites
    }
    return {**rewrites, **extra}


def _with_claims_said_with_de(rewrites: dict[str, str]) -> dict[str, str]:
    """``rewrites`` plus, for every wording of whose costs are claimed (居民医保报销, 新农合报销,
    城保报销: keys ending in 报销 read as a claim), the same wording with 的 before 报销
    (居民医保的报销): 的 is dropped as noise only once the pass that reads 报销 alone has run,
    so said with 的 the scheme and its claim were read apart (the scheme's registration)."""
    act = "报销"
    extra = {
        key[: -len(act)] + "的" + act: value
        for key, value in rewrites.items()
        if key.endswith(act)
        and len(key) > len(act)
        and key[: -len(act)] + "的" + act not in rewrites
    }
    return {**rewrites, **extra}


def _with_records_looked_up(
    rewrites: dict[str, str], groups: list[dict[str, Any]]
) -> dict[str, str]:
    """``rewrites`` plus, for each group of ``[[looked_up]]``, every wording of one of its acts'
    records asked about (减员查询, 减员登记查询, 查询减员信息, 单位减员结果查询, 查询单位减员) read as
    the group's ``read_as``: the act alone is the party's service (减员, the employees' registration), the
    record looked up is the party's query, in whatever order and with whatever record word the
    name says it. A key the rules already hold keeps its reading."""
    asked = "查询"
    extra: dict[str, str] = {}
    for group in groups:
        read_as = clean_name(group["read_as"])
        between = ["", *(clean_name(w) for w in group.get("between", []))]
        whose = ["", *(clean_name(w) for w in group.get("whose", []))]
        for act in (clean_name(w) for w in group.get("acts", [])):
            for word in between:
                for party in whose:
                    for key in (
                        party + act + word + asked,
                        party + asked + act + word,
                        asked + party + act + word,
                    ):
                        if key not in rewrites:
                            extra.setdefault(key, read_as)
    return {**rewrites, **extra}


def parse_rules(text: str) -> NameRules:
    """Parse a ``synonyms.toml`` document."""
    data = tomllib.loads(text)
    rewrites = {clean_name(k): clean_name(v) for k, v in data.get("rewrite", {}).items()}
    claimed = data.get("claimed", {})
    rewrites = _with_schemes_claimed(
        rewrites,
        frozenset(clean_name(w) for w in claimed.get("schemes", [])),
        tuple(clean_name(w) for w in claimed.get("insurance", [])),
    )
    rewrites = _with_diseases_claimed(
        rewrites, {clean_name(k): clean_name(v) for k, v in claimed.get("diseases", {}).items()}
    )
    rewrites = _with_claims_said_with_de(rewrites)
    rewrites = _with_records_looked_up(rewrites, data.get("looked_up", []))
    umbrellas = tuple(
        Umbrella(
            wording=clean_name(u["wording"]),
            members=tuple(u["members"]),
            review=bool(u.get("review", False)),
        )
        for u in data.get("umbrella", [])
    )
    discriminators = tuple(
        Discriminator(
            # Missing keys are refused with the rule named when the catalog resolves it.
            words=tuple(clean_name(w) for w in d.get("words", [])),
            marks=tuple(d.get("marks", [])),
            against=tuple(d.get("against", [])),
            yields=bool(d.get("yields", False)),
            names=bool(d.get("names", False)),
            names_with_act=bool(d.get("names_with_act", False)),
            picks=tuple((clean_name(w), item) for w, item in d.get("picks", {}).items()),
        )
        for d in data.get("discriminating", [])
    )
    return NameRules(
        rewrites=rewrites,
        alternatives=tuple(clean_name(w) for w in data.get("alternatives", {}).get("words", [])),
        # The words of how a question asks are noise words too.
        noise=tuple(
            clean_name(w)
            for w in [*data.get("noise", {}).get("words", []), *data.get("noise", {}).get("asking", [])]
        ),
        asking=tuple(clean_name(w) for w in data.get("noise", {}).get("asking", [])),
        leading_places=bool(data.get("noise", {}).get("leading_places", False)),
        years=bool(data.get("noise", {}).get("years", False)),
        months=bool(data.get("noise", {}).get("months", False)),
        variants={
            clean_name(k): clean_name(v) for k, v in data.get("variants", {}).items()
        },
        minor=frozenset(data.get("minor", {}).get("words", [])),
        qualifiers=frozenset(data.get("qualifiers", {}).get("words", [])),
        umbrellas=umbrellas,
        discriminators=discriminators,
        acts=frozenset(clean_name(w) for w in data.get("acts", {}).get("words", [])),
        own_acts=frozenset(clean_name(w) for w in data.get("acts", {}).get("own", [])),
        act_scope=frozenset(clean_name(w) for w in data.get("acts", {}).get("scope", [])),
        asking_acts=frozenset(clean_name(w) for w in data.get("acts", {}).get("asking", [])),
        act_needed=tuple(data.get("acts", {}).get("needed", [])),
        recording_acts=frozenset(
            clean_name(w) for w in data.get("acts", {}).get("recording", [])
        ),
        doubtful=tuple(clean_name(w) for w in data.get("doubtful", {}).get("words", [])),
        settled={
            clean_name(k): tuple(clean_name(w) for w in v)
            for k, v in data.get("doubtful", {}).get("settled", {}).items()
        },
        doubtful_normalised=tuple(
            clean_name(w) for w in data.get("doubtful", {}).get("normalised", [])
        ),
        doubtful_together=tuple(
            tuple(tuple(clean_name(w) for w in words) for words in group.get("words", []))
            for group in data.get("doubtful", {}).get("together", [])
        ),
        documents=tuple(clean_name(w) for w in data.get("doubtful", {}).get("documents", [])),
        issuing=tuple(clean_name(w) for w in data.get("doubtful", {}).get("issuing", [])),
        whose=frozenset(clean_name(w) for w in data.get("whose", {}).get("words", [])),
        former=frozenset(clean_name(w) for w in data.get("whose", {}).get("former", [])),
        left=frozenset(clean_name(w) for w in data.get("whose", {}).get("left", [])),
        many_services=frozenset(
            clean_name(w) for w in data.get("whose", {}).get("many_services", [])
        ),
        ending=frozenset(clean_name(w) for w in data.get("qualifiers", {}).get("ending", [])),
        joined=tuple(
            (
                tuple(clean_name(w) for w in j.get("one", [])),
                tuple(clean_name(w) for w in j.get("other", [])),
            )
            for j in data.get("joined", [])
        ),
        after=tuple(
            sorted(
                (clean_name(w) for w in data.get("when", {}).get("after", [])),
                key=len,
                reverse=True,
            )
        ),
    )


def clean_name(text: str) -> str:
    """NFKC and simplified characters, then drop whitespace, quotes, brackets and
    punctuation (keeping bracket content).

    Two names equal after this step are written the same way: the basis of an *exact* match.
    Traditional characters are converted here (生育津貼申報 → 生育津贴申报) because the catalog,
    the rules and jieba's dictionary are all simplified; callers keep the name as written.
    """
    return _DROP_CHARS.sub("", to_simplified(unicodedata.normalize("NFKC", text or "")))


# Text that jieba cuts as one block and by its dictionary alone: CJK ideographs only (its
# block pattern also groups Latin letters, digits and a few symbols, with rules of their own).
_IDEOGRAPHS = re.compile("[\u4e00-\u9fd5]+")


class _DictionarySegmenter:
    """``jieba.Tokenizer.lcut(text, HMM=False)`` for text of CJK ideographs only: the same
    cuts at a third of the cost.

    jieba takes the most probable path through the dictionary words the text contains,
    scoring a word ``log(freq) - log(total)``. For every call it recomputes those logarithms
    and builds its word graph as dicts of lists; here a word's score is computed once and
    the path is found in one pass from the end, with the same arithmetic in the same order
    and the same tie-break (the longer word), so the cuts are identical. Tests compare the
    two. Reads the dictionary only, so it needs no lock.
    """

    def __init__(self, dictionary: SegmentDictionary) -> None:
        self._dictionary = dictionary
        self._log_total = math.log(dictionary.total)
        self._scores: dict[str, float] = {}

    def cut(self, text: str) -> list[str]:
        self._dictionary.prepare(text)
        freq, scores, log_total = self._dictionary.freq, self._scores, self._log_total
        n = len(text)
        value = [0.0] * (n + 1)  # best path score from each position to the end
        end = list(range(n))  # where the word of that best path ends (inclusive)
        for k in range(n - 1, -1, -1):
            best: float | None = None
            stop = k + 1
            word = text[k]
            count = freq.get(word)
            while count is not None:  # every prefix of a dictionary word is in freq
                if count:  # a word, not only a prefix
                    score = scores.get(word)
                    if score is None:
                        score = scores[word] = math.log(count) - log_total
                    candidate = score + value[stop]
                    if best is None or candidate >= best:
                        best, end[k] = candidate, stop - 1
                if stop >= n:
                    break
                stop += 1
                word = text[k:stop]
                count = freq.get(word)
            if best is None:  # no word starts here: the character alone, frequency 1
                best = math.log(freq.get(text[k]) or 1) - log_total + value[k + 1]
            value[k] = best
        pieces = []
        k = 0
        while k < n:
            pieces.append(text[k : end[k] + 1])
            k = end[k] + 1
        return pieces


class _Segmenter:
    """One user dictionary's segmentation: the fast path for ideographs, jieba (created on
    first use, behind a lock: jieba's Tokenizer is not safe to call from several threads at
    once) for anything else."""

    def __init__(self, dictionary: SegmentDictionary) -> None:
        self.dictionary = dictionary
        self.fast = _DictionarySegmenter(dictionary)
        self._lock = threading.Lock()
        self._jieba: jieba.Tokenizer | None = None

    def cut(self, text: str) -> list[str]:
        if _IDEOGRAPHS.fullmatch(text):
            return self.fast.cut(text)
        with self._lock:
            return self.jieba_cut(text)

    def jieba_cut(self, text: str) -> list[str]:
        """jieba's own ``lcut(text, HMM=False)`` on the same dictionary (callers hold the lock
        when threads share this segmenter)."""
        if self._jieba is None:
            self._jieba = self.dictionary.jieba_tokenizer()
        self.dictionary.prepare(text)
        return self._jieba.lcut(text, HMM=False)


@lru_cache(maxsize=8)
def _segmenter(user_dict: str, cache_dir: Path | None) -> _Segmenter:
    """One segmenter per user dictionary, its dictionary read from the on-disk cache."""
    return _Segmenter(load_segment_dictionary(user_dict, cache_dir))


# A year (2021年, 2023年医保; 2023年度 keeps 年度, a word of the yearly declaration).
_YEAR = re.compile(r"(?:19|20)\d{2}(?:年(?!度)|(?=年度))")
_MONTHS = re.compile(r"(?:[一二两三四五六七八九十几数半]+|\d{1,2})个多?月")


class NameTokenizer:
    """Normalises and segments service names. Thread-safe; results are cached per name."""

    def __init__(self, rules: NameRules, user_dict: str) -> None:
        self.rules = rules
        self._user_dict = user_dict
        self._segmenter = _segmenter(user_dict, get_settings().cache_dir)
        # Noise words rewrite to nothing. One alternation, longest first, so that at every
        # position the longest known wording wins (门诊特殊慢性病 before 慢性病).
        table = {k: v for k, v in rules.rewrites.items() if k}
        for word in rules.noise:
            table.setdefault(word, "")
        self._table = table
        self._variants = str.maketrans(rules.variants) if rules.variants else None
        # Words of the rules that a place name may begin (合作医疗: 合作 is also a city's name).
        self._rule_words = frozenset(table) | rules.qualifiers | {
            w for d in rules.discriminators for w in d.words
        }
        self._longest_rule_word = max(map(len, self._rule_words), default=0)
        keys = sorted(table, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, keys))) if keys else None
        # The words of how a question asks that no other key holds are dropped before any
        # rewrite: said between the parts of a wording (就医能否报销), they would keep it apart
        # while the parts are rewritten alone in the same pass (报销 → 支付).
        asking = sorted(
            (w for w in rules.asking if w and not any(w in k for k in table if k != w)),
            key=len,
            reverse=True,
        )
        self._asking = re.compile("|".join(map(re.escape, asking))) if asking else None
        self._cache: dict[str, tuple[str, ...]] = {}  # by name as written
        self._segmented: dict[str, tuple[str, ...]] = {}  # by normalised name

    def __reduce__(self) -> tuple[type[NameTokenizer], tuple[NameRules, str]]:
        # Rebuilt from its rules in another process (the segmenter, its lock and the caches
        # are not picklable, and need not travel).
        return (NameTokenizer, (self.rules, self._user_dict))

    def normalize(self, text: str) -> str:
        """Cleaned text with synonyms rewritten and noise words removed."""
        return self.rewrite(clean_name(text))

    def rewrite(self, cleaned: str) -> str:
        """Synonyms, noise words and leading place names of text already through
        :func:`clean_name`."""
        if self._variants:
            cleaned = cleaned.translate(self._variants)
        if self.rules.years:
            cleaned = _YEAR.sub("", cleaned) or cleaned
        if self.rules.months:
            cleaned = _MONTHS.sub("", cleaned) or cleaned
        text = self.without_places(cleaned)
        if self._pattern is None:
            return text
        # Until nothing changes (at most a few passes): removing a noise word or rewriting
        # a wording can bring together a wording of its own (联网结算的登记备案: without 的 and
        # with 登记备案 → 备案, 联网结算备案 is the filing).
        if self._asking is not None:
            text = self._asking.sub("", text) or text
        for _ in range(_REWRITE_PASSES):
            done = self._pattern.sub(self._replace, text)
            if done == text:
                break
            text = done
        return text

    def without_places(self, cleaned: str) -> str:
        """``cleaned`` without the place names it starts with (三亚市城乡居民医保参保 →
        城乡居民医保参保, 浙江灵活就业人员参加医保 → 灵活就业人员参加医保): where a service is
        offered says nothing of which service it is, and the catalog knows no place. A place
        name that begins a longer word of the rules (合作医疗, the rural scheme: 合作 is also a
        city) is kept, and so is a name that is nothing but places."""
        rest = cleaned
        while self.rules.leading_places:
            place = leading_place(rest)
            if not place or place == rest or self._begins_rule_word(rest, len(place)):
                return rest
            rest = rest[len(place) :]
        return rest

    def _begins_rule_word(self, text: str, start: int) -> bool:
        """Whether a word of the rules as long as ``text[:start]`` or longer begins ``text``
        (本市 is a word of the rules itself: it tells a referral inside the city)."""
        top = min(len(text), self._longest_rule_word)
        return any(text[:n] in self._rule_words for n in range(start, top + 1))

    def _replace(self, match: re.Match[str]) -> str:
        return self._table[match.group(0)]

    def tokens(self, text: str) -> tuple[str, ...]:
        """The normalised name as jieba tokens, each once, in order of appearance."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        result = self.tokens_of_normalized(self.normalize(text))
        if len(self._cache) < _CACHE_LIMIT:
            self._cache[text] = result
        return result

    def tokens_of_normalized(self, normalized: str) -> tuple[str, ...]:
        """:meth:`tokens` of text already through :meth:`normalize`.

        Cached by the normalised text: names that differ only in punctuation, brackets or
        noise words (单位参保登记, “单位参保登记”手续办理) are segmented once.
        """
        cached = self._segmented.get(normalized)
        if cached is not None:
            return cached
        pieces = self._segmenter.cut(normalized)
        out: list[str] = []
        for piece in pieces:
            piece = piece.strip()
            if piece and piece not in _STOP_TOKENS and piece not in out:
                out.append(piece)
        result = tuple(out)
        if len(self._segmented) < _CACHE_LIMIT:
            self._segmented[normalized] = result
        return result

    def segmented(self, text: str) -> str:
        """Tokens joined by spaces: the input of rapidfuzz's token scorers."""
        return " ".join(self.tokens(text))


def load_tokenizer(
    synonyms_path: str | Path | None = None, user_dict_path: str | Path | None = None
) -> NameTokenizer:
    """A tokenizer from the given rule files, or from the files shipped with the package."""
    rules = parse_rules(read_reference_text("synonyms.toml", synonyms_path))
    user_dict = read_reference_text("jieba_user_dict.txt", user_dict_path)
    return NameTokenizer(rules, user_dict)
