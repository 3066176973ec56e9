"""Extraction against the hand-checked gold items: the product's acceptance figures.

Each sample exists as DOCX and as the PDF made from it; both must reach the same figures
with the same layout code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from govguide.pipeline.evaluate import score_file
from tests.conftest import extracted, sample_files

THRESHOLD = 0.95


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_every_gold_item_found_and_fields_agree(path: Path, gold_by_file: dict[str, list[dict[str, Any]]]) -> None:
    gold = gold_by_file.get(path.stem, [])
    score = score_file(path, gold, extracted(path))
    assert score.misses == [], f"missing items: {score.misses}"
    assert score.extras == [], f"extra items: {score.extras}"
    if not gold:
        return
    n = score.found
    assert score.legal_ok / n >= THRESHOLD, score.diffs
    assert score.promised_ok / n >= THRESHOLD, score.diffs
    assert sum(score.materials_f1) / n >= THRESHOLD, score.diffs
    assert sum(score.basis_f1) / n >= THRESHOLD, score.diffs


def test_notice_is_not_a_guide() -> None:
    for path in sample_files():
        if path.stem.startswith("lz_yibao_tongzhi"):
            result = extracted(path)
            assert result.items == []
            assert result.not_a_guide_reason and "not a service guide" in result.not_a_guide_reason


@pytest.mark.parametrize("stem", ["gx_list_yibao_jingban", "cq_youyang_fuwu_zhinan", "zj_yibao_banshi_zhinan",
                                  "gx_liujiang_yibao_bujiao_zhinan"])
def test_pdf_and_docx_give_the_same_items(stem: str) -> None:
    from tests.conftest import SAMPLES

    pdf = extracted(SAMPLES / f"{stem}.pdf")
    docx = extracted(SAMPLES / f"{stem}.docx")
    assert pdf.extractor == docx.extractor
    assert [i.item_name for i in pdf.items] == [i.item_name for i in docx.items]
    assert [(i.legal_days, i.promised_days) for i in pdf.items] == [(i.legal_days, i.promised_days) for i in docx.items]


def test_province_and_region_come_from_the_document(gold_by_file: dict[str, list[dict[str, Any]]]) -> None:
    for path in sample_files():
        gold = gold_by_file.get(path.stem)
        if not gold:
            continue
        result = extracted(path)
        assert {(i.province, i.region) for i in result.items} == {(g["province"], g["region"]) for g in gold}, path.name


def test_provenance_points_at_the_source() -> None:
    from tests.conftest import SAMPLES

    item = extracted(SAMPLES / "gx_list_yibao_jingban.pdf").items[0]
    assert item.page == 1
    ref = item.provenance["item_name"][0]
    assert ref.page == 1 and ref.table is not None and ref.row is not None and ref.bbox is not None
    assert item.provenance["materials"] and item.provenance["legal_basis"] and item.provenance["time_limit"]
    docx_item = extracted(SAMPLES / "gx_list_yibao_jingban.docx").items[0]
    dref = docx_item.provenance["item_name"][0]
    assert dref.table == 0 and dref.row is not None and dref.col == 2
