"""Structures of the eleventh held-out set of real guides (tests/fixtures/realworld/heldout11/),
measured once on arrival, then read as rules about guides in general."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from extractors.fields.labels import asks_for_situation

HELDOUT11 = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout11"
FORMATS = ["pdf", "docx", "html"]


def _items(stem: str, fmt: str) -> list:
    return extract_file(HELDOUT11 / "corpus" / f"{stem}.{fmt}").items


@pytest.mark.parametrize("fmt", FORMATS)
def test_guides_one_after_another_under_their_own_titles(fmt: str) -> None:
    # 酒泉市居民医疗保险参保办理指南 / … / 酒泉市农村医疗保险参保办理指南 / …: unnumbered labels
    # under each title; each title starts an item of its own.
    items = _items("gs_jiuquan_jumin_nongcun_yibao_canbao", fmt)
    assert [i.item_name for i in items] == ["居民医疗保险参保", "农村医疗保险参保"]
    assert all(i.materials for i in items)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_guide_title_quoted_in_the_introduction_names_the_item(fmt: str) -> None:
    # 需要办理医疗保险参保业务的市民们,你们知道应该如何办理相关手续吗?本地宝小编为你整理出中山医疗保险
    # 参保指南…: the guide's title, not who is addressed (你们知道应该).
    items = _items("gd_zhongshan_yiliao_baoxian_canbao_zhinan", fmt)
    assert [i.item_name for i in items] == ["医疗保险参保"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_first_line_with_a_label_and_its_value_is_no_title(fmt: str) -> None:
    # 主办单位:省医保局综合处 first: the office is no item's name.
    assert all(i.item_name != "综合处" for i in _items("hn_shengzhi_lixiu_peiou_canbao", fmt))


@pytest.mark.parametrize("fmt", FORMATS)
def test_papers_to_show_in_a_situation_are_no_guide(fmt: str) -> None:
    # 医疗保险 参保人住院时应提供哪些资料: what to show at a hospital's admission desk (a notice).
    assert _items("xx_canbaoren_zhuyuan_tigong_ziliao", fmt) == []
    assert asks_for_situation("参保人住院时应提供哪些资料")
    assert not asks_for_situation("失能评估申请时需提交哪些材料")
