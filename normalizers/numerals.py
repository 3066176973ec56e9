"""Numbers as the guides write them: Arabic (35, full-width ３５) or Chinese (十五, 一百零二).

:data:`NUMBER` is the regex fragment the other normalisers embed to find such a number in
running text; :func:`cn_to_int` turns the matched text into an int.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from types import ModuleType

# Characters a Chinese numeral may be written with (lower-case, financial and 廿/卅 forms).
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟廿卅"

# A number inside running text: Arabic (half- or full-width) or a run of Chinese numerals.
# Only the common lower-case forms: 万/亿 and financial digits never count days or articles.
NUMBER = r"[0-9０-９]+|[零〇一二两三四五六七八九十百千]+"

_ARABIC = re.compile(r"[+-]?[0-9]+", re.ASCII)
# What cn2an is asked about: Chinese numerals, optionally mixed with digits (1万) or a sign.
_CONVERTIBLE = re.compile(rf"负?[0-9.{_CN_DIGITS}点]+")

# The numbers guides write for days and articles, in their one standard form: 0-9, 10-99
# (十五, 二十, 一十二) and 100-999 (一百, 三百零五, 一百二十, 一百二十三). Read here without
# cn2an, whose import costs more than extracting a small guide; anything else goes to cn2an.
# Tests compare the two on every string of up to four numeral characters.
_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
          "七": 7, "八": 8, "九": 9}  # fmt: skip
_D = "一二三四五六七八九"
_SIMPLE = re.compile(
    rf"(?P<digit>[零〇{_D}两])"
    rf"|(?P<tens>[{_D}]?)十(?P<ones>[{_D}]?)"
    rf"|(?P<hundreds>[{_D}])百(?:零(?P<h_ones>[{_D}])|(?P<h_tens>[{_D}])十(?P<h_tens_ones>[{_D}]?))?"
)


def simple_cn_to_int(s: str) -> int | None:
    """The value of ``s`` when it is a standard Chinese numeral below 1000, else None."""
    m = _SIMPLE.fullmatch(s)
    if m is None:
        return None
    d = {k: _DIGIT[v] for k, v in m.groupdict().items() if v}
    if m["digit"]:
        return d["digit"]
    if m["hundreds"]:
        return d["hundreds"] * 100 + d.get("h_ones", 0) + d.get("h_tens", 0) * 10 + d.get(
            "h_tens_ones", 0
        )
    return d.get("tens", 1) * 10 + d.get("ones", 0)


@cache
def _cn2an() -> ModuleType:  # imported on first use: its import alone takes a tenth of a second
    import cn2an

    return cn2an


def cn_to_int(text: str) -> int | None:
    """The integer ``text`` writes, or None when it is not one whole number.

    ``'十五'`` → 15, ``'一百零二'`` → 102, ``'35'`` → 35, ``'３５'`` → 35, ``'两'`` → 2;
    ``'一点五'``, ``'第五'``, ``''`` → None. Never raises.
    """
    if not isinstance(text, str):
        return None
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    if not s:
        return None
    if _ARABIC.fullmatch(s):
        return int(s)
    simple = simple_cn_to_int(s)
    if simple is not None:
        return simple
    if not _CONVERTIBLE.fullmatch(s):
        return None
    try:
        value = _cn2an().cn2an(s, "smart")
    except Exception:  # cn2an signals "not a number" with assorted exception types
        return None
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    return int(value) if isinstance(value, int) else None
