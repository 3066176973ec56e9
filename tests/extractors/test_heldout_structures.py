"""Structures of the first held-out real pages (tests/fixtures/realworld/heldout) read by
general rules: each test reads a real page and asserts the item or the field the rule gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file

HELDOUT = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout"


def _items(stem: str, fmt: str) -> list:
    return extract_file(HELDOUT / "corpus" / f"{stem}.{fmt}").items


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_a_lead_in_asking_for_qualified_materials_names_its_item(fmt: str) -> None:
    # 饶平: 一、申领…待遇应提供以下证明材料: — 证明 between 以下 and 材料 is part of the request,
    # not of the item's name; each lead-in names one item.
    names = [i.item_name for i in _items("gd_raoping_shengyu_baoxian_xuzhi", fmt)]
    assert names == ["申领生育保险待遇", "申领计划生育手术医疗费待遇"]


@pytest.mark.parametrize(
    ("stem", "name", "first", "count"),
    [
        # A question (…需要携带什么材料?) then the list's own lead-in (…所需材料:) for one act.
        ("zj_shengzhou_shengyu_baoxian_cailiao", "生育保险待遇", "生育本人身份证原件、复印件", 6),
        # The title repeated over an introduction, then again over the numbered list. 办理 after the act (登记办理) only does it.
        ("hb_wuhan_jumin_yibao_dengji_cailiao", "城镇居民医疗保险登记", "居民身份证原件及复印件", 7),
    ],
)
@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_two_materials_labels_for_one_act_give_one_item(fmt: str, stem: str, name: str, first: str, count: int) -> None:
    (item,) = _items(stem, fmt)
    assert item.item_name == name
    assert item.materials[0].name == first
    assert len(item.materials) == count


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_a_monthly_cut_off_named_twice_is_no_limit(fmt: str) -> None:
    # 中山: 办理时间: 每个月的25日之前办理,25日后扣费 — a day of the month, then the same day again.
    (item,) = _items("gd_zhongshan_jumin_yibao_canbao", fmt)
    assert (item.legal_days, item.promised_days) == (None, None)


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_a_limit_label_over_no_limit_yields_to_one_that_states_it(fmt: str) -> None:
    # 绍兴: the title (…办理时限) over the byline, then 一、…办理时限 / 办理时限:审核通过,即时办理.
    (item,) = _items("zj_shaoxing_yibao_zhuanyi_shixian", fmt)
    assert (item.legal_days, item.promised_days) == (None, 0)


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_a_guide_title_keeps_its_only_act(fmt: str) -> None:
    # 沈阳医保卡办理指南: 办理 is the act the title names (医保卡 alone names a card); a title
    # that names another act (…支付办理指南) keeps that one only.
    (item,) = _items("ln_shenyang_yibaoka_banli_zhinan", fmt)
    assert item.item_name == "医保卡办理"
    assert item.promised_days == 15


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_entries_naming_a_case_then_its_documents(fmt: str) -> None:
    # 泉州: 1.因死亡一次性支取:提供A;B;C / 2.因出国一次性支取:提供移民材料 / 3. cut before its colon.
    (item,) = _items("fj_quanzhou_zhanghu_yicixing_zhiqu", fmt)
    assert [(m.name, m.condition) for m in item.materials] == [
        ("死亡证明,或火化证,或注明死亡日期的户口注销材料,或由单位出具的死亡证明等任一材料", "因死亡一次性支取"),
        ("继承人与被继承人的关系证明材料", "因死亡一次性支取"),
        ("申请人医保电子凭证、社保卡、居民身份证等有效身份证件", "因死亡一次性支取"),
        ("移民材料", "因出国一次性支取"),
    ]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_groups_of_documents_joined_by_commas_under_a_case(fmt: str) -> None:
    # 江苏: (一)住院费用:有效身份证明材料(…、…)、医院收费票据、… — 、 outside brackets cuts.
    (item,) = _items("js_lingxing_baoxiao_cailiao", fmt)
    by_case = [(m.name, m.condition) for m in item.materials]
    assert by_case[:4] == [
        ("有效身份证明材料(医保电子凭证、有效身份证件或社会保障卡)", "住院费用"),
        ("医院收费票据", "住院费用"),
        ("住院费用清单", "住院费用"),
        ("诊断证明(或出院小结)", "住院费用"),
    ]
    assert ("出院小结", "生育费用") in by_case


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_a_title_naming_materials_names_the_act_and_a_caption_ends_no_list(fmt: str) -> None:
    # 东莞: 【…】东莞异地就医报销材料 names the item (the question below it words it loosely);
    # an image caption (资料图) between entries 1 and 2 is furniture, and ①/② are groups.
    (item,) = _items("gd_dongguan_yidi_jiuyi_baoxiao_cailiao", fmt)
    assert item.item_name == "异地就医报销"
    conditions = [m.condition for m in item.materials]
    assert conditions.count("异地住院所需报销材料") == 9
    assert conditions.count("异地门诊所需报销材料") == 6


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_a_second_list_under_a_sentence_asking_for_papers_is_a_group(fmt: str) -> None:
    # 洛阳: 居民应填写和提供下列资料:(1)…(5), then 家庭成员有下列情形,不参加…的,须提供有关证明材料:
    # (1)…(5) — the second list's entries are materials in the case its sentence names.
    (item,) = _items("ha_luoyang_jumin_yibao_canbao", fmt)
    assert len(item.materials) == 10
    assert item.materials[4].condition is None
    lead_in = "家庭成员有下列情形,不参加城镇居民基本医疗保险的,须提供有关证明材料"
    assert {m.condition for m in item.materials[5:]} == {lead_in}
    assert item.materials[5].name.startswith("参加城镇职工基本医疗保险的")


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_with_no_title_a_process_heading_names_the_item(fmt: str) -> None:
    # 长沙: 长沙医保参保流程 over the steps, then 附办理材料: — the page has no title of its own.
    (item,) = _items("hn_changsha_yibao_canbao_liucheng", fmt)
    assert item.item_name == "医保参保"
    assert len(item.materials) == 8


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_further_reading_is_no_materials_and_a_form_filled_in_a_step_is(fmt: str) -> None:
    # 浙江 Q&A: 扩展资料: after the steps is further reading; step 3 of 关系转入 has the applicant
    # fill in 《基本医疗保险关系转移接续申请表》.
    (item,) = _items("zj_yibao_guanxi_zhuanyi_liucheng", fmt)
    assert item.item_name.endswith("医疗保险关系转移接续")
    assert [m.name for m in item.materials] == ["《基本医疗保险关系转移接续申请表》"]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_a_sentence_opening_with_a_quoted_article_cites_it(fmt: str) -> None:
    # 宜兴: 《江苏省职工生育保险规定》第二十七条明确,… is the item's legal basis.
    (item,) = _items("js_yixing_shengyu_baoxian_shouxu", fmt)
    assert [b.title for b in item.legal_basis] == ["江苏省职工生育保险规定"]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_headings_under_one_guides_title_are_its_steps(fmt: str) -> None:
    # 天门麻洋镇: …城镇居民参加基本医疗保险办理指南 (a table cell) over 一、居民申报登记 /
    # 二、人社中心(社区)初审录入 — steps of the one item, not items.
    (item,) = _items("hb_tianmen_mayang_jumin_yibao_zhinan", fmt)
    assert item.item_name.endswith("城镇居民参加基本医疗保险")


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_groups_numbered_under_a_numbered_materials_heading(fmt: str) -> None:
    # 南开: 一、…办理材料 / 1.基本医疗保险关系转入 (large in the HTML rendering) / (1)… (2)… /
    # 2.基本医疗保险关系转出 / one unnumbered entry: groups of the list, in every format.
    (item,) = _items("tj_nankai_yibao_zhuanyi_gonglue", fmt)
    assert [(m.name, m.condition) for m in item.materials] == [
        ("申请人的身份证复印件", "基本医疗保险关系转入"),
        ("申请人的原参保地出具的《参保凭证》", "基本医疗保险关系转入"),
        ("申请人的身份证原件或复印件", "基本医疗保险关系转出"),
    ]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_paragraphs_under_inline_labels_give_the_documents_they_say_to_bring(fmt: str) -> None:
    # 青海: (三)线下办理:需携带参保人有效身份证件原件、复印件或社会保障卡及转出地《…参保凭证》,到…
    # — the paragraph runs on into the act, so it is no case list; its documents are read.
    (item,) = _items("qh_yibao_kuasheng_zhuanyi_wenda", fmt)
    offline = [m.name for m in item.materials if m.condition == "线下办理"]
    assert offline[:2] == ["参保人有效身份证件原件、复印件或社会保障卡", "转出地《基本医疗保险参保凭证》"]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_a_question_answered_case_by_case_under_headings(fmt: str) -> None:
    # 乌鲁木齐: 在乌鲁木齐如何申领生育保险待遇 (the place after 在 comes off), then 一、/二、/三、 cases,
    # each a sentence of documents to bring; what is only shown at the hospital (应出示) is not.
    (item,) = _items("xj_wulumuqi_shengyu_daiyu_shenling", fmt)
    assert item.item_name == "申领生育保险待遇"
    by_case = [(m.name, m.condition) for m in item.materials]
    assert ("《生育服务证》(准生证)", "参保女职工正常生育") in by_case
    assert ("男职工工作单位出具的配偶无劳动收入证明", "男职工配偶无劳动收入,享受正常生育保险待遇") in by_case
    assert ("医院诊断证明", "享受流(引)产生育保险待遇") in by_case
