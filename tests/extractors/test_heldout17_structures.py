"""Structures of the seventeenth held-out set of real guides (tests/fixtures/realworld/heldout17/),
measured once on arrival, then read as rules about guides in general."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from normalizers.item_title import first_wording, name_from_title
from normalizers.material_sentence import is_generic

HELDOUT17 = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout17"
FORMATS = ["pdf", "docx", "html"]


def _items(stem: str, fmt: str) -> list:
    return extract_file(HELDOUT17 / "corpus" / f"{stem}.{fmt}").items


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_label_naming_other_fields_names_no_act(fmt: str) -> None:
    # 办理时间和地点 is a time-and-place heading, not the act 时间和地点: the title's question
    # (非中山户籍人员参加城乡居民医保条件是什么?需要哪些材料) names the item.
    [item] = _items("gd_zhongshan_feihuji_jumin_yibao_canbao", fmt)
    assert item.item_name == "非中山户籍人员参加城乡居民医保"
    assert len(item.materials) == 4 and item.promised_days == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_yes_no_question_then_the_act_walked_through(fmt: str) -> None:
    # 天津新生儿能参加医保吗?天津新生儿医保卡办理流程; a link line (➤➤➤…户口登记办理指南) is furniture.
    [item] = _items("tj_tianjin_xinshenger_yibaoka_banli", fmt)
    assert item.item_name == "新生儿医保卡办理"
    assert [m.name for m in item.materials][:2] == ["儿童户口页(户口本)", "代办人身份证"]


def test_yes_no_wording_gives_way() -> None:
    assert first_wording("天津新生儿能参加医保吗?天津新生儿医保卡办理流程") == "天津新生儿医保卡办理流程"
    assert name_from_title("新生儿能参加医保吗?") is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_numbered_lead_in_is_no_case_and_its_form_is_a_paper(fmt: str) -> None:
    # 长期护理保险失能评估申办流程 (申办 an act) / 二、申请资料 / 1、…应当如实填写《…申请表》,并提交下列材料: / (1)…(3)
    [item] = _items("ha_kaifeng_changhu_shineng_pinggu_liucheng", fmt)
    assert item.item_name.startswith("長期護理保險失能評估")
    assert item.materials[0].name == "《開封市長期護理保險失能評估申請表》"
    assert all(m.condition is None for m in item.materials)


@pytest.mark.parametrize("fmt", FORMATS)
def test_papers_said_of_no_paper_in_particular_make_no_guide(fmt: str) -> None:
    # A hospital's answer on how designation is reviewed: …提出定点申请并提供有关证明材料.
    assert _items("xx_dingdian_yiliao_jigou_zige_shending", fmt) == []


def test_generic_papers() -> None:
    assert is_generic("有关证明材料") and is_generic("相关资料")
    assert not is_generic("出生医学证明")
