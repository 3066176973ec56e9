"""A page's characters and rulings, exactly as pdfplumber builds them, several times faster.

pdfplumber reads a page by running pdfminer's content interpreter (a byte-by-byte
tokeniser) and then converting every layout object into a dict through generic attribute
resolution; on text-heavy guides that is ~95% of extraction time. This module interprets
the content stream itself (:mod:`.pdf_lexer`) for the only operators that place glyphs and
paint paths, with pdfminer's own font objects (so code → text, widths and descent are
pdfminer's) and with pdfminer's arithmetic, operation for operation, so every coordinate is
the same float. The result is handed to pdfplumber as the page's ``objects`` (``char``,
``line``, ``rect``, ``curve``), and its table finder and word grouping run unchanged.

Anything outside what is reproduced exactly — rotated pages, vertical fonts, inline images,
malformed operand lists, layout analysis — raises :class:`Unsupported`; the caller then lets
pdfplumber parse that page the ordinary way. Left out, since nothing downstream reads
them: images, colours, marked-content tags and the per-character matrix (characters carry
text, position, size, ``upright``, ``fontname`` and ``adv``; paths their points, bounds and
stroke/fill).
"""

from __future__ import annotations

import re
from typing import Any

from pdfminer.casting import safe_float, safe_matrix
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdftypes import PDFObjRef, dict_value, list_value, stream_value
from pdfminer.psparser import LIT, PSLiteral, literal_name
from pdfminer.utils import MATRIX_IDENTITY, apply_matrix_pt, get_bound, mult_matrix

from .pdf_lexer import Unsupported, tokens

__all__ = ["Unsupported", "page_objects"]

Obj = dict[str, Any]
_FORM = LIT("Form")


def page_objects(page: Any) -> dict[str, list[Obj]]:
    """The ``objects`` of a pdfplumber ``Page`` (chars, lines, rects, curves).

    Raises :class:`Unsupported` when the page needs pdfminer's full interpreter.
    """
    pdf = page.pdf
    if pdf.laparams is not None or pdf.unicode_norm is not None:
        raise Unsupported("layout analysis or unicode normalisation requested")
    raw = page.page_obj
    if page.rotation or raw.rotate:
        raise Unsupported("rotated page")
    out = _Output(page)
    x0, y0, _, _ = raw.mediabox
    ctm = (1, 0, 0, 1, -x0, -y0)  # as pdfminer's process_page for an unrotated page
    _Interpreter(pdf.rsrcmgr, out, set()).render(raw.resources, raw.contents, ctm)
    objects: dict[str, list[Obj]] = {}
    for kind, items in (("char", out.chars), ("line", out.lines), ("rect", out.rects), ("curve", out.curves)):
        if items:
            objects[kind] = items
    return objects


class _Output:
    """pdfminer's device plus pdfplumber's conversion to dicts: shared by nested forms."""

    def __init__(self, page: Any) -> None:
        self.page_number = page.page_number
        self.height = page.height
        self.mb_x0, self.mb_top = page.mediabox[:2]
        self.doctop = page.initial_doctop
        self.point2coord = page.point2coord
        self.ctm: tuple[float, ...] = MATRIX_IDENTITY
        self.chars: list[Obj] = []
        self.lines: list[Obj] = []
        self.rects: list[Obj] = []
        self.curves: list[Obj] = []

    def add_path_object(self, kind: str, linewidth: float, pts: list[tuple[float, float]],
                        stroke: bool, fill: bool, evenodd: bool) -> None:
        x0, y0, x1, y1 = get_bound(pts)
        obj: Obj = {
            "object_type": kind, "page_number": self.page_number,
            "x0": x0, "y0": y0, "x1": x1, "y1": y1, "width": x1 - x0, "height": y1 - y0,
            "pts": [self.point2coord(p) for p in pts],
            "linewidth": linewidth, "stroke": stroke, "fill": fill, "evenodd": evenodd,
        }
        obj["top"] = (self.height - y1) + self.mb_top
        obj["bottom"] = (self.height - y0) + self.mb_top
        obj["doctop"] = self.doctop + obj["top"]
        if self.mb_x0 != 0:
            obj["x0"] = x0 + self.mb_x0
            obj["x1"] = x1 + self.mb_x0
        {"line": self.lines, "rect": self.rects, "curve": self.curves}[kind].append(obj)


class _TextState:
    __slots__ = ("font", "fontsize", "charspace", "wordspace", "scaling", "leading", "rise",
                 "matrix", "linematrix")

    def __init__(self) -> None:
        self.font: Any = None
        self.fontsize: float = 0
        self.charspace: float = 0
        self.wordspace: float = 0
        self.scaling: float = 100
        self.leading: float = 0
        self.rise: float = 0
        self.reset()

    def reset(self) -> None:
        self.matrix: tuple[float, ...] = MATRIX_IDENTITY
        self.linematrix: tuple[float, float] = (0, 0)

    def copy(self) -> _TextState:
        new = _TextState.__new__(_TextState)
        for name in self.__slots__:
            setattr(new, name, getattr(self, name))
        return new


class _FontInfo:
    """Per-font constants and a cache of code → (text, width)."""

    __slots__ = ("font", "descent", "multibyte", "vertical", "fontname", "glyphs")

    def __init__(self, font: Any) -> None:
        self.font = font
        self.descent = font.get_descent()
        self.multibyte = font.is_multibyte()
        self.vertical = font.is_vertical()
        self.fontname = font.fontname
        self.glyphs: dict[int, tuple[str, float]] = {}

    def glyph(self, cid: int) -> tuple[str, float]:
        try:
            return self.glyphs[cid]
        except KeyError:
            pass
        try:
            text = self.font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = f"(cid:{cid})"
        if not isinstance(text, str):
            raise Unsupported("non-text glyph mapping")
        info = (text, self.font.char_width(cid))
        self.glyphs[cid] = info
        return info


class _Interpreter:
    def __init__(self, rsrcmgr: Any, out: _Output, parent_stream_ids: set[int]) -> None:
        self.rsrcmgr = rsrcmgr
        self.out = out
        self.parent_stream_ids = parent_stream_ids
        self.stream_ids: set[int] = set()

    # -- set-up, as PDFPageInterpreter.render_contents --------------------------------

    def render(self, resources: Any, streams: Any, ctm: tuple[float, ...]) -> None:
        self.resources = resources
        self.fontmap: dict[Any, _FontInfo] = {}
        self.xobjmap: dict[Any, Any] = {}
        for key, value in dict_value(resources).items():
            if key == "Font":
                for fontid, spec in dict_value(value).items():
                    objid = spec.objid if isinstance(spec, PDFObjRef) else None
                    font = self.rsrcmgr.get_font(objid, dict_value(spec))
                    self.fontmap[fontid] = self._font_info(font)
            elif key == "XObject":
                for xobjid, xobj in dict_value(value).items():
                    self.xobjmap[xobjid] = xobj
        self.ctm = ctm
        self.out.ctm = ctm
        self.ts = _TextState()
        self.linewidth: float = 0
        self.gstack: list[tuple[Any, ...]] = []
        self.curpath: list[tuple[Any, ...]] = []
        self._execute(list_value(streams))

    @staticmethod
    def _font_info(font: Any) -> _FontInfo:
        # Kept on the font itself: pdfminer caches fonts per document, so the glyph cache
        # lives exactly as long as the document.
        info = getattr(font, "_fast_reader_info", None)
        if info is None:
            info = _FontInfo(font)
            font._fast_reader_info = info
        return info

    def _execute(self, streams: list[Any]) -> None:
        valid = []
        self.stream_ids.clear()
        for obj in streams:
            stream = stream_value(obj)
            if stream.objid is None or stream.objid in self.parent_stream_ids:
                continue  # pdfminer skips these too (inline or circular)
            valid.append(stream)
            self.stream_ids.add(stream.objid)
        # pdfminer ends a token where a stream ends (it feeds a line break): so does this.
        data = b"\n".join(s.get_data() for s in valid)
        args: list[Any] = []
        for tok in tokens(data):
            if type(tok) is not str:
                args.append(tok)
                continue
            op = _OPERATORS.get(tok)
            if op is None:
                if args:  # pdfminer would keep these operands for the next operator
                    raise Unsupported(f"unknown operator {tok!r} with operands")
                continue
            nargs, handler = op
            if nargs < 0:  # colour operators: as many operands as the colour space has
                args.clear()
                continue
            if len(args) != nargs:
                raise Unsupported(f"{tok} with {len(args)} operands")
            if handler is not None:
                handler(self, *args)
            args.clear()

    # -- graphics state ---------------------------------------------------------------

    def _q(self) -> None:
        self.gstack.append((self.ctm, self.ts.copy(), self.linewidth))

    def _Q(self) -> None:
        if self.gstack:
            self.ctm, self.ts, self.linewidth = self.gstack.pop()
            self.out.ctm = self.ctm

    def _cm(self, *values: Any) -> None:
        matrix = safe_matrix(*values)
        if matrix is None:
            raise Unsupported("cm operands")
        self.ctm = mult_matrix(matrix, self.ctm)
        self.out.ctm = self.ctm

    def _w(self, linewidth: Any) -> None:
        value = safe_float(linewidth)
        if value is not None:
            self.linewidth = value * (self.ctm[0] ** 2 + self.ctm[1] ** 2) ** 0.5

    # -- paths --------------------------------------------------------------------------

    def _segment(self, op: str, *values: Any) -> None:
        floats = [safe_float(v) for v in values]
        if any(v is None for v in floats):
            raise Unsupported(f"{op} operands")
        self.curpath.append((op, *floats))

    def _re(self, *values: Any) -> None:
        floats = [safe_float(v) for v in values]
        if any(v is None for v in floats):
            raise Unsupported("re operands")
        x, y, w, h = floats
        self.curpath += [("m", x, y), ("l", x + w, y), ("l", x + w, y + h), ("l", x, y + h), ("h",)]

    def _paint(self, stroke: bool, fill: bool, evenodd: bool, close: bool = False) -> None:
        if close:
            self.curpath.append(("h",))
        self._paint_path(stroke, fill, evenodd, self.curpath)
        self.curpath = []

    def _paint_path(self, stroke: bool, fill: bool, evenodd: bool, path: list[tuple[Any, ...]]) -> None:
        # pdfminer's PDFLayoutAnalyzer.paint_path, step for step.
        shape = "".join(x[0] for x in path)
        if shape[:1] != "m":
            return
        if shape.count("m") > 1:
            for m in re.finditer(r"m[^m]+", shape):
                self._paint_path(stroke, fill, evenodd, path[m.start(0):m.end(0)])
            return
        ctm = self.out.ctm
        raw_pts = [p[-2:] if p[0] != "h" else path[0][-2:] for p in path]
        pts = [apply_matrix_pt(ctm, pt) for pt in raw_pts]
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts.pop()
        add = self.out.add_path_object
        if shape in {"mlh", "ml"}:
            add("line", self.linewidth, [pts[0], pts[1]], stroke, fill, evenodd)
        elif shape in {"mlllh", "mllll"}:
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            is_closed_loop = pts[0] == pts[4]
            has_square_coordinates = (
                x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0
            ) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
            if is_closed_loop and has_square_coordinates:
                (rx0, ry0), (rx1, ry1) = pts[0], pts[2]
                corners = [(rx0, ry0), (rx1, ry0), (rx1, ry1), (rx0, ry1)]
                add("rect", self.linewidth, corners, stroke, fill, evenodd)
            else:
                add("curve", self.linewidth, pts, stroke, fill, evenodd)
        else:
            add("curve", self.linewidth, pts, stroke, fill, evenodd)

    # -- text ---------------------------------------------------------------------------

    def _BT(self) -> None:
        self.ts.reset()

    def _Tc(self, space: Any) -> None:
        value = safe_float(space)
        if value is not None:
            self.ts.charspace = value

    def _Tw(self, space: Any) -> None:
        value = safe_float(space)
        if value is not None:
            self.ts.wordspace = value

    def _Tz(self, scale: Any) -> None:
        value = safe_float(scale)
        if value is not None:
            self.ts.scaling = value

    def _TL(self, leading: Any) -> None:
        value = safe_float(leading)
        if value is not None:
            self.ts.leading = -value

    def _Ts(self, rise: Any) -> None:
        value = safe_float(rise)
        if value is not None:
            self.ts.rise = value

    def _Tf(self, fontid: Any, fontsize: Any) -> None:
        if not isinstance(fontid, PSLiteral):
            raise Unsupported("Tf font name")
        try:
            self.ts.font = self.fontmap[literal_name(fontid)]
        except KeyError:
            raise Unsupported("undefined font") from None
        size = safe_float(fontsize)
        if size is None:
            raise Unsupported("Tf size")
        self.ts.fontsize = size

    def _Td(self, tx: Any, ty: Any, set_leading: bool = False) -> None:
        tx_, ty_ = safe_float(tx), safe_float(ty)
        ts = self.ts
        if tx_ is not None and ty_ is not None:
            (a, b, c, d, e, f) = ts.matrix
            ts.matrix = (a, b, c, d, tx_ * a + ty_ * c + e, tx_ * b + ty_ * d + f)
        if set_leading and ty_ is not None:
            ts.leading = ty_  # pdfminer's TD stores ty unnegated; T* reads it back the same way
        ts.linematrix = (0, 0)

    def _TD(self, tx: Any, ty: Any) -> None:
        self._Td(tx, ty, set_leading=True)

    def _Tm(self, *values: Any) -> None:
        matrix = safe_matrix(*values)
        if matrix is None:
            raise Unsupported("Tm operands")
        self.ts.matrix = matrix
        self.ts.linematrix = (0, 0)

    def _T_star(self) -> None:
        ts = self.ts
        (a, b, c, d, e, f) = ts.matrix
        ts.matrix = (a, b, c, d, ts.leading * c + e, ts.leading * d + f)
        ts.linematrix = (0, 0)

    def _TJ(self, seq: Any) -> None:
        if self.ts.font is None:
            return
        if not isinstance(seq, list):
            raise Unsupported("TJ operand")
        self._show(seq)

    def _Tj(self, s: Any) -> None:
        self._TJ([s])

    def _quote(self, s: Any) -> None:
        self._T_star()
        self._TJ([s])

    def _dquote(self, aw: Any, ac: Any, s: Any) -> None:
        self._Tw(aw)
        self._Tc(ac)
        self._TJ([s])

    def _show(self, seq: list[Any]) -> None:
        """PDFTextDevice.render_string (horizontal) + LTChar + pdfplumber's char dict."""
        ts = self.ts
        out = self.out
        info: _FontInfo = ts.font
        if info.vertical:
            raise Unsupported("vertical writing")
        (a, b, c, d, e, f) = mult_matrix(ts.matrix, out.ctm)
        fontsize = ts.fontsize
        scaling = ts.scaling * 0.01
        charspace = ts.charspace * scaling
        wordspace = ts.wordspace * scaling
        rise = ts.rise
        if info.multibyte:
            wordspace = 0
        dxscale = 0.001 * fontsize * scaling
        descent = info.descent * fontsize
        by0 = descent + rise
        by1 = descent + rise + fontsize
        upright = a * d * scaling > 0 and b * c <= 0
        straight = b == 0 and c == 0
        height, mb_top, mb_x0, doctop0 = out.height, out.mb_top, out.mb_x0, out.doctop
        page_number, fontname = out.page_number, info.fontname
        glyph, glyphs = info.glyph, info.glyphs
        append = out.chars.append
        (x, y) = ts.linematrix
        needcharspace = False
        for obj in seq:
            if isinstance(obj, (int, float)):
                x -= obj * dxscale
                needcharspace = True
            elif isinstance(obj, bytes):
                for cid in info.font.decode(obj):
                    if needcharspace:
                        x += charspace
                    e2 = x * a + y * c + e
                    f2 = x * b + y * d + f
                    text, textwidth = glyphs.get(cid) or glyph(cid)
                    adv = textwidth * fontsize * scaling
                    # apply_matrix_rect(matrix, (0, by0, adv, by1)), as pdfminer computes it.
                    if straight and e2 != 0 and f2 != 0:
                        # b = c = 0: the terms they multiply are zeros, and adding a zero
                        # to a non-zero e2 / f2 changes nothing, so the same floats come
                        # out of half the arithmetic (min/max keep the first of equals,
                        # as min(l, l, r, r) does).
                        right = a * adv + e2
                        x0 = right if right < e2 else e2
                        x1 = right if right > e2 else e2
                        bottom = d * by0 + f2
                        top_ = d * by1 + f2
                        y0 = top_ if top_ < bottom else bottom
                        y1 = top_ if top_ > bottom else bottom
                    else:
                        left1, bottom1 = a * 0 + c * by0 + e2, b * 0 + d * by0 + f2
                        right1, bottom2 = a * adv + c * by0 + e2, b * adv + d * by0 + f2
                        right2, top1 = a * adv + c * by1 + e2, b * adv + d * by1 + f2
                        left2, top2 = a * 0 + c * by1 + e2, b * 0 + d * by1 + f2
                        x0 = min(left1, left2, right1, right2)
                        y0 = min(bottom1, bottom2, top1, top2)
                        x1 = max(left1, left2, right1, right2)
                        y1 = max(bottom1, bottom2, top1, top2)
                    top = (height - y1) + mb_top
                    h = y1 - y0
                    append({
                        "object_type": "char", "page_number": page_number, "text": text,
                        "fontname": fontname, "adv": adv, "upright": upright,
                        "x0": x0 + mb_x0 if mb_x0 != 0 else x0,
                        "x1": x1 + mb_x0 if mb_x0 != 0 else x1,
                        "y0": y0, "y1": y1, "width": x1 - x0, "height": h, "size": h,
                        "top": top, "bottom": (height - y0) + mb_top, "doctop": doctop0 + top,
                    })
                    x += adv
                    if cid == 32 and wordspace:
                        x += wordspace
                    needcharspace = True
        ts.linematrix = (x, y)

    # -- XObjects -----------------------------------------------------------------------

    def _Do(self, xobjid_arg: Any) -> None:
        xobjid = literal_name(xobjid_arg)
        if xobjid not in self.xobjmap:
            return
        xobj = stream_value(self.xobjmap[xobjid])
        if xobj.get("Subtype") is _FORM and "BBox" in xobj:
            matrix = list_value(xobj.get("Matrix", MATRIX_IDENTITY))
            xobjres = xobj.get("Resources")
            resources = dict_value(xobjres) if xobjres else self.resources.copy()
            sub = _Interpreter(self.rsrcmgr, self.out, self.parent_stream_ids | self.stream_ids)
            # The device keeps the form's transformation afterwards (pdfminer does not
            # restore it), until the next cm, q or Q of this stream.
            sub.render(resources, [xobj], mult_matrix(matrix, self.ctm))
        # Images and other XObjects: nothing downstream reads them.

    def _unsupported(self, *_: Any) -> None:
        raise Unsupported("inline image")


# Every operator pdfminer's interpreter knows, with the operand count it pops (-1: a colour
# operator popping as many operands as its colour space has). Unknown operators are
# skipped as pdfminer skips them.
_OPERATORS: dict[str, tuple[int, Any]] = {}
for _name, _n, _h in [
    ("q", 0, _Interpreter._q), ("Q", 0, _Interpreter._Q), ("cm", 6, _Interpreter._cm),
    ("w", 1, _Interpreter._w), ("J", 1, None), ("j", 1, None), ("M", 1, None), ("d", 2, None),
    ("ri", 1, None), ("i", 1, None), ("gs", 1, None),
    ("m", 2, lambda s, x, y: s._segment("m", x, y)),
    ("l", 2, lambda s, x, y: s._segment("l", x, y)),
    ("c", 6, lambda s, *v: s._segment("c", *v)),
    ("v", 4, lambda s, *v: s._segment("v", *v)),
    ("y", 4, lambda s, *v: s._segment("y", *v)),
    ("h", 0, lambda s: s.curpath.append(("h",))),
    ("re", 4, _Interpreter._re),
    ("S", 0, lambda s: s._paint(True, False, False)),
    ("s", 0, lambda s: s._paint(True, False, False, close=True)),
    ("f", 0, lambda s: s._paint(False, True, False)),
    ("F", 0, None),  # pdfminer leaves "F" unimplemented (and the path open)
    ("f*", 0, lambda s: s._paint(False, True, True)),
    ("B", 0, lambda s: s._paint(True, True, False)),
    ("B*", 0, lambda s: s._paint(True, True, True)),
    ("b", 0, lambda s: s._paint(True, True, False, close=True)),
    ("b*", 0, lambda s: s._paint(True, True, True, close=True)),
    ("n", 0, lambda s: setattr(s, "curpath", [])),
    ("W", 0, None), ("W*", 0, None),
    ("CS", 1, None), ("cs", 1, None), ("G", 1, None), ("g", 1, None), ("RG", 3, None),
    ("rg", 3, None), ("K", 4, None), ("k", 4, None),
    ("SCN", -1, None), ("scn", -1, None), ("SC", -1, None), ("sc", -1, None),
    ("sh", 1, None), ("BT", 0, _Interpreter._BT), ("ET", 0, None), ("BX", 0, None),
    ("EX", 0, None), ("MP", 1, None), ("DP", 2, None), ("BMC", 1, None), ("BDC", 2, None),
    ("EMC", 0, None),
    ("Tc", 1, _Interpreter._Tc), ("Tw", 1, _Interpreter._Tw), ("Tz", 1, _Interpreter._Tz),
    ("TL", 1, _Interpreter._TL), ("Tf", 2, _Interpreter._Tf), ("Tr", 1, None),
    ("Ts", 1, _Interpreter._Ts), ("Td", 2, _Interpreter._Td), ("TD", 2, _Interpreter._TD),
    ("Tm", 6, _Interpreter._Tm), ("T*", 0, _Interpreter._T_star), ("TJ", 1, _Interpreter._TJ),
    ("Tj", 1, _Interpreter._Tj), ("'", 1, _Interpreter._quote), ('"', 3, _Interpreter._dquote),
    ("BI", 0, _Interpreter._unsupported), ("ID", 0, _Interpreter._unsupported),
    ("EI", 1, _Interpreter._unsupported), ("Do", 1, _Interpreter._Do),
]:
    _OPERATORS[_name] = (_n, _h)
    if "*" in _name:  # pdfminer looks operators up by method name: "f*" and "f_a" alike
        _OPERATORS[_name.replace("*", "_a")] = (_n, _h)
