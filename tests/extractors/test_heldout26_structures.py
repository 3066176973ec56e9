"""Structures of the twenty-sixth held-out set of real guides (tests/fixtures/realworld/heldout26/),
measured once on arrival, then read as rules about guides in general."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from normalizers.item_title import clean_name, name_from_title
from normalizers.legal_basis import parse_citation, parse_legal_basis
from normalizers.material_sentence import documents_shown, is_generic
from normalizers.time_limits import process_limit_clause

REALWORLD = Path(__file__).resolve().parents[1] / "fixtures" / "realworld"
HELDOUT26 = REALWORLD / "heldout26"
FORMATS = ["pdf", "docx", "html"]


def _items(stem: str, fmt: str, folder: Path = HELDOUT26) -> list:
    return extract_file(folder / "corpus" / f"{stem}.{fmt}").items


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_service_commitment_card(fmt: str) -> None:
    # 事项名称 / 政策规定 / 资格要求 / 必备手续 / 办理程序 / 时限承诺: an old service-commitment card's labels.
    # 必备手续 holds the papers (each entry a case sentence, kept as written), 政策规定 the basis; a
    # series number without a year bracket (…公告第53号) is the series and its number.
    [item] = _items("yn_qujing_yibao_ic_ka_buban", fmt)
    assert item.item_name == "医保IC卡解锁、挂失、补办"
    assert len(item.materials) == 3
    assert item.materials[0].name.startswith("持卡人累计三次输错IC卡密码时")
    assert [(b.title, b.doc_number) for b in item.legal_basis] == [("曲靖市人民政府公告", "第53号")]
    # 证件齐全及时办理: 及时 (promptly) is no 即时办结.
    assert (item.legal_days, item.promised_days) == (None, None)


def test_a_numbered_series_is_read_apart_from_an_issuers_order() -> None:
    basis = parse_citation("国家医疗保障局公告2020年第1号")
    assert basis is not None and (basis.title, basis.doc_number) == ("国家医疗保障局公告", "2020年第1号")
    # An order (令) is known by its number alone, as before.
    order = parse_citation("人力资源社会保障部令第18号")
    assert order is not None and order.doc_number == "人力资源社会保障部令第18号"


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_title_over_every_screenshot_and_the_case_before_a_question(fmt: str) -> None:
    # 长沙长期居住异地怎么办理异地就医, repeated over each screenshot inside 3、备案流程: the repeats are no
    # headings (the step ③ …预计两个工作日内可完成审核 stays in the process and gives the limit); the
    # words before the question name the case of the service, not who asks, so they stay in its name.
    [item] = _items("hn_changsha_yidi_changqi_juzhu_beian", fmt)
    assert item.item_name == "长期居住异地办理异地就医"
    assert item.promised_days == 2
    assert [m.name for m in item.materials] == ["长期居住认定材料(居住证照片)或个人承诺书"]


def test_who_asks_goes_and_the_case_stays() -> None:
    assert name_from_title("参保单位如何办理在职职工增加人员业务") == "在职职工增加人员业务"
    assert name_from_title("长期居住异地怎么办理异地就医") == "长期居住异地办理异地就医"


def test_a_review_completed_in_days_is_the_limit() -> None:
    assert process_limit_clause("③提交备案,自提交备案登记起,预计两个工作日内可完成审核,可在小程序上查询备案状态。") == (
        "预计两个工作日内可完成审核"
    )
    # A step's days that decide nothing are still no limit.
    assert process_limit_clause("医保中心10个工作日内初审录入") is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_how_to_answered_by_paragraphs_of_process(fmt: str) -> None:
    # 哈尔滨居民医保怎么办理 / 办理流程 with four paragraphs by kind of resident: the page walks through
    # joining the scheme; 携带参保材料 names no paper and the 凭单 the office hands out is its result.
    [item] = _items("hl_haerbin_jumin_yibao_banli", fmt)
    assert item.item_name == "居民医保"
    assert item.materials == []


def test_papers_named_by_their_act_and_papers_the_office_issues() -> None:
    assert is_generic("参保材料") and is_generic("备案资料")
    assert not is_generic("参保凭证")
    shown = documents_shown("办理参保登记后,持其出具的《签约扣款凭单》到银行建立账户")
    assert shown == []
    assert documents_shown("持医院出具的《诊断证明书》到窗口办理") == ["医院出具的《诊断证明书》"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_page_note_and_the_place_an_act_goes_to(fmt: str) -> None:
    # 附流程 职工医保转出长沙怎么办理 (heldout21): 附流程 is the page's note and 长沙 the place moved out of.
    # Its one paper is in step 2, handed over by the insured (参保人交对方社保机构开具的…联系函).
    [item] = _items("hn_changsha_zhigong_yibao_zhuanchu", fmt, REALWORLD / "heldout21")
    assert item.item_name == "职工医保转出"
    assert [m.name for m in item.materials] == ["对方社保机构开具的基本医疗保险转移接续联系函"]
    assert clean_name("医保关系转入北京") == "医保关系转入"
    assert clean_name("生育津贴申领") == "生育津贴申领"


@pytest.mark.parametrize("fmt", FORMATS)
def test_numbered_citations_run_together_in_a_cell(fmt: str) -> None:
    [item] = _items("sh_shanghai_dingdian_yiliao_jigou_shending", fmt)
    assert [b.doc_number for b in item.legal_basis] == ["劳社部发〔1999〕14号", "沪医保[2002]10号", "沪人社医监发(2010)56号"]
    text = "1、甲办法(劳社部发〔1999〕14号) 2、乙办法(沪医保[2002]10号)3、丙办法(沪人社医监发(2010)56号)"
    assert [b.title for b in parse_legal_basis(text)] == ["甲办法", "乙办法", "丙办法"]
