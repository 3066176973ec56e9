"""Text of a page image, read by OCR (RapidOCR: PP-OCR models on onnxruntime, CPU).

Scanned guides are pictures of text: stamped pages printed and scanned, photographs,
image-only PDFs. :func:`read_page_image` turns one page image into what the PDF loader
reads from a text layer — words with positions (one per OCR text line, in points) and the
page's ruling lines — so every layout extractor works on scans unchanged.

Before recognition the page is put upright: a page turned by 90° shows its text lines as
tall boxes, one upside down is told by the orientation classifier, and a skewed scan is
turned back by the angle at which its dark pixels line up best (a slant of a degree or two
is enough to merge neighbouring lines of a wide page). Orientation and skew are judged on a
half-size image, so a page costs one full-size detection and recognition plus a
quarter-size detection.

The models ship inside the ``rapidocr`` wheel: nothing is downloaded at run time.
"""

from __future__ import annotations

import math
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from govguide.core.errors import ResourceLimitError
from govguide.core.numbering import CIRCLED, NUM_DOT, NUM_DUN, PAREN_NUM

from .pdf_words import Word

# Text lines at least this many times as long as high show the direction of the text.
_LONG_LINE = 3.0
# Below this slant (degrees) a page is read as it is: rotating would only blur it.
_MIN_SKEW_DEG = 0.2
# Scans are rarely more askew than this; slants are searched within it.
_MAX_SKEW_DEG = 5.0
# Grey level below which a pixel is ink, and how many ink pixels measure the slant.
_INK = 128
_SKEW_SAMPLE = 200_000
# Line crops the orientation classifier looks at; the widest lines are the most telling.
_ORIENTATION_SAMPLE = 12
# Longest side of the image text detection runs on: detection cost grows with the pixels,
# and at 200 dpi an A4 page's body text is still about 15 px high at this size.
_DET_SIDE_PX = 1280
# The recogniser writes ASCII punctuation where Chinese text has full-width marks; the
# normalisers (list markers （1）, labels 事项名称：, separators ；) read the full-width ones.
_FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ":": "：", ";": "；", ",": "，"})
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_HALF_PUNCT_NEAR_CJK = re.compile(f"(?<=[{_CJK}])[(),:;]|[(),:;](?=[{_CJK}])")
# A full stop after Chinese text, at the end or before more Chinese text.
_HALF_STOP = re.compile(f"(?<=[{_CJK}])\\.(?=$|[{_CJK}])")
# Recognition sees no blanks. Text layers set a list marker after ；。： or a closing 》
# off by one (``表》； (2)变更``, ``死亡人员： (1)``), and the materials splitter starts an
# entry there.
_MARKER_AFTER_STOP = re.compile(rf"(?<=[；。：》])(?={PAREN_NUM}|{NUM_DOT}|{NUM_DUN}|{CIRCLED})")
# An OCR text line's box is taller than the font size by the line's ascenders and padding.
_BOX_TO_FONT = 0.8


@dataclass
class OcrPage:
    """One page read by OCR, in points of the upright page (origin top left)."""

    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    # The upright page image (grey, 8-bit) and the size of one of its pixels in points,
    # for finding the ruling lines of tables.
    image: np.ndarray | None = None
    pt_per_px: float = 1.0
    rotated: int = 0  # degrees the page was turned clockwise to be upright
    skew: float = 0.0  # degrees of slant corrected

    @property
    def n_chars(self) -> int:
        return sum(len(w["text"].replace(" ", "")) for w in self.words)


def _engine() -> Any:
    from govguide.core.settings import get_settings

    return _engine_with(get_settings().ocr_threads)


@lru_cache(maxsize=2)
def _engine_with(threads: int) -> Any:
    from rapidocr import RapidOCR

    # Logging at error level: RapidOCR otherwise logs each model it loads and each blank
    # page. Detection runs on the page scaled to _DET_SIDE_PX at most (lines of body text
    # stay well over the detector's minimum height); recognition reads crops of the
    # full-size page.
    return RapidOCR(
        params={
            "Global.log_level": "error",
            "Det.limit_type": "max",
            "Det.limit_side_len": _DET_SIDE_PX,
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
    )


def read_page_image(
    image: np.ndarray, pt_per_px: float, *, page: int, timeout_s: float | None = None
) -> OcrPage:
    """OCR one page image (grey or RGB, 8-bit) whose pixels measure ``pt_per_px`` points.

    Raises :class:`ResourceLimitError` when the page takes longer than ``timeout_s``.
    """
    grey = _grey(image)
    _allow_engine_memory()
    with _deadline(timeout_s, page):
        upright, rotated, skew = _upright(grey)
        # The page is upright now: lines need no orientation classifier of their own.
        result = _engine()(upright, use_det=True, use_cls=False, use_rec=True)
    out = OcrPage(
        width=upright.shape[1] * pt_per_px,
        height=upright.shape[0] * pt_per_px,
        image=upright,
        pt_per_px=pt_per_px,
        rotated=rotated,
        skew=skew,
    )
    if result.boxes is None or result.txts is None:
        return out
    for box, text, score in zip(result.boxes, result.txts, result.scores, strict=True):
        text = ocr_text(text)
        if not text:
            continue
        xs = [float(p[0]) * pt_per_px for p in box]
        ys = [float(p[1]) * pt_per_px for p in box]
        top, bottom = min(ys), max(ys)
        out.words.append(
            {
                "text": text,
                "x0": min(xs),
                "x1": max(xs),
                "top": top,
                "bottom": bottom,
                "size": round((bottom - top) * _BOX_TO_FONT, 2),
                "score": round(float(score), 4),
            }
        )
    return out


def ocr_text(text: str) -> str:
    """A recognised line written as a text layer writes it: full-width punctuation next to
    Chinese, a blank before a list marker that follows ；。： or a closing 》."""
    return _MARKER_AFTER_STOP.sub(" ", full_width_punctuation(text.strip()))


def full_width_punctuation(text: str) -> str:
    """ASCII brackets, colons, semicolons, commas and full stops next to Chinese text made
    full-width (``；(2)机关`` → ``；（2）机关``); those between Latin letters or digits stay
    (URLs, ``1,000``, ``3.5``)."""
    if not (_HALF_PUNCT_NEAR_CJK.search(text) or _HALF_STOP.search(text)):
        return text
    # A pair of brackets goes together: the closing one may follow a digit, as in (2).
    text = re.sub(
        f"\\(([^()]{{0,40}})\\)(?=[{_CJK}])|(?<=[{_CJK}])\\(([^()]{{0,40}})\\)",
        lambda m: "（" + (m.group(1) if m.group(1) is not None else m.group(2)) + "）",
        text,
    )
    text = _HALF_STOP.sub("。", text)
    return _HALF_PUNCT_NEAR_CJK.sub(lambda m: m.group(0).translate(_FULL_WIDTH), text)


def _allow_engine_memory() -> None:
    """Raise this process's address-space limit to ``ocr_memory_mb`` if it is lower.

    The extraction worker caps address space per file (``extract_memory_mb``) against
    parsers that allocate without bound. The OCR engine's needs do not depend on the input
    (pages reach it at a bounded size) but exceed that cap; the worker restores its
    limits after the file.
    """
    try:
        import resource
    except ImportError:  # not POSIX: no limit to raise
        return
    from govguide.core.settings import get_settings

    want = get_settings().ocr_memory_mb * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY or soft >= want:
        return
    if hard != resource.RLIM_INFINITY:
        want = min(want, hard)
    resource.setrlimit(resource.RLIMIT_AS, (want, hard))


def _grey(image: np.ndarray) -> np.ndarray:
    import cv2

    if image.ndim == 2:
        return np.ascontiguousarray(image, dtype=np.uint8)
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_RGBA2GRAY)
    return cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)


def _upright(grey: np.ndarray) -> tuple[np.ndarray, int, float]:
    """The page turned upright and straightened: (image, degrees turned, skew corrected)."""
    import cv2

    small = cv2.resize(grey, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    boxes = _detect(small)
    if not boxes:
        return grey, 0, 0.0
    rotated = 0
    tall = sum(1 for b in boxes if _box_h(b) > _LONG_LINE * _box_w(b))
    wide = sum(1 for b in boxes if _box_w(b) > _LONG_LINE * _box_h(b))
    if tall > wide:
        # Text runs top to bottom: the page lies on its side. Turn it a quarter; whether
        # it then stands upside down is the classifier's call below.
        grey = cv2.rotate(grey, cv2.ROTATE_90_CLOCKWISE)
        small = cv2.rotate(small, cv2.ROTATE_90_CLOCKWISE)
        rotated = 90
        boxes = _detect(small)
    skew = _skew(small)
    if skew:
        grey, _ = _rotate(grey, skew)
        small, matrix = _rotate(small, skew)
        # The boxes turn with the page: no need to detect them again.
        boxes = [b @ matrix[:, :2].T + matrix[:, 2] for b in boxes]
    if _upside_down(small, boxes):
        grey = cv2.rotate(grey, cv2.ROTATE_180)
        rotated = (rotated + 180) % 360
    return grey, rotated, skew


def _detect(image: np.ndarray) -> list[np.ndarray]:
    det = _engine()(image, use_det=True, use_cls=False, use_rec=False)
    return [] if det.boxes is None else [np.asarray(b, dtype=np.float64) for b in det.boxes]


def _box_w(box: np.ndarray) -> float:
    return float(math.dist(box[0], box[1]))


def _box_h(box: np.ndarray) -> float:
    return float(math.dist(box[1], box[2]))


def _skew(image: np.ndarray) -> float:
    """The page's slant in degrees (positive: lines descend to the right), or 0.0.

    The angle at which the dark pixels line up best: projected across the page at the
    right angle, text lines and rules fall into few rows, so the squared row counts peak.
    Works on pages of short table cells, whose text boxes are too short to measure.
    """
    ys, xs = np.nonzero(image < _INK)
    if len(ys) < 100:
        return 0.0
    if len(ys) > _SKEW_SAMPLE:
        pick = np.random.default_rng(0).choice(len(ys), _SKEW_SAMPLE, replace=False)
        ys, xs = ys[pick], xs[pick]
    ys, xs = ys.astype(np.float64), xs.astype(np.float64)

    def sharpness(degrees: float) -> float:
        rows = ys - xs * math.tan(math.radians(degrees))
        counts = np.bincount((rows - rows.min()).astype(np.int64))
        return float(np.dot(counts, counts))

    best = max(np.arange(-_MAX_SKEW_DEG, _MAX_SKEW_DEG + 1e-9, 0.25), key=sharpness)
    best = max(np.arange(best - 0.25, best + 0.25 + 1e-9, 0.025), key=sharpness)
    if abs(best) < _MIN_SKEW_DEG:
        return 0.0
    return round(float(best), 3)


def _rotate(image: np.ndarray, degrees: float) -> tuple[np.ndarray, np.ndarray]:
    """``image`` turned by ``degrees`` (counter-clockwise positive), canvas grown to fit,
    new corners white like paper; and the 2x3 matrix that maps points onto it."""
    import cv2

    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = int(h * sin + w * cos + 0.5), int(h * cos + w * sin + 0.5)
    matrix[0, 2] += new_w / 2 - w / 2
    matrix[1, 2] += new_h / 2 - h / 2
    turned = cv2.warpAffine(
        image, matrix, (new_w, new_h), flags=cv2.INTER_LINEAR, borderValue=255
    )
    return turned, matrix


def _upside_down(image: np.ndarray, boxes: list[np.ndarray]) -> bool:
    """Whether most of the widest text lines read as turned by 180° (majority vote)."""
    lines = sorted(
        (b for b in boxes if _box_w(b) > _LONG_LINE * _box_h(b)), key=_box_w, reverse=True
    )[:_ORIENTATION_SAMPLE]
    votes = 0
    for b in lines:
        x0, y0 = (int(max(0, v)) for v in b.min(axis=0))
        x1, y1 = (int(v) + 1 for v in b.max(axis=0))
        crop = np.ascontiguousarray(image[y0:y1, x0:x1])
        if crop.size == 0:
            continue
        res = _engine()(crop, use_det=False, use_cls=True, use_rec=False)
        label = res.cls_res[0][0] if getattr(res, "cls_res", None) else "0"
        votes += 1 if label == "180" else -1
    return votes > 0


@contextmanager
def _deadline(timeout_s: float | None, page: int) -> Iterator[None]:
    """Stop reading a page after ``timeout_s`` seconds (an alarm signal, so only in the
    main thread of a POSIX process — which the extraction worker is; elsewhere the
    per-file limit of the worker still applies)."""
    usable = (
        timeout_s is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    expired: list[bool] = []

    def _expired(signum: int, frame: Any) -> None:
        expired.append(True)
        raise _PageTimeout

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, float(timeout_s))  # type: ignore[arg-type]
    try:
        yield
    except _PageTimeout:
        pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    # Checked after the block too: the recogniser may have caught and logged the
    # interruption instead of letting it through.
    if expired:
        raise ResourceLimitError(f"OCR of page {page} took longer than {timeout_s:g} s", page=page)


class _PageTimeout(BaseException):
    """Raised by the page alarm; a BaseException so that the recogniser's own
    ``except Exception`` handlers do not turn it into a failed recognition."""
