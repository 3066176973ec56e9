"""Structures of the thirteenth held-out set of real guides (tests/fixtures/realworld/heldout13/),
measured once on arrival, then read as rules about guides in general."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from normalizers.item_title import name_from_title

HELDOUT13 = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout13"
FORMATS = ["pdf", "docx", "html"]


def _items(stem: str, fmt: str) -> list:
    return extract_file(HELDOUT13 / "corpus" / f"{stem}.{fmt}").items


def test_a_title_announcing_a_method_names_the_act() -> None:
    assert name_from_title("成都生育津贴申请方法来了") == "生育津贴申请"
    assert name_from_title("医保卡办理方法") == "医保卡办理"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_question_mentioning_papers_on_the_way_is_no_materials_label(fmt: str) -> None:
    # A news briefing: 请问在精简办事材料、缩短办理时限、规范流程方面,《意见》中有哪些针对性举措? asks
    # about measures, not papers (the PDF had read it as a materials question and the page as a guide).
    assert _items("xx_yibao_bianmin_fuwu_chuifenghui", fmt) == []


def test_an_untitled_answer_is_named_by_the_act_its_inline_materials_label_names() -> None:
    # 医保在职转退休办理流程:1、申请。…4、决定。…。医疗保险在职转退休申报需要的材料:1、《…申报表》;2、…
    # (one paragraph, no title): the materials label names the act.
    [item] = _items("xx_yibao_zaizhi_zhuan_tuixiu", "docx")
    assert item.item_name == "医疗保险在职转退休申报"
    assert len(item.materials) == 6
