"""Structures of the collected real pages (tests/fixtures/realworld/collected) read by general
rules: each test reads a real page and asserts the item or the field the rule gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.extract import extract_file, load_document
from extractors.fields.lines import page_lines
from normalizers.item_title import name_from_title

COLLECTED = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "collected"


def _title(stem: str) -> str:
    return str(json.loads((COLLECTED / "layout" / f"{stem}.layout.json").read_text(encoding="utf-8"))["title"])


def test_a_question_word_inside_a_title_is_taken_out() -> None:
    # 乌鲁木齐 (traditional, readings kept) and 重庆: the question asks about the act it names.
    assert name_from_title(_title("xj_wulumuqi_danwei_canbao")) == "醫(yī)療保險參保"
    assert name_from_title(_title("cq_jumin_yibao_baoxiao_wenda")) == "城乡居民医保参保人看病就医后报销医疗费用"


def test_a_title_worded_twice_names_its_item_once() -> None:
    # 上海 repost: …醫保卡辦理需要什么條件,…醫保卡辦理條件 (one act, worded twice for search
    # engines; ?? is a character the page lost, kept as written). Two different acts joined by a
    # comma name no one item.
    assert name_from_title(_title("sh_shanghai_yibaoka_banli")) == "醫(yī)??ㄞk理"
    assert name_from_title("城乡居民参保登记,生育津贴申领") is None


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_documents_listed_under_a_conditions_heading_are_the_materials(fmt: str) -> None:
    # 乌鲁木齐: the materials heading was lost in the repost; the numbered documents follow
    # the 辦理條件 paragraph. The 經辦程序 steps after them are no materials.
    (item,) = extract_file(COLLECTED / "corpus" / f"xj_wulumuqi_danwei_canbao.{fmt}").items
    assert item.item_name == "醫(yī)療保險參保"
    names = [m.name for m in item.materials]
    assert len(names) == 5
    assert names[1] == "《組織機構代碼證》(原件及復印件)"
    assert item.promised_days == 5


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_a_caption_naming_the_act_under_a_materials_heading(fmt: str) -> None:
    # 邢台: 报销材料 / 生育保险待遇报销 (a heading of its own) / 1.… 7.…: the caption does not
    # end the list, whatever its font; the costs the fund does not pay (1.… 9. above) are no
    # materials.
    (item,) = extract_file(COLLECTED / "corpus" / f"he_xingtai_shengyu_baoxiao_cailiao.{fmt}").items
    assert item.item_name == "生育保险待遇报销"
    names = [m.name for m in item.materials]
    assert names[0] == "《邢台市城镇职工生育保险住院申报表》"
    assert len(names) == 7
    assert item.promised_days == 15


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_documents_named_only_in_prose_for_the_act_the_title_names(fmt: str) -> None:
    # 石家庄: no materials label; …办理跨省异地就医备案，持社会保障卡和身份证到…窗口办理。
    (item,) = extract_file(COLLECTED / "corpus" / f"he_shijiazhuang_kuasheng_yidi_beian.{fmt}").items
    assert item.item_name == "跨省异地就医备案"
    assert [m.name for m in item.materials] == ["社会保障卡", "身份证"]


def test_prose_documents_signed_and_shown() -> None:
    # 西安 须知: 签署…个人“承诺书” and 凭医保电子凭证、身份证或社保卡 (one proof to choose).
    (item,) = extract_file(COLLECTED / "corpus" / "sn_xian_yidi_beian_xuzhi.pdf").items
    assert item.item_name == "自助办理异地备案"
    assert [m.name for m in item.materials] == ["纸质或电子版个人“承诺书”", "医保电子凭证、身份证或社保卡"]


@pytest.mark.parametrize("stem", ["nx_yinchuan_huimin_yibaoka_xinwen", "tj_tianjin_waichu_wugong_yidi_jiuyi_tongzhi", "hl_haerbin_shebaoka_zhifa_tongzhi"])
@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_news_saying_what_to_bring_gives_no_item(stem: str, fmt: str) -> None:
    # News and notices name papers to bring (持…到…) for something that is no item's act.
    assert extract_file(COLLECTED / "corpus" / f"{stem}.{fmt}").items == []


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_a_rule_saying_the_act_is_done_at_once_is_the_limit(fmt: str) -> None:
    # 西安 须知: no limit labelled; 提交后自动审核，立即生效 (wrapped inside the phrase in the PDF).
    (item,) = extract_file(COLLECTED / "corpus" / f"sn_xian_yidi_beian_xuzhi.{fmt}").items
    assert (item.legal_days, item.promised_days) == (None, 0)


def test_the_last_process_step_done_on_the_spot_is_the_limit() -> None:
    # 西安 通知 carrying a guide: 3、…对申请材料齐全、符合法定形式的当场办结.
    (item,) = extract_file(COLLECTED / "corpus" / "sn_xian_zhanghu_zhiqu_tongzhi.pdf").items
    assert item.promised_days == 0


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_two_items_under_headings_of_their_own(fmt: str) -> None:
    # 济宁 (under an unrelated title): 城镇居民参保流程 / 城镇职工参保流程, each with the documents
    # its steps say to bring; the umbrella heading 济宁医保参保流程 holds nothing and gives nothing.
    items = extract_file(COLLECTED / "corpus" / f"sd_jining_yibao_canbao_liucheng.{fmt}").items
    assert [i.item_name for i in items] == ["城镇居民参保", "城镇职工参保"]
    assert [m.name for m in items[0].materials][1:4] == ["户口簿", "身份证及其复印件", "近期免冠彩色1寸2张照片"]
    assert [m.name for m in items[1].materials] == ["营业执照或登记证书等有关证照"]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_an_item_heading_with_a_rule_done_at_once_and_steps_that_are_no_documents(fmt: str) -> None:
    # 那曲: 一、异地就医备案 (无需审核，立即生效) / 二、…如何跨省共济… (cut after its heading: no
    # item). The numbered click steps mention 备案记录 and 告知书 on the way: they are no list
    # of documents; the one document is what a step says to upload (填写个人信息并按要求上传
    # 有效身份证件或社保卡图片: each verb takes its own object).
    (item,) = extract_file(COLLECTED / "corpus" / f"xz_naqu_kuasheng_jiuyi_zhinan.{fmt}").items
    assert item.item_name == "异地就医备案"
    assert item.promised_days == 0
    assert [m.name for m in item.materials] == ["有效身份证件或社保卡图片"]


@pytest.mark.parametrize("fmt", ["pdf", "html"])
def test_each_scheme_under_its_heading_twice_is_one_item(fmt: str) -> None:
    # 昆明 (under an unrelated spam title): 城镇职工医疗保险： / 城乡居民医疗保险：, each given
    # as an overview and again with the materials by who applies; the spam title is no item.
    items = extract_file(COLLECTED / "corpus" / f"yn_kunming_canbao_cailiao.{fmt}").items
    assert [i.item_name for i in items] == ["城镇职工医疗保险", "城乡居民医疗保险"]
    assert "非本市户籍成年人还需提交《云南省昆明市居住证》" in [m.name for m in items[1].materials]


def test_a_heading_naming_no_act_ends_the_item_above_it(tmp_path: Path) -> None:
    # 一、…参保登记 / 二、缴费方式: the part says what to bring too, but its heading names no act
    # or scheme (it ends with 方式).
    page = tmp_path / "guide.html"
    page.write_text(
        "<html><head><meta charset='utf-8'><title>参保指南来了</title></head><body>"
        "<h1>参保指南来了</h1><h2>一、城乡居民参保登记</h2>"
        "<p>参保人持户口簿和身份证到社区服务窗口办理。</p>"
        "<h2>二、缴费方式</h2><p>缴费时请持社会保障卡到银行网点缴纳。</p></body></html>",
        encoding="utf-8",
    )
    (item,) = extract_file(page).items
    assert item.item_name == "城乡居民参保登记"
    assert [m.name for m in item.materials] == ["户口簿", "身份证"]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_a_process_heading_names_the_item_when_the_title_joins_topics(fmt: str) -> None:
    # 贵阳 (traditional): the title 貴陽外地戶口新生兒醫保辦理及所需材料報銷比例 ends with no act;
    # 一、貴陽新生兒醫療保險辦理流程 names what the page walks through, and its first step says
    # what to bring (持戶口簿、身份證及復印件(…)，到…; 由學校提供其學籍證明、花名冊、照片并統一…).
    # The 辦法 cited in prose keeps its writing.
    (item,) = extract_file(COLLECTED / "corpus" / f"gz_guiyang_xinshenger_canbao.{fmt}").items
    assert item.item_name == "新生兒醫療保險"
    assert [m.name for m in item.materials] == [
        "戶口簿", "身份證及復印件(6周歲以上需提供照片)", "學籍證明", "花名冊", "照片"
    ]
    assert [b.title for b in item.legal_basis] == ["貴陽市城鎮居民基本醫療保險試點實施辦法"]


@pytest.mark.parametrize("fmt", ["pdf"])
def test_a_note_on_its_own_line_and_download_hints_in_a_materials_list(fmt: str) -> None:
    # 西安: 《个人账户一次性支取诚信申报承诺书》 / (加盖单位公章) / 扫描二维码下载文件 (after every
    # form): the note belongs to the form above it; the download hint is page furniture.
    (item,) = extract_file(COLLECTED / "corpus" / f"sn_xian_zhanghu_zhiqu_tongzhi.{fmt}").items
    names = [m.name for m in item.materials]
    assert "《个人账户一次性支取诚信申报承诺书》(加盖单位公章)" in names
    assert "《职工基本医疗保险个人账户一次性支取申请表》" in names
    assert not any("二维码" in n or n.startswith("(") for n in names)


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_the_applicants_window_under_when_to_apply_is_no_limit(fmt: str) -> None:
    # 北京: 什么時間辦理? / 符合…參保條件之日起90日內 — days counted from the applicant's own event.
    (item,) = extract_file(COLLECTED / "corpus" / f"bj_beijing_chengxiang_jumin_yibao_zhinan.{fmt}").items
    assert (item.legal_days, item.promised_days) == (None, None)


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_lettered_cases_each_with_a_list_run_into_one_line(fmt: str) -> None:
    # 太原: 2.流产…携带以下材料原件: / A.首次…需携带:(1)结婚证;(2)… / B.带环…需携带:(1)…
    (item,) = extract_file(COLLECTED / "corpus" / f"sx_taiyuan_shengyu_baoxian_baoxiao.{fmt}").items
    by_name = {(m.name, m.condition) for m in item.materials}
    assert ("结婚证", "流产、引产或者死胎的携带以下材料原件 / 首次流产、引产或者死胎的需携带") in by_name
    assert ("独生子女证", "流产、引产或者死胎的携带以下材料原件 / 带环妊娠流产的需携带") in by_name
    assert not any(m.name.endswith((":", "：")) for m in item.materials)
    assert len(item.materials) == 13


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_a_heading_names_the_titles_subject_with_its_act(fmt: str) -> None:
    # 南宁: title 社保卡业务办理 (a service area), 相关政策: six documents, then (一)社保卡申领.
    (item,) = extract_file(COLLECTED / "corpus" / f"gx_nanning_shebaoka_shenling.{fmt}").items
    assert item.item_name == "社保卡申领"
    assert len(item.legal_basis) == 6
    assert item.legal_basis[0].doc_number == "人社部发〔2011〕83号"


def test_a_breadcrumb_with_readings_written_into_it_is_page_furniture() -> None:
    # 上海 repost: 您現(xiàn)在的位置: 太平洋保險>保險資訊>行業(yè)動態(tài) — read without its readings,
    # it starts like every breadcrumb.
    lines = page_lines(load_document(COLLECTED / "corpus" / "sh_shanghai_yibaoka_banli.docx"))
    assert not any("位置" in ln.text for ln in lines)
    assert any(ln.text.startswith("欲了解上海医保卡") for ln in lines)


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_the_labelled_list_of_documents_goes_before_a_list_naming_none(fmt: str) -> None:
    # 南昌: 一、南昌医保报销流程和所需材料 holds 报销范围 1、… 2、… (what is covered); the documents
    # come under 报销材料 / 医院材料: further down.
    (item,) = extract_file(COLLECTED / "corpus" / f"jx_nanchang_yibao_baoxiao_liucheng.{fmt}").items
    assert item.materials[0].name == "南昌市城镇职工医疗保险门诊费用结算汇总表"


@pytest.mark.parametrize("fmt", ["pdf", "html"])
def test_bare_material_lines_that_look_like_labels(fmt: str) -> None:
    # 郑州: 男职工须提供配偶无工作的证明信 after 1.…8. is the list's last entry; 住院手术记录及诊断
    # 材料 among bare lines ends with 材料 but names no act: an entry, not a third sub-item;
    # 注:… under the list is a remark.
    items = extract_file(COLLECTED / "corpus" / f"ha_zhengzhou_shengyu_baoxiao_cailiao.{fmt}").items
    assert [i.item_name for i in items] == ["生育津贴申领", "流(引)产的生育津贴申领"]
    assert items[0].materials[-1].name == "男职工须提供配偶无工作的证明信"
    assert [m.name for m in items[1].materials][-1] == "住院手术记录及诊断材料"
    assert not any(m.name.startswith("注") for i in items for m in i.materials)
