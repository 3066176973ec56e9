"""Tables drawn with only some of their rulings, read from the alignment of their text.

Provincial list tables exported to PDF often carry rules between rows but no vertical
line, or only an outer frame and a rule under the header; pdfplumber's table finder then
misses them or reads one column. Long horizontal rules of one span mark a candidate table,
kept only if the band above its first inner rule reads as a header of short titles; column
boundaries go where the fewest words cross between two titles, rows are the bands between
rules (a band without a rule is split where its narrow first column starts a new entry).
Fully ruled tables are never touched.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .pdf_words import Word, group_lines

BBox = tuple[float, float, float, float]
# A rule this share of the page wide or more may bound a table (underlines of form blanks
# and short separators are narrower).
_LONG_RULE = 0.3
# The header of a table is a few lines of short titles.
_MAX_HEADER_LINES = 4
_MAX_TITLE_CHARS = 16


@dataclass
class _TextRow:
    cells: list[BBox | None]


@dataclass
class TextColumnTable:
    """A table whose rows come from horizontal rules and whose columns come from the
    alignment of its text (the shape of pdfplumber's table: ``bbox`` and ``rows``)."""

    bbox: BBox
    rows: list[_TextRow] = field(default_factory=list)


def with_partly_ruled(page: Any, tables: list[Any], words: Sequence[Word]) -> list[Any]:
    """The page's tables, adding those drawn with horizontal rules but (almost) no
    vertical ones, which pdfplumber's finder misses or reads as a single column.

    Long horizontal rules of the same span outside the ruled tables bound a table when the
    band above the first inner rule reads as a header: at least three columns of short
    titles. Column boundaries then lie where the text of the whole table leaves a gap
    between the header's titles; rows are the bands between rules, a band holding several
    rows (no rule between them) is split where its narrow first column (序号) starts anew.
    """
    real = [t for t in tables if max((len(r.cells) for r in t.rows), default=0) >= 2]
    weak = [t for t in tables if t not in real]
    rules = [
        e
        for e in page.horizontal_edges
        if e["x1"] - e["x0"] >= _LONG_RULE * float(page.width)
        and not any(_inside(t.bbox, (e["x0"] + e["x1"]) / 2, e["top"]) for t in real)
    ]
    if len(rules) < 2:
        return tables
    found: list[TextColumnTable] = []
    for x0, x1, ys in _rule_groups(rules):
        table = _text_column_table(x0, x1, ys, words)
        if table is not None:
            found.append(table)
    if not found:
        return tables
    # A one-column "table" made of the same frame is the finder's reading of it.
    weak = [t for t in weak if not any(_overlaps(t.bbox, f.bbox) for f in found)]
    return sorted([*real, *weak, *found], key=lambda t: t.bbox[1])


def _inside(box: BBox, x: float, y: float, tol: float = 1.0) -> bool:
    return box[0] - tol <= x <= box[2] + tol and box[1] - tol <= y <= box[3] + tol


def _overlaps(a: BBox, b: BBox) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _rule_groups(rules: list[dict[str, Any]], tol: float = 3.0) -> list[tuple[float, float, list[float]]]:
    """Rules of the same horizontal span (one table's), each group with its distinct tops."""
    groups: list[tuple[float, float, list[float]]] = []
    for e in sorted(rules, key=lambda e: e["top"]):
        for x0, x1, ys in groups:
            if abs(e["x0"] - x0) <= tol and abs(e["x1"] - x1) <= tol:
                if e["top"] - ys[-1] > 1.0:
                    ys.append(float(e["top"]))
                break
        else:
            groups.append((float(e["x0"]), float(e["x1"]), [float(e["top"])]))
    return [g for g in groups if len(g[2]) >= 2]


def _text_column_table(
    x0: float, x1: float, ys: list[float], words: Sequence[Word]
) -> TextColumnTable | None:
    inner = [w for w in words if _inside((x0, ys[0], x1, ys[-1]), _mid_x(w), _mid_y(w), 0.0)]
    header = [w for w in inner if _mid_y(w) < ys[1]]
    titles = _title_spans(header)
    if len(titles) < 3 or len(group_lines(header)) > _MAX_HEADER_LINES:
        return None
    if any(len(w["text"].strip()) > _MAX_TITLE_CHARS for w in header):
        return None
    bounds = [x0, *(_gap(inner, a, b) for a, b in zip(titles, titles[1:], strict=False)), x1]
    if any(b <= a for a, b in zip(bounds, bounds[1:], strict=False)):
        return None
    cuts = list(ys)
    first_col = [w for w in inner if w["x0"] < bounds[1] and _mid_y(w) > ys[1]]
    size = statistics.median(float(w.get("size") or 10) for w in inner)
    if bounds[1] - bounds[0] <= 4 * size:  # a 序号 column: each entry starts a row
        for w in first_col:
            band_top = max(y for y in ys if y < _mid_y(w))
            starts_band = not any(
                v["bottom"] <= w["top"] + 1 and v["top"] > band_top for v in inner
            )
            if not starts_band:
                cuts.append(w["top"] - 1.0)
    cuts.sort()
    rows = [
        _TextRow(cells=[(a, top, b, bottom) for a, b in zip(bounds, bounds[1:], strict=False)])
        for top, bottom in zip(cuts, cuts[1:], strict=False)
        if bottom - top > 1.0
    ]
    return TextColumnTable(bbox=(x0, ys[0], x1, ys[-1]), rows=rows)


def _mid_x(w: Word) -> float:
    return (w["x0"] + w["x1"]) / 2


def _mid_y(w: Word) -> float:
    return (w["top"] + w["bottom"]) / 2


def _title_spans(header: list[Word]) -> list[tuple[float, float]]:
    """The header's columns: titles whose horizontal extents overlap (a title wrapped over
    two lines) are one column."""
    spans: list[list[float]] = []
    for w in sorted(header, key=lambda w: w["x0"]):
        if spans and w["x0"] <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], w["x1"])
        else:
            spans.append([w["x0"], w["x1"]])
    return [(a, b) for a, b in spans]


def _gap(words: list[Word], left: tuple[float, float], right: tuple[float, float]) -> float:
    """Where the column of title ``left`` ends and that of ``right`` begins: the middle of
    the widest stretch between the two titles' centres crossed by the fewest words (a
    section label spanning the row crosses every boundary, so zero is not required)."""
    lo, hi = (left[0] + left[1]) / 2, (right[0] + right[1]) / 2
    step = 0.5
    n = max(1, int((hi - lo) / step))
    cover = [0] * (n + 1)
    for w in words:
        a, b = int((w["x0"] - lo) / step), int((w["x1"] - lo) / step)
        if b < 0 or a > n:
            continue
        cover[max(0, a)] += 1
        if b + 1 <= n:
            cover[b + 1] -= 1
    best = (10**9, 0, 0)  # (count, -length, start)
    count = 0
    for i in range(n + 1):
        count += cover[i]
        cover[i] = count
    i = 0
    while i <= n:
        j = i
        while j + 1 <= n and cover[j + 1] == cover[i]:
            j += 1
        key = (cover[i], -(j - i), i)
        if key < best:
            best = key
        i = j + 1
    _, neg_len, start = best
    return lo + (start + (-neg_len) / 2) * step
