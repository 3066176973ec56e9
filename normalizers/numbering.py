"""Heading numbering: the styles guides number their sections and lists with.

One definition for the readers of numbered headings (:mod:`extractors.sections`,
:mod:`extractors.fields`). Styles run from coarse to fine, the order in which documents nest
them: 第一部分 above 一、 above （一） above 1. above （1） above ①.
"""

from __future__ import annotations

import re

from normalizers.numerals import cn_to_int

CN_DIGITS = "一二三四五六七八九十"

PART = re.compile(rf"^\s*第[{CN_DIGITS}\d]{{1,3}}(?:部分|章|节|篇|编)\s*")
CN = re.compile(rf"^\s*[{CN_DIGITS}]{{1,3}}\s*[、.．]\s*")
PAREN_CN = re.compile(rf"^\s*[（(]\s*[{CN_DIGITS}]{{1,3}}\s*[)）]\s*[、.．]?\s*")
NUM = re.compile(r"^\s*\d{1,2}\s*[.．、](?!\d)\s*")
PAREN_NUM = re.compile(r"^\s*[（(]\s*\d{1,2}\s*[)）]\s*")
CIRCLED = re.compile(r"^\s*[①-⑳]\s*")

HEADING_STYLES: list[tuple[str, re.Pattern[str]]] = [
    ("part", PART),
    ("cn", CN),
    ("paren_cn", PAREN_CN),
    ("num", NUM),
    ("paren_num", PAREN_NUM),
    ("circled", CIRCLED),
]
RANK = {style: rank for rank, (style, _) in enumerate(HEADING_STYLES)}

_NUMBER = re.compile(rf"^\s*(?:第|[（(])?\s*([{CN_DIGITS}\d]{{1,3}}|[①-⑳])")


def heading_numbering(
    text: str, styles: list[tuple[str, re.Pattern[str]]] = HEADING_STYLES
) -> tuple[str | None, str]:
    """(style, text after the numbering); style None for an unnumbered line."""
    for style, pattern in styles:
        m = pattern.match(text)
        if m:
            return style, text[m.end() :]
    return None, text


def heading_number(text: str) -> int | None:
    """The number of a numbered line (三、 → 3, （2） → 2, ④ → 4), None where it has none."""
    m = _NUMBER.match(text)
    if m is None:
        return None
    token = m.group(1)
    return ord(token) - ord("①") + 1 if "①" <= token <= "⑳" else cn_to_int(token)
