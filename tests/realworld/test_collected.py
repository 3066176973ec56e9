"""The collected real guides are complete, consistent and written from their own text.

Each stem under tests/fixtures/realworld/collected/ has its verbatim text, its structure, its
hand-written expected items and its three renderings; every name, condition, time-limit text
and citation in the expectations can be found in the page's text, so a typo or an edited
text file shows up here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from normalizers.catalog import parse_catalog_csv
from tests.realworld.test_render import REALWORLD, render

COLLECTED = REALWORLD / "collected"
CATALOG_CSV = Path(__file__).resolve().parents[2] / "normalizers" / "reference" / "catalog.csv"
ITEM_KEYS = {
    "seed", "file", "province", "region", "item_name", "legal_days", "promised_days",
    "time_limit_text", "time_limit_conditions", "materials", "legal_basis", "canonical_name",
}
OPTIONAL_KEYS = {"also_covers", "days_unit"}


def _stems(folder: str, suffix: str) -> set[str]:
    return {p.name[: -len(suffix)] for p in (COLLECTED / folder).glob(f"*{suffix}")}


STEMS = sorted(_stems("layout", ".layout.json"))
CANONICAL = {e.canonical_name for e in parse_catalog_csv(CATALOG_CSV.read_text(encoding="utf-8"))[1]}


def _squash(text: str) -> str:
    # Spaces are not part of what a field records (CONVENTIONS: whitespace removed).
    return re.sub(r"\s+", "", text)


def _page_text(stem: str) -> str:
    first, body = (COLLECTED / "text" / f"{stem}.txt").read_text(encoding="utf-8").split("\n", 1)
    assert re.match(r"source: https?://\S+ \(.+\)$", first), first
    return _squash(body)


def _gold(stem: str) -> list[dict[str, Any]]:
    return json.loads((COLLECTED / "gold" / f"{stem}.json").read_text(encoding="utf-8"))


def test_every_document_has_text_layout_gold_and_renderings() -> None:
    assert len(STEMS) >= 22
    assert _stems("text", ".txt") == set(STEMS)
    assert _stems("gold", ".json") == set(STEMS)
    for suffix in (".docx", ".pdf", ".html"):
        assert _stems("corpus", suffix) == set(STEMS), suffix
    guides = [s for s in STEMS if _gold(s)]
    assert len(guides) >= 17 and len(STEMS) - len(guides) >= 5


@pytest.mark.parametrize("stem", STEMS)
def test_gold_follows_the_conventions(stem: str) -> None:
    layout = json.loads((COLLECTED / "layout" / f"{stem}.layout.json").read_text(encoding="utf-8"))
    for item in _gold(stem):
        assert ITEM_KEYS <= set(item) <= ITEM_KEYS | OPTIONAL_KEYS
        assert item["file"] == stem
        assert (item["province"], item["region"]) == (layout["province"], layout["region"])
        assert item["canonical_name"] is None or item["canonical_name"] in CANONICAL
        assert set(item.get("also_covers", [])) <= CANONICAL
        assert item.get("days_unit", "natural") == "natural"
        for key in ("legal_days", "promised_days"):
            assert item[key] is None or (isinstance(item[key], int) and item[key] >= 0)
        days = [c["days"] for c in item["time_limit_conditions"]]
        if days:
            # The headline field holds the largest conditional limit.
            assert item["promised_days"] == max(days) or item["legal_days"] == max(days)
        if item["promised_days"] is not None or item["legal_days"] is not None:
            assert item["time_limit_text"]
        for material in item["materials"]:
            assert set(material) == {"name", "condition"} and material["name"]
        for law in item["legal_basis"]:
            assert set(law) == {"title", "doc_number", "articles"}
            assert all(isinstance(a, int) for a in law["articles"])


@pytest.mark.parametrize("stem", STEMS)
def test_gold_is_written_from_the_page_text(stem: str) -> None:
    text = _page_text(stem)
    for item in _gold(stem):
        written = [item["item_name"], item["time_limit_text"]]
        written += [m["name"] for m in item["materials"]]
        # Nested headings are joined with " / " (CONVENTIONS); each one is written on the page.
        written += [part for m in item["materials"] for part in (m["condition"] or "").split(" / ")]
        written += [c["condition"] for c in item["time_limit_conditions"]]
        written += [law["title"] for law in item["legal_basis"]]
        written += [law["doc_number"] for law in item["legal_basis"]]
        for value in written:
            if value:
                assert _squash(value) in text, value


@pytest.mark.parametrize("stem", STEMS)
def test_layout_is_read_from_the_page_text(stem: str) -> None:
    # Every line of the structure comes from the stored text (the title may be supplied
    # when the stored excerpt has none, so it is not checked).
    text = _page_text(stem)
    layout = json.loads((COLLECTED / "layout" / f"{stem}.layout.json").read_text(encoding="utf-8"))
    for block in layout["blocks"]:
        cells = [block["text"]] if block["type"] != "table" else block["header"] + sum(block["rows"], [])
        for line in "\n".join(cells).split("\n"):
            assert _squash(line) in text, line


@pytest.mark.parametrize("stem", STEMS)
def test_renderings_match_the_layout(stem: str) -> None:
    layout = render.load_layout(COLLECTED / "layout" / f"{stem}.layout.json")
    html = (COLLECTED / "corpus" / f"{stem}.html").read_text(encoding="utf-8")
    assert html == render.build_html(layout)
    assert (COLLECTED / "corpus" / f"{stem}.docx").read_bytes() == render.build_docx(layout)
    assert (COLLECTED / "corpus" / f"{stem}.pdf").read_bytes().startswith(b"%PDF-")
