"""Materials written as one sentence under a materials label, on real pages of the collected
set (tests/fixtures/realworld/collected): the sentence is read as a list of documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from normalizers.material_sentence import documents_in_sentence, documents_shown

COLLECTED = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "collected"


def _line(stem: str, starts: str) -> str:
    """The line of a stored page that starts with ``starts`` (as written, verbatim)."""
    lines = (COLLECTED / "text" / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
    (line,) = [x.strip() for x in lines if x.strip().startswith(starts)]
    return line


def test_a_bare_list_with_a_remark_after_it() -> None:
    # 北京 repost, traditional characters: the remark 具體材料可與…確認 is no material.
    line = _line("bj_beijing_chengxiang_jumin_yibao_zhinan", "戶口簿、")
    assert documents_in_sentence(line) == ["戶口簿", "居民身份證", "本人照片", "開戶銀行賬號"]


def test_a_list_joined_by_commas_and_ji() -> None:
    # 哈尔滨: 、 and ， and 及 separate; 原件及复印件 is one material, a bracketed note stays.
    line = _line("hl_haerbin_manxingbing_shenbao_cailiao", "居民身份证、")
    assert documents_in_sentence(line) == [
        "居民身份证",
        "社会保障卡原件及复印件",
        "与申报疾病相关的近期住院病历复印件(加盖医院住院病历复印专用章)",
        "相关辅助检查资料(包括影像资料、检查报告等。)",
    ]


def test_the_form_to_fill_and_a_numbered_list_after_a_lead_in() -> None:
    # 江西: 填写《…》(一式三份)，提供以下资料：①…⑤…等，此…请… (the remark ends the list).
    line = _line("jx_menzhen_teshu_manxingbing_rending", "经本人申请")
    assert documents_in_sentence(line) == [
        "《江西省门诊慢特病病种待遇认定审核》(一式三份)",
        "本人身份证",
        "二级及以上医院慢性病相关的诊疗记录",
        "检查报告",
        "出院记录",
        "疾病证明",
    ]


def test_a_document_shown_to_do_the_act() -> None:
    # 长沙: 凭…身份证或居住证可以办理… — alternatives joined by 或 are one proof.
    line = _line("hn_changsha_linghuo_jiuye_canbao", "灵活就业人员凭")
    assert documents_in_sentence(line) == ["长沙市公安机关发放的身份证或居住证"]


def test_alternatives_and_prose_name_no_list() -> None:
    # 洛阳 ⑴工商营业执照，或…，或…: one entry offering alternatives; 西宁: a sentence about
    # when to register names a card in passing, it lists nothing.
    assert documents_in_sentence(_line("ha_luoyang_danwei_canbao_dengji_zhinan", "⑴工商营业执照")) == []
    assert documents_in_sentence(_line("qh_xining_jumin_canbao", "城乡居民出生180天(含)")) == []


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_a_materials_question_with_a_numbered_sub_label(fmt: str) -> None:
    # 需要什么材料? / 1、參保材料: / the sentence / 2、照片格式: (no material: it ends the list).
    (item,) = extract_file(COLLECTED / "corpus" / f"bj_beijing_chengxiang_jumin_yibao_zhinan.{fmt}").items
    assert [m.name for m in item.materials] == ["戶口簿", "居民身份證", "本人照片", "開戶銀行賬號"]
    assert {m.condition for m in item.materials} == {"參保材料"}


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_a_question_in_a_list_is_no_material(fmt: str) -> None:
    # The title asks 申报材料有哪些?, sub-question ① asks again; ②所需材料 holds the sentence.
    (item,) = extract_file(COLLECTED / "corpus" / f"hl_haerbin_manxingbing_shenbao_cailiao.{fmt}").items
    assert item.item_name == "医保慢性病申报"
    assert [m.name for m in item.materials][:2] == ["居民身份证", "社会保障卡原件及复印件"]
    assert len(item.materials) == 4


@pytest.mark.parametrize("stem", ["hn_changsha_linghuo_jiuye_canbao", "jx_menzhen_teshu_manxingbing_rending"])
def test_sentence_materials_in_a_pdf(stem: str) -> None:
    # A PDF wraps the sentence over several lines: it is read as one.
    (item,) = extract_file(COLLECTED / "corpus" / f"{stem}.pdf").items
    expected = {
        "hn_changsha_linghuo_jiuye_canbao": 1,
        "jx_menzhen_teshu_manxingbing_rending": 6,
    }[stem]
    assert len(item.materials) == expected
    assert all("，" not in m.name and "," not in m.name for m in item.materials)


def test_what_a_sentence_says_to_bring_after_a_time_clause() -> None:
    # 上海: 报销时，应当携带A、B或C、D、E及复印件(…)。 — the verb stands in the second clause;
    # 社保卡或医保卡 is one proof to choose, 及复印件 belongs to its document.
    line = _line("sh_shanghai_yidi_jiuyi_baoxiao_wenda", "报销时")
    assert documents_in_sentence(line) == [
        "本人身份证",
        "社保卡或医保卡",
        "医疗费原始收据",
        "相关病史资料及复印件(住院需要出院小结及复印件和医疗费清单及复印件)",
    ]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_a_label_names_the_item_when_the_title_only_asks(fmt: str) -> None:
    # 上海: the title 外地人在上海医保报销是怎样的 asks; (三)、上海医疗保险异地就医报销材料 names
    # the act, and its sentences give the materials.
    (item,) = extract_file(COLLECTED / "corpus" / f"sh_shanghai_yidi_jiuyi_baoxiao_wenda.{fmt}").items
    assert item.item_name == "医疗保险异地就医报销"
    assert [m.name for m in item.materials][:3] == ["本人身份证", "社保卡或医保卡", "医疗费原始收据"]


def test_each_verb_takes_its_own_object_and_a_word_is_no_verb() -> None:
    # 那曲: 填写个人信息 (no document) 并按要求上传…图片; 西安: 凭医保电子凭证、… (凭证 is a word,
    # 凭 before it is the verb); a verb inside brackets (…(6周歲以上需提供照片)) takes nothing.
    line = _line("xz_naqu_kuasheng_jiuyi_zhinan", "(二)阅读并同意")
    assert documents_shown(line, given=True) == ["有效身份证件或社保卡图片"]
    line = _line("sn_xian_yidi_beian_xuzhi", "两类人员在异地就医前")
    assert documents_shown(line, given=True) == ["医保电子凭证、身份证或社保卡"]
    line = _line("gz_guiyang_xinshenger_canbao", "持戶口簿")
    assert documents_shown(line, given=True) == ["戶口簿", "身份證及復印件(6周歲以上需提供照片)"]


def test_the_next_sentence_run_into_the_last_entry_drops_only_that_entry() -> None:
    # 昆明五华: …需要提供出生医学证明、户口册户主页和参保人页、父母双方任一方的身份证(原件及复印件1份)
    # 线上:通过… — the aggregator glued the next paragraph onto the last entry.
    line = _line("yn_kunming_puji_jumin_canbao", "注意:新生儿")
    names = documents_shown(line, given=True)
    assert names[0] == "出生医学证明"
    assert not any("线上" in n for n in names)
