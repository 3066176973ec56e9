"""Structures of the twenty-fourth held-out set of real guides (tests/fixtures/realworld/heldout24/),
measured once on arrival, then read as rules about guides in general."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from normalizers.item_title import asked_act, clean_name, name_from_title
from normalizers.time_limits import process_limit_clause

HELDOUT24 = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout24"
FORMATS = ["pdf", "docx", "html"]


def _items(stem: str, fmt: str) -> list:
    return extract_file(HELDOUT24 / "corpus" / f"{stem}.{fmt}").items


@pytest.mark.parametrize("fmt", FORMATS)
def test_how_to_collect_and_a_list_closed_by_and_such_papers(fmt: str) -> None:
    # 生育津贴怎么领 over steps, the fourth …然后携带就医登记表、出院小结(盖公章)、结婚证、户口簿、身份证等相关证件,
    # 由单位…申请: the scheme asked how to collect names the item; "and such papers" closes a list of
    # named ones (出院小结 is a paper).
    [item] = _items("xx_shengyu_jintie_zenme_ling", fmt)
    assert item.item_name == "生育津贴"
    assert [m.name for m in item.materials] == ["就医登记表", "出院小结(盖公章)", "结婚证", "户口簿", "身份证"]


def test_collecting_is_asked_and_a_choice_of_channels_is_no_part_of_a_name() -> None:
    assert name_from_title("生育津贴怎么领") == "生育津贴"
    assert asked_act("生育津贴如何领取") == "领取"
    assert clean_name("线上or线下办理门诊慢特病病种待遇认定") == "门诊慢特病病种待遇认定"
    assert clean_name("自助办理异地备案") == "自助办理异地备案"  # one way named alone may be the service


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_bullet_before_a_heading_names_nothing(fmt: str) -> None:
    # ◆ 办理流程 / (一)窗口申办 …: the bullet and 办理 name no item (the page names its item nowhere).
    assert not any("◆" in i.item_name or i.item_name == "办理" for i in _items("js_changzhou_yiliao_feiyong_baoxiao", fmt))
    assert clean_name("◆ 异地就医备案") == "异地就医备案"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_limit_per_way_of_applying(fmt: str) -> None:
    # 如材料齐全且符合条件,门诊慢特病病种待遇认定线下办理即时可办结,线上办理将在2个工作日内完成审核。: the
    # limit depends on the way of applying; the clause after the first is the other way's.
    [item] = _items("fj_ningde_menzhen_mantebing_rending", fmt)
    assert item.promised_days == 2
    assert [c.days for c in item.time_limit_conditions] == [0, 2]


def test_the_other_ways_clause_joins_only_a_limit_of_its_own() -> None:
    text = "材料齐全的,窗口办理即时办结,网上办理5个工作日内办结。"
    assert process_limit_clause(text) == "窗口办理即时办结,网上办理5个工作日内办结"
    # A clause after the limit that states none stays out.
    assert process_limit_clause("窗口办理即时办结,网上办理请登录平台。") == "窗口办理即时办结"
