"""Real guides and notices from other provinces (tests/fixtures/realworld/): extraction
holds in every format a user meets them in, against gold written by hand from the text."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from extractors.extract import extract_file
from govguide.pipeline.evaluate import Evaluation, evaluate

ROOT = Path(__file__).resolve().parents[1] / "fixtures" / "realworld"
DEV = ROOT / "dev"


@pytest.fixture(scope="module")
def dev_eval() -> Evaluation:
    return evaluate(DEV / "corpus", DEV / "gold.json")


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_development_set_in_each_format(dev_eval: Evaluation, fmt: str) -> None:
    t = dev_eval.by_format()[fmt]
    misses = [(f.file, f.misses, f.extras, f.diffs) for f in dev_eval.files if f.file.endswith(fmt)]
    assert t["recall"] >= 0.95, misses
    assert t["precision"] >= 0.95, misses
    assert t["materials_f1"] >= 0.90, misses
    assert t["days_exact"] >= 0.95, misses


@pytest.mark.parametrize("stem", ["hn_hengyang_zhanghu_tiqu_xinwen", "jl_jilinshi_jumin_jiaofei_tongzhi"])
@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_news_and_notices_are_not_guides(stem: str, fmt: str) -> None:
    result = extract_file(DEV / "corpus" / f"{stem}.{fmt}")
    assert result.items == []
    assert result.not_a_guide_reason


def test_traditional_page_keeps_its_writing() -> None:
    (item,) = extract_file(DEV / "corpus" / "fj_quanzhou_shengyu_jintie_zhinan.docx").items
    assert item.item_name == "生育津貼申報"
    assert [m.name for m in item.materials] == [
        "有效身份證、社會保障卡或醫保電子憑證(碼)",
        "病歷資料",
        "申請人本人的銀行賬戶信息",
    ]


def test_two_sub_items_share_the_page_time_limit() -> None:
    items = extract_file(DEV / "corpus" / "hi_haikou_shengyu_yiliaofei_baoxiao.pdf").items
    assert [i.item_name for i in items] == ["报销生育的医疗费用及产前检查费用", "报销流产术、引产术、放(取)节育环及结扎术"]
    assert [len(i.materials) for i in items] == [7, 5]
    assert all(i.promised_days == 0 for i in items)


def test_materials_grouped_by_who_applies_become_conditions() -> None:
    (item,) = extract_file(DEV / "corpus" / "gd_guangzhou_changqi_yidi_jiuyi_zhinan.pdf").items
    assert item.item_name == "长期异地就医"
    assert [m.condition for m in item.materials][:2] == ["基本资料", "基本资料"]
    assert len({m.condition for m in item.materials}) == 4


def test_unlabelled_lists_the_documents_one_is_the_materials() -> None:
    (item,) = extract_file(DEV / "corpus" / "hb_wuhan_chengzhen_jumin_yibao_banli.html").items
    assert item.materials[0].name == "居民身份证原件及复印件"
    assert len(item.materials) == 7
    assert item.promised_days == 5


def test_list_in_a_sentence_and_an_item_named_in_quotes() -> None:
    (item,) = extract_file(DEV / "corpus" / "ln_shenyang_shengyu_jintie_wenda.docx").items
    assert item.item_name == "生育津贴申领"
    assert [m.name for m in item.materials] == ["医疗资料", "《申领表》", "《出生医学证明》", "《生育登记单》", "《结婚证》"]


def test_answer_to_a_how_to_question_names_the_materials() -> None:
    (item,) = extract_file(DEV / "corpus" / "sc_guangyuan_menzhen_teshu_jibing_wenda.pdf").items
    assert item.item_name == "门诊特殊疾病"
    assert item.materials[0].name == "《广元市门诊特殊疾病病种待遇认定申请表》"
    assert item.materials[1].name.endswith("等认定资料")


def test_office_hours_are_not_a_time_limit_but_days_are() -> None:
    # 辦理時間 with no days under it (泉州) gives nothing; 办理时间 of 10-20 working days does.
    (quanzhou,) = extract_file(DEV / "corpus" / "fj_quanzhou_shengyu_jintie_zhinan.pdf").items
    assert quanzhou.promised_days is None and quanzhou.legal_days is None
    (suzhou,) = extract_file(DEV / "corpus" / "js_suzhou_lingxing_baoxiao_wenda.html").items
    assert (suzhou.item_name, suzhou.promised_days) == ("医保零星报销", 20)


COLLECTED = ROOT / "collected"


class Floors(NamedTuple):
    """Just below the level last measured on a set (README, "Evaluation"; the set's NOTES.md):
    a change that loses items or invents them on real pages fails here."""

    recall: float
    precision: float
    materials_f1: float
    days_exact: float


# Real pages the general rules were made to hold on, each first measured blind.
FLOORS: dict[str, Floors] = {
    # Gathered from 22 other provinces after the development set. Recall 0.77-0.80 until the 江门
    # list table stored without its cell borders was rebuilt as a table (0.86-0.88). Days: 0.85
    # until schedules, application windows, cut-off bounds and limits stated in the process or in
    # a rule done at once were read (1.000 in each format). 0.88-0.89 once a notice opening one
    # service (西安 关于开展…一次性支取业务的通知) gave that service in every format.
    "collected": Floors(recall=0.87, precision=0.95, materials_f1=0.90, days_exact=0.97),
    # 17 provinces, measured blind at recall 0.67-0.70, precision 0.75-0.76, materials F1 0.57.
    "heldout": Floors(recall=0.92, precision=0.95, materials_f1=0.83, days_exact=0.90),
    # Measured blind at recall 0.29-0.33, precision 0.41-0.50, materials F1 0.61-0.66. Days: 0.90
    # until the 重庆 医保卡 guide was found (its title carries a note in brackets): its limit is in
    # a step (批量新办卡…发卡周期不超过十个工作日), which the reader leaves null.
    "heldout2": Floors(recall=0.80, precision=0.85, materials_f1=0.73, days_exact=0.88),
    # Measured blind at recall 0.08-0.15, precision 0.25-0.50, materials F1 0.50-1.00. Days: the
    # 惠州 guide's limit (予以即時辦理) is in the introduction, outside the part under its heading,
    # so it was left null until an introduction's limit was read as that of the items it introduces
    # (1.000 since). Materials: 0.85 until the 补缴 answer's list (…所需材料和流程为：请持…) was
    # read; its item counts now, with a list that runs into the next sentence.
    "heldout3": Floors(recall=0.60, precision=0.86, materials_f1=0.81, days_exact=0.97),
    # Measured blind at recall 0.14, precision 0.33-0.40 (2 of 14 items found); then learnt from
    # (a guide run together in one line, long headings ending with a field word, untitled steps
    # named by the step naming an act, titles the text never speaks of).
    # The application form among a page's papers names an untitled guide's act (from heldout20):
    # one guide here is then found under its form's name (城镇职工基本医疗保险参保), not the
    # name the gold reads in its closing tips (职工参保登记): 0.86 → 0.75.
    "heldout4": Floors(recall=0.34, precision=0.73, materials_f1=0.95, days_exact=0.78),
    # Measured blind at recall 0.48, precision 0.61-0.69, materials F1 0.66-0.77; then learnt
    # from (主项/子项 in one cell, documents under a conditions heading, channels, catalogues).
    # Materials 0.78-0.83 until the 武汉 page was found under its process heading (…的办理流程):
    # its item counts now, with its materials in prose sentences read as two entries.
    "heldout5": Floors(recall=0.80, precision=0.93, materials_f1=0.72, days_exact=0.92),
    # Measured blind at recall 0.31, precision 0.36-0.40; then learnt from (process titles
    # naming an act, forms and disclosure catalogues are no guides, titles read past readings).
    # The same rule finds the 社会保障卡 guide read as 办理社保 by its title under its form's name
    # (社会保障卡申领): 0.82-0.90 → 0.78-0.82.
    "heldout6": Floors(recall=0.45, precision=0.76, materials_f1=0.64, days_exact=0.78),
    # Gathered and left unmeasured while the rules above were written, then measured once on
    # them (commit 38a65ea): recall 0.78, precision 0.88, days 0.86, materials F1 0.61 in
    # every format; the five notices give nothing.
    "heldout7": Floors(recall=0.75, precision=0.85, materials_f1=0.58, days_exact=0.83),
    # Gathered and left unmeasured while the heldout7 rule was written, then measured once
    # (commit 7bd79ea): recall 0.27-0.33, precision 0.57-0.71, materials F1 0.50-0.60; the seven
    # notices give nothing. Then learnt from (test_heldout8_structures.py): 0.67-0.73 / 0.91-0.92.
    # 医疗救助 read as a scheme one applies for (from heldout23) finds the PDF's 申请医疗救助 too,
    # whose papers the PDF runs into its step (one entry): PDF materials F1 0.80 → 0.73.
    "heldout8": Floors(recall=0.65, precision=0.90, materials_f1=0.71, days_exact=0.97),
    # Gathered unmeasured while the heldout8 rules were written, measured once on them (commit
    # bca1085): recall 0.38-0.46, precision 0.55-0.60, materials F1 0.60-0.72; one notice (a news
    # page under a policy label citing nothing) gave an item. Then learnt from
    # (test_heldout9_structures.py).
    # Materials 0.84-0.90 until the 南昌 新生儿 page was found under its process heading: its item
    # counts now, its two lists under 城镇居民/农村居民办理流程 not read (one form found).
    "heldout9": Floors(recall=0.67, precision=0.80, materials_f1=0.73, days_exact=0.97),
    # Gathered unmeasured while the heldout8/9 rules were written, measured once on them (commit
    # 161e157): recall 0.50-0.58, precision 0.67-0.70, materials F1 0.76-0.79, days 0.50-0.57; one
    # notice (a download page naming a file) gave an item. Then learnt from
    # (test_heldout10_structures.py).
    "heldout10": Floors(recall=0.65, precision=0.97, materials_f1=0.92, days_exact=0.97),
    # Gathered unmeasured while the heldout8-10 rules were written, measured once on them (commit
    # 22e40b9): recall 0.40, precision 0.50, materials F1 0.94, days 1.000 in every format; one
    # notice gave an item. Then learnt from (test_heldout11_structures.py).
    "heldout11": Floors(recall=0.58, precision=0.83, materials_f1=0.90, days_exact=0.97),
    # Gathered unmeasured while the heldout9-11 rules were written, measured once on them (commit
    # 975d932): recall 0.44, precision 0.64, materials F1 0.46, days 1.000 in every format; the
    # five notices give nothing. Then learnt from (test_heldout12_structures.py).
    "heldout12": Floors(recall=0.40, precision=0.66, materials_f1=0.58, days_exact=0.97),
    # Gathered unmeasured while the heldout12 rules were written, measured once on the final code of
    # that round (commit a639833): recall 0.36, precision 0.67-0.80, materials F1 0.46, days 0.75;
    # one notice gave an item in its PDF. Then learnt from (test_heldout13_structures.py).
    "heldout13": Floors(recall=0.53, precision=0.97, materials_f1=0.62, days_exact=0.80),
    # Gathered unmeasured while the heldout13 rules were written, measured once on the final code of
    # that round (commit 942d6d3): recall 0.29-0.43, precision 0.67-1.00, materials F1 0.25-0.59.
    # Then learnt from (test_heldout14_structures.py): 0.86 / 1.00, materials F1 0.89-0.98.
    "heldout14": Floors(recall=0.84, precision=0.97, materials_f1=0.87, days_exact=0.80),
    # Gathered unmeasured while the heldout14 rules were written, measured once on them (commit
    # d4d0616): recall 0.21-0.29, precision 0.50-0.67, materials F1 0.59-0.60, days 1.000; the four
    # notices give nothing. Then learnt from (test_heldout15_structures.py): 0.64-0.71 / 0.82-0.83.
    "heldout15": Floors(recall=0.62, precision=0.80, materials_f1=0.78, days_exact=0.97),
    # Gathered unmeasured while the heldout15 rules were written, measured once on them (commit
    # 4182524): recall 0.15, precision 0.25, materials F1 0.91, days 1.000; the three notices give
    # nothing. Then learnt from (test_heldout16_structures.py); most misses left are items named
    # by groups of people or by a heading the page's title does not repeat.
    "heldout16": Floors(recall=0.44, precision=0.64, materials_f1=0.76, days_exact=0.97),
    # Gathered unmeasured while the heldout14-16 rules were written, measured once on the final
    # code of that round (commit 44fed08): recall 0.33, precision 0.43, materials F1 0.27-0.38, days
    # 1.000; one notice gives an item in every format. Then learnt from
    # (test_heldout17_structures.py): 0.67 / 0.86, the notice gives nothing.
    "heldout17": Floors(recall=0.64, precision=0.83, materials_f1=0.59, days_exact=0.80),
    # Gathered unmeasured while the heldout14-17 rules were written, measured once on the final
    # code of that round (commit d04b3a4): recall 0.50, precision 0.86-1.00, materials F1 0.56,
    # days 1.000; the four notices give nothing. Then learnt from (test_heldout18_structures.py):
    # materials F1 0.72.
    "heldout18": Floors(recall=0.48, precision=0.84, materials_f1=0.70, days_exact=0.97),
    # Gathered unmeasured while the heldout14-18 rules were written, measured once on the final
    # code of that round (commit 7ff1c6d): recall 0.38, precision 0.43, materials F1 0.42, days
    # 1.000; the three notices give nothing. Then learnt from (test_heldout19_structures.py):
    # 0.75 / 0.86, materials F1 1.000.
    "heldout19": Floors(recall=0.72, precision=0.83, materials_f1=0.97, days_exact=0.97),
    # Gathered unmeasured while the heldout19 rules were written, measured once on the code of
    # that round (commit 0bff26f): recall 0.33, precision 0.40-0.44, materials F1 0.87-0.88, days
    # 1.000; two notices gave an item in every format. Then learnt from
    # (test_heldout20_structures.py): 0.83 / 0.91, materials F1 0.85, the notices give nothing.
    "heldout20": Floors(recall=0.80, precision=0.88, materials_f1=0.82, days_exact=0.97),
    # Gathered unmeasured while the heldout20 rules were written, measured once on the code of
    # that round (commit 70a06c6): recall 0.50, precision 0.64, days 0.86, materials F1 0.78; one
    # notice gave an item in every format. Then learnt from (test_heldout21_structures.py): 0.79 /
    # 0.79, days 0.91, materials F1 0.78; the family-planning 生育登记 notice still gives an item.
    "heldout21": Floors(recall=0.76, precision=0.76, materials_f1=0.75, days_exact=0.88),
    # Gathered unmeasured while the heldout21 rules were written, measured once on the code of
    # that round (commit 116d811): recall 0.455, precision 0.455, days 1.000, materials F1 0.41,
    # basis F1 0.80; the notices gave nothing. Then learnt from (test_heldout22_structures.py):
    # 0.82 / 0.90, materials F1 0.78, basis 1.000.
    "heldout22": Floors(recall=0.80, precision=0.88, materials_f1=0.75, days_exact=0.97),
    # Gathered unmeasured while the heldout22 rules were written, measured once on the code of
    # that round (commit 2103e16): recall 0.385, precision 0.556, days 0.80, materials F1
    # 0.60-0.71; the notices gave nothing. Then learnt from (test_heldout23_structures.py).
    "heldout23": Floors(recall=0.50, precision=0.85, materials_f1=0.93, days_exact=0.97),
    # Gathered unmeasured while the heldout23 rules were written, measured once on the code of
    # that round (commit 90314ef): recall 0.357, precision 0.56-0.63, days 0.80, materials F1 0.10;
    # one notice gave an item in every format. Then learnt from (test_heldout24_structures.py):
    # 0.50 / 0.78-0.88, materials F1 0.22 (most items found name papers inside sentences by case),
    # days 0.86 (a limit per way of applying).
    "heldout24": Floors(recall=0.48, precision=0.75, materials_f1=0.20, days_exact=0.83),
    # Gathered unmeasured while the heldout24 rules were written, measured once on the code of
    # that round (commit 9d890cf): recall 0.333, precision 0.667, days 1.000, materials F1
    # 0.77-0.94; the five notices gave nothing. Read after its release; no general rule came of it
    # (its misses are acts alone as names, steps-only guides named by a portal item they quote).
    "heldout25": Floors(recall=0.31, precision=0.64, materials_f1=0.74, days_exact=0.97),
    # Gathered unmeasured while the heldout24-25 rules were written, measured once on the final
    # code of that round (commit 38277d6): recall 0.60, precision 0.75, days 1.000, materials F1
    # 0.27-0.33; the notices give nothing. Then learnt from (test_heldout26_structures.py): 0.80 / 1.00,
    # materials F1 0.95-1.00.
    "heldout26": Floors(recall=0.78, precision=0.97, materials_f1=0.92, days_exact=0.97),
    # Gathered unmeasured while the heldout26 rules were written, measured once on the code of that
    # round (commit 7969e23): recall 0.333, precision 0.500, days 0.667, materials F1 0.333; one notice
    # gave an item in every format. Then learnt from (test_heldout27_structures.py): 0.556 / 0.714,
    # days 0.80, materials F1 0.60; the notice gives nothing.
    "heldout27": Floors(recall=0.54, precision=0.69, materials_f1=0.57, days_exact=0.78),
    # Gathered unmeasured while the heldout26-27 rules were written, measured once on the code of
    # that round (commit 8fe88ec): recall 0.700, precision 1.000, days 0.857, materials F1 0.449;
    # the notices give nothing. Then learnt from (test_heldout28_structures.py): 0.80 / 1.00, days
    # 0.875, materials F1 0.69.
    "heldout28": Floors(recall=0.78, precision=0.97, materials_f1=0.66, days_exact=0.85),
    # Gathered unmeasured while the heldout26-28 rules were written, measured once on the code of
    # that round (commit 257e260): recall 0.700, precision 0.778, days 0.571, materials F1 0.60;
    # the notices give nothing. Then learnt from (test_heldout29_structures.py): 0.90 / 0.90, days
    # 0.667, materials F1 0.58 (two more items found, with part of their papers).
    "heldout29": Floors(recall=0.88, precision=0.88, materials_f1=0.55, days_exact=0.64),
    # Gathered unmeasured while the heldout29 rules were written, measured once on the final code of
    # that round (commit 9a04fae): recall 0.571, precision 0.571, days 0.750, materials F1 0.917; the
    # notices give nothing. The blind set: no rule is written from it.
    "heldout30": Floors(recall=0.55, precision=0.55, materials_f1=0.89, days_exact=0.73),
    # Gathered unmeasured after the final rules, measured once on them (the extraction code of
    # 9a04fae): recall 0.250, precision 0.500, days 1.000, materials F1 0.00-0.92 (one item found;
    # its papers read in DOCX only); the notices give nothing. Blind.
    "heldout31": Floors(recall=0.25, precision=0.5, materials_f1=0.0, days_exact=1.0),
}

# Notice renderings of a blind set that give an item as measured (no rule is written from a blind
# set, so they are held, not fixed: a change in either direction shows here).
# A learnt-from set's notice renderings that still give an item are held the same way, with why:
# heldout21's 遵义 生育服务 page is the family-planning 生育登记 (所需资料, 立即 registered), read as a
# 生育 service guide; telling the two services apart by name is not a rule of guides.
# heldout24's 济南 医保局 answer on how 生育 benefits are paid (生育津贴 named with what the employer
# hands in) reads as a guide to the allowance.
BLIND_NOTICE_EXTRAS: dict[str, int] = {"heldout21": 3, "heldout24": 3}

# Renderings (three per notice) of the notices in each set: none may give an item.
NOTICE_RENDERINGS: dict[str, int] = {
    "heldout": 18, "heldout2": 18, "heldout3": 9, "heldout4": 21, "heldout5": 18, "heldout6": 18, "heldout7": 15,
    "heldout8": 21, "heldout9": 15, "heldout10": 15, "heldout11": 15, "heldout12": 15, "heldout13": 9, "heldout14": 6, "heldout15": 12,
    "heldout16": 9, "heldout17": 9, "heldout18": 12,
    "heldout19": 9, "heldout20": 12, "heldout21": 12, "heldout22": 12, "heldout23": 9, "heldout24": 21, "heldout25": 15, "heldout26": 9,
    "heldout27": 9, "heldout28": 9, "heldout29": 6, "heldout30": 9, "heldout31": 9,
}


@pytest.fixture(scope="module")
def set_evals() -> dict[str, Evaluation]:
    """Each set evaluated once for all the tests of this module."""
    return {}


def _evaluation(set_evals: dict[str, Evaluation], name: str) -> Evaluation:
    if name not in set_evals:
        set_evals[name] = evaluate(ROOT / name / "corpus", ROOT / name / "gold")
    return set_evals[name]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
@pytest.mark.parametrize("name", list(FLOORS))
def test_real_pages_hold_their_measured_level(set_evals: dict[str, Evaluation], name: str, fmt: str) -> None:
    t = _evaluation(set_evals, name).by_format()[fmt]
    floors = FLOORS[name]
    assert t["recall"] >= floors.recall
    assert t["precision"] >= floors.precision
    assert t["materials_f1"] >= floors.materials_f1
    assert t["days_exact"] >= floors.days_exact


@pytest.mark.parametrize("name", list(FLOORS))
def test_notices_give_no_items(set_evals: dict[str, Evaluation], name: str) -> None:
    notices = [f for f in _evaluation(set_evals, name).files if f.gold == 0]
    if name in NOTICE_RENDERINGS:
        assert len(notices) == NOTICE_RENDERINGS[name]
    else:
        assert len(notices) >= 15  # five or more notices, three renderings each
    extras = [f.file for f in notices if f.extra]
    assert len(extras) == BLIND_NOTICE_EXTRAS.get(name, 0), extras


def test_legal_basis_block_with_categories_names_the_item() -> None:
    # 二、银川生育津贴申领办理依据 then 【法律】《…》 entries: the label names the act.
    (item,) = extract_file(COLLECTED / "corpus" / "nx_yinchuan_shengyu_jintie_yiju.pdf").items
    assert item.item_name == "生育津贴申领"
    assert {b.title for b in item.legal_basis} >= {"中华人民共和国劳动法", "中华人民共和国社会保险法"}


def test_readings_written_into_a_repost_are_read_past_and_kept() -> None:
    (item,) = extract_file(COLLECTED / "corpus" / "hn_xiangyin_shengyu_jintie_zhinan.docx").items
    assert item.item_name == "我要申領(lǐng)城鎮(zhèn)職工生育津貼"
    assert item.promised_days == 30


@pytest.mark.parametrize("encode", ["utf-16", "unknown-charset"])
def test_html_in_unusual_encodings_reads(tmp_path: Path, encode: str) -> None:
    page = (DEV / "corpus" / "gd_zhuhai_danwei_shengyu_jintie_zhiyin.html").read_text(encoding="utf-8")
    path = tmp_path / "page.html"
    if encode == "utf-16":
        path.write_bytes(page.encode("utf-16"))  # with its byte-order mark
    else:
        path.write_bytes(page.replace("charset=utf-8", "charset=x-no-such-charset").encode("utf-8"))
    assert [i.item_name for i in extract_file(path).items] == ["单位生育津贴"]


def test_an_answer_opening_a_list_of_materials(tmp_path: Path) -> None:
    # The Q&A form of many bureaus' pages: 问：…怎么申领？ 答：需提供以下材料： 1、… 2、…
    page = tmp_path / "qa.html"
    page.write_text(
        "<html><head><meta charset='utf-8'><title>生育津贴怎么申领_医疗保障局</title></head><body>"
        "<h1>生育津贴怎么申领</h1><p>问：生育津贴怎么申领？</p><p>答：需提供以下材料：</p>"
        "<p>1、有效身份证件；</p><p>2、出生医学证明；</p><p>3、住院病历复印件。</p>"
        "<p>材料齐全的，经办机构按规定办理。</p></body></html>",
        encoding="utf-8",
    )
    (item,) = extract_file(page).items
    assert item.item_name == "生育津贴"
    assert [m.name for m in item.materials] == ["有效身份证件", "出生医学证明", "住院病历复印件"]


def test_limit_stated_only_in_the_process_is_read() -> None:
    """西安's notice has no time-limit field; its last process step ends with 当场办结."""
    result = extract_file(ROOT / "collected" / "corpus" / "sn_xian_zhanghu_zhiqu_tongzhi.pdf")
    [item] = result.items
    assert (item.legal_days, item.promised_days) == (None, 0)
    assert item.time_limit_text == "对申请材料齐全、符合法定形式的当场办结"
