"""Structures of the tenth held-out set of real guides (tests/fixtures/realworld/heldout10/),
measured once on arrival, then read as rules about guides in general."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from normalizers.item_title import is_notice_title, name_from_title
from normalizers.material_sentence import is_generic
from normalizers.materials import split_materials
from normalizers.time_limits import chain_total

REALWORLD = Path(__file__).resolve().parents[1] / "fixtures" / "realworld"
HELDOUT10 = REALWORLD / "heldout10"
FORMATS = ["pdf", "docx", "html"]


def _items(stem: str, fmt: str, folder: Path = HELDOUT10) -> list:
    return extract_file(folder / "corpus" / f"{stem}.{fmt}").items


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_materials_table_inside_a_sectioned_guide(fmt: str) -> None:
    # 序号 | 提交材料名称 | 原件/复印件 | 份数 | 纸质/电子版 | 特定要求 under (二)申办材料 and its lead-in
    # 申请人把下列申请资料(文件、物品)送交办理窗口: (no case); the title's year and place go.
    [item] = _items("gx_guilin_danwei_canbao_xinxi_biangeng", fmt)
    assert item.item_name == "单位参保信息变更登记"
    assert [m.name for m in item.materials] == [
        "《基本医疗保险参保单位信息变更登记表》",
        "具有审批更名职责部门的批准文件或单位法人证",
        "编制委员会分类改革的批准文件",
        "法定代表人身份证",
    ]
    assert all(m.condition is None for m in item.materials)
    assert (item.legal_days, item.promised_days) == (20, 0)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_materials_table_under_a_heading_of_a_page(fmt: str) -> None:
    # 材料名稱 | 材料形式 | 材料詳細要求, one row per document; a [樣表下載] link label is no part of a name.
    [item] = _items("zj_shengji_xin_canbao_zhigong_dengji", fmt, REALWORLD / "heldout9")
    names = [m.name for m in item.materials]
    assert names[:2] == ["單位批準成立文件", "事業(yè)單位法人登記證書或企業(yè)營業(yè)執(zhí)照"]
    assert not any("原件" == n or "樣表" in n for n in names)


def test_a_lead_in_sentence_is_no_case_of_the_list() -> None:
    lines = ["申请人把下列申请资料(文件、物品)送交办理窗口:", "1.《登记表》", "2.身份证"]
    assert [m.condition for m in split_materials(lines)] == [None, None]
    # A group label stays the condition of its entries.
    assert {m.condition for m in split_materials(["机关事业单位:", "1.《登记表》"])} == {"机关事业单位"}


def test_years_and_file_names_in_titles() -> None:
    assert name_from_title("2023年度生育津贴申领指南") == "生育津贴"  # not 度生育津贴
    assert is_notice_title("某市长期护理保险政策108问(37页).pdf")


@pytest.mark.parametrize("fmt", FORMATS)
def test_limits_of_a_grid_that_lost_its_cell_borders(fmt: str) -> None:
    # 法定办结时限 90 自然日 / 法定办结时限说明 / … / 承诺办结时限 90 自然日: label, space, value.
    [item] = _items("sd_jinan_lingshou_yaodian_dingdian_xieyi", fmt)
    assert (item.legal_days, item.promised_days, item.days_unit) == (90, 90, "natural")


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_expected_total_time_of_a_portal_guide_is_its_limit(fmt: str) -> None:
    # 预计办理总用时 / 90 ( 自然日 ).
    [item] = _items("gd_shenzhen_yiliao_jigou_dingdian_xieyi", fmt)
    assert item.promised_days == 90


def test_a_process_chain_of_timed_stages_sums_their_limits() -> None:
    assert chain_total("收件(即办)—受理(即办)—审核(15个工作日)—办结—执行") == 15
    assert chain_total("受理(1个工作日)→审核(3个工作日)→办结(1个工作日)") == 5
    # Stages without limits, or a date, are no chain to sum.
    assert chain_total("申请-受理-审核-办结") is None
    assert chain_total("2020-01-01") is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_chain_of_stages_gives_the_limit_and_vague_papers_are_no_material(fmt: str) -> None:
    # 收件(即办)—受理(即办)—审核(15个工作日)—办结—执行 over steps saying 提交申请材料 (no paper named).
    [item] = _items("zj_huzhou_zhuanyi_jiexu_liucheng", fmt)
    assert item.promised_days == 15
    assert item.materials == []
    assert not is_generic("有关证明文件和材料")
    assert is_generic("申请材料")


def test_a_note_naming_a_case_of_the_act_stays_in_the_name() -> None:
    # 温州医保参保人员医疗费用零星报销(住院报销): the note says which reimbursement.
    assert name_from_title("温州医保参保人员医疗费用零星报销(住院报销)").endswith("零星报销(住院报销)")
    assert name_from_title("城乡居民参保登记（新生儿）") == "城乡居民参保登记（新生儿）"
    # A note about the page goes.
    assert name_from_title("广州异地就医办理指南(资料+流程)") == "异地就医办理"
    assert name_from_title("异地就医备案(2024年版)") == "异地就医备案"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_sentence_listing_the_materials_inside_a_wrapped_paragraph(fmt: str) -> None:
    # 三、认定程序 / “高血压”认定机构为…共同认定。需提供的纸质资料为:患者身份证及复印件、《…认定表》、…:
    # the PDF wraps the paragraph; the listing sentence still gives the materials in every format.
    [item] = _items("sc_mianyang_liangbing_shenbao_baoxiao", fmt)
    names = [m.name for m in item.materials]
    assert names[:2] == ["患者身份证及复印件", "《绵阳市城乡居民基本医疗保险“高血压”认定表》"]
