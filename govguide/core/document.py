"""The intermediate document representation that every loader produces.

Loaders (PDF, DOCX, HTML) turn a file into a :class:`Document`: a list of blocks in reading
order, each a :class:`Paragraph` (one logical line of body text) or a :class:`Table` (rows of
:class:`Cell`). Layout extractors read only this, never the file format, so the same code
handles a Word file and the PDF made from it.

Text inside a paragraph or cell is kept as the loader saw it, one :class:`Line` per visual
line, with ``fill``: how much of its container's width the line takes (0..1). A PDF wraps
long sentences at the container's edge, and some Word files carry hard line breaks where
the original wrapped; ``fill`` lets :mod:`normalizers.text` re-join exactly those lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from govguide.core.models import SourceRef


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    ref: SourceRef
    fill: float | None = None  # share of the container width the line covers; None = unknown


@dataclass(slots=True)
class Paragraph:
    lines: list[Line]
    ref: SourceRef
    # Font size relative to the document's body text (1.0 = body); None where unknown.
    size: float | None = None

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)


@dataclass(slots=True)
class Cell:
    lines: list[Line]
    ref: SourceRef
    # The same merged cell repeated over a span: DOCX repeats it; PDF gives None for the
    # covered positions. Loaders set ``merged_from`` to the (row, col) of the origin cell.
    merged_from: tuple[int, int] | None = None

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(slots=True)
class Table:
    rows: list[list[Cell | None]]
    ref: SourceRef
    index: int = 0

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def row_texts(self, i: int) -> list[str]:
        return [(c.text if c is not None else "") for c in self.rows[i]]


Block = Paragraph | Table


@dataclass(slots=True)
class Document:
    path: str
    sha256: str
    format: str  # "pdf" | "docx" | "html"
    pages: int
    blocks: list[Block] = field(default_factory=list)
    # The document's own title where its format states one apart from the body (an HTML
    # page's <title>); None elsewhere.
    title: str | None = None
    ocr_pages: list[int] = field(default_factory=list)  # pages read by OCR (scans), 1-based

    def paragraphs(self) -> Iterator[Paragraph]:
        return (b for b in self.blocks if isinstance(b, Paragraph))

    def tables(self) -> Iterator[Table]:
        return (b for b in self.blocks if isinstance(b, Table))

    def full_text(self, limit: int | None = None) -> str:
        """All text in reading order (tables row by row), for detection and search."""
        out: list[str] = []
        size = 0
        for b in self.blocks:
            if isinstance(b, Paragraph):
                chunk = b.text
            else:
                chunk = "\n".join(" ".join(b.row_texts(i)) for i in range(len(b.rows)))
            out.append(chunk)
            size += len(chunk)
            if limit is not None and size >= limit:
                break
        text = "\n".join(out)
        return text[:limit] if limit is not None else text
