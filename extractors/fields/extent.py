"""How far a field's value runs: from its label to the next label of the same or a higher
level (see :mod:`extractors.fields`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.fields.labels import COLON, Label, read_label
from extractors.fields.lines import LETTERED, PageLine, is_numbered, make_line, wrapped
from govguide.core.document import Line
from govguide.core.vocabulary import words
from normalizers.item_title import clean_name
from normalizers.material_sentence import names_a_document
from normalizers.numbering import RANK
from normalizers.script import to_simplified

_CORE = ("item_name", "materials", "time_limit", "legal_basis")
_TIME = ("time_limit", "legal_limit", "promised_limit")
_PART_STYLE = "cn"  # 一、二、: the numbering of a guide's parts
_LAST_ENTRY_MAX = 30


@dataclass
class Section:
    field: str | None
    label: Label
    head: PageLine
    lines: list[PageLine] = field(default_factory=list)

    @property
    def numbered(self) -> bool:
        return self.head.style is not None and self.label.kind != "bracket"


def field_family(f: str | None) -> str | None:
    return "time_limit" if f in _TIME else f


def read_sections(lines: list[PageLine]) -> list[Section]:
    sections: list[Section] = []
    current: Section | None = None
    for i, ln in enumerate(lines):
        prev = lines[i - 1] if i else None
        lab = read_label(ln)
        continued = prev is not None and wrapped(prev, ln)  # the second half of a line the PDF wrapped
        if current is not None and continued and not _enumeration(lab) and not _lead_in(lab, ln):
            current.lines.append(ln)
            continue
        if continued and lab is not None and lab.kind == "sentence" and not lab.subject:
            # …申请办理,申办时应填报《…》,并提供以下资料: on the wrapped paragraph's last visual line; the
            # act it names may stand on the lines before (生育保险待遇由用人单位…).
            lab = _whole_paragraph_label(lines, i) or lab
        if continued and lab is not None and lab.kind != "sentence":
            # …的处理意见》第六条“关于生育津贴、 / 护理假津贴申报时间”规定,…凭相关证明材料: the second half
            # of a paragraph the PDF wrapped ends like a label, but is prose (a lead-in sentence
            # closing the paragraph, …凭以下资料向…申请…。, still leads in to the list under it).
            continue
        if current is not None and _caption(current, ln, lab):
            continue  # 报销材料 / 生育保险待遇报销 / 1.… : the act the list is for, over its entries
        # The line after this one's logical line (a PDF wraps lines at the margin).
        j = i + 1
        while j < len(lines) and wrapped(lines[j - 1], lines[j]):
            j += 1
        following = lines[j] if j < len(lines) else None
        if current is not None and not _ends(current, ln, lab, prev, following):
            current.lines.append(ln)
            continue
        if lab is not None and _lead_in_to_nothing(lab, ln, following):
            lab = None  # …提交以下资料到…办理零星报销手续。 then 标签: — no list follows the lead-in
        if lab is None:
            current = None
            continue
        current = Section(field=lab.field, label=lab, head=ln)
        sections.append(current)
    return sections


def _lead_in(lab: Label | None, ln: PageLine) -> bool:
    """A sentence closing with a colon that leads in to the papers below (…并提供以下资料:): where a
    PDF wrapped its paragraph, it still starts the materials on its last visual line."""
    if lab is None or lab.kind != "sentence" or lab.field != "materials" or not ln.rest.rstrip().endswith(("：", ":")):
        return False
    # Its last sentence asks for the papers (…。 法律客观: closes no lead-in).
    last = re.split(r"[。；;！!]", ln.rest.rstrip().rstrip("：:"))[-1]
    return re.search(r"材料|资料|证件", last) is not None


def _whole_paragraph_label(lines: list[PageLine], i: int) -> Label | None:
    """The label the paragraph a PDF wrapped onto ``lines[..i]`` reads as, as one line."""
    start = i
    while start > 0 and wrapped(lines[start - 1], lines[start]):
        start -= 1
    whole = make_line(Line(text="".join(x.orig for x in lines[start : i + 1]), ref=lines[i].line.ref), False)
    lab = read_label(whole) if whole is not None else None
    return lab if lab is not None and lab.kind == "sentence" and lab.field == "materials" else None


def _lead_in_to_nothing(lab: Label, ln: PageLine, following: PageLine | None) -> bool:
    """A sentence leading in to papers (…凭以下资料向市医保局申请…。) with neither a numbered entry
    nor a paper on the line after it: it leads in to nothing on the page."""
    if lab.kind != "sentence" or lab.field != "materials" or lab.value or ln.style is not None:
        return False
    if ln.rest.rstrip().endswith(("：", ":")):
        return False  # a colon promises the list; what follows is read as it comes
    return following is None or (following.style is None and not names_a_document(following.rest))


_INLINE_ENTRY = re.compile(r"(?:^|[；;。])\s*(?:\d{1,2}[.、．]|[(（]\d{1,2}[)）]|[①-⑳])")


def _holds_inline_list(sec: Section) -> bool:
    """The label's own line holds a numbered list of two entries or more, and nothing is under it yet."""
    return not sec.lines and len(_INLINE_ENTRY.findall(sec.label.value or "")) >= 2


def _enumeration(lab: Label | None) -> bool:
    """A sentence listing the materials in its own words (…需提供的纸质资料为:A、B、…): where a PDF
    wrapped the paragraph, it still starts the materials on the visual line that holds it."""
    return lab is not None and lab.kind == "sentence" and lab.field == "materials" and bool(lab.value)


def _caption(sec: Section, ln: PageLine, lab: Label | None) -> bool:
    """A heading right under a materials label that names an act (报销材料 then 生育保险待遇报销):
    the caption of the list that follows, not the end of the field."""
    if sec.field != "materials" or sec.lines or lab is None or lab.field is not None:
        return False
    if lab.kind != "heading" or ln.style is not None:
        return False
    return clean_name(ln.rest).endswith(tuple(words("reader", "item_acts")))


def _ends(
    sec: Section, ln: PageLine, lab: Label | None, prev: PageLine | None, following: PageLine | None = None
) -> bool:
    """Whether ``ln`` ends section ``sec`` (see the module doc)."""
    if sec.field == "materials" and sec.label.kind == "inline" and ln.style is not None and _holds_inline_list(sec):
        # 申请者需提供的相关材料:1.…;2.…;5.… then 2、审核。…: the list was whole on the label's
        # line; a numbered line after it is the next step, not an entry.
        return True
    if ln.large and (lab is not None or not sec.lines):
        # A numbered materials heading under an unnumbered one (郑州…报销材料 / 一、…报销材料)
        # is a group of that list, whatever its font.
        nested = sec.field == "materials" and not sec.numbered and ln.style is not None and lab is not None
        # 一、…办理材料 / 1.基本医疗保险关系转入 (however large its font) / (1)…: a line numbered
        # finer than the materials heading, naming no field, is a group of its list.
        group = (
            sec.field == "materials" and sec.numbered and ln.style is not None
            and RANK.get(ln.style, 9) > RANK.get(sec.head.style or "", 9) and (lab is None or lab.field is None)
        )
        if not group:
            return lab is not None and not (nested and lab.field == "materials")
    if lab is not None and lab.kind in ("bracket", "question") and ln.style is None:
        # 【法律】《…》 inside a legal-basis block labels one entry; it ends nothing.
        return not (lab.kind == "bracket" and lab.field is None and lab.value)
    core_label = (
        lab is not None
        and ln.style is None
        and lab.field in (*_CORE, *_TIME)
        and (
            field_family(lab.field) != field_family(sec.field)
            # 法定办结时限 90 自然日 … then 承诺办结时限 90 自然日: the other kind of limit, given.
            # 承诺办结时限 / 17个工作日 / 法定办结时限 / 17个工作日: so is a bare label of the other kind
            # once this one has its value.
            or (lab.field in ("legal_limit", "promised_limit") and lab.field != sec.field and (bool(lab.value) or bool(sec.lines)))
        )
    )
    if core_label:
        return True
    # 一、办事依据:武人社规… under an unnumbered heading (…办理流程): a field numbered as a part
    # of the guide, not an entry of the section above.
    if (
        lab is not None and ln.style == _PART_STYLE and sec.head.style is None
        and lab.field in (*_CORE, *_TIME) and field_family(lab.field) != field_family(sec.field)
    ):
        return True
    if (
        sec.label.kind == "inline" and sec.label.value and lab is not None and lab.kind == "heading"
        and lab.field is not None and field_family(lab.field) != field_family(sec.field)
    ):
        # 一、办事依据:武人社规… then a heading naming another field (…办理流程): the value
        # was on the label's line; the heading starts something else.
        return True
    if sec.numbered:
        if ln.style is not None and RANK.get(ln.style, 9) <= RANK.get(sec.head.style or "", 9):
            return not _in_list(sec, ln, lab)
        return sec.field == "materials" and _prose_after_list(sec, ln, prev, following)
    if sec.field is None:
        return lab is not None  # a heading naming no field holds nothing we read
    if lab is not None and lab.field is not None and field_family(lab.field) != field_family(sec.field) and lab.kind != "inline":
        return True
    if _bare_entry(sec, ln, lab):
        return False
    if sec.field == "materials" and lab is not None and lab.kind == "inline" and ln.style is None and _names_a_term(ln):
        # 转诊确认告知书 / 申报时限:本年费用需在次年年底前申报: a term of the act, given with its
        # value, after the papers ends their list.
        return True
    # An unnumbered label: its content runs until the next heading-like line.
    if lab is not None and ln.style is None and lab.kind == "heading":
        if lab.field is not None or (sec.lines and sec.lines[-1].style is not None and not _last_entry(sec, ln)):
            return True
    if lab is not None and ln.style is None and lab.kind == "sentence" and sec.field == "materials":
        return True
    if sec.field == "materials" and _other_sub_label(sec, ln, lab):
        return True
    return sec.field == "materials" and _prose_after_list(sec, ln, prev, following)


def _other_sub_label(sec: Section, ln: PageLine, lab: Label | None) -> bool:
    """需要什么材料? / 1、参保材料: … / 2、照片格式: — under a materials question, numbered
    sub-labels that name the materials hold them; a sibling sub-label naming something else
    starts what is no longer the list."""
    if ln.style is None or lab is None or lab.field == "materials" or not _is_sub_label(ln):
        return False
    siblings = [x for x in sec.lines if x.style == ln.style]
    return bool(siblings) and all(_is_sub_label(x) and _names_materials(x) for x in siblings)


def _is_sub_label(ln: PageLine) -> bool:
    return ln.rest.endswith(("：", ":")) and len(ln.rest) <= 12


def _names_materials(ln: PageLine) -> bool:
    lab = read_label(ln)
    return lab is not None and lab.field == "materials"


def _bare_entry(sec: Section, ln: PageLine, lab: Label | None) -> bool:
    """住院手术记录及诊断材料 among bare material lines ends with 材料 like a label, but names no act
    the way 流(引)产的生育津贴申领材料 does: it is the list's next entry."""
    if sec.field != "materials" or lab is None or lab.field != "materials" or lab.kind != "heading":
        return False
    if ln.style is not None or not sec.lines or any(x.style is not None for x in sec.lines):
        return False
    subject = clean_name(ln.rest)
    return not subject.endswith(tuple(words("reader", "item_acts")))


def _in_list(sec: Section, ln: PageLine, lab: Label | None) -> bool:
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


def _prose_after_list(sec: Section, ln: PageLine, prev: PageLine | None, following: PageLine | None = None) -> bool:
    """In a materials list of numbered entries, an unnumbered line that does not continue
    the entry above it (a wrapped line) is the prose after the list, unless the list goes on
    right after it ((1)首次参保…《增加表》 / 续交…的参保人员需提供… / (2)…: a variant of the entry)."""
    if ln.style is not None or not any(x.style is not None for x in sec.lines):
        return False
    last_entry = next(x for x in reversed(sec.lines) if x.style is not None)
    if (
        following is not None and following.style == last_entry.style and last_entry.number is not None
        and following.number == last_entry.number + 1
        and (
            (names_a_document(last_entry.rest) and _names_no_field(following))
            # 1.已注册的…提供单位名称 / 未注册的,提供《…登记表》 / 2.需一并办理…的,提供:(1)…: the
            # other case of entry 1, its own paper named, before the list's next entry.
            or (names_a_document(ln.rest) and _names_no_field_but_papers(following))
        )
    ):
        return False
    if last_entry.rest.endswith(("：", ":")) and (sec.lines[-1] is last_entry or LETTERED.match(ln.text)):
        # 1、参保材料: introduces the line under it; 2.流产…的携带以下材料原件: the lettered
        # cases under it (A.首次…需携带:(1)… / B.带环…需携带:(1)…).
        return False
    if sec.lines[-1] is last_entry and _group_label(last_entry):
        return False  # 2.基本医疗保险关系转出 / 申请人的身份证原件或复印件。: the group's one entry
    if prev is not None and wrapped(prev):
        return False
    if _last_entry(sec, ln):
        return False
    return not is_numbered(ln.text)


def _names_a_term(ln: PageLine) -> bool:
    """A label:value line whose label names a term of the act (申报时限, 备案有效期, 报销比例),
    not a paper."""
    m = COLON.match(ln.rest)
    return m is not None and to_simplified(m.group(1).strip()).endswith(tuple(words("reader", "term_labels")))


def _names_no_field(ln: PageLine) -> bool:
    lab = read_label(ln)
    return lab is None or lab.field is None


def _names_no_field_but_papers(ln: PageLine) -> bool:
    """A line naming no field, or only the papers a case gives (需一并办理人员增加的,提供:)."""
    lab = read_label(ln)
    return lab is None or lab.field is None or lab.field == "materials"


def _group_label(ln: PageLine) -> bool:
    """A short numbered line naming a case, not a document (1.基本医疗保险关系转入)."""
    text = ln.rest.strip()
    return 0 < len(text) <= _GROUP_LABEL_MAX and not text.endswith(_TERMINAL) and not names_a_document(text)


_GROUP_LABEL_MAX = 16
_TERMINAL = ("。", "；", ";", "，", ",", "、")


def _last_entry(sec: Section, ln: PageLine) -> bool:
    """男职工须提供配偶无工作的证明信 right after a numbered list of materials: a bare last entry
    naming a document, not the prose or the heading after the list."""
    return (
        sec.field == "materials"
        and len(ln.rest) <= _LAST_ENTRY_MAX
        and not ln.rest.endswith(("。", "；", ";", "：", ":"))
        and names_a_document(ln.rest)
    )
