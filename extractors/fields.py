"""Layout ``fields``: a guide read by its field labels wherever they stand.

Most guides on the web are not built like a portal grid or a numbered compilation: the page
title names the item (珠海市单位生育津贴办理指引如下), fields are named by a heading
(申請材料, 【办结时限】, 九、申请材料), a label before a colon (办理时限：受理后5个工作日内完成), a
question (江苏生育津贴申领材料有什么?) or a sentence (申办长期异地就医时应提供如下资料:), and
page furniture and spam sit around them. This reader finds those labels by meaning, from the
vocabulary (``[fields]`` and ``[reader]`` in ``govguide/vocabulary.toml``), and takes a
field's value up to the next label of the same or a higher level:

- a numbered label (三、 / （四） / 1.) ends at the next line numbered in its style or a
  coarser one, at a heading set in a larger font, at a bracketed label, or at a label of
  another core field written without numbering;
- an unnumbered label (a heading, 【…】, a question, a sentence) ends at the next heading or
  label; inside a materials list it also ends where numbered entries give way to prose.

Items: one per 事项名称 label; else one per materials list that names its own act (一、报销…
费用 / 二、报销…需要的材料: two sub-items on one page, sharing the page's time limit); else
one for the page, named by its title or question (cleaned, see
:mod:`normalizers.item_title`). Where no list is labelled, the numbered list made mostly of
documents to hand in is the materials list, and the answer to a how-to question gives the
materials it names (填写《…申请表》，提供…资料). A page with no name, or whose only evidence is
prose, gives nothing: news items and notices mention materials and days too.

Text is read in simplified characters (traditional pages: 申請材料); values keep the page's
own writing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from extractors.base import RawField, RawItem, register
from govguide.document import Document, Line, Paragraph, Table
from govguide.models import LegalBasis, Material, SourceRef
from govguide.vocabulary import clean_heading, match_field, vocabulary, words
from normalizers.item_title import (
    clean_name,
    is_name,
    is_notice_title,
    keep_writing,
    name_from_title,
)
from normalizers.legal_basis import parse_legal_basis
from normalizers.numbering import RANK, heading_number, heading_numbering
from normalizers.script import READING, to_simplified
from normalizers.text import clean_text, is_page_footer
from normalizers.time_limits import parse_time_limit

_CORE = ("item_name", "materials", "time_limit", "legal_basis")
# Labels whose words before the field word name the act (生育津贴申领材料, …申领办理依据).
_NAMING = ("materials", "legal_basis", "time_limit", "legal_limit", "promised_limit")
_TIME = ("time_limit", "legal_limit", "promised_limit")
_ENUM_PART_MAX = 20  # one name in a list written in a line
_MENU_MAX = 6  # a navigation entry
_HEADING_MAX = 16  # a heading's words (numbering stripped) are short
_LONG_HEADING_MAX = 40  # …unless it names the act its materials are for (报销流产术…需要的材料)
_LABEL_MAX = 20  # and so is a label before its colon
_TERMINAL = ("。", "；", ";", "！", "!")
_CLOSED = ("。", "；", ";", "：", ":", "！", "!", "？", "?")
_ANSWER = re.compile(r"^(?:答|回答|解答)\s*[：:]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_BRACKET = re.compile(r"^[【\[]([^【】\[\]]{1,20})[】\]]\s*(.*)$")
_COLON = re.compile(r"^([^：:]{1,30}?)\s*[：:]\s*(.*)$")
_SENTENCE_MATERIALS = re.compile(r"(?:如下|以下|下列)(?:材料|资料)|(?:材料|资料)(?:如下|有|包括|为)")
_ENUMERATION = re.compile(r"(?:材料|资料)(?:有|包括|为|如下)[：:]?(.+)$")
_SENTENCE_TAIL = re.compile(r"(?:应|需|须|要)?(?:提供|提交|准备|携带)?(?:如下|以下|下列)(?:材料|资料)$")


@dataclass
class _Line:
    line: Line
    orig: str  # the line as written, stripped
    text: str  # the same in simplified characters
    style: str | None  # numbering style
    rest: str  # simplified text after the numbering
    large: bool  # set in a larger font than the body text: a heading

    @property
    def number(self) -> int | None:
        return heading_number(self.text) if self.style is not None else None

    pos: list[int] | None = None  # index in ``orig`` of each character of ``text``

    def orig_after(self, simplified_tail: str) -> str:
        """The original text of the line's last ``len(simplified_tail)`` characters."""
        if not simplified_tail or len(simplified_tail) > len(self.text):
            return simplified_tail
        start = len(self.text) - len(simplified_tail)
        if self.pos is not None:
            return self.orig[self.pos[start] :]
        return self.orig[start:] if len(self.orig) == len(self.text) else simplified_tail


@dataclass
class _Label:
    field: str | None  # a vocabulary field, or None for a heading naming no field
    kind: str  # heading | inline | bracket | question | sentence
    value: str | None = None  # the value written after the label (simplified)
    subject: str | None = None  # the act the label names (生育津贴申领 in …申领材料有什么)
    weak: bool = False  # 办理时间 and the like: a time limit only if the value is days


@dataclass
class _Section:
    field: str | None
    label: _Label
    head: _Line
    lines: list[_Line] = field(default_factory=list)

    @property
    def numbered(self) -> bool:
        return self.head.style is not None and self.label.kind != "bracket"


@register("fields")
class FieldsExtractor:
    name = "fields"

    def score(self, doc: Document) -> float:
        items = self.extract(doc)
        if not items:
            return 0.0
        return 0.6 if any(i.materials or i.material_rows for i in items) else 0.5

    def extract(self, doc: Document) -> list[RawItem]:
        lines = _lines(doc)
        title = _title(doc, lines)
        if title is not None and title in lines:
            # Navigation before the title (政务服务 / 办事指南 / 联系我们) is page furniture.
            lines = lines[lines.index(title) :]
        sections = _sections(lines)
        return _items(sections, lines, title)


# ---------------------------------------------------------------------------------------
# Lines


def _is_boilerplate(text: str) -> bool:
    if _LATIN_ONLY.fullmatch(text):
        return True  # THE END, The Beginning, 1位: page furniture around a Chinese text
    return text.startswith(tuple(words("reader", "boilerplate_start"))) or any(
        b in text for b in words("reader", "boilerplate")
    )


_LATIN_ONLY = re.compile(r"[A-Za-z0-9 .,:;!?'\-]{1,24}|\d{1,3}位")


def _lines(doc: Document) -> list[_Line]:
    large = _large_blocks(doc)
    out: list[_Line] = []
    for bi, block in enumerate(doc.blocks):
        if isinstance(block, Paragraph):
            for ln in block.lines:
                made = _make_line(ln, bi in large)
                if made is not None:
                    out.append(made)
        else:
            out.extend(_table_lines(block))
    return _skip_menu(out)


def _skip_menu(lines: list[_Line]) -> list[_Line]:
    """A page's navigation menu (政务服务 / 办事指南 / 政策文件 / 联系我们) before its text."""
    n = 0
    while n < len(lines) and len(lines[n].text) <= _MENU_MAX and not re.search(r"[，,。：:]", lines[n].text):
        n += 1
    return lines[n:] if n >= 3 else lines


def _make_line(ln: Line, large: bool) -> _Line | None:
    orig = ln.text.strip()
    if not orig or is_page_footer(orig) or _is_boilerplate(to_simplified(orig)):
        return None
    text = to_simplified(orig)
    pos = None
    if len(text) == len(orig) and _RUBY.search(text):
        text, pos = _without_ruby(text)
    style, rest = _numbering(text)
    return _Line(line=ln, orig=orig, text=text, style=style, rest=rest.strip(), large=large, pos=pos)


_RUBY = READING


def _without_ruby(text: str) -> tuple[str, list[int]]:
    """``text`` without pinyin readings, and where each remaining character stood."""
    keep: list[int] = []
    last = 0
    for m in _RUBY.finditer(text):
        keep.extend(range(last, m.start()))
        last = m.end()
    keep.extend(range(last, len(text)))
    return "".join(text[i] for i in keep), keep


def _table_lines(table: Table) -> list[_Line]:
    """A table inside a page guide (申请材料 | 1.… 2.…): a label cell becomes a label line,
    its value cells the lines under it; other rows are read row by row."""
    out: list[_Line] = []
    for row in table.rows:
        cells = [c for c in row if c is not None and c.lines]
        if not cells:
            continue
        first = clean_text(cells[0].text)
        if len(cells) >= 2 and len(first) <= _LABEL_MAX and match_field(to_simplified(first)):
            label = Line(text=first + "：", ref=cells[0].ref)
            out.append(_make_line(label, True))  # type: ignore[arg-type]
            for cell in cells[1:]:
                out.extend(m for ln in cell.lines if (m := _make_line(ln, False)))
            continue
        for cell in cells:
            out.extend(m for ln in cell.lines if (m := _make_line(ln, False)))
    return [x for x in out if x is not None]


def _large_blocks(doc: Document) -> set[int]:
    """Paragraphs set larger than the body text (headings). PDF sizes are relative to the
    body; DOCX sizes are points where set (unset = the body's); HTML sets them on <h1>–<h6>."""
    paras = [(i, b) for i, b in enumerate(doc.blocks) if isinstance(b, Paragraph)]
    sizes = Counter(b.size for _, b in paras)
    body = sizes.most_common(1)[0][0] if sizes else None
    out: set[int] = set()
    for i, b in paras:
        if b.size is None:
            continue
        if doc.format == "html":
            big = b.size >= 1.0
        elif body is None:
            big = b.size >= 12.5
        else:
            big = b.size > body * 1.05
        if big:
            out.add(i)
    return out


_numbering = heading_numbering


def _is_numbered(text: str) -> bool:
    return heading_numbering(text)[0] is not None


# ---------------------------------------------------------------------------------------
# Labels


@cache
def _suffixes() -> tuple[str, ...]:
    return tuple(sorted(words("reader", "materials_suffix"), key=len, reverse=True))


def _field_of(label: str) -> tuple[str | None, bool]:
    """(field, weak) a short label names: by the vocabulary's field words, a label ending in
    材料/资料 (报销材料), or a word that only sometimes means a time limit (办理时间)."""
    heading = clean_heading(label)
    if not heading:
        return None, False
    f = match_field(heading, max_len=_LABEL_MAX)
    if f:
        return f, False
    if any(w in heading for w in words("exclude", "words")):
        return None, False
    if heading.endswith(_suffixes()) and len(heading) <= _LONG_HEADING_MAX:
        return "materials", False
    if any(w in heading for w in words("reader", "weak_time_limit")):
        return "time_limit", True
    return None, False


def _is_question(text: str) -> bool:
    t = text.rstrip()
    return t.endswith(("?", "？")) or (
        len(t) <= 30 and any(q in t for q in words("reader", "question_words")) and not t.endswith(_TERMINAL)
    )


_MATERIALS_TAIL = re.compile(r"(?:需要提供的|需要提交的|需要准备的|需要的|所需要的|所需的|所需|需提供的|需提交的|需要|的)?(?:材料|资料)(?:清单|目录)?.{0,6}$")
_LABEL_DECORATION = re.compile(r"[\s:：*＊【】\[\]“”\"'·•]+")  # not numbering: 2019年… is a year
_WHEN = re.compile(r"(?:申办|办理|申请|申领)(.{2,20}?)时")


def _subject(label: str, field: str | None) -> str | None:
    """The act a field label names: 生育津贴申领材料有什么 → 生育津贴申领, 报销流产术…需要的
    材料 → 报销流产术…, 申办长期异地就医时应提供如下资料 → 长期异地就医, 银川生育津贴申领办理
    依据 → 生育津贴申领; a bare 申请材料 names none."""
    when = _WHEN.search(label)
    if when:
        text = when.group(1)
    else:
        text = _SENTENCE_TAIL.sub("", _LABEL_DECORATION.sub("", label))
        cut = _field_word_at(text, field)
        if cut is None:
            return None
        text = text[:cut]
    name = clean_name(text)
    if not is_name(name):
        return None
    generic = re.sub("|".join(words("reader", "item_acts")) + "|所需|需要|提交|提供|的|应|相关", "", name)
    return name if len(generic) >= 2 else None


def _field_word_at(text: str, field: str | None) -> int | None:
    """Where the words naming ``field`` start in a label (None: the label starts with them)."""
    if field is None:
        return len(text)
    if field == "materials":
        # …生育津贴报销材料 names 生育津贴报销: the act stays, only 材料/资料 and what asks
        # for them (需要的, 所需) go.
        m = _MATERIALS_TAIL.search(text)
        return (m.start() or None) if m else len(text)
    field_words = list(vocabulary()["fields"].get(field, []))
    for w in sorted(field_words, key=len, reverse=True):
        i = text.find(w)
        if i > 0:
            return i
        if i == 0:
            return None
    return len(text)


def _read_label(ln: _Line) -> _Label | None:
    t = ln.rest
    if not t:
        return None
    m = _BRACKET.match(t)
    if m:
        f, weak = _field_of(m.group(1))
        return _Label(f, "bracket", m.group(2).strip() or None, weak=weak)
    if _is_question(t) and len(t) <= 40:
        q = t
        f: str | None = None
        weak = False
        if re.search("材料|资料", q):
            f = "materials"
        elif re.search("时限|时间|多久|几天|多长", q):
            f, weak = "time_limit", True
        elif "条件" in q:
            f = "conditions"
        subject = _subject(q, f) if f is not None else None
        if subject is None:
            subject = clean_name(q)
        return _Label(f, "question", subject=subject if is_name(subject) else None, weak=weak)
    if _ANSWER.match(t):
        return None  # 答：… is the content of the question above it
    m = _COLON.match(t)
    if m and len(clean_heading(m.group(1))) <= _LABEL_MAX:
        label, value = m.group(1), m.group(2).strip()
        f, weak = _field_of(label)
        if f is None and _SENTENCE_MATERIALS.search(label):
            f = "materials"
        if f is not None:
            if f == "materials" and value:
                enum = _ENUMERATION.search(value)
                if enum:  # 注意事项：需要上传的材料有A、B、C，因…
                    return _Label("materials", "sentence", enum.group(1))
            subject = None if value else _subject(label, f)
            return _Label(f, "inline" if value else "heading", value or None, subject, weak)
        enum = _ENUMERATION.search(value) if value else None
        if enum:
            return _Label("materials", "sentence", enum.group(1))
        return _Label(None, "inline", value or None) if len(clean_heading(label)) <= 8 else None
    if t.endswith(("：", ":")) and _SENTENCE_MATERIALS.search(t):
        # 申办长期异地就医时应提供如下资料：
        return _Label("materials", "sentence", subject=_subject(t.rstrip("：:"), "materials"))
    enum = _ENUMERATION.search(t)
    if enum and ln.style is None:
        return _Label("materials", "sentence", enum.group(1))
    heading = clean_heading(t)
    long_materials = len(heading) <= _LONG_HEADING_MAX and heading.endswith(_suffixes())
    if (
        (len(heading) <= _HEADING_MAX or long_materials)
        and not t.endswith(_TERMINAL)
        and len(_CJK.findall(heading)) >= 2
    ):
        f, weak = _field_of(t)
        subject = _subject(t, f) if f is not None else None
        if f is not None:
            return _Label(f, "heading", subject=subject, weak=weak)
        return _Label(None, "heading")
    return None


# ---------------------------------------------------------------------------------------
# Sections


def _family(f: str | None) -> str | None:
    return "time_limit" if f in _TIME else f


def _sections(lines: list[_Line]) -> list[_Section]:
    sections: list[_Section] = []
    current: _Section | None = None
    for i, ln in enumerate(lines):
        prev = lines[i - 1] if i else None
        if current is not None and prev is not None and _wrapped(prev, ln):
            current.lines.append(ln)  # the second half of a line the PDF wrapped
            continue
        lab = _read_label(ln)
        if current is not None and not _ends(current, ln, lab, prev):
            current.lines.append(ln)
            continue
        if lab is None:
            current = None
            continue
        current = _Section(field=lab.field, label=lab, head=ln)
        sections.append(current)
    return sections


def _wrapped(ln: _Line, following: _Line | None = None) -> bool:
    """Whether a PDF wrapped ``ln`` at the margin, so that ``following`` continues it."""
    if ln.line.fill is None or ln.line.fill < 0.9 or ln.orig.endswith(_CLOSED):
        return False
    return following is None or (following.style is None and not following.large and not _BRACKET.match(following.text))


def _ends(sec: _Section, ln: _Line, lab: _Label | None, prev: _Line | None) -> bool:
    """Whether ``ln`` ends section ``sec`` (see the module doc)."""
    if ln.large and (lab is not None or not sec.lines):
        # A numbered materials heading under an unnumbered one (郑州…报销材料 / 一、…报销材料)
        # is a group of that list, whatever its font.
        nested = sec.field == "materials" and not sec.numbered and ln.style is not None and lab is not None
        return lab is not None and not (nested and lab.field == "materials")
    if lab is not None and lab.kind in ("bracket", "question") and ln.style is None:
        # 【法律】《…》 inside a legal-basis block labels one entry; it ends nothing.
        return not (lab.kind == "bracket" and lab.field is None and lab.value)
    core_label = (
        lab is not None
        and ln.style is None
        and lab.field in (*_CORE, *_TIME)
        and _family(lab.field) != _family(sec.field)
    )
    if core_label:
        return True
    if sec.numbered:
        if ln.style is not None and RANK.get(ln.style, 9) <= RANK.get(sec.head.style or "", 9):
            return not _in_list(sec, ln, lab)
        return sec.field == "materials" and _prose_after_list(sec, ln, prev)
    if sec.field is None:
        return lab is not None  # a heading naming no field holds nothing we read
    if lab is not None and lab.field is not None and _family(lab.field) != _family(sec.field) and lab.kind != "inline":
        return True
    # An unnumbered label: its content runs until the next heading-like line.
    if lab is not None and ln.style is None and lab.kind == "heading":
        if lab.field is not None or (sec.lines and sec.lines[-1].style is not None):
            return True
    if lab is not None and ln.style is None and lab.kind == "sentence" and sec.field == "materials":
        return True
    return sec.field == "materials" and _prose_after_list(sec, ln, prev)


def _in_list(sec: _Section, ln: _Line, lab: _Label | None) -> bool:
    """A line numbered like the section's own label that is an entry of a list inside it
    (3.办理材料 then 1.… 2.…), not the next section."""
    if lab is not None and lab.field is not None:
        return False
    if ln.style != sec.head.style:
        return False
    number = ln.number
    entries = [x for x in sec.lines if x.style == ln.style]
    if number == 1 and not entries:
        return (sec.head.number or 0) != 0
    return bool(entries) and entries[-1].number is not None and number == entries[-1].number + 1


def _prose_after_list(sec: _Section, ln: _Line, prev: _Line | None) -> bool:
    """In a materials list of numbered entries, an unnumbered line that does not continue
    the entry above it (a wrapped line) is the prose after the list."""
    if ln.style is not None or not any(x.style is not None for x in sec.lines):
        return False
    if prev is not None and _wrapped(prev):
        return False
    return not _is_numbered(ln.text)


# ---------------------------------------------------------------------------------------
# Items


def _title(doc: Document, lines: list[_Line]) -> _Line | None:
    """The page's title: its first line when that line is a heading (larger font) or stands
    alone before the first label."""
    if not lines:
        return None
    if doc.title:
        simple = to_simplified(doc.title.strip())
        for ln in lines:
            if ln.text == simple or (len(ln.text) >= 4 and simple.startswith(ln.text)):
                return ln
        made = _make_line(Line(text=doc.title, ref=SourceRef(para=0)), True)
        return made
    first = lines[0]
    label = _read_label(first)
    if label is not None and label.field is not None and label.kind != "question":
        return None
    if first.large or first.style is None:
        return first
    return None


def _items(sections: list[_Section], lines: list[_Line], title: _Line | None) -> list[RawItem]:
    names = [s for s in sections if s.field == "item_name"]
    if names:
        return _items_by_name_labels(sections)
    if title is not None and is_notice_title(title.orig):
        return []  # a notice mentions materials and days; only a named item is a guide's
    _promote_named_lists(sections)
    groups = [s for s in sections if s.field == "materials" and s.label.subject and s.lines]
    if len(groups) >= 2:
        shared = [s for s in sections if s not in groups]
        return [it for g in groups if (it := _item(g.label.subject or "", g.head, [g, *shared], lines)) is not None]
    name, name_line = _page_name(sections, lines, title)
    if not name or name_line is None:
        return []
    item = _item(name, name_line, sections, lines)
    return [item] if item is not None else []


def _items_by_name_labels(sections: list[_Section]) -> list[RawItem]:
    out: list[RawItem] = []
    starts = [i for i, s in enumerate(sections) if s.field == "item_name"]
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(sections)
        own = sections[start:end] if k else sections[:end]
        head = sections[start]
        value = head.label.value
        value_line = head.head
        if not value and head.lines:
            value_line, value = _name_value(head.lines)
        if not value:
            continue
        name = re.sub(r"\s+", "", clean_text(keep_writing(value.rstrip("。."), _orig_value(value_line, value))))
        item = _item(name.rstrip("。."), value_line, own, [])
        if item is not None:
            out.append(item)
    return out


def _name_value(lines: list[_Line]) -> tuple[_Line, str]:
    """The name under a 事项名称 heading: its 子项名称 where it gives 主项名称 and 子项名称
    as labelled lines, else its first line."""
    for ln in lines:
        m = _COLON.match(ln.rest)
        if m and m.group(2).strip() and _field_of(m.group(1))[0] == "item_name":
            return ln, m.group(2).strip()
    return lines[0], lines[0].text


def _orig_value(ln: _Line, simplified_value: str) -> str:
    return ln.orig_after(simplified_value) if ln.text.endswith(simplified_value) else simplified_value


def _promote_named_lists(sections: list[_Section]) -> None:
    """一、报销生育的医疗费用… followed by a list of documents, beside 二、报销…需要的材料:
    sibling headings each over a materials list are each a sub-item's materials."""
    named = [s for s in sections if s.field == "materials" and s.label.subject and s.numbered]
    styles = {s.head.style for s in named}
    for s in sections:
        if s.field is None and s.head.style in styles and s.label.kind == "heading":
            entries = [x for x in s.lines if x.style is not None]
            subject = name_from_title(s.head.rest)
            if entries and subject and _documents_share(entries) >= 0.6:
                s.field = "materials"
                s.label.subject = subject


def _documents_share(entries: list[_Line]) -> float:
    """Share of list entries that name a document to hand in (证, 表, 复印件 …)."""
    nouns = words("reader", "material_nouns")
    hits = sum(1 for e in entries if any(n in e.rest for n in nouns))
    return hits / len(entries) if entries else 0.0


def _page_name(sections: list[_Section], lines: list[_Line], title: _Line | None) -> tuple[str | None, _Line | None]:
    """The page's item name: its title (cleaned), unless the title is itself a field heading
    (江苏省生育津贴领取条件) or a label names the same act more precisely (长期异地就医 under
    广州异地就医办理指南); else the act a label or a question names, an opening sentence or a
    quoted item name, in that order."""
    from_title = name_from_title(title.orig) if title is not None else None
    if from_title and title is not None and _field_of(title.text.rstrip("?？:："))[0] is not None:
        from_title = None  # a title that names a field is a heading, not the item
    labelled = [s for s in sections if s.label.subject and s.label.kind != "question" and s.field in _NAMING]
    labelled.sort(key=lambda s: s.field != "materials")
    for s in labelled:
        subject = s.label.subject or ""
        if from_title is None or to_simplified(from_title) in subject:
            return keep_writing(subject, s.head.orig), s.head
    if from_title and title is not None:
        return from_title, title
    for s in sections:
        if s.label.kind == "question" and s.label.subject:
            return keep_writing(s.label.subject, s.head.orig), s.head
    for ln in lines[:3]:
        name = _name_in_sentence(ln.text)
        if name:
            return keep_writing(name, ln.orig), ln
    quoted = _quoted_name(lines)
    if quoted:
        return quoted
    return None, None


_QUESTION_CLAUSE = re.compile(r"([^，,。！!？?；;]{4,40}?)(?:的)?(?:流程是怎样的|怎么办理|如何办理|需要(?:什么|哪些)材料|需要什么条件)")
_LEAD_IN = re.compile(r"^.*?(?:看看|了解一下|了解|介绍一下|介绍|说说|讲讲)")


def _name_in_sentence(text: str) -> str | None:
    """今天我们就来看看武汉城镇居民的医疗保险办理流程是怎样的 → 城镇居民的医疗保险办理."""
    m = _QUESTION_CLAUSE.search(text)
    if not m:
        return None
    clause = _LEAD_IN.sub("", m.group(1))
    name = clean_name(clause)
    return name if is_name(name) else None


_QUOTED = re.compile(r"[“\"「]([^”\"」]{4,20})[”\"」]")


def _quoted_name(lines: list[_Line]) -> tuple[str, _Line] | None:
    """An item named only in quotes (进入“生育津贴申领”页面), the one quoted most often."""
    acts = tuple(words("reader", "item_acts"))
    seen: Counter[str] = Counter()
    where: dict[str, _Line] = {}
    for ln in lines:
        for m in _QUOTED.finditer(ln.text):
            q = m.group(1)
            if q.endswith(acts) and is_name(q):
                seen[q] += 1
                where.setdefault(q, ln)
    if not seen:
        return None
    best, n = seen.most_common(1)[0]
    return (best, where[best]) if n >= 2 else None


def _item(name: str, name_line: _Line, sections: list[_Section], lines: list[_Line]) -> RawItem | None:
    item = RawItem(name=name, name_refs=[name_line.line.ref], page=name_line.line.ref.page)
    _set_materials(item, sections, lines)
    _set_time(item, sections)
    legal = next((s for s in sections if s.field == "legal_basis"), None)
    if legal is not None:
        item.legal_basis = RawField(_value_lines(legal))
    else:
        item.legal_rows = _cited_in_prose(lines)
    case = next((s for s in sections if s.field == "case_type"), None)
    if case is not None:
        value = [x.text.strip() for x in _value_lines(case)]
        item.case_type = " ".join(value) or None
    has_time = bool(item.time_limit or item.legal_limit or item.promised_limit)
    if not (item.materials or item.material_rows or has_time or item.legal_basis):
        return None
    return item


# 根据沈人社发(2017)63号《关于…的通知》规定: a citation in the page's prose.
_CITED = re.compile(r"(?:根据|依据|按照|依照)([^，,。；;《]{0,24}《[^》]{4,60}》(?:第[一二三四五六七八九十百零\d]+条)?(?:[(（][^)）]{2,24}[)）])?)")


def _cited_in_prose(lines: list[_Line]) -> list[tuple[LegalBasis, list[SourceRef]]]:
    out: list[tuple[LegalBasis, list[SourceRef]]] = []
    seen: set[str] = set()
    for ln in lines:
        for m in _CITED.finditer(ln.text):
            for basis in parse_legal_basis(m.group(1)):
                if basis.title not in seen:
                    seen.add(basis.title)
                    out.append((basis, [ln.line.ref]))
    return out


def _value_lines(sec: _Section) -> list[Line]:
    """The section's value: what follows the label on its line, then the lines under it."""
    out: list[Line] = []
    if sec.label.value and sec.label.kind != "sentence":
        out.append(Line(text=_orig_value(sec.head, sec.label.value), ref=sec.head.line.ref, fill=sec.head.line.fill))
    out.extend(x.line for x in sec.lines)
    return out


def _set_materials(item: RawItem, sections: list[_Section], lines: list[_Line]) -> None:
    mats = [s for s in sections if s.field == "materials"]
    attrs = tuple(words("reader", "material_attributes"))
    for sec in mats:
        if sec.label.kind == "sentence" and sec.label.value:
            _set_enumeration(item, sec)
            return
        kept = [ln for ln in _value_lines(sec) if not _is_attribute(ln.text, attrs)]
        listed = _listed_in_one_line(kept)
        if listed:
            item.material_rows = [(Material(name=p), [kept[0].ref]) for p in listed]
            return
        if any(ln.text.strip() for ln in kept):
            item.materials = RawField(kept)
            return
    if mats:
        return
    answer = [s for s in sections if s.label.kind == "question" and s.field is None]
    for sec in answer:
        found = _materials_in_prose(sec)
        if found:
            item.material_rows = found
            return
    listed = _documents_list(lines, sections)
    if listed:
        item.materials = RawField(listed)


def _is_attribute(text: str, attrs: tuple[str, ...]) -> bool:
    label = re.split("[：:]", text.strip(), maxsplit=1)
    return len(label) == 2 and to_simplified(label[0]).strip() in attrs


_ENUM_SPLIT = re.compile(r"、(?![^《]*》)(?![^（(]*[)）])")


def _listed_in_one_line(lines: list[Line]) -> list[str]:
    """A materials value written as one unnumbered line of short names (有效身份证件、社保卡、
    医学死亡证明。): one material each. A phrase ending in 等… names one material."""
    texts = [t for ln in lines if (t := ln.text.strip())]
    if len(texts) != 1 or _is_numbered(texts[0]):
        return []
    text = texts[0].rstrip("。；;.")
    parts = [p.strip() for p in _ENUM_SPLIT.split(text)]
    if len(parts) < 2 or any(not p or len(p) > _ENUM_PART_MAX for p in parts) or "等" in parts[-1]:
        return []
    return parts


_ENUM_END = re.compile(r"[，,。；;](?![^《]*》)(?![^（(]*[)）])")


def _set_enumeration(item: RawItem, sec: _Section) -> None:
    """需要上传的材料有医疗资料、《申领表》、《出生医学证明》，因… → one material per element."""
    value = _orig_value(sec.head, sec.label.value or "")
    prev = sec.head
    for ln in sec.lines:  # the sentence goes on where a PDF wrapped it
        if not _wrapped(prev, ln):
            break
        value += ln.orig
        prev = ln
    value = _ENUM_END.split(value, maxsplit=1)[0]
    parts = [p.strip() for p in re.split(r"、(?![^《]*》)(?![^（(]*[)）])", value) if p.strip()]
    item.material_rows = [(Material(name=p.rstrip("等")), [sec.head.line.ref]) for p in parts]


_PROSE_MATERIAL = re.compile(r"(?:填写|提供|提交|携带|上传)(《[^》]{2,40}》|[^，,。；;]{2,80})")


def _materials_in_prose(sec: _Section) -> list[tuple[Material, list[SourceRef]]]:
    """The answer to a how-to question names materials in sentences: 填写《…申请表》，提供近期
    …等认定资料 → two materials (a list ending in 等…资料 is one material)."""
    out: list[tuple[Material, list[SourceRef]]] = []
    refs = [ln.line.ref for ln in sec.lines]
    # The answer's lines as one text: a PDF wraps its sentences anywhere.
    orig = "".join(ln.orig for ln in sec.lines)
    simple = "".join(ln.text for ln in sec.lines)
    text = orig if len(orig) == len(simple) else simple
    for m in _PROSE_MATERIAL.finditer(simple):
        start, end = m.span(1)
        phrase = text[start:end].strip()
        if phrase.startswith("《") or re.search("(材料|资料|证明|证件|表|书|证|卡)$", simple[start:end].strip()):
            out.append((Material(name=phrase), refs))
    return out


def _documents_list(lines: list[_Line], sections: list[_Section]) -> list[Line]:
    """With no labelled materials, the numbered list (1. 2. 3. …) outside every labelled
    field whose entries are mostly documents to hand in."""
    inside = {id(x) for s in sections if s.field is not None for x in (s.head, *s.lines)}
    runs: list[list[_Line]] = []
    run: list[_Line] = []
    for ln in lines:
        if id(ln) in inside:
            continue
        number = ln.number
        last = next((x.number for x in reversed(run) if x.style is not None), 0) or 0
        if ln.style is not None and number is not None and (
            (not run and number == 1) or (run and ln.style == run[0].style and number == last + 1)
        ):
            run.append(ln)
            continue
        if run and ln.style is None and _wrapped(run[-1]):
            run.append(ln)  # a wrapped entry
            continue
        if len(run) >= 2:
            runs.append(run)
        run = [ln] if ln.style is not None and number == 1 else []
    if len(run) >= 2:
        runs.append(run)
    scored = [(r, _documents_share([x for x in r if x.style is not None])) for r in runs]
    best = max(scored, key=lambda rs: rs[1], default=None)
    if best is None or best[1] < 0.6:
        return []
    return [x.line for x in best[0]]


def _set_time(item: RawItem, sections: list[_Section]) -> None:
    for sec in sections:
        if _family(sec.field) != "time_limit":
            continue
        value = _value_lines(sec)
        if not value:
            continue
        if sec.label.weak:
            # 办理时间 is a limit only when it says a number of days (not 9:00-17:00).
            if _says_days(value[:1]):
                value = value[:1]
            elif not _says_days(value):
                continue
        if sec.field == "legal_limit":
            item.legal_limit = RawField(value)
        elif sec.field == "promised_limit":
            item.promised_limit = RawField(value)
        else:
            item.time_limit = RawField(value)
            _split_kinds(item, value)
        if item.time_limit or item.promised_limit:
            return


def _says_days(lines: list[Line]) -> bool:
    parsed = parse_time_limit(" ".join(clean_text(x.text) for x in lines), default_kind="promised")
    return parsed is not None and (parsed.promised_days is not None or parsed.legal_days is not None)


def _split_kinds(item: RawItem, value: list[Line]) -> None:
    """法定时限：5工作日 / 承诺时限：10个工作日 lines inside one time-limit field."""
    legal = [x for x in value if "法定" in to_simplified(x.text)[:6]]
    promised = [x for x in value if "承诺" in to_simplified(x.text)[:6]]
    if legal and not promised and len(value) >= 1:
        item.legal_limit = RawField(legal)
        item.time_limit = RawField(legal)
    elif promised and not legal:
        item.time_limit = RawField(promised)
