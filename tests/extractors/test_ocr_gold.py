"""Scanned guides against the hand-checked gold of their text versions.

Each case is a real guide printed to an image-only PDF the way bureaus publish scans
(slanted, speckled, sheets turned sideways or upside down; see scans.CASES). OCR must
find the same items, materials and time limits as the text layer gives.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from govguide.pipeline.evaluate import FileScore, days_exact, score_file
from tests.conftest import FIXTURES, extracted
from tests.extractors import scans


@pytest.fixture(scope="module")
def gold() -> dict[str, list[dict[str, Any]]]:
    by_file: dict[str, list[dict[str, Any]]] = {}
    for path in (FIXTURES / "gold_seeds.json", FIXTURES / "realworld" / "dev" / "gold.json"):
        for g in json.loads(path.read_text(encoding="utf-8")):
            by_file.setdefault(g["file"], []).append(g)
    return by_file


@pytest.fixture(scope="module")
def scores(gold: dict[str, list[dict[str, Any]]]) -> dict[str, FileScore]:
    out = {}
    for name in scans.CASES:
        path = scans.scan_of(name)
        out[name] = score_file(path, gold[name], scans.result(path))
    return out


def test_scans_reach_the_gold_figures(
    scores: dict[str, FileScore], gold: dict[str, list[dict[str, Any]]]
) -> None:
    found = sum(s.found for s in scores.values())
    total = sum(s.gold for s in scores.values())
    mats = [f for s in scores.values() for f in s.materials_f1]
    days_ok = sum(days_exact(scans.result(scans.scan_of(n)).items, gold[n])[0] for n in scores)
    detail = {n: (s.misses, s.extras, s.diffs) for n, s in scores.items()}
    assert total >= 3
    assert found / total >= 0.95, detail
    assert sum(mats) / len(mats) >= 0.85, detail
    assert days_ok / found >= 0.9, detail
    assert all(s.extra == 0 for s in scores.values()), detail


@pytest.mark.parametrize("name", list(scans.CASES))
def test_scan_gives_the_items_of_its_text_version(name: str) -> None:
    scan = scans.result(scans.scan_of(name))
    text = extracted(scans.CASES[name][0])
    assert scan.format == "pdf" and scan.extractor == text.extractor
    assert [i.item_name for i in scan.items] == [i.item_name for i in text.items]
    for got, want in zip(scan.items, text.items, strict=True):
        assert got.ocr and not want.ocr
        assert (got.legal_days, got.promised_days) == (want.legal_days, want.promised_days)
        assert [m.name for m in got.materials] == [m.name for m in want.materials]
        assert [b.title for b in got.legal_basis] == [b.title for b in want.legal_basis]
        # Every field says where it was read and how sure the recogniser was.
        for field, refs in got.provenance.items():
            assert refs and all(r.page is not None and r.confidence is not None for r in refs), field
            assert all(0.0 < r.confidence <= 1.0 for r in refs if r.confidence is not None), field


def test_source_pdfs_really_had_their_text_removed() -> None:
    from govguide.core.safety import has_text_layer

    for name in scans.CASES:
        assert not has_text_layer(Path(scans.scan_of(name)))
