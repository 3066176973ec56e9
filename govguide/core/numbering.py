"""How guides number their headings and list entries: the one definition every reader uses.

The pieces are regular-expression source (plain strings, no groups, not anchored), so each
reader composes the shapes it accepts into its own pattern: anchored at a line start (a
heading, an entry), searched inside a line (entries run together), or at a line end (the
marker of the next entry left behind). Shapes, coarsest first, in the order documents nest
them::

    part       第一部分  第二章  第三节
    cn         一、          (a heading may also write 一. / 一．)
    paren_cn   （一）  (一)
    num        1.  1．  1、  (a list entry may also write 1） / 1))
    paren_num  （1）  (1)
    circled    ①  …  ⑳  ㉑  …  ㉟  ㊱  …  ㊿
    bullet     -  •  ·  ●  ▪  ■  ◆  ◇  ○   (—— in lists of materials)

Numbers written in digits take one or two digits, never the tail of a longer number: the
longest list in the sample and test documents has nine entries, while a three-digit number at
the start of a line or before 、 is a quantity or a code (100、200元; 132 036 001 item codes),
and taking it for a marker splits a wrapped line or cuts a citation short. A digit right
after the mark (1.5, 1、2、3) continues a number and is no marker either. Serial cells of a
table are not list markers: see :data:`SERIAL`.

This module is text only (no imports from the packages above ``govguide.core``): heading
labels are cleaned in :mod:`govguide.core.vocabulary` with it, and
:mod:`normalizers.numbering` builds the compiled styles and reads numbers from it.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- characters

CN_DIGITS = "一二三四五六七八九十"
CN_NUMBER = f"[{CN_DIGITS}]{{1,3}}"  # 一 … 九十九
ARABIC_NUMBER = r"(?<!\d)\d{1,2}(?!\d)"  # 1 … 99, see the module's note on three digits

# Circled numbers live in three Unicode runs: ①–⑳ (U+2460), ㉑–㉟ (U+3251), ㊱–㊿ (U+32B1).
_CIRCLED_RUNS = ((0x2460, 1, 20), (0x3251, 21, 35), (0x32B1, 36, 50))
CIRCLED_DIGITS = "".join(
    chr(base + n - first) for base, first, last in _CIRCLED_RUNS for n in range(first, last + 1)
)
CIRCLED = "[①-⑳㉑-㉟㊱-㊿]"

OPEN = "[（(]"
CLOSE = "[)）]"
BULLET = "[-•·●▪■◆◇○]"
# A doubled dash opens the entries of office lists (——退休审批表；——养老保险手册) as a bullet does;
# only lists of materials read it so (in prose it is a dash).
DASH_BULLET = "——"

# --------------------------------------------------------------------------- marker shapes

PART = rf"第[{CN_DIGITS}\d]{{1,3}}(?:部分|章|节|篇|编)"
CN = rf"{CN_NUMBER}\s*、"
CN_DOT = rf"{CN_NUMBER}\s*[.．]"  # 一. : a heading's variant of 一、
PAREN_CN = rf"{OPEN}\s*{CN_NUMBER}\s*{CLOSE}"
NUM_DOT = rf"{ARABIC_NUMBER}\s*[.．](?!\d)"
NUM_DUN = rf"{ARABIC_NUMBER}\s*、(?!\d)"
NUM_HALF_PAREN = rf"{ARABIC_NUMBER}\s*{CLOSE}(?!\d)"  # 1） : a list entry's variant
PAREN_NUM = rf"{OPEN}\s*{ARABIC_NUMBER}\s*{CLOSE}"

# The two levels documents nest: sections and sub-sections (第一部分, 一、, （一）) above the
# entries of a list (1., 1、, 1）, （1）, ①), which are never a section's heading.
SECTION_LEVEL = "|".join((PART, CN, CN_DOT, PAREN_CN))
LIST_LEVEL = "|".join((NUM_DOT, NUM_DUN, NUM_HALF_PAREN, PAREN_NUM, CIRCLED))

# A marker that numbers a list entry in running text, longest shapes first so that （1） is
# read whole. Not the variants 一. and 1）: a reader takes those only where it expects them.
ENTRY_MARKER = "|".join((PAREN_CN, PAREN_NUM, CIRCLED, CN, NUM_DOT, NUM_DUN))

# What a table's 序号 (serial) cell holds: 1, 1., 1-2, (1), 一, ①. Table rows are counted,
# not listed, and a catalogue of items counts past 99, hence three digits here.
SERIAL = rf"{OPEN}?\s*(?:\d{{1,3}}(?:[.．\-－]\d{{1,3}})*|{CN_NUMBER}|{CIRCLED})\s*[)）.．、]?"


def entry_marker(style: str, n: int) -> str:
    """The marker of entry ``n`` in ``style``, as regex source: ``circled`` 2 → ②,
    ``paren_num`` 1 → （1） or (1), ``num`` 1 → 1. 1． or 1、."""
    if style == "circled":
        return CIRCLED_DIGITS[n - 1]
    if style == "paren_num":
        return rf"{OPEN}\s*{n}\s*{CLOSE}"
    if style == "num":
        return rf"(?<!\d){n}\s*[.．、](?!\d)"
    raise ValueError(f"no entry marker for style {style!r}")


def circled_value(char: str) -> int | None:
    """The number a circled digit stands for (① → 1, ㉑ → 21, ㊿ → 50), None for any other text."""
    if len(char) != 1:
        return None
    code = ord(char)
    for base, first, last in _CIRCLED_RUNS:
        if base <= code <= base + last - first:
            return first + code - base
    return None
