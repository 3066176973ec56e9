"""Legal basis (设定依据): one :class:`LegalBasis` per cited law, regulation or document.

A citation names a document (``《中华人民共和国社会保险法》``, or without 《》 as other
provinces write it: ``中华人民共和国社会保险法第二十三条``), usually its number in brackets
(``（主席令第35号）``, ``（桂人社发〔2017〕1号）``, ``（2010年10月28日主席令第35号公布）``)
and the articles relied on (``第五十七条、第五十八条``). Lists come numbered (1. （一） ①),
run together with ``；`` or wrapped by PDF export with spaces inside words; the functions
here read all of these by structure, not by one document's strings:

- :func:`split_citations` cuts a list into one string per cited document;
- :func:`parse_citation` reads one of them (None for lines that cite nothing specific, such
  as ``省、市、县（市、区）相关规范性文件``);
- :func:`parse_legal_basis` does both and merges repeats of one document;
- :func:`legal_basis_from_block` reads a portal's block (法律法规名称 / 依据文号 / 条款号);
- :func:`parse_articles` turns ``第二章第四条``, ``第八、九条``, ``第23条`` into ints.
"""

from __future__ import annotations

import re

from govguide.core.models import LegalBasis
from govguide.core.numbering import ENTRY_MARKER
from govguide.core.vocabulary import is_empty_value
from normalizers.numbering import LIST_MARKER
from normalizers.numerals import NUMBER, cn_to_int
from normalizers.text import strip_html

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_YEAR = r"[0-9０-９〇零一二三四五六七八九]{4}"
# A document number: an issuer, then 〔2017〕1号 (any year bracket) or 令第35号 / 公告第18号 /
# 第16号令. The issuer may not start with a date's 年/月/日, so 2010年10月28日主席令第35号公布
# yields 主席令第35号.
_DOC_NUMBER = re.compile(
    rf"(?![年月日号第])[{_CJK}、]{{1,40}}?"
    rf"(?:[〔\[［(（﹝【]{_YEAR}[〕\]］)）﹞】]第?(?:{NUMBER})号"
    rf"|(?:{_YEAR}年)?第?(?:{NUMBER})号令?)"
)
_LEADING_VERB = re.compile(r"^(?:根据|依据|依照|按照|参照)")
# A run of article references right after a title: 第三章第二十七条、第二十八条 …
_ART_TOKEN = rf"第(?:{NUMBER})(?:[、，,和及与]第?(?:{NUMBER}))*[编章节条款项目](?:之[一二三四五六七八九十]+)?"
_ART_RUN = re.compile(rf"(?:{_ART_TOKEN}(?:[、，,和及与至到\-—~～]|以及)*)+")
_ARTICLE_LIST = re.compile(rf"第(?P<nums>(?:{NUMBER})(?:[、，,和及与](?:{NUMBER}))*)条")
_ARTICLE_RANGE = re.compile(rf"第(?P<a>{NUMBER})条?(?:至|到|-|—|~|～)第?(?P<b>{NUMBER})条")
_MAX_RANGE = 200  # a wider 第X条至第Y条 range is more likely a misreading than a citation
# A document's name ends with what kind of document it is.
_DOC_KIND = re.compile(
    r"(?:法|条例|办法|规定|细则|决定|通知|意见|规程|方案|规则|纲要|解释|批复|函|标准|目录|规范"
    r"|指南|公告|通告|决议|章程|制度|措施|守则|准则|要点|程序|说明)$"
)
# A series numbered without a year bracket: 曲靖市人民政府公告第53号, …通告2020年第1号.
_NUMBERED_SERIES = re.compile(
    rf"(?P<series>[{_CJK}]{{2,40}}?(?:公告|通告))(?P<number>(?:{_YEAR}年)?第(?:{NUMBER})号)"
)
# Lines that point at no particular document.
_GENERIC = re.compile(
    r"(?:相关|有关|其他|其它|现行)的?(?:法律|法规|规章|规定|规范性文件|政策|文件)"
    r"|^(?:省|市|县|区|乡|镇)[、，,]|规范性文件$|^(?:法律|法规|规章|政策|文件|和|及|、)+$"
)
# Numbering of the next citation left at the end of this one (…第十四条 2.).
_TRAILING_MARKER = re.compile(rf"(?:{ENTRY_MARKER})\s*$")
_PUNCT = " \t\n；;。，,、：:"
_OPEN = "（(〔[［【﹝"
_CLOSE = "）)〕]］】﹞"
_LINE_END = re.compile(r"[条号款项）)》]$")
_CONTINUATION = re.compile(r"^[第（(〔\[［【﹝、，,号条款项之]")
_WORD_CHAR = re.compile(rf"[{_CJK}A-Za-z0-9]")
_NEAR = 60  # how far after a title its number or articles may start


def _squeeze(text: str) -> str:
    """Citation text without layout whitespace: line breaks and PDF spaces go, except
    between two Latin letters (a citation never spaces CJK text, numbers or brackets)."""
    return re.sub(r"(?<![A-Za-z])\s+|\s+(?![A-Za-z])", "", re.sub(r"\s+", " ", text))


# --------------------------------------------------------------------------- articles


def parse_articles(text: str) -> list[int]:
    """Article numbers cited in ``text``, in order, without repeats.

    ``第五十七条、第五十八条`` → [57, 58]; ``第二章第四条`` → [4] (chapters are not articles);
    ``第23条`` → [23]; ``第八、九条`` → [8, 9]; ``第五条至第七条`` → [5, 6, 7].
    """
    if not isinstance(text, str):
        return []
    s = _squeeze(text)
    found: list[tuple[int, list[int]]] = []
    taken: list[tuple[int, int]] = []
    for m in _ARTICLE_RANGE.finditer(s):
        a, b = cn_to_int(m.group("a")), cn_to_int(m.group("b"))
        if a is None or b is None:
            continue
        found.append((m.start(), list(range(a, b + 1)) if 0 <= b - a <= _MAX_RANGE else [a, b]))
        taken.append(m.span())
    for m in _ARTICLE_LIST.finditer(s):
        if any(start <= m.start() < end for start, end in taken):
            continue
        nums = [cn_to_int(n) for n in re.split(r"[、，,和及与]", m.group("nums"))]
        found.append((m.start(), [n for n in nums if n is not None]))
    return _union([], *(nums for _, nums in sorted(found, key=lambda f: f[0])))


def _union(first: list[int], *more: list[int]) -> list[int]:
    """The numbers of all lists, in order of first appearance."""
    out = list(first)
    for nums in more:
        for n in nums:
            if n not in out:
                out.append(n)
    return out


# --------------------------------------------------------------------------- splitting


# …(劳社部发〔1999〕14号) 2、上海市…办法: a web page's cell runs the numbered lines together; the
# next entry's number follows a document number just closed.
_NEXT_ENTRY_INLINE = re.compile(r"(?<=号[)）〕\]］】])\s*(?=[0-9０-９]{1,2}[、.．](?![0-9０-９]))")


def split_citations(text: str) -> list[str]:
    """One string per cited document, numbering removed and PDF spaces squeezed.

    Numbered lines (1. （一） ①) start a new citation; inside one, ``；`` outside brackets and
    a second 《title》 after a complete one start another. Lines a PDF wrapped stay together.
    """
    if not isinstance(text, str):
        return []
    entries: list[list[str]] = []
    for line in _NEXT_ENTRY_INLINE.sub("\n", strip_html(text)).splitlines():
        if not line.strip():
            continue
        if entries and not LIST_MARKER.match(line):
            entries[-1].append(line)
        else:
            entries.append([line])
    out: list[str] = []
    for entry in entries:
        for piece in _split_entry("\n".join(entry)):
            cleaned = _clean_piece(piece)
            if cleaned:
                out.append(cleaned)
    return out


def _split_entry(text: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    parens: list[int] = []  # positions of open round/square brackets
    titles = 0  # depth inside 《》
    closed_title = False  # the current piece already holds a whole 《title》
    for i, ch in enumerate(text):
        if ch == "《":
            if (
                titles == 0
                and closed_title
                and (not parens or ("号" in text[parens[-1] : i] and not _closes(text, i)))
            ):
                # A second title: the previous citation ended (an unclosed bracket before it
                # is one PDF export lost, if it already held a document number and never
                # closes; a bracket that closes later is a note: 根据…《关于修改…的决定》修正）.
                pieces.append(text[start:i])
                start, parens, closed_title = i, [], False
            titles += 1
        elif ch == "》":
            titles = max(0, titles - 1)
            closed_title = closed_title or titles == 0
        elif ch in _OPEN:
            parens.append(i)
        elif ch in _CLOSE:
            if parens:
                parens.pop()
        elif ch in "；;" and not parens and titles == 0:
            pieces.append(text[start:i])
            start, closed_title = i + 1, False
        elif (
            ch == "\n"
            and not parens
            and titles == 0
            and _ends_citation(text[start:i], _next_line(text, i))
        ):
            pieces.append(text[start:i])
            start, closed_title = i + 1, False
    pieces.append(text[start:])
    return pieces


def _closes(text: str, i: int) -> bool:
    """Whether the innermost bracket open at ``i`` closes later in ``text``."""
    depth = 0
    for ch in text[i:]:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            if depth == 0:
                return True
            depth -= 1
    return False


def _next_line(text: str, i: int) -> str:
    end = text.find("\n", i + 1)
    return text[i + 1 : end if end >= 0 else len(text)]


def _ends_citation(before: str, after: str) -> bool:
    """Whether a line break between two lines of one entry ends a citation."""
    before, after = _squeeze(before), _squeeze(after)
    if not before or not after or _CONTINUATION.match(after):
        return False
    if "《" in before and after.startswith("《"):
        return False  # split at the title itself, keeping a prefix such as an issuer
    return bool(_LINE_END.search(before) or ("《" not in before and _DOC_KIND.search(before)))


def _clean_piece(piece: str) -> str:
    s = _squeeze(piece)
    for _ in range(3):  # nested numbering: 1.（一）…
        stripped = LIST_MARKER.sub("", s, count=1).strip(_PUNCT)
        if stripped == s:
            break
        s = stripped
    # Numbering of the next citation left at the end of this one (…第十四条 2.).
    while (m := _TRAILING_MARKER.search(s)) and m.start() > 0:
        s = s[: m.start()].strip(_PUNCT)
    return s


# --------------------------------------------------------------------------- one citation


def _title_span(s: str) -> tuple[int, int, int] | None:
    """(start of 《, end of title text, end of the title incl. 》) of the first title."""
    start = s.find("《")
    if start < 0:
        return None
    depth = 0
    for i in range(start, len(s)):
        if s[i] == "《":
            depth += 1
        elif s[i] == "》":
            depth -= 1
            if depth == 0:
                return start, i, i + 1
    # Unclosed: the title runs to the bracket that opens its number, or to the end.
    stop = min((p for p in (s.find("（", start), s.find("(", start)) if p > start), default=len(s))
    return start, stop, stop


def _clean_doc(doc: str) -> str:
    return _LEADING_VERB.sub("", re.sub(r"\s+", "", doc))


def _first_run(text: str) -> list[int]:
    m = _ART_RUN.search(text)
    if m is None or m.start() > _NEAR:
        return []
    return parse_articles(m.group())


def _after_brackets(text: str) -> str:
    """``text`` without the bracketed notes it starts with: the number and promulgation
    history (``（2010年10月28日…通过，根据…修正）``) stand between a title and its articles."""
    s = text.lstrip(_PUNCT)
    while s and s[0] in _OPEN:
        depth = 0
        for i, ch in enumerate(s):
            depth += ch in _OPEN
            depth -= ch in _CLOSE
            if depth == 0:
                s = s[i + 1 :].lstrip(_PUNCT)
                break
        else:
            return text  # unclosed: leave it to the caller's window
    return s


def _bracketed(s: str, span: tuple[int, int, int]) -> tuple[str, str | None, list[int]]:
    start, inner_end, end = span
    title, before, after = s[start + 1 : inner_end], s[:start], s[end:]
    doc: str | None = None
    # A number written inside the title's brackets: 《关于…的通知（桂人社发〔2017〕1号）》
    inner = re.search(r"[（(]([^（()）]*)[)）]$", title)
    if inner and (m := _DOC_NUMBER.search(inner.group(1))):
        doc, title = _clean_doc(m.group()), title[: inner.start()]
    if doc is None and (m := _DOC_NUMBER.search(after)) and m.start() <= _NEAR:
        doc = _clean_doc(m.group())
        after = after[: m.start()] + after[m.end() :]
    if doc is None and (m := _DOC_NUMBER.search(before)):
        doc = _clean_doc(m.group())
    articles = _first_run(after) or _first_run(_after_brackets(after))
    if not articles:
        # 《中华人民共和国社会保险法第二十三条》: articles written inside the title.
        m = re.search(rf"(?:{_ART_TOKEN})+$", title)
        if m and m.start() >= 2:
            articles, title = parse_articles(m.group()), title[: m.start()]
    return title, doc, articles


def _unbracketed(s: str) -> tuple[str, str | None, list[int]]:
    s = _LEADING_VERB.sub("", s)
    doc: str | None = None
    if m := _DOC_NUMBER.search(s):
        doc = _clean_doc(m.group())
        s = s[: m.start()] + "\x00" + s[m.end() :]
    # The title is the first stretch that is not a number, a bracket or an article.
    chunks = re.split(rf"\x00|[（(][^（()）]*[)）]?|{_ART_TOKEN}", s)
    title = next((c.strip(_PUNCT) for c in chunks if c.strip(_PUNCT)), "")
    return title, doc, _first_run(s.replace("\x00", ""))


def _clean_title(title: str) -> str:
    return _squeeze(title).strip(_PUNCT + "《》")


def parse_citation(text: str) -> LegalBasis | None:
    """One citation → LegalBasis, or None when it names no particular document.

    ``《中华人民共和国社会保险法》（主席令第35号）第五十七条`` → title 中华人民共和国社会保险法,
    doc_number 主席令第35号, articles [57]. ``raw`` is the citation, spaces squeezed.
    """
    if not isinstance(text, str):
        return None
    raw = _clean_piece(strip_html(text))
    if not raw or is_empty_value(raw):
        return None
    span = _title_span(raw)
    if span is not None:
        title, doc, articles = _bracketed(raw, span)
        title = _clean_title(title)
        if _GENERIC.fullmatch(title):
            return None
    else:
        title, doc, articles = _unbracketed(raw)
        title = _clean_title(title)
        if doc is not None and len(_WORD_CHAR.findall(title)) < 2:
            # A bare document number (武人社规【2009】1号文): the document is known only by it.
            # A stray title bracket after it (…1号》) is no part of its name.
            title = (raw[raw.index(doc) :] if doc in raw else doc).strip("《》〈〉 ")
            # …公告第53号: an issuer's numbered series of one kind of document; the
            # document is the series (曲靖市人民政府公告) and its number 第53号.
            if m := _NUMBERED_SERIES.fullmatch(title):
                title, doc = m.group("series"), m.group("number")
        if _GENERIC.search(title) or (doc is None and not _DOC_KIND.search(title)):
            return None
    if len(_WORD_CHAR.findall(title)) < 2:  # brackets or stray symbols, not a name
        return None
    return LegalBasis(title=title, doc_number=doc, articles=articles, raw=raw)


# --------------------------------------------------------------------------- whole field


def _same_document(a: LegalBasis, b: LegalBasis) -> bool:
    return a.title == b.title and (
        a.doc_number == b.doc_number or None in (a.doc_number, b.doc_number)
    )


def _merge(entries: list[LegalBasis], new: LegalBasis) -> None:
    for entry in entries:
        if _same_document(entry, new):
            entry.articles = _union(entry.articles, new.articles)
            entry.doc_number = entry.doc_number or new.doc_number
            entry.raw = f"{entry.raw}；{new.raw}" if entry.raw else new.raw
            return
    entries.append(new)


def parse_legal_basis(text: str | None) -> list[LegalBasis]:
    """Every document a legal-basis field cites, repeats of one document merged.

    Two citations are one document when their titles match and their numbers do not
    disagree; the merged entry keeps the articles of both, in order.
    """
    entries: list[LegalBasis] = []
    if not isinstance(text, str):
        return entries
    for citation in split_citations(text):
        parsed = parse_citation(citation)
        if parsed is not None:
            _merge(entries, parsed)
    return entries


def legal_basis_from_block(title: str, doc_number: str | None, articles: str | None) -> LegalBasis:
    """A portal's legal-basis block (法律法规名称 / 依据文号 / 条款号) → one LegalBasis.

    The block's own number and articles win over any written into the name; ``articles`` may
    also be bare numbers (``23、63``).
    """
    title = title if isinstance(title, str) else ""
    parsed = parse_citation(title)
    doc = _clean_doc(doc_number) if isinstance(doc_number, str) else ""
    if not doc or is_empty_value(doc):
        doc = parsed.doc_number if parsed else None
    numbers = parse_articles(articles) if isinstance(articles, str) else []
    if not numbers and isinstance(articles, str):
        bare = articles.strip()
        if re.fullmatch(rf"(?:(?:{NUMBER})[、，,；;\s和及]*)+", bare):
            numbers = [n for x in re.findall(NUMBER, bare) if (n := cn_to_int(x)) is not None]
    if not numbers and parsed:
        numbers = parsed.articles
    name = parsed.title if parsed else _clean_title(title)
    raw = " ".join(
        p.strip() for p in (title, doc_number, articles) if isinstance(p, str) and p.strip()
    )
    return LegalBasis(title=name or (doc or ""), doc_number=doc, articles=numbers, raw=raw)
