"""Words of a PDF page (pdfplumber's word dicts) grouped into visual lines."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

Word = dict[str, Any]


def group_lines(words: Iterable[Word]) -> list[Word]:
    """Group words into visual lines (same baseline band), left to right."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines:
            last = lines[-1]
            ref = last[0]
            tol = max(2.0, 0.5 * float(ref.get("size") or 10))
            if abs(w["top"] - ref["top"]) <= tol:
                last.append(w)
                continue
        lines.append([w])
    out: list[Word] = []
    for ws in lines:
        ws.sort(key=lambda w: w["x0"])
        text_parts: list[str] = []
        for prev, cur in zip([None, *ws[:-1]], ws, strict=True):
            if prev is not None and cur["x0"] - prev["x1"] > 0.25 * float(cur.get("size") or 10):
                text_parts.append(" ")
            text_parts.append(cur["text"])
        sizes = [float(w.get("size") or 0) for w in ws]
        line: Word = {
            "text": "".join(text_parts).strip(),
            "x0": min(w["x0"] for w in ws),
            "x1": max(w["x1"] for w in ws),
            "top": min(w["top"] for w in ws),
            "bottom": max(w["bottom"] for w in ws),
            "size": max(sizes) if sizes else None,
        }
        # Words read by OCR carry its confidence; a line is as sure as its least sure word.
        scores = [w["score"] for w in ws if w.get("score") is not None]
        if scores:
            line["score"] = min(scores)
        out.append(line)
    return [ln for ln in out if ln["text"]]
