"""An item's fields from the sections of its page: materials (lists, one-line lists,
sentence lists, the documents a how-to answer names, an unlabelled list of documents),
time limits (办理时间 only when it says days; else the clause of the process that states the
whole item's limit), legal basis (labelled, or cited in prose).
"""

from __future__ import annotations

import re
from itertools import takewhile

from extractors.base import RawField, RawItem
from extractors.fields.extent import Section, field_family
from extractors.fields.labels import COLON, guide_before_subtitle
from extractors.fields.lines import LETTERED, PageLine, is_numbered, wrapped
from extractors.fields.naming import orig_value
from extractors.process_limit import process_limit_lines
from govguide.core.document import Line
from govguide.core.models import LegalBasis, Material, SourceRef
from govguide.core.numbering import CIRCLED, NUM_DOT, NUM_DUN, PAREN_NUM, entry_marker
from govguide.core.vocabulary import words
from normalizers.item_title import act_of, asked_act, clean_name, names_service
from normalizers.legal_basis import parse_legal_basis
from normalizers.material_sentence import (
    DOCUMENT_LIST_SHARE,
    case_and_documents,
    documents_in_sentence,
    documents_shown,
    is_generic,
    names_a_document,
)
from normalizers.materials import NOTE_LABEL
from normalizers.numbering import heading_numbering
from normalizers.script import to_simplified
from normalizers.text import TRAILING_NOTE, clean_text, join_wrapped, joined_text, starts_entry
from normalizers.time_limits import (
    chain_total,
    parse_time_limit,
    process_limit_clause,
    prose_limit_clause,
)

_ENUM_PART_MAX = 20  # one name in a list written in a line


def documents_share(entries: list[PageLine]) -> float:
    """Share of list entries that name a document to hand in (证, 表, 复印件 …)."""
    hits = sum(1 for e in entries if names_a_document(e.rest))
    return hits / len(entries) if entries else 0.0


def raw_item(
    name: str, name_line: PageLine, sections: list[Section], lines: list[PageLine], *, scoped: bool = False
) -> RawItem | None:
    """The item named ``name`` from its sections and lines. ``scoped``: the lines are those under
    the item's own heading, so what their sentences say to bring is for this item."""
    item = RawItem(name=name, name_refs=[name_line.line.ref], page=name_line.line.ref.page)
    _set_materials(item, sections, lines, scoped)
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
    if not (item.time_limit or item.legal_limit or item.promised_limit):
        # 收件(即办)—受理(即办)—审核(15个工作日)—办结: the process as a chain of timed stages.
        chain = next((ln for ln in lines if chain_total(clean_text(ln.text)) is not None), None)
        if chain is not None:
            item.time_limit = RawField([chain.line])
    has_time = bool(item.time_limit or item.legal_limit or item.promised_limit)
    if not has_time and (item.materials or item.material_rows or scoped):
        has_time = _immediate_in_prose(item, lines, sections)
    if not has_time and scoped and (clause := _subtitle_limit(name_line.text)) is not None:
        # 三、慢病审批指南:卧病在床可代办,15个工作日办结: the part's own title says its limit.
        item.time_limit = RawField([Line(text=clause, ref=name_line.line.ref)])
        has_time = True
    if not (item.materials or item.material_rows or has_time or _cites(item.legal_basis.lines)):
        return None
    return item


# A clause stating working days to the end of the act (15个工作日办结, 20个工作日内完成).
_DAYS_TO_DONE = re.compile(r"^\d{1,3}个?工作日(?:内|以内)?(?:办结|完成|办理完毕)$")


def _subtitle_limit(heading: str) -> str | None:
    """The clause of a guide heading's subtitle stating the part's limit, or None."""
    title = guide_before_subtitle(heading)
    if title is None:
        return None
    subtitle = COLON.match(heading)
    clauses = re.split(r"[，,；;。！!]", subtitle.group(2)) if subtitle else []
    found = [c.strip() for c in clauses if _DAYS_TO_DONE.match(c.strip())]
    return found[0] if len(found) == 1 else None


_CITATION = re.compile(r"《[^》]{2,}》|〔\d{4}〕|[(（【\[]\d{4}[)）】\]]|\d+号|第[一二三四五六七八九十百零\d]+条")


def _cites(lines: list[Line]) -> bool:
    """Whether a legal-basis field names a law or a document (《…》, a 文号, an article): a label
    such as 现行相关政策明确提出： over a paraphrase cites nothing."""
    return any(_CITATION.search(to_simplified(x.text)) for x in lines)


# 根据沈人社发(2017)63号《关于…的通知》规定: a citation in the page's prose; so is a sentence
# opening with an article it quotes (《江苏省职工生育保险规定》第二十七条明确，…).
_ARTICLE = r"第[一二三四五六七八九十百零\d]+条"
_CITED = re.compile(
    rf"(?:根据|依据|按照|依照)([^，,。；;《]{{0,24}}《[^》]{{4,60}}》(?:{_ARTICLE})?(?:[(（][^)）]{{2,24}}[)）])?)"
    rf"|^\s*(《[^》]{{4,60}}》{_ARTICLE})(?:明确|规定|指出)"
)


# The title of a law or a policy document ends with the kind of text it is.
_RULE_TITLE = re.compile(r"(?:法|条例|办法|规定|通知|意见|决定|细则|规程|规范|标准|批复|方案|公告|通告|令|解释|规则|指引|纲要)$")


def _cited_in_prose(lines: list[PageLine]) -> list[tuple[LegalBasis, list[SourceRef]]]:
    out: list[tuple[LegalBasis, list[SourceRef]]] = []
    seen: set[str] = set()
    for ln in lines:
        for m in _CITED.finditer(ln.text):
            # The citation as the page writes it (貴陽市…辦法): OpenCC keeps positions.
            group = 1 if m.group(1) is not None else 2
            cited = ln.orig[m.start(group) : m.end(group)] if len(ln.orig) == len(ln.text) else m.group(group)
            for basis in parse_legal_basis(cited):
                if not _RULE_TITLE.search(to_simplified(basis.title)):
                    continue  # 根据《参保凭证》和《信息表》补充…: forms the step works from, no law
                if basis.title not in seen:
                    seen.add(basis.title)
                    out.append((basis, [ln.line.ref]))
    return out


def _value_lines(sec: Section) -> list[Line]:
    """The section's value: what follows the label on its line, then the lines under it."""
    out: list[Line] = []
    if sec.label.value and sec.label.kind != "sentence":
        out.append(Line(text=orig_value(sec.head, sec.label.value), ref=sec.head.line.ref, fill=sec.head.line.fill))
    out.extend(x.line for x in sec.lines)
    return out


def _set_materials(item: RawItem, sections: list[Section], lines: list[PageLine], scoped: bool = False) -> None:
    mats = [s for s in sections if s.field == "materials"]
    # 一、…流程和所需材料 over a list of what is covered, then 医院材料: over the documents: a
    # labelled list of documents goes before one whose numbered entries name none.
    # A label over prose that names no document (②邮寄/线下提交材料申请 / 参保人将材料邮寄到…) goes after
    # one over documents (报销申请材料 / ①《…申请表》…).
    mats.sort(key=lambda sec: (_names_no_documents(sec), not _any_document(sec)))
    attrs = tuple(words("reader", "material_attributes"))
    mats = [sec for sec in mats if not _fields_of_a_profile(sec)]
    for sec in mats:
        if sec.label.kind == "sentence" and sec.label.value and heading_numbering(sec.label.value)[0] is not None:
            # …以下材料:1、身份证;…2、社保卡…: numbered entries on the lead-in's line, read as a list.
            item.materials = RawField(_sentence_value_lines(sec))
            return
        if sec.label.kind == "sentence" and sec.label.value:
            _set_enumeration(item, sec)
            return
        # A question inside the list (需要带什么材料?) asks for the materials; it names none.
        # A note (备注：因死亡支取的，须提供…) goes with the lines a PDF wrapped it onto.
        kept = [
            ln for group in join_wrapped(_value_lines(sec))
            if not NOTE_LABEL.match(group[0].text) and not _remark_after_list(joined_text(group)) for ln in group
            if not _is_attribute(ln.text, attrs) and not _is_question(ln.text)
        ]
        cased = _case_lists(kept)
        if cased:
            item.material_rows = cased
            return
        listed = _listed_in_one_line(kept)
        if listed:
            item.material_rows = [(Material(name=p), [kept[0].ref]) for p in listed]
            return
        kept = _sentence_lists(kept)
        if any(ln.text.strip() for ln in kept):
            item.materials = RawField(kept + _lead_in_groups(sec, mats, sections))
            return
    if mats:
        return
    # 城镇居民医保卡使用指南是什么?: a question asking what a thing is, naming no service, is answered
    # by a report; the papers it mentions are no item's.
    answer = [
        s for s in sections if s.label.kind == "question" and s.field is None
        and not (_WHAT_IS.search(s.head.rest) and not names_service(s.label.subject or ""))
    ]
    for sec in answer:
        found = _materials_in_prose(sec)
        if found:
            item.material_rows = found
            return
    listed = _documents_list(lines, sections)
    if listed:
        cased = _case_lists(listed) or _steps_documents(listed)
        if cased:
            item.material_rows = cased
        else:
            item.materials = RawField(listed)
        return
    bare = _bare_papers(sections) if scoped else []
    if bare:
        # 门诊报销: / 本人社会保障卡(医保卡)和身份证。: under an item's own heading, lines that are
        # nothing but papers are its materials.
        item.materials = RawField(bare)
        return
    steps = _steps_naming_papers(sections)
    if steps:
        # 医保卡报销流程如下: 1、准备…出院小结、发票、用药明细表 2、本人身份证、医保卡… 3、带上以上资料
        # 到…办理: with no materials label, the steps that name papers are the materials.
        item.materials = RawField(steps)
        return
    named_by = next((sec for sec in sections if sec.head.line.ref in item.name_refs), None)
    item.material_rows = _documents_in_prose(None if scoped else item.name, lines, sections, named_by)


_BRACKETED_PART = re.compile(r"[（(][^（()）]*[)）]")


def _lists_papers(step: str) -> bool:
    """A step made mostly of papers (准备…出院小结、发票、用药明细表), not one that mentions
    one on the way (点击“领取电子凭证”)."""
    parts = [p.strip() for p in re.split(r"[、，,；;。]", _BRACKETED_PART.sub("", step)) if p.strip()]
    return bool(parts) and sum(_paper(p) for p in parts) * 2 >= len(parts)


def _paper(part: str) -> bool:
    """A part naming a paper by itself: ending with a paper's word or a quoted title, not a clause
    quoting one on the way (根据《…登记表》及有关材料进行审核)."""
    return names_a_document(part) and ("《" not in part or part.rstrip("等").endswith("》"))


_WHAT_IS = re.compile(r"是什么[?？]?\s*$")
_BARE_PAPERS_MAX = 6


def _bare_papers(sections: list[Section]) -> list[Line]:
    """The lines under an item's own heading (its first section, naming no field) when they are
    a few unnumbered lines each naming a paper; [] otherwise."""
    if not sections or sections[0].field is not None:
        return []
    under = sections[0].lines
    if not (0 < len(under) <= _BARE_PAPERS_MAX) or any(x.style is not None for x in under):
        return []
    return [x.line for x in under] if all(_lists_papers(x.text) and names_a_document(x.text) for x in under) else []


def _steps_naming_papers(sections: list[Section]) -> list[Line]:
    """The numbered steps of the first process section whose steps mostly name papers, those
    steps with the lines a PDF wrapped them onto; [] otherwise."""
    for sec in sections:
        if sec.field != "process":
            continue
        entries: list[list[PageLine]] = []
        for x in sec.lines:
            if x.style is not None:
                entries.append([x])
            elif entries and wrapped(entries[-1][-1]):
                entries[-1].append(x)
        if len(entries) < 2:
            continue
        naming = [e for e in entries if _lists_papers("".join(x.rest if x.style else x.text for x in e))]
        if len(naming) / len(entries) >= DOCUMENT_LIST_SHARE:
            return [x.line for e in naming for x in e]
    return []


_LEAD_IN_MIN = 16


def _lead_in_groups(first: Section, mats: list[Section], sections: list[Section]) -> list[Line]:
    """Lists right after the materials list, each under a sentence asking for papers in a case
    (家庭成员有下列情形，不参加…的，须提供有关证明材料：(1)…): groups of the same list, the
    sentence their condition."""
    out: list[Line] = []
    for sec in sections[sections.index(first) + 1 :]:
        if sec not in mats or sec.label.subject or sec.label.value or sec.head.style is not None:
            break
        # A sentence, not a heading (申请材料：): a field heading starts a list of its own.
        sentence = sec.label.kind == "sentence" or len(sec.head.rest) > _LEAD_IN_MIN
        if not sentence or not sec.lines or not sec.head.rest.endswith(("：", ":")):
            break
        out.append(sec.head.line)
        out.extend(x.line for x in sec.lines)
    return out


_STEP_MIN = 40  # an entry this long is a step or a paragraph, not a document's name


def _steps_documents(lines: list[Line]) -> list[tuple[Material, list[SourceRef]]]:
    """An unlabelled list whose entries are steps or paragraphs ((三)线下办理：需携带A或B及《C》，
    到…办理): the documents each says to bring or hand in, the entry's label (线下办理) their
    condition. Only where most entries are that long; a list of documents stays as it is."""
    entries = [(joined_text(g), g[0].ref) for g in _logical_lines(lines) if is_numbered(joined_text(g))]
    if not entries or sum(len(t) > _STEP_MIN for t, _ in entries) * 2 <= len(entries):
        return []
    out: list[tuple[Material, list[SourceRef]]] = []
    for text, ref in entries:
        body = heading_numbering(text.strip())[1]
        label = re.match(r"^([^：:，,。；;《》]{2,12})[：:]", body)
        case = label.group(1) if label else None
        for name in documents_shown(body[label.end() :] if label else body, given=True):
            out.append((Material(name=name, condition=case), [ref]))
    return out


def _case_lists(lines: list[Line]) -> list[tuple[Material, list[SourceRef]]]:
    """Entries that each name a case and what to hand in for it (1.因死亡一次性支取：提供…；…；
    2.因出国一次性支取：提供移民材料 / (一)住院费用：…、…): one material per document, its case
    the condition. Two such entries or more, and most of the list; an entry cut off before
    its colon and naming no document is dropped."""
    entries = [(joined_text(g), g[0].ref) for g in _logical_lines(lines) if is_numbered(joined_text(g))]
    read = [(case_and_documents(text), text, ref) for text, ref in entries]
    cases = [r for r, _, _ in read if r is not None]
    if len(cases) < 2 or len(cases) * 2 < len(entries):
        return []
    out: list[tuple[Material, list[SourceRef]]] = []
    for found, text, ref in read:
        if found is not None:
            case, docs = found
            out.extend((Material(name=d, condition=case), [ref]) for d in docs)
        elif names_a_document(text):
            out.append((Material(name=heading_numbering(text.strip())[1].rstrip("。；;")), [ref]))
    return out


# Sections whose sentences never say what to bring for the item itself.
_NOT_PROSE_MATERIALS = ("conditions", "legal_basis", "remarks", "item_name", "main_item")


# A sentence opened by the group it is for, closed by a colon (首次参加人员：…).
_WHO_LABEL = re.compile(r"^\s*([^：:，,。；;]{2,12}(?:人员|职工|居民|学生|对象|单位|参保人|老人|儿童|新生儿))[：:]")
_JOINS = re.compile(r"(?:参加|加入)\S*(?:保险|医保)$")


def _documents_in_prose(
    item_name: str | None, lines: list[PageLine], sections: list[Section], named_by: Section | None = None
) -> list[tuple[Material, list[SourceRef]]]:
    """With no materials list at all, the documents the page's sentences say to show or bring
    to do the item's act (持社会保障卡和身份证到…窗口办理 for …备案, 携带有效身份证件到…办理参保登记):
    each once, in page order. The item must name its act (…备案, …登记) and the sentence must
    speak of it: news and notices say what to bring too, for something else. Who may apply
    (办理条件) and the legal text are not read for them. ``item_name`` None: the lines are the
    item's own (under its heading), every sentence speaks of it; so do the lines under the
    label that named the item (``named_by``: 一、…新生儿医疗保险办理流程)."""
    # A name given with a guide word (…患者报销流程, as a 权力清单 writes it) names its act before it.
    act = (act_of(item_name) or act_of(clean_name(item_name))) if item_name is not None else ""
    if act is None and item_name is not None and _JOINS.search(to_simplified(item_name)):
        # 新生儿参加城乡居民医保: joining a scheme is enrolling; sentences about 参保 speak of it.
        act = "参保"
    if act is None and named_by is not None and named_by.label.kind == "question":
        # 个人医保怎么办理 named the item 个人医保: sentences about 办理 are about it.
        act = asked_act(named_by.head.orig)
    # The lines under the label or the heading that named the item ((四)转诊转院结算 over its rules)
    # are the item's own.
    own = (
        {id(x.line) for x in named_by.lines}
        if named_by is not None
        and (named_by.field is not None or (named_by.label.kind == "heading" and act_of(to_simplified(named_by.head.rest)) is not None))
        else set()
    )
    cases: dict[int, str] = {}
    if named_by is not None and named_by.label.kind == "question" and not named_by.lines and named_by.head in lines:
        # 在乌鲁木齐如何申领生育保险待遇 over 一、…正常生育 / 二、… : the question's answer is the
        # page under it, case by case; every sentence there speaks of the act asked about, and
        # each numbered heading naming no field is the case of the documents under it.
        own = {id(x.line) for x in lines[lines.index(named_by.head) + 1 :]}
        styles = {
            s.head.style for s in sections
            if s.field is None and s.label.kind == "heading" and s.head.style is not None and id(s.head.line) in own
        }
        # Lines numbered like those headings are cases too, even when a comma kept them from
        # reading as a heading (二、男职工配偶无劳动收入,享受正常生育保险待遇).
        cases = {id(x.line): x.orig_after(x.rest).strip() for x in lines if id(x.line) in own and x.style in styles}
    if act is None and not own:
        return []
    skip = {id(x) for s in sections if s.field in _NOT_PROSE_MATERIALS for x in (s.head, *s.lines)}
    kept = [ln.line for ln in lines if id(ln) not in skip]
    out: list[tuple[Material, list[SourceRef]]] = []
    seen: set[str] = set()
    case: str | None = None
    for group in join_wrapped(kept):
        if id(group[0]) in cases:
            case, seen = cases[id(group[0])], set()  # the same document again in another case
            continue
        text = joined_text(group)
        if id(group[0]) not in own and (act is None or act not in to_simplified(text)):
            continue
        who = _WHO_LABEL.match(to_simplified(text))
        for name in documents_shown(text, given=True):
            if name not in seen:
                seen.add(name)
                # 首次参加人员：可带身份证或户口簿到…办理: the group the sentence is for.
                condition = text[: who.end(1)].strip() if who is not None and case is None else case
                out.append((Material(name=name, condition=condition), [group[0].ref]))
    return out


def _any_document(sec: Section) -> bool:
    """Whether the label's value or a line under it names a document."""
    # A listing sentence's value (A;B、C;…需提供原件审核) names documents in its parts (the whole
    # value is its last part, or holds a quoted title where a part does).
    value_parts = re.split(r"[；;、]", sec.label.value or "")
    # Lines as a PDF wrapped them are read whole: a visual line may end on a document's word.
    logical = [heading_numbering(joined_text(g).strip())[1] for g in join_wrapped([x.line for x in sec.lines])]
    # …手工报销需提供以下资料。: a sentence pointing at the papers below names none of them.
    return any(names_a_document(t) and not _POINTS_BELOW.search(t) for t in (*value_parts, *logical))


_POINTS_BELOW = re.compile(r"(?:以下|下列|如下)[\u4e00-\u9fff]{0,4}?(?:材料|资料)[。.：:]?\s*$")


_SHORT_LABEL = re.compile(r"^[^：:，,。]{1,8}[：:]")


def _fields_of_a_profile(sec: Section) -> bool:
    """A heading over short label lines naming no paper (个人资料 / 博客等级: / 关注人气: on a blog's
    side bar): a profile's fields, not a list of papers."""
    texts = [x.text.strip().lstrip("•·● ") for x in sec.lines if x.text.strip()]
    labelled = [t for t in texts if _SHORT_LABEL.match(t)]
    return (
        len(texts) >= 3
        and len(labelled) * 2 > len(texts)
        and not any(names_a_document(_SHORT_LABEL.sub("", t)) for t in labelled)
    )


def _names_no_documents(sec: Section) -> bool:
    entries = [x for x in sec.lines if x.style is not None]
    return len(entries) >= 2 and documents_share(entries) == 0


def _is_question(text: str) -> bool:
    return text.rstrip().endswith(("?", "？"))


def _sentence_lists(lines: list[Line]) -> list[Line]:
    """Each unnumbered sentence of a materials value that lists documents (户口簿、居民身份证
    等，具体材料可与…确认 / 凭…身份证或居住证可以办理…) as one line per document, so that the list's
    own numbering and group labels around it still give their conditions."""
    out: list[Line] = []
    for group in _logical_lines(lines):
        text = joined_text(group)
        if out and _NOTE_ONLY.fullmatch(text.strip()):
            # 《…承诺书》 / (加盖单位公章): a note on a line of its own belongs to the entry above.
            out[-1] = Line(text=out[-1].text.rstrip() + text.strip(), ref=out[-1].ref)
            continue
        listed = None if starts_entry(text) else _inline_list(text)
        if listed:
            out.extend(Line(text=x, ref=group[0].ref) for x in listed)
            continue
        docs = [] if starts_entry(text) else documents_in_sentence(text)
        if docs:
            out.extend(Line(text=d, ref=group[0].ref) for d in docs)
        else:
            out.extend(group)
    return out


def _logical_lines(lines: list[Line]) -> list[list[Line]]:
    """Wrapped lines joined, except before a lettered case (B.带环…需携带:), which starts a
    line of its own however full the line above it ran."""
    groups: list[list[Line]] = []
    chunk: list[Line] = []
    for ln in lines:
        if chunk and LETTERED.match(ln.text):
            groups += join_wrapped(chunk)
            chunk = []
        chunk.append(ln)
    return groups + join_wrapped(chunk)


_INLINE_STYLES = ("paren_num", "circled", "num")
_INLINE_FIRST = re.compile(r"[：:]\s*(?=" + "|".join(entry_marker(s, 1) for s in _INLINE_STYLES) + ")")
_INLINE_NEXT = re.compile(rf"(?<=[；;。])\s*(?={PAREN_NUM}|{CIRCLED}|{NUM_DOT}|{NUM_DUN})")


def _inline_list(text: str) -> list[str] | None:
    """A.首次流产…需携带:(1)结婚证;(2)准生证(…);(3)… — a case and its numbered list run
    together on one line: the case as a label line, then one line per entry."""
    first = _INLINE_FIRST.search(text)
    if first is None:
        return None
    entries = [p.strip() for p in _INLINE_NEXT.split(text[first.end() :]) if p.strip()]
    if len(entries) < 2:
        return None
    return [text[: first.end()].strip(), *entries]


_NOTE_ONLY = re.compile(r"[（(][^（()）]{1,30}[)）]")


def _remark_after_list(text: str) -> bool:
    """An unnumbered paragraph of several sentences naming no paper (医保卡在申请补办了之后,大概需要
    半个月左右…。不过各地…): a remark on the service under its list, not an entry of it."""
    t = clean_text(text).rstrip("。.")
    return (
        "。" in t and heading_numbering(t)[0] is None
        and not any(names_a_document(part) or documents_shown(part, given=True) for part in re.split("[。；;]", t) if part)
    )


def _is_attribute(text: str, attrs: tuple[str, ...]) -> bool:
    label = re.split("[：:]", text.strip(), maxsplit=1)
    return len(label) == 2 and to_simplified(label[0]).strip() in attrs


_ENUM_SPLIT = re.compile(r"、(?![^《]*》)(?![^（(]*[)）])(?!复印件|原件|影印件)")  # 原件、复印件: two forms of one paper


def _listed_in_one_line(lines: list[Line]) -> list[str]:
    """A materials value written as one unnumbered line of short names (有效身份证件、社保卡、
    医学死亡证明。): one material each. A phrase ending in 等… names one material."""
    # A PDF wraps the line at the margin: its visual lines are read as one.
    texts = [t for g in join_wrapped(lines) if (t := joined_text(g).strip())]
    if len(texts) != 1 or is_numbered(texts[0]):
        return []
    text = texts[0].rstrip("。；;.")
    parts = [p.strip() for p in _ENUM_SPLIT.split(text)]
    others = len(parts) >= 2 and (rest := _AND_OTHERS.sub("", parts[-1])) != parts[-1] and names_a_document(rest)
    if others:
        # …、出院小结、医疗机构等级证明等其他审核所需的相关资料 / …和药品发票单据等: "and the other
        # papers" names none.
        parts[-1] = rest
    # A note in brackets after a name (有效身份证件(①…;②…)) does not make it a sentence.
    short = [TRAILING_NOTE.sub("", p) for p in parts]
    # A quoted form's title (《六安市基本医疗保险慢特病门诊待遇申请表》) is one name however long.
    long = [p for p in short if len(p) > _ENUM_PART_MAX and not (p.startswith("《") and p.endswith("》"))]
    if len(parts) < 2 or any(not p for p in short) or long or ("等" in short[-1] and not others):
        return []
    return parts


_AND_OTHERS = re.compile(r"等(?:其他|其它)?[^、，,；;]{0,12}?(?:材料|资料)$|等$")
_ENUM_END = re.compile(r"[，,。；;](?![^《]*》)(?![^（(]*[)）])")


_ENUM_VERB = re.compile(r"^(?:请|须|需|需要|应)?(?:持|携带|带上|凭(?!证)|提供|提交|准备)(?=\S)")


def _wrapped_on(sec: Section) -> list[PageLine]:
    """The lines a PDF wrapped a sentence label's line onto (not the lines after the sentence)."""
    out: list[PageLine] = []
    prev = sec.head
    for ln in sec.lines:
        if not wrapped(prev, ln):
            break
        out.append(ln)
        prev = ln
    return out


def _sentence_value_lines(sec: Section) -> list[Line]:
    """A sentence label's value with the lines a PDF wrapped it onto (not the lines after it)."""
    head = Line(text=orig_value(sec.head, sec.label.value or ""), ref=sec.head.line.ref, fill=sec.head.line.fill)
    return [head, *(ln.line for ln in _wrapped_on(sec))]


def _by_comma_if_papers(part: str) -> list[str]:
    """A part of a list split at its commas where every piece names a paper, else the part whole."""
    pieces = [q.strip() for q in re.split(r"[，,](?![^《]*》)(?![^（(]*[)）])", part) if q.strip()]
    # (医保卡、本: a list inside a piece, its first entry naming the paper, names it too.)
    named = all(names_a_document(q) or names_a_document(q.split("、")[0]) for q in pieces)
    return pieces if len(pieces) >= 2 and named else [part]


def _set_enumeration(item: RawItem, sec: Section) -> None:
    """需要上传的材料有医疗资料、《申领表》、《出生医学证明》，因… → one material per element."""
    value = orig_value(sec.head, sec.label.value or "") + "".join(ln.orig for ln in _wrapped_on(sec))
    # A；B、C；D: papers separated by semicolons, each of them one entry (准生证、出生证和独子证复印件),
    # up to the first part that names none (…报销资料涉及复印件的部分，需提供原件审核).
    by_semicolon = [p.strip() for p in re.split(r"[；;](?![^《]*》)", value.split("。")[0])]
    if len(by_semicolon) >= 2 and all(names_a_document(p) for p in by_semicolon[:2]):
        papers = list(takewhile(lambda p: any(names_a_document(q) for q in (p, *p.split("、"))), by_semicolon))
        # …医保卡、本,…银行卡或存折复印件,…身份证原件及复印件: papers a comma separates, each named whole.
        papers = [q for p in papers for q in _by_comma_if_papers(p)]
        item.material_rows = [(Material(name=_ENUM_VERB.sub("", p, count=1)), [sec.head.line.ref]) for p in papers]
        return
    value = _ENUM_END.split(value, maxsplit=1)[0]
    # …为：请持A、B、C: the verb asking for them is not part of the first material.
    value = _ENUM_VERB.sub("", value.strip(), count=1)
    parts = [p.strip() for p in _ENUM_SPLIT.split(value) if p.strip()]
    item.material_rows = [(Material(name=p.rstrip("等")), [sec.head.line.ref]) for p in parts]


_PROSE_MATERIAL = re.compile(r"(?:填写|提供|提交|携带|上传)(《[^》]{2,40}》|[^，,。；;]{2,80})")


def _materials_in_prose(sec: Section) -> list[tuple[Material, list[SourceRef]]]:
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
        if phrase.startswith(("以下", "如下", "下列")) or is_generic(phrase):
            continue  # it introduces a list, or points at papers without naming one (申请材料)
        if phrase.startswith("《") or re.search("(材料|资料|证明|证件|表|书|证|卡)$", simple[start:end].strip()):
            out.extend((Material(name=p), refs) for p in _listed_papers(phrase))
    if not out:
        # 灵活就业人员凭本人身份证或户口簿原件到…办理: the answer says what to show to do it.
        # Each document once: the answer may name it again for another step.
        out = [(Material(name=d), refs) for d in dict.fromkeys(documents_shown(text))]
    return out


# …等相关证件: "and such papers" closing a list of named ones; a list closed by the kind it makes up
# (…检查检验报告等认定资料) is one material, the kind's name.
_ETC_KIND = re.compile(r"等(?:相关|有关|其他|其它)(?:的)?(?:证件|材料|资料|证明材料)$")


def _listed_papers(phrase: str) -> list[str]:
    """就医登记表、出院小结(盖公章)、结婚证、户口簿、身份证等相关证件 → each paper; a phrase that is
    no list of papers stays whole."""
    parts = [p.strip() for p in re.split(r"、(?![^（(]*[)）])", phrase)]
    if len(parts) < 2:
        return [phrase]
    last = _ETC_KIND.sub("", parts[-1])
    if "等" in last:
        return [phrase]
    parts = [*parts[:-1], last] if last else parts[:-1]
    return parts if len(parts) >= 2 and all(names_a_document(p) for p in parts) else [phrase]


def _documents_list(lines: list[PageLine], sections: list[Section]) -> list[Line]:
    """With no labelled materials, the numbered list (1. 2. 3. …) outside every labelled
    field whose entries are mostly documents to hand in."""
    # A 办理条件 heading may stand over the documents to hand in (the materials heading lost
    # in a repost): its numbered lines are looked at too, and kept only if they are documents.
    inside = {id(x) for s in sections if s.field not in (None, "conditions") for x in (s.head, *s.lines)}
    runs: list[list[PageLine]] = []
    run: list[PageLine] = []
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
        if run and ln.style is None and wrapped(run[-1]):
            run.append(ln)  # a wrapped entry
            continue
        if len(run) >= 2:
            runs.append(run)
        run = [ln] if ln.style is not None and number == 1 else []
    if len(run) >= 2:
        runs.append(run)
    scored = [(r, _entries_share(r)) for r in runs]
    best = max(scored, key=lambda rs: rs[1], default=None)
    if best is None or best[1] < DOCUMENT_LIST_SHARE:
        return []
    return [x.line for x in best[0]]


def _entries_share(run: list[PageLine]) -> float:
    """Share of a run's entries naming a document, each entry read with the lines a PDF
    wrapped it into (…填写《基本医疗保险关系转移接 / 续申请表》)."""
    entries: list[str] = []
    for x in run:
        if x.style is not None:
            entries.append(x.rest)
        elif entries:
            entries[-1] += x.text
    # An entry naming a case and its papers (住院费用：…、诊断证明(或出院小结)) names documents too.
    hits = sum(1 for e in entries if names_a_document(e) or case_and_documents(e) is not None)
    return hits / len(entries) if entries else 0.0


def _set_time(item: RawItem, sections: list[Section]) -> None:
    timed = [s for s in sections if field_family(s.field) == "time_limit"]
    # The title worded like a label (绍兴医疗保险转移办理时限) over the byline, then 一、…办理时限
    # over 办理时限：即时办理: a label whose value states no limit yields to one whose value does.
    stating = {id(s) for s in timed if _says_days(_value_lines(s))}
    for sec in timed:
        value = _value_lines(sec)
        if not value:
            continue
        if stating and id(sec) not in stating and not sec.label.weak:
            continue
        if sec.label.weak:
            # 办理时间 is a limit only when it says a number of days (not 9:00-17:00).
            if _says_days(value[:1]):
                value = value[:1]
            elif not _says_days(value):
                continue
        if sec.field == "legal_limit":
            if not item.legal_limit:
                item.legal_limit = RawField(value)
        elif sec.field == "promised_limit":
            if not item.promised_limit:
                item.promised_limit = RawField(value)
        else:
            item.time_limit = RawField(value)
            _split_kinds(item, value)
        # 承诺办结时限 then 法定办结时限 as labels of their own: both kinds are read.
        if item.time_limit or (item.promised_limit and item.legal_limit):
            return
    if item.promised_limit:
        return
    if not item.legal_limit:
        _set_time_from_process(item, sections)


def _set_time_from_process(item: RawItem, sections: list[Section]) -> None:
    """No limit field: the process may state the whole item's (…材料齐全的当场办结)."""
    found = [c for sec in sections if sec.field == "process" for c in process_limit_lines(_value_lines(sec))]
    if len(found) == 1:  # several: which one is the item's is not said
        item.time_limit = RawField(found)


def _immediate_in_prose(item: RawItem, lines: list[PageLine], sections: list[Section]) -> bool:
    """With no limit labelled nor stated in a process section, a rule or a paragraph saying the
    act is done at once (备案办理规则: 提交后自动审核，立即生效 / …无需审核，立即生效) is the item's
    limit (0). Only for a page already read as a guide (it has materials, or the lines are
    those under the item's own heading): a notice says 立即生效 of itself."""
    skip = {id(x) for s in sections if s.field in _NOT_PROSE_MATERIALS for x in (s.head, *s.lines)}
    phrases = words("reader", "immediate_in_prose")
    # A PDF wraps a sentence anywhere, also inside the phrase (立即生 / 效).
    for group in join_wrapped([ln.line for ln in lines if id(ln) not in skip]):
        text = to_simplified(joined_text(group))
        found = next((p for p in phrases if p in text), None)
        if found is not None:
            item.time_limit = RawField([Line(text=found, ref=group[0].ref)])
            return True
    # A paragraph of its own stating the whole item's limit (经办机构应于受理申请之日起20个工作日内，
    # 对…予以计发); a numbered step's days ((7)经办机构…15个工作日内办结接续手续) are that step's.
    # One such clause on the page, else which one is the item's is not said.
    paragraphs = join_wrapped([ln.line for ln in _unnumbered(lines) if id(ln) not in skip])
    clauses = {
        c: group for group in paragraphs
        if (c := process_limit_clause(text := clean_text(joined_text(group))) or prose_limit_clause(text)) is not None
    }
    if len(clauses) == 1:
        clause, group = next(iter(clauses.items()))
        item.time_limit = RawField([Line(text=clause, ref=group[0].ref)])
        return True
    return False


def _unnumbered(lines: list[PageLine]) -> list[PageLine]:
    """The lines of paragraphs that are no numbered entry, with the lines a PDF wrapped them onto
    (an entry's wrapped tail is still the entry's)."""
    out: list[PageLine] = []
    numbered = False
    for k, ln in enumerate(lines):
        if not (k and wrapped(lines[k - 1], ln)):
            numbered = ln.style is not None
        if not numbered:
            out.append(ln)
    return out


def only_limit_in_prose(item: RawItem) -> bool:
    """Whether all the item holds is a limit read from prose saying the act is done at once."""
    phrases = set(words("reader", "immediate_in_prose"))
    return (
        not (item.materials.lines or item.material_rows or item.legal_basis.lines or item.legal_rows)
        and bool(item.time_limit.lines)
        and all(x.text in phrases for x in item.time_limit.lines)
    )


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
