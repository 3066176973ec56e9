"""Structures of the twelfth held-out set of real guides (tests/fixtures/realworld/heldout12/),
measured once on arrival, then read as rules about guides in general."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file
from normalizers.materials import split_materials

HELDOUT12 = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout12"
FORMATS = ["pdf", "docx", "html"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_sentence_leading_in_to_a_list_is_no_label(fmt: str) -> None:
    # 所需材料: / 由参保人在参保登记规定时限内,携带: / 1、… 2、… 3、…: the sentence's 规定时限 is no
    # time-limit label and its words name no item; the three papers are the materials.
    [item] = extract_file(HELDOUT12 / "corpus" / f"hb_wuhan_jumin_yibao_shouci_canbao.{fmt}").items
    assert item.item_name != "由参保人在参保登记"
    assert item.time_limit_text is None
    assert [m.name for m in item.materials][0] == "参保人居民身份证(或户口簿)原件"
    assert len(item.materials) == 3


def test_circled_entries_run_together_after_a_comma_of_enumeration() -> None:
    # 所需材料:①本人社會保障卡、②生殖保健服務證或生育證、③結婚證、④孕產婦保健手冊。
    names = [m.name for m in split_materials(["①本人社會保障卡、②生殖保健服務證或生育證、③結婚證、④孕產婦保健手冊。"])]
    assert names == ["本人社會保障卡", "生殖保健服務證或生育證", "結婚證", "孕產婦保健手冊"]
    # Glued entries stay one material; bracketed numbers after 、 stay references.
    assert len(split_materials(["住院报销：①出院记录②清单"])) == 1
    assert len(split_materials(["符合第(1)、(2)项条件的，提供证明"])) == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_label_over_documents_goes_before_one_over_prose(fmt: str) -> None:
    # ② 邮寄/线下提交材料申请 over 参保人将材料邮寄到…提交资料及相关信息进行审核处理 (prose; in the PDF a
    # visual line ends on 资料), then 报销申请材料 over ①《深圳市生育保险医疗费用申请表》(原件) … ⑤.
    [item] = extract_file(HELDOUT12 / "corpus" / f"gd_shenzhen_yidi_shengyu_baoxiao.{fmt}").items
    assert [m.name for m in item.materials][0] == "《深圳市生育保险医疗费用申请表》(原件)"
    assert len(item.materials) == 5
