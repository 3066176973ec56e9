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

import logging
import re
import threading
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import jieba

REFERENCE_PACKAGE = "normalizers.reference"

# Marks that never carry meaning in a name: quotes, book-title marks, brackets (their
# content is kept: 手工（零星）报销 → 手工零星报销), list punctuation.
_DROP_CHARS = re.compile(
    r"[\s《》〈〉<>“”‘’\"'「」『』()\[\]【】{}、,，;；:：.。·•/／\\|!！?？*＊_~～\-—–]+"
)
# Tokens that join words without naming anything.
_STOP_TOKENS = frozenset({"和", "与", "及", "或", "的", "之", "等", "类", "项"})


@dataclass(frozen=True)
class Umbrella:
    """A generic wording that names several catalog items; ``members[0]`` is the primary one."""

    wording: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class NameRules:
    """The normalisation rules of ``synonyms.toml``."""

    rewrites: dict[str, str] = field(default_factory=dict)
    noise: tuple[str, ...] = ()
    minor: frozenset[str] = frozenset()
    qualifiers: frozenset[str] = frozenset()
    umbrellas: tuple[Umbrella, ...] = ()


def read_reference_text(name: str, path: str | Path | None = None) -> str:
    """A reference file's text: ``path`` when given, else the copy shipped with the package."""
    if path is not None:
        return Path(path).read_text(encoding="utf-8")
    return resources.files(REFERENCE_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def parse_rules(text: str) -> NameRules:
    """Parse a ``synonyms.toml`` document."""
    data = tomllib.loads(text)
    rewrites = {clean_name(k): clean_name(v) for k, v in data.get("rewrite", {}).items()}
    umbrellas = tuple(
        Umbrella(wording=clean_name(u["wording"]), members=tuple(u["members"]))
        for u in data.get("umbrella", [])
    )
    return NameRules(
        rewrites=rewrites,
        noise=tuple(clean_name(w) for w in data.get("noise", {}).get("words", [])),
        minor=frozenset(data.get("minor", {}).get("words", [])),
        qualifiers=frozenset(data.get("qualifiers", {}).get("words", [])),
        umbrellas=umbrellas,
    )


def clean_name(text: str) -> str:
    """NFKC, then drop whitespace, quotes, brackets and punctuation (keeping bracket content).

    Two names equal after this step are written the same way: the basis of an *exact* match.
    """
    return _DROP_CHARS.sub("", unicodedata.normalize("NFKC", text or ""))


@lru_cache(maxsize=8)
def _jieba_tokenizer(user_dict: str) -> tuple[jieba.Tokenizer, threading.Lock]:
    """One jieba tokenizer per user dictionary, with the lock that guards it (jieba's
    Tokenizer is not safe to call from several threads at once)."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for line in user_dict.splitlines():
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        if freq == 0:
            # Not a word: jieba skips dictionary entries of frequency 0. (add_word(w, 0)
            # would also change jieba's global HMM tables.)
            tokenizer.FREQ[parts[0]] = 0
        else:
            tokenizer.add_word(parts[0], freq)
    return tokenizer, threading.Lock()


class NameTokenizer:
    """Normalises and segments service names. Thread-safe; results are cached per name."""

    def __init__(self, rules: NameRules, user_dict: str) -> None:
        self.rules = rules
        self._user_dict = user_dict
        self._jieba, self._lock = _jieba_tokenizer(user_dict)
        # Noise words rewrite to nothing. One alternation, longest first, so that at every
        # position the longest known wording wins (门诊特殊慢性病 before 慢性病).
        table = {k: v for k, v in rules.rewrites.items() if k}
        for word in rules.noise:
            table.setdefault(word, "")
        self._table = table
        keys = sorted(table, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, keys))) if keys else None
        self._cache: dict[str, tuple[str, ...]] = {}

    def __reduce__(self) -> tuple[type[NameTokenizer], tuple[NameRules, str]]:
        # Rebuilt from its rules in another process (jieba, the lock and the cache are not
        # picklable, and need not travel).
        return (NameTokenizer, (self.rules, self._user_dict))

    def normalize(self, text: str) -> str:
        """Cleaned text with synonyms rewritten and noise words removed."""
        return self.rewrite(clean_name(text))

    def rewrite(self, cleaned: str) -> str:
        """Synonyms and noise words of text already through :func:`clean_name`."""
        if self._pattern is None:
            return cleaned
        return self._pattern.sub(lambda m: self._table[m.group(0)], cleaned)

    def tokens(self, text: str) -> tuple[str, ...]:
        """The normalised name as jieba tokens, each once, in order of appearance."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        normalized = self.normalize(text)
        with self._lock:
            pieces = self._jieba.lcut(normalized, HMM=False)
        out: list[str] = []
        for piece in pieces:
            piece = piece.strip()
            if piece and piece not in _STOP_TOKENS and piece not in out:
                out.append(piece)
        result = tuple(out)
        if len(self._cache) < 200_000:  # bounded: names repeat, but input is unbounded
            self._cache[text] = result
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
