"""The item's name: its 事项名称, the page title, the act a label or a question names, an
opening sentence or a quoted name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from extractors.fields.extent import Section
from extractors.fields.labels import (
    COLON,
    asks_for_situation,
    field_of,
    guide_before_subtitle,
    materials_subject,
    read_label,
)
from extractors.fields.lines import CJK, PageLine, make_line, wrapped
from govguide.core.document import Document, Line
from govguide.core.models import SourceRef
from govguide.core.vocabulary import words
from normalizers.item_title import (
    GUIDE_ENDINGS,
    act_of,
    clean_name,
    first_wording,
    is_name,
    keep_writing,
    name_from_title,
    names_a_channel,
    names_service,
)
from normalizers.material_sentence import documents_shown, names_a_document
from normalizers.numbering import heading_numbering
from normalizers.script import to_simplified

# Labels whose words before the field word name the act (生育津贴申领材料, …申领办理依据).
_NAMING = ("materials", "legal_basis", "time_limit", "legal_limit", "promised_limit")


def page_title(doc: Document, lines: list[PageLine]) -> PageLine | None:
    """The page's title: its first line when that line is a heading (larger font) or stands
    alone before the first label."""
    if not lines:
        return None
    simple = to_simplified(doc.title.strip()) if doc.title else ""
    if doc.title and heading_numbering(simple)[0] is None:
        for ln in lines:
            if ln.text == simple or (len(ln.text) >= 4 and simple.startswith(ln.text)):
                return ln
        return make_line(Line(text=doc.title, ref=SourceRef(para=0)), True)
    first = lines[0]
    label = read_label(first)
    if label is not None and label.kind == "inline" and label.value and label.field is None:
        return None  # 主办单位:省医保局综合处: a field of the page with its value, not its title
    if label is not None and label.field is not None and label.kind != "question" and not is_guide_title(first.text):
        # 机关事业单位参保登记工作流程 over the steps: a process heading naming an act is the
        # page's title; other field headings are not.
        # A label closed by a colon (单位参保流程：) is over its own part, not the page's title.
        if (
            label.field != "process"
            or first.text.rstrip().endswith(("：", ":"))
            or not names_process_act(name_from_title(first.orig) or "")
        ):
            return None
    # A numbered first line (一、参保时间地点), however large, is the first section's heading; a
    # sentence (南充市…社会保障大厦一楼医保服务大厅。, an address) is no title, nor the first visual
    # line of a paragraph a PDF wrapped (…然后由本人向市社保中心提出医疗保险关系转移 / 申请,凭…).
    if first.style is not None or first.text.rstrip().endswith("。"):
        return None
    if not first.large and len(lines) > 1 and wrapped(first, lines[1]):
        return None
    return first


_CJK_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")


def title_unrelated(title: PageLine, lines: list[PageLine]) -> bool:
    """Whether the page's text shares no two-character word, and few characters, with the name
    its title gives: the title belongs to another page (reposts keep a previous article's
    title). Characters count too because pages shorten words (医保 for 医疗保险)."""
    name = to_simplified(name_from_title(title.orig) or "")
    pairs = set(_CJK_PAIR.findall(name))
    body = "".join(ln.text for ln in lines if ln is not title)
    if not pairs or len(body) < 40 or any(p in body for p in pairs):
        return False
    chars = [c for c in name if CJK.match(c)]
    return sum(c in body for c in chars) < len(chars) * _SHARED_CHARS


_SHARED_CHARS = 0.5


_GUIDE_TITLE_NOTE = re.compile(r"[（(][^（()）]{1,16}[)）]$")


def is_guide_title(text: str) -> bool:
    """A guide's own title (重庆医保卡办理指南(重庆医保办理流程)): it ends with 指南 or 指引,
    a note in brackets aside, even where it also names a field (流程)."""
    t = _GUIDE_TITLE_NOTE.sub("", to_simplified(text).strip().rstrip("?？:：。 ")).rstrip()
    return t.endswith(("指南", "指引")) and name_from_title(text) is not None


def name_value(lines: list[PageLine]) -> tuple[PageLine, str]:
    """The name under a 事项名称 heading: its 子项名称 where it gives 主项名称 and 子项名称
    as labelled lines, else its first line."""
    for ln in lines:
        m = COLON.match(ln.rest)
        if m and m.group(2).strip() and field_of(m.group(1))[0] == "item_name":
            return ln, m.group(2).strip()
    return lines[0], lines[0].text


def orig_value(ln: PageLine, simplified_value: str) -> str:
    return ln.orig_after(simplified_value) if ln.text.endswith(simplified_value) else simplified_value


_ASKING_TAIL = re.compile(r"(?:是什么|有哪些|有什么|是哪些|包括哪些)$")


def page_name(sections: list[Section], lines: list[PageLine], title: PageLine | None) -> tuple[str | None, PageLine | None]:
    """The page's item name: its title (cleaned), unless the title is itself a field heading
    (江苏省生育津贴领取条件) or a label names the same act more precisely (长期异地就医 under
    广州异地就医办理指南); else the act a label or a question names, an opening sentence or a
    quoted item name, in that order."""
    from_title = name_from_title(title.orig) if title is not None and not asks_for_situation(to_simplified(title.text)) else None
    # Of a title worded twice (重庆市社保卡办理 重庆市社保卡办理条件), the wording kept is the one
    # that must not be a field heading.
    titled = to_simplified(first_wording(title.orig)).rstrip("?？:：") if title is not None else ""
    # 武汉医保参保条件 names the conditions of a topic, like 办理条件 does.
    titled = _ASKING_TAIL.sub("", titled)  # 享受长护险待遇的条件是什么 asks for the conditions
    titled_field = (field_of(titled)[0] or ("conditions" if titled.endswith("条件") else None)) if title is not None else None
    if from_title and titled_field not in (None, "materials") and not (titled_field == "process" and names_process_act(from_title)):
        # A title that names a field is a heading, not the item (江苏省生育津贴领取条件); one that
        # names the materials of an act (东莞异地就医报销材料) names the act.
        from_title = None
    # (一)需提供的证明及材料: a label whose words before the field word name papers names no act.
    labelled = [
        s for s in sections
        if s.label.subject and s.label.kind != "question" and s.field in _NAMING and not names_a_document(s.label.subject)
    ]
    labelled.sort(key=lambda s: s.field != "materials")
    # A title that asks (外地人在上海医保报销是怎样的) words the act loosely; a label naming the act
    # its materials are for (上海医疗保险异地就医报销材料) names it as the guide does.
    asks = title is not None and _asks(title.text)
    for s in labelled:
        subject = s.label.subject or ""
        if from_title is None or to_simplified(from_title) in subject or asks:
            return keep_writing(subject, s.head.orig), s.head
    guide = _guide_heading(sections)
    if guide is not None and not (from_title and _ends_with_act(from_title)):
        # 城市居民医疗保险申办参保(增员)须知 over 1、提供资料: a guide's own title inside the page,
        # right over its materials, names the item better than a title naming no act
        # (医保怎么办理) or a process heading further up.
        return guide
    if from_title and title is not None:
        heading = _heading_naming_act(sections, from_title) if not _ends_with_act(from_title) else None
        if heading is not None:
            # 社保卡业务办理 / (一)社保卡申领: the heading names the title's subject and its act.
            return heading
        process = _process_naming_act(sections) if not _ends_with_act(from_title) else None
        if process is not None:
            # 贵阳外地户口新生儿医保办理及所需材料报销比例 joins topics and ends with none of the
            # acts; 一、贵阳新生儿医疗保险办理流程 names what the page walks through.
            return keep_writing(process[0], process[1].head.orig), process[1].head
        return from_title, title
    # Of several questions, the one asking for the materials names what one applies for
    # (失能评估申请时需提交哪些材料 after 享受长护险待遇的条件是什么).
    # Else the one whose answer says what papers to bring (怎么开通…家庭共济功能? …线下办理需携带本人身份证…
    # after 职工医保个人账户怎样实现家庭共济? answered by what it is).
    questions = [s for s in sections if s.label.kind == "question" and s.label.subject]
    # The page's own title asking comes before the questions under it (医保卡丢了补办要多久? over
    # 医保卡丢了该怎么办补?).
    asked = min(
        questions, key=lambda s: (s.field != "materials", s.head is not title, not _answer_names_papers(s)), default=None
    )
    if asked is not None:
        return keep_writing(asked.label.subject or "", asked.head.orig), asked.head
    process = _process_naming_act(sections)
    if process is not None:
        # No title: 长沙医保参保流程 over the steps names what the page walks through.
        return keep_writing(process[0], process[1].head.orig), process[1].head
    heading = _act_heading(sections)
    if heading is not None:
        # No title names the item: 二、办理门特病种待遇认定 among the steps names the act.
        return heading
    inline = _inline_materials_act(sections)
    if inline is not None:
        # No title: 医疗保险在职转退休申报需要的材料:1、…: the act the list on the label's line is for.
        return inline
    run_in = _run_in_act(lines)
    if run_in is not None:
        # No title: ①参保登记 用人单位到…填报…: the first step's run-in head names the act the
        # steps carry out.
        return run_in
    eligible = _act_of_eligibility(sections)
    if eligible is not None:
        # No title: 1、办理条件 / 以下四类…人员,可以申请办理省内及跨省异地就医住院医疗费用直接结算。: the
        # act the conditions say who may apply for.
        return eligible
    for ln, text, orig in _first_sentences(lines, 3):
        name = _name_in_sentence(text)
        if name:
            return keep_writing(name, orig), ln
    quoted = _quoted_name(lines)
    if quoted:
        return quoted
    form = _form_name([x for sec in sections if sec.field == "materials" for x in sec.lines])
    if form:
        # No title, label or question: 填写《平顶山市重症慢性病鉴定申请表》 among the papers: the act
        # the application form is for.
        return form
    said = _act_in_prose(lines)
    if said:
        # No title, label or question: …向医保经办机构提出单位参保登记申请 / …办理单位参保登记手续,
        # the act the page's sentences say is applied for or carried out.
        return said
    return None, None


# ①参保登记 用人单位到… / 1、申请。因患大病…: a step's name run into its text.
_RUN_IN_HEAD = re.compile(r"^([\u4e00-\u9fff]{2,10})(?:[ \u3000]+|[。．.：:])(?=\S.{15,})")


def _answer_names_papers(question: Section) -> bool:
    # Read as one text: a PDF wraps the answer's sentences anywhere.
    return bool(question.lines) and bool(documents_shown("".join(ln.text for ln in question.lines)))


def _inline_materials_act(sections: list[Section]) -> tuple[str, PageLine] | None:
    """The act an unnumbered materials label names when its list stands on the label's own line
    (a numbered one, (2)产前检查报销材料:①…, is a group of a larger list)."""
    for s in sections:
        if s.field != "materials" or s.label.kind != "inline" or not s.label.value or s.head.style is not None:
            continue
        m = COLON.match(s.head.rest)
        subject = materials_subject(m.group(1)) if m else None
        if subject and act_of(to_simplified(subject)) is not None:
            return keep_writing(subject, s.head.orig), s.head
    return None


def _run_in_act(lines: list[PageLine]) -> tuple[str, PageLine] | None:
    """The act the run-in head of a numbered paragraph names, in the list the page opens with
    (①参保登记 用人单位到…; 1、转诊手续办理地点。… 2、门诊转诊手续。由就诊医院…), when the head is an act
    with an object (参保登记, not 申请 alone, nor 受理审核)."""
    first = lines[0] if lines else None
    if first is None or first.style is None or first.number != 1:
        return None
    for ln in lines:
        if ln.style != first.style:
            continue
        m = _RUN_IN_HEAD.match(ln.rest)
        if m is None:
            continue
        head = m.group(1)
        act = act_of(head)
        if ln is first and act is not None and len(to_simplified(head)) > len(act):
            return keep_writing(head, ln.orig), ln
        # Past the first entry, a head read as a title (门诊转诊手续 → 门诊转诊) naming more than acts.
        named = name_from_title(head) or ""
        if ln is not first and act_of(to_simplified(named)) is not None and _names_object(named):
            return keep_writing(named, ln.orig), ln
    return None


def names_process_title(title: PageLine) -> bool:
    """Whether a title is one act's process (市外转诊手续办理流程, …参保登记工作流程)."""
    label = read_label(title)
    return label is not None and label.field == "process" and names_process_act(name_from_title(title.orig) or "")


def names_process_act(name: str) -> bool:
    """A process title's name ending with a particular act (…参保登记工作流程), not with 办理
    or 申请 alone (城市居民医疗保险办理流程 walks through several acts)."""
    simple = to_simplified(name)
    return _ends_with_act(simple) and not simple.endswith(("办理", "申请"))


def _ends_with_act(name: str) -> bool:
    return act_of(name) is not None


def heading_name(head: PageLine) -> str | None:
    """The item a heading names, its numbering aside, in the page's own writing."""
    text = head.orig_after(head.rest) if head.rest else head.orig
    # 转外就医攻略:备案流程、报销政策全解析: the title before its subtitle.
    return name_from_title(guide_before_subtitle(text) or text)


def _guide_heading(sections: list[Section]) -> tuple[str, PageLine] | None:
    """A heading naming no field that is a guide's title to an act (…申办参保(增员)须知), with
    the page's materials label right under it, and the item it names."""
    for s, nxt in zip(sections, sections[1:], strict=False):
        if s.field is not None or s.label.kind != "heading" or nxt.field != "materials":
            continue
        if not to_simplified(s.head.rest).rstrip("：: ").endswith(GUIDE_ENDINGS):
            continue
        name = heading_name(s.head)
        if name is not None and _ends_with_act(to_simplified(name)):
            return name, s.head
    return None


def _act_headings(sections: list[Section]) -> Iterator[tuple[str, Section]]:
    """The headings naming no field whose name ends with an act, with that name."""
    for s in sections:
        if s.field is None and s.label.kind == "heading" and (name := heading_name(s.head)) and _ends_with_act(name):
            yield name, s


def _heading_naming_act(sections: list[Section], subject: str) -> tuple[str, PageLine] | None:
    """The first heading naming no field whose name is the title's subject with an act
    (社保卡 → 社保卡申领)."""
    simple = to_simplified(subject)
    return next(((n, s.head) for n, s in _act_headings(sections) if simple in to_simplified(n)), None)


def _act_heading(sections: list[Section]) -> tuple[str, PageLine] | None:
    """The first heading naming no field whose words end with an act (二、办理门特病种待遇认定),
    a way of applying aside."""
    return next(((n, s.head) for n, s in _act_headings(sections) if not names_a_channel(s.head.text)), None)


def _process_naming_act(sections: list[Section]) -> tuple[str, Section] | None:
    """The first process heading whose words before (办理)流程 name an act or a scheme
    (…参保登记流程, …新生儿医疗保险办理流程), with that name; the object done (医保卡办理流程如下)
    is named with its act (医保卡办理)."""
    for s in sections:
        if s.field != "process" or s.label.kind != "heading" or names_a_channel(s.head.text):
            continue
        if names_service(s.label.subject or ""):
            return s.label.subject or "", s
        done = heading_name(s.head)
        if done is not None and names_service(done):
            return done, s
    return None


def _asks(text: str) -> bool:
    t = text.strip()
    return t.endswith(("?", "？")) or any(q in t for q in words("reader", "question_words"))


_QUESTION_CLAUSE = re.compile(r"([^，,。！!？?；;]{4,40}?)(?:的)?(?:流程是怎样的|怎么办理|如何办理|需要(?:什么|哪些)材料|需要什么条件)")
_LEAD_IN = re.compile(r"^.*?(?:看看|了解一下|了解|介绍一下|介绍|说说|讲讲)")


# …的,其基本医疗保险关系转移接续按以下流程经办: the act whose steps follow.
_PROCESS_CLAUSE = re.compile(r"(?:^|[，,。；;])其?([^，,。！!？?；;：:]{4,30}?)(?:按以下流程|按如下流程|按下列流程|的经办流程为|的办理流程为)")


def _first_sentences(lines: list[PageLine], count: int) -> list[tuple[PageLine, str, str]]:
    """The page's first ``count`` logical lines (a PDF wraps a paragraph at the margin): the
    first visual line, the text and the original text."""
    out: list[tuple[PageLine, str, str]] = []
    for k, ln in enumerate(lines):
        if out and k and wrapped(lines[k - 1], ln):
            first, text, orig = out[-1]
            out[-1] = (first, text + ln.text, orig + ln.orig)
            continue
        if len(out) == count:
            break
        out.append((ln, ln.text, ln.orig))
    return out


_TITLE_IN_SENTENCE = re.compile(r"(?:整理出|整理了|整理|带来|分享|介绍)(?:了)?([\u4e00-\u9fff]{4,30}?(?:指南|指引|须知))")
_ADDRESSED = re.compile(r"你|您|我们|大家|知道")


def _name_in_sentence(text: str) -> str | None:
    """今天我们就来看看武汉城镇居民的医疗保险办理流程是怎样的 → 城镇居民的医疗保险办理;
    …的，其基本医疗保险关系转移接续按以下流程经办： → 基本医疗保险关系转移接续."""
    titled = _TITLE_IN_SENTENCE.search(text)
    if titled is not None and (name := name_from_title(titled.group(1))) is not None and act_of(name) is not None:
        # …本地宝小编为你整理出中山医疗保险参保指南: the guide's title, quoted in its introduction.
        return name
    m = _QUESTION_CLAUSE.search(text) or _PROCESS_CLAUSE.search(text)
    if not m:
        return None
    clause = _LEAD_IN.sub("", m.group(1))
    if _ADDRESSED.search(clause):
        return None  # 你们知道应该如何办理…: who is addressed names nothing
    name = clean_name(clause)
    return name if is_name(name) else None


# 提出单位参保登记申请 / 办理个人账户一次性支取手续: an act applied for or carried out, named in
# a sentence with its object.
_ACT_SAID = re.compile(r"(提出|办理|申请办理)([\u4e00-\u9fff]{2,16}?)(?:手续|申请)")
# 提出…申请 says what the applicant asks for; 办理…手续 may be a step on the way (办理…注销手续).
_APPLIED_WEIGHT = 2


def _act_in_prose(lines: list[PageLine]) -> tuple[str, PageLine] | None:
    """The act with its object that the page's sentences name most often as applied for or
    carried out (单位参保登记 twice over 参保登记 once in 提出单位参保登记申请 … 办理参保登记手续),
    the first named where several are named as often."""
    seen: Counter[str] = Counter()
    where: dict[str, PageLine] = {}
    for ln, text, _ in _first_sentences(lines, len(lines)):  # each paragraph whole, as a PDF wrapped it
        for m in _ACT_SAID.finditer(text):
            name = m.group(2)
            act = act_of(name)
            if act is None or not _names_object(name) or not is_name(name):
                continue  # 办理参保登记手续: acts alone (参保, 登记) name no particular service
            seen[name] += _APPLIED_WEIGHT if m.group(1) == "提出" else 1
            where.setdefault(name, ln)
    if not seen:
        return None
    for short in list(seen):
        # 辦理津貼申領手續 twice, 辦理生育津貼申領手續 once: the shorter wording is the longer one's
        # act said without its object's first words; they count as the fuller name.
        longer = [n for n in seen if n != short and n.endswith(short)]
        if len(longer) == 1:
            seen[longer[0]] += seen.pop(short)
    best = max(seen, key=lambda n: seen[n])  # the first named of those named most often
    line = where[best]
    return _in_writing(best, line.text, line.orig), line


def _in_writing(name: str, text: str, orig: str) -> str:
    """``name``, found in a line's simplified ``text``, in the line's own writing where the two
    align character for character (a line with pinyin readings written in does not)."""
    return keep_writing(name, orig) if name in text and len(orig) == len(text) else name


def _names_object(name: str) -> bool:
    """Whether a name holds more than act words (单位参保登记, not 参保登记)."""
    rest = to_simplified(name)
    acts = sorted(words("reader", "item_acts"), key=len, reverse=True)
    for act in acts:
        rest = rest.replace(act, "")
    return len(rest) >= 2


# …可以申请办理省内及跨省异地就医住院医疗费用直接结算。: who may apply for which act.
_MAY_APPLY = re.compile(r"(?:可以|可|均可|方可)申请(?:办理|享受)?([^，,。；;：:“”\"]{4,30}?)[。；;]?$")


def _act_of_eligibility(sections: list[Section]) -> tuple[str, PageLine] | None:
    """The act the first sentence of a conditions section says who may apply for, where it
    ends with an act and names its object."""
    for sec in sections:
        if sec.field != "conditions":
            continue
        first = _first_sentences(sec.lines, 1)  # the paragraph whole, as a PDF wrapped it
        for ln, text, orig in first:
            m = _MAY_APPLY.search(text.strip())
            name = clean_name(m.group(1)) if m else ""
            if m and is_name(name) and _ends_with_act(name) and _names_object(name):
                return _in_writing(name, text, orig), ln
    return None


# 《平顶山市重症慢性病鉴定申请表》: an application form, named after the act it applies for.
_FORM = re.compile(r"《([^《》]{4,30}?)(?:申请|申报|登记|审批|备案)(?:表|书)》")


def _form_name(lines: list[PageLine]) -> tuple[str, PageLine] | None:
    """The act the first application form among ``lines`` is for, where its name ends with an act."""
    for ln in lines:
        for m in _FORM.finditer(ln.text):
            name = clean_name(m.group(1))
            if is_name(name) and _ends_with_act(name) and _names_object(name):
                return _in_writing(name, ln.text, ln.orig), ln
    return None


_QUOTED = re.compile(r"[“\"「]([^”\"」]{4,20})[”\"」]")


def _quoted_name(lines: list[PageLine]) -> tuple[str, PageLine] | None:
    """An item named only in quotes (进入“生育津贴申领”页面), the one quoted most often."""
    acts = tuple(words("reader", "item_acts"))
    seen: Counter[str] = Counter()
    where: dict[str, PageLine] = {}
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
