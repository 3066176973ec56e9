"""Traditional → simplified Chinese, for reading and matching.

Some bureaus (and mirrors of their pages) publish guides in traditional characters
(申請材料, 辦理時限, 生育津貼申報). Labels, vocabulary and the catalog are simplified, so
text is converted before it is read or matched; the published values keep the document's
own writing. Conversion is OpenCC's ``t2s`` (characters and phrases), loaded once.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import opencc


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """``text`` in simplified characters (unchanged where it already is)."""
    if not text or text.isascii():
        return text
    return _converter().convert(text)


# Reposting sites write readings into the text: 事項(xiàng)名稱, 申領(lǐng); a PDF copy may leave a
# space inside the brackets (社会(huì )).
READING = re.compile(r"[(（] ?[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,8} ?[)）]")


def without_readings(text: str) -> str:
    """``text`` without pinyin readings written into it (申領(lǐng) → 申領)."""
    return READING.sub("", text)


def without_readings_at(text: str) -> tuple[str, list[int]]:
    """``text`` without pinyin readings, and the index in ``text`` of each character kept
    (so a span of the result can be cut from the text as written)."""
    keep: list[int] = []
    last = 0
    for m in READING.finditer(text):
        keep.extend(range(last, m.start()))
        last = m.end()
    keep.extend(range(last, len(text)))
    return "".join(text[i] for i in keep), keep
