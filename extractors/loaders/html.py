"""HTML → :class:`govguide.core.document.Document`, with lxml.

Portal pages and web-exported guides hold the same structures as Word files: headings,
paragraphs and tables (``rowspan``/``colspan`` resolved like merged Word cells). Scripts and
styles are dropped; the parser never fetches anything and never resolves entities.

Text is read as a browser shows it: runs of white space (the indentation and line breaks of
pretty-printed markup) collapse to one space, and ``<br>`` and block elements break lines.
Headings ``<h1>``–``<h6>`` carry their default rendered size relative to body text, the
signal a PDF gives through its font sizes.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

from govguide.core.document import Cell, Document, Line, Paragraph, Table
from govguide.core.errors import CorruptFileError
from govguide.core.models import SourceRef

_BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "pre", "blockquote"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_SKIP_TAGS = {"script", "style", "noscript", "head", "template"}
# Browsers' default heading sizes (em of body text).
_HEADING_SIZE = {"h1": 2.0, "h2": 1.5, "h3": 1.17, "h4": 1.0, "h5": 0.83, "h6": 0.67}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_WHITESPACE = re.compile(r"[ \t\r\n\f]+")  # HTML white space; a no-break space is text


def load_html(path: Path, sha256: str = "") -> Document:
    """Read an HTML page into blocks of paragraphs and tables in document order."""
    from lxml import etree, html

    data = Path(path).read_bytes()
    try:
        parser = html.HTMLParser(
            no_network=True, remove_comments=True, huge_tree=False, encoding=detect_encoding(data)
        )
        root = html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise CorruptFileError(f"HTML cannot be parsed: {exc}", path=path) from exc
    blocks: list[Paragraph | Table] = []
    state = {"para": 0, "table": 0}
    _walk(root, blocks, state)
    title = root.find(".//title")
    page_title = _collapse(title.text_content()) if title is not None else ""
    return Document(
        path=str(path), sha256=sha256, format="html", pages=1, blocks=blocks,
        title=_title(page_title, blocks),
    )


_SITE_SEPARATORS = re.compile(r"\s*(?:_|\||——|—|－|-{1,2})\s*")


def _title(page_title: str, blocks: list[Paragraph | Table]) -> str | None:
    """The page's title: the body line that the <title> element starts with (portals append
    the site's name: 门诊费用报销办事指南_某某市医疗保障局), else the <title>'s first part."""
    if not page_title:
        return None
    for block in blocks[:40]:
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if len(text) >= 4 and page_title.startswith(text):
                return text
    first = _SITE_SEPARATORS.split(page_title)[0].strip()
    return first or page_title


def _is_layout_table(el: Any) -> bool:
    """A table used to lay out the page (a menu column beside the content column) rather
    than to hold data: its own cells hold headings or many blocks of text. Its cells are
    read as the page's paragraphs, not as one table cell of the whole page."""
    for td in el.iter("td", "th"):
        if _owner_table(td) is not el:
            continue
        blocks = [c for c in td.iter() if isinstance(c.tag, str) and c.tag in _BLOCK_TAGS and _owner_table(c) is el]
        nested = any(t is not td and _owner_table(t) is el for t in td.iter("table"))
        if any(c.tag in _HEADINGS for c in blocks) or len(blocks) >= 6 or (nested and len(blocks) >= 2):
            return True
    return False


def detect_encoding(data: bytes) -> str:
    """The page's encoding: its BOM or <meta charset>, else UTF-8 if it decodes, else GB18030.

    Government sites still serve GBK/GB2312 pages, often without saying so; GB18030 is their
    superset. Without this, lxml falls back to Latin-1 and every Chinese character is lost.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"  # the BOM says which byte order
    m = _CHARSET.search(data[:4096])
    if m:
        name = m.group(1).decode("ascii", "ignore").lower()
        if name in ("gb2312", "gbk", "gb18030"):
            return "gb18030"
        try:
            return codecs.lookup(name).name
        except LookupError:
            pass  # a charset no codec knows: judge by the bytes, as below
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


def _walk(el: Any, blocks: list[Paragraph | Table], state: dict[str, int]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIP_TAGS:
        return
    if tag == "table" and _is_layout_table(el):
        for td in el.iter("td", "th"):
            if _owner_table(td) is el:
                _walk_cell(td, blocks, state)
        return
    if tag == "table":
        blocks.append(_table(el, state["table"]))
        state["table"] += 1
        # A table inside a cell (申请材料 | <table>…</table>) is a block of its own after its
        # grid: its rows keep their columns instead of running together in one cell.
        for inner in el.iter("table"):
            if inner is not el and _owner_table(inner) is el:
                _walk(inner, blocks, state)
        return
    if tag in _BLOCK_TAGS and not el.xpath(".//table"):
        for text in _lines(el):
            ref = SourceRef(para=state["para"])
            blocks.append(Paragraph(lines=[Line(text=text, ref=ref)], ref=ref, size=_HEADING_SIZE.get(tag)))
        state["para"] += 1
        return
    _walk_content(el, blocks, state, own_text=tag not in ("html", "body"))


def _walk_cell(td: Any, blocks: list[Paragraph | Table], state: dict[str, int]) -> None:
    """A layout cell's content, block by block, as if it stood in the page body."""
    _walk_content(td, blocks, state, own_text=True)


def _walk_content(
    el: Any, blocks: list[Paragraph | Table], state: dict[str, int], own_text: bool
) -> None:
    """A container's own text, then each child and the loose text after it, in reading order."""
    if own_text and el.text and el.text.strip():
        _loose_text(el.text, blocks, state)
    for child in el:
        _walk(child, blocks, state)
        if child.tail and child.tail.strip():
            _loose_text(child.tail, blocks, state)


def _loose_text(text: str, blocks: list[Paragraph | Table], state: dict[str, int]) -> None:
    """Text directly inside a container (between its blocks) is a paragraph of its own."""
    ref = SourceRef(para=state["para"])
    blocks.append(Paragraph(lines=[Line(text=_collapse(text), ref=ref)], ref=ref))
    state["para"] += 1


def _collapse(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def _lines(el: Any) -> list[str]:
    """Text of an element, split at <br> and nested block elements."""
    parts: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        raw = "".join(buf)
        # <pre> keeps its line breaks; everywhere else white space collapses.
        texts = raw.splitlines() if preformatted else [raw]
        parts.extend(t for t in (_collapse(x) for x in texts) if t)
        buf.clear()

    preformatted = (el.tag if isinstance(el.tag, str) else "") == "pre"

    def visit(node: Any) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _SKIP_TAGS or (tag == "table" and node is not el):
            return  # a nested table is read as a table of its own
        if tag == "br" or tag in _BLOCK_TAGS:
            flush()
        if node.text:
            buf.append(node.text)
        for child in node:
            visit(child)
            if child.tail:
                buf.append(child.tail)
        if tag in _BLOCK_TAGS:
            flush()

    visit(el)
    flush()
    return parts


def _table(el: Any, index: int) -> Table:
    grid: dict[tuple[int, int], Cell | None] = {}
    n_rows = 0
    n_cols = 0
    trs = [tr for tr in el.iter("tr") if tr.getparent() is not None and _owner_table(tr) is el]
    for ri, tr in enumerate(trs):
        ci = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                continue
            while (ri, ci) in grid:
                ci += 1
            rowspan = _span(td.get("rowspan"))
            colspan = _span(td.get("colspan"))
            ref = SourceRef(table=index, row=ri, col=ci)
            cell = Cell(lines=[Line(text=t, ref=ref) for t in _lines(td)], ref=ref)
            for dr in range(rowspan):
                for dc in range(colspan):
                    if dr == 0 and dc == 0:
                        grid[(ri, ci)] = cell
                    elif dc == 0:
                        grid[(ri + dr, ci)] = Cell(lines=cell.lines, ref=ref, merged_from=(ri, ci))
                    else:
                        grid[(ri + dr, ci + dc)] = None
            n_cols = max(n_cols, ci + colspan)
            n_rows = max(n_rows, ri + rowspan)
            ci += colspan
    rows = [[grid.get((r, c)) for c in range(n_cols)] for r in range(n_rows)]
    # Positions never filled by any cell are empty cells, not merged ones.
    for r in range(n_rows):
        for c in range(n_cols):
            if (r, c) not in grid:
                rows[r][c] = Cell(lines=[], ref=SourceRef(table=index, row=r, col=c))
    return Table(rows=rows, ref=SourceRef(table=index), index=index)


def _owner_table(tr: Any) -> Any:
    """The nearest ``<table>`` enclosing ``tr`` (or any element)."""
    node = tr.getparent()
    while node is not None and node.tag != "table":
        node = node.getparent()
    return node


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1
