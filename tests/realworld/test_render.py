"""The fixture renderer reproduces the development set's renderings from their structure."""

from __future__ import annotations

import importlib.util
import json
import sys
import zipfile
from pathlib import Path

import pytest

REALWORLD = Path(__file__).resolve().parents[1] / "fixtures" / "realworld"
DEV = REALWORLD / "dev"

_spec = importlib.util.spec_from_file_location("realworld_render", REALWORLD / "render.py")
assert _spec is not None and _spec.loader is not None
render = importlib.util.module_from_spec(_spec)
# dataclasses look their module up in sys.modules while the module executes.
sys.modules[_spec.name] = render
_spec.loader.exec_module(render)

DEV_LAYOUTS = sorted(DEV.glob("layout/*.layout.json"))


@pytest.mark.parametrize("path", DEV_LAYOUTS, ids=lambda p: p.name.split(".")[0])
def test_dev_renderings_are_reproduced(path: Path, tmp_path: Path) -> None:
    layout = render.load_layout(path)
    shipped = DEV / "corpus" / layout.stem
    assert render.build_html(layout) == shipped.with_suffix(".html").read_text(encoding="utf-8")
    out = tmp_path / "x.docx"
    out.write_bytes(render.build_docx(layout))
    mine, theirs = zipfile.ZipFile(out), zipfile.ZipFile(shipped.with_suffix(".docx"))
    for part in ("word/document.xml", "word/styles.xml", "word/footer1.xml"):
        assert mine.read(part) == theirs.read(part), part


def test_docx_bytes_are_stable() -> None:
    layout = render.load_layout(DEV / "layout" / "he_langfang_jingban_qingdan_list.layout.json")
    assert render.build_docx(layout) == render.build_docx(layout)


def _write_layout(directory: Path, stem: str, blocks: list) -> Path:
    path = directory / "layout" / f"{stem}.layout.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {"title": "t", "province": "山西", "region": None, "blocks": blocks}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("blocks", "message"),
    [
        ([{"type": "table", "header": ["a", "b"], "rows": [["1"]]}], "row 0 has 1 cells, header has 2"),
        ([{"type": "list", "text": "x"}], "block 0: must be an object with type"),
        ([{"type": "para"}], "block 0: para needs a string 'text'"),
    ],
)
def test_bad_layout_is_refused_and_nothing_is_written(tmp_path: Path, blocks: list, message: str) -> None:
    _write_layout(tmp_path, "a_good", [{"type": "para", "text": "x"}])
    bad = _write_layout(tmp_path, "b_bad", blocks)
    with pytest.raises(render.LayoutError, match=message) as err:
        render.render(tmp_path, pdf=False)
    assert str(bad) in str(err.value)
    assert not (tmp_path / "corpus").exists()


def test_cli_renders_docx_and_html(tmp_path: Path) -> None:
    _write_layout(tmp_path, "sx_x_y", [{"type": "heading", "text": "一、事项名称"}])
    assert render.main([str(tmp_path), "--no-pdf"]) == 0
    assert sorted(p.name for p in (tmp_path / "corpus").iterdir()) == ["sx_x_y.docx", "sx_x_y.html"]
    assert "<h4>一、事项名称</h4>" in (tmp_path / "corpus" / "sx_x_y.html").read_text(encoding="utf-8")


def test_pdf_is_reprinted_only_when_the_document_changed(tmp_path: Path) -> None:
    layout = render.load_layout(DEV / "layout" / "js_shengyu_jintie_wenda.layout.json")
    docx_path = tmp_path / "x.docx"
    docx_bytes = render.build_docx(layout)
    assert not render.pdf_is_current(docx_path, docx_bytes)  # nothing rendered yet
    docx_path.write_bytes(docx_bytes)
    assert not render.pdf_is_current(docx_path, docx_bytes)  # no PDF beside it
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.7")
    assert render.pdf_is_current(docx_path, docx_bytes)
    other = render.Layout(layout.stem, layout.title + "(修订)", layout.blocks)
    assert not render.pdf_is_current(docx_path, render.build_docx(other))


def test_only_a_table_with_rows_repeats_its_header(tmp_path: Path) -> None:
    def document_xml(rows: list[list[str]]) -> str:
        block = {"type": "table", "header": ["释义", "法律分析:\n1、材料"], "rows": rows}
        out = tmp_path / "t.docx"
        out.write_bytes(render.build_docx(render.Layout("t", "t", [block])))
        return zipfile.ZipFile(out).read("word/document.xml").decode()

    # A one-row table holding a long answer must be free to break across pages.
    assert "tblHeader" not in document_xml([])
    assert "tblHeader" in document_xml([["a", "b"]])
