"""Word's automatic list numbering: labels Word computes are read as if typed."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from extractors.extract import extract_file
from extractors.loaders.docx import load_docx
from extractors.loaders.docx_numbering import format_number

# Level 0: 一、 二、 …; level 1: 1. 2. …; level 2: （1）（2）…
_ABSTRACT = f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%2."/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="（%3）"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
"""


def _numbered_docx(path: Path, body: list[tuple[int | None, str]], restart: bool = False) -> Path:
    """A DOCX whose paragraphs (level, text) are numbered by Word (level None: plain).
    A second list instance restarts at 1 when ``restart``."""
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(_ABSTRACT))
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
    )
    num_id = "90"
    for level, text in body:
        if text == "<restart>":
            num_id = "91" if restart else num_id
            continue
        p = d.add_paragraph(text)
        if level is not None:
            p_pr = p._p.get_or_add_pPr()
            p_pr.append(
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                    f'<w:numId w:val="{num_id}"/></w:numPr>'
                )
            )
    d.save(path)
    return path


GUIDE = [
    (None, "门诊慢特病病种待遇认定办事指南"),
    (0, "事项名称"),
    (None, "门诊慢特病病种待遇认定"),
    (0, "申请材料"),
    (1, "《门诊慢特病待遇认定申请表》"),
    (1, "近两年的相关病历资料"),
    (1, "医保电子凭证或社保卡"),
    (0, "办理时限"),
    (None, "法定办结时限：20个工作日；承诺办结时限：10个工作日"),
    (0, "设定依据"),
    (None, "《中华人民共和国社会保险法》第二十八条"),
]


def _typed(body: list[tuple[int | None, str]]) -> list[str]:
    """The same paragraphs with the numbers typed in."""
    counters: dict[int, int] = {}
    out = []
    for level, text in body:
        if level is None:
            out.append(text)
            continue
        counters[level] = counters.get(level, 0) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        n = counters[level]
        label = {0: f"{format_number(n, 'chineseCounting')}、", 1: f"{n}.", 2: f"（{n}）"}[level]
        out.append(label + text)
    return out


def test_labels_are_rendered_in_document_order(tmp_path: Path) -> None:
    path = _numbered_docx(tmp_path / "g.docx", GUIDE)
    lines = [b.lines[0].text for b in load_docx(path).blocks]
    assert lines == _typed(GUIDE)
    assert lines[1] == "一、事项名称" and lines[4] == "1.《门诊慢特病待遇认定申请表》"
    assert lines[7] == "三、办理时限"  # the list level 1 under 二、 does not disturb level 0


def test_a_guide_numbered_by_word_reads_like_one_typed_by_hand(tmp_path: Path) -> None:
    auto = extract_file(_numbered_docx(tmp_path / "auto.docx", GUIDE))
    typed_doc = docx.Document()
    for text in _typed(GUIDE):
        typed_doc.add_paragraph(text)
    typed_doc.save(tmp_path / "typed.docx")
    typed = extract_file(tmp_path / "typed.docx")
    assert [
        i.model_dump(exclude={"source_file", "source_sha256", "provenance"}) for i in auto.items
    ] == [i.model_dump(exclude={"source_file", "source_sha256", "provenance"}) for i in typed.items]
    [item] = auto.items
    assert item.item_name == "门诊慢特病病种待遇认定"
    assert [m.name for m in item.materials] == [
        "《门诊慢特病待遇认定申请表》",
        "近两年的相关病历资料",
        "医保电子凭证或社保卡",
    ]
    assert (item.legal_days, item.promised_days) == (20, 10)


def test_lists_continue_unless_restarted_and_numbered_cells_are_read(tmp_path: Path) -> None:
    body = [
        (1, "身份证"),
        (1, "社保卡"),
        (None, "<restart>"),
        (1, "申请表"),
        (2, "原件"),
        (2, "复印件"),
    ]
    continued = [
        b.lines[0].text for b in load_docx(_numbered_docx(tmp_path / "c.docx", body)).blocks
    ]
    assert continued == ["1.身份证", "2.社保卡", "3.申请表", "（1）原件", "（2）复印件"]
    restarted = [
        b.lines[0].text
        for b in load_docx(_numbered_docx(tmp_path / "r.docx", body, restart=True)).blocks
    ]
    assert restarted[2] == "1.申请表"

    # A materials list numbered by Word inside a table cell (a merged cell is read once).
    d = docx.Document(_numbered_docx(tmp_path / "t.docx", []))
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "申请材料", ""
    cell = table.cell(0, 1).merge(table.cell(1, 1))
    for i, text in enumerate(["身份证", "社保卡"]):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        p.text = text
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="1"/><w:numId w:val="91"/></w:numPr>')
        )
    d.save(tmp_path / "t.docx")
    [grid] = [b for b in load_docx(tmp_path / "t.docx").blocks if hasattr(b, "rows")]
    assert [line.text for line in grid.rows[0][1].lines] == ["1.身份证", "2.社保卡"]
    assert [line.text for line in grid.rows[1][1].lines] == ["1.身份证", "2.社保卡"]


@pytest.mark.parametrize(
    ("n", "fmt", "expected"),
    [
        (3, "decimal", "3"),
        (12, "chineseCounting", "十二"),
        (3, "chineseLegalSimplified", "叁"),
        (2, "decimalEnclosedCircle", "②"),
        (3, "ideographTraditional", "丙"),
        (28, "lowerLetter", "bb"),
        (4, "upperRoman", "IV"),
        (7, "decimalZero", "07"),
        (5, "noSuchFormat", "5"),
    ],
)
def test_number_formats(n: int, fmt: str, expected: str) -> None:
    assert format_number(n, fmt) == expected


def test_paragraphs_numbered_by_their_style(tmp_path: Path) -> None:
    # The built-in "List Number" style carries its own list: its paragraphs are numbered
    # without a numPr of their own.
    d = docx.Document()
    style = d.styles["List Number"].element
    assert style.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None
    for text in ("身份证", "社保卡"):
        d.add_paragraph(text, style="List Number")
    d.save(tmp_path / "s.docx")
    lines = [b.lines[0].text for b in load_docx(tmp_path / "s.docx").blocks]
    assert [line.split("身份证")[0].split("社保卡")[0].strip() for line in lines] == ["1.", "2."]
