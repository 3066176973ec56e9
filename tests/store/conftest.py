"""Fixtures for the publishing tests: GuideItems built from the hand-checked gold seeds."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from govguide.core.models import GuideItem, LegalBasis, Material, SourceRef, TimeCondition

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "gold_seeds.json"


def gold_guide_items() -> list[GuideItem]:
    """One GuideItem per gold seed, as if extracted from the sample's PDF."""
    items: list[GuideItem] = []
    for n, seed in enumerate(json.loads(GOLD.read_text(encoding="utf-8"))):
        name = f"samples/{seed['file']}.pdf"
        canonical = seed.get("canonical_name")
        item = GuideItem(
            item_name=seed["item_name"],
            province=seed.get("province"),
            region=seed.get("region"),
            source_file=name,
            source_sha256=hashlib.sha256(name.encode()).hexdigest(),
            page=1 + n % 7,
            extractor="gold",
            section=seed.get("main_item") or seed.get("section"),
            item_no=str(seed["item_no"]) if seed.get("item_no") is not None else None,
            time_limit_text=seed.get("time_limit_text"),
            legal_days=seed.get("legal_days"),
            promised_days=seed.get("promised_days"),
            time_limit_conditions=[
                TimeCondition(**c) for c in seed.get("time_limit_conditions") or []
            ],
            materials=[Material(**m) for m in seed.get("materials") or []],
            legal_basis=[
                LegalBasis(
                    title=b["title"],
                    doc_number=b.get("doc_number"),
                    articles=b.get("articles") or [],
                )
                for b in seed.get("legal_basis") or []
            ],
            canonical_id="C-" + hashlib.sha256(canonical.encode()).hexdigest()[:6]
            if canonical
            else None,
            canonical_name=canonical,
            also_covers=seed.get("also_covers") or [],
        )
        item.cite("item_name", [SourceRef(page=item.page, bbox=(10.0, 20.5, 300.0, 40.25))])
        item.cite("materials", [SourceRef(table=1, row=n, col=2), SourceRef(para=n)])
        if item.legal_days is None and item.promised_days is None:
            item.warn("time_limit", "no time limit found")
        items.append(item)
    return items


@pytest.fixture
def items() -> list[GuideItem]:
    return gold_guide_items()
