"""Compilations, list tables and notices in layouts and wordings the samples do not have.

The documents in tests/fixtures/unseen/compilations/ imitate other provinces' publications
(see make_fixtures.py there); each ``*.expected.json`` was written by hand from the
document's text. Every aspect is its own test, so a failure says which meaning was lost:
the layout chosen, the items found, their time limits, materials or legal basis. Items are
read with the expected layout, so a wrong layout choice fails only the ``layout`` aspect.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from extractors.extract import extract_file
from govguide.core.models import ExtractionResult, GuideItem

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "unseen" / "compilations"
ASPECTS = ("layout", "names", "sections", "days", "materials", "legal_basis")

# (file, aspect) → why the aspect cannot pass yet (the cause lies outside the layouts).
XFAIL: dict[tuple[str, str], str] = {}


def _expectations() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(FIXTURES.glob("*.expected.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        out.extend((name, expected) for name in expected["files"])
    return out


@cache
def _extract(name: str, layout: str | None = None) -> ExtractionResult:
    return extract_file(FIXTURES / name, extractor=layout)


def _days(item: GuideItem | dict[str, Any]) -> dict[str, Any]:
    get = item.get if isinstance(item, dict) else lambda k: getattr(item, k)
    conditions = get("time_limit_conditions") or []
    return {
        "legal_days": get("legal_days"),
        "promised_days": get("promised_days"),
        "days_unit": get("days_unit"),
        "conditions": [
            (c["condition"], c["days"]) if isinstance(c, dict) else (c.condition, c.days)
            for c in conditions
        ],
    }


def _materials(item: GuideItem | dict[str, Any]) -> list[tuple[str, str | None]]:
    if isinstance(item, dict):
        return [(m["name"], m["condition"]) for m in item["materials"]]
    return [(m.name, m.condition) for m in item.materials]


def _legal(item: GuideItem | dict[str, Any]) -> list[tuple[str, str | None, list[int]]]:
    if isinstance(item, dict):
        return [(b["title"], b["doc_number"], b["articles"]) for b in item["legal_basis"]]
    return [(b.title, b.doc_number, b.articles) for b in item.legal_basis]


_FIELD = {"days": _days, "materials": _materials, "legal_basis": _legal}


def _cases() -> list[Any]:
    cases = []
    for name, expected in _expectations():
        for aspect in ASPECTS:
            if not expected["is_guide"] and aspect != "names":
                continue  # a notice has one thing to check: that it gives no items
            if aspect == "sections" and not any("section" in i for i in expected["items"]):
                continue
            marks = []
            if (name, aspect) in XFAIL:
                marks.append(pytest.mark.xfail(strict=True, reason=XFAIL[(name, aspect)]))
            cases.append(pytest.param(name, aspect, expected, id=f"{name}-{aspect}", marks=marks))
    return cases


@pytest.mark.parametrize(("name", "aspect", "expected"), _cases())
def test_unseen_document(name: str, aspect: str, expected: dict[str, Any]) -> None:
    if aspect == "layout":
        assert _extract(name).extractor == expected["layout"]
        return
    # The other aspects read the document with the layout it has (its choice is "layout"),
    # a notice with whatever layout fits best (none should).
    result = _extract(name, expected["layout"])
    if aspect == "names":
        assert [i.item_name for i in result.items] == [i["item_name"] for i in expected["items"]]
        assert result.is_guide == expected["is_guide"]
        return
    found = {i.item_name: i for i in result.items}
    if aspect == "sections":
        got = {
            e["item_name"]: getattr(found.get(e["item_name"]), "section", "<missing>")
            for e in expected["items"]
        }
        assert got == {e["item_name"]: e["section"] for e in expected["items"]}
        return
    field = _FIELD[aspect]
    # Per item, so a mismatch names the item; a missing item fails every field.
    got = {
        e["item_name"]: field(found[e["item_name"]]) if e["item_name"] in found else "<missing>"
        for e in expected["items"]
    }
    want = {e["item_name"]: field(e) for e in expected["items"]}
    assert got == want
