"""Numbering styles compiled from the pieces of :mod:`govguide.core.numbering`.

- :data:`HEADING_STYLES` and :func:`heading_numbering` for the readers of numbered headings
  (:mod:`extractors.sections`, :mod:`extractors.fields`). Styles run from coarse to fine, the
  order in which documents nest them: 第一部分 above 一、 above （一） above 1. above （1）
  above ①.
- :data:`LIST_STYLES` for the splitter of materials lists, which tells 1. from 1、 apart.
- :data:`LIST_MARKER`: a line that starts a list entry (joining wrapped lines, splitting
  citations).
- :func:`marker_number` reads the number of any marker (三、 → 3, （12） → 12, ㉑ → 21).
"""

from __future__ import annotations

import re

from govguide.core.numbering import (
    ARABIC_NUMBER,
    BULLET,
    CIRCLED,
    CN,
    CN_DIGITS,
    CN_DOT,
    DASH_BULLET,
    NUM_DOT,
    NUM_DUN,
    NUM_HALF_PAREN,
    PAREN_CN,
    PAREN_NUM,
    PART,
    circled_value,
)
from normalizers.numerals import cn_to_int

__all__ = [
    "CN_DIGITS",
    "HEADING_STYLES",
    "NUM_DUN_COUNTED",
    "LIST_MARKER",
    "LIST_STYLES",
    "RANK",
    "heading_number",
    "heading_numbering",
    "marker_number",
]

# 2、2张1寸…照片: at the start of a line, a number after 、 that a word follows is the
# entry's own count (张, 份), not a second number of a range (1、2、3) or a date (7、8月).
NUM_DUN_COUNTED = rf"{ARABIC_NUMBER}\s*、(?=\d{{1,3}}[^\d、，,.．\s月日年号])"

# A heading's numbering takes the white space after it (and （一） a stray 、 or . too).
HEADING_STYLES: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(rf"^\s*{PART}\s*")),
    ("cn", re.compile(rf"^\s*(?:{CN}|{CN_DOT})\s*")),
    ("paren_cn", re.compile(rf"^\s*{PAREN_CN}\s*[、.．]?\s*")),
    ("num", re.compile(rf"^\s*(?:{NUM_DOT}|{NUM_DUN}|{NUM_DUN_COUNTED})\s*")),
    ("paren_num", re.compile(rf"^\s*{PAREN_NUM}\s*")),
    ("circled", re.compile(rf"^\s*{CIRCLED}\s*")),
]
RANK = {style: rank for rank, (style, _) in enumerate(HEADING_STYLES)}

# Entry styles of a list, searched anywhere in a line (entries may run together); longest
# shapes first, so that （1） is not read as 1）. 1. and 1、 are told apart: a list that
# switches mark mid-way is one list only when its numbers run on.
LIST_STYLES: list[tuple[str, re.Pattern[str]]] = [
    ("paren_cn", re.compile(PAREN_CN)),
    ("paren_num", re.compile(PAREN_NUM)),
    ("circled", re.compile(CIRCLED)),
    ("cn_dun", re.compile(CN)),
    ("num_dot", re.compile(NUM_DOT)),
    ("num_dun", re.compile(rf"{NUM_DUN}|{NUM_HALF_PAREN}")),
    ("bullet", re.compile(rf"(?:{DASH_BULLET}|{BULLET})\s*")),
]

# A line that starts a list entry. （一）、（二） followed by 、 or a comma refers to entries
# and starts none; 第一条 is an article, not list numbering.
_NOT_A_REFERENCE = "(?![、，,])"
LIST_MARKER = re.compile(
    rf"^\s*(?:{PAREN_CN}{_NOT_A_REFERENCE}|{PAREN_NUM}{_NOT_A_REFERENCE}"
    rf"|{NUM_DOT}|{NUM_DUN}|{NUM_HALF_PAREN}|{CIRCLED}|{CN}|{BULLET}\s*)"
)

_NUMBER_IN_MARKER = re.compile(rf"{CIRCLED}|\d+|[{CN_DIGITS}]+")


def marker_number(marker: str) -> int | None:
    """The number a marker writes (三、 → 3, （2） → 2, ㉑ → 21, 第十部分 → 10), None for a
    bullet or text without a number."""
    m = _NUMBER_IN_MARKER.search(marker)
    if m is None:
        return None
    token = m.group(0)
    circled = circled_value(token)
    return circled if circled is not None else cn_to_int(token)


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
    style, rest = heading_numbering(text)
    return marker_number(text[: len(text) - len(rest)]) if style is not None else None
