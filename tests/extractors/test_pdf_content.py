"""The fast page reader must build exactly the objects pdfplumber builds.

Every coordinate is compared as a float (no tolerance) against pdfplumber reading the same
page: on the sample documents, and on small PDFs written here that use the operators and
quirks the samples do not (kerning, spacing, scaling, rise, leading, escapes, forms, paths).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extractors.loaders.pdf import load_pdf
from extractors.loaders.pdf_content import Unsupported, page_objects
from tests.conftest import SAMPLES

KINDS = ("char", "line", "rect", "curve")


def assert_same_objects(page: Any, reference: Any) -> None:
    mine = page_objects(page)
    theirs = reference.objects
    for kind in KINDS:
        got, expected = mine.get(kind, []), theirs.get(kind, [])
        assert len(got) == len(expected), f"page {page.page_number}: {kind} count"
        for g, e in zip(got, expected, strict=True):
            for key, value in g.items():
                assert key in e, key
                assert _same(value, e[key]), (page.page_number, kind, key, value, e[key], e.get("text"))


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def compare_file(data: bytes | Path, pages: slice = slice(None)) -> None:
    src = data if isinstance(data, Path) else io.BytesIO(data)
    src2 = data if isinstance(data, Path) else io.BytesIO(data)
    with pdfplumber.open(src) as pdf, pdfplumber.open(src2) as ref:
        for page, reference in list(zip(pdf.pages, ref.pages, strict=True))[pages]:
            assert_same_objects(page, reference)


@pytest.mark.parametrize("name", [p.name for p in sorted(SAMPLES.glob("*.pdf"))])
def test_sample_pages_match_pdfplumber(name: str) -> None:
    # The long text-only sample: every third page keeps the test quick.
    compare_file(SAMPLES / name, slice(None, None, 3) if name.startswith("zj_") else slice(None))


# ---------------------------------------------------------------------------------------
# Small PDFs written by hand


def make_pdf(
    contents: list[bytes],
    *,
    mediabox: tuple[float, float, float, float] = (0, 0, 300, 200),
    rotate: int = 0,
    forms: dict[str, tuple[bytes, str]] | None = None,
) -> bytes:
    """A one-page PDF with Helvetica (/F1), Times-Roman (/F2) and optional form XObjects
    (name → (content, extra dictionary entries))."""
    objs: list[bytes] = []

    def add(body: bytes) -> int:
        objs.append(body)
        return len(objs)

    def stream(data: bytes, extra: str = "") -> bytes:
        return f"<< /Length {len(data)} {extra} >>\nstream\n".encode() + data + b"\nendstream"

    add(b"<< /Type /Catalog /Pages 2 0 R >>")
    add(b"")  # pages, filled in below
    f1 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    f2 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>")
    fonts = f"/Font << /F1 {f1} 0 R /F2 {f2} 0 R >>"
    xobjs = ""
    for name, (data, extra) in (forms or {}).items():
        n = add(stream(data, f"/Type /XObject /Subtype /Form /BBox [0 0 300 200] {extra}"))
        xobjs += f"/{name} {n} 0 R "
    refs = [add(stream(c)) for c in contents]
    box = " ".join(str(v) for v in mediabox)
    page = add(
        f"<< /Type /Page /Parent 2 0 R /MediaBox [{box}] /Rotate {rotate} "
        f"/Resources << {fonts} /XObject << {xobjs}>> >> "
        f"/Contents [{' '.join(f'{r} 0 R' for r in refs)}] >>".encode()
    )
    objs[1] = f"<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>".encode()
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


TEXT_CASES = {
    "kerning and spacing": b"BT /F1 12 Tf 2 Tc 3 Tw 20 150 Td [(AV) -120 (A W) 80.5 (x)] TJ ET",
    "scaling and rise": b"BT /F2 10 Tf 150 Tz 4 Ts 1 0 0 1 30.25 100.75 Tm (Scaled text) Tj ET",
    "leading and quotes": (
        b"BT /F1 9 Tf 14 TL 10 180 Td (first) Tj T* (second) Tj (third) ' 1 2 (fourth) \" "
        b"5 -20 TD (fifth) Tj T* (sixth) Tj ET"
    ),
    "escapes": rb"BT /F1 11 Tf 5 50 Td (a\(b\)c\\d\101\12e\qf\
g (nested) h) Tj <41 42 4> Tj ET",
    "transformations": (
        b"q 0.75 0 0 -0.75 10 190 cm BT /F1 12 Tf 1 0 0 -1 20 30 Tm (flipped) Tj ET Q "
        b"q 2 0 0 2 0 0 cm BT /F2 8 Tf 15 15 Td (doubled) Tj ET Q BT /F1 6 Tf (origin) Tj ET"
    ),
    "rotated text": b"BT /F1 10 Tf 0 1 -1 0 100 20 Tm (up) Tj 0.7071 0.7071 -0.7071 0.7071 150 50 Tm (diag) Tj ET",
    "state across q": b"BT /F1 10 Tf 3 Tc q 9 Tc 20 20 Td (inner) Tj Q 20 40 Td (outer) Tj ET",
    "no font yet": b"BT 10 10 Td (ignored) Tj /F1 7 Tf (shown) Tj ET",
    "comments and odd tokens": b"% a comment\nBT/F1 10 Tf 10 10 Td(x)Tj%c\n[(y)-5.5(z)]TJ ET",
}


@pytest.mark.parametrize("content", TEXT_CASES.values(), ids=TEXT_CASES.keys())
def test_text_operators_match_pdfplumber(content: bytes) -> None:
    compare_file(make_pdf([content]))


PATH_CASES = {
    "rects and lines": b"1.5 w 10 10 100 50 re S 0 0 1 rg 20 20 m 200 20 l S 30 30 m 30 90 l 40 95 l h f",
    "curves and closing": (
        b"q 0.5 0 0 0.5 5 5 cm 10 10 m 20 30 40 30 50 10 c 60 0 70 5 v 80 0 90 10 y b* Q "
        b"5 5 m 50 5 l 50 40 l 5 40 l 5 5 l h B 0 0 m 10 10 l 0 0 m 20 0 l 20 20 l s"
    ),
    "fill F keeps the path": b"10 10 m 60 10 l F 60 60 l S 100 100 50 20 re f* n 1 1 m 2 2 l n",
    "clip and colours": b"q 0 0 300 200 re W n 0.2 0.3 0.4 rg 0.1 g 1 0 0 1 K 15 15 40 40 re f Q",
}


@pytest.mark.parametrize("content", PATH_CASES.values(), ids=PATH_CASES.keys())
def test_path_operators_match_pdfplumber(content: bytes) -> None:
    compare_file(make_pdf([content]))


def test_forms_media_box_and_split_streams_match_pdfplumber() -> None:
    # After a form, pdfminer keeps drawing with the form's transformation until the next
    # cm/q/Q: the line and text after "Do" must land where pdfplumber puts them.
    pdf = make_pdf(
        [b"q 1 0 0 1 50 20 cm /Fm1 Do 0 0 m 40 0 l S BT /F1 9 Tf (after) Tj ET Q", b"BT /F2 12 Tf 5 5 Td (two) Tj ET"],
        mediabox=(10, 20, 310, 220),
        forms={"Fm1": (b"BT /F1 10 Tf 5 5 Td (in form) Tj ET 2 0 0 2 0 0 cm 0 0 20 20 re f", "/Matrix [1 0 0 1 7 9]")},
    )
    compare_file(pdf)


@pytest.mark.parametrize(
    "content, kwargs",
    [
        (b"BT /F1 10 Tf 10 10 Td (x) Tj ET", {"rotate": 90}),
        (b"q 10 0 0 10 0 0 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x00 EI Q", {}),
        (b"BT /F1 10 Tf 10 10 Td 3 4 zz (x) Tj ET", {}),
        (b"BT /F9 10 Tf 10 10 Td (x) Tj ET", {}),
        (b"BT /F1 10 Tf 10 Td (x) Tj ET", {}),
    ],
    ids=["rotated page", "inline image", "unknown operator with operands", "undefined font", "missing operand"],
)
def test_what_is_not_reproduced_is_refused(content: bytes, kwargs: dict[str, Any]) -> None:
    with pdfplumber.open(io.BytesIO(make_pdf([content], **kwargs))) as pdf:
        with pytest.raises(Unsupported):
            page_objects(pdf.pages[0])


def test_loader_falls_back_to_pdfplumber_for_refused_pages(tmp_path: Path) -> None:
    # pdfplumber reads a page the fast reader refuses (here: an operator it does not know,
    # with operands) and skips what it does not understand: the text still comes through.
    path = tmp_path / "odd.pdf"
    path.write_bytes(make_pdf([b"BT /F1 10 Tf 20 20 Td 3 4 zz (Text after an odd operator) Tj ET"]))
    with pdfplumber.open(path) as pdf, pytest.raises(Unsupported):
        page_objects(pdf.pages[0])
    assert "Text after an odd operator" in load_pdf(path).full_text()


# ---------------------------------------------------------------------------------------
# The lexer against pdfminer's own tokeniser


FRAGMENTS = [
    b"12", b"-3.5", b".5", b"+7", b"5.", b"-0", b"1.2.3", b"007",
    b"/F1", b"/A#42c", b"/x#", b"/x#4", b"/\xe4\xb8\xad", b"/",
    b"(a\\nb)", b"(\\101\\0612)", b"(a(b)c)", b"(x\\qy)", b"(l\\\r\nm)", b"(t\\\nu)", b"()", b"(\\))",
    b"<4142>", b"<41 4>", b"<>", b"<a>",
    b"[", b"]", b"<<", b">>",
    b"BT", b"Tf", b"T*", b"'", b'"', b"true", b"false", b"f*", b"d0", b"null", b"Td",
    b"% comment\n", b"%\r",
]
SEPARATORS = [b" ", b"\n", b"\t", b"\x00", b"\r\n", b"", b"  "]


def _pdfminer_tokens(data: bytes) -> list[Any]:
    from pdfminer.pdfinterp import PDFContentParser
    from pdfminer.pdftypes import PDFStream
    from pdfminer.psparser import PSEOF, PSKeyword

    parser = PDFContentParser([PDFStream({}, data)])
    out: list[Any] = []
    while True:
        try:
            _, obj = parser.nextobject()
        except PSEOF:
            return out
        out.append(obj.name.decode("latin-1") if isinstance(obj, PSKeyword) else obj)


def _comparable(tok: Any) -> Any:
    from pdfminer.psparser import literal_name

    from extractors.loaders.pdf_lexer import Dict

    if isinstance(tok, Dict):
        return {literal_name(k): _comparable(v) for k, v in zip(tok[::2], tok[1::2], strict=True) if v is not None}
    if isinstance(tok, dict):
        return {k: _comparable(v) for k, v in tok.items()}
    if isinstance(tok, list):
        return [_comparable(t) for t in tok]
    return (type(tok).__name__, tok)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from(SEPARATORS)), max_size=25))
@example([(b"/x#", b""), (b"12", b"")])  # a name ending the stream in a complete escape
def test_lexer_reads_tokens_as_pdfminer_does(parts: list[tuple[bytes, bytes]]) -> None:
    from extractors.loaders.pdf_lexer import tokens

    data = b"".join(f + s for f, s in parts)
    try:
        mine = list(tokens(data))
    except Unsupported:
        return  # the page would be read by pdfplumber
    assert _comparable(mine) == _comparable(_pdfminer_tokens(data))


def test_fast_reader_switch_gives_the_same_document(monkeypatch) -> None:
    """GOVGUIDE_PDF_FAST_READER=false (pdfplumber alone) loads the same document."""
    from pathlib import Path

    from extractors.loaders.pdf import load_pdf
    from govguide.core.settings import get_settings

    sample = Path(__file__).resolve().parents[2] / "data" / "raw" / "samples" / "cq_youyang_fuwu_zhinan.pdf"
    fast = load_pdf(sample)
    monkeypatch.setenv("GOVGUIDE_PDF_FAST_READER", "false")
    get_settings.cache_clear()
    try:
        slow = load_pdf(sample)
    finally:
        get_settings.cache_clear()
    assert slow.blocks == fast.blocks
