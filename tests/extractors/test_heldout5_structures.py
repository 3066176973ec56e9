"""Structures of the fifth held-out set of real guides (tests/fixtures/realworld/heldout5/),
measured blind on arrival, then each read as a rule about guides in general and checked on
the real page in every format."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from normalizers.item_title import name_from_title
from normalizers.materials import split_materials

HELDOUT5 = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout5"
FORMATS = ["pdf", "docx", "html"]


def _items(stem: str, fmt: str) -> list:
    return extract_file(HELDOUT5 / "corpus" / f"{stem}.{fmt}").items


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_name_cell_holding_main_and_sub_item_names_the_sub_item(fmt: str) -> None:
    # 事项名称 | 主项名称: 基本医疗保险参保和变更登记 / 子项名称: 职工参保信息变更登记 (one cell;
    # the HTML runs its two lines together).
    [item] = _items("xx_zhigong_canbao_xinxi_biangeng_zhinan", fmt)
    assert item.item_name == "职工参保信息变更登记"
    assert item.section == "基本医疗保险参保和变更登记"
    assert not any(m.name.startswith("备注") for m in item.materials)


def test_a_note_in_one_sentence_after_the_list_is_no_material() -> None:
    lines = ["( 一 )单位申请:《基本医疗保险参保信息变更登记表》", "( 二 )个人申请: 有效身份证件",
             "备注: 变更姓名 、性别等关键信 息的需提供必要的对应辅助材料 , 由单位经办人办理的无需提供。"]  # fmt: skip
    assert [m.name for m in split_materials(lines)] == ["单位申请:《基本医疗保险参保信息变更登记表》", "个人申请:有效身份证件"]
    # A note that lists entries is not dropped.
    noted = split_materials(["1.身份证", "备注:特殊人群还需提供①护照;②居留证"])
    assert any("护照" in m.name for m in noted)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_limit_under_cheng_ban_shi_xian(fmt: str) -> None:
    # 承办时限 / 15个工作日: another word for the time-limit label.
    [item] = _items("xx_dingdian_lingshou_yaodian_shenbao", fmt)
    assert item.promised_days == 15 and item.legal_days is None


def test_a_title_asking_the_same_thing_twice_names_the_act() -> None:
    # 上海生育保險待遇領取條件,如何拿生育保險待遇: the second wording puts a verb (拿) before the
    # object the first names with its act.
    assert name_from_title("上海生育保險待遇領取條件,如何拿生育保險待遇") == "生育保險待遇領取"
    assert name_from_title("上海医保卡办理需要什么条件,上海医保卡办理条件") == "医保卡办理"


@pytest.mark.parametrize("fmt", FORMATS)
def test_question_title_over_a_list_introduced_in_a_sentence(fmt: str) -> None:
    [item] = _items("sh_shanghai_shengyu_daiyu_lingqu_tiaojian", fmt)
    assert item.item_name == "生育保險待遇領取"
    assert item.materials[1].name == "醫療機構出具的《生育醫學證明》"


@pytest.mark.parametrize("fmt", FORMATS)
def test_documents_listed_under_a_conditions_heading_are_the_materials(fmt: str) -> None:
    # 二、办理条件 over 1、医保电子凭证…；2、医院收费票据；… 6、诊断证明: every entry a document.
    [item] = _items("he_xingtai_zhuyuan_feiyong_baoxiao_zhinan", fmt)
    assert (item.legal_days, item.promised_days) == (20, 20)
    assert [m.name for m in item.materials] == ["医保电子凭证或有效身份证件或社保卡", "医院收费票据", "门急诊费用清单",
                                                "处方底方", "住院费用清单、病历资料", "诊断证明"]  # fmt: skip


@pytest.mark.parametrize("fmt", FORMATS)
def test_sub_items_under_one_guide_title_each_with_their_own_grid(fmt: str) -> None:
    # 医疗救助对象待遇核准支付办事指南 over (一)…核准支付 + grid and (二)…手工(零星)报销 + grid,
    # each with its materials and its limit: two sub-items, not steps of one guide.
    items = _items("ln_benxi_yiliao_jiuzhu_zhinan", fmt)
    assert [(i.item_name, i.promised_days) for i in items] == [
        ("医疗救助对象待遇核准支付", 15), ("医疗救助对象手工(零星)报销", 20)
    ]
    assert items[0].materials[0].name == "救助对象身份证明"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_title_naming_conditions_yields_to_the_materials_label_naming_an_act(fmt: str) -> None:
    # 武汉医保参保条件 (conditions of a topic) over 二、灵活就业人员办理新参保应提供的资料: the
    # label names the act the page gives documents for.
    [item] = _items("hb_wuhan_linghuo_jiuye_xincanbao", fmt)
    assert item.item_name == "灵活就业人员办理新参保"
    assert [m.name for m in item.materials][:3] == ["本人城镇常住户口", "二代居民身份证", "电子照片"]


def test_a_page_copied_into_one_line_is_cut_at_its_labels_and_entries() -> None:
    from extractors.fields.compilation import split_spaced_run

    text = (HELDOUT5 / "text" / "ln_dalian_shengyu_jintie_baoxiao.txt").read_text(encoding="utf-8")
    line = next(x for x in text.splitlines()[1:] if "報銷材料" in x)
    parts = split_spaced_run(line)
    assert "報銷材料" in parts and "女職工生育費報銷材料" in parts
    assert "3、出生醫學證明及影印件" in parts
    # Short lines, and long ones with no label standing alone, are left whole.
    assert split_spaced_run("1、身份证 2、户口本 3、照片") == ["1、身份证 2、户口本 3、照片"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_line_page_gives_its_list(fmt: str) -> None:
    # 報銷材料 女職工生育費報銷材料 1、女方醫療保險編號 2、…: 编号 inside an entry is a document
    # to bring, not the 序号/编号 label of a row.
    [item] = _items("ln_dalian_shengyu_jintie_baoxiao", fmt)
    assert item.item_name == "生育津貼"
    assert [m.name for m in item.materials][:3] == ["女方醫療保險編號", "女職工二代身份證及影印件(A4正反面)", "出生醫學證明及影印件"]
