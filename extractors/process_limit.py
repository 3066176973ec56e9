"""The limit a guide's process states where no limit is labelled (…材料齐全的当场办结,
…医保中心受理当日完成审核,结算,支付工作): every layout that reads a process reads it the same way."""

from __future__ import annotations

from govguide.core.document import Line
from normalizers.text import clean_text
from normalizers.time_limits import process_limit_clause


def process_limit_lines(lines: list[Line]) -> list[Line]:
    """One line per process line that states the whole item's limit, holding just that clause.
    Several found: which one is the item's is not said, and the caller takes none."""
    return [
        Line(text=clause, ref=ln.ref, fill=ln.fill)
        for ln in lines
        if (clause := process_limit_clause(clean_text(ln.text))) is not None
    ]
