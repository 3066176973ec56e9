"""Properties of the readers that cut text run together on one line (a whole guide, a page
copied with spaces for its breaks) and rebuild borderless list tables: on any text they never
raise, and cutting loses or adds no character."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from extractors.fields.compilation import split_guide_run, split_spaced_run
from extractors.table import column_field
from extractors.text_table import text_tables
from govguide.core.document import Document, Line, Paragraph
from govguide.core.models import SourceRef

# Text made of the pieces these readers look for, so that examples reach their cutting code.
_PIECES = st.sampled_from([
    "一、", "二、", "三、", "四四、", "事项名称:", "申办材料:", "办理时限:", "服务对象:", "(一)", "(二)", "1.", "2.",
    "3、", "报销材料", "办理项目 办理材料 办理时限 备注", "即时办结", "不超过20个工作日", " ", "\n", "身份证", "户口簿",
    "《申请表》", "1—4页", "的", "。", "；",
])
_TEXT = st.lists(_PIECES, max_size=80).map("".join) | st.text(max_size=300)


def _squeezed(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=300, deadline=None)
@given(_TEXT)
@example("一、事项名称:甲" + "办理" * 80 + "二、申办材料:1.身份证2.户口簿三、办理时限:5个工作日")
def test_cutting_a_run_keeps_every_character(text: str) -> None:
    for cut in (split_guide_run, split_spaced_run):
        parts = cut(text)
        assert _squeezed("".join(parts)) == _squeezed(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXT, max_size=12))
def test_rebuilding_borderless_tables_never_raises(texts: list[str]) -> None:
    ref = SourceRef(page=1)
    paras = [Paragraph(lines=[Line(text=t, ref=ref)], ref=ref) for t in texts if t.strip()]
    doc = Document(path="t.docx", sha256="", format="docx", pages=1, blocks=paras)
    for table in text_tables(doc, column_field):
        widths = {len(row) for row in table.rows}
        assert len(widths) == 1  # every row has the header's columns
