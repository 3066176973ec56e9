"""Structures of the seventh held-out set of real guides (tests/fixtures/realworld/heldout7/),
measured once on arrival, then read as rules about guides in general."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from normalizers.item_title import name_from_title

HELDOUT7 = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout7"


def test_a_second_title_glued_after_any_guide_word_is_cut_off() -> None:
    assert name_from_title("新生儿随母医保待遇申请指南汕头新生儿医保卡办理") == "新生儿随母医保待遇申请"
    assert name_from_title("丹东生育津贴支付办理指南2023-yb体育官方") == "生育津贴支付"


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_page_titled_twice_gives_its_one_item(fmt: str) -> None:
    [item] = extract_file(HELDOUT7 / "corpus" / f"gd_shantou_xinshenger_suimu_daiyu.{fmt}").items
    assert item.item_name.startswith("新生儿随母医保待遇")
