"""Word's automatic list numbering, rendered as the reader sees it.

Compilations of guides are often written with Word's list numbering: the "一、" before
事项名称 or the "1." before each material is not in the paragraph's text but computed by
Word from ``numbering.xml``, and python-docx's ``paragraph.text`` leaves it out. Without it
the headings of a sections layout and the entries of a materials list arrive unnumbered.
:class:`ListLabels` computes each numbered paragraph's label in document order.

What is rendered: the paragraph's list (its own ``w:numPr`` or its style's, through
``basedOn``), the level's start, number format (decimal, 一二三, 壹贰叁, ①②③, 甲乙丙,
letters, roman numerals, bullets) and label text (``%1、``, ``（%2）``, ``%1.%2``), counters
per list (lists that share an abstract definition continue each other unless one restarts
with ``startOverride``), deeper levels restarting under a new entry, and the suffix
after the label (a tab or space becomes a space).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from govguide.core.numbering import CIRCLED_DIGITS

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PLACEHOLDER = re.compile(r"%([1-9])")
# Word draws circled numbers up to 20 and writes larger ones in plain digits.
_CIRCLED = CIRCLED_DIGITS[:20]
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]  # fmt: skip


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str
    suffix: str  # tab, space or nothing
    legal: bool  # isLgl: every placeholder decimal


def _val(element: Any, tag: str) -> str | None:
    found = element.find(f"{_W}{tag}") if element is not None else None
    return found.get(f"{_W}val") if found is not None else None


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _chinese(n: int, upper: bool = False) -> str:
    import cn2an

    return str(cn2an.an2cn(n, "up" if upper else "low"))


def _letters(n: int) -> str:
    # Word repeats the letter: a … z, aa … zz.
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in _ROMAN:
        while n >= value:
            out += numeral
            n -= value
    return out


def format_number(n: int, fmt: str) -> str:
    """``n`` in Word's number format ``fmt`` (``w:numFmt``); unknown formats as decimal."""
    if n <= 0 and fmt not in ("decimal", "decimalZero"):
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "taiwaneseCountingThousand", "ideographDigital", "japaneseCounting"):  # fmt: skip
        return _chinese(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return _chinese(n, upper=True)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt == "ideographTraditional" and n <= len(_STEMS):
        return _STEMS[n - 1]
    if fmt == "ideographZodiac" and n <= len(_ZODIAC):
        return _ZODIAC[n - 1]
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "none":
        return ""
    return str(n)


class ListLabels:
    """Labels of a document's numbered paragraphs; call :meth:`label` in document order."""

    def __init__(self, document: Any) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstract, starts)
        self._style_num: dict[str, tuple[str | None, int | None]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._done: dict[Any, str] = {}  # paragraph element → its label (read once)
        numbering = _numbering_element(document)
        if numbering is not None:
            self._read_numbering(numbering)
        self._read_styles(document)

    def _read_numbering(self, numbering: Any) -> None:
        for abstract in numbering.iter(f"{_W}abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in abstract.iter(f"{_W}lvl"):
                levels[_int(lvl.get(f"{_W}ilvl"), 0)] = _Level(
                    start=_int(_val(lvl, "start"), 0),
                    fmt=_val(lvl, "numFmt") or "decimal",
                    text=_val(lvl, "lvlText") or "",
                    suffix=_val(lvl, "suff") or "tab",
                    legal=lvl.find(f"{_W}isLgl") is not None,
                )
            self._abstract[abstract.get(f"{_W}abstractNumId") or ""] = levels
        for num in numbering.iter(f"{_W}num"):
            starts = {
                _int(o.get(f"{_W}ilvl"), 0): _int(_val(o, "startOverride"), 1)
                for o in num.iter(f"{_W}lvlOverride")
                if o.find(f"{_W}startOverride") is not None
            }
            self._nums[num.get(f"{_W}numId") or ""] = (_val(num, "abstractNumId") or "", starts)

    def _read_styles(self, document: Any) -> None:
        try:
            styles = document.styles.element
        except (AttributeError, KeyError, ValueError):
            return
        based: dict[str, str] = {}
        own: dict[str, tuple[str | None, int | None]] = {}
        for style in styles.iter(f"{_W}style"):
            sid = style.get(f"{_W}styleId") or ""
            parent = _val(style, "basedOn")
            if parent:
                based[sid] = parent
            ppr = style.find(f"{_W}pPr")
            numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
            if numpr is not None:
                ilvl = _val(numpr, "ilvl")
                own[sid] = (_val(numpr, "numId"), int(ilvl) if ilvl is not None else None)
        for sid in set(based) | set(own):
            seen: set[str] = set()
            current: str | None = sid
            while current is not None and current not in own and current not in seen:
                seen.add(current)
                current = based.get(current)
            if current is not None and current in own:
                self._style_num[sid] = own[current]

    def _list_of(self, p: Any) -> tuple[str, int] | None:
        ppr = p.find(f"{_W}pPr")
        num_id: str | None = None
        ilvl: int | None = None
        if ppr is not None:
            numpr = ppr.find(f"{_W}numPr")
            if numpr is not None:
                num_id = _val(numpr, "numId")
                ilvl_text = _val(numpr, "ilvl")
                ilvl = int(ilvl_text) if ilvl_text is not None else None
            style = _val(ppr, "pStyle")
            if style is not None and style in self._style_num:
                style_num, style_lvl = self._style_num[style]
                num_id = num_id if num_id is not None else style_num
                ilvl = ilvl if ilvl is not None else style_lvl
        if num_id is None or num_id == "0" or num_id not in self._nums:
            return None
        return num_id, ilvl or 0

    def label(self, p: Any) -> str:
        """The label Word shows before paragraph element ``p`` ("" if none), counted in the
        order paragraphs are first asked for; asking again gives the same label."""
        if p in self._done:
            return self._done[p]
        found = self._list_of(p)
        text = ""
        if found is not None:
            text = self._advance(*found)
        self._done[p] = text
        return text

    def _advance(self, num_id: str, ilvl: int) -> str:
        abstract_id, starts = self._nums[num_id]
        levels = self._abstract.get(abstract_id, {})
        level = levels.get(ilvl)
        if level is None:
            return ""
        # A list that restarts its numbering counts on its own; others share the abstract's.
        key = f"num:{num_id}" if starts else f"abstract:{abstract_id}"
        counters = self._counters.setdefault(key, {})
        start = starts.get(ilvl, level.start)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def placeholder(m: re.Match[str]) -> str:
            at = int(m.group(1)) - 1
            lvl = levels.get(at)
            if lvl is None:
                return ""
            value = counters.get(at, starts.get(at, lvl.start))
            return format_number(value, "decimal" if level.legal else lvl.fmt)

        if level.fmt == "bullet":
            text = level.text
        else:
            text = _PLACEHOLDER.sub(placeholder, level.text)
        if not text:
            return ""
        return text + ("" if level.suffix == "nothing" else " ")


def _numbering_element(document: Any) -> Any:
    try:
        return document.part.numbering_part.element
    except (AttributeError, KeyError, NotImplementedError, ValueError):
        return None
