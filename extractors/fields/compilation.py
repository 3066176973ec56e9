"""A compilation of several items run together in one paragraph: ``一、名称: 要求时限:…
办理所需资料: 1、… 二、名称要求时限:…``. Such a paragraph is cut into the lines a guide would
have written, so the fields reader sees each item's heading and its field labels.

What is relied on is the structure of any guide: item headings numbered 一、二、三… in order,
each written after a space (or opening the paragraph), and field labels from the vocabulary
closed by a colon.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from govguide.core.vocabulary import match_field, vocabulary
from normalizers.item_title import act_of
from normalizers.numerals import simple_cn_to_int
from normalizers.script import to_simplified

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
    """Where the run of item headings numbered 1, 2, 3… starts each item, or []. Two headings
    make a compilation only where each names an act and opens groups of its own (一、参保登记
    (一)… 二、参保变更 (一)…): a sentence's list of two names no act (一、携带身份证 二、填写申请表)."""
    starts = _runs_in_order(list(_HEADING.finditer(text)), simple_cn_to_int)
    if len(starts) == 2 and all(_item_with_groups(text[a:]) for a in starts):
        return starts
    return starts if len(starts) >= _MIN_ITEMS else []


_ITEM_WITH_GROUPS = re.compile(r"^[一二三四五六七八九十]{1,2}、\s*([\u4e00-\u9fff]{2,12})\s+[(（]一[)）]")


def _item_with_groups(text: str) -> bool:
    m = _ITEM_WITH_GROUPS.match(text)
    return m is not None and act_of(m.group(1)) is not None


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
            if c == 0 and _item_with_groups(part):
                # 一、参保登记 (一)单位参保须持… (二)…: the item's name, then each group on a line.
                out.extend(_groups_cut(part))
                continue
            # The colon after an item's name (一、…参保登记:) only leads to its fields.
            out.append((part.rstrip(":：") if c == 0 else part, c == 0))
    return [(s, h) for s, h in out if s]


_GROUP_IN_RUN = re.compile(r"(?<=\s)[(（][一二三四五六七八九十]{1,2}[)）]")


def _groups_cut(part: str) -> list[tuple[str, bool]]:
    """An item's heading run together with its groups, cut before each group."""
    cuts = [m.start() for m in _GROUP_IN_RUN.finditer(part)]
    pieces = [part[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(part)], strict=True)]
    return [(p, k == 0) for k, p in enumerate(pieces)]


# One guide run together in one paragraph (a page copied without its line breaks):
# 一、事项名称:…二、服务对象:(一)…;(二)…三、办理方式:… Its section labels are numbered
# 一、二、三… in order, each a short phrase closed by a colon; inside a section, groups
# (一)(二)… and entries 1. 2. … follow in order too.
_RUN_LABEL = re.compile(r"([一二三四五六七八九十]{1,2})、\s*([\u4e00-\u9fff]{2,10})[:：]")
_RUN_GROUP = re.compile(r"[(（]([一二三四五六七八九十]{1,2})[)）]")
_RUN_ENTRY = re.compile(r"(?<![\d.．\-—~～至])(\d{1,2})[.．、](?!\d)")
_RUN_MIN_CHARS = 150  # a line this long holding labels in order is a run-together guide
_RUN_MIN_FIELDS = 2  # of its labels, at least this many name fields of the vocabulary


def _runs_in_order(
    matches: list[re.Match[str]], value_of: Callable[[str], int | None], *, gap: int = 0
) -> list[int]:
    """Start offsets of the matches numbered 1, 2, 3… in order (others are skipped); ``gap``
    numbers may be missing between two (a label mistyped 四四、 leaves 五、 after 三、)."""
    starts: list[int] = []
    last = 0
    for m in matches:
        value = value_of(m.group(1))
        if value is not None and last < value <= last + 1 + (gap if starts else 0):
            starts.append(m.start())
            last = value
    return starts


def _label_number(s: str) -> int | None:
    # 四四、 is 四、 typed twice.
    return simple_cn_to_int(s[0] if len(s) == 2 and s[0] == s[1] else s)


def _label_starts(text: str) -> list[int]:
    if len(text) < _RUN_MIN_CHARS:
        return []
    matches = list(_RUN_LABEL.finditer(text))
    starts = _runs_in_order(matches, _label_number, gap=1)
    labelled = {m.start() for m in matches if m.start() in starts and match_field(m.group(2))}
    return starts if len(starts) >= _MIN_ITEMS and len(labelled) >= _RUN_MIN_FIELDS else []


def split_guide_run(text: str) -> list[str]:
    """``text`` cut before each numbered section label and, inside a section, before each
    group (一)(二)… and each entry 1. 2. … numbered in order; ``[text]`` where it is no run."""
    starts = _label_starts(text)
    if not starts:
        return [text]
    out = [text[: starts[0]].strip()]
    for a, b in zip(starts, [*starts[1:], len(text)], strict=True):
        out.extend(_split_section(text[a:b]))
    return [s for s in out if s]


def _split_section(section: str) -> list[str]:
    groups = _runs_in_order(list(_RUN_GROUP.finditer(section)), simple_cn_to_int)
    cuts: list[int] = []
    for a, b in zip([0, *groups], [*groups, len(section)], strict=True):
        if a:
            cuts.append(a)
        part = section[a:b]
        entries = _runs_in_order(list(_RUN_ENTRY.finditer(part)), int)
        # One numbered entry alone is no list (a date, 1—4页).
        if len(entries) >= 2:
            cuts.extend(a + e for e in entries if e > 0)
    return _cut(section, cuts)


def _cut(text: str, cuts: list[int]) -> list[str]:
    """``text`` cut at each offset of ``cuts``, the pieces stripped."""
    bounds = sorted(set(cuts) - {0})
    return [text[a:b].strip() for a, b in zip([0, *bounds], [*bounds, len(text)], strict=True)]


# A page copied into one line with spaces for its line breaks: 报销材料 女职工生育费报销材料
# 1、… 2、… — labels standing alone between spaces, entries numbered 1、2、3… after a space.
_SPACED_ENTRY = re.compile(r"(?:^|(?<=\s))(\d{1,2})[、.．](?!\d)")
_SPACED_TOKEN = re.compile(r"(?:^|(?<=\s))([^\s]{2,16})(?=\s)")


def split_spaced_run(text: str) -> list[str]:
    """``text`` cut before each numbered entry and each field label that stands alone between
    spaces, where a long line holds both; ``[text]`` otherwise."""
    if len(text) < _RUN_MIN_CHARS:
        return [text]
    entries = [m.start() for m in _SPACED_ENTRY.finditer(text)]
    labels = [
        m.start() for m in _SPACED_TOKEN.finditer(text)
        if match_field(to_simplified(m.group(1))) is not None
    ]
    if len(entries) < _MIN_ITEMS or not labels:
        return [text]
    return [p for p in _cut(text, [*entries, *labels]) if p]
