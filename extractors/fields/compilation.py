"""A compilation of several items run together in one paragraph: ``一、名称: 要求时限:…
办理所需资料: 1、… 二、名称要求时限:…``. Such a paragraph is cut into the lines a guide would
have written, so the fields reader sees each item's heading and its field labels.

What is relied on is the structure of any guide: item headings numbered 一、二、三… in order,
each written after a space (or opening the paragraph), and field labels from the vocabulary
closed by a colon.
"""

from __future__ import annotations

import re
from functools import cache

from govguide.core.vocabulary import vocabulary
from normalizers.numerals import simple_cn_to_int

# An item heading inside running text: 一、 … 十、 at the start or after a space.
_HEADING = re.compile(r"(?:^|(?<=\s))([一二三四五六七八九十]{1,2})、")
# At least this many headings in order make a compilation (two could be a sentence's list).
_MIN_ITEMS = 3


@cache
def _label_pattern() -> re.Pattern[str]:
    """Any field label of the vocabulary directly before a colon, longest first."""
    labels = sorted({w for ws in vocabulary()["fields"].values() for w in ws}, key=len, reverse=True)
    return re.compile("(" + "|".join(re.escape(w) for w in labels) + ")[:：]")


def _headings(text: str) -> list[int]:
    """Where the run of item headings numbered 1, 2, 3… starts each item, or []."""
    starts: list[int] = []
    for m in _HEADING.finditer(text):
        if simple_cn_to_int(m.group(1)) == len(starts) + 1:
            starts.append(m.start())
    return starts if len(starts) >= _MIN_ITEMS else []


def is_compilation(text: str) -> bool:
    """Whether ``text`` runs several numbered items together in one paragraph."""
    return bool(_headings(text))


def split_compilation(text: str) -> list[tuple[str, bool]]:
    """``text`` cut before each item heading and before each field label, each part with
    whether it is an item's heading; ``[(text, False)]`` where ``text`` is no compilation."""
    starts = _headings(text)
    if not starts:
        return [(text, False)]
    out = [(text[: starts[0]].strip(), False)]
    for a, b in zip(starts, [*starts[1:], len(text)], strict=True):
        item = text[a:b]
        cuts = [m.start() for m in _label_pattern().finditer(item) if m.start() > 0]
        for c, d in zip([0, *cuts], [*cuts, len(item)], strict=True):
            part = item[c:d].strip()
            # The colon after an item's name (一、…参保登记:) only leads to its fields.
            out.append((part.rstrip(":：") if c == 0 else part, c == 0))
    return [(s, h) for s, h in out if s]
