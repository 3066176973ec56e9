"""One page gives the same items whichever rendering a user meets (DOCX, PDF, portal HTML):
headings are known by their size in each format, and a title is read the same way."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from extractors.extract import extract_file
from extractors.loaders.docx import load_docx

REALWORLD = Path(__file__).resolve().parents[1] / "fixtures" / "realworld"
FORMATS = ["pdf", "docx", "html"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_steps_under_a_guide_title_with_a_note_are_ways_not_items(fmt: str) -> None:
    # 重庆医保卡办理指南(重庆医保办理流程) over 1、个人新办卡 … 4、人工窗口办理 … 6、网上办理: the
    # title is one item's guide (the note in brackets aside); in PDF it also names a field
    # (流程) and is still the title.
    items = extract_file(REALWORLD / "heldout2" / "corpus" / f"cq_chongqing_yibaoka_banli_zhinan.{fmt}").items
    assert [i.item_name for i in items] == ["医保卡办理"]
    assert items[0].materials[0].name == "本人身份证原件"


@pytest.mark.parametrize("fmt", FORMATS)
def test_headings_end_the_title_label_in_every_format(fmt: str) -> None:
    # 慢性病申请时间和所需资料 (title) / 一、申请时间 / 二、申请所带资料 1.… 4.…: the DOCX sets
    # its headings in 14 pt and its body by the Normal style; the list is under 二、 alone.
    [item] = extract_file(REALWORLD / "heldout2" / "corpus" / f"sn_xian_manxingbing_shenqing_ziliao.{fmt}").items
    assert item.item_name == "慢性病申请"
    assert [m.name for m in item.materials] == ["患者本人身份证", "患者本人近期一寸彩照一张", "住院病案全套复印件", "当年的门诊检查资料"]


def test_docx_body_text_takes_its_size_from_the_style(tmp_path: Path) -> None:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.styles["Normal"].font.size = Pt(10.5)
    document.add_paragraph().add_run("一、申请材料").font.size = Pt(14)
    for i in range(3):
        document.add_paragraph(f"{i + 1}.身份证")
    buf = io.BytesIO()
    document.save(buf)
    path = tmp_path / "guide.docx"
    path.write_bytes(buf.getvalue())
    sizes = [b.size for b in load_docx(path).blocks]
    assert sizes == [14.0, 10.5, 10.5, 10.5]


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_a_process_label_closed_by_a_colon_is_not_the_pages_title(fmt: str) -> None:
    # 单位参保流程：… / 个人参保流程：… (the HTML page opens with the first): two parts, two items.
    items = extract_file(REALWORLD / "heldout6" / "corpus" / f"xx_danwei_geren_canbao_liucheng_shiyi.{fmt}").items
    assert [i.item_name for i in items] == ["单位参保", "个人参保"]
    assert [m.name for m in items[1].materials] == ["户口簿", "居民身份证原件或复印件"]


def test_docx_heading_styles_give_their_size(tmp_path: Path) -> None:
    # Word's own heading styles set the size on the style, not on the runs.
    import docx

    document = docx.Document()
    document.add_heading("生育津贴支付办事指南", level=1)
    document.add_paragraph("一、申请材料")
    path = tmp_path / "styled.docx"
    document.save(str(path))
    heading, body = load_docx(path).blocks
    assert heading.size is not None and body.size is not None and heading.size > body.size
