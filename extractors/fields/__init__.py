"""Layout ``fields``: a guide read by its field labels wherever they stand.

Most guides on the web are not built like a portal grid or a numbered compilation: the page
title names the item (珠海市单位生育津贴办理指引如下), fields are named by a heading
(申請材料, 【办结时限】, 九、申请材料), a label before a colon (办理时限：受理后5个工作日内完成), a
question (江苏生育津贴申领材料有什么?) or a sentence (申办长期异地就医时应提供如下资料:), and
page furniture and spam sit around them. This reader finds those labels by meaning, from the
vocabulary (``[fields]`` and ``[reader]`` in ``govguide/core/vocabulary.toml``), and takes a
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
materials it names (填写《…申请表》，提供…资料); with no list at all, the documents a sentence says
to bring for the act the item names (…办理跨省异地就医备案，持社会保障卡和身份证到…办理). A page with
no name, or whose prose speaks of bringing papers for no act its name ends with, gives nothing:
news items and notices mention materials and days too.

Text is read in simplified characters (traditional pages: 申請材料); values keep the page's
own writing.
"""

from __future__ import annotations

import re

from extractors.base import RawItem
from extractors.fields.extent import Section, field_family, read_sections
from extractors.fields.labels import guide_before_subtitle, read_label
from extractors.fields.lines import PageLine, make_line, page_lines
from extractors.fields.naming import (
    heading_name,
    is_guide_title,
    name_value,
    names_process_act,
    names_process_title,
    orig_value,
    page_name,
    page_title,
    title_unrelated,
)
from extractors.fields.values import documents_share, only_limit_in_prose, raw_item
from govguide.core.document import Document, Line
from govguide.core.vocabulary import words
from normalizers.item_title import (
    GUIDE_ENDINGS,
    act_of,
    asked_act,
    defined_name,
    is_notice_title,
    keep_writing,
    launched_service,
    name_from_title,
    names_a_channel,
    names_no_item,
    names_service,
    titled_definition,
)
from normalizers.material_sentence import DOCUMENT_LIST_SHARE, names_a_document
from normalizers.numbering import RANK
from normalizers.script import to_simplified
from normalizers.text import clean_text


class FieldsExtractor:
    name = "fields"
    description = "any guide, by field labels wherever they stand (the fallback)"

    def score(self, doc: Document) -> float:
        items = self.extract(doc)
        if not items:
            return 0.0
        return 0.6 if any(i.materials or i.material_rows for i in items) else 0.5

    def extract(self, doc: Document) -> list[RawItem]:
        lines = page_lines(doc)
        title = page_title(doc, lines)
        if title is not None and title in lines:
            # Navigation before the title (政务服务 / 办事指南 / 联系我们) is page furniture.
            lines = lines[lines.index(title) :]
        if title is not None:
            lines = _without_title_repeats(title, lines)
        if title is not None and title_unrelated(title, lines):
            # A repost under another page's title (新疆…挂号流程 over a 长沙 医疗救助 guide): the
            # title names nothing the text speaks of, so it names no item.
            lines = [ln for ln in lines if ln is not title]
            title = None
        parts = _guide_parts(lines)
        if parts:
            # 酒泉市居民医疗保险参保办理指南 … 酒泉市农村医疗保险参保办理指南 …: guides one after
            # another on one page, each read as a page of its own.
            return [it for head, part in parts for it in _items(read_sections(part), part, head)]
        sections = read_sections(lines)
        return _items(sections, lines, title)


def _without_title_repeats(title: PageLine, lines: list[PageLine]) -> list[PageLine]:
    """The lines without the title given again once the page's fields have begun: reposts put
    it over every screenshot (2、备案材料… / …怎么办理异地就医 / 文章插图 / ③提交备案…), where it
    would cut a list or a process in two. Repeats before the first field (the title over the
    text it names) stay."""
    out: list[PageLine] = []
    begun = False
    for ln in lines:
        label = read_label(out[-1]) if out else None
        under_heading = label is not None and label.kind == "heading" and label.field is not None
        if begun and ln is not title and ln.text == title.text and not under_heading:
            continue  # (under 一、事项名称 the title's words are the field's value)
        if not begun and ln.text != title.text and (label := read_label(ln)) is not None:
            begun = label.field is not None and label.kind != "question"
        out.append(ln)
    return out


def _guide_parts(lines: list[PageLine]) -> list[tuple[PageLine, list[PageLine]]]:
    """The page cut at its guides' own titles (unnumbered lines ending with 指南/指引 that name an
    item), when two or more different guides stand on it; [] otherwise. A title given twice (the
    page's title repeated over its text) starts one guide."""
    starts: list[int] = []
    names: list[str] = []
    for i, ln in enumerate(lines):
        if ln.style is not None or not is_guide_title(ln.orig) or ln.text.rstrip().endswith(("。", "；", ";")):
            continue
        name = to_simplified(name_from_title(ln.orig) or "")
        if names and (name == names[-1] or names[-1].endswith(name)):
            continue  # 转外就医医疗费报销指南 then 医疗费报销指南: the title again, shortened
        starts.append(i)
        names.append(name)
    if len(set(names)) < 2:
        return []
    ends = [*starts[1:], len(lines)]
    return [(lines[a], lines[a:b]) for a, b in zip(starts, ends, strict=True)]


def _items(sections: list[Section], lines: list[PageLine], title: PageLine | None) -> list[RawItem]:
    names = [s for s in sections if s.field == "item_name"]
    if names:
        return _items_by_name_labels(sections, title)
    if _regulation_text(sections, lines):
        # 第二章 …登记、申报和费用筹集 / 第六条 用人单位均应…携带…资料…办理…手续: a regulation's
        # articles say what units must bring; with no field labelled, the page is the rule, no guide.
        return []
    if title is not None and is_notice_title(title.orig):
        # A notice mentions materials and days; only a named item is a guide's, or the service
        # a notice opens (关于开展…个人账户一次性支取业务的通知) when it lists that service's
        # materials under a heading of their own.
        launched = launched_service(title.orig)
        if launched is None or not any(s.field == "materials" and s.label.kind == "heading" and s.lines for s in sections):
            return []
        item = raw_item(keep_writing(launched, title.orig), title, sections, lines)
        return [item] if item is not None else []
    _promote_named_lists(sections)
    _adopt_group_headings(sections)
    labelled = [s for s in sections if s.field == "materials" and s.label.subject and s.lines]
    groups = _one_list_per_act(labelled)
    if len(labelled) >= 2:
        # Two labels naming the same act (a question, then the list's own lead-in; the title
        # repeated over an introduction, then over the list) are one item's.
        # The labels merged into a group's act are not its lists (a title asking for them).
        merged = [s for s in labelled if s not in groups]
        shared = [s for s in sections if s not in groups and s not in merged]
        return [it for g in groups if (it := raw_item(g.label.subject or "", g.head, [g, *shared], lines)) is not None]
    repeated = _items_by_repeated_fields(sections)
    if repeated:
        return repeated
    by_heading = _items_by_headings(sections, title, own_fields=_one_guide(title))
    if by_heading:
        return by_heading
    name, name_line = page_name(sections, lines, title)
    if not name or name_line is None:
        return []
    item = raw_item(name, name_line, sections, lines)
    answered = title is not None and _answered_with_process(title, sections)
    walked = title is not None and (_titled_as_guide(title) or _titled_as_process(title, sections))
    if item is None and name_line is title and title is not None and (answered or (walked and names_service(name))):
        # 新乡市医保转移办事指南 新乡医保怎么转移?: a page titled as a guide to a service is that
        # service's guide even where it names no paper and no limit (a guide of steps only).
        item = RawItem(name=name, name_refs=[title.line.ref], page=title.line.ref.page)
    return [item] if item is not None else []


# 第六条 / 第二章: an article or a chapter of a regulation opening a paragraph.
_ARTICLE_START = re.compile(r"^第[一二三四五六七八九十百零〇\d]{1,5}[条章](?:\s|　|$|[\u4e00-\u9fff])")
_FIELDS_OF_A_GUIDE = ("materials", "time_limit", "legal_limit", "promised_limit", "process", "conditions")


def _regulation_text(sections: list[Section], lines: list[PageLine]) -> bool:
    """Whether the page is a regulation's articles (two paragraphs or more opening with 第…条 or a
    chapter heading) with no field of a guide labelled outside its legal basis."""
    if any(s.field in _FIELDS_OF_A_GUIDE for s in sections):
        return False
    basis = {id(x) for s in sections if s.field == "legal_basis" for x in (s.head, *s.lines)}
    return sum(1 for ln in lines if id(ln) not in basis and _ARTICLE_START.match(ln.text.strip())) >= 2


def _titled_guide(head: PageLine) -> bool:
    """A heading worded as a guide's title (转外就医攻略, …办理指南), a subtitle after it aside."""
    return _without_subtitle(to_simplified(head.rest or head.text).strip()).rstrip("：: ").endswith(GUIDE_ENDINGS)


def _without_subtitle(text: str) -> str:
    """A heading's words without the subtitle after a guide's title (慢病审批指南:卧病在床可代办 →
    慢病审批指南): the subtitle's words (代办) say nothing of what the heading is."""
    return guide_before_subtitle(text) or text


def _titled_as_process(title: PageLine, sections: list[Section]) -> bool:
    """A title naming an act's process (九江医保关系转移接续办理流程) over a page whose process is
    given step by step, a paper handed over on the way: the page walks through that act even
    where no list of papers is given."""
    # A title the label reader does not take as a process label (…办理流程(…流程图)) still names one
    # when its words say 流程 and its name ends with a particular act.
    titled = names_process_title(title) or (
        "流程" in to_simplified(title.orig) and names_process_act(name_from_title(title.orig) or "")
    )
    # The steps must hand over a paper (由申请人填写《…申请表》): claim windows alone (1.正常申报:…1年内
    # …申领 / 2.延期申报:…) walk through no act one applies for at an office.
    return titled and any(
        s.field == "process" and sum(x.style is not None for x in s.lines) >= 2
        and any("《" in x.text for x in s.lines)
        for s in sections
    )


def _answered_with_process(title: PageLine, sections: list[Section]) -> bool:
    """A title asking how an act is done (哈尔滨居民医保怎么办理: joining the scheme it names)
    answered by a process of several paragraphs: the page walks through that act, papers named
    or not."""
    return asked_act(title.orig) is not None and any(s.field == "process" and len(s.lines) >= 2 for s in sections)


def _titled_as_guide(title: PageLine) -> bool:
    """A title that calls the page a guide (…办事指南, …办理指引, …须知)."""
    return any(is_guide_title(part) for part in re.split(r"[\s\u3000，,]+", title.orig) if part)


def _one_guide(title: PageLine | None) -> bool:
    """A title that is one item's guide (麻洋镇城镇居民参加基本医疗保险办理指南) or one act's process
    (市外转诊手续办理流程): the headings under it are its steps or parts (一、居民申报登记 /
    二、…初审录入; 一.专科就诊 / 二.资料准备 / 三.医保办审核), not items of their own."""
    if title is None:
        return False
    return is_guide_title(title.orig) or names_process_title(title) or _asks_how_to(title)


def _asks_how_to(title: PageLine) -> bool:
    """A title asking how one act is done (济宁住院费用医保怎么报销?): the headings under it are the
    ways and cases of that act."""
    act = asked_act(title.orig)
    if act is None:
        return False
    name = name_from_title(title.orig) or ""
    # 如何补换社保卡?: the act asked about may stand before its object (补换 + 社保卡).
    return names_service(name) or (to_simplified(name).startswith(act) and len(name) > len(act) + 1)


def _one_list_per_act(groups: list[Section]) -> list[Section]:
    """Of the materials labels naming the same act, the one over the most documents."""
    best: dict[str, Section] = {}
    keys: dict[int, str] = {}
    for g in groups:
        act = to_simplified(g.label.subject or "")
        # 城乡医疗救助 (a title asking for 申请材料及流程) and 城乡医疗救助申请 (所需材料 below it)
        # name one act, the second with its act word.
        act = next((k for k in best if _same_act(k, act)), act)
        keys[id(g)] = act
        if act not in best or _documents_in(g) > _documents_in(best[act]):
            best[act] = g
    return [g for g in groups if best[keys[id(g)]] is g]


def _same_act(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return a == b or (long.startswith(short) and long[len(short) :] in words("reader", "item_acts"))


def _documents_in(sec: Section) -> int:
    return sum(1 for x in sec.lines if names_a_document(x.rest))


def _items_by_name_labels(sections: list[Section], title: PageLine | None = None) -> list[RawItem]:
    out: list[RawItem] = []
    starts = [i for i, s in enumerate(sections) if s.field == "item_name"]
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(sections)
        own = sections[start:end] if k else sections[:end]
        head = sections[start]
        value = head.label.value
        value_line = head.head
        if not value and head.lines:
            value_line, value = name_value(head.lines)
        if not value or names_no_item(value):
            continue
        defined = defined_name(value)
        if defined is not None:
            # 事项名称 / 单位新增参保登记是指用人单位办理…: the value defines the item; its name
            # is the page's title where the title names it (单位新增参保登记(企业)), else the
            # words defined.
            value, value_line = _titled_name(defined, title, value_line)
        name = re.sub(r"\s+", "", clean_text(keep_writing(value.rstrip("。."), orig_value(value_line, value))))
        item = raw_item(name.rstrip("。."), value_line, own, [])
        if item is not None:
            out.append(item)
    return out


def _titled_name(defined: str, title: PageLine | None, line: PageLine) -> tuple[str, PageLine]:
    """The page title's name where it starts with the words a definition defines, else those words."""
    named = titled_definition(defined, title.orig) if title is not None else None
    return (named, title) if named is not None and title is not None else (defined, line)


# Sections that can stand at an item's level: a heading or a question naming no field, or a
# process heading (城镇居民参保流程 names the act it describes).
_ITEM_LEVEL_FIELDS = (None, "process")


def _items_by_headings(sections: list[Section], title: PageLine | None, *, own_fields: bool = False) -> list[RawItem]:
    """Several items on one page, each under a heading of its own (一、异地就医备案 / 二、医保个人
    账户资金如何跨省共济给家人使用; 城镇居民参保流程 / 城镇职工参保流程): the headings of one level
    that all name things (no field label among them), two or more, one of them an act. Each
    heading naming an act or a scheme starts an item read from its own part of the page; a part
    that gives nothing is dropped."""
    for style in sorted({s.head.style for s in sections}, key=lambda st: (st is None, RANK.get(st or "", 9))):
        level = [
            i for i, s in enumerate(sections)
            if s.head.style == style and s.head is not title and s.label.kind in ("heading", "question", "inline")
            and not (s.label.kind == "inline" and s.label.value)
        ]
        if len(level) < 2 or any(sections[i].field not in _ITEM_LEVEL_FIELDS for i in level):
            continue
        names = [(i, heading_name(sections[i].head)) for i in level]
        if any(n is None for _, n in names) or not any(names_service(n or "") for _, n in names):
            continue
        if any(names_a_channel(_without_subtitle(sections[i].head.text)) for i in level):
            continue  # 1.现场办理 / 2.线上办理: ways of doing one item
        if own_fields and not _each_part_has_fields(sections, [i for i, _ in names]) and not _variants_of(title, names):
            # Under one guide's title (…办理指南) headings are its steps or parts, unless each
            # heads a guide of its own: (一)…核准支付 / (二)…手工(零星)报销, each with its
            # materials and its limit, are the guide's sub-items.
            continue
        # A page may give each item twice (an overview, then the materials by who applies):
        # the parts under the same name are one item's.
        parts: dict[str, list[Section]] = {}
        heads: dict[str, PageLine] = {}
        for k, (start, name) in enumerate(names):
            end = names[k + 1][0] if k + 1 < len(names) else len(sections)
            parts.setdefault(name or "", []).extend(sections[start:end])
            heads.setdefault(name or "", sections[start].head)
        out: list[RawItem] = []
        for name, own in parts.items():
            if not names_service(name) and not _titled_guide(heads[name]):
                # 二、温馨提示 / 二、…如何…使用: it ends the part above, it is no item; a part
                # titled as a guide (二、转外就医攻略:…) is one to what it names.
                continue
            own_lines = [x for sec in own for x in (sec.head, *sec.lines)]
            if not any(sec.field == "legal_basis" for sec in own):
                # 政策依据: over (一)城市医疗救助 / (二)农村医疗救助: the page's basis holds for each.
                own = [*own, *(sec for sec in sections[: names[0][0]] if sec.field == "legal_basis")]
            item = raw_item(name, heads[name], own, own_lines, scoped=True)
            if item is not None:
                out.append(item)
        # A part holding nothing but a sentence saying the act is done at once (an introduction
        # under the page's first heading: 具体包括了4个事项…资料齐全的，予以即时办理) is no item
        # beside parts with fields; what it says holds for the items it introduces.
        only_limit = [only_limit_in_prose(it) for it in out]
        intro = [it for it, o in zip(out, only_limit, strict=True) if o]
        kept = [it for it, o in zip(out, only_limit, strict=True) if not o]
        if not kept:
            return out
        if len(intro) == 1 and out[0] is intro[0]:
            for it in kept:
                if not (it.time_limit or it.legal_limit or it.promised_limit):
                    it.time_limit = intro[0].time_limit
        return kept
    return []


# Field headings whose repetition on a page means a second item's fields begin.
_REPEATING_FIELDS = ("conditions", "materials", "time_limit", "legal_limit", "promised_limit", "legal_basis", "process")


def _items_by_repeated_fields(sections: list[Section]) -> list[RawItem]:
    """Items one after another, each a bare heading naming a service over the same field headings
    (灵活就业人员参保 / 办理条件 / 办理方式 … 居民医保停保 / 办理条件 / 办理材料 / 办理方式): the page's
    first field heading comes again, and the heading right above each of its times names the
    item whose fields follow. An item whose part holds no field of its own (only its conditions
    and the way to apply online) is kept by its name: the page gives it as one of its items."""
    first = next((i for i, s in enumerate(sections) if s.field in _REPEATING_FIELDS and s.label.kind == "heading"), None)
    if first is None or first == 0:
        return []
    field = sections[first].field
    at = [i for i, s in enumerate(sections) if s.field == field and s.label.kind == "heading"]
    if len(at) < 2:
        return []
    heads = [i - 1 for i in at]
    names = [heading_name(sections[h].head) if _bare_heading(sections[h]) else None for h in heads]
    if any(n is None or not names_service(n) for n in names):
        return []
    out: list[RawItem] = []
    for k, (h, name) in enumerate(zip(heads, names, strict=True)):
        own = sections[h : heads[k + 1] if k + 1 < len(heads) else len(sections)]
        own_lines = [x for sec in own for x in (sec.head, *sec.lines)]
        head = sections[h].head
        item = raw_item(name or "", head, own, own_lines, scoped=True)
        out.append(item or RawItem(name=name or "", name_refs=[head.line.ref], page=head.line.ref.page))
    return out


def _bare_heading(sec: Section) -> bool:
    """A heading naming no field and holding nothing under it (a name over the fields below)."""
    return sec.field is None and sec.label.kind == "heading" and not sec.lines and not names_a_channel(sec.head.text)


_OWN_FIELDS = ("materials", "time_limit", "legal_limit", "promised_limit", "legal_basis")


def _variants_of(title: PageLine | None, names: list[tuple[int, str | None]]) -> bool:
    """Whether every heading names a kind of the title's item (医疗救助办事指南 over (一)城市医疗救助 /
    (二)农村医疗救助): each is an item of its own, not a step of one."""
    item = to_simplified(name_from_title(title.orig) or "") if title is not None else ""
    if len(item) < 2:
        return False
    kinds = [to_simplified(n or "") for _, n in names]
    return len(set(kinds)) == len(kinds) and all(k.endswith(item) and len(k) > len(item) for k in kinds)


def _each_part_has_fields(sections: list[Section], starts: list[int]) -> bool:
    """Whether the part under each heading holds two core fields of its own or more."""
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(sections)
        fields = {field_family(s.field) for s in sections[start + 1 : end] if s.field in _OWN_FIELDS}
        if len(fields) < 2:
            return False
    return True


_GROUP_HEADING_MAX = 8
# After a first group of documents, a sibling group of two entries may hold one cut short
# (…批准成立证件或其他核准的): half of its entries naming documents keep it a group.
_LATER_GROUP_SHARE = 0.5


def _adopt_group_headings(sections: list[Section]) -> None:
    """参保材料 / 城镇居民 / 1、… / 城镇职工 / 1、…: a materials heading with nothing under it, then
    short headings naming no field or act, each over a list mostly of documents, are the groups
    of that list (who the documents are for)."""
    for k, sec in enumerate(sections):
        if sec.field != "materials" or sec.label.kind != "heading" or sec.lines:
            continue
        groups = []
        for nxt in sections[k + 1 :]:
            name = to_simplified(nxt.head.rest).strip()
            entries = [x for x in nxt.lines if x.style is not None]
            if (
                nxt.field is not None or nxt.label.kind != "heading" or len(name) > _GROUP_HEADING_MAX
                or act_of(name) is not None or not entries
                or documents_share(entries) < (DOCUMENT_LIST_SHARE if not groups else _LATER_GROUP_SHARE)
            ):
                break
            groups.append(nxt)
        if not groups:
            continue
        for g in groups:
            # The group's name read as a label over its entries (城镇居民：), as a list writes it.
            label = make_line(Line(text=g.head.line.text.rstrip() + "：", ref=g.head.line.ref), g.head.large)
            sec.lines += [label or g.head, *g.lines]
            sections.remove(g)
        return


def _promote_named_lists(sections: list[Section]) -> None:
    """一、报销生育的医疗费用… followed by a list of documents, beside 二、报销…需要的材料:
    sibling headings each over a materials list are each a sub-item's materials."""
    named = [s for s in sections if s.field == "materials" and s.label.subject and s.numbered]
    styles = {s.head.style for s in named}
    for s in sections:
        if s.field is None and s.head.style in styles and s.label.kind == "heading":
            entries = [x for x in s.lines if x.style is not None]
            subject = name_from_title(s.head.rest)
            if entries and subject and documents_share(entries) >= DOCUMENT_LIST_SHARE:
                s.field = "materials"
                s.label.subject = subject
