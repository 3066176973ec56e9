"""Structures of the fourteenth held-out set of real guides (tests/fixtures/realworld/heldout14/),
measured once on arrival, then read as rules about guides in general."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from normalizers.item_title import is_notice_title
from normalizers.material_sentence import case_and_documents
from normalizers.time_limits import prose_limit_clause

HELDOUT14 = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout14"
FORMATS = ["pdf", "docx", "html"]


def _items(stem: str, fmt: str) -> list:
    return extract_file(HELDOUT14 / "corpus" / f"{stem}.{fmt}").items


@pytest.mark.parametrize("fmt", FORMATS)
def test_items_one_after_another_under_the_same_field_headings(fmt: str) -> None:
    # 灵活就业人员参保 / 办理条件 / 办理方式 … then 居民医保停保 / 办理条件 / 办理材料 / 办理方式: the
    # field heading that comes again starts the next item, named by the heading above it; the
    # first item has no materials of its own (the second's are not its).
    items = _items("gd_jiangmen_linghuo_jiuye_canbao_jumin_tingbao", fmt)
    assert [i.item_name for i in items] == ["灵活就业人员参保", "居民医保停保"]
    assert items[0].materials == []
    assert [m.name for m in items[1].materials] == [
        "有效身份证件或医保电子凭证或社会保障卡",
        "《基本医疗保险城乡居民参保信息变更登记表》",
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_title_worded_as_a_guide_and_as_a_rule_is_a_guide(fmt: str) -> None:
    # 九江生育保险待遇申报指南 九江市职工生育保险实施细则: the guide to a rule, not the rule; its
    # closing paragraph (…应于受理申请之日起20个工作日内，对符合规定的…予以一次性计发) is the limit.
    [item] = _items("jx_jiujiang_shengyu_baoxian_daiyu_shenbao", fmt)
    assert item.item_name == "生育保险待遇申报"
    assert item.promised_days == 20
    assert len(item.materials) == 5


def test_notice_titles_with_and_without_a_guide_wording() -> None:
    assert not is_notice_title("九江生育保险待遇申报指南 九江市职工生育保险实施细则")
    assert is_notice_title("九江市职工生育保险实施细则")
    assert is_notice_title("关于做好2024年城乡居民基本医疗保险参保工作的通知")


def test_days_from_acceptance_to_payment_are_the_limit_days_to_a_step_are_not() -> None:
    assert prose_limit_clause("社会保险经办机构应于受理申请之日起20个工作日内,对符合规定的生育保险待遇予以一次性计发") == (
        "社会保险经办机构应于受理申请之日起20个工作日内"
    )
    # A step after acceptance (an assessment, a letter sent) is no completion.
    assert prose_limit_clause("对符合受理条件的申请,承办机构自受理之日起10个工作日内,安排2名以上失能评估人员现场评估") is None
    assert prose_limit_clause("并在受理之日起15个工作日内向转入人员原参保地医保经办部门发送《联系函》") is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_guide_heading_over_the_materials_names_the_item(fmt: str) -> None:
    # Under a question title (醫保怎么辦理) and process headings, 城市居民醫療保險申辦參保(增員)須知 right
    # over 1、提供資料 names the item; the introduction's 予以即時辦理 is its limit; a group of
    # applicants 17 characters long (18周歲以上仍在全日制學校就讀人員:) still heads its documents.
    [item] = _items("gd_huizhou_chengshi_jumin_yibao_canbao_xuzhi", fmt)
    assert item.item_name.startswith("城市居民醫療保險申辦參保")
    assert item.promised_days == 0
    students = [m for m in item.materials if m.condition == "18周歲以上仍在全日制學校就讀人員"]
    assert [m.name for m in students][-1] == "所在學校開具的學籍證明"


def test_a_longer_group_of_applicants_heads_its_documents() -> None:
    case, docs = case_and_documents("②18周岁以上仍在全日制学校就读人员:《户口薄》、《身份证》、所在学校开具的学籍证明。") or ("", [])
    assert case == "18周岁以上仍在全日制学校就读人员"
    assert docs == ["《户口薄》", "《身份证》", "所在学校开具的学籍证明"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_process_heading_over_an_object_names_it_with_its_act(fmt: str) -> None:
    # 医保指南 (a section title naming nothing) over 医保卡办理流程如下: the card is what is done, so
    # the item is 医保卡办理; its [法律依据] paragraph cites the law and its article.
    [item] = _items("xx_yiyuan_yibaoka_banli_zhinan", fmt)
    assert item.item_name == "医保卡办理"
    assert [(b.title, b.articles) for b in item.legal_basis] == [("社会保险法", [25])]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_note_under_the_materials_is_no_material_where_a_pdf_wrapped_it(fmt: str) -> None:
    # 备注:因死亡支取的,须提供…继承人身 / 份证、银行卡账户信息,…: the note's wrapped tail is the note's.
    [item] = _items("js_jiangyin_geren_zhanghu_yue_zhiqu", fmt)
    assert [m.name for m in item.materials] == ["医保电子凭证或有效身份证件或社保卡"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_untitled_page_is_named_by_the_act_its_sentences_apply_for(fmt: str) -> None:
    # A sixth-set page with no title: 办理流程 / 办理条件 / 受理材料 headings; its steps say
    # …提出单位参保登记申请 and …办理单位参保登记手续 (and once …办理参保登记手续, acts alone).
    [item] = extract_file(HELDOUT14.parent / "heldout6" / "corpus" / f"xx_danwei_canbao_dengji_banli_liucheng.{fmt}").items
    assert item.item_name == "单位参保登记"
    assert item.materials
