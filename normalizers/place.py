"""Where a document comes from: province and, for local documents, the city/county.

Province comes from the place names a document writes about itself (its title, the
implementing body, the first lines), resolved with cpca's national table of administrative
divisions (:mod:`normalizers.divisions`), so 柳州市柳江区医疗保障局 → 广西 even though the text never says 广西. Region is
the local authority that issues the guide (柳州市柳江区, 酉阳自治县), read from an issuing body
such as ``…医疗保障局``; a province-level document has none.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from normalizers.provinces import MAINLAND, MUNICIPALITIES, SHORT_OF_FULL

_PROVINCE_WORD = re.compile(
    "(" + "|".join(MAINLAND) + ")"
    # 香港/澳门/台湾 appear in mainland guides as residents' origins (港澳台居民), not as issuers.
    r"(?!居民|人员|同胞|地区)"
)
_ISSUER = re.compile(
    r"([\u4e00-\u9fff]{2,6}?(?:市|州|盟|地区)[\u4e00-\u9fff]{1,7}?(?:自治县|自治旗|县|区|市|旗)"
    r"|[\u4e00-\u9fff]{2,7}?(?:自治县|自治旗|县|区|旗)"
    r"|[\u4e00-\u9fff]{2,5}?(?:市|州))"
    r"(?=医疗保障|医保|人力资源和社会保障|人社|行政审批|人民政府|政务服务|社会保险)"
)
_NOT_PLACES = ("全市", "全省", "全区", "本市", "我市", "各市", "省市", "县市", "统筹区", "自治区")


def short_province(name: str) -> str:
    """广西壮族自治区 → 广西, 浙江省 → 浙江, 重庆市 → 重庆."""
    if name in SHORT_OF_FULL:
        return SHORT_OF_FULL[name]
    return re.sub(r"(省|市|自治区)$", "", name)


def province_of(text: str) -> str | None:
    """The province a place name belongs to (``柳州市柳江区`` → 广西), or None."""
    m = _PROVINCE_WORD.match(text)
    if m:
        return m.group(1)
    from normalizers.divisions import province_of_place  # loads the table on first use

    prov = province_of_place(text)
    return short_province(prov) if prov else None


def detect_region(texts: list[str]) -> str | None:
    """The local issuing authority (city/county) named in the given texts, if any."""
    for text in texts:
        for m in _ISSUER.finditer(text):
            name = m.group(1)
            if any(name.startswith(p) or name == p for p in _NOT_PLACES):
                continue
            if name.endswith("区") and "省" in name:
                continue
            if short_province(name) in MUNICIPALITIES:
                continue  # 重庆市 … are provinces, not regions
            return name
    return None


def detect_province(texts: list[str]) -> str | None:
    """The province most named in the given texts (title first: it counts double)."""
    votes: Counter[str] = Counter()
    for i, text in enumerate(texts):
        for m in _PROVINCE_WORD.finditer(text):
            votes[m.group(1)] += 2 if i == 0 else 1
    if votes:
        return votes.most_common(1)[0][0]
    for text in texts:
        region = detect_region([text])
        if region:
            prov = province_of(region)
            if prov:
                return prov
    return None


_PLACE_SUFFIX = re.compile(r"(?:特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|自治旗|地区|省|市|州|盟|县|区|旗)$")
_LOCAL_WORDS = ("我市", "本市", "全市", "我省", "本省", "全省", "我区", "本区", "我县", "本县")


@cache
def _place_names() -> frozenset[str]:
    """Every division's name and its short form (苏州市, 苏州; 呼和浩特市, 呼和浩特), from
    cpca's national table; short forms of one character are left out (they are words)."""
    from normalizers.divisions import division_names

    names: set[str] = set(_LOCAL_WORDS)
    for name in division_names():
        names.add(name)
        short = _PLACE_SUFFIX.sub("", name)
        if len(short) >= 2:
            names.add(short)
    for province in MAINLAND:
        names.update({province, province + "省", province + "市"})
    return frozenset(names)


def leading_place(text: str) -> str:
    """The longest place name ``text`` starts with (三亚市城乡居民医保 → 三亚市; 浙江灵活就业 →
    浙江), or "" when it starts with none."""
    names = _place_names()
    for n in range(min(len(text), 12), 1, -1):
        if text[:n] in names:
            return text[:n]
    return ""


def trailing_place(text: str) -> str:
    """The longest place name ``text`` ends with (职工医保转出长沙 → 长沙), or ""."""
    names = _place_names()
    for n in range(min(len(text) - 1, 12), 1, -1):
        if text[-n:] in names:
            return text[-n:]
    return ""


def strip_leading_places(text: str) -> str:
    """``text`` without the place names it starts with (江苏省苏州市医保零星报销 → 医保零星报销;
    呼和浩特生育保险报销 → 生育保险报销), longest name first. Text that is nothing but a
    place name is returned unchanged."""
    names = _place_names()
    rest = text
    # 在乌鲁木齐如何申领…: a question names the place with 在 before it.
    if rest.startswith("在") and any(rest[1 : 1 + n] in names for n in range(2, min(len(rest) - 1, 12) + 1)):
        rest = rest[1:]
    while True:
        for n in range(min(len(rest) - 1, 12), 1, -1):
            if rest[:n] in names:
                rest = rest[n:]
                break
        else:
            return rest or text
