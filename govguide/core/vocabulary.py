"""Heading vocabularies, loaded from ``vocabulary.toml``, and matching by meaning.

A heading matches a field when, with its numbering and decorations stripped, it *contains*
one of the field's words (``（二）申请材料：`` → ``申请材料`` → field ``materials``). The
longest matching word wins, so ``承诺办结时限`` is read as a promised limit, not a generic one.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from govguide.core.numbering import (
    ARABIC_NUMBER,
    CIRCLED,
    CN_DIGITS,
    CN_NUMBER,
    PAREN_CN,
    PAREN_NUM,
    PART,
)

# A heading label's numbering, in any shape of :mod:`govguide.core.numbering`; a label may
# also end its number with a comma, a colon or a half bracket (1，申请材料 / 一：/ 1）), and
# carry an article's number (第五条). A bare number is part of the words (一次性告知, 10个工作日).
_NUMBERING = re.compile(
    rf"^\s*(?:{PART}|第[{CN_DIGITS}\d]{{1,3}}[条项]|{PAREN_CN}|{PAREN_NUM}|{CIRCLED}"
    rf"|(?:{CN_NUMBER}|{ARABIC_NUMBER})\s*[、.．,，:：)）](?!\d))\s*"
)
_TRAILING_NOTE = re.compile(r"(.+?)[（(][^（()）]*[）)]")
_DECORATION = re.compile(r"[\s:：*＊【】\[\]<>〈〉“”\"'·•☆★◆◇■□●○▲△]+")


@cache
def vocabulary() -> dict[str, dict[str, list[str]]]:
    """The vocabulary file as nested dicts (cached)."""
    text = resources.files("govguide.core").joinpath("vocabulary.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def words(group: str, key: str) -> list[str]:
    return list(vocabulary()[group][key])


def clean_heading(text: str) -> str:
    """Strip numbering (一、 （二） 3. ①) and decoration (spaces, colons, brackets)."""
    stripped = _NUMBERING.sub("", text.strip(), count=1)
    return _DECORATION.sub("", stripped)


def match_field(text: str, group: str = "fields", *, max_len: int | None = 14) -> str | None:
    """Which field of ``group`` a heading or column title names, or None.

    ``max_len`` guards against sentences that merely mention a word (a heading is short).
    """
    heading = clean_heading(text)
    if not heading or (max_len is not None and len(heading) > max_len):
        return None
    if group == "fields" and any(w in heading for w in vocabulary()["exclude"]["words"]):
        return None
    best: tuple[int, str] | None = None
    for field, field_words in vocabulary()[group].items():
        for word in field_words:
            if word in heading and (best is None or len(word) > best[0]):
                best = (len(word), field)
    return best[1] if best else None


def is_empty_value(text: str) -> bool:
    """True for cells that mean "nothing" (无, /, —, empty), also with a note in brackets
    after the word: 无（通过信息共享获取，无需申请人提供）."""
    t = _DECORATION.sub("", text or "")
    empty = set(words("words", "empty"))
    if t == "" or t in empty:
        return True
    noted = _TRAILING_NOTE.fullmatch(t)
    return noted is not None and noted.group(1) in empty
