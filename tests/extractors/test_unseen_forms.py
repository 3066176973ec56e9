"""Portal form guides in layouts and wordings the sample corpus does not have.

Each fixture in tests/fixtures/unseen/forms/ imitates one provincial portal's 办事指南 export
(PDF, Word or HTML; see make_fixtures.py there), most of one guide, some of several and has a hand-written ``.expected.json``
following tests/fixtures/CONVENTIONS.md. Every aspect is checked separately, so one
unsupported wording does not hide what else the extractor gets right or wrong.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from extractors.extract import extract_file
from govguide.core.models import ExtractionResult, GuideItem

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "unseen" / "forms"
SUFFIXES = (".pdf", ".docx", ".html")

# (fixture stem, aspect) → why it cannot pass yet; the fix lies outside the form layout.
KNOWN_GAPS: dict[tuple[str, str], str] = {}


def _fixture_files() -> dict[str, Path]:
    return {p.stem: p for p in sorted(FIXTURES.iterdir()) if p.suffix in SUFFIXES}


def _cases(aspect: str) -> list:
    cases = []
    for stem in sorted(_fixture_files()):
        reason = KNOWN_GAPS.get((stem, aspect))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        cases.append(pytest.param(stem, id=stem, marks=marks))
    return cases


@cache
def _result(stem: str) -> ExtractionResult:
    return extract_file(_fixture_files()[stem])


def _expected(stem: str) -> list[dict]:
    return json.loads((FIXTURES / f"{stem}.expected.json").read_text(encoding="utf-8"))


def _pairs(stem: str) -> list[tuple[GuideItem, dict]]:
    result = _result(stem)
    expected = _expected(stem)
    assert [i.item_name for i in result.items] == [e["item_name"] for e in expected]
    return list(zip(result.items, expected, strict=True))


def test_every_fixture_has_expected_values() -> None:
    stems = set(_fixture_files())
    expected = {p.name.removesuffix(".expected.json") for p in FIXTURES.glob("*.expected.json")}
    assert stems and stems == expected
    assert sum(p.stat().st_size for p in FIXTURES.iterdir()) < 1_000_000


@pytest.mark.parametrize("stem", _cases("items"))
def test_items_named_as_written_read_as_a_form(stem: str) -> None:
    result = _result(stem)
    assert result.extractor == "form", result.not_a_guide_reason
    _pairs(stem)


@pytest.mark.parametrize("stem", _cases("time_limit"))
def test_time_limits(stem: str) -> None:
    for item, exp in _pairs(stem):
        assert (item.legal_days, item.promised_days) == (exp["legal_days"], exp["promised_days"])
        assert item.days_unit == exp.get("days_unit", "working")
        assert [(c.condition, c.days) for c in item.time_limit_conditions] == [
            (c["condition"], c["days"]) for c in exp["time_limit_conditions"]
        ]


@pytest.mark.parametrize("stem", _cases("materials"))
def test_materials_names_and_conditions(stem: str) -> None:
    for item, exp in _pairs(stem):
        got = [(m.name, m.condition) for m in item.materials]
        assert got == [(m["name"], m["condition"]) for m in exp["materials"]]


@pytest.mark.parametrize("stem", _cases("legal_basis"))
def test_legal_basis(stem: str) -> None:
    for item, exp in _pairs(stem):
        got = [(b.title, b.doc_number, b.articles) for b in item.legal_basis]
        assert got == [(b["title"], b["doc_number"], b["articles"]) for b in exp["legal_basis"]]


@pytest.mark.parametrize("stem", _cases("place"))
def test_province_and_region(stem: str) -> None:
    for item, exp in _pairs(stem):
        assert (item.province, item.region) == (exp["province"], exp["region"])


@pytest.mark.parametrize("stem", _cases("provenance"))
def test_every_value_cites_its_source(stem: str) -> None:
    for item, exp in _pairs(stem):
        for field in ("item_name", "materials", "legal_basis", "time_limit"):
            if field == "time_limit" and exp["promised_days"] is None and exp["legal_days"] is None:
                continue
            assert item.provenance.get(field), f"{field} has no source reference"


# --------------------------------------------------------------------------- shapes built here


def _docx(path: Path, blocks: list) -> Path:
    """A Word file from paragraphs (str) and tables (list of rows; None = merged left)."""
    import docx

    d = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            d.add_paragraph(block)
            continue
        t = d.add_table(rows=len(block), cols=len(block[0]))
        for r, row in enumerate(block):
            for c, value in enumerate(row):
                if value is not None:
                    t.cell(r, c).text = value
            for c, value in enumerate(row):
                end = c
                while value is not None and end + 1 < len(row) and row[end + 1] is None:
                    end += 1
                if end > c:
                    t.cell(r, c).merge(t.cell(r, end))
    d.save(path)
    return path


def _guide(name: str, limit: str, materials: list[str]) -> list:
    return [
        f"{name}办事指南",
        "基本信息",
        [["事项名称", name, "事项类型", "公共服务"], ["办理时限", limit, "办件类型", "承诺件"]],
        "申请材料",
        [["序号", "材料名称", "是否必需"], *[[str(i), m, "是"] for i, m in enumerate(materials, 1)]],
    ]


def test_a_file_of_several_portal_guides_gives_one_item_each(tmp_path: Path) -> None:
    path = _docx(tmp_path / "export.docx", [
        *_guide("生育津贴支付", "10个工作日", ["《生育津贴申领表》", "出生医学证明"]),
        *_guide("异地就医备案", "即办", ["《异地就医备案表》"]),
    ])
    result = extract_file(path)
    assert result.extractor == "form"
    assert [(i.item_name, i.promised_days, [m.name for m in i.materials]) for i in result.items] == [
        ("生育津贴支付", 10, ["《生育津贴申领表》", "出生医学证明"]),
        ("异地就医备案", 0, ["《异地就医备案表》"]),
    ]


def test_a_sub_item_name_is_the_item_and_its_main_item_the_section(tmp_path: Path) -> None:
    path = _docx(tmp_path / "sub.docx", [
        [["事项名称", "基本医疗保险参保登记", "子项名称", "职工参保登记"],
         ["承诺时限", "即办", "法定时限", "20个工作日"],
         ["申请材料", "1.《参保登记表》\n2.居民身份证", None, None]],
    ])
    [item] = extract_file(path).items
    assert (item.item_name, item.section) == ("职工参保登记", "基本医疗保险参保登记")
    assert (item.legal_days, item.promised_days) == (20, 0)
    assert [m.name for m in item.materials] == ["《参保登记表》", "居民身份证"]


def test_numbered_entries_naming_a_field_stay_in_the_list(tmp_path: Path) -> None:
    # "3.申请材料真实性承诺书" names a field word but is an entry of the list, and the
    # section runs on until the next heading (收费标准), not the first unknown line.
    path = _docx(tmp_path / "text.docx", [
        "事项名称：门诊费用报销",
        "承诺时限：5个工作日",
        "申请材料",
        "1.医保电子凭证或社会保障卡",
        "2.门诊费用票据",
        "3.申请材料真实性承诺书",
        "收费标准",
        "不收费",
    ])
    [item] = extract_file(path).items
    assert [m.name for m in item.materials] == ["医保电子凭证或社会保障卡", "门诊费用票据", "申请材料真实性承诺书"]
    assert item.promised_days == 5


def test_a_compilation_of_numbered_guides_is_not_one_form(tmp_path: Path) -> None:
    path = _docx(tmp_path / "compilation.docx", [
        "（一）事项名称：职工参保登记",
        "（二）办理时限：即时办结",
        "（一）事项名称：城乡居民参保登记",
        "（二）办理时限：5个工作日",
    ])
    from extractors.extract import load_document
    from extractors.registry import get_extractor

    assert get_extractor("form").score(load_document(path)) == 0.0


def test_html_reads_as_a_browser_shows_it(tmp_path: Path) -> None:
    from extractors.extract import load_document
    from govguide.core.document import Paragraph, Table

    page = """<html><body>
      <h2>门诊慢特病病种待遇认定</h2>
      <ul><li>
          <span>办理事项</span>
          <span>门诊慢特病病种待遇认定</span>
      </li></ul>
      <table><tr><th>申请材料</th><td><table>
        <tr><th>材料名称</th><th>是否必需</th></tr>
        <tr><td>病历资料</td><td>是</td></tr>
      </table></td></tr></table>
      <pre>第一行
第二行</pre>
    </body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    doc = load_document(path)
    paras = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert [(p.text, p.size) for p in paras] == [
        ("门诊慢特病病种待遇认定", 1.5),
        ("办理事项 门诊慢特病病种待遇认定", None),
        ("第一行", None),
        ("第二行", None),
    ]
    outer, inner = (b for b in doc.blocks if isinstance(b, Table))
    assert outer.row_texts(0) == ["申请材料", ""]  # the nested table is not run into the cell
    assert [inner.row_texts(i) for i in range(2)] == [["材料名称", "是否必需"], ["病历资料", "是"]]
    [item] = extract_file(path).items
    assert (item.item_name, [m.name for m in item.materials]) == ("门诊慢特病病种待遇认定", ["病历资料"])


def test_a_materials_cell_holding_a_numbered_list_gives_one_material_per_entry(tmp_path: Path) -> None:
    path = _docx(tmp_path / "cells.docx", [
        [["事项名称", "异地就医备案", "承诺时限", "即办"]],
        [["序号", "材料名称", "材料形式"],
         ["1", "1、《异地就医备案表》", "原件"],
         ["2", "身份证明材料：\n1.居民身份证\n2.户口簿", "复印件"]],
    ])
    [item] = extract_file(path).items
    assert [(m.name, m.condition, m.form) for m in item.materials] == [
        ("《异地就医备案表》", None, "原件"),
        ("居民身份证", "身份证明材料", "复印件"),
        ("户口簿", "身份证明材料", "复印件"),
    ]


def test_blocks_beside_merged_group_labels_and_two_row_headers(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    rows = [
        ["事项名称", "生育津贴支付", "承诺时限", "10个工作日"],
        ["设定依据", "法律法规名称", "《中华人民共和国社会保险法》", ""],
        ["", "依据文号", "主席令第35号", ""],
        ["", "条款号", "第五十六条", ""],
        ["序号", "材料名称", "份数", ""],
        ["", "", "原件", "复印件"],
        ["1", "《生育津贴申领表》", "1", "0"],
        ["2", "出生医学证明", "0", "1"],
    ]
    t = d.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            t.cell(r, c).text = value
    t.cell(1, 0).merge(t.cell(3, 0))  # 设定依据 over its three label rows
    for r in (1, 2, 3):
        t.cell(r, 2).merge(t.cell(r, 3))
    t.cell(4, 0).merge(t.cell(5, 0))  # a two-row header: 序号 and 材料名称 merged down,
    t.cell(4, 1).merge(t.cell(5, 1))  # 份数 over 原件 | 复印件
    t.cell(4, 2).merge(t.cell(4, 3))
    path = tmp_path / "merged.docx"
    d.save(path)
    [item] = extract_file(path).items
    assert [(b.title, b.doc_number, b.articles) for b in item.legal_basis] == [
        ("中华人民共和国社会保险法", "主席令第35号", [56])
    ]
    assert [m.name for m in item.materials] == ["《生育津贴申领表》", "出生医学证明"]
    from extractors.extract import load_document
    from extractors.form_tables import find_lists

    # The header's second row (原件 | 复印件) belongs to the header, not to a list of its own.
    assert [lst.kind for lst in find_lists(load_document(path))] == ["materials"]


def test_a_material_named_like_a_heading_stays_a_material(tmp_path: Path) -> None:
    # No 序号 column: the name column comes first, and 收费票据 reads like the 收费标准 heading.
    path = _docx(tmp_path / "names.docx", [
        [["事项名称", "门诊费用报销", "承诺时限", "20个工作日"],
         ["材料名称", "材料形式", "是否必需", "来源渠道"],
         ["医疗费用收费票据", "原件", "是", "医疗机构"],
         ["申请材料真实性承诺书", "原件", "是", "申请人自备"],
         ["设定依据", "《中华人民共和国社会保险法》第二十八条", None, None],
         ["收费标准", "不收费", "咨询电话", "12393"]],
    ])
    [item] = extract_file(path).items
    assert [(m.name, m.source) for m in item.materials] == [
        ("医疗费用收费票据", "医疗机构"), ("申请材料真实性承诺书", "申请人自备"),
    ]
    assert [(b.title, b.articles) for b in item.legal_basis] == [("中华人民共和国社会保险法", [28])]


# --------------------------------------------------------------------------- several guides as text


def _text_doc(paragraphs: list[tuple[int, list[str]]]):  # type: ignore[no-untyped-def]
    """A PDF-like document from (page, lines of one paragraph) pairs."""
    from govguide.core.document import Document, Line, Paragraph
    from govguide.core.models import SourceRef

    blocks = []
    for page, lines in paragraphs:
        ref = SourceRef(page=page)
        blocks.append(Paragraph(lines=[Line(text=t, ref=ref) for t in lines], ref=ref))
    return Document(path="x.pdf", sha256="0", format="pdf", pages=max(p for p, _ in paragraphs), blocks=blocks)


def test_a_name_line_inside_a_paragraph_opens_its_guide_there() -> None:
    from extractors.registry import get_extractor

    # A paragraph of the loader may hold the end of one guide and the start of the next.
    doc = _text_doc([
        (1, ["事项名称：职工参保登记", "承诺时限：即办", "申请材料：", "1.居民身份证"]),
        (1, ["2.劳动合同", "事项名称：异地就医备案", "承诺时限：3个工作日", "申请材料：", "1.备案表"]),
    ])
    form = get_extractor("form")
    assert form.score(doc) >= 0.5
    items = form.extract(doc)
    assert [(i.name, [ln.text for ln in i.materials.lines]) for i in items] == [
        ("职工参保登记", ["1.居民身份证", "2.劳动合同"]),
        ("异地就医备案", ["1.备案表"]),
    ]


def test_name_lines_without_guide_fields_after_them_do_not_split_the_file() -> None:
    from extractors.form import split_guides

    # The second 事项名称 line closes the page (a link to a related item), no guide follows it.
    doc = _text_doc([
        (1, ["事项名称：职工参保登记", "承诺时限：即办", "申请材料：", "1.居民身份证"]),
        (1, ["事项名称：职工参保信息变更登记", "咨询电话：12345"]),
    ])
    assert len(split_guides(doc)) == 1


def test_guides_in_bracketed_headings_are_left_to_sections(tmp_path: Path) -> None:
    path = _docx(tmp_path / "brackets.docx", [
        "【事项名称】职工参保登记", "【办理时限】即时办结", "【申请材料】", "1.居民身份证",
        "【事项名称】异地就医备案", "【办理时限】3个工作日", "【申请材料】", "1.备案表",
    ])
    result = extract_file(path)
    assert result.extractor == "sections"
    assert [i.item_name for i in result.items] == ["职工参保登记", "异地就医备案"]


def test_labels_repeated_inside_pages_are_not_running_headers() -> None:
    from extractors.form_tables import running_texts

    guide = ["申请材料：", "1.居民身份证", "收费标准：不收费", "办理地点：政务服务中心", "咨询电话：12345"]
    doc = _text_doc([(1, ["某县医疗保障局"]), *[(1, [t]) for t in guide], (1, ["第1页"]),
                     (2, ["某县医疗保障局"]), *[(2, [t]) for t in guide], (2, ["第2页"])])
    assert running_texts(doc) == {"某县医疗保障局"}
