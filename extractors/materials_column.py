"""A materials table inside a guide's page (材料名称 | 材料形式 | 详细要求, or 序号 | 提交材料名称 |
份数 | 纸质/电子版 | 特定要求): one numbered entry per row, named by its 材料名称 cell; the other
columns describe the document and are not read as entries. Readers that take a table's cells as
lines of text use these lines instead.
"""

from __future__ import annotations

import re

from govguide.core.document import Line, Table
from govguide.core.vocabulary import words
from normalizers.script import to_simplified
from normalizers.text import clean_text

# A link's label left after a document's name ([样表下载], [查看详情]): no part of the name.
_LINK_LABEL = re.compile(r"\s*[\[【][^\[\]【】]{0,8}(?:下载|查看|详情|预览)[\]】]\s*$")


def materials_column(table: Table) -> list[Line] | None:
    """The table's documents as numbered lines (``1.《…登记表》``), or None when no header cell
    names the materials' names."""
    rows = list(table.rows)
    if len(rows) < 2:
        return None
    names = tuple(words("materials_table", "name"))
    header = [to_simplified(clean_text(c.text)) if c is not None else "" for c in rows[0]]
    col = next((i for i, h in enumerate(header) if any(w in h for w in names)), None)
    if col is None:
        return None
    out: list[Line] = []
    for n, row in enumerate(rows[1:], start=1):
        cell = row[col] if col < len(row) else None
        if cell is None or not cell.lines:
            continue
        name = clean_text(cell.text)
        link = _LINK_LABEL.search(to_simplified(name))  # OpenCC keeps positions: [樣表下載]
        name = name[: link.start()] if link else name
        if name:
            out.append(Line(text=f"{n}.{name}", ref=cell.ref))
    return out
