"""Structures of the eighteenth held-out set of real guides (tests/fixtures/realworld/heldout18/),
measured once on arrival, then read as rules about guides in general."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.extract import extract_file

HELDOUT18 = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "heldout18"
FORMATS = ["pdf", "docx", "html"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_papers_listed_in_a_sentence_between_semicolons(fmt: str) -> None:
    # 生育津贴领取需要什么资料 领取时间期限 over an introduction, then 据了解,领取生育津贴需要的材料主要有这几种:
    # A;B、C和D;E、F(…);G(…);报销资料涉及复印件的部分,需提供原件审核: one entry per part between
    # semicolons, up to the part naming no paper; the introduction under the title is none.
    [item] = extract_file(HELDOUT18 / "corpus" / f"xx_shengyu_jintie_lingqu_ziliao.{fmt}").items
    assert item.item_name == "生育津贴领取"
    assert [m.name for m in item.materials] == [
        "参保职工的社会保障卡复印件",
        "准生证、出生证和独子证复印件",
        "生育住院发票复印件、出院小结(盖就诊医院章)",
        "单位证明(含职工姓名、年龄、身份证号、产假起止日期)",
    ]
