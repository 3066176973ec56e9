"""Structures of the twenty-seventh held-out set of real guides (tests/fixtures/realworld/heldout27/),
measured once on arrival, then read as rules about guides in general."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from normalizers.item_title import clean_name, is_notice_title, name_from_title
from normalizers.material_sentence import documents_shown

HELDOUT27 = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout27"
FORMATS = ["pdf", "docx", "html"]


def _items(stem: str, fmt: str) -> list:
    return extract_file(HELDOUT27 / "corpus" / f"{stem}.{fmt}").items


def _text(stem: str) -> str:
    return (HELDOUT27 / "text" / f"{stem}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_how_to_then_how_long_and_a_remark_under_the_list(fmt: str) -> None:
    # 娄底医保卡丢了怎么补办?要多久可以拿到?: the how-to names the item, the second question only asks a
    # term of it. Under 三、补办材料 the paragraph of several sentences naming no paper (医保卡在申请补办了
    # 之后,大概需要半个月左右…。不过各地…) is a remark, and 原件、复印件 are two forms of one paper.
    [item] = _items("hn_loudi_yibaoka_buban", fmt)
    assert item.item_name == "医保卡丢了补办"
    assert [m.name for m in item.materials] == ["身份证或户口本原件、复印件(委托他人办理需提供委托书及委托人身份证原件、复印件)"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_how_to_collect_then_how_much_after_a_comma(fmt: str) -> None:
    # 衢州市生育津贴怎么领,2016年衢州市生育津贴怎么算的多少钱: the second wording asks the amount.
    [item] = _items("zj_quzhou_shengyu_jintie_shenling", fmt)
    assert item.item_name == "生育津贴"
    assert len(item.materials) == 11
    assert item.materials[0].name == "本人身份证"


def test_questions_about_terms_name_no_item_of_their_own() -> None:
    assert name_from_title("社保卡丢了怎么补办?多久能拿到?") == "社保卡丢了补办"
    # A second wording that is no question (一图看懂) leaves the title as it was read before.
    assert name_from_title("失能老人如何申請長護險?一圖看懂") is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_payment_deadline_titled_twice_is_a_notice(fmt: str) -> None:
    # 2024大庆居民医保缴费截止时间 大庆市城乡居民医保缴费: the first wording names a deadline; the page
    # mentions 身份证复印件 for a first registration in passing.
    assert _items("hl_daqing_jumin_yibao_jiaofei_shijian", fmt) == []
    assert is_notice_title("2024大庆居民医保缴费截止时间 大庆市城乡居民医保缴费")
    assert not is_notice_title("大庆市城乡居民医保缴费办事指南")


def test_papers_put_in_and_handed_in_by_a_date() -> None:
    # 芜湖 step 6: 将A、B等有效证件资料于每年11月30日前交人力资源处 — what 将 takes is handed in; the
    # date ends the papers, and 派出所或村委会 is a choice of issuers, not of papers.
    step = next(ln for ln in _text("ah_wuhu_yidi_anzhi_banli_liucheng").splitlines() if ln.startswith("6、"))
    assert documents_shown(step[2:], given=True) == ["《申请表》", "安置地派出所或村委会出具的居住证明"]
    assert documents_shown("凭医保电子凭证、身份证或社保卡到窗口办理") == ["医保电子凭证、身份证或社保卡"]


def test_a_note_naming_a_case_of_the_act_stays() -> None:
    assert clean_name("医疗保险费用结算(两定机构月度结算)") == "医疗保险费用结算(两定机构月度结算)"
    assert clean_name("异地就医备案(资料+流程)") == "异地就医备案"
