"""Field labels by meaning: a heading, a numbered label, 【…】, a label before a colon, a
question or a sentence naming a field of the vocabulary, and the act it names
(生育津贴申领材料有什么 → 生育津贴申领).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractors.fields.lines import BRACKET, CJK, FIRST_ENTRY, LABEL_MAX, PageLine
from govguide.core.vocabulary import clean_heading, match_field, vocabulary, words
from normalizers.item_title import (
    GUIDE_ENDINGS,
    act_of,
    clean_name,
    first_wording,
    is_name,
    name_from_title,
    names_service,
)
from normalizers.material_sentence import names_a_document
from normalizers.text import TRAILING_NOTE

_HEADING_MAX = 16  # a heading's words (numbering stripped) are short
_LONG_HEADING_MAX = 40  # …unless it names the act its materials are for (报销流产术…需要的材料)
_TERMINAL = ("。", "；", ";", "！", "!")
_ANSWER = re.compile(r"^(?:答|回答|解答)\s*[：:]")
COLON = re.compile(r"^([^：:]{1,30}?)\s*[：:]\s*(.*)$")
_LIST_START = re.compile(rf"^(?:{FIRST_ENTRY})")
# 以下材料 / 以下证明材料 / 下列相关资料: a short qualifier may stand between 以下 and 材料.
# …不参加…的，须提供有关证明材料: a sentence asking for papers before a list.
_SENTENCE_MATERIALS = re.compile(
    r"(?:如下|以下|下列)[\u4e00-\u9fff]{0,4}?(?:材料|资料)|(?:材料|资料)(?:如下|有|包括|为)"
    r"|(?:提供|提交|携带)(?:有关|相关|相应)[\u4e00-\u9fff]{0,4}?(?:材料|资料)$"
)
# …用人单位参加基本医疗保险要办理的手续: the formalities of an act, listed below (the papers
# to hand in, the forms to fill).
_FORMALITIES = re.compile(r"(?:^|[，,。；;])([^，,。；;：:]{4,30}?)(?:要|需要|需|应|须)办理的手续[：:]\s*$")
# …应在诊治终结后6个月内,凭以下资料向市医保局及时申请生育保险待遇。: a sentence leading in to the
# list of papers under it, naming the act they are for in its last clause.
_APPLIED_WITH_PAPERS = re.compile(
    r"(?:凭|持|携带|提供|提交)(?:以下|下列|如下)(?:资料|材料|证件|证明材料)[^，,。；;：:]{0,20}?"
    r"(?:申请|申领|申报|办理)([^，,。；;：:]{2,20})[。：:]\s*$"
)
# …材料有A、B、C / 补缴所需材料和流程为：请持A、B、C，到…: the list follows in the sentence.
# …需要的材料主要有这几种：A；B；C: the kinds counted before the colon say nothing of the papers.
_ENUMERATION = re.compile(
    r"(?:材料|资料)(?:(?:和|及|与)(?:流程|程序|手续))?(?:主要)?(?:有|包括|为|如下)(?:这|以下|如下)?(?:几种|几类|几项|几样)?[：:]?(.+)$"
)
_SENTENCE_TAIL = re.compile(r"(?:应|需|须|要)?(?:提供|提交|准备|携带)?(?:如下|以下|下列)[\u4e00-\u9fff]{0,4}?(?:材料|资料)$")


@dataclass
class Label:
    field: str | None  # a vocabulary field, or None for a heading naming no field
    kind: str  # heading | inline | bracket | question | sentence
    value: str | None = None  # the value written after the label (simplified)
    subject: str | None = None  # the act the label names (生育津贴申领 in …申领材料有什么)
    weak: bool = False  # 办理时间 and the like: a time limit only if the value is days


@cache
def _field_words() -> tuple[str, ...]:
    """The field words a long heading may end with (at least three characters: 依据 alone
    ends too many sentences)."""
    fields = vocabulary()["fields"]
    keep = ("materials", "time_limit", "legal_limit", "promised_limit", "legal_basis", "conditions", "process")
    return tuple(sorted({w for f in keep for w in fields.get(f, []) if len(w) >= 3}, key=len, reverse=True))


@cache
def _suffixes() -> tuple[str, ...]:
    return tuple(sorted(words("reader", "materials_suffix"), key=len, reverse=True))


def field_of(label: str) -> tuple[str | None, bool]:
    """(field, weak) a short label names: by the vocabulary's field words, a label ending in
    材料/资料 (报销材料), or a word that only sometimes means a time limit (办理时间)."""
    heading = clean_heading(label)
    if not heading:
        return None, False
    f = match_field(heading, max_len=LABEL_MAX)
    if f == "item_no" and heading not in vocabulary()["fields"]["item_no"]:
        f = None  # 女方医疗保险编号 is a document to bring; 序号 / 编号 label a row bare
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


# 失能评估申请时需提交哪些材料: what asks for the papers, and the 时 of the act before it.
_MATERIALS_TAIL = re.compile(
    r"(?:时)?(?:需要|所需要|所需|需|应|须|要)?(?:提供|提交|准备|携带)?的?(?:什么|哪些)?(?:材料|资料)(?:清单|目录)?.{0,6}$"
)
_LABEL_DECORATION = re.compile(r"[\s:：*＊【】\[\]“”\"'·•◆◇■□●○▲△]+")  # not numbering: 2019年… is a year
_BRACKETED = re.compile(r"[(（][^()（）]{1,8}[)）]")
_ALSO_NEEDS = re.compile(
    r"(?:还|另|另外|此外|同时)(?:需|须|需要|要|应|应当)(?:提供|提交|携带|准备|出具)?(?:以下|下列|如下)?[\u4e00-\u9fff]{0,4}?(?:材料|资料)\s*[：:]$"
)
_OBJECT_FIRST = re.compile(r"^([^，,。；;：:由]{4,20}?)由[^，,。；;]{2,30}?[，,]?[^，,。；;]{0,30}?(?:申请办理|申请|申领|申报)")
_ENTERING = re.compile(r"^.{2,24}?(?:进入|享受)")
_MEETING = re.compile(r"(?:需要|需|要|应|须|应当)?(?:满足|具备|符合)(?:的|哪些|什么|以下|下列)?$")
_JOINED_FIELDS = re.compile(r"(?:的)?(?:(?:时间|条件|流程|地点|方式|时限)(?:和|及|与|、))+$")
_WHEN = re.compile(r"(?:申办|办理|申请|申领)(.{2,20}?)时")


def _subject(label: str, field: str | None) -> str | None:
    """The act a field label names: 生育津贴申领材料有什么 → 生育津贴申领, 报销流产术…需要的
    材料 → 报销流产术…, 申办长期异地就医时应提供如下资料 → 长期异地就医, 银川生育津贴申领办理
    依据 → 生育津贴申领; a bare 申请材料 names none."""
    # A note in brackets after the label (提供资料(以下资料需附原件及其A4纸复印件)) says how
    # the papers are given; it names no act.
    label = TRAILING_NOTE.sub("", label.rstrip("：: "))
    when = _WHEN.search(label)
    if when:
        text = when.group(1)
    else:
        text = _SENTENCE_TAIL.sub("", _LABEL_DECORATION.sub("", label))
        cut = _field_word_at(text, field)
        if cut is None:
            return None
        # 慢性病申请时间和所需资料: other fields joined to the materials name no act.
        text = _JOINED_FIELDS.sub("", text[:cut])
    # …办理居民医保要满足什么条件: what asks for the conditions is no part of the act.
    name = _MEETING.sub("", clean_name(text))
    entering = _ENTERING.search(name)
    if entering is not None and is_name(rest := name[entering.end() :]) and names_service(rest):
        # 各市县区职工、居民医保进入大病报销: who enters or enjoys the benefit is no part of it.
        name = rest
    if not is_name(name):
        return None
    # 办理时间和地点: the words before the field word name other fields (time, place), no act.
    generic = re.sub(
        "|".join(words("reader", "item_acts")) + "|所需|所带|携带|需要|提交|提供|的|应|相关|时间|地点|地址|方式|条件|和|及|与", "", name
    )
    return name if len(generic) >= 2 else None


def materials_subject(label: str) -> str | None:
    """The act a materials label names (…申报需要的材料 → …申报), or None."""
    return _subject(label, "materials")


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


_CLAUSE_INSIDE = re.compile(r"[，,。；;！!？?：:]")  # a phrase holds none: it is no sentence


def _names_act_for_whom(text: str) -> bool:
    """A phrase (no clause inside) ending with an act: 企业及不享受公务员医疗补助的事业单位参保."""
    return (
        len(text) <= _LONG_HEADING_MAX
        and not _CLAUSE_INSIDE.search(text)
        and act_of(text) is not None
        and field_of(text)[0] is None
    )


def _names_guide(text: str) -> bool:
    """A short phrase (no clause inside) ending with a guide word and naming an act before it."""
    return (
        len(text) <= _LONG_HEADING_MAX
        and text.endswith(GUIDE_ENDINGS)
        and not _CLAUSE_INSIDE.search(text)
        and (name := name_from_title(text)) is not None
        and act_of(name) is not None
    )


def guide_before_subtitle(text: str) -> str | None:
    """The guide's title before a colon when a line is that title and a subtitle
    (慢病审批指南:卧病在床可代办,15个工作日办结 → 慢病审批指南), else None."""
    m = COLON.match(text)
    if m is None or not m.group(2).strip():
        return None
    head = m.group(1).strip()
    named = head.endswith(GUIDE_ENDINGS) and not _CLAUSE_INSIDE.search(head) and name_from_title(head) is not None
    return head if named else None


# A question asking for the papers (需要什么材料, 材料有哪些, 申报材料?), not one that mentions them on
# the way to another object (在精简办事材料…方面有哪些针对性举措?).
_ASKS_FOR_PAPERS = re.compile(
    r"(?:材料|资料)(?:清单|目录)?(?:都|需要|要)?(?:有|是|包括|为)?(?:什么|哪些|啥)|(?:什么|哪些|啥)(?:材料|资料)"
    r"|(?:材料|资料)(?:清单|目录)?(?:呢|吗)?\s*[?？]?\s*$"
)
_CLAUSE_BREAK = re.compile(r"[，,。；;]")
_BRING = re.compile(r"(?:携带|提供|提交|准备|带齐|带上|出示)(?:以下|如下|下列)?(?:材料|资料|证件)?$")
_SPACED_LABEL = re.compile(r"^([\u4e00-\u9fff]{2,10})[ \u3000]+(\S.{0,60})$")
_SPACED_FIELDS = ("time_limit", "legal_limit", "promised_limit", "materials", "legal_basis")


@cache
def _field_word_index() -> dict[str, str]:
    fields = vocabulary()["fields"]
    return {w: f for f in _SPACED_FIELDS for w in fields.get(f, [])}


def _exact_field(label: str) -> str | None:
    """The field a label names when it is exactly one of the vocabulary's words."""
    return _field_word_index().get(label)


# What may open a value glued to its label: a list's first number, a quoted title, a document
# number (咸政办发〔2011〕94号), a day count or the word for done at once.
_GLUED_VALUE = re.compile(rf"{FIRST_ENTRY}|《|[\u4e00-\u9fff]{{1,8}}[〔\[［(（]\d{{4}}[〕\]］)）]|\d{{1,3}}个?工作日|即办|即时办结")


def _glued_label(text: str) -> tuple[str, str] | None:
    """(field, value) of a line whose label runs into its value with nothing between (所需材料1.…,
    政策依据咸政办发〔2011〕94号…): a portal grid copied without its cell borders. Only a word of the
    vocabulary, whole, followed by what opens such a value."""
    for n in range(min(len(text) - 1, 8), 3, -1):
        f = _exact_field(text[:n])
        if f is not None and _GLUED_VALUE.match(text, n):
            return f, text[n:].strip()
    return None


_SITUATION = re.compile(r"时(?:应|需|要|须|应当|需要)?(?:提供|提交|携带|准备|出示)")


def asks_for_situation(text: str) -> bool:
    """A question about the papers to show when something happens (参保人住院时应提供哪些资料),
    not for a service one applies for."""
    situation = _SITUATION.search(text)
    return situation is not None and not names_service(clean_name(text[: situation.start()]) or "")


def read_label(ln: PageLine) -> Label | None:
    t = ln.rest
    if not t:
        return None
    m = BRACKET.match(t)
    if m:
        f, weak = field_of(m.group(1))
        return Label(f, "bracket", m.group(2).strip() or None, weak=weak)
    if _is_question(t) and len(t) <= 40:
        f: str | None = None
        weak = False
        if _ASKS_FOR_PAPERS.search(t):
            f = "materials"
        elif re.search("时限|时间|多久|几天|多长", t):
            f, weak = "time_limit", True
        elif "条件" in t:
            f = "conditions"
        # 医保卡丢了怎么办 医保卡丢了补办要多久: a question asked twice names its act once.
        asked = first_wording(t)
        subject = _subject(asked, f) if f is not None else None
        if f == "materials" and asks_for_situation(asked):
            # 医疗保险参保人住院时应提供哪些资料: papers to show in a situation (being in hospital),
            # no service one applies for.
            return Label(f, "question", subject=None, weak=weak)
        if subject is None and f != "materials":
            subject = clean_name(asked)
        # 需要带什么材料: a materials question whose words before the papers name no act names none.
        return Label(f, "question", subject=subject if subject is not None and is_name(subject) else None, weak=weak)
    answer = _ANSWER.match(t)
    if answer:
        # 答：… is the content of the question above it, unless it opens a list of the
        # materials (答：需提供以下材料：1.… 2.…).
        rest = t[answer.end() :].strip()
        if rest.endswith(("：", ":")) and _SENTENCE_MATERIALS.search(rest):
            return Label("materials", "sentence")
        return None
    if ln.style is not None and t.endswith(("：", ":")) and _names_act_for_whom(t.rstrip("：: ")):
        # 1、國家機關及參照享受公務員醫療補助的事業單位參保： over its own entries: a numbered
        # line naming an act (for whom) and closed by a colon heads that act's part.
        return Label(None, "heading")
    if t.endswith(("：", ":")) and _names_guide(t.rstrip("：: ")):
        # 城镇居民医疗保险申办参保(增员)须知： over its list: a guide's own title inside the page.
        return Label(None, "heading")
    if guide_before_subtitle(t) is not None:
        # 二、转外就医攻略:备案流程、报销政策全解析: a guide's title with its subtitle after the colon.
        return Label(None, "heading")
    if _ALSO_NEEDS.search(t):
        # 住院费用还需提供以下资料: / 属于外伤住院的还需提供以下资料:: a case of the list above needing
        # more papers, not an act of its own.
        return Label("materials", "sentence")
    spaced = _SPACED_LABEL.match(t)
    if spaced is not None and (f := _exact_field(spaced.group(1))) is not None:
        # 法定办结时限 90 自然日: a portal grid that lost its cell borders keeps a space between
        # a field's label and its value.
        return Label(f, "inline", spaced.group(2).strip())
    glued = _glued_label(t) if ln.style is None else None
    if glued is not None:
        return Label(glued[0], "inline", glued[1])
    m = COLON.match(t)
    # A note in brackets after a label (提供资料 (以下资料需附原件及其A4纸复印件)：) says how the
    # papers are given: the label is read, and measured, without it.
    bare = TRAILING_NOTE.sub("", m.group(1).rstrip()).strip() if m else ""
    if m and bare and _CLAUSE_BREAK.search(_BRACKETED.sub("", bare)):
        # 由参保人在参保登记规定时限内,携带: a sentence leading in to a list, not a label (its
        # 规定时限 is no time-limit field); it asks for papers when it ends with bringing them.
        if not m.group(2).strip() and _BRING.search(bare):
            return Label("materials", "sentence")
        value = m.group(2).strip()
        if _LIST_START.match(value) and _SENTENCE_MATERIALS.search(bare):
            # 申请长期护理保险待遇时,用户需要携带并提交以下材料:1、身份证;…2、社保卡…: the numbered
            # list runs on after the lead-in's colon; it is the value.
            return Label("materials", "sentence", value)
        m = None
    if m and bare and len(clean_heading(bare)) <= LABEL_MAX:
        label, value = bare, m.group(2).strip()
        f, weak = field_of(label)
        if f is None and _SENTENCE_MATERIALS.search(label):
            f = "materials"
        enum = _ENUMERATION.search(value) if value else None
        if enum and f in (None, "materials"):  # 注意事项：需要上传的材料有A、B、C，因…
            return Label("materials", "sentence", enum.group(1))
        if f is not None:
            subject = None if value else _subject(label, f)
            return Label(f, "inline" if value else "heading", value or None, subject, weak)
        if ln.style is not None and value and names_a_document(value):
            return None  # ④低保对象：《户口薄》、《身份证》: an entry of a list, for whom it is
        return Label(None, "inline", value or None) if len(clean_heading(label)) <= 8 else None
    formalities = _FORMALITIES.search(t)
    if formalities is not None:
        # 一般情况下,用人单位参加基本医疗保险要办理的手续: over what to hand in, naming the act.
        subject = clean_name(formalities.group(1))
        return Label("materials", "sentence", subject=subject if is_name(subject) else None)
    applied = _APPLIED_WITH_PAPERS.search(t)
    if applied is not None and ln.style is None:
        subject = clean_name(applied.group(1))
        return Label("materials", "sentence", subject=subject if is_name(subject) else None)
    if t.endswith(("：", ":")) and _SENTENCE_MATERIALS.search(t):
        # 申办长期异地就医时应提供如下资料：
        # …由本人或其委托人向经办机构申领。申领生育保险待遇需提交下列材料：the lead-in is the
        # line's last sentence; the sentence before it says who applies.
        lead_in = re.split(r"[。；;！!]", t.rstrip("：:"))[-1].strip()
        subject = _subject(lead_in, "materials")
        applied = _OBJECT_FIRST.match(lead_in) if subject is None else None
        if applied is not None and is_name(name := clean_name(applied.group(1))):
            # 生育保险待遇由用人单位在…内,向…申请办理,申办时应填报《…》,并提供以下资料: the sentence
            # opens with what is applied for.
            subject = name
        return Label("materials", "sentence", subject=subject)
    enum = _ENUMERATION.search(t)
    if enum and ln.style is None:
        return Label("materials", "sentence", enum.group(1))
    heading = clean_heading(t)
    long_materials = len(heading) <= _LONG_HEADING_MAX and heading.endswith(_suffixes())
    # 百色参保人员个人账户一次性支取法律依据: a numbered heading may name the act before the
    # field word it ends with; long as it is, it is a label, not a sentence.
    long_materials = long_materials or (
        ln.style is not None and len(heading) <= _LONG_HEADING_MAX and heading.endswith(_field_words())
    )
    # A note in brackets (…申办参保(增员)须知) qualifies a heading's words; it does not make
    # the heading long like a sentence.
    if (
        (len(_BRACKETED.sub("", heading)) <= _HEADING_MAX or long_materials)
        and not t.endswith(_TERMINAL)
        and len(CJK.findall(heading)) >= 2
    ):
        f, weak = field_of(t)
        subject = _subject(t, f) if f is not None else None
        if f is not None:
            return Label(f, "heading", subject=subject, weak=weak)
        return Label(None, "heading")
    return None
