"""The lines of a page as the fields reader sees them: simplified characters, pinyin
readings taken out (with where each character stood, so values keep the page's writing),
page furniture and navigation left out, headings known by their font, tables read as
label and value lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from extractors.fields.compilation import (
    is_compilation,
    split_compilation,
    split_guide_run,
    split_spaced_run,
)
from extractors.materials_column import materials_column
from govguide.core.document import Document, Line, Paragraph, Table
from govguide.core.vocabulary import match_field, words
from normalizers.numbering import heading_number, heading_numbering
from normalizers.script import READING, to_simplified, without_readings_at
from normalizers.text import clean_text, is_page_footer

_MENU_MAX = 6  # a navigation entry
LABEL_MAX = 20  # a label before its colon is short
_CLOSED = ("。", "；", ";", "：", ":", "！", "!", "？", "?")
CJK = re.compile(r"[\u4e00-\u9fff]")
BRACKET = re.compile(r"^[【\[]([^【】\[\]]{1,20})[】\]]\s*[：:]?\s*(.*)$")  # 【办理事项】:…: a colon may follow
LETTERED = re.compile(r"^\s*[A-H][.．、]")  # a lettered case (A.首次…需携带:) inside a list


@dataclass
class PageLine:
    line: Line
    orig: str  # the line as written, stripped
    text: str  # the same in simplified characters
    style: str | None  # numbering style
    rest: str  # simplified text after the numbering
    large: bool  # set in a larger font than the body text: a heading
    pos: list[int] | None = None  # index in ``orig`` of each character of ``text``

    @property
    def number(self) -> int | None:
        return heading_number(self.text) if self.style is not None else None

    def orig_after(self, simplified_tail: str) -> str:
        """The original text of the line's last ``len(simplified_tail)`` characters."""
        if not simplified_tail or len(simplified_tail) > len(self.text):
            return simplified_tail
        start = len(self.text) - len(simplified_tail)
        if self.pos is not None:
            return self.orig[self.pos[start] :]
        return self.orig[start:] if len(self.orig) == len(self.text) else simplified_tail


def _is_boilerplate(text: str) -> bool:
    if _LATIN_ONLY.fullmatch(text):
        return True  # THE END, The Beginning, 1位: page furniture around a Chinese text
    return text.startswith(tuple(words("reader", "boilerplate_start"))) or any(
        b in text for b in words("reader", "boilerplate")
    )


_LATIN_ONLY = re.compile(r"[A-Za-z0-9 .,:;!?'\-]{1,24}|\d{1,3}位")


# Sentences of the page read before a related-pages heading for it to close the article (at the
# top of a page, under the site's navigation, the same words head a list of other pages).
_CONTENT_BEFORE_RELATED = 3
_SENTENCE_MIN = 20


def _starts_related(text: str) -> bool:
    return to_simplified(text.strip()).startswith(tuple(words("reader", "related_pages")))


def _has_content(lines: list[PageLine]) -> bool:
    return sum(1 for ln in lines if len(ln.text) >= _SENTENCE_MIN) >= _CONTENT_BEFORE_RELATED


def page_lines(doc: Document) -> list[PageLine]:
    large = _large_blocks(doc)
    out: list[PageLine] = []
    blocks = doc.blocks
    bi = 0
    while bi < len(blocks):
        block = blocks[bi]
        if isinstance(block, Paragraph):
            run = _wrapped_run(blocks, bi)
            heading = _wrapped_heading(run, bi, large)
            if heading is not None:
                made = make_line(heading, True)
                if made is not None:
                    out.append(made)
                bi += len(run)
                continue
            parts, used = _compilation_lines(run)
            parts = [(piece, heading) for ln, heading in parts for piece in _split_lead_in(ln)]
            if _has_content(out) and any(_starts_related(ln.text) for ln, _ in parts):
                # 相关文章 / 猜你喜欢 after the article: what follows lists other pages' titles
                # (新生儿医保怎么办 新生儿医保办理方法…), none of them this page's.
                break
            for ln, heading in parts:
                made = make_line(ln, bi in large or heading)
                if made is not None:
                    out.append(made)
            bi += used
        else:
            out.extend(_table_lines(block))
            bi += 1
    return _skip_menu(out)


def _wrapped_run(blocks: list[Paragraph | Table], start: int) -> list[Paragraph]:
    """The paragraph at ``start`` and those a PDF wrapped it into: each line of a PDF may come
    as a paragraph of its own, and a line that fills the width and closes no sentence goes on
    in the next."""
    run = [blocks[start]]
    while True:
        last = run[-1]
        nxt = start + len(run)
        if not isinstance(last, Paragraph) or not last.lines or nxt >= len(blocks):
            break
        tail = last.lines[-1]
        follow = blocks[nxt]
        if not isinstance(follow, Paragraph) or tail.fill is None or tail.fill < 0.9 or tail.text.strip().endswith(_CLOSED):
            break
        run.append(follow)
    return [b for b in run if isinstance(b, Paragraph)]


# …张榜公布5日，期满无异议，报街道办事处。申请者需提供的相关材料：1.户口簿…；2.…: a list's lead-in
# after the sentences of a step, its first entry on the same line.
# The first entry of a numbered list (1、 / (1) / ①), where a list starts inside a line.
FIRST_ENTRY = r"1[.、．]|[(（]1[)）]|①"
_LEAD_IN_INSIDE = re.compile(
    rf"(?<=[。；;])\s*(?=[^。；;：:]{{2,30}}(?:材料|资料)[^。；;：:，,]{{0,6}}[：:]\s*(?:{FIRST_ENTRY}))"
)


def _split_lead_in(ln: Line) -> list[Line]:
    """A line cut before a materials lead-in that follows other sentences in it."""
    m = _LEAD_IN_INSIDE.search(ln.text)
    if m is None:
        return [ln]
    return [Line(text=ln.text[: m.start()], ref=ln.ref, fill=ln.fill), Line(text=ln.text[m.end() :], ref=ln.ref, fill=ln.fill)]


def _wrapped_heading(run: list[Paragraph], start: int, large: set[int]) -> Line | None:
    """A heading a PDF wrapped at the margin (…生育保险报销的 / 条件): paragraphs of one
    larger size, one line each, are one heading."""
    if len(run) < 2 or any(start + k not in large or len(p.lines) != 1 for k, p in enumerate(run)):
        return None
    if len({p.size for p in run}) != 1:
        return None
    first = run[0].lines[0]
    return Line(text="".join(p.lines[0].text for p in run), ref=first.ref, fill=run[-1].lines[0].fill)


def _compilation_lines(run: list[Paragraph]) -> tuple[list[tuple[Line, bool]], int]:
    """The lines of a paragraph (with those a PDF wrapped it into), each with whether it is
    a heading; where the text runs several numbered items together, the lines a guide would
    have written, each item's name a heading (a PDF wraps such a text anywhere, so it is read
    whole), and how many paragraphs were read. Paragraphs that are no compilation keep their
    own lines: only the first is read here, the others in their turn."""
    lines = [ln for p in run for ln in p.lines]
    # A wrapped line opening with an entry's number (6、…) starts that entry: kept apart by a
    # space, as entries run together in one paragraph are.
    text = "".join((" " if i and is_numbered(ln.text) else "") + ln.text for i, ln in enumerate(lines))
    if not lines:
        return [(ln, False) for ln in run[0].lines], 1
    ref = lines[0].ref
    if is_compilation(text):
        return [(Line(text=part, ref=ref), heading) for part, heading in split_compilation(text)], len(run)
    # One guide run together, or a page copied into one line: each cut gives ``[text]`` where
    # the text is not of its kind.
    for cut in (split_guide_run, split_spaced_run):
        parts = cut(text)
        if len(parts) > 1:
            return [(Line(text=part, ref=ref), False) for part in parts], len(run)
    return [(ln, False) for ln in run[0].lines], 1


def _skip_menu(lines: list[PageLine]) -> list[PageLine]:
    """A page's navigation menu (政务服务 / 办事指南 / 政策文件 / 联系我们) before its text."""
    n = 0
    # A numbered line (1、申报条件) is the text's first heading, however short: menus are not numbered.
    while (
        n < len(lines) and len(lines[n].text) <= _MENU_MAX and lines[n].style is None
        and not re.search(r"[，,。：:]", lines[n].text)
    ):
        n += 1
    return lines[n:] if n >= 3 else lines


# 【咸阳单位社保参保登记需要提供什么材料 咸阳社保办】(四)组织机构统一代码证: a site's title spliced
# before a list entry; longer than any bracketed label (BRACKET holds at most 20 characters).
_SPLICED_TITLE = re.compile(r"^[【\[][^【】\[\]]{21,80}[】\]]\s*(?=\S)")
_SPLICED_QUESTION = re.compile(r"[?？]|怎么|如何|怎样")


def make_line(ln: Line, large: bool) -> PageLine | None:
    orig = ln.text.strip()
    spliced = _SPLICED_TITLE.match(orig)
    # …or before the page's own title, the site's title asking questions (【三明…怎么申请医疗救助金?
    # 三明…怎么申请医保】三明医疗救助对象申请医疗救助金程序).
    if spliced is not None and (
        heading_numbering(orig[spliced.end() :])[0] is not None or _SPLICED_QUESTION.search(spliced.group(0))
    ):
        orig = orig[spliced.end() :]
        ln = Line(text=orig, ref=ln.ref, fill=ln.fill)
    if not orig or is_page_footer(orig):
        return None
    text = to_simplified(orig)
    pos = None
    if len(text) == len(orig) and READING.search(text):
        text, pos = without_readings_at(text)
    if _is_boilerplate(text):  # read without the readings: 您現(xiàn)在的位置
        return None
    style, rest = heading_numbering(text)
    return PageLine(line=ln, orig=orig, text=text, style=style, rest=rest.strip(), large=large, pos=pos)


def _table_lines(table: Table) -> list[PageLine]:
    """A table inside a page guide (申请材料 | 1.… 2.…): a label cell becomes a label line,
    its value cells the lines under it; other rows are read row by row."""
    listed = materials_column(table)
    if listed is not None:
        return [made for ln in listed if (made := make_line(ln, False)) is not None]
    out: list[PageLine] = []
    for row in table.rows:
        cells = [c for c in row if c is not None and c.lines]
        if not cells:
            continue
        first = clean_text(cells[0].text)
        if len(cells) >= 2 and len(first) <= LABEL_MAX and match_field(to_simplified(first)):
            label = make_line(Line(text=first + "：", ref=cells[0].ref), True)
            if label is not None:
                out.append(label)
            cells = cells[1:]
        for cell in cells:
            for ln in cell.lines:
                # A page laid out in a table (menu | text) may hold a whole guide in one cell.
                parts = _compilation_lines([Paragraph(lines=[ln], ref=ln.ref)])[0]
                out.extend(m for part, heading in parts if (m := make_line(part, heading)))
    return out


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


def is_numbered(text: str) -> bool:
    return heading_numbering(text)[0] is not None


def wrapped(ln: PageLine, following: PageLine | None = None) -> bool:
    """Whether a PDF wrapped ``ln`` at the margin, so that ``following`` continues it."""
    if ln.line.fill is None or ln.line.fill < 0.9 or ln.orig.endswith(_CLOSED):
        return False
    return following is None or (following.style is None and not following.large and not BRACKET.match(following.text))
