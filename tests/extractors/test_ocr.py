"""OCR of scanned pages: what the loaders do with pages and files that are pictures.

The scans are made from real documents in the test (tests/extractors/scans.py): pages
rendered with pypdfium2, slanted, speckled or turned, and saved without a text layer.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from extractors.extract import extract_document, load_document
from govguide.core.document import Document, Paragraph
from govguide.core.errors import CorruptFileError, NoTextLayerError, ResourceLimitError
from govguide.core.settings import get_settings
from tests.conftest import SAMPLES, extracted
from tests.extractors import scans

MIXED_SOURCE = SAMPLES / "cq_youyang_fuwu_zhinan.pdf"
MIXED_PAGE = 2  # 1-based: the page replaced by its scan


@cache
def mixed_pdf() -> Path:
    return scans.with_scanned_page(
        MIXED_SOURCE, MIXED_PAGE - 1, scans._OUT / MIXED_SOURCE.name, skew=0.7, noise=0.001
    )


@cache
def png_page() -> Path:
    """Page 1 of the Liujiang guide as a photographed page: a PNG, slightly askew."""
    image = scans.scanned(scans.render(scans.CASES["gx_liujiang_yibao_bujiao_zhinan"][0], [0])[0], skew=1.0)
    path = scans._OUT / "liujiang_p1.png"
    image.save(path)
    return path


loaded = scans.document


def page_text(doc: Document, page: int) -> str:
    """A page's text in reading order, without blanks (tables row by row)."""
    parts: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if block.ref.page == page:
                parts.append(block.text)
        elif block.ref.page == page:
            parts.extend(c.text for row in block.rows for c in row if c is not None)
    return "".join("".join(parts).split())


def similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) / 100


@pytest.fixture
def settings_env(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Set GOVGUIDE_* variables for one test."""

    def set_env(**values: str) -> None:
        for key, value in values.items():
            monkeypatch.setenv(f"GOVGUIDE_{key.upper()}", value)
        get_settings.cache_clear()

    yield set_env
    get_settings.cache_clear()


# --- pages turned and slanted ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["sd_jinan_yidi_changju_beian_zhinan", "gx_liujiang_yibao_bujiao_zhinan"])
def test_turned_and_slanted_pages_read_like_their_text_layer(name: str) -> None:
    scan = loaded(scans.scan_of(name))
    text = loaded(scans.CASES[name][0])
    assert scan.pages == text.pages and scan.ocr_pages == list(range(1, scan.pages + 1))
    for page in range(1, text.pages + 1):
        want = page_text(text, page)
        if len(want) < 20:
            continue
        assert similarity(page_text(scan, page), want) >= 0.95, page


def test_ruled_tables_of_a_scan_are_tables() -> None:
    """The Liujiang guide's grids (基础信息, 申请材料 …) come back as tables with their cells."""
    name = "gx_liujiang_yibao_bujiao_zhinan"
    scan, text = loaded(scans.scan_of(name)), loaded(scans.CASES[name][0])
    shape = lambda d: [(t.ref.page, len(t.rows), t.n_cols) for t in d.tables()]  # noqa: E731
    assert shape(scan) == shape(text)


def test_short_rows_at_the_foot_of_a_page_and_header_strokes_keep_the_columns(tmp_path: Path) -> None:
    """Pages 3 and 5 of the 酉阳 list: a one-line row at the foot of page 3 (its vertical
    rules shorter than a line of large text), and header words whose strokes could pass
    for rules on page 5. The scan's tables have the text version's rows and columns."""
    pages = [2, 4]
    images = [scans.scanned(im, skew=0.9 if i else -0.7, noise=0.002, seed=i)
              for i, im in enumerate(scans.render(MIXED_SOURCE, pages))]
    scan = load_document(scans.image_pdf(images, tmp_path / "cq_p3_p5.pdf"))
    text = loaded(MIXED_SOURCE)
    want = [(len(t.rows), t.n_cols, [c is None for row in t.rows for c in row])
            for t in text.tables() if t.ref.page in (3, 5)]
    got = [(len(t.rows), t.n_cols, [c is None for row in t.rows for c in row]) for t in scan.tables()]
    assert got == want


def test_a_line_read_across_a_cell_rule_is_cut_at_the_rule() -> None:
    from extractors.loaders.scanned import _split

    line = {"text": "年度工资申报参保单位应于每年3月底前", "x0": 50.0, "x1": 250.0, "top": 0.0,
            "bottom": 10.0, "size": 8.0, "score": 0.97}
    # 17 full-width characters and 1 digit: the rule at x=119 falls after the sixth.
    left, right = _split(line, [119.0])
    assert (left["text"], right["text"]) == ("年度工资申报", "参保单位应于每年3月底前")
    assert left["x1"] == right["x0"] and left["score"] == right["score"] == 0.97


# --- mixed documents ---------------------------------------------------------------------------


def test_mixed_pdf_reads_text_pages_and_the_scanned_page() -> None:
    mixed, text = loaded(mixed_pdf()), loaded(MIXED_SOURCE)
    assert mixed.ocr_pages == [MIXED_PAGE]
    for page in range(1, text.pages + 1):
        got, want = page_text(mixed, page), page_text(text, page)
        if page == MIXED_PAGE:
            assert similarity(got, want) >= 0.95
        else:
            assert got == want  # text layer pages are read from their text layer, not OCR'd


def test_mixed_pdf_gives_the_items_of_the_text_version() -> None:
    got, want = scans.result(mixed_pdf()), extracted(MIXED_SOURCE)
    assert [i.item_name for i in got.items] == [i.item_name for i in want.items]
    for g, w in zip(got.items, want.items, strict=True):
        assert (g.legal_days, g.promised_days) == (w.legal_days, w.promised_days)
        assert [m.name for m in g.materials] == [m.name for m in w.materials], g.item_name
    # Only items with a field on the scanned page are marked as read by OCR.
    ocr_pages = {
        g.item_name: {r.page for refs in g.provenance.values() for r in refs if r.confidence is not None}
        for g in got.items
    }
    marked = [g for g in got.items if g.ocr]
    assert marked and len(marked) < len(got.items)
    assert all(ocr_pages[g.item_name] == {MIXED_PAGE} for g in marked)


# --- image files ------------------------------------------------------------------------------


def test_png_page_is_read_as_a_document() -> None:
    doc = loaded(png_page())
    text = loaded(scans.CASES["gx_liujiang_yibao_bujiao_zhinan"][0])
    assert (doc.format, doc.pages, doc.ocr_pages) == ("image", 1, [1])
    assert similarity(page_text(doc, 1), page_text(text, 1)) >= 0.95
    result = extract_document(doc)
    assert [i.item_name for i in result.items] == ["医疗保险费补缴手续办理"]
    assert result.items[0].ocr and result.items[0].item_version == "4"


def test_multi_page_tiff_is_read_page_by_page(tmp_path: Path) -> None:
    from PIL import Image

    photo = Image.open(png_page())
    path = tmp_path / "two_pages.tif"
    photo.save(path, save_all=True, append_images=[Image.new("L", photo.size, 255)], compression="tiff_lzw")
    doc = load_document(path)
    assert (doc.format, doc.pages, doc.ocr_pages) == ("image", 2, [1, 2])
    assert page_text(doc, 1) == page_text(loaded(png_page()), 1) and page_text(doc, 2) == ""


def test_damaged_image_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "cut.png"
    path.write_bytes(png_page().read_bytes()[:400])
    with pytest.raises(CorruptFileError, match="image cannot be decoded"):
        load_document(path)


def test_blank_scan_has_no_text(tmp_path: Path) -> None:
    from PIL import Image

    path = scans.image_pdf([Image.new("L", (1240, 1754), 255)], tmp_path / "blank_scan.pdf")
    with pytest.raises(NoTextLayerError, match="OCR found no text on its 1 scanned page"):
        load_document(path)


# --- settings --------------------------------------------------------------------------------


def test_ocr_off_quarantines_scans_as_before(settings_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from govguide.core.errors import UnsupportedFormatError

    settings_env(ocr="false")
    with pytest.raises(NoTextLayerError, match="OCR is turned off"):
        load_document(scans.scan_of("sd_jinan_yidi_changju_beian_zhinan"))
    with pytest.raises(UnsupportedFormatError, match="PNG image, not a document"):
        load_document(png_page())
    # A mixed PDF still has a text layer: its text pages are read, the scanned one is not.
    doc = load_document(mixed_pdf())
    assert doc.ocr_pages == [] and page_text(doc, MIXED_PAGE) == ""


def test_page_time_limit_stops_ocr(settings_env) -> None:  # type: ignore[no-untyped-def]
    settings_env(ocr_page_timeout_s="0.05")
    with pytest.raises(ResourceLimitError, match="OCR of page 1 took longer than 0.05 s") as info:
        load_document(png_page())
    assert info.value.reason == "resource limit"


def test_scanned_pages_extend_the_file_budget_of_the_worker(settings_env) -> None:  # type: ignore[no-untyped-def]
    """The per-file limit is sized for text documents; each scanned page brings its own."""
    from govguide.core.isolation import run_isolated, shutdown_workers

    png = png_page()
    budget = 1.0  # less than reading a page takes (a page is several CPU seconds)

    def fresh_worker() -> None:
        # A new worker reads the settings just set; a text PDF loads its imports, so the
        # budget below goes to reading the scan.
        shutdown_workers()
        run_isolated(load_document, SAMPLES / "lz_yibao_tongzhi_2021_9.pdf", timeout_s=60, memory_mb=2048)

    try:
        settings_env(ocr_page_timeout_s="none")  # no per-page limit: nothing to add
        fresh_worker()
        with pytest.raises(ResourceLimitError, match="took longer than 1 s"):
            run_isolated(load_document, png, timeout_s=budget, memory_mb=2048)
        settings_env(ocr_page_timeout_s="120")
        fresh_worker()
        doc = run_isolated(load_document, png, timeout_s=budget, memory_mb=2048)
        assert doc.ocr_pages == [1] and page_text(doc, 1) == page_text(loaded(png), 1)
    finally:
        shutdown_workers()


def test_scanned_page_count_is_bounded(settings_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    blank = Image.new("L", (1240, 1754), 255)  # quick to read: nothing on it
    path = scans.image_pdf([blank, blank, blank], tmp_path / "three_scans.pdf")
    settings_env(ocr_max_pages="2")
    with pytest.raises(ResourceLimitError, match="more than 2 scanned pages"):
        load_document(path)


# --- confidence ------------------------------------------------------------------------------


def test_low_confidence_fields_are_flagged(monkeypatch: pytest.MonkeyPatch) -> None:
    import extractors.build as build

    doc = loaded(scans.scan_of("sd_jinan_yidi_changju_beian_zhinan"))
    (item,) = extract_document(doc).items
    assert item.warnings == {}  # a clean scan reads with high confidence
    lowest = {f: min(r.confidence for r in refs if r.confidence is not None) for f, refs in item.provenance.items()}
    # With a bar above the lowest confidence, exactly those fields are flagged.
    bar = sorted(lowest.values())[len(lowest) // 2] + 1e-6
    monkeypatch.setattr(build, "LOW_OCR_CONFIDENCE", bar)
    (flagged,) = extract_document(doc).items
    assert set(flagged.warnings) == {f for f, c in lowest.items() if c < bar}
    for field in flagged.warnings:
        assert f"read by OCR with low confidence {lowest[field]:.2f}" in flagged.warnings[field][0]


def test_punctuation_next_to_chinese_is_full_width() -> None:
    from extractors.loaders.ocr import full_width_punctuation as fw

    assert fw("《登记表》；(2)变更信息时需提供材料") == "《登记表》；（2）变更信息时需提供材料"
    assert fw("事项名称:医疗保险费补缴") == "事项名称：医疗保险费补缴"
    assert fw("资料(复印件加盖单位鲜章)。") == "资料（复印件加盖单位鲜章）。"
    assert fw("http://lzlj.zwfw.gxzf.gov.cn/do?a=1,b=2") == "http://lzlj.zwfw.gxzf.gov.cn/do?a=1,b=2"
    assert fw("共1,000元") == "共1,000元"
    assert fw("调动手续（复印件加盖单位鲜章）.") == "调动手续（复印件加盖单位鲜章）。"
    assert fw("补缴3.5个月") == "补缴3.5个月"


def test_list_marker_after_a_stop_is_set_off_as_in_text_layers() -> None:
    from extractors.loaders.ocr import ocr_text
    from normalizers.materials import split_materials

    line = ocr_text("(1)《重庆市社会保险变更登记表》；(2)变更统一社会信用代码时需提供证明材料")
    assert line == "（1）《重庆市社会保险变更登记表》； （2）变更统一社会信用代码时需提供证明材料"
    assert [m.name for m in split_materials([line])] == [
        "《重庆市社会保险变更登记表》", "变更统一社会信用代码时需提供证明材料",
    ]
    assert ocr_text("补缴3.5个月；2.3万元") == "补缴3.5个月；2.3万元"  # a decimal is no marker
    assert ocr_text("死亡人员：(1)死亡证明材料") == "死亡人员： （1）死亡证明材料"
    assert ocr_text("《汇总表》(2)《申报表》") == "《汇总表》 （2）《申报表》"
    assert ocr_text("需提供上述(1)、(2)外") == "需提供上述（1）、（2）外"  # a reference, not a list
