"""Materials named inside one sentence, the way web pages write them:

- a bare list with a remark after it: ``户口簿、居民身份证、本人照片、开户银行账号等，具体材料可与
  办理机构确认。`` → 户口簿 / 居民身份证 / 本人照片 / 开户银行账号;
- a list joined by 、 and 及 over several clauses: ``居民身份证、社会保障卡原件及复印件，与…住院病
  历复印件(…)及相关辅助检查资料(…)`` → four materials (…原件及复印件 is one material);
- a list after a lead-in, with the form to fill before it: ``填写《…审核》(一式三份)，提供以下资料：
  ①本人身份证、②…、⑤疾病证明等，此…`` → the form, then each entry;
- a document shown to do the act: ``凭…身份证或居住证可以办理…`` / ``持社会保障卡到…办理`` → what is
  shown (alternatives joined by 或 are one proof to choose from).

A sentence that names no document (the entries do not read as documents) gives nothing, and
the caller keeps the line as it is. Names keep the page's writing; only the numbering before
an entry and the 等 after the last are taken off.
"""

from __future__ import annotations

import re

from govguide.core.numbering import LIST_LEVEL
from govguide.core.vocabulary import words
from normalizers.numbering import heading_numbering
from normalizers.script import READING, to_simplified

_OPEN = "（(《【["
_CLOSE = "）)》】]"
_CLAUSE_END = "，,。；;"
_LEAD_IN = re.compile(r"(?:提供|提交|携带|准备|带上|带齐)?(?:以下|如下|下列)(?:材料|资料|证件)[：:]")
_FILLED_FORM = re.compile(r"填写(《[^》]{2,60}》(?:[（(][^（()）]{1,20}[）)])?)")
# A document shown to do the act; 持 not in 支持/坚持/保持/持有/持续.
# 可带身份证或户口簿到…办理: 带 after a modal word is bringing (not 带来, 带动, 带薪).
_BRING = r"(?<=[可需须要请应])带(?![来领动头薪])"
_SHOWN = re.compile(rf"(?:凭借|凭(?!证)|携带|{_BRING}|(?<![支坚保维扶主把])持(?![有续]))")
# In prose with no materials list, what one hands in or signs counts too (签署…“承诺书”).
# 参保人交…联系函: 交 alone hands a paper over (not 交费, 交通, 交纳, 交易, 移交 between offices).
_HANDED = r"(?<=[人者位])交(?![费通纳易流换接办给])"
# 将《申请表》、…居住证明等有效证件资料于每年11月30日前交人力资源处: what 将 takes is handed in by
# the verb after it.
_PUT_IN = r"将(?=[^，,。；;]{2,80}?(?:交|提交|送交|递交|上交))"
# 还需要准备外埠住院费用汇总清单、…: papers to get ready; 包括本人社保卡、…: a clause opening with
# 包括 lists what the papers include (only where every entry names a paper, see _objects).
_READIED = r"(?<![\u4e00-\u9fff])包括|(?<=[需要须应请先])准备好?(?!了|工作)"
_SHOWN_OR_GIVEN = re.compile(
    rf"(?:凭借|凭(?!证)|携带|{_BRING}|提供|提交|上传|签署|填写|{_HANDED}|{_PUT_IN}|{_READIED}|(?<![支坚保维扶主把])持(?![有续]))"
)
# 持相关材料 / 提交申请材料 refer to a list given elsewhere; they name no document.
_REFERENCE = re.compile(r"(?:相关|有关|上述|所需|全部|申请|申报|报销)(?:材料|资料|证件)$")
# Where the document shown ends: the act follows (…到窗口办理, …可以办理, …前往…).
# …于每年11月30日前交…: a date the papers are handed in by ends them too (not 关于, 属于, 对于).
_SHOWN_END = re.compile(r"(?:可以|可|统一|并|到|至|前往|去|在|向|通过|办理|申请|申领|进行|(?<![关属对由等])于)")
# Words of a clause that says something about the list rather than naming a document.
_REMARK = re.compile(r"可|请|应|须|需|确认|办理|到|如|若|此|该|上述|以上")
_ENTRY_NUMBER = re.compile(rf"^\s*(?:{LIST_LEVEL})\s*")
# 及 (和, 与) joins two documents, except in 原件及复印件, 及以上, 及其….
_AND = re.compile(r"(?:以及|[及和与])(?!复印|原件|影印|以上|以下|其)")
_MIN_PART = 2
_ENCLOSED_NUMBER = re.compile("[\u2474-\u2487\u2488-\u249b]")

# A numbered list is a list of documents to hand in when at least this share of its entries
# name one (证, 表, 复印件 …), whatever its heading says.
DOCUMENT_LIST_SHARE = 0.6


def documents_in_sentence(text: str) -> list[str]:
    """The materials a sentence names, or [] when it is not a list of documents."""
    text = text.strip()
    simple = to_simplified(text)
    if not text or len(simple) != len(text):
        return []  # positions are found in the simplified text and cut in the page's own
    if _ENCLOSED_NUMBER.match(simple) or any(c.lstrip().startswith("或") for c in _split_outside(simple, _CLAUSE_END)[1:]):
        # ⑴… is a numbered entry; …，或…，或… offers alternatives: one material to choose.
        return []
    lead = _LEAD_IN.search(simple)
    if lead:
        forms = [text[m.start(1) : m.end(1)] for m in _FILLED_FORM.finditer(simple[: lead.start()])]
        listed = _listed(text[lead.end() :])
        return [*forms, *listed] if listed else []
    shown = documents_shown(text)
    if shown:
        return shown
    if len(_split_outside(simple, _CLAUSE_END)) < 2:
        return []  # a plain list on one line is read elsewhere (住院手术记录及诊断材料 is one)
    return _listed(text)


def documents_shown(text: str, *, given: bool = False) -> list[str]:
    """What a sentence says to show or bring (报销时，应当携带A、B或C、D及复印件(…)。 / 可凭A和B，到…
    办理): the list after the verb, up to where the act or the clause begins. A list whose last
    entry offers a choice (凭医保电子凭证、身份证或社保卡) is one proof to choose from. ``given``
    also reads what is handed in or signed (提供…, 签署…“承诺书”)."""
    text = text.strip()
    simple = to_simplified(text)
    if not text or len(simple) != len(text):
        return []
    out: list[str] = []
    start = 0
    verbs = _SHOWN_OR_GIVEN if given else _SHOWN
    depths = _depths(simple)
    listing = False  # the clause before listed papers after a verb
    for end in [*_outside_positions(simple, _CLAUSE_END), len(simple)]:
        found = [m for m in verbs.finditer(simple, start, end) if depths[m.start()] == 0]
        if found and _is_sentence_subject(simple[start : found[0].start()]):
            # 填写个人信息并按要求上传…图片: each verb's object runs to the next verb.
            before = len(out)
            for k, verb in enumerate(found):
                until = found[k + 1].start() if k + 1 < len(found) else end
                out.extend(_objects(text, simple, verb.end(), until))
            listing = len(out) > before and simple[end : end + 1] in ",，"
        elif listing and not found:
            # 持《学生证》,《居民身份证》原件及复印件,一寸近期免冠彩色照片两张,到学校办理: the papers go
            # on after a comma, each clause nothing but a paper, up to the clause naming the act.
            lead = _JOINED_ON.match(simple, start)  # ,以及本人有效身份证: the joining word is no part of it
            more = _objects(text, simple, lead.end() if lead else start, end)
            out.extend(more)
            listing = bool(more) and simple[end : end + 1] in ",，"
        else:
            listing = False
        start = end + 1
    return [d for d in out if not is_generic(d)]


_JOINED_ON = re.compile(r"\s*(?:以及|及|和|与|并|还有)")


# …提供有关证明材料: a kind of paper said of no paper in particular names none either.
# 携带参保材料 / 备案资料: the papers of an act, named by the act, are a list given elsewhere.
_GENERIC = re.compile(
    r"(?:申请|相关|有关|所需|全部|上述|以上|其他|参保|登记|备案|申报|申领|报销|办理)?(?:的)?(?:证明|证件|书面)?(?:材料|资料)"
)


def is_generic(name: str) -> bool:
    """A name that points at papers without naming one (提交申请材料, 相关资料): no material."""
    return _GENERIC.fullmatch(to_simplified(name.strip())) is not None


# 凭医保电子凭证、身份证或社保卡: a short list ending with a choice is one proof to choose; a long
# one (身份证、户口簿、…、异地居住证明或暂住证等资料) lists papers, its last a choice of its own.
_CHOICE_MAX = 3


def _objects(text: str, simple: str, start: int, end: int) -> list[str]:
    """The documents one verb takes, from ``start`` up to where the act begins."""
    stop = _first_outside(simple[start:end], _SHOWN_END)
    span = text[start : start + stop if stop is not None else end]
    listed = _split_outside(span, "、")
    if (
        2 <= len(listed) <= _CHOICE_MAX
        and "或" in listed[-1]
        and not any("或" in x for x in listed[:-1])
        # …派出所或村委会出具的居住证明: a choice of issuers, not of papers.
        and names_a_document(listed[-1].split("或")[0])
    ):
        listed = ["、".join(listed)]
    parts = [q for raw in listed for p in _split_and(raw) if (q := _clean_part(p))]
    # 持本市暂住证或具有本省城镇户籍的居民 names who may join, not what to show.
    # A quoted title (转出地《…参保凭证》) is a document whatever stands outside its brackets.
    named = [names_a_document(p) and not _is_reference(p) for p in parts]
    if parts and all(named):
        return parts
    if len(parts) >= 3 and all(named[:-1]):
        # …、父母双方任一方的身份证(原件及复印件1份)线上:通过… — the page ran the next sentence
        # into the last entry; the entries before it still name documents.
        return parts[:-1]
    return []


def _depths(text: str) -> list[int]:
    """How deep in brackets each position of ``text`` stands (one more entry than ``text`` has
    characters, for the position after its end); a stray closing bracket counts for nothing."""
    depths = [0]
    for ch in text:
        depth = depths[-1]
        depths.append(depth + 1 if ch in _OPEN else max(0, depth - 1) if ch in _CLOSE else depth)
    return depths


def _outside(text: str) -> list[bool]:
    """For each character: it is no bracket and stands outside every bracket."""
    return [d == 0 and ch not in _OPEN and ch not in _CLOSE for ch, d in zip(text, _depths(text)[:-1], strict=True)]


def _outside_positions(text: str, separators: str) -> list[int]:
    return [i for i, (ch, out) in enumerate(zip(text, _outside(text), strict=True)) if out and ch in separators]


def _listed(text: str) -> list[str]:
    """The entries of a list that starts ``text``: its first clause, and the clauses after it
    made only of documents."""
    out: list[str] = []
    for i, clause in enumerate(_split_outside(text, _CLAUSE_END)):
        parts = [p for raw in _split_outside(clause, "、") for p in _split_and(raw)]
        parts = [_clean_part(p) for p in parts]
        parts = [p for p in parts if p]
        if not parts:
            break
        docs = [p for p in parts if _ends_with_document(p)]
        if i == 0:
            if len(docs) * 2 < len(parts):
                return []
        elif len(docs) < len(parts) or _REMARK.search(to_simplified(_outside_brackets(clause))):
            break
        out.extend(parts)
    return out


def _is_sentence_subject(text: str) -> bool:
    """What stands before 凭/持 is who acts (灵活就业人员, 参保人), not a document."""
    return len(text) <= 20 and not _is_document(text)


def _split_and(part: str) -> list[str]:
    simple = to_simplified(part)
    if len(simple) != len(part) or READING.search(simple):
        return [part]  # a reading written into a word (復(fù)印件) hides what follows 及
    depths = _depths(part)
    cuts = [(m.start(), m.end()) for m in _AND.finditer(simple) if depths[m.start()] == 0]
    pieces: list[str] = []
    start = 0
    for c, after in cuts:
        left, right = part[start:c], part[after:]
        if (_ends_with_document(left) or left.rstrip().endswith("》")) and (_is_document(right) or "《" in right):
            pieces.append(left)
            start = after
    pieces.append(part[start:])
    return pieces


_ETC_PAPERS = re.compile(r"(?<=[^等])等(?:(?:相关|其他|其它)?(?:资料|材料|证件)|有效证件(?:资料|材料)?)$")


_ISSUED_BY_IT = re.compile(r"其(?:出具|开具|发放|制发)的")


def _clean_part(part: str) -> str:
    p = _ENTRY_NUMBER.sub("", part.strip().lstrip(":："))  # 请携带:A、B: the colon after the verb
    if _ISSUED_BY_IT.match(p):
        # 办理参保登记后,持其出具的《…扣款凭单》到银行…: the paper the office of the step before
        # hands out is that step's result, not one the applicant brings.
        return ""
    if p.startswith("其") and len(p) > 3:
        p = p[1:]  # 提供其学籍证明: "its", not part of the document's name
    p = p.rstrip("。.；;，,、 ")
    p = _ETC_PAPERS.sub("", p)  # …或暂住证等资料: the list's closing word names no paper
    if p.endswith("等等"):
        p = p[:-2]
    elif p.endswith("等"):
        p = p[:-1]
    return p.strip() if len(p.strip()) >= _MIN_PART else ""


def names_a_document(entry: str) -> bool:
    """Whether a list entry names a document: it quotes one (《…》) or ends with a document's
    word (…复印件, …证明；, …申请表(一式两份)). An entry that only mentions one on the way
    (点击“备案记录”可查看…) is a step, not a document."""
    text = entry.strip().rstrip(_CLAUSE_END + "。.、 ")
    return "《" in text or _ends_with_document(text)


def _is_reference(text: str) -> bool:
    return bool(_REFERENCE.search(to_simplified(_outside_brackets(text)).strip()))


def _ends_with_document(text: str) -> bool:
    """社会保障卡原件 / …复印件(加盖…) end with a document's word; 提供单位 does not."""
    simple = to_simplified(_outside_brackets(text)).rstrip().rstrip("”\"’'」』")
    # 一寸近期免冠彩色照片两张 / 复印件一份: the count after the paper says how many, not what.
    simple = _COUNT_TAIL.sub("", simple) or simple
    return bool(simple) and simple.endswith(tuple(words("reader", "material_nouns")))


_COUNT_TAIL = re.compile(r"(?:各|共)?[一二两三四五六七八九十\d]{1,3}(?:张|份|本|页|套|册)$")


def _is_document(text: str) -> bool:
    simple = to_simplified(_outside_brackets(text))
    return bool(simple) and any(n in simple for n in words("reader", "material_nouns"))


def _outside_brackets(text: str) -> str:
    return "".join(ch for ch, out in zip(text, _outside(text), strict=True) if out)


def _split_outside(text: str, separators: str) -> list[str]:
    """``text`` cut at ``separators`` that stand outside brackets (《…、…》 stays whole)."""
    cuts = _outside_positions(text, separators)
    parts = [text[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(text)], strict=True)]
    return [p for p in parts if p.strip()]


def _first_outside(text: str, pattern: re.Pattern[str]) -> int | None:
    depths = _depths(text)
    return next((m.start() for m in pattern.finditer(text) if depths[m.start()] == 0), None)


_CASE_LABEL_MAX = 20
_CASE = re.compile(rf"^\s*(?P<case>[^：:，,。；;《》]{{2,{_CASE_LABEL_MAX}}})[：:]\s*(?P<rest>.+)$")
_TRAILING_NOTE = re.compile(r"\s*[(（][^()（）]*[)）]$")
# The same note with its opening bracket lost in copying (《户口薄》户口薄内所有成员资料均需复印)).
_ORPHAN_NOTE = re.compile(r"(?<=》)[^()（）《》]{1,40}[)）]$")
_GIVE = re.compile(r"^(?:需要|需|应|须|还需|另需)?(?:提供|提交|携带|准备)")


def case_and_documents(entry: str) -> tuple[str, list[str]] | None:
    """A list entry naming a case, then what to hand in for it (因死亡一次性支取：提供死亡证明…；
    继承人…关系证明材料；… / 住院费用：有效身份证明材料(…)、医院收费票据、…): the case and one
    document per part, parts cut at ；, else at 、 (outside brackets). A label that itself
    names a document (身份证明：居民身份证) is no case; None unless the parts are documents."""
    m = _CASE.match(heading_numbering(entry.strip())[1])
    if m is None:
        return None
    case = m.group("case").strip()
    if names_a_document(case) or _is_document(case):
        return None
    rest = _GIVE.sub("", m.group("rest").strip()).rstrip("。.；; ")
    parts = _split_outside(rest, "；;")
    if len(parts) < 2:
        parts = _split_outside(rest, "、")
    docs = [d for p in parts if (d := _clean_part(p))]
    # Most parts end with a document's word; some are named by what they are (出院小结, 处方底方).
    # A part running on into the act (…《参保凭证》，到…窗口办理) ends with none.
    # A quoted document may carry a note in brackets (《户口薄》(户口薄内所有成员资料均需复印)).
    ending = [_ends_with_document(d) or _ORPHAN_NOTE.sub("", _TRAILING_NOTE.sub("", d)).endswith("》") for d in docs]
    if not docs or sum(ending) * 2 <= len(docs) or not ending[0]:
        return None
    return case, docs
