"""The province of a place name, from cpca's table of China's administrative divisions.

cpca resolves ``柳州市柳江区`` to 广西壮族自治区 / 柳州市 / 柳江区, but importing it costs more
than extracting a small guide: its import loads setuptools' ``pkg_resources`` only to open
its own table. govguide needs one answer, the province, so this module reads the same table
(``cpca/resources/adcodes.csv``, found without importing cpca) and matches with cpca's rules
(cpca 0.5.5, pinned):

* every division is known by its name and by its name without 省/市/特别行政区/自治区
  (广西壮族自治区 also as 广西, …), later divisions of the table taking over a shorter name
  an earlier one registered, as cpca's matcher does;
* the text is scanned with an Aho-Corasick automaton (pyahocorasick, cpca's own matcher);
  of a short and a full name starting at the same place the full one counts, and of
  overlapping names the one ending first;
* the first name found decides the province: the first division of that name in the table
  (cpca narrows later names to the first one's province, so they cannot change it).

Tests compare :func:`province_of_place` with cpca on every division, every city and county
pair, and names inside running text.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ahocorasick

_STOP = re.compile("([省市]|特别行政区|自治区)$")
_SPECIAL_SHORT = {
    "内蒙古自治区": "内蒙古",
    "广西壮族自治区": "广西",
    "西藏自治区": "西藏",
    "新疆维吾尔自治区": "新疆",
    "宁夏回族自治区": "宁夏",
}


@dataclass(frozen=True)
class _Division:
    name: str
    adcode: str  # the six digits of province, city and county


class _Divisions:
    def __init__(self, rows: list[tuple[str, str]]) -> None:
        self.names = {code: name for code, name in rows}  # full 12-digit code -> name
        words: dict[str, tuple[str, list[_Division]]] = {}
        for code, name in rows:
            entry = words.get(name)
            if entry is None:
                shared: list[_Division] = []
                short = _SPECIAL_SHORT.get(name) or _STOP.sub("", name)
                # A name and its short form share one list of divisions; a short form
                # registered before is taken over, as cpca's matcher does.
                words[short] = (short, shared)
                words[name] = (name, shared)
                entry = words[name]
            entry[1].append(_Division(name, code[:6]))
        self.automaton = ahocorasick.Automaton()
        for word, value in words.items():
            self.automaton.add_word(word, value)
        self.automaton.make_automaton()

    def matches(self, text: str) -> Iterator[list[_Division]]:
        """The divisions of each name found in ``text``, in cpca's order."""
        prev: list[_Division] | None = None
        prev_start = prev_end = None
        for end, (word, divisions) in self.automaton.iter(text):
            start = end - len(word) + 1
            if prev_end is not None and end <= prev_end:
                continue
            if prev is not None:
                if start == prev_start:  # the full name after its short form
                    yield divisions
                    prev = None
                else:
                    yield prev
                    prev = divisions
            else:
                prev = divisions
            prev_start, prev_end = start, end
        if prev is not None:
            yield prev


@cache
def _rows() -> list[tuple[str, str]]:
    """(adcode, name) of every division in cpca's table, read without importing cpca."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("cpca is not installed", name="cpca")
    table = Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"
    with open(table, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        code_at, name_at = header.index("adcode"), header.index("name")
        return [(row[code_at], row[name_at]) for row in reader if row]


@cache
def _divisions() -> _Divisions:
    return _Divisions(_rows())


def division_names() -> list[str]:
    """The name of every administrative division (柳州市, 柳江区, 酉阳土家族苗族自治县 …)."""
    return [name for _, name in _rows()]


def province_of_place(text: str) -> str | None:
    """The full name of the province of the first division named in ``text``
    (``柳州市柳江区`` → 广西壮族自治区), or None when it names none."""
    if not isinstance(text, str) or not text:
        return None
    divisions = _divisions()
    first = next(divisions.matches(text), None)
    if first is None:
        return None
    return divisions.names.get(first[0].adcode[:2] + "0" * 10)
