"""Layout ``sections``: guides written as numbered sections (一、事项名称 … 八、申办材料 …).

A compilation holds many guides one after another. A guide starts at its title line
(…办事指南 / …服务指南) or, where titles are missing, where the item-name section starts
again. Inside a guide, a *section heading* is a short line with top-level numbering
(一、 二、 … or 第一部分) whose words name a field in the vocabulary; the section's content
runs to the next top-level heading. Sub-headings inside the time-limit section split the
法定 and 承诺 limits.

Lines outside known sections (flowchart boxes, sample-form headings, footers) are ignored,
which is how flowchart noise never leaks into fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.base import RawField, RawItem, register
from govguide.document import Document, Line, Paragraph
from govguide.vocabulary import clean_heading, match_field, words
from normalizers.text import clean_text, is_page_footer, join_wrapped, joined_text

_TOP_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|第[一二三四五六七八九十]{1,3}(?:部分|章|节))\s*")
_SUB_HEADING = re.compile(r"^\s*[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]\s*")
_HEADING_MAX = 16  # a heading's words (numbering stripped) are short; longer lines are content


@dataclass
class _Guide:
    title: str | None
    title_line: Line | None
    sections: dict[str, list[Line]] = field(default_factory=dict)
    heading_lines: dict[str, Line] = field(default_factory=dict)


@register("sections")
class SectionsExtractor:
    name = "sections"

    def score(self, doc: Document) -> float:
        fields = set()
        for line in _body_lines(doc):
            f = _heading_field(line.text)
            if f:
                fields.add("time_limit" if f.endswith("_limit") else f)
        core = {"item_name", "materials", "time_limit", "legal_basis"}
        return len(fields & core) / len(core)

    def extract(self, doc: Document) -> list[RawItem]:
        return [item for g in _split_guides(_body_lines(doc)) if (item := _to_item(g)) is not None]


def _body_lines(doc: Document) -> list[Line]:
    lines: list[Line] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            lines.extend(ln for ln in block.lines if ln.text.strip() and not is_page_footer(ln.text))
        else:  # a table inside a sectioned guide: read its rows as lines of text
            for row in block.rows:
                for cell in row:
                    if cell is not None:
                        lines.extend(cell.lines)
    return lines


def _heading_field(text: str) -> str | None:
    m = _TOP_HEADING.match(text)
    if not m:
        return None
    # A heading may carry its value after a colon (四、承诺办结时限：15个工作日).
    label = re.split(r"[:：]", text[m.end() :], maxsplit=1)[0]
    if len(clean_heading(label)) > _HEADING_MAX:
        return None
    return match_field(label)


def _is_title(text: str) -> bool:
    """A guide's title line: short, ends with 办事指南/服务指南, and is not the tail of a
    sentence (no clause punctuation inside: ``…获取事项的服务指南`` is not a title)."""
    t = clean_text(text)
    return (
        len(t) <= 40
        and not any(p in t for p in "，,。；;：:")
        and any(t.endswith(s) for s in words("words", "guide_title_suffix"))
    )


def _split_guides(lines: list[Line]) -> list[_Guide]:
    guides: list[_Guide] = []
    current: _Guide | None = None
    section: str | None = None
    for line in lines:
        text = line.text.strip()
        if _is_title(text):
            current = _Guide(title=clean_text(text), title_line=line)
            guides.append(current)
            section = None
            continue
        if _TOP_HEADING.match(text):
            f = _heading_field(text)
            if f == "item_name" and (current is None or "item_name" in current.sections):
                current = _Guide(title=None, title_line=None)  # a guide without a title line
                guides.append(current)
            if current is None:
                continue
            # Sections not in the vocabulary still end the previous section.
            section = f if f and f not in current.sections else None
            if section:
                current.sections[section] = []
                current.heading_lines[section] = line
                rest = text[_TOP_HEADING.match(text).end() :]  # type: ignore[union-attr]
                inline = _inline_value(rest)
                if inline:
                    current.sections[section].append(Line(text=inline, ref=line.ref, fill=None))
            continue
        if current is not None and section:
            current.sections[section].append(line)
    return guides


def _inline_value(heading_rest: str) -> str | None:
    """``办理时限：5个工作日`` carries its value on the heading line itself."""
    for sep in ("：", ":"):
        if sep in heading_rest:
            value = heading_rest.split(sep, 1)[1].strip()
            return value or None
    return None


def _to_item(guide: _Guide) -> RawItem | None:
    name_lines = guide.sections.get("item_name") or []
    name = "".join(clean_text(joined_text(g)) for g in join_wrapped(name_lines))
    if not name and guide.title:
        name = _strip_title_suffix(guide.title)
    if not name:
        return None
    refs = [ln.ref for ln in name_lines] or ([guide.title_line.ref] if guide.title_line else [])
    first = name_lines[0] if name_lines else guide.title_line
    item = RawItem(name=name, name_refs=refs, page=first.ref.page if first else None)
    item.materials = RawField(guide.sections.get("materials", []))
    item.legal_basis = RawField(guide.sections.get("legal_basis", []))
    _split_time_limit(guide.sections.get("time_limit", []), item)
    for f in ("legal_limit", "promised_limit"):
        if f in guide.sections:  # a guide whose 法定/承诺 limits are top-level sections
            setattr(item, f, RawField(guide.sections[f]))
    return item


def _strip_title_suffix(title: str) -> str:
    for s in words("words", "guide_title_suffix"):
        if title.endswith(s):
            return title[: -len(s)]
    return title


def _split_time_limit(lines: list[Line], item: RawItem) -> None:
    """Route 法定/承诺 sub-sections; keep the whole text as ``time_limit``."""
    item.time_limit = RawField(list(lines))
    current: str | None = None
    buckets: dict[str, list[Line]] = {"legal_limit": [], "promised_limit": []}
    for line in lines:
        text = line.text.strip()
        sub = _SUB_HEADING.match(text)
        label = text[sub.end() :] if sub else text
        kind = match_field(label.split("：")[0].split(":")[0], max_len=10) if label else None
        if kind in ("legal_limit", "promised_limit") or (kind == "time_limit" and _kind_word(label)):
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
