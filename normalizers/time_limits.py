"""Time limits (办理时限): read a limit text into legal and promised days.

A guide states its limit in one of a few shapes, all handled here by meaning rather than by
one document's wording:

- one limit without a label (``5个工作日``, ``不超过二十个工作日``, ``即时办结``): it fills the
  caller's ``default_kind`` (promised, per CONVENTIONS.md);
- labelled limits in one text (``（一）法定时限 不超过5个工作日内 （二）承诺时限 即时办结``,
  ``法定期限：20个工作日；承诺办结时限：5个工作日``);
- conditional limits (``（一）企业：即时办结 （二）机关事业：5个工作日``): one
  :class:`TimeCondition` per branch, and the headline is the longest branch;
- nothing (``无``, ``法律法规未作规定``, ``/``): None without a warning.

Whatever cannot be read as an item limit gives None with a warning: durations of single
process steps (``初审人在5个工作日内审核…复审人员在2个工作日内完成``), limits in months or
hours, a period the applicant has to apply in (``自出生之日起90日内``), and text with no limit
in it. Dates are schedules, never durations (``次月20-25日发放``). A bound whose unit a flattened
table cut off (``不超过 1``) keeps its number in working days, with a warning. Natural days
(``30日``, ``30天``) keep their number with ``days_unit="natural"``; working and natural days
are never mixed silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from govguide.core.models import DaysUnit, LimitStatus, TimeCondition
from govguide.core.numbering import (
    CIRCLED,
    CN,
    CN_DOT,
    ENTRY_MARKER,
    NUM_DOT,
    NUM_DUN,
    PAREN_CN,
    PAREN_NUM,
)
from govguide.core.vocabulary import is_empty_value, words
from normalizers.numbering import LIST_MARKER
from normalizers.numerals import NUMBER, cn_to_int
from normalizers.text import fold_width, strip_html

Kind = Literal["legal", "promised"]

_LABEL_NAMES: dict[Kind, str] = {"legal": "法定时限", "promised": "承诺时限"}


@dataclass(frozen=True)
class TimeLimit:
    """What one time-limit text says (see CONVENTIONS.md "Time limits")."""

    text: str | None = None  # the text, whitespace collapsed as in gold ``time_limit_text``
    legal_days: int | None = None
    promised_days: int | None = None
    conditions: list[TimeCondition] = field(default_factory=list)
    days_unit: DaysUnit = "working"
    warnings: list[str] = field(default_factory=list)


# Matching runs on a copy folded to ASCII punctuation of the *same length*, so a match's
# span can be cut from the text as written (conditions keep the document's own characters).
_FOLD = str.maketrans("（）：；，．～－", "():;,.~-")


def _fold(text: str) -> str:
    return fold_width(text).translate(_FOLD)


# Done on the spot. 立即生效 / 即时生效: a filing made online takes effect at once, with no
# review (提交后自动审核，立即生效), which is a limit of 0 (tests/fixtures/realworld NOTES).
_IMMEDIATE = (
    "即时办结|即时办理|即时办|即时生效|即时|即办件|即办|当场办结|当场办理|当场办|立即办结|立即办理|"
    "立即生效|立等可取|当日办结|当天办结|当日办理|当天办理|当日完成|当天完成|当场完成|现场办结|随到随办|即受即结"
)
_NUM_CHARS = "0-9零〇一二两三四五六七八九十百千"
# One duration. The look-behind keeps dates (10月28日, 十月二十八日) and ordinals
# (第5个工作日) out; a range (3-5个工作日) counts as its upper bound.
_PHRASE = re.compile(
    rf"(?P<now>{_IMMEDIATE})"
    rf"|(?:不超过|不多于|不超出|最长|最多|至多|最迟)?"
    rf"(?<![第月年{_NUM_CHARS}])(?P<n1>{NUMBER})(?:(?:-|~|至|到|—)(?P<n2>{NUMBER}))?"
    # A portal table may put the unit in brackets after the number: 20（工作日）.
    r"(?P<bracket>[（(])?"
    r"(?:(?P<month>个月)|个?(?P<unit>工作日|工作天|自然日|日历日|天|日|周|星期|小时|分钟))"
    r"(?(bracket)[）)])"
)
_UNITS = {
    "工作日": "working",
    "工作天": "working",
    "自然日": "natural",
    "日历日": "natural",
    "天": "natural",
    "日": "natural",
    "周": "week",
    "星期": "week",
    "小时": "hour",
    "分钟": "hour",
}
# Words that only describe internal steps of a process, never an item's overall limit:
# review stages, the decision whether to accept, the notice asking for missing papers
# (一次性告知; 补正 alone also names papers completed, 材料补正齐全的, a condition).
_STEP = re.compile(r"初审|复审|复核|录入|划转|请款|核对|转交|上传|生成|是否受理|一次性告知")
# A calendar date or a span of dates (次月20-25日, 每年9月1日至11月30日, 每月25日前, 每个月的25日
#之前): a schedule, never a duration. Masked before durations are read, so the end of a span
# (25日) is no 25 days.
_DATE = re.compile(
    rf"(?:月的?|年)[{_NUM_CHARS}]{{1,3}}[日号]?(?:(?:-|~|至|到|—)[{_NUM_CHARS}]{{1,3}}[日号])?"
)
_DATE_DAY = re.compile(rf"(?:月的?|年)([{_NUM_CHARS}]{{1,3}})[日号]")
# A former limit that a reform shortened (由20个工作日缩短至10个工作日): only the new one counts.
_SHORTENED = re.compile(r"^(?:内|以内)?(?:缩短|压缩|缩减|减少|减至|降至|降低)")
# A period counted from an event of the applicant's life or business (自出生之日起90日内,
# 出院后90日内, 用工30日内): the time the applicant has to apply, not the time the office takes.
# The event stands right before the number (用工30日内) or is tied to it by 之日起 / 后 / 需在
# (生育津贴20个工作日 names a benefit, not an event).
_APPLICANT_START = re.compile(
    r"(?:出生|用工|生育|分娩|出院|治疗结束|死亡|成立|取得|落户|离职|入职|参保条件)"
    r"(?:[^,;:。\n]{0,4}?(?:之日起|之日|起|后|以后|需在|应在|须在|应当在))?$"
)
# A bound without its unit, as a flattened table cuts a cell (不超过 1), or a grid's bare number
# under its limit label (办理期限(承诺): | 21 |): the number is kept, read in working days, with a
# warning that the unit is missing.
_CUT_BOUND = re.compile(rf"^(?:(?:不超过|不多于|最长|最多|至多)\s*)?(?P<n>{NUMBER})$")
_NULL = re.compile(
    r"未作?出?(明确)?规定|无(明确)?规定|没有(明确)?规定|不作规定|不适用|不涉及"
    r"|^无(法定|承诺)?(办理|办结)?(时限|期限)?$"
)
# A list marker inside a limit text: (一) (1) ① anywhere; 1. 一、 only where an entry can start.
_MARKER = re.compile(
    rf"{PAREN_CN}|{PAREN_NUM}|{CIRCLED}"
    rf"|(?:^|(?<=[\n;,。:]))(?:{NUM_DOT}|{NUM_DUN}|{CN}|{CN_DOT})"
)
# The marker of the next entry left at the end of a value (…5个工作日 (二)); 一. too, as above.
_TRAILING_MARKER = re.compile(rf"(?:{ENTRY_MARKER}|{CN_DOT})[\s;,。]*$")
_PHRASE_END = re.compile(
    rf"(?:(?:{_IMMEDIATE})|(?:{NUMBER})个?(?:工作日|自然日|日历日|天|日|个月|小时|分钟)(?:内|以内|之内)?)$"
)
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_TAIL = 24
_CONTINUES = re.compile(r"^[内以之（(办完]")
_SUBPART = re.compile(r"^(?:其中|含|包括|包含)")
_LIMIT_TAIL = re.compile(r"^(?:内|以内|之内)?(?:办结|办理完毕|办完|完成)?")
_COND_STRIP = " \n:：,，、;；。为在于"
_UPPER_BOUND = re.compile(r"^(?:最长不超过|最多不超过|最长|最多|不超过|不得超过)")


@cache
def _label_re() -> re.Pattern[str]:
    # The vocabulary's label words, plus the general shape 法定/承诺 [办结] 时限|期限.
    def alt(key: str) -> str:
        found = sorted((re.escape(w) for w in words("fields", key) if w), key=len, reverse=True)
        return "|".join(found) or "(?!)"  # an empty group would match everywhere

    return re.compile(
        rf"(?:(?P<legal>{alt('legal_limit')})|(?P<promised>{alt('promised_limit')})"
        r"|(?P<kind>法定|承诺)(?:办结|办理|审批|审查|受理|办事)?(?P<suffix>时限|期限|时间)?)"
        r"(?![内件书制])"
    )


@dataclass(frozen=True)
class _Phrase:
    start: int
    end: int
    days: int | None
    unit: str | None  # working / natural / month / hour; None for 即时办结 (any unit)


@dataclass
class _Reading:
    """One value (the part after a label) read into days."""

    days: int | None = None
    unit: str | None = None  # working / natural, None when only 即时 or nothing
    conditions: list[TimeCondition] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- text shape


def _tidy(text: str) -> str:
    """The limit text with PDF spaces removed and lines joined (gold ``time_limit_text``).

    Every whitespace run (a line break or a space PDF export put inside a phrase) becomes one
    space where a new part starts (a list marker, after a label, after a finished limit or
    sentence) and nothing where the text merely wrapped or was spaced out.
    """
    shown = _join(text)
    # Web-made cells carry HTML tags; joining lines can also complete one (<p\n>), hence the loop.
    while _HTML_TAG.search(shown):
        shown = _join(strip_html(shown))
    return shown


def _join(text: str) -> str:
    pieces = text.split()
    if not pieces:
        return ""
    out = pieces[0]
    for piece in pieces[1:]:
        out += (" " if _separates(out, piece) else "") + piece
    return out


def _separates(before: str, after: str) -> bool:
    if LIST_MARKER.match(after) or before[-1] in "。；;!！?？":
        return True
    tail = _fold(before[-_TAIL:])  # labels and limit phrases are short
    if any(m.end() == len(tail) for m in _labels(tail)):
        return True
    if _PHRASE_END.search(tail) and not _CONTINUES.match(after):
        return True
    # Latin words keep their space; CJK text and numbers (3 0个工作日) never had one.
    left, right = before[-1], after[0]
    return (
        left.isascii()
        and right.isascii()
        and left.isalnum()
        and right.isalnum()
        and not (left.isdigit() and right.isdigit())
    )


def _compact(shown: str) -> str:
    """The tidied text for matching: each separating space becomes a line break."""
    return re.sub(r" (?![A-Za-z])|(?<![A-Za-z]) ", "\n", shown)


# --------------------------------------------------------------------------- phrases


def _depths(text: str) -> list[int]:
    # Bracket depth at each character, forgiving unbalanced brackets (PDF cells lose some).
    depth, out = 0, []
    for ch in text:
        if ch in "(（[【〔":
            depth += 1
            out.append(depth)
        elif ch in ")）]】〕":
            out.append(depth)
            depth = max(0, depth - 1)
        else:
            out.append(depth)
    return out


def _phrases(text: str) -> list[_Phrase]:
    """Durations in ``text``; those in brackets only when nothing is outside them."""
    unfolded = _fold(text)
    folded = _DATE.sub(lambda m: "#" * len(m.group()), unfolded)
    # The day of a date named again on its own (每月25日前办理，25日后扣费): the same date.
    date_days = {d.group(1) for d in _DATE_DAY.finditer(unfolded)}
    found: list[tuple[_Phrase, bool]] = []
    depths = _depths(folded)
    for m in _PHRASE.finditer(folded):
        if _SHORTENED.match(folded[m.end() : m.end() + 6]) or _applicants_period(folded, m):
            continue
        if m.group("unit") == "日" and not m.group("n2") and m.group("n1") in date_days and "个" not in m.group():
            continue
        if m.group("now"):
            phrase = _Phrase(m.start(), m.end(), 0, None)
        else:
            n = cn_to_int(m.group("n2") or m.group("n1"))
            if m.group("month"):
                phrase = _Phrase(m.start(), m.end(), None, "month")
            else:
                unit = _UNITS[m.group("unit")]
                if unit == "week":  # a week is exactly seven calendar days
                    phrase = _Phrase(m.start(), m.end(), None if n is None else n * 7, "natural")
                elif unit == "hour":
                    phrase = _Phrase(m.start(), m.end(), None, "hour")
                else:
                    phrase = _Phrase(m.start(), m.end(), n, unit)
        found.append((phrase, depths[m.start()] == 0))
    outside = [p for p, top in found if top]
    return outside or [p for p, _ in found]


def _applicants_period(folded: str, m: re.Match[str]) -> bool:
    return bool(m.group("n1")) and bool(
        _APPLICANT_START.search(folded[max(0, m.start() - 24) : m.start()])
    )


def _skipped_windows(text: str) -> bool:
    """Whether ``text`` counts a period from an applicant's event (see ``_APPLICANT_START``)."""
    folded = _DATE.sub(lambda m: "#" * len(m.group()), _fold(text))
    return any(_applicants_period(folded, m) for m in _PHRASE.finditer(folded))


def parse_days(text: str) -> tuple[int | None, str | None]:
    """One limit phrase → ``(days, unit)``.

    ``unit`` is ``"working"`` (also for 即时办结 = 0) or ``"natural"``; for a limit that is
    not counted in days, ``days`` is None and ``unit`` says why (``"month"``, ``"hour"``);
    ``(None, None)`` when the text states no limit.
    """
    if not isinstance(text, str) or not text.strip():
        return None, None
    phrases = _phrases(_compact(_tidy(text)))
    if not phrases:
        return None, None
    first = phrases[0]
    return first.days, first.unit or "working"


# --------------------------------------------------------------------------- values


def _labels(folded: str) -> list[re.Match[str]]:
    out = []
    for m in _label_re().finditer(folded):
        if m.group("kind") and not m.group("suffix"):
            # A bare 法定/承诺 is a label only before a colon or a limit (承诺5个工作日).
            rest = folded[m.end() :].lstrip("\n")
            if not (rest.startswith(":") or _PHRASE.match(rest)):
                continue
        out.append(m)
    return out


def _label_kind(m: re.Match[str]) -> Kind:
    if m.group("legal") or m.group("kind") == "法定":
        return "legal"
    return "promised"


def _trim_value(value: str) -> str:
    value = value.lstrip(" \n:：为是").rstrip(" \n")
    folded = _fold(value)
    m = _TRAILING_MARKER.search(folded)
    if m:
        value = value[: m.start()]
    return value.strip(" \n;；,，、。")


def _split_depth0(text: str, seps: str) -> list[str]:
    depths = _depths(_fold(text))
    parts, start = [], 0
    for i, ch in enumerate(text):
        if ch in seps and depths[i] == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p for p in parts if p.strip(" \n")]


def _branches(value: str) -> list[str]:
    """Split a value at list markers and at ； or line breaks outside brackets."""
    folded = _fold(value)
    cuts = [m.span() for m in _MARKER.finditer(folded)]
    segments, pos = [], 0
    for start, end in cuts:
        segments.append(value[pos:start])
        pos = end
    segments.append(value[pos:])
    out: list[str] = []
    for seg in segments:
        out.extend(_split_depth0(seg, ";；\n"))
    return [s.strip(" \n") for s in out if s.strip(" \n")]


def _condition_text(branch: str, phrase: _Phrase) -> str:
    before = branch[: phrase.start].strip(_COND_STRIP)
    if before:
        return before
    bound = _UPPER_BOUND.match(branch[phrase.start : phrase.end])
    if bound:
        # 一般12个工作日，不超过30个工作日: the bound is the case of the longest wait.
        return bound.group(0)
    after = _LIMIT_TAIL.sub("", branch[phrase.end :], count=1).strip(_COND_STRIP)
    if len(after) >= 2 and after[0] in "(（" and after[-1] in ")）":
        after = after[1:-1]
    return after.strip(_COND_STRIP)


def _read_value(value: str) -> _Reading:
    value = _trim_value(value)
    if not value or is_empty_value(value) or _NULL.search(value.replace("\n", "")):
        return _Reading()
    shown = value.replace("\n", " ")
    with_limits = [(b, ph) for b in _branches(value) if (ph := _phrases(b))]
    if not with_limits:
        cut = _CUT_BOUND.match(_fold(value).replace("\n", ""))
        if cut and (n := cn_to_int(cut.group("n"))) is not None:
            return _Reading(
                days=n, unit="working", warnings=[f"unit cut off, read as working days: {shown!r}"]
            )
        if _skipped_windows(value):
            return _Reading(warnings=[f"a period to apply in, not a processing limit: {shown!r}"])
        return _Reading(warnings=[f"no time limit recognised in {shown!r}"])
    if any(_STEP.search(b) for b, _ in with_limits):
        return _Reading(warnings=[f"durations of process steps, not an item limit: {shown!r}"])
    if len(with_limits) == 1 and len(with_limits[0][1]) > 1:
        with_limits = _clauses(with_limits[0][0])
        if with_limits is None:
            return _Reading(warnings=[f"several durations, none clearly the limit: {shown!r}"])
    if any(len(ph) > 1 for _, ph in with_limits):
        return _Reading(warnings=[f"several durations, none clearly the limit: {shown!r}"])
    if len(with_limits) == 1:
        return _single(with_limits[0][1][0], shown)
    return _conditional([(b, ph[0]) for b, ph in with_limits], shown)


def _clauses(branch: str) -> list[tuple[str, list[_Phrase]]] | None:
    """A branch with several durations read as comma-separated clauses, or None.

    ``个人即时办结，单位5个工作日`` is conditional; ``不超过20个工作日，其中公示5个工作日``
    is one limit with a note.
    """
    clauses = [
        (c, ph)
        for c in _split_depth0(branch, ",，。")
        if (ph := _phrases(c)) and not _SUBPART.match(c.strip())
    ]
    if not clauses or any(len(ph) != 1 for _, ph in clauses):
        return None
    if len(clauses) > 1 and any(not _condition_text(c, ph[0]) for c, ph in clauses):
        return None
    return clauses


def _single(phrase: _Phrase, shown: str) -> _Reading:
    if phrase.unit in ("month", "hour"):
        unit = "months" if phrase.unit == "month" else "hours"
        return _Reading(warnings=[f"limit counted in {unit}, not days: {shown!r}"])
    if phrase.days is None:
        return _Reading(warnings=[f"unreadable number in {shown!r}"])
    return _Reading(days=phrase.days, unit=phrase.unit)


def _conditional(branches: list[tuple[str, _Phrase]], shown: str) -> _Reading:
    warnings: list[str] = []
    units = {p.unit for _, p in branches if p.unit in ("working", "natural")}
    # One value holds one unit: the working-day branches win, the others are reported.
    unit = "working" if "working" in units else ("natural" if units else None)
    conditions: list[TimeCondition] = []
    for branch, phrase in branches:
        condition = _condition_text(branch, phrase) or branch.replace("\n", " ")
        if phrase.days is None or phrase.unit not in (None, unit):
            warnings.append(f"branch not counted in {unit or 'working'} days: {branch!r}")
            continue
        conditions.append(TimeCondition(condition=condition, days=phrase.days))
    if not conditions:
        return _Reading(warnings=warnings or [f"no time limit recognised in {shown!r}"])
    if len(units) > 1:
        warnings.append(f"working and natural days mixed in {shown!r}")
    headline = max(c.days for c in conditions)
    return _Reading(days=headline, unit=unit, conditions=conditions, warnings=warnings)


# --------------------------------------------------------------------------- assembly


def _assemble(text: str | None, readings: dict[Kind, _Reading], warnings: list[str]) -> TimeLimit:
    warnings = list(warnings)
    for r in readings.values():
        warnings.extend(r.warnings)
    promised, legal = readings.get("promised"), readings.get("legal")
    unit = (promised and promised.unit) or (legal and legal.unit) or "working"
    days: dict[Kind, int | None] = {}
    conditions: list[TimeCondition] = []
    for kind in ("promised", "legal"):
        r = readings.get(kind)
        if r is None:
            days[kind] = None
            continue
        if r.unit is not None and r.unit != unit:
            # Mixed units: keep the promised limit's unit and drop, loudly, the other.
            warnings.append(f"{_LABEL_NAMES[kind]} is in {r.unit} days, not {unit} days: dropped")
            days[kind] = None
            continue
        days[kind] = r.days
        if r.conditions and not conditions:
            conditions = list(r.conditions)
    return TimeLimit(
        text=text or None,
        legal_days=days["legal"],
        promised_days=days["promised"],
        conditions=conditions,
        days_unit=unit,  # type: ignore[arg-type]
        warnings=warnings,
    )


# 收件(即办)—受理(即办)—审核(15个工作日)—办结—执行: a process written as a chain of stages, each
# with its own limit in brackets.
_CHAIN_SEP = re.compile(r"\s*(?:—|－|–|-|→|>)+\s*")
_STAGE = re.compile(r"^([\u4e00-\u9fff]{2,6})\s*(?:[(（]([^()（）]{1,12})[)）])?$")
_AT_ONCE = ("即办", "即时办结", "即时", "当场办结", "当场", "立即办结")
_STAGE_DAYS = re.compile(r"(\d{1,3})\s*个?工作日(?:内)?")


def chain_total(text: str) -> int | None:
    """The working days of a process chain: the sum of its stages' limits (即办 = 0), when three
    stages or more are chained and two or more carry a limit; None for any other text."""
    parts = [p for p in _CHAIN_SEP.split(text.strip()) if p]
    if len(parts) < 3:
        return None
    total = timed = 0
    for part in parts:
        m = _STAGE.match(part)
        if m is None:
            return None
        note = m.group(2)
        if note is None:
            continue
        days = _STAGE_DAYS.fullmatch(note.strip())
        if note.strip() in _AT_ONCE:
            timed += 1
        elif days is not None:
            total += int(days.group(1))
            timed += 1
        else:
            return None
    return total if timed >= 2 else None


def parse_time_limit(text: str | None, *, default_kind: Kind = "promised") -> TimeLimit:
    """Read one time-limit text; a limit without a 法定/承诺 label fills ``default_kind``."""
    if not isinstance(text, str):
        return TimeLimit()
    shown = _tidy(text)
    if not shown:
        return TimeLimit()
    chained = chain_total(shown)
    if chained is not None:
        # The stages of one process follow each other: the item takes their sum.
        return TimeLimit(text=shown, promised_days=chained) if default_kind == "promised" else TimeLimit(text=shown, legal_days=chained)
    compact = _compact(shown)
    folded = _fold(compact)
    labels = _labels(folded)
    if not labels:
        return _assemble(shown, {default_kind: _read_value(compact)}, [])
    readings: dict[Kind, _Reading] = {}
    warnings: list[str] = []
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(compact)
        kind = _label_kind(m)
        if kind in readings:
            warnings.append(f"{_LABEL_NAMES[kind]} given twice; the first is kept")
            continue
        readings[kind] = _read_value(compact[m.end() : end])
    # A limit before the first label is the unlabelled one, as in a text without labels:
    # ``10个工作日（法定时限20个工作日）`` promises 10 and notes the legal 20.
    lead = compact[: labels[0].start()]
    if default_kind not in readings and _phrases(lead):
        readings[default_kind] = _read_value(lead.rstrip(" \n(（[【"))
    return _assemble(shown, readings, warnings)


def parse_legal_promised(legal_text: str | None, promised_text: str | None) -> TimeLimit:
    """Read a legal and a promised limit given as separate fields (sectioned documents).

    ``text`` joins the two, each after its label (``法定时限 20个工作日 承诺时限 5个工作日``).
    """
    readings: dict[Kind, _Reading] = {}
    parts: list[str] = []
    for kind, raw in (("legal", legal_text), ("promised", promised_text)):
        shown = _tidy(raw) if isinstance(raw, str) else ""
        if not shown:
            continue
        compact = _compact(shown)
        label = next(iter(_labels(_fold(compact))), None)
        if label is not None:  # the field repeats its label: read what follows it
            compact = compact[label.end() :]
        else:
            shown = f"{_LABEL_NAMES[kind]} {shown}"
        readings[kind] = _read_value(compact)
        parts.append(shown)
    return _assemble(" ".join(parts), readings, [])


# In a process text, the clause that states the whole item's limit: a completion on the spot or
# within N days (…的当场办结, 10个工作日内办结, 提交后立即生效), or N days counted from acceptance
# (受理后5个工作日内完成审核). Other durations in a process are its steps' (see ``_STEP``).
_COMPLETION = re.compile(
    rf"(?:(?:{NUMBER})个?(?:工作日|自然日|日|天)(?:内|以内|之内)?|当场|即时|立即|当日|当天|现场)"
    # …30个工作日支付生育津贴费用: for a payment the money paid is the act completed.
    # …在15个工作日内即可办理成功: the act said done.
    # …20个工作日内完成认定: for a 认定 or 鉴定 the finding made is the act completed.
    # …预计两个工作日内可完成审核 / 30个工作日内完成审核,结算,支付: the review that decides the
    # case, whatever follows it at once.
    r"(?:即可|可)?(?:办结|办理完毕|办完|完成办理|办理成功|办理完成|办好|生效|支付|拨付|发放|划拨|完成认定|完成鉴定|完成审核)"
    rf"|受理(?:申请|申报)?(?:后|之日起|起)(?:{NUMBER})个?(?:工作日|自然日|日|天)(?:内|以内|之内)?(?:完成|办结|作出)"
    # …12个工作日内将报销资金打入参保人员社保卡的金融账户: the money paid into the account.
    rf"|(?:{NUMBER})个?工作日(?:内|以内|之内)将[^，,。；;]{{0,8}}?(?:资金|款项|款|费用)(?:打入|拨付|支付|划入|发放|转入)"
)


def process_limit_clause(text: str) -> str | None:
    """The clause of a process text that states the item's overall limit, or None.

    None also when several clauses state different limits: which one is the item's is not
    said, and no limit is better than a guessed one.
    """
    if not isinstance(text, str):
        return None
    found: dict[tuple[int | None, int | None], str] = {}
    for clause in _split_depth0(text, ",，。;；\n"):
        clause = LIST_MARKER.sub("", clause.strip(), count=1).strip()
        folded = _fold(clause)
        if not _COMPLETION.search(folded) or _STEP.search(folded):
            continue
        limit = parse_time_limit(clause)
        if limit.promised_days is not None:
            found.setdefault((limit.legal_days, limit.promised_days), clause)
    if len(found) == 2:
        # 窗口办理即时办结,网上办理5个工作日内办结: two limits, one per way of applying, side by side.
        first = next(iter(found.values()))
        joined = _with_other_channel(text, first)
        return joined if joined is not None and all(c in joined for c in found.values()) else None
    if len(found) != 1:
        return None
    clause = next(iter(found.values()))
    return _with_other_channel(text, clause) or clause


# …线下办理即时可办结,线上办理将在2个工作日内完成审核: a limit per way of applying, the second
# clause opening with the other way.
_CHANNEL = re.compile(r"线上|线下|网上|网厅|窗口|现场|柜台|自助")


def _with_other_channel(text: str, clause: str) -> str | None:
    """The clause joined to the next one where both state a limit for a way of applying (线下 …,
    线上 …): the limit is conditional on the way; None where the next clause is no such limit."""
    clauses = [c for c in (c.strip() for c in _split_depth0(text, ",，;；。\n")) if c]
    where = next((k for k, c in enumerate(clauses) if clause in c), None)
    if where is None or where + 1 >= len(clauses):
        return None
    nxt = clauses[where + 1].rstrip("。. ")
    if not _CHANNEL.search(clause) or not _CHANNEL.match(nxt):
        return None
    limit = parse_time_limit(nxt)
    if limit.promised_days is None and limit.legal_days is None:
        return None
    return f"{clause},{nxt}"


# 经办机构应于受理申请之日起20个工作日内，对符合规定的…予以一次性计发: days counted from
# acceptance up to the money paid or the case closed state the whole item's limit; days up to a
# step (…10个工作日内，安排…现场评估 / …向原参保地发送《联系函》) do not.
_PROSE_LIMIT = re.compile(
    rf"受理(?:申请|申报)?(?:之日起|后)(?:{NUMBER})个?(?:工作日|自然日|日|天)(?:内|以内|之内)"
    r"(?P<after>[^。；;]{0,40}?)(?:计发|支付|拨付|发放|办结|办理完毕)"
)


def prose_limit_clause(text: str) -> str | None:
    """The clause of a paragraph of prose stating the item's limit as days from acceptance to
    completion (…受理申请之日起20个工作日内，对…予以一次性计发 → its first clause), or None."""
    if not isinstance(text, str):
        return None
    found = {m.group(0) for m in _PROSE_LIMIT.finditer(_fold(text)) if not _STEP.search(m.group("after"))}
    if len(found) != 1:
        return None
    # The clause holding the days (the completion follows after a comma).
    return next(
        (c.strip() for c in _split_depth0(text, ",，。;；\n") if "受理" in c and parse_time_limit(c).promised_days is not None),
        None,
    )


def time_limit_from_case_type(case_type: str | None) -> TimeLimit | None:
    """A portal's 办件类型: 即办件 means promised 0 days; 承诺件 and others say no number."""
    if not isinstance(case_type, str):
        return None
    shown = _tidy(case_type)
    if "即办" not in shown.replace(" ", ""):
        return None
    return TimeLimit(text=shown, promised_days=0)


def _says_none(value: str) -> bool:
    value = _trim_value(value)
    return bool(value) and bool(is_empty_value(value) or _NULL.search(value.replace("\n", "")))


def declared_none(text: str | None, *, default_kind: Kind = "promised") -> set[Kind]:
    """The limits ``text`` says there are none of (``法定时限 无``, ``法律法规未作规定``), as
    opposed to limits it does not mention: both read as no days."""
    if not isinstance(text, str) or not (shown := _tidy(text)):
        return set()
    compact = _compact(shown)
    labels = _labels(_fold(compact))
    if not labels:
        return {default_kind} if _says_none(compact) else set()
    out: set[Kind] = set()
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(compact)
        if _says_none(compact[m.end() : end]):
            out.add(_label_kind(m))
    return out


# How a published item's legal / promised limit is stated (items.legal_days_status …).
STATED: LimitStatus = "stated"
NONE_STATED: LimitStatus = "none"
NOT_STATED: LimitStatus = "not stated"


def limit_status(days: int | None, kind: Kind, text: str | None) -> LimitStatus:
    """``stated`` (days given), ``none`` (the guide says there is none) or ``not stated``."""
    if days is not None:
        return STATED
    return NONE_STATED if kind in declared_none(text) else NOT_STATED
