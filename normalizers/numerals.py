"""Numbers as the guides write them: Arabic (35, full-width ３５) or Chinese (十五, 一百零二).

:data:`NUMBER` is the regex fragment the other normalisers embed to find such a number in
running text; :func:`cn_to_int` turns the matched text into an int.
"""

from __future__ import annotations

import re
import unicodedata

import cn2an

# Characters a Chinese numeral may be written with (lower-case, financial and 廿/卅 forms).
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟廿卅"

# A number inside running text: Arabic (half- or full-width) or a run of Chinese numerals.
# Only the common lower-case forms: 万/亿 and financial digits never count days or articles.
NUMBER = r"[0-9０-９]+|[零〇一二两三四五六七八九十百千]+"

_ARABIC = re.compile(r"[+-]?[0-9]+", re.ASCII)
# What cn2an is asked about: Chinese numerals, optionally mixed with digits (1万) or a sign.
_CONVERTIBLE = re.compile(rf"负?[0-9.{_CN_DIGITS}点]+")


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
    if not _CONVERTIBLE.fullmatch(s):
        return None
    try:
        value = cn2an.cn2an(s, "smart")
    except Exception:  # cn2an signals "not a number" with assorted exception types
        return None
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    return int(value) if isinstance(value, int) else None
