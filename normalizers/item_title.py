"""An item's name from a page title, a heading or a question.

Many guides never write 事项名称: the page title (珠海市单位生育津贴办理指引如下), a heading
(一、报销流产术…需要的材料) or a question (门诊特殊疾病怎么办理?) names the item. The name is
that text cleaned of what names the page rather than the act: the place and issuer, the
year, spam glued to a reposted title, and guide or question words (办理指南, 怎么办理,
办理时间是什么时候), all listed in ``govguide/core/vocabulary.toml`` under ``[reader]``.

Input is read in simplified characters; the returned name keeps the caller's own writing
(callers pass the original text alongside, see :func:`name_from_title`).
"""

from __future__ import annotations

import re
from functools import cache

from govguide.core.vocabulary import words
from normalizers.place import strip_leading_places, trailing_place
from normalizers.script import to_simplified, without_readings, without_readings_at

_NAME_MIN, _NAME_MAX = 3, 32
_TRAIL = " \u3000:：?？!！。.，,;；、-—_|"
# A bracketed note at the end (资料+流程), a year or date, page-number decorations.
_END_NOTE = re.compile(r"[（(【\[][^（()）】\]]{0,12}[)）】\]]\s*$")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*(?:年度|年)?(?:最新|版)?")
_SPAM_CUT = re.compile(r"^.*[】_|]")  # 澳门…_欧洲杯…-【投注官网平台】医疗保障局对… → after the last 】/_/|


@cache
def _suffixes() -> tuple[str, ...]:
    return tuple(sorted(words("reader", "title_suffix"), key=len, reverse=True))


@cache
def _parties() -> tuple[str, ...]:
    return tuple(words("reader", "parties"))


@cache
def _notice_words() -> tuple[str, ...]:
    return tuple(words("reader", "notice_title"))


@cache
def _issuer_re() -> re.Pattern[str]:
    issuers = "|".join(map(re.escape, words("reader", "issuer_words")))
    return re.compile(rf"^.*?(?:{issuers})(?:关于|对|的)?")


# …需要什么步骤 / …有哪些呢 / …是多少: a question's tail.
_QUESTION_TAIL = re.compile(
    r"(?:需要|需|要|有|是|的)?(?:什么|哪些|怎样|怎么样|多少|几个)[\u4e00-\u9fff]{0,4}?(?:呢|吗|呀)?$"
    r"|(?:需要|需|要)?(?:多久|多长时间)(?:呢|吗|呀)?$"
    r"|(?:应该|要)?(?:怎么|如何|怎样)(?:办理|申领|申请|申报|领取|报销|备案|进行|办)?(?:呢|吗|呀)?$"
    # 补交医保去哪里补 / 异地就医备案在哪里办理: where to go, the act asked about before it.
    r"|(?:应该|要|需要)?(?:去|到|在)?(?:哪里|哪儿|何处)[\u4e00-\u9fff]{0,2}?(?:呢|吗|呀)?$"
    # 申请救助找哪个部门 / …在哪个窗口办理: which office, the act asked about before it.
    r"|(?:应该|要|需要)?(?:找|去|到|在)?哪个(?:部门|单位|窗口|机构|地方)(?:办理|申请)?(?:呢|吗|呀)?$"
)


# 如何办理… / 怎么申请…: a question's lead.
_QUESTION_LEAD = re.compile(r"^(?:如何|怎么样|怎么|怎样)(?:办理|申请|申报|申领|领取|进行)?")


# …医疗保险怎么参保 / …就医后怎样报销医疗费用: a question word inside the title, before the act
# it asks about; without it the title names the act.
_DONE_TO = re.compile(r"(?:去|来)?(?:办理|办)")
_OBJECT_MIN = 4
# 异地就医,怎么用医保报销: the topic, then the question after a comma; 用 (using the insurance to
# claim) goes with the question word.
_QUESTION_INSIDE = re.compile(r"(?<=[\u4e00-\u9fff])[，,]?(?:怎么|怎样|如何)(?:用|使用)?(?=[\u4e00-\u9fff]{2,12}$)")


# 新生儿医保卡怎么办理及报销比例多少: a question about the act joined by 及 / 和 to a second
# question (rates, hours); the act's question is the item, what follows it another topic.
_SECOND_QUESTION = re.compile(
    r"(?<=[\u4e00-\u9fff])((?:怎么|如何|怎样)(?:办理|申领|申请|申报|领取|报销|备案|参保|办))(?:以及|及|和|与|并且)[\u4e00-\u9fff]{2,}$"
)


# A note naming a case of the act (零星报销(住院报销), 参保登记(新生儿)) is part of the item's name;
# one about the page (资料+流程, 2024年版, 图文) is not.
_LONG_END_NOTE = re.compile(r"[（(]([^（()）]{4,30})[)）]\s*$")
_CASE_NOTE = re.compile(r"(?:报销|支付|申领|备案|登记|认定|职工|居民|新生儿|学生|单位|门诊|住院)$")
_PAGE_NOTE = re.compile(r"流程|材料|资料|指南|指引|图|版|年|最新|附|条件|入口|攻略|详解|须知|问答")


def _strip_once(text: str) -> str:
    t = text.strip(_TRAIL).rstrip("和及与+")
    t = _SECOND_QUESTION.sub(r"\1", t)
    note = _END_NOTE.search(t)
    if note is not None:
        before = t[: note.start()].strip(_TRAIL)
        inner = to_simplified(note.group(0)[1:-1].strip())
        # 医疗保险费用结算(两定机构月度结算): a note ending with an act names a case of it too.
        case_note = _CASE_NOTE.search(inner) is not None or act_of(inner) is not None
        case = act_of(before) is not None and case_note and not _PAGE_NOTE.search(inner)
        if not case:
            t = before
    variant = _LONG_END_NOTE.search(t)
    if variant is not None and t[:4] == variant.group(1)[:4]:
        # 九江医保关系转移接续办理流程(九江医保关系转移接续办理流程图): the title worded again in brackets.
        t = t[: variant.start()].strip(_TRAIL)
    t = _QUESTION_TAIL.sub("", t).strip(_TRAIL) or t
    t = _QUESTION_INSIDE.sub("", t, count=1)
    for s in _suffixes():
        if t.endswith(s) and len(t) > len(s):
            # 报销流程和材料 / (条件+入口+流程): what joined the words goes with them.
            rest = t[: -len(s)].rstrip("的之和及与+").strip(_TRAIL)
            return rest + _act_kept(rest, s)
    for c in words("reader", "channel_words"):
        # 居民医保参保线下(办理方式), 异地就医备案网上办理: the channel the page describes is no
        # part of the item.
        for tail in (c + "办理", c + "申请", c + "申报", c):
            if t.endswith(tail) and len(t) > len(tail) + 2:
                return t[: -len(tail)]
    if t.endswith("办理") and act_of(t[:-2]) not in (None, "办理"):
        return t[:-2]  # 医保关系转移接续办理(流程): 办理 only does the act named before it
    lead = _QUESTION_LEAD.match(t)
    if lead and len(t) > lead.end():
        return t[lead.end() :]
    for p in words("reader", "title_prefix"):
        if t.startswith(p) and len(t) > len(p):
            return t[len(p) :].lstrip(":：").strip(_TRAIL)
    return t


_GUIDE_WORDS = ("指南", "指引")
# The words a guide's own title ends with (…申报指南, …办理指引, …申办参保(增员)须知).
GUIDE_ENDINGS = ("指南", "指引", "须知", "攻略")


# 个人医保怎么办理 / 如何申领…: the act a how-to question asks about.
_ASKED = re.compile(r"(?:怎么|如何|怎样)(办理|申领|申请|申报|备案|参保|登记|报销|领取|补办|补换|补领|换领|挂失|转移|变更|缴纳|缴费|领)")


def asked_act(text: str) -> str | None:
    """The act a how-to title or question asks about (个人医保怎么办理 → 办理), or None. The
    item's name leaves it out (个人医保), but the page's sentences about that act are the
    item's."""
    m = _ASKED.search(to_simplified(text))
    return m.group(1) if m else None


def _act_kept(rest: str, suffix: str) -> str:
    """The act word a guide's own title word starts with (办理指南, 申领指引), where it is the only
    act the title names: 医保卡办理指南 → 医保卡办理, but 生育津贴支付办理指南 → 生育津贴支付, and a
    scheme one claims stands for its item as it is (单位生育津贴办理指引 → 单位生育津贴). A way or
    a step (线下办理方式, 网上申请流程) names no act of its own."""
    acts = words("reader", "item_acts")
    act = next((a for a in acts if suffix.startswith(a) and suffix[len(a) :] in _GUIDE_WORDS), None)
    if act is None or rest.endswith((*acts, *words("reader", "item_schemes"))):
        return ""
    return act


def clean_name(text: str) -> str:
    """The act a title, heading or question names, in simplified characters ("" if none).

    Guide words come off the end until none is left, then place names and issuers off the
    front: 丹东生育津贴支付办理指南2023-yb体育官方 → 生育津贴支付.
    """
    # ◆ 办理流程: a bullet before a heading is no part of what it names.
    t = without_readings(to_simplified(text)).strip().lstrip("◆◇■□●○▲△•·★☆ \u3000")
    t = _cut_after_guide_word(t)
    if "】" in t or "_" in t or "|" in t:
        t = _SPAM_CUT.sub("", t)
    t = _issuer_re().sub("", t) or t
    t = _YEAR.sub("", t)
    while True:
        stripped = _strip_once(t)
        if stripped == t:
            break
        t = stripped
    t = _CHANNEL_CHOICE.sub("", strip_leading_places(t)) or t
    return _without_destination(t.strip(_TRAIL))


def _without_destination(name: str) -> str:
    """A name ending with the place an act goes to or from (职工医保转出长沙 → 职工医保转出):
    the place is the page's, the act is the item."""
    place = trailing_place(name)
    rest = name[: len(name) - len(place)]
    moved = _MOVED.search(rest) is not None  # 转出 and 转入 are no item of their own, yet moves
    return rest if place and len(rest) >= _NAME_MIN and (moved or act_of(rest) is not None) else name


_MOVED = re.compile(r"(?:转出|转入|迁出|迁入|转往|转到|转至)$")


# 线上or线下办理门诊慢特病病种待遇认定: a choice of ways of applying before the act says nothing of it
# (one way named alone, 自助办理异地备案, stays: it may be the service itself).
_CHANNEL_CHOICE = re.compile(r"^(?:线上|网上|线下|窗口|现场)(?:or|OR|或|或者|/|、|和|及)(?:线上|网上|线下|窗口|现场)(?:办理|申请|申报)?")


def _cut_after_guide_word(text: str) -> str:
    """Reposts glue text after a guide title (…办理指南2023-yb体育官方): cut it off."""
    # Any guide word (申请指南, 操作指南 …): a second title glued after it (…申请指南汕头新生儿
    # 医保卡办理) is cut off too.
    for s in ("指南", "指引"):
        i = text.find(s)
        if i > 0:
            return text[: i + len(s)]
    return text


_LOST = re.compile(r"(?<=\S)\?{2,}(?=\S)")


def act_of(item_name: str) -> str | None:
    """The act an item's name ends with (跨省异地就医备案 → 备案), or None."""
    name = to_simplified(item_name)
    return next((a for a in sorted(words("reader", "item_acts"), key=len, reverse=True) if name.endswith(a)), None)


def names_service(name: str) -> bool:
    """A name ending with an act (…申领) or with a scheme or benefit one joins or claims
    (城镇职工医疗保险, …生育津贴)."""
    return act_of(name) is not None or to_simplified(name).endswith(tuple(words("reader", "item_schemes")))


def names_no_item(value: str) -> bool:
    """A value under a 事项名称 label that is no item's name: another element's label (事项简述,
    in a catalogue listing a guide's elements one per line), a list or a notice."""
    return to_simplified(value.strip()).endswith(tuple(words("reader", "not_item")))


def is_name(text: str) -> bool:
    """Whether a cleaned text can be an item's name: short, one phrase, not a sentence or a
    bare question."""
    if not (_NAME_MIN <= len(text) <= _NAME_MAX):
        return False
    # ?? between characters is a character the page lost (醫保??辦理), not a question.
    if re.search(r"[，,。；;！!?？:：]", _LOST.sub("", text)):
        return False
    if any(text.endswith(w) for w in words("reader", "not_item")) or text in words("reader", "generic_names"):
        return False
    if _only_channel(text) or _A_LIMIT.match(to_simplified(text)):
        return False
    if to_simplified(text) in {*words("reader", "title_suffix"), *words("words", "other_headings")}:
        return False  # a bare section label (服务对象, 办理地点) where a title would be
    return not any(q in text for q in words("reader", "question_words"))


_DEFINITION = re.compile(r"^([^，,。；;：:]{3,32}?)(?:是指|指的是|系指)")


def defined_name(value: str) -> str | None:
    """The words a 事项名称 value defines when the value is a definition, not a name
    (单位新增参保登记是指用人单位办理社会保险参保登记… → 单位新增参保登记), else None."""
    m = _DEFINITION.match(to_simplified(value.strip()))
    if m is None or is_name(value.strip()):
        return None
    name = value.strip()[: m.end(1)]
    return name if is_name(name) and names_service(name) else None


def titled_definition(defined: str, title: str | None) -> str | None:
    """The name a page's title gives an item whose 事项名称 only defines it, where the title
    names the same words (单位新增参保登记 under the title 单位新增参保登记(企业)), else None."""
    if not title:
        return None
    simple = to_simplified(title.strip())
    if simple.startswith(to_simplified(defined)) and is_name(title.strip()):
        return title.strip()
    named = name_from_title(title)
    return named if named is not None and to_simplified(named).startswith(to_simplified(defined)) else None


# 20個工作日 / 十五个工作日内: a time limit standing where a title would, no item's name.
_A_LIMIT = re.compile(r"^(?:\d+|[一二三四五六七八九十百]+)\s*个?(?:工作日|自然日|日|天|小时|个月)")
_FILLER = re.compile(r"[\s“”\"'「」《》()（）的找到去在]")


def names_a_channel(text: str) -> bool:
    """Whether a heading names a way of applying (参保登记窗口办理流程, 2.线上办理): its part of
    the page is how the page's item is done, not an item of its own."""
    t = to_simplified(text)
    return any(c in t for c in words("reader", "channel_words"))


def _only_channel(text: str) -> bool:
    """A way of applying (窗口备案, 人工窗口办理, 网上办理, 找他人代办): a channel word and
    acts, nothing else."""
    t = to_simplified(text)
    channels = words("reader", "channel_words")
    if not any(c in t for c in channels):
        return False
    for w in sorted([*channels, *words("reader", "item_acts"), "办", "受理"], key=len, reverse=True):
        t = t.replace(w, "")
    return len(_FILLER.sub("", t)) < 2


def keep_writing(simplified_name: str, original: str) -> str:
    """The part of ``original`` that reads as ``simplified_name`` (traditional characters and
    readings written into it kept: 泉州市生育津貼申報 → 生育津貼申報, 城鄉(xiāng)居民 → itself).
    OpenCC maps character for character here, so the positions of the simplified text are
    those of the original."""
    simple = to_simplified(original)
    if len(simple) != len(original) or not simplified_name:
        return simplified_name
    plain, keep = without_readings_at(simple)
    at = plain.find(simplified_name)
    if at < 0:
        return simplified_name
    return original[keep[at] : keep[at + len(simplified_name) - 1] + 1]


# (医疗保险定点医疗机构申请书)医疗保险定点申请: a site's note or category in brackets before the
# title's own words.
_LEADING_NOTE = re.compile(r"^[（(][^()（）]{2,20}[)）]\s*")


def name_from_title(text: str) -> str | None:
    """The item a title or heading names, in the text's own writing, or None."""
    text = first_wording(_without_inner_question(text.strip()))
    note = _LEADING_NOTE.match(text)
    if note is not None and is_name(clean_name(text[note.end() :])):
        text = text[note.end() :]
    name = _without_orphan_note(clean_name(text))
    return keep_writing(name, text) if is_name(name) else None


_ORPHAN_NOTE_MAX = 6


def _without_orphan_note(name: str) -> str:
    """A name ending with a note whose opening bracket was lost in copying (…申办参保增员)):
    cut back to the act the note followed."""
    if not name.endswith((")", "）")) or "(" in name or "（" in name:
        return name
    body = name[:-1]
    for cut in range(len(body) - 1, max(len(body) - _ORPHAN_NOTE_MAX, 1) - 1, -1):
        if act_of(body[:cut]) is not None:
            return body[:cut]
    return name


_YES_NO = re.compile(r"吗\s*[?？]\s*$")


def first_wording(text: str) -> str:
    """A title saying one thing twice (上海医保卡办理需要什么条件,上海医保卡办理条件; 个人医保怎么办理
    个人医保如何办理), as pages word them for search engines, after a comma or a space: its first
    wording, when every wording names the same act; the wording naming an act the others only
    lead up to (医保卡丢了怎么办 医保卡丢了补办要多久 → the second)."""
    parts = [p for p in re.split(r"[，,\s\u3000]+", text) if p.strip()]
    asked = [p for p in re.split(r"(?<=[?？])", text.strip()) if p.strip()]
    if len(asked) >= 2 and all(_YES_NO.search(p) for p in asked[:-1]) and not _YES_NO.search(asked[-1]):
        # 天津新生儿能参加医保吗?天津新生儿医保卡办理流程: a yes-no question, then the wording naming
        # the act the page walks through.
        return asked[-1].strip()
    if (
        len(asked) >= 2 and all(p.rstrip().endswith(("?", "？")) and not _says_an_act(p) for p in asked[:-1])
        and not asked[-1].rstrip().endswith(("?", "？")) and act_of(clean_name(asked[-1])) is not None
    ):
        # 职工医保个人账户的钱怎么使用?职工医保个人账户的钱提取办理流程: a question naming no act leads
        # up to the wording that names one.
        return asked[-1].strip()
    dashed = [p for p in re.split(r"-{2,}|—{1,2}|－{2,}", text.strip()) if p.strip()]
    asking = [p for p in dashed if re.search("怎么|如何|怎样", p) and is_name(clean_name(p))]
    if len(dashed) == 2 and len(asking) == 1:
        # 医保就诊小知识--如何补换社保卡?: a column's name, then the question naming the act.
        return asking[0].strip()
    questions = [p for p in re.split(r"(?<=[?？])|[，,]", text.strip()) if p.strip()]
    if (
        len(questions) >= 2
        and re.search("怎么|如何|怎样", questions[0]) is not None
        and (asked_act(questions[0]) is not None or act_of(clean_name(questions[0])) is not None)
        and all(_asks_terms_only(p) for p in questions[1:])
    ):
        # 娄底医保卡丢了怎么补办?要多久可以拿到? / 衢州市生育津贴怎么领,…生育津贴怎么算的多少钱: how to
        # do an act, then questions about its terms (how long, how much) naming no act: the first
        # names the item.
        return questions[0].strip()
    if len(parts) < 2:
        return text
    names = [clean_name(p) for p in parts]
    if len(set(names)) == 1:
        return parts[0] if is_name(names[0]) else text
    fullest = max(range(len(parts)), key=lambda i: len(names[i]))
    acts = tuple(words("reader", "item_acts"))
    full = names[fullest]
    # 上海生育保险待遇领取条件,如何拿生育保险待遇: a wording may put a one-character verb (拿, 领,
    # 办) before the object the fullest names.
    if is_name(full) and full.endswith(acts) and all(n in full or n[1:] in full for n in names):
        return parts[fullest]
    return text


def _asks_terms_only(text: str) -> bool:
    """A question about an act's terms (要多久可以拿到?, …怎么算的多少钱) that names no act."""
    asks = text.rstrip().endswith(("?", "？")) or any(q in text for q in words("reader", "question_words"))
    return asks and asked_act(text) is None and act_of(clean_name(text)) is None


def _says_an_act(text: str) -> bool:
    """Whether a wording holds an act's word anywhere (如何办理…关系转出?, …补办要多久)."""
    simple = to_simplified(text)
    return any(a in simple for a in words("reader", "item_acts"))


def _without_inner_question(text: str) -> str:
    """The title without a question word inside it, cut from the page's own writing so that
    the name keeps it (烏魯木齊市醫療保險怎麼參保 → 烏魯木齊市醫療保險參保). Read past pinyin
    readings a page writes into words (業(yè)務(wù))."""
    simple = to_simplified(text).rstrip(_TRAIL)
    if len(simple) > len(text):
        return text
    plain, at = without_readings_at(simple)
    m = _QUESTION_INSIDE.search(plain)
    if m is None or _QUESTION_TAIL.search(plain):
        # …怎么办理 / …如何申领 end the title: the question's tail goes as a whole.
        return text
    if plain[m.start()] in "，," and act_of(clean_name(plain[: m.start()])) is not None:
        # 上海生育保险待遇领取条件,如何拿生育保险待遇: a title worded twice, each wording naming the
        # act; not a topic followed by its question (异地就医,怎么用医保报销).
        return text
    done = _DONE_TO.match(plain, m.end())
    asker = clean_name(plain[: m.start()])
    if done is not None and len(plain) - done.end() >= _OBJECT_MIN and asker.endswith(_parties()):
        # 参保单位如何办理在职职工增加人员业务: who asks, then the service they do; the service is
        # the item (办理 says nothing of it). Words naming the case instead (长期居住异地怎么办理
        # 异地就医) stay: without them the name loses which service it is.
        return text[at[done.end()] :]
    return text[: at[m.start()]] + text[at[m.end()] :]


# 关于开展城镇职工基本医疗保险个人账户一次性支取业务的通知: a notice opening one service.
_LAUNCH = re.compile(r"^(?:关于)?(?:开展|开通|启动|开办)(.{4,40}?)(?:业务|服务|工作)?(?:办理)?的?通知$")


def launched_service(text: str) -> str | None:
    """The service a notice opens (关于开展…一次性支取业务的通知 → …一次性支取), when the title
    names an act; None for other notices."""
    t = without_readings(to_simplified(text)).strip().rstrip(_TRAIL)
    m = _LAUNCH.match(re.sub(r"\s+", "", t))
    if m is None or act_of(m.group(1)) is None:
        return None
    return m.group(1)


def is_notice_title(text: str) -> bool:
    """A title naming a notice, a rule or news (关于…的通知, …答记者问); not a title that also
    words itself as a guide (九江生育保险待遇申报指南 九江市职工生育保险实施细则: the guide to the rule)."""
    t = without_readings(to_simplified(text)).strip().rstrip(_TRAIL)  # 政務(wù)公開
    t = _END_NOTE.sub("", t).strip(_TRAIL)
    parts = [p for p in re.split(r"[，,\s\u3000]+", t) if p]
    # 2024大庆居民医保缴费截止时间 大庆市城乡居民医保缴费: any wording of a title worded twice (apart
    # by a space) may say what the page is.
    wordings = [p for p in re.split(r"[\s\u3000]+", t) if p]
    if not t.endswith(_notice_words()) and not (len(wordings) >= 2 and any(p.endswith(_notice_words()) for p in wordings)):
        return False
    return not any(_is_guide_wording(p) for p in parts if not p.endswith(_notice_words()))


def _is_guide_wording(text: str) -> bool:
    """One wording of a title that is a guide's (…申报指南) to an act."""
    t = text.strip(_TRAIL)
    return t.endswith(GUIDE_ENDINGS) and act_of(name_from_title(t) or "") is not None
