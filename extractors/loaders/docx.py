"""DOCX → :class:`govguide.core.document.Document`, with python-docx.

Paragraphs and tables are read in document order. Merged cells are resolved the way the PDF
loader sees them: the first position of a horizontal span holds the cell, the positions it
covers hold ``None``; a vertically merged cell is repeated downwards with ``merged_from``
pointing at its origin (python-docx hands back the same cell for each covered row).

Word has no page geometry, so ``page`` is counted from explicit page breaks, and a body
line's ``fill`` is its width relative to the document's usual longest line: some Word files
carry hard line breaks where the original document wrapped.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from extractors.loaders.docx_numbering import ListLabels
from govguide.core.document import Cell, Document, Line, Paragraph, Table
from govguide.core.errors import CorruptFileError, UnsupportedFormatError
from govguide.core.models import SourceRef

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def load_docx(path: Path, sha256: str = "") -> Document:
    """Read a DOCX into blocks of paragraphs and tables in document order."""
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    if not zipfile.is_zipfile(path):
        raise UnsupportedFormatError("file is not a DOCX: not a zip archive", path=path)
    try:
        document = docx.Document(str(path))
    except KeyError as exc:
        raise UnsupportedFormatError(f"zip archive is not a DOCX: {exc}", path=path) from exc
    except Exception as exc:
        raise CorruptFileError(f"DOCX cannot be parsed: {type(exc).__name__}: {exc}", path=path) from exc

    blocks: list[Paragraph | Table] = []
    page = 1
    para_index = 0
    table_index = 0
    try:
        labels = ListLabels(document)
        styles = _StyleSizes(document)
        for child in document.element.body.iterchildren():
            tag = child.tag
            if tag == f"{_W}p":
                p = DocxParagraph(child, document)
                for text in _paragraph_lines(p, labels):
                    ref = SourceRef(page=page, para=para_index)
                    blocks.append(Paragraph(lines=[Line(text=text, ref=ref)], ref=ref, size=styles.size(p)))
                para_index += 1
                page += _page_breaks(child)
            elif tag == f"{_W}tbl":
                blocks.append(_read_table(DocxTable(child, document), table_index, page, labels))
                table_index += 1
    except (ValueError, KeyError, AttributeError, IndexError) as exc:
        raise CorruptFileError(f"DOCX structure cannot be read: {exc}", path=path) from exc
    _set_body_fill(blocks)
    return Document(path=str(path), sha256=sha256, format="docx", pages=page, blocks=blocks)


def _paragraph_lines(p: Any, labels: ListLabels) -> list[str]:
    """The paragraph's lines (hard line breaks split it), its list label before the first."""
    label = labels.label(p._p)  # counted even for an empty paragraph, as Word does
    if not p.text.strip():
        return []
    lines = p.text.split("\n")
    lines[0] = label + lines[0]
    return lines


def _page_breaks(p_element: Any) -> int:
    n = 0
    for br in p_element.iter(f"{_W}br"):
        if br.get(f"{_W}type") == "page":
            n += 1
    n += sum(1 for _ in p_element.iter(f"{_W}lastRenderedPageBreak"))
    return n


class _StyleSizes:
    """Paragraph font sizes in points: set on the runs, else by the paragraph's style (a heading
    style, or Normal through the style chain), so body text has a size to compare headings
    with. Each style's size is read once per document, when a paragraph first uses it:
    python-docx looks a paragraph's style up by scanning every style, which costs more than
    reading the whole paragraph."""

    def __init__(self, document: Any) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.styles.style import StyleFactory

        self._styles = document.styles.element
        self._factory = StyleFactory
        default = self._styles.default_for(WD_STYLE_TYPE.PARAGRAPH)
        self._default = _style_size(StyleFactory(default)) if default is not None else None
        if self._default is None:
            self._default = _document_default_size(self._styles)
        self._by_id: dict[str, float | None] = {}

    def size(self, p: Any) -> float | None:
        sizes = [r.font.size.pt for r in p.runs if r.font is not None and r.font.size is not None]
        if sizes:
            return max(sizes)
        style_id = p._p.style  # the pStyle value, without python-docx's scan of all styles
        if style_id is None:
            return self._default
        if style_id not in self._by_id:
            element = self._styles.get_by_id(style_id)
            self._by_id[style_id] = _style_size(self._factory(element)) if element is not None else None
        found = self._by_id[style_id]
        return found if found is not None else self._default


def _document_default_size(styles: Any) -> float | None:
    """The size the document sets for all text (w:docDefaults/w:rPrDefault, in half-points)."""
    sz = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}sz")
    value = sz.get(f"{_W}val") if sz is not None else None
    try:
        return int(value) / 2 if value is not None else None
    except ValueError:
        return None


def _style_size(style: Any) -> float | None:
    seen = 0
    while style is not None and seen < 10:  # a style chain is short; a loop in it is broken XML
        font = getattr(style, "font", None)
        if font is not None and font.size is not None:
            return float(font.size.pt)
        style = getattr(style, "base_style", None)
        seen += 1
    return None


def _read_table(table: Any, index: int, page: int, labels: ListLabels) -> Table:
    rows: list[list[Cell | None]] = []
    # tc element → (row, col) where the merged cell starts. Keyed by the element itself (not
    # id()): holding it keeps lxml from recycling the proxy and its id for another cell.
    origin: dict[Any, tuple[int, int]] = {}
    for ri, row in enumerate(table.rows):
        out: list[Cell | None] = []
        prev_tc = None
        for ci, cell in enumerate(row.cells):
            tc = cell._tc
            if tc is prev_tc:  # horizontal span: covered position
                out.append(None)
                continue
            prev_tc = tc
            merged_from = origin.get(tc)
            if merged_from is None:
                origin[tc] = (ri, ci)
            ref = SourceRef(page=page, table=index, row=ri, col=ci)
            lines = [
                Line(text=text, ref=ref)
                for para in cell.paragraphs
                for text in _paragraph_lines(para, labels)
                if text.strip()
            ]
            out.append(Cell(lines=lines, ref=ref, merged_from=merged_from))
        rows.append(out)
    return Table(rows=rows, ref=SourceRef(page=page, table=index), index=index)


def _width(text: str) -> float:
    return sum(0.5 if ch.isascii() else 1.0 for ch in text.strip())


def _set_body_fill(blocks: list[Paragraph | Table]) -> None:
    paras = [b for b in blocks if isinstance(b, Paragraph)]
    widths = sorted(_width(p.text) for p in paras if p.text.strip())
    if len(widths) < 20:
        return  # too little text to tell hard-wrapped lines from short paragraphs
    typical = widths[int(0.95 * (len(widths) - 1))]
    if typical <= 0:
        return
    body_sizes = sorted(p.size for p in paras if p.size)
    body_size = body_sizes[len(body_sizes) // 2] if body_sizes else None
    for p in paras:
        line = p.lines[0]
        # Within two characters of the usual longest line: the line was wrapped there.
        w = _width(line.text)
        fill = 1.0 if typical - w <= 2.0 else w / typical
        p.lines[0] = Line(text=line.text, ref=line.ref, fill=min(1.0, fill))
        if body_size and p.size:
            p.size = round(p.size / body_size, 3)
