"""Layout ``sections``: guides written as numbered sections (一、事项名称 … 八、申办材料 …).

A compilation holds many guides one after another. A guide starts at its title line
(…办事指南 / …服务指南) or, where titles are missing, where the item-name section starts
again. Inside a guide, a *section heading* is a short line whose words name a field in the
vocabulary, numbered in the document's *field style*: provinces number their sections
一、, （一）, 1. or 第一部分, or put them in black brackets (【申请材料】), and one document
keeps to one style. The style is read from
the document itself (the numbering of its 事项名称 headings, or else of its other field
headings), so content numbered in other styles (（一）企业单位 under 一、申请材料; 1. under
（三）所需材料) stays content. A section's content runs to the next heading of that style.

Between guides, compilations put their own headings: the next item's name (一、单位参保登记,
事项二：城乡居民参保登记) and part headings (第二部分 待遇核准支付类). Part headings end a
section; a line just before a guide that repeats that guide's name is its heading, not the
last line of the previous guide's section. Sub-headings inside the time-limit section split
the 法定 and 承诺 limits.

Lines outside known sections (flowchart boxes, sample-form headings, footers, a table of
contents) are ignored, which is how such noise never leaks into fields; a guide with no
field section at all (a table-of-contents entry that looks like a title) gives no item.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from extractors.base import RawField, RawItem
from extractors.materials_column import materials_column
from govguide.core.document import Document, Line, Paragraph
from govguide.core.numbering import CN_DIGITS, PAREN_CN
from govguide.core.vocabulary import clean_heading, match_field, words
from normalizers.item_title import name_from_title
from normalizers.material_sentence import DOCUMENT_LIST_SHARE, names_a_document
from normalizers.numbering import HEADING_STYLES, heading_number, heading_numbering
from normalizers.text import clean_text, is_page_footer, join_wrapped, joined_text

_CN = CN_DIGITS
# Numbering styles, coarsest first. "part" (第一部分) always ends a section.
_STYLES: list[tuple[str, re.Pattern[str]]] = [
    *HEADING_STYLES,
    # 【事项名称】单位参保登记: the label in black brackets, the value after them.
    ("bracket", re.compile(r"^\s*【(?=[^【】]{1,16}】)")),
]
_SUB_HEADING = re.compile(rf"^\s*{PAREN_CN}\s*")
_DEFAULT_STYLES = frozenset({"cn", "part"})  # where a document shows no field style
_HEADING_MAX = 16  # a heading's words (numbering stripped) are short; longer lines are content
_CORE = ("item_name", "materials", "time_limit", "legal_basis")
# A compilation's own heading for the next guide: 事项二：… / 第三项 …
_ITEM_PREFIX = re.compile(rf"^(?:事项[{_CN}\d]{{1,3}}|第[{_CN}\d]{{1,3}}项)\s*[：:、.．]?\s*")


@dataclass
class _Guide:
    title: str | None
    title_line: Line | None
    sections: dict[str, list[Line]] = field(default_factory=dict)
    heading_lines: dict[str, Line] = field(default_factory=dict)
    last_section: str | None = None  # the section that received the latest content line


class SectionsExtractor:
    name = "sections"
    description = "guides in numbered sections (一、事项名称 … 八、申办材料)"

    def score(self, doc: Document) -> float:
        lines = _body_lines(doc)
        styles = field_styles(lines)
        fields = set()
        for line in lines:
            f = _heading_field(line.text, styles)
            if f:
                fields.add("time_limit" if f.endswith("_limit") else f)
        return len(fields & set(_CORE)) / len(_CORE)

    def extract(self, doc: Document) -> list[RawItem]:
        lines = _body_lines(doc)
        guides = _split_guides(lines, field_styles(lines))
        return [item for g in guides if (item := _to_item(g)) is not None]


def _body_lines(doc: Document) -> list[Line]:
    lines: list[Line] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            lines.extend(
                ln for ln in block.lines if ln.text.strip() and not is_page_footer(ln.text)
            )
        else:  # a table inside a sectioned guide: read its rows as lines of text
            listed = materials_column(block)
            if listed is not None:
                lines.extend(listed)  # a materials table: one entry per document
                continue
            for row in block.rows:
                for cell in row:
                    if cell is not None:
                        lines.extend(cell.lines)
    return lines


def numbering(text: str) -> tuple[str | None, str]:
    """(numbering style, text after the numbering); style None for an unnumbered line."""
    return heading_numbering(text, _STYLES)


_LABEL_END = re.compile(r"[:：】]")


def _label_field(rest: str) -> str | None:
    # A heading may carry its value after a colon (四、承诺办结时限：15个工作日).
    label = _LABEL_END.split(rest, maxsplit=1)[0]
    if len(clean_heading(label)) > _HEADING_MAX:
        return None
    return match_field(label)


def field_styles(lines: list[Line]) -> frozenset[str]:
    """The numbering style(s) of the document's section headings.

    The style of its 事项名称 headings where it has them; else the style whose headings
    name the most core fields (at least two); else 一、 and 第一部分.
    """
    names: Counter[str] = Counter()
    core: dict[str, set[str]] = {}
    for line in lines:
        style, rest = numbering(line.text)
        if style is None:
            continue
        f = _label_field(rest)
        if f is None:
            continue
        f = "time_limit" if f.endswith("_limit") else f
        if f == "item_name":
            names[style] += 1
        if f in _CORE:
            core.setdefault(style, set()).add(f)
    if names:
        return frozenset({names.most_common(1)[0][0]})
    best = max(core.items(), key=lambda kv: len(kv[1]), default=None)
    if best is not None and len(best[1]) >= 2:
        return frozenset({best[0]})
    return _DEFAULT_STYLES


def _heading_field(text: str, styles: frozenset[str]) -> str | None:
    style, rest = numbering(text)
    if style not in styles:
        return None
    return _label_field(rest)


def _is_title(text: str) -> bool:
    """A guide's title line: short, ends with 办事指南/服务指南, and is not the tail of a
    sentence (no clause punctuation inside: ``…获取事项的服务指南`` is not a title)."""
    t = clean_text(text)
    return (
        len(t) <= 40
        and not any(p in t for p in "，,。；;：:")
        and any(t.endswith(s) for s in words("words", "guide_title_suffix"))
    )


def _split_guides(lines: list[Line], styles: frozenset[str]) -> list[_Guide]:
    guides: list[_Guide] = []
    current: _Guide | None = None
    section: str | None = None
    heading_no: int | None = None  # the number of the current section's heading
    content_no: int | None = None  # the last number of a list inside the section
    for line in lines:
        text = line.text.strip()
        if _is_title(text):
            current = _Guide(title=clean_text(text), title_line=line)
            guides.append(current)
            section, heading_no = None, None
            continue
        style, rest = numbering(text)
        heading = style in styles
        f = _label_field(rest) if heading else None
        number = heading_number(text) if heading else None
        if (
            heading
            and f is None
            and section is not None
            and _in_list(number, heading_no, content_no, rest)
        ):
            heading, content_no = False, number  # 3.办理材料 then 1.… 2.…: a list in the section
        if heading:
            content_no = None
            if f == "item_name" and (current is None or "item_name" in current.sections):
                current = _Guide(title=None, title_line=None)  # a guide without a title line
                guides.append(current)
            if current is None:
                continue
            heading_no = number
            # Sections not in the vocabulary still end the previous section.
            section = f if f and f not in current.sections else None
            if section:
                current.sections[section] = []
                current.heading_lines[section] = line
                inline = _inline_value(rest)
                if inline:
                    # The value keeps the heading line's fill: a PDF wraps it like any line.
                    current.sections[section].append(
                        Line(text=inline, ref=line.ref, fill=line.fill)
                    )
                    current.last_section = section
            continue
        if style == "part":
            section = None  # 第二部分 …: a new part of the compilation, not content
            continue
        if current is not None and section:
            current.sections[section].append(line)
            current.last_section = section
    _drop_item_headings(guides)
    return guides


def _in_list(number: int | None, heading_no: int | None, content_no: int | None, rest: str) -> bool:
    """Whether a line numbered like the headings, naming no field, is an entry of a list
    inside the section (3.办理材料 then 1.… 2.… 3.…) rather than a heading the vocabulary
    does not know. A list starts at 1 and counts on; a line that would also continue the
    headings (4. after 3.) and reads as a short label (4.服务对象：…) is the next heading.
    Documents mis-number headings (十、 then 九、), so going back alone proves nothing."""
    if number is None or heading_no is None or heading_no == number == 1:
        return False
    if not (number == 1 or (content_no is not None and number == content_no + 1)):
        return False
    label = _LABEL_END.split(rest, maxsplit=1)[0].strip()
    short_label = len(clean_heading(label)) <= 8 and not re.search(r"[。；;，,《]", label)
    return not (number == heading_no + 1 and short_label)


def _drop_item_headings(guides: list[_Guide]) -> None:
    """Take a guide's own heading (一、单位参保登记 / 事项二：…) off the end of the section
    before it: it was read as content because nothing but its text marks it."""
    for prev, guide in zip(guides, guides[1:], strict=False):
        name = _name(guide)
        lines = prev.sections.get(prev.last_section or "")
        if not name or guide.title_line is not None or not lines:
            continue
        while lines and _names_item(lines[-1].text, name):
            lines.pop()


def _names_item(text: str, name: str) -> bool:
    """Whether a line is a heading for the item ``name``: the name itself, numbered or
    prefixed (事项二：), perhaps with a title suffix (办事指南)."""
    _, rest = numbering(text.strip())
    t = _strip_title_suffix(_ITEM_PREFIX.sub("", clean_text(rest)))
    return t == name


def _inline_value(heading_rest: str) -> str | None:
    """``办理时限：5个工作日`` (or ``办理时限】5个工作日``) carries its value on the heading line."""
    parts = _LABEL_END.split(heading_rest, maxsplit=1)
    if len(parts) < 2:
        return None
    return parts[1].lstrip(":：").strip() or None


def _name(guide: _Guide) -> str:
    name_lines = guide.sections.get("item_name") or []
    return "".join(clean_text(joined_text(g)) for g in join_wrapped(name_lines))


def _to_item(guide: _Guide) -> RawItem | None:
    if not any(f in guide.sections for f in (*_CORE, "legal_limit", "promised_limit")):
        return None  # a title with no section under it (a table-of-contents entry)
    name_lines = guide.sections.get("item_name") or []
    name = _name(guide)
    if not name and guide.title:
        # Named by its title: cleaned of year, place and guide words like any title
        # (2024桂林单位参保信息变更登记服务指南 → 单位参保信息变更登记).
        name = name_from_title(guide.title) or _strip_title_suffix(guide.title)
    if not name:
        return None
    refs = [ln.ref for ln in name_lines] or ([guide.title_line.ref] if guide.title_line else [])
    first = name_lines[0] if name_lines else guide.title_line
    item = RawItem(name=name, name_refs=refs, page=first.ref.page if first else None)
    item.materials = RawField(guide.sections.get("materials") or _documents_listed(guide.sections.get("conditions", [])))
    item.legal_basis = RawField(guide.sections.get("legal_basis", []))
    _split_time_limit(guide.sections.get("time_limit", []), item)
    for f in ("legal_limit", "promised_limit"):
        if f in guide.sections:  # a guide whose 法定/承诺 limits are top-level sections
            item.set_text(f, guide.sections[f])
    return item


def _documents_listed(lines: list[Line]) -> list[Line]:
    """A section other than the materials whose numbered entries are mostly documents to hand
    in (二、办理条件 over 1、医保电子凭证…；2、医院收费票据；…): the guide's materials under
    the wrong heading. [] where it lists conditions."""
    entries = [rest for style, rest in map(heading_numbering, (ln.text for ln in lines)) if style is not None]
    if len(entries) < 2 or len(entries) < len(lines) * 0.8:
        return []
    share = sum(map(names_a_document, entries)) / len(entries)
    return lines if share >= DOCUMENT_LIST_SHARE else []


def _strip_title_suffix(title: str) -> str:
    for s in words("words", "guide_title_suffix"):
        if title.endswith(s):
            return title[: -len(s)]
    return title


def _split_time_limit(lines: list[Line], item: RawItem) -> None:
    """Route 法定/承诺 sub-sections; keep the whole text as ``time_limit``.

    A line holding both limits (法定时限：30个工作日；承诺时限：15个工作日) is not a
    sub-section: the whole text is read as one labelled limit.
    """
    item.time_limit = RawField(list(lines))
    if any(all(k in line.text for k in ("法定", "承诺")) for line in lines):
        return
    current: str | None = None
    buckets: dict[str, list[Line]] = {"legal_limit": [], "promised_limit": []}
    for line in lines:
        text = line.text.strip()
        sub = _SUB_HEADING.match(text)
        label = text[sub.end() :] if sub else text
        kind = match_field(label.split("：")[0].split(":")[0], max_len=10) if label else None
        if kind in ("legal_limit", "promised_limit") or (
            kind == "time_limit" and _kind_word(label)
        ):
            current = kind if kind != "time_limit" else _kind_word(label)
            inline = _inline_value(label)
            if inline and current:
                buckets[current].append(Line(text=inline, ref=line.ref, fill=None))
            continue
        if current:
            buckets[current].append(line)
    if buckets["legal_limit"] or buckets["promised_limit"]:
        item.legal_limit = RawField(buckets["legal_limit"])
        item.promised_limit = RawField(buckets["promised_limit"])


def _kind_word(label: str) -> str | None:
    head = label[:8]
    if "法定" in head:
        return "legal_limit"
    if "承诺" in head:
        return "promised_limit"
    return None
