"""Split a materials list (申办材料) into one :class:`Material` per entry.

Input is the list of logical lines of a materials field (wrapped lines already re-joined).
Numbered entries may also run together on one line (``(1)《表》； (2)证明``): those are split
first, accepting a marker only where it can start an entry (after a separator, in sequence),
so references like ``上述(1)、(2)、(3)外`` stay intact.

Entries are then nested by numbering style, in order of first appearance (（一） above 1.
above ① …). An entry with entries under it is not a material: it is the ``condition`` of the
entries below it (nested headings joined with `` / ``). Unnumbered lines are materials,
except a line ending with a colon (a group label such as ``机关事业单位：``), or a line under a
short unpunctuated numbered heading (``（二）单位人员减少`` followed by the form to hand in).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from govguide.core.document import Line
from govguide.core.models import Material
from govguide.core.numbering import CIRCLED, NUM_DOT, NUM_DUN, PAREN_NUM, entry_marker
from govguide.core.vocabulary import is_empty_value
from normalizers.material_sentence import names_a_document
from normalizers.numbering import LIST_STYLES, NUM_DUN_COUNTED, marker_number
from normalizers.script import to_simplified
from normalizers.text import clean_text, fold_width, joined_text, strip_html, unclosed_bracket

_BULLET = dict(LIST_STYLES)["bullet"]
_TRAILING = "。；;，,、 \u3000\t"
_COLONS = "：:"
# A note on a list (注：单位欠费、中断缴费的不予结算生育津贴), not one of its entries.
NOTE_LABEL = re.compile(r"^\s*(?:注|备注|註|備註|注意)\s*[：:]")
# An entry number inside a note (备注：1、…①…): the note lists entries of its own.
_INNER_ENTRY = re.compile("|".join((CIRCLED, NUM_DOT, NUM_DUN, PAREN_NUM)))
_TERMINAL = "。；;！!？?"
# A sentence introducing the list (申请人把下列申请资料(文件、物品)送交办理窗口：, 需提供以下材料：).
_LEAD_IN = re.compile(r"(?:下列|以下|如下)[^：:]{0,12}(?:材料|资料|证件|文件)")
_FILLED_FORM = re.compile(r"填写(《[^》]{2,40}》)")
_ANSWER_MARK = re.compile(r"^\s*(?:答|回答|解答)\s*[：:]\s*", re.MULTILINE)
_SEPARATORS = "；;。"
_HEADING_MAX_CHARS = 24


@dataclass
class _Node:
    text: str
    style: str | None  # None = unnumbered line
    level: float
    children: list[_Node] = field(default_factory=list)
    is_label: bool = False  # an unnumbered group label (ends with a colon)


# A materials field saying none are asked for (实施个人承诺制，无需相关材料 / 不需要提供任何材料).
_NONE_NEEDED = re.compile(r"(?:无需|无须|不需|不需要|免于?)(?:提供|提交|准备|携带)?(?:任何|相关|其他)?(?:的)?(?:纸质)?(?:材料|资料|证明材料)")


_BRACKETED_NOTE = re.compile(r"[（(][^（()）]*[)）]")


# A case that needs neither paper nor visit (…同步完成社保登记，无需再到社保经办机构办理).
_NOTHING_TO_DO = re.compile(r"(?:无需|无须|不需要?|不用)(?:再)?(?:到|前往|去|跑)[^，,。；;]{0,12}办理")
_GIVING = re.compile(r"提供|提交|携带|出具|上传")


def _asks_for_nothing(text: str) -> bool:
    """An entry saying its case needs no visit, that names no paper and asks to give nothing."""
    if not _NOTHING_TO_DO.search(text) or names_a_document(text):
        return False
    return not _GIVING.search(_NOTHING_TO_DO.sub("", _NONE_NEEDED.sub("", text)))


def _says_none_needed(text: str) -> bool:
    """The field says no papers are asked for; a note on a paper (…原件一份（…可无须材料）) does not."""
    return bool(_NONE_NEEDED.search(_BRACKETED_NOTE.sub("", text)))


def split_materials(lines: Iterable[str]) -> list[Material]:
    """One Material per entry of a materials field, with conditions from headings."""
    segments: list[tuple[str | None, int | None, str]] = []
    last_num: dict[str, int] = {}
    # HTML first, over the whole field: a tag may have been wrapped over two lines.
    text = fold_width(strip_html("\n".join(lines)))
    # Split before squeezing spaces: a space is often the only separator between
    # run-together entries (《表》 ②证明).
    # 答：(1)《…申请表》: the answer's mark on a Q&A page is no group label of the list.
    text = _ANSWER_MARK.sub("", text)
    for piece in _split_labelled_lists(text.split("\n")):
        if not piece.strip():
            continue
        split = _split_inline(piece.strip(), last_num)
        if len(split) == 1 and split[0][0] is None and NOTE_LABEL.match(split[0][2]) and not _INNER_ENTRY.search(split[0][2]):
            # 备注：变更姓名…的需提供…材料: a note on the list in one sentence, not an entry (a
            # note that lists entries, 备注：1、…①…②…, keeps them).
            continue
        for style, num, body in split:
            segments.append((style, num, clean_text(body)))
    if not segments or (len(segments) == 1 and (is_empty_value(segments[0][2]) or _says_none_needed(segments[0][2]))):
        return []
    root = _build_tree(_continue_sequences(segments))
    out: list[Material] = []
    _collect(root, [], out)
    return [m for m in out if m.name and not is_empty_value(m.name)]


def split_glued_headings(groups: Sequence[list[Line]]) -> list[list[Line]]:
    """Logical lines of a materials field (:func:`normalizers.text.join_wrapped` groups)
    with a list heading glued to the material under it split off again.

    In a narrow table column a heading such as （二）停止参保 can fill its line exactly, and
    geometry cannot tell it from a wrapped line: the unnumbered material below is joined
    to it. A numbered logical line is split after its first visual line only when

    - its previous sibling (the last entry of its style, with no shallower entry between)
      was a heading: an entry of a deeper style (first seen after it) followed it;
    - nothing of its own follows it (no deeper entry, no unnumbered line): split or not,
      it would otherwise have no entries;
    - its first line reads as a complete heading (short, no closing punctuation, no
      bracket left open) and the rest is not the second half of a "label：…" entry.
    """
    markers = [parse_marker(g[0].text) if g else (None, None, "") for g in groups]
    styles = [style for style, _, _ in markers]
    first_seen: dict[str, int] = {}
    for i, style in enumerate(styles):
        if style is not None:
            first_seen.setdefault(style, i)

    def deeper(style: str | None, than: str) -> bool:
        return style is not None and first_seen[style] > first_seen[than]

    out: list[list[Line]] = []
    last_heading: dict[str, bool] = {}  # per style: was its latest entry a heading
    for i, group in enumerate(groups):
        style = styles[i]
        if style is None:
            out.append(list(group))
            continue
        for other in [s for s in last_heading if deeper(s, style)]:
            del last_heading[other]  # a new sibling closes the deeper lists under the last one
        following = styles[i + 1] if i + 1 < len(groups) else None
        closes = i + 1 == len(groups) or (following is not None and not deeper(following, style))
        first = markers[i][2]
        rest = joined_text(group[1:])
        if (
            last_heading.get(style)
            and len(group) > 1
            and closes
            and _is_heading_like(first)
            and not unclosed_bracket(first)
            and not any(c in rest for c in _COLONS)
        ):
            out += [group[:1], group[1:]]
            last_heading[style] = True
            continue
        last_heading[style] = deeper(following, style)
        out.append(list(group))
    return out


def parse_marker(text: str) -> tuple[str | None, int | None, str]:
    """(style, number, body) of a line: ``（二）单位注销`` → ('paren_cn', 2, '单位注销')."""
    stripped = text.lstrip()
    for style, pattern in LIST_STYLES:
        m = pattern.match(stripped)
        if m:
            body = stripped[m.end() :].strip()
            if style == "num_dot" and re.match(r"^\d", body):
                continue  # 1.5 is a number, not a marker
            if body[:1] in ("、", ",", "，"):
                continue  # (3)、(5) refers to entries; it does not start one
            return style, marker_number(m.group(0)), body
    counted = _COUNTED.match(stripped)
    if counted:
        return "num_dun", marker_number(counted.group(0)), stripped[counted.end() :].strip()
    return None, None, stripped


_COUNTED = re.compile(NUM_DUN_COUNTED)


def _split_inline(text: str, last_num: dict[str, int]) -> list[tuple[str | None, int | None, str]]:
    """Split one line at numbered markers that start entries of an ongoing sequence."""
    cuts = [0]
    implied_first: str | None = None
    first_style, first_num, _ = parse_marker(text)
    if first_style is not None and first_num is not None:
        last_num[first_style] = first_num
    if first_style == "bullet":
        cuts += _bullet_cuts(text)
    for style, pattern in LIST_STYLES:
        if style in ("bullet",):
            continue
        for m in pattern.finditer(text):
            pos = m.start()
            if pos == 0:
                continue
            before = text[:pos].rstrip()
            # Run-together entries are separated by white space (《表》； (2)证明); a marker
            # glued to the text before it is part of one entry (住院报销：①出院记录②清单).
            # ①社会保障卡、②生育证、③结婚证: circled entries are also run together after 、 (a
            # circled number is never a reference the way (1)、(2) is).
            seps = " \u3000\t；;。、" if style == "circled" else " \u3000\t；;。"
            if not before or text[pos - 1] not in seps:
                continue
            if before.count("(") + before.count("（") > before.count(")") + before.count("）"):
                continue  # 有效身份证件(①…;②…;③…): cases inside one material's note
            after = text[m.end() : m.end() + 1]
            if after in ("、", ",", "，", "至", "-", "—") or not after:
                continue  # a reference: 第(1)、(2)项, 上述(1)至(3)
            num = marker_number(m.group(0))
            if num is None:
                continue
            prev = last_num.get(style)
            # A list whose first number was lost in copying (身份证件；2.《申请表》): the line
            # opens unnumbered and the second entry follows a separator.
            lost_first = (
                num == 2 and prev is None and first_style is None and not last_num and before[-1] in _SEPARATORS
            )
            in_sequence = (prev is not None and num == prev + 1) or (
                num == 1 and before[-1] in _COLONS
            ) or lost_first
            if not in_sequence:
                continue
            if lost_first:
                implied_first = style
            if num == 1 and prev is not None and before[-1] in _COLONS:
                # A list restarting under a new label: the label (出国人员：) begins after
                # the sentence that ended the previous entry.
                end = max(before.rfind(c) for c in "。；;")
                if end > 0:
                    cuts.append(end + 1)
            last_num[style] = num
            cuts.append(pos)
    cuts = sorted(set(cuts))
    pieces = [text[a:b].strip() for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]
    out = [parse_marker(p) for p in pieces if p]
    if implied_first is not None and out:
        out[0] = (implied_first, 1, out[0][2])
    return out


def _bullet_cuts(text: str) -> list[int]:
    """Where a line that opens with a bullet (——退休审批表； ——养老保险手册) repeats that
    bullet after a space or a separator: bulleted entries run together in one table cell."""
    bullet = _BULLET.match(text.lstrip())
    if bullet is None:
        return []
    token = bullet.group(0).strip()
    return [
        m.start()
        for m in re.finditer(re.escape(token), text)
        if m.start() > 0 and text[m.start() - 1] in " \u3000\t；;。"
    ]


# A label heads a list when its first entry (①, （1） or 1.) follows its colon and the second
# entry comes after a space or on the next line.
_LABELLED_STYLES = ("circled", "paren_num", "num")
_FIRSTS = {style: entry_marker(style, 1) for style in _LABELLED_STYLES}
_LABELLED_FIRST = re.compile(
    r"[：:]\s*(?:" + "|".join(f"(?P<{s}>{m})" for s, m in _FIRSTS.items()) + ")"
)
_NEXT_ENTRY = re.compile(
    rf"\s(?=(?:{NUM_DOT}|{NUM_DUN})[^\d][^：:]{{0,20}}[：:]\s*(?:{'|'.join(_FIRSTS.values())}))"
)
_SECOND = {style: re.compile(rf"(?:^|\s){entry_marker(style, 2)}") for style in _LABELLED_STYLES}


def _split_labelled_lists(pieces: list[str]) -> list[str]:
    """``在职职工：①表`` with ``②证件`` after a space or on the next line: the label heads a
    list, so its first entry starts a line of its own. (``住院报销：①出院记录②清单``, the
    entries glued together, stays one material.)"""
    out: list[str] = []
    todo = list(pieces)
    while todo:
        piece = todo.pop(0)
        for m in _LABELLED_FIRST.finditer(piece):
            style = m.lastgroup or ""
            second = _SECOND[style]
            nxt = todo[0] if todo else ""
            if second.search(piece, m.end()) or second.match(nxt.lstrip()):
                # A later label in the same line (2.灵活就业人员：①…) starts a line too.
                later = _NEXT_ENTRY.search(piece, m.end())
                start = m.start(style)
                head, first = piece[:start], piece[start : later.start() if later else None]
                out += [head, first]
                if later:
                    todo.insert(0, piece[later.start() :].lstrip())
                break
        else:
            out.append(piece)
    return out


# Arabic numbering written with either mark (1. … 4. then 5、): one list when the numbers run on.
_ARABIC = ("num_dot", "num_dun")


def _continue_sequences(
    segments: list[tuple[str | None, int | None, str]],
) -> list[tuple[str | None, int | None, str]]:
    """``5、…`` right after ``4.…`` continues that list rather than starting one under it."""
    out: list[tuple[str | None, int | None, str]] = []
    last: dict[str, int] = {}
    for style, num, body in segments:
        if style in _ARABIC and num is not None:
            other = _ARABIC[1 - _ARABIC.index(style)]
            if last.get(other) == num - 1 and last.get(style) != num - 1:
                style = other
            last[style] = num
        out.append((style, num, body))
    return out


def _build_tree(segments: list[tuple[str | None, int | None, str]]) -> _Node:
    root = _Node(text="", style=None, level=-2)
    stack: list[_Node] = [root]
    levels: dict[str, int] = {}
    for style, num, body in segments:
        if not body:
            continue
        if style is not None:
            if style not in levels:
                # A new style nests under whatever is open; a known style returns to its level.
                deepest = max((n.level for n in stack if n.style is not None), default=-1)
                levels[style] = int(deepest) + 1 if deepest >= 0 else len(levels)
            level = levels[style]
            # An unnumbered line between entries ((1)… / 续交的…需提供… / (2)…) is a variant of the
            # entry above, never a heading over the entries after it.
            while len(stack) > 1 and (stack[-1].level >= level or (stack[-1].style is None and not stack[-1].is_label)):
                stack.pop()
            if body.rstrip()[-1] in _COLONS and _LEAD_IN.search(body) and len(stack) == 1 and not root.children and num == 1:
                # 1、申请…应当如实填写《…申请表》，并提交下列材料： a numbered lead-in to the whole list is
                # no case of it; the form it says to fill in is the list's first paper.
                simple = to_simplified(body)  # 填寫《…》: OpenCC keeps positions, the form keeps its writing
                forms = [body[m.start(1) : m.end(1)] for m in _FILLED_FORM.finditer(simple)] if len(simple) == len(body) else []
                stack[-1].children += [_Node(text=f, style=None, level=level) for f in forms]
                continue
            node = _Node(text=body, style=style, level=level)
            stack[-1].children.append(node)
            stack.append(node)
            continue
        # Unnumbered line.
        if body[-1] in _COLONS and _LEAD_IN.search(body):
            continue  # 申请人把下列申请资料…送交办理窗口： introduces the whole list; it is no case
        if body[-1] in _COLONS:
            # Under a numbered label (2.…携带以下材料原件：) lettered cases (A.…需携带：) are its
            # groups; elsewhere a label starts a group of its own.
            parent = next(
                (n for n in reversed(stack[1:]) if n.style is not None and n.text.rstrip()[-1:] in _COLONS and
                 all(c.is_label for c in n.children)),
                None,
            )
            if parent is None:
                del stack[1:]
                node = _Node(text=body, style=None, level=-1, is_label=True)
                root.children.append(node)
            else:
                del stack[stack.index(parent) + 1 :]
                node = _Node(text=body, style=None, level=parent.level + 0.5, is_label=True)
                parent.children.append(node)
            stack.append(node)
            continue
        top = stack[-1]
        if (
            top is not root
            and top.style is not None
            and not top.children
            and _is_heading_like(top.text)
        ):
            parent = top  # a short unpunctuated numbered line introduces what follows
        else:
            if top is not root and not top.is_label:
                stack.pop()  # a sibling of the previous entry
            parent = stack[-1]
        node = _Node(text=body, style=None, level=parent.level + 0.5)
        parent.children.append(node)
        stack.append(node)
    return root


def _is_heading_like(text: str) -> bool:
    t = text.rstrip()
    return bool(t) and t[-1] not in _TERMINAL and len(t) <= _HEADING_MAX_CHARS


def _collect(node: _Node, conditions: list[str], out: list[Material]) -> None:
    for child in node.children:
        if child.children:
            _collect(child, [*conditions, _condition_text(child.text)], out)
        elif child.is_label or child.text.rstrip().endswith(tuple(_COLONS)):
            continue  # a label with nothing under it (机关事业单位： / 2.…携带以下材料原件：) carries no material
        elif _asks_for_nothing(child.text):
            continue  # (一)网上开办的企业…同步完成登记，无需再到经办机构办理: a case that needs no paper
        else:
            name = child.text.strip().rstrip(_TRAILING)
            out.append(Material(name=name, condition=" / ".join(conditions) or None))


_LETTER = re.compile(r"^[A-H][.．、]\s*")  # a lettered case (A.首次…) is numbered by its letter


def _condition_text(text: str) -> str:
    return _LETTER.sub("", text.strip()).rstrip(_TRAILING + _COLONS).strip()
