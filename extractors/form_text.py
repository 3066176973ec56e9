"""Labelled fields that a portal guide writes as lines of text instead of grid cells.

Web pages and their exports write some fields as text: a list item with a label and a value
(``办理事项：医疗费用手工报销``, ``【承诺时限】即时办结``, or label and value set apart by a gap),
a label alone with its value on the next line (``<dt>``/``<dd>``), or a heading (申请材料 /
四、设定依据) followed by the field's lines up to the next heading.

A line is a *heading* when its label names a guide section (a field of the vocabulary or
another portal section such as 收费标准 or 咨询电话), when it is set larger than the body text,
or, inside a section opened by a numbered heading (四、 / （四）), when it is numbered the same
way. List entries (1. (1) ①) are never headings: ``3.申请材料真实性承诺书`` is a material.
Tables end a section; running headers and page numbers are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.form_tables import is_bare_label, is_label, running_texts
from govguide.core.document import Document, Line, Paragraph
from govguide.core.numbering import LIST_LEVEL, SECTION_LEVEL
from govguide.core.vocabulary import clean_heading, match_field
from normalizers.text import is_page_footer

_COLON = re.compile(r"[：:]")
_LABEL_MAX = 14  # a label before a colon is short; a colon further on is inside a sentence
_GAP = re.compile(r"[ \t\u3000]+")
_BRACKET_LABEL = re.compile(r"^\s*[【\[［]([^】\]］]{1,12})[】\]］]\s*[：:]?\s*(.*)$")  # 【办理事项】:… — a colon may follow
_SECTION_NUMBER = re.compile(rf"^\s*(?:{SECTION_LEVEL})")
_ENTRY_NUMBER = re.compile(rf"^\s*(?:{LIST_LEVEL})")
_HEADING_SIZE = 1.15  # a line this much larger than body text is a heading
# Fields whose value is a list that may start on the label line and go on below it.
_MULTI_LINE = {"materials", "legal_basis", "conditions", "process", "time_limit"}
_TIME_FIELDS = ("time_limit", "legal_limit", "promised_limit")
# Fields that make a block of label lines a guide of its own, not a stray mention of a name.
_GUIDE_FIELDS = {"materials", "time_limit", "legal_basis"}


@dataclass
class TextField:
    """The lines of one labelled field; ``inline`` says the label line carried the value."""

    lines: list[Line] = field(default_factory=list)
    numbering: str | None = None  # its heading's numbering style: 四、 → "一、", （二） → "（一）"
    inline: bool = False
    # Where its label line is: the block's index in the document and the line's within it.
    block: int = -1
    line: int = -1
    bracketed: bool = False  # 【事项名称】…: the heading style of sectioned compilations

    @property
    def numbered(self) -> bool:
        return self.numbering is not None

    @property
    def first(self) -> Line | None:
        return next((ln for ln in self.lines if ln.text.strip()), None)


def _numbering(text: str) -> str | None:
    """The style of a section number (一、 / （一） / 第一部分), or None for an unnumbered line."""
    m = _SECTION_NUMBER.match(text)
    if not m:
        return None
    token = m.group(0).strip()
    if token.startswith("第"):
        return "第一" + token[-2:] if token.endswith("部分") else "第一" + token[-1]
    if token[0] in "（(":
        return "（一）"
    return "一、"


def item_names(doc: Document) -> tuple[set[str], set[str]]:
    """Values of every 事项名称-type label line: (unnumbered ones, numbered ones).

    One guide per file names its item once (or repeats the same name); a compilation of
    guides writes one numbered 事项名称 line per guide.
    """
    plain: set[str] = set()
    numbered: set[str] = set()
    for f, tf in _scan(doc):
        value = single_value(tf) if f == "item_name" else None
        if value:
            (numbered if tf.numbered else plain).add(value[0])
    return plain, numbered


def guide_name_lines(doc: Document) -> list[TextField]:
    """The 事项名称 lines that each open one guide of a file of several guides written as
    plain ``label：value`` lines (a page listing a bureau's guides one after another).

    Empty unless the file names at least two items that way and each name line is followed,
    before the next one, by fields of the guide it names (materials, a time limit, a legal
    basis). Names numbered (一、事项名称) or set in black brackets (【事项名称】) are section
    headings of a compilation, read by layout ``sections``; a name repeated within its own
    guide does not open another one.
    """
    found = _scan(doc)
    if any(f == "item_name" and (tf.numbered or tf.bracketed) for f, tf in found):
        return []
    starts: list[TextField] = []
    seen: set[str] = set()
    fields_after: list[set[str]] = []
    for f, tf in found:
        if f == "item_name" and (value := single_value(tf)) and value[0] not in seen:
            seen.add(value[0])
            starts.append(tf)
            fields_after.append(set())
        elif starts and not tf.numbered:
            fields_after[-1].add("time_limit" if f in _TIME_FIELDS else f)
    if len(starts) < 2 or not all(fs & _GUIDE_FIELDS for fs in fields_after):
        return []
    return starts


def _split_label(text: str) -> tuple[str, str | None, bool]:
    """(label, value, whether a separator set them apart) of a ``label：value`` line, a
    ``【label】value`` line, or a label set apart by a gap (``事项名称  生育医疗费支付`` printed
    from a web page, ``<span>`` pairs); a line holding several pairs keeps the first value."""
    bracket = _BRACKET_LABEL.match(text)
    colon = _COLON.search(text)
    if bracket:
        label, value = bracket.group(1), bracket.group(2)
    elif colon and colon.start() <= _LABEL_MAX:
        label, value = text[: colon.start()], text[colon.end() :]
    else:
        parts = _GAP.split(text.strip(), maxsplit=1)
        if len(parts) < 2 or not is_label(parts[0]):
            return text, None, False
        label, value = parts
    tokens = _GAP.split(value.strip())
    for i, token in enumerate(tokens[1:], start=1):
        if is_label(token.split("：")[0].split(":")[0]):
            tokens = tokens[:i]
            break
    return label, " ".join(tokens).strip() or None, True


def _heading(text: str, para: Paragraph, current: TextField | None) -> tuple[bool, str | None, str | None]:
    """(is a heading, the field it opens, its inline value) for one line."""
    if _ENTRY_NUMBER.match(text):
        return False, None, None
    label, value, separated = _split_label(text)
    f = match_field(label) if len(clean_heading(label)) <= 10 else None
    if f is not None and (separated or is_bare_label(label, f)):
        return True, f, value
    if is_label(label) and (value is not None or len(clean_heading(label)) <= 8):
        return True, None, None
    if para.size is not None and para.size >= _HEADING_SIZE and value is None:
        return True, None, None
    if current is not None and current.numbering is not None and _numbering(text) == current.numbering:
        return True, None, None  # the guide's next section, numbered like this one
    return False, None, None


def text_fields(doc: Document) -> dict[str, TextField]:
    """Field → its lines, for fields written as labelled text (first occurrence wins)."""
    out: dict[str, TextField] = {}
    for f, tf in _scan(doc):
        out.setdefault(f, tf)
    return out


def _scan(doc: Document) -> list[tuple[str, TextField]]:
    """Every labelled field in reading order, with the lines of its section."""
    out: list[tuple[str, TextField]] = []
    furniture = running_texts(doc)
    current: TextField | None = None
    for bi, block in enumerate(doc.blocks):
        if not isinstance(block, Paragraph):
            current = None
            continue
        for li, line in enumerate(block.lines):
            text = line.text.strip()
            if not text or is_page_footer(text) or text in furniture:
                continue
            is_heading, f, value = _heading(text, block, current)
            if not is_heading:
                if current is not None:
                    current.lines.append(line)
                continue
            current = None
            if f is not None:
                tf = TextField(numbering=_numbering(text), inline=value is not None, block=bi, line=li,
                               bracketed=_BRACKET_LABEL.match(text) is not None)
                if value is not None:
                    tf.lines.append(Line(text=value, ref=line.ref, fill=line.fill))
                out.append((f, tf))
                # A list item "label：value" is complete; a heading opens a section below it.
                current = tf if value is None or f in _MULTI_LINE else None
    return out


def single_value(tf: TextField | None) -> tuple[str, Line] | None:
    """The value of a one-line field (事项名称, 办理时限): the label line's or the next line."""
    if tf is None or tf.first is None:
        return None
    return tf.first.text.strip(), tf.first
