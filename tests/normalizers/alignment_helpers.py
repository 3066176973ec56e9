"""Helpers of the alignment tests: GuideItems to align, and the check that the wordings a
variant rule is tested on are unseen."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from govguide.core.models import GuideItem, LegalBasis, Material


def guide_item(
    name: str,
    *,
    province: str | None = "某省",
    region: str | None = None,
    source: str = "doc_a.pdf",
    section: str | None = None,
    materials: Sequence[str | tuple[str, str | None]] = (),
    legal: Sequence[tuple[str, Sequence[int]]] = (),
    legal_days: int | None = None,
    promised_days: int | None = None,
) -> GuideItem:
    """A GuideItem with what alignment reads. ``materials`` are names or (name, condition)."""
    mats = [
        Material(name=m, condition=None)
        if isinstance(m, str)
        else Material(name=m[0], condition=m[1])
        for m in materials
    ]
    return GuideItem(
        item_name=name,
        province=province,
        region=region,
        source_file=source,
        source_sha256="0" * 64,
        extractor="test",
        section=section,
        materials=mats,
        legal_basis=[LegalBasis(title=t, articles=list(a)) for t, a in legal],
        legal_days=legal_days,
        promised_days=promised_days,
    )


def wordings_in(paths: list[Path]) -> set[str]:
    """Every wording of the labelled name files ``paths``."""
    return {str(e["name"]) for p in paths for e in json.loads(p.read_text(encoding="utf-8"))}


NAMES = Path(__file__).resolve().parents[1] / "fixtures" / "names"
DEV_NAMES = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "dev" / "names.json"


def labelled_files() -> list[Path]:
    """Every file of labelled wordings: the development wordings and all of tests/fixtures/names/."""
    return [DEV_NAMES, *sorted(NAMES.glob("*.json"))]


def assert_in_no_labelled_set(checked: set[str]) -> None:
    """A variant rule is checked on other wordings of its class: none of ``checked`` may be a
    wording of any labelled set, learnt from or held out."""
    assert not wordings_in(labelled_files()) & checked


def assert_unseen(checked: set[str], held_out: list[Path], learnt_from: list[Path]) -> None:
    """A variant rule is checked on other wordings of its class: none of ``checked`` may be a
    wording of a held-out half or of the wordings the rule was learnt from."""
    assert not wordings_in(held_out) & checked
    assert not wordings_in(learnt_from) & checked
