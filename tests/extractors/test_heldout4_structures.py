"""Structures of the fourth held-out set of real guides (tests/fixtures/realworld/heldout4/),
each read as a rule about guides in general and checked on the real page in every format."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from extractors.fields.compilation import split_guide_run
from normalizers.item_title import clean_name

HELDOUT4 = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout4"
FORMATS = ["pdf", "docx", "html"]
RUN = "yn_honghe_yiliao_jiuzhu_lingxing_baoxiao"


def _items(stem: str, fmt: str) -> list:
    return extract_file(HELDOUT4 / "corpus" / f"{stem}.{fmt}").items


def _run_paragraph() -> str:
    text = (HELDOUT4 / "text" / f"{RUN}.txt").read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if "事项名称" in line)


def test_a_guide_run_together_in_one_line_is_cut_at_its_labels_groups_and_entries() -> None:
    parts = split_guide_run(_run_paragraph())
    assert "一、事项名称:城乡居民医疗救助对象手工(零星)报销" in parts
    assert "五、申办材料:" in parts
    # 四四、办理流程: (the numeral typed twice) is still the fourth label.
    assert "四四、办理流程:" in parts
    assert "(二)重特大病住院提交以下材料" in parts
    assert "7.街道出具的告知书(住院前开)。" in parts
    # 低保证1—4页 is a range inside an entry, not an entry of its own.
    assert "4.低保证1—4页复印件。" in parts
    assert "六、办理时限:不超过30个工作日。七、单位地址及监督单位 |" in parts


def test_labels_out_of_order_or_few_make_no_guide_run() -> None:
    # Two numbered points in a long sentence, or labels naming no field, are no guide.
    sentence = "参保人员一、携带身份证:原件 二、填写申请表:一份" + "并到窗口办理相关手续" * 20
    assert split_guide_run(sentence) == [sentence]
    short = "一、事项名称:甲 二、申办材料:乙 三、办理时限:丙"
    assert split_guide_run(short) == [short]  # short: a line, not a page
    assert split_guide_run("一、事项名称:甲") == ["一、事项名称:甲"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_guide_run_together_gives_its_item(fmt: str) -> None:
    [item] = _items(RUN, fmt)
    assert item.item_name == "城乡居民医疗救助对象手工(零星)报销"
    assert (item.legal_days, item.promised_days) == (None, 30)
    names = [m.name for m in item.materials]
    assert names[:4] == ["医保电子凭证或有效身份证件或社保卡正反面复印件", "诊断证明书", "发票原件(特殊病)", "低保证1—4页复印件"]
    assert "急诊证明原件" in names and "街道出具的告知书(住院前开)" in names


@pytest.mark.parametrize("fmt", FORMATS)
def test_long_numbered_heading_naming_act_and_field_is_a_label(fmt: str) -> None:
    # 三、百色参保人员个人账户一次性支取法律依据: long for a heading, but it ends with a field
    # word, so the three laws under it are the item's basis (not part of the question above).
    [item] = _items("gx_baise_geren_zhanghu_yicixing_zhiqu", fmt)
    assert item.item_name == "参保人员个人账户一次性支取"
    assert [b.title for b in item.legal_basis][:2] == ["中华人民共和国社会保险法", "社会保险费征缴暂行条例"]
    assert item.legal_basis[0].articles == [14, 74]
    assert item.legal_days is None and item.promised_days is None  # office hours are no limit


@pytest.mark.parametrize("fmt", FORMATS)
def test_untitled_steps_are_named_by_the_step_naming_an_act(fmt: str) -> None:
    # 一、确定申请病种 / 二、办理门特病种待遇认定 / 三、提交申请材料 with no title: the step
    # whose words end with an act names the item, 办理 before it is no part of the name.
    [item] = _items("gd_qingyuan_menzhen_teding_bingzhong_rending", fmt)
    assert item.item_name == "门特病种待遇认定"
    assert [m.name for m in item.materials] == [
        "医保电子凭证或有效身份证件或社保卡", "《门诊特定病种待遇认定申请表》", "病历资料或检查资料"
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_title_the_text_never_speaks_of_names_no_item(fmt: str) -> None:
    # A repost under another article's title (新疆婦幼保健院入園體檢預約掛號流程 over a 長沙
    # 醫療救助 page): the title names nothing the text is about.
    names = [i.item_name for i in _items("hn_changsha_yiliao_jiuzhu_shenqing", fmt)]
    assert not any("掛號" in n or "挂号" in n for n in names)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_policy_programme_title_names_no_item(fmt: str) -> None:
    # 吉林省关于优化生育政策促进人口长期均衡发展实施方案 is a document's title, like a 通知.
    assert not any("方案" in i.item_name for i in _items("jl_changchun_shengyu_jintie_zhinan", fmt))


def test_where_to_questions_name_the_act_before_them() -> None:
    assert clean_name("补交医保去哪里补") == "补交医保"
    assert clean_name("异地就医备案在哪里办理") == "异地就医备案"
    assert clean_name("生育津贴到哪里申领呢") == "生育津贴"


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_materials_and_process_sentence_gives_the_list(fmt: str) -> None:
    # 补缴所需材料和流程为：请持本人《…》或《…》、社会保障卡、1寸登记照1张、身份证复印件1份，到…
    # (the PDF wraps the label across lines, where the sentence is not read).
    [item] = _items("xx_bujiao_yibao_wenda", fmt)
    assert item.item_name == "补交医保"
    assert [m.name for m in item.materials] == [
        "本人《职工医疗保险手册》或《社会保险证》", "社会保障卡", "1寸登记照1张", "身份证复印件1份"
    ]
