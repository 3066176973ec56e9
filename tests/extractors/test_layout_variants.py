"""Layouts in wordings and shapes the sample corpus does not have.

Other provinces word the same fields differently (申请材料, 承诺办结时限, 办理依据 …), put values
after the heading on the same line, split 法定/承诺 limits into separate columns, or publish the
list as an HTML table. These documents are built on the fly, so the extractors are tested on
structure and meaning rather than on the samples' exact strings.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from extractors.extract import extract_file


def _docx(path: Path, paragraphs: list[str], tables: list[list[list[str]]] | None = None) -> Path:
    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    for rows in tables or []:
        t = d.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    d.save(path)
    return path


def test_sections_with_other_wordings_and_inline_values(tmp_path: Path) -> None:
    path = _docx(
        tmp_path / "guide.docx",
        [
            "某某市某某区医疗保障局",
            "门诊慢特病病种待遇认定服务指南",
            "一、事项名称：门诊慢特病病种待遇认定",
            "二、办理依据",
            "1.《中华人民共和国社会保险法》第二十八条",
            "2.《某省基本医疗保险门诊慢特病管理办法》（某医保发〔2020〕12号）",
            "三、申请材料",
            "1. 《门诊慢特病待遇认定申请表》",
            "2. 医保电子凭证或社保卡",
            "四、承诺办结时限：十五个工作日",
            "五、法定办结时限：20个工作日",
            "六、收费标准",
            "不收费",
        ],
    )
    result = extract_file(path)
    assert result.extractor == "sections"
    [item] = result.items
    assert item.item_name == "门诊慢特病病种待遇认定"
    assert [m.name for m in item.materials] == ["《门诊慢特病待遇认定申请表》", "医保电子凭证或社保卡"]
    assert [(b.title, b.doc_number, b.articles) for b in item.legal_basis] == [
        ("中华人民共和国社会保险法", None, [28]),
        ("某省基本医疗保险门诊慢特病管理办法", "某医保发〔2020〕12号", []),
    ]
    assert (item.legal_days, item.promised_days) == (20, 15)


LIST_ROWS = [
    ["序号", "事项名称", "申请材料", "法定办结时限", "承诺办结时限", "实施依据"],
    ["医疗保障待遇", "", "", "", "", ""],
    ["1", "生育津贴申领", "1.身份证件\n2.出生医学证明", "30个工作日", "10个工作日", "《社会保险法》第五十六条"],
    ["2", "异地就医登记备案", "无", "即时办结", "即时办结", ""],
]


def test_list_table_with_separate_legal_and_promised_columns(tmp_path: Path) -> None:
    path = _docx(tmp_path / "list.docx", ["某省医疗保障经办服务事项清单"], [LIST_ROWS])
    result = extract_file(path)
    assert result.extractor == "table"
    first, second = result.items
    assert first.item_name == "生育津贴申领" and first.section == "医疗保障待遇"
    assert [m.name for m in first.materials] == ["身份证件", "出生医学证明"]
    assert (first.legal_days, first.promised_days) == (30, 10)
    assert [(b.title, b.articles) for b in first.legal_basis] == [("社会保险法", [56])]
    assert second.materials == [] and (second.legal_days, second.promised_days) == (0, 0)


def test_html_table_reads_like_the_word_table(tmp_path: Path) -> None:
    cells = "".join(
        "<tr>" + "".join(f"<td>{v.replace(chr(10), '<br>')}</td>" for v in row) + "</tr>" for row in LIST_ROWS
    )
    cells = cells.replace("<td>医疗保障待遇</td><td></td><td></td><td></td><td></td><td></td>",
                          '<td colspan="6">医疗保障待遇</td>')
    path = tmp_path / "list.html"
    path.write_text(f"<html><body><h1>某省清单</h1><table>{cells}</table></body></html>", encoding="utf-8")
    result = extract_file(path)
    assert result.extractor == "table"
    assert [i.item_name for i in result.items] == ["生育津贴申领", "异地就医登记备案"]
    assert result.items[0].section == "医疗保障待遇"
    assert result.items[0].provenance["item_name"][0].row == 2


@pytest.mark.parametrize("extractor", ["form", "sections", "table"])
def test_forcing_a_layout_that_does_not_fit_gives_no_items(tmp_path: Path, extractor: str) -> None:
    path = _docx(tmp_path / "notice.docx", ["关于做好医保工作的通知", "各单位：", "现将有关事项通知如下。"])
    result = extract_file(path, extractor=extractor)
    assert result.items == [] and result.not_a_guide_reason


def test_unknown_extractor_name_is_a_clear_error(tmp_path: Path) -> None:
    from govguide.core.errors import ExtractorError

    path = _docx(tmp_path / "x.docx", ["文本"])
    with pytest.raises(ExtractorError, match="unknown extractor 'nope'"):
        extract_file(path, extractor="nope")


def test_gbk_html_without_declared_charset(tmp_path: Path) -> None:
    page = ("<html><body><table><tr><td>事项名称</td><td>申请材料</td><td>办理时限</td></tr>"
            "<tr><td>生育津贴支付</td><td>身份证</td><td>5个工作日</td></tr></table></body></html>")
    path = tmp_path / "gbk.html"
    path.write_bytes(page.encode("gbk"))
    [item] = extract_file(path).items
    assert (item.item_name, item.promised_days, [m.name for m in item.materials]) == ("生育津贴支付", 5, ["身份证"])
