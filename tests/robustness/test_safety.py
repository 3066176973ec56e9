"""Pre-parse checks: each bad input is refused with its own error type and a specific reason."""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from govguide.core.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    NoTextLayerError,
    ResourceLimitError,
    TransientError,
    UnsafeFileError,
    UnsupportedFormatError,
)
from govguide.core.safety import (
    check_content,
    check_docx_zip,
    check_path,
    check_pdf,
    check_pdf_structure,
    has_text_layer,
    preflight,
    safe_xml_parse,
    sniff_format,
)
from govguide.core.settings import Settings, get_settings
from tests.robustness import bad_inputs as bad

SAMPLES = sorted(bad.SAMPLES.iterdir())
SAMPLE_PDFS = [p for p in SAMPLES if p.suffix == ".pdf"]
SAMPLE_DOCXS = [p for p in SAMPLES if p.suffix == ".docx"]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    return raw


# --- good files pass -----------------------------------------------------------------------


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_sample_documents_pass_preflight_with_their_format(sample: Path, root: Path) -> None:
    path = root / sample.name
    shutil.copyfile(sample, path)
    assert preflight(path, root) == sample.suffix[1:]


@pytest.mark.parametrize("sample", SAMPLE_PDFS, ids=lambda p: p.name)
def test_sample_pdfs_pass_the_parser_checks(sample: Path) -> None:
    check_pdf(sample)
    assert has_text_layer(sample)


# --- check_path --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("指南\x07.pdf", "control characters (U+0007)"),
        ("line\nbreak.pdf", "control characters (U+000A)"),
        ("..\\..\\evil.pdf", "path separator"),
        ("guide\u202efdp.exe", "text-direction controls"),
    ],
)
def test_hostile_names_are_refused(root: Path, name: str, why: str) -> None:
    path = bad.copy_as(root, name)
    with pytest.raises(UnsafeFileError, match=re.escape(why)):
        check_path(path, root)


def test_long_names_are_refused_by_bytes_not_characters(root: Path) -> None:
    chinese = "医疗保障经办服务指南" * 3  # 30 characters, 90 UTF-8 bytes
    path = bad.copy_as(root, chinese + ".pdf")
    check_path(path, root, max_name_bytes=100)
    with pytest.raises(UnsafeFileError, match=r"too long \(94 bytes; limit 60\)"):
        check_path(path, root, max_name_bytes=60)


def test_names_longer_than_the_file_system_allows_are_refused_before_any_lookup(root: Path) -> None:
    with pytest.raises(UnsafeFileError, match="too long"):
        check_path(root / ("长" * 100 + ".pdf"), root)


def test_dot_dot_components_are_refused_even_when_they_stay_inside(root: Path) -> None:
    (root / "sub").mkdir()
    bad.copy_as(root, "a.pdf")
    with pytest.raises(UnsafeFileError, match=r"'\.\.'"):
        check_path(root / "sub" / ".." / "a.pdf", root)


def test_paths_outside_root_are_refused(root: Path, tmp_path: Path) -> None:
    other = bad.copy_as(tmp_path, "elsewhere.pdf")
    with pytest.raises(UnsafeFileError, match="not inside"):
        check_path(other, root)


def test_symlink_outside_root_is_refused_and_not_followed(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    link = bad.symlink_outside(root, outside)
    with pytest.raises(UnsafeFileError, match="points outside") as info:
        check_path(link, root)
    assert info.value.path == str(link)


def test_dangling_symlink_outside_root_reports_outside(root: Path) -> None:
    os.symlink("/nonexistent/guide.pdf", root / "gone.pdf")
    with pytest.raises(UnsafeFileError, match="points outside"):
        check_path(root / "gone.pdf", root)


def test_linked_directory_leading_outside_is_refused(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    bad.copy_as(outside, "guide.pdf")
    os.symlink(outside, root / "linked")
    with pytest.raises(UnsafeFileError, match="outside"):
        check_path(root / "linked" / "guide.pdf", root)


def test_symlink_inside_root_to_a_regular_file_is_accepted(root: Path) -> None:
    target = bad.copy_as(root, "real.pdf")
    os.symlink(target, root / "alias.pdf")
    check_path(root / "alias.pdf", root)


def test_symlink_loop_is_refused(root: Path) -> None:
    os.symlink(root / "b.pdf", root / "a.pdf")
    os.symlink(root / "a.pdf", root / "b.pdf")
    with pytest.raises(UnsafeFileError, match="loop|resolved|broken"):
        check_path(root / "a.pdf", root)


def test_fifo_and_directory_are_not_regular_files(root: Path) -> None:
    os.mkfifo(root / "pipe.pdf")
    (root / "folder.pdf").mkdir()
    with pytest.raises(UnsafeFileError, match="named pipe"):
        check_path(root / "pipe.pdf", root)
    with pytest.raises(UnsafeFileError, match="directory"):
        check_path(root / "folder.pdf", root)


def test_vanished_file_is_transient(root: Path) -> None:
    with pytest.raises(TransientError):
        check_path(root / "gone.pdf", root)


def test_undecodable_name_is_refused_with_a_readable_hint(root: Path) -> None:
    raw_name = "指南.pdf".encode("gbk")  # a name written by a GBK system
    with open(os.path.join(os.fsencode(root), raw_name), "wb") as fh:
        fh.write(bad.SAMPLE_PDF.read_bytes())
    (listed,) = root.iterdir()
    with pytest.raises(UnsafeFileError, match="not valid UTF-8.*指南"):
        check_path(listed, root)


# --- sniff_format ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "name", "expected"),
    [
        (bad.SAMPLE_PDF, "guide.docx", "pdf"),
        (bad.SAMPLE_DOCX, "guide.pdf", "docx"),
        (bad.SAMPLE_DOCX, "guide", "docx"),
    ],
)
def test_format_comes_from_content_not_extension(
    tmp_path: Path, source: Path, name: str, expected: str
) -> None:
    path = tmp_path / name
    shutil.copyfile(source, path)
    assert sniff_format(path) == expected


@pytest.mark.parametrize(
    "content",
    [
        "<!DOCTYPE html><html><body><table><tr><td>办理时限</td></tr></table></body></html>",
        "\n\n  <html>\n<head><meta charset='gbk'></head><body><p>申请材料</p></body></html>",
        "<div class='guide'><p>受理条件</p></div>",
    ],
)
def test_html_pages_are_recognised_in_several_encodings(tmp_path: Path, content: str) -> None:
    for codec, name in (("utf-8-sig", "a.doc"), ("gbk", "b.html"), ("utf-16", "c.htm")):
        path = tmp_path / name
        path.write_bytes(content.encode(codec))
        assert sniff_format(path) == "html", (codec, name)


def test_empty_and_blank_files(tmp_path: Path) -> None:
    with pytest.raises(EmptyFileError, match="0 bytes"):
        sniff_format(bad.empty_file(tmp_path / "e.pdf"))
    blank = tmp_path / "blank.pdf"
    blank.write_bytes(b"\x00" * 100_000 + b"\r\n ")
    with pytest.raises(EmptyFileError, match="blanks or zero bytes"):
        sniff_format(blank)


def test_random_bytes_named_pdf(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError, match="named .pdf has no PDF header"):
        sniff_format(bad.random_bytes(tmp_path / "r.pdf"))


def test_docx_that_is_not_a_zip_says_so(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError, match="named .docx is not a zip archive"):
        sniff_format(bad.docx_not_zip(tmp_path / "n.docx"))


def test_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError, match="without word/document.xml, not a DOCX"):
        sniff_format(bad.zip_not_docx(tmp_path / "z.docx"))


def test_truncated_docx_is_corrupt(tmp_path: Path) -> None:
    with pytest.raises(CorruptFileError, match="damaged or truncated"):
        sniff_format(bad.truncated_docx(tmp_path / "t.docx"))


@pytest.mark.parametrize(
    ("members", "what"),
    [
        ({"xl/workbook.xml": b"<workbook/>"}, "Excel"),
        ({"OFD.xml": b"<ofd:OFD/>"}, "OFD"),
        (
            {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"},
            "OpenDocument",
        ),
    ],
)
def test_other_zip_formats_are_named(tmp_path: Path, members: dict[str, bytes], what: str) -> None:
    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    with pytest.raises(UnsupportedFormatError, match=what):
        sniff_format(path)


def test_macro_enabled_word_file_is_refused(tmp_path: Path) -> None:
    with zipfile.ZipFile(bad.SAMPLE_DOCX) as zf:
        types = zf.read("[Content_Types].xml")
    docm = types.replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    assert docm != types
    path = bad.rewrite_docx(tmp_path / "m.docx", replace={"[Content_Types].xml": docm})
    with pytest.raises(UnsupportedFormatError, match="macro-enabled"):
        sniff_format(path)


def test_legacy_and_encrypted_office_containers(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    legacy = tmp_path / "old.doc"
    legacy.write_bytes(ole + b"WordDocument".decode().encode("utf-16-le") + bytes(1000))
    with pytest.raises(UnsupportedFormatError, match="legacy"):
        sniff_format(legacy)
    encrypted = tmp_path / "locked.docx"
    encrypted.write_bytes(ole + "EncryptedPackage".encode("utf-16-le") + bytes(1000))
    with pytest.raises(EncryptedFileError, match="encrypted"):
        sniff_format(encrypted)


@pytest.mark.parametrize(
    ("head", "what"),
    [
        (b"GIF89a", "GIF image"),
        (b"{\\rtf1\\ansi", "RTF"),
        (b"MIME-Version: 1.0\r\n", "MHTML"),
    ],
)
def test_other_formats_are_named(tmp_path: Path, head: bytes, what: str) -> None:
    path = tmp_path / "f.pdf.doc"
    path.write_bytes(head + b"0" * 200)
    with pytest.raises(UnsupportedFormatError, match=what):
        sniff_format(path)


@pytest.mark.parametrize(
    ("head", "what"),
    [(b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff\xe0", "JPEG"), (b"II*\x00", "TIFF")],
)
def test_page_images_are_documents_while_ocr_is_on(tmp_path: Path, head: bytes, what: str) -> None:
    path = tmp_path / "scan.bin"
    path.write_bytes(head + b"0" * 200)
    assert sniff_format(path, ocr=True) == "image"
    with pytest.raises(UnsupportedFormatError, match=f"{what} image, not a document \\(OCR is turned off\\)"):
        sniff_format(path, ocr=False)


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.pdf"
    shutil.copyfile(bad.SAMPLE_PDF, path)
    with pytest.raises(ResourceLimitError, match="over the"):
        sniff_format(path, max_file_bytes=1024)


# --- check_docx_zip ----------------------------------------------------------------------


@pytest.mark.parametrize("sample", SAMPLE_DOCXS, ids=lambda p: p.name)
def test_sample_docx_packages_pass_tight_but_sane_limits(sample: Path) -> None:
    check_docx_zip(
        sample, max_member_bytes=5 << 20, max_total_bytes=20 << 20, max_ratio=100, max_members=100
    )


def test_zip_bomb_is_refused_by_ratio_with_default_limits(tmp_path: Path) -> None:
    with pytest.raises(
        UnsafeFileError, match="compression ratio .* zip bomb; refused before inflating"
    ):
        check_docx_zip(bad.docx_bomb(tmp_path / "bomb.docx"))


def test_member_too_large_is_refused_before_inflating(tmp_path: Path) -> None:
    path = bad.docx_bomb(tmp_path / "bomb.docx", member_bytes=3 << 20)
    with pytest.raises(
        UnsafeFileError, match=r"image1.bin would inflate to 3.0 MiB \(limit 1.0 MiB\)"
    ):
        check_docx_zip(path, max_member_bytes=1 << 20, max_ratio=10_000)


def test_total_size_limit(tmp_path: Path) -> None:
    with pytest.raises(UnsafeFileError, match="in total"):
        check_docx_zip(bad.SAMPLE_DOCX, max_total_bytes=200_000)


def test_too_many_members(tmp_path: Path) -> None:
    path = bad.rewrite_docx(
        tmp_path / "many.docx", add={f"word/media/p{i}.xml": b"<x/>" for i in range(50)}
    )
    with pytest.raises(UnsafeFileError, match="68 members"):
        check_docx_zip(path, max_members=60)


def test_member_lying_about_its_size_is_stopped_while_inflating(tmp_path: Path) -> None:
    path = bad.docx_lying_size(tmp_path / "lie.docx")
    with zipfile.ZipFile(path) as zf:  # the central directory really claims a small member
        assert zf.getinfo("word/media/image1.bin").file_size == 1000
    with pytest.raises(UnsafeFileError, match="inflates past its declared size of 1000 bytes"):
        check_docx_zip(path)


def test_encrypted_member(tmp_path: Path) -> None:
    with pytest.raises(EncryptedFileError, match="word/document.xml is encrypted"):
        check_docx_zip(bad.docx_encrypted_member(tmp_path / "e.docx"))


def test_duplicate_member_names(tmp_path: Path) -> None:
    path = bad.rewrite_docx(tmp_path / "dup.docx")
    with zipfile.ZipFile(path, "a") as zf, pytest.warns(UserWarning, match="Duplicate name"):
        zf.writestr("word/document.xml", b"<other/>")
    with pytest.raises(UnsafeFileError, match="two members named word/document.xml"):
        check_docx_zip(path)


def test_damaged_member_is_corrupt(tmp_path: Path) -> None:
    data = bytearray(bad.SAMPLE_DOCX.read_bytes())
    name = b"word/document.xml"
    start = data.index(name) + len(name) + 200  # inside the compressed document.xml
    data[start : start + 64] = bytes(64)
    path = tmp_path / "damaged.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptFileError, match="word/document.xml"):
        check_docx_zip(path)


@pytest.mark.parametrize(
    ("doctype", "encoding"),
    [
        (bad.XXE_DOCTYPE, "utf-8"),
        (bad.BILLION_LAUGHS_DOCTYPE, "utf-8"),
        (bad.XXE_DOCTYPE, "utf-16"),
        (bad.BILLION_LAUGHS_DOCTYPE, "utf-16-be"),
    ],
    ids=["xxe", "billion-laughs", "xxe-utf16", "laughs-utf16be"],
)
def test_entity_declarations_are_refused_in_any_encoding(
    tmp_path: Path, doctype: bytes, encoding: str
) -> None:
    path = bad.docx_with_doctype(tmp_path / "x.docx", doctype, encoding=encoding)
    with pytest.raises(UnsafeFileError, match="word/document.xml contains an XML document type"):
        check_docx_zip(path)


def test_markup_hiding_encodings_are_refused(tmp_path: Path) -> None:
    utf7 = b'<?xml version="1.0" encoding="UTF-7"?>+ADw-+ACE-DOCTYPE x+AD4-<x/>'
    path = bad.rewrite_docx(tmp_path / "u7.docx", add={"customXml/item9.xml": utf7})
    with pytest.raises(UnsafeFileError, match="UTF-7"):
        check_docx_zip(path)


def test_declaration_in_a_tiny_part_is_found(tmp_path: Path) -> None:
    path = bad.rewrite_docx(tmp_path / "t.docx", add={"customXml/item9.xml": b"<!ENTITY a 'b'>"})
    with pytest.raises(UnsafeFileError, match="ENTITY"):
        check_docx_zip(path)


def test_preflight_runs_the_zip_checks(tmp_path: Path) -> None:
    root = tmp_path
    with pytest.raises(UnsafeFileError):
        preflight(bad.docx_with_doctype(root / "x.docx"), root)


# --- safe_xml_parse ----------------------------------------------------------------------


def test_safe_xml_parse_reads_plain_xml() -> None:
    root = safe_xml_parse('<?xml version="1.0" encoding="UTF-8"?><a><b>办事指南</b></a>'.encode())
    assert root.findtext("b") == "办事指南"


def test_safe_xml_parse_refuses_entities_and_bad_xml() -> None:
    with pytest.raises(UnsafeFileError):
        safe_xml_parse(
            b'<?xml version="1.0"?>' + bad.XXE_DOCTYPE + b"<w:document>&xxe;</w:document>"
        )
    with pytest.raises(CorruptFileError):
        safe_xml_parse(b"<a><b></a>")


# --- PDF checks --------------------------------------------------------------------------


def test_truncated_pdf(tmp_path: Path) -> None:
    with pytest.raises(CorruptFileError, match="truncated"):
        check_pdf_structure(bad.truncated_pdf(tmp_path / "t.pdf"))


def test_broken_startxref(tmp_path: Path) -> None:
    with pytest.raises(CorruptFileError, match="cross-reference table is broken: startxref points"):
        check_pdf_structure(bad.broken_xref_pdf(tmp_path / "x.pdf"))


def test_shifted_xref_entries(tmp_path: Path) -> None:
    path = bad.shifted_xref_pdf(tmp_path / "s.pdf")
    with pytest.raises(CorruptFileError, match=r"object 1 is not at byte"):
        check_pdf_structure(path)
    check_pdf_structure(path, strict_xref=False)  # the lenient mode leaves repair to the parser


def test_pdf_with_junk_before_the_header_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"HTTP/1.1 200 OK\r\n\r\n" + bad.SAMPLE_PDF.read_bytes())
    assert sniff_format(path) == "pdf"
    check_pdf_structure(path)


def test_pdf_with_xref_stream_passes(tmp_path: Path) -> None:
    """PDF 1.5 cross-reference streams (what pdfium writes for incremental saves too)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(bad.SAMPLE_PDF))
    path = tmp_path / "resaved.pdf"
    with open(path, "wb") as fh:
        pdf.save(fh)
    pdf.close()
    check_pdf(path)


def test_encrypted_pdf(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    path = bad.encrypted_pdf(tmp_path / "locked.pdf")
    # The fixture is genuinely encrypted: it opens with its password and shows its text.
    pdf = pdfium.PdfDocument(str(path), password="secret")
    assert "Encrypted guide" in pdf[0].get_textpage().get_text_range()
    pdf.close()
    check_pdf_structure(path)
    with pytest.raises(EncryptedFileError, match="password"):
        check_pdf(path)


def test_scanned_pdf_has_no_text_layer(tmp_path: Path) -> None:
    path = bad.scanned_pdf(tmp_path / "scan.pdf")
    assert not has_text_layer(path)
    with pytest.raises(
        NoTextLayerError, match=r"no text layer \(scanned PDF; OCR is turned off\)"
    ):
        check_pdf(path, ocr=False)
    check_pdf(path, ocr=True)  # left to the loader, which reads its pages by OCR
    check_pdf(path, require_text=False, ocr=False)


def test_text_without_unicode_map_is_named_as_such(tmp_path: Path) -> None:
    path = bad.pdf_without_tounicode(tmp_path / "glyphs.pdf")
    assert not has_text_layer(path)  # glyph numbers are no text
    with pytest.raises(NoTextLayerError, match="no ToUnicode map.*needs OCR, which is turned off"):
        check_pdf(path, ocr=False)
    check_pdf(path)  # with OCR on, its pages are read from their image
    check_pdf(bad.SAMPLES / "gx_liujiang_yibao_bujiao_zhinan.pdf")  # the original reads


def test_pages_of_glyph_numbers_are_read_by_ocr(tmp_path: Path) -> None:
    import pypdfium2 as pdfium
    from rapidfuzz import fuzz

    from extractors.extract import load_document

    # Page 1 of a real guide, its fonts then stripped of their ToUnicode maps.
    source = pdfium.PdfDocument(str(bad.SAMPLES / "gx_liujiang_yibao_bujiao_zhinan.pdf"))
    page = pdfium.PdfDocument.new()
    page.import_pages(source, [0])
    page.save(str(tmp_path / "page.pdf"))
    glyphs = bad.pdf_without_tounicode(tmp_path / "glyphs.pdf", tmp_path / "page.pdf")
    read = load_document(glyphs)
    original = load_document(tmp_path / "page.pdf")
    assert read.ocr_pages == [1] and original.ocr_pages == []
    text, expected = read.full_text(), original.full_text()
    assert fuzz.ratio("".join(text.split()), "".join(expected.split())) >= 90


def test_blank_pdf_is_told_apart_from_a_scan(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    path = tmp_path / "blank.pdf"
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    with open(path, "wb") as fh:
        pdf.save(fh)
    pdf.close()
    for ocr in (True, False):  # nothing for OCR to read either
        with pytest.raises(NoTextLayerError, match="pages hold no readable text"):
            check_pdf(path, ocr=ocr)


def test_text_layer_threshold_counts_readable_characters(tmp_path: Path) -> None:
    plain = bad.text_pdf(tmp_path / "plain.pdf", "Service guide 12")
    assert has_text_layer(plain, min_chars=14)  # 14 characters that are not blanks
    assert not has_text_layer(plain, min_chars=15)
    check_pdf(plain, min_text_chars=14)
    with pytest.raises(NoTextLayerError):
        check_pdf(plain, min_text_chars=15)


# --- settings ----------------------------------------------------------------------------


def test_settings_read_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGUIDE_EXTRACT_TIMEOUT_S", "7.5")
    monkeypatch.setenv("GOVGUIDE_EXTRACT_MEMORY_MB", "none")
    monkeypatch.setenv("GOVGUIDE_PDF_STRICT_XREF", "false")
    get_settings.cache_clear()
    try:
        s = get_settings()
        assert (s.extract_timeout_s, s.extract_memory_mb, s.pdf_strict_xref) == (7.5, None, False)
        assert s.zip_max_ratio == Settings.model_fields["zip_max_ratio"].default
    finally:
        get_settings.cache_clear()


def test_invalid_environment_value_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    from govguide.core.errors import GovguideError

    monkeypatch.setenv("GOVGUIDE_ZIP_MAX_MEMBERS", "-3")
    get_settings.cache_clear()
    try:
        with pytest.raises(GovguideError, match="GOVGUIDE_ZIP_MAX_MEMBERS"):
            get_settings()
    finally:
        get_settings.cache_clear()


def test_preflight_uses_explicit_settings(tmp_path: Path) -> None:
    path = tmp_path / "g.pdf"
    shutil.copyfile(bad.SAMPLE_PDF, path)
    with pytest.raises(ResourceLimitError):
        preflight(path, tmp_path, settings=Settings(max_file_bytes=1000))


def test_check_content_with_parser_adds_the_pdf_parser_checks(tmp_path: Path) -> None:
    scan = bad.scanned_pdf(tmp_path / "scan.pdf")
    assert check_content(scan) == "pdf"  # structure alone is fine
    with pytest.raises(NoTextLayerError):
        check_content(scan, with_parser=True, settings=Settings(ocr=False))
    with pytest.raises(EncryptedFileError):
        check_content(bad.encrypted_pdf(tmp_path / "e.pdf"), with_parser=True)
    with pytest.raises(UnsafeFileError):
        check_content(bad.docx_bomb(tmp_path / "b.docx"))


def _with_html_chunk(tmp_path: Path, name: str, part: str, extra_type: bytes) -> Path:
    with zipfile.ZipFile(bad.SAMPLE_DOCX) as zf:
        types = zf.read("[Content_Types].xml")
    types = types.replace(b"</Types>", extra_type + b"</Types>")
    html = b"<!DOCTYPE html><html><body><p>\xe5\x8a\x9e\xe4\xba\x8b</p></body></html>"
    return bad.rewrite_docx(
        tmp_path / name, replace={"[Content_Types].xml": types}, add={part: html}
    )


def test_html_import_parts_may_carry_an_html_doctype(tmp_path: Path) -> None:
    """Word's altChunk parts hold HTML, which python-docx keeps as an opaque blob."""
    html_part = b'<Default Extension="htm" ContentType="text/html"/>'
    check_docx_zip(_with_html_chunk(tmp_path, "ok.docx", "word/afchunk.htm", html_part))
    # The same bytes in a part declared as XML, or in a relationship part, are refused.
    xml_part = b'<Override PartName="/word/afchunk.htm" ContentType="application/xml"/>'
    with pytest.raises(UnsafeFileError, match="afchunk.htm"):
        check_docx_zip(_with_html_chunk(tmp_path, "x.docx", "word/afchunk.htm", xml_part))
    rels_part = b'<Override PartName="/word/_rels/a.rels" ContentType="text/html"/>'
    with pytest.raises(UnsafeFileError, match="a.rels"):
        check_docx_zip(_with_html_chunk(tmp_path, "r.docx", "word/_rels/a.rels", rels_part))
