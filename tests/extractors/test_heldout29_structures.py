"""Structures of the twenty-ninth held-out set of real guides (tests/fixtures/realworld/heldout29/),
measured once on arrival, then read as rules about guides in general."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from normalizers.item_title import name_from_title
from normalizers.time_limits import parse_legal_promised, parse_time_limit

HELDOUT29 = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout29"
FORMATS = ["pdf", "docx", "html"]


def _items(stem: str, fmt: str) -> list:
    return extract_file(HELDOUT29 / "corpus" / f"{stem}.{fmt}").items


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_power_list_grid_with_bare_numbers_under_its_limits(fmt: str) -> None:
    # 权力名称: | … | / 办理期限(法定): | 21 | 办理期限(承诺): | 21 |: a 权力清单 grid names its item by
    # 权力名称 and writes its limits as bare numbers under labels qualified by (法定) / (承诺).
    [item] = _items("ln_benxi_xianwai_jiuzhen_baoxiao", fmt)
    assert item.item_name == "县外就诊农村合作医疗保险患者报销流程"
    assert (item.legal_days, item.promised_days) == (21, 21)


def test_a_bare_number_under_a_limit_label_is_working_days() -> None:
    limit = parse_legal_promised("21", "15")
    assert (limit.legal_days, limit.promised_days, limit.days_unit) == (21, 15, "working")
    assert any("unit" in w for w in parse_time_limit("21").warnings)  # read, with the unit flagged missing


@pytest.mark.parametrize("fmt", FORMATS)
def test_bracket_labels_followed_by_a_colon_and_a_same_day_review(fmt: str) -> None:
    # 【办理事项】:医疗保险报销指南 (the colon after the bracket is no part of the name); the process
    # …医保中心受理当日完成审核,结算,支付工作 states the item's limit: done the same day (0).
    [item] = _items("hn_loudi_yibao_baoxiao_zhinan", fmt)
    assert item.item_name == "医疗保险报销指南"
    assert item.promised_days == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_column_name_before_the_question_and_a_blog_profile(fmt: str) -> None:
    # 医保就诊小知识--如何补换社保卡?: the question after the column's name names the item, its steps
    # (一、预挂失 / 二、正式挂失) are its parts; the blog's 个人资料 side bar (博客等级: / 关注人气: …) is
    # no list of papers, the paper is in the steps.
    [item] = _items("bj_beijing_shebaoka_buhuan", fmt)
    assert item.item_name == "补换社保卡"
    assert [m.name for m in item.materials] == ["本人的居民身份证或户口薄原件及复印件"]
    assert name_from_title("社保--生育津贴") == "社保--生育津贴"  # no question: the title as it is


def test_labels_run_into_their_values() -> None:
    # 咸宁 service card copied without its cell borders: 所需材料1.职工… / 政策依据咸政办发〔2011〕94号….
    from extractors.fields.labels import read_label
    from extractors.fields.lines import make_line
    from govguide.core.document import Line, SourceRef

    text = (HELDOUT29 / "text" / "hb_xianning_jiaofei_nianxian_rending.txt").read_text(encoding="utf-8")
    lines = {ln[:4]: ln for ln in text.splitlines()}

    def label(t: str):  # noqa: ANN202 - a Label or None
        return read_label(make_line(Line(text=t, ref=SourceRef(para=0)), False))

    materials = label(lines["所需材料"])
    assert materials is not None and (materials.field, materials.value) == ("materials", "1.职工基本医疗保险个人缴费明细")
    basis = label(lines["政策依据"])
    assert basis is not None and basis.field == "legal_basis" and basis.value.startswith("咸政办发〔2011〕94号")
    # A field word that merely starts a sentence glues no value to itself.
    sentence = label("申请材料齐全的当场办结")
    assert sentence is None or sentence.value is None
    [item] = [i for i in _items("hb_xianning_jiaofei_nianxian_rending", "html") if "缴费年限认定" in i.item_name]
    assert [m.name for m in item.materials] == ["职工基本医疗保险个人缴费明细", "职工基本医疗保险缴费年限认定审批表"]
