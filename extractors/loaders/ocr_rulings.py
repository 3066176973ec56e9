"""Ruling lines of a page image, and the tables they draw.

A scanned table keeps its rulings as dark pixel runs. Morphological opening with a long
thin kernel keeps only runs longer than any character stroke (horizontal, then vertical),
each run becomes an edge in the form pdfplumber gives a PDF's drawn lines, and pdfplumber's
own table finder joins the edges into cells, exactly as for a text PDF. Rules between rows
without vertical lines are left to the text-alignment reader (:mod:`.pdf_rulings`), which
reads the same edges.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .pdf_words import Word

# A ruling is at least this long (points): longer than any stroke of body text (10.5 pt
# characters), shorter than the rules of a one-line table row at the foot of a page.
_MIN_RULE_PT = 12.0
# Thicker than this (in pixels at the rendering resolution) is a filled area, not a rule.
_MAX_RULE_PX = 12
# Scanner noise breaks a rule into pieces: gaps up to this many pixels are closed first.
_GAP_PX = 5


@dataclass
class RuledPage:
    """The edges of a page image in the shape pdfplumber's table finder and
    :func:`.pdf_rulings.with_partly_ruled` read from a PDF page."""

    width: float
    height: float
    edges: list[dict[str, Any]] = field(default_factory=list)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)

    @property
    def horizontal_edges(self) -> list[dict[str, Any]]:
        return [e for e in self.edges if e["orientation"] == "h"]


def ruled_page(
    grey: np.ndarray, pt_per_px: float, words: Sequence[Word] = ()
) -> RuledPage:
    """The horizontal and vertical rules of a grey page image, in points.

    A run of ink inside a recognised text line (``words``) is a stroke of a character, not
    a rule: bold or large characters have strokes as long as a short table row is high.
    """
    import cv2

    h_px, w_px = grey.shape[:2]
    ink = cv2.adaptiveThreshold(
        grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15
    )
    page = RuledPage(width=w_px * pt_per_px, height=h_px * pt_per_px)
    run = max(8, int(_MIN_RULE_PT / pt_per_px))
    for orientation in ("h", "v"):
        if orientation == "h":
            close, keep = (_GAP_PX, 1), (run, 1)
        else:
            close, keep = (1, _GAP_PX), (1, run)
        mask = cv2.morphologyEx(
            ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, close)
        )
        mask = cv2.morphologyEx(
            mask, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, keep)
        )
        n, _labels, stats, _centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
        for i in range(1, n):
            x, y, w, h = (int(v) for v in stats[i, :4])
            thickness = h if orientation == "h" else w
            if thickness > _MAX_RULE_PX:
                continue
            edge = _edge(orientation, x, y, w, h, pt_per_px)
            if not any(_inside_text(edge, word) for word in words):
                page.edges.append(edge)
    return page


def _inside_text(edge: dict[str, Any], word: Word) -> bool:
    """Whether ``edge`` lies within the inner part of a text line's box."""
    w, h = word["x1"] - word["x0"], word["bottom"] - word["top"]
    tol = 0.2 * h
    if edge["orientation"] == "v":
        return (
            word["x0"] + tol < edge["x0"] < word["x1"] - tol
            and edge["top"] >= word["top"] - tol
            and edge["bottom"] <= word["bottom"] + tol
        )
    return (
        word["top"] + tol < edge["top"] < word["bottom"] - tol
        and edge["x0"] >= word["x0"] - tol
        and edge["x1"] <= word["x1"] + tol
        and edge["x1"] - edge["x0"] < w
    )


def _edge(orientation: str, x: int, y: int, w: int, h: int, s: float) -> dict[str, Any]:
    if orientation == "h":
        mid = (y + h / 2) * s
        x0, x1, top, bottom = x * s, (x + w) * s, mid, mid
    else:
        mid = (x + w / 2) * s
        x0, x1, top, bottom = mid, mid, y * s, (y + h) * s
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
        "object_type": "line",
    }


def find_tables(page: RuledPage) -> list[Any]:
    """Tables drawn by the page's rules (pdfplumber's finder on the image's edges)."""
    from pdfplumber.table import TableFinder

    if not page.edges:
        return []
    finder = TableFinder(page, {"vertical_strategy": "lines", "horizontal_strategy": "lines"})  # type: ignore[arg-type]
    return finder.tables
