"""The collected real guides and notices are complete, verbatim and consistent.

``tests/fixtures/realworld/collected`` holds pages kept as stored (``text/``), their structure
(``layout/``) and the items a reader finds in them (``gold/``). These checks keep the three in
step: the structure must account for every line of the text, and every material, citation and
time-limit wording of the expected items must be found in the text, so a gold value can never
drift away from what the page says.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from normalizers.catalog import default_catalog

COLLECTED = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "collected"
ITEM_KEYS = {
    "seed",
    "file",
    "province",
    "region",
    "item_name",
    "legal_days",
    "promised_days",
    "time_limit_text",
    "time_limit_conditions",
    "materials",
    "legal_basis",
    "canonical_name",
}
OPTIONAL_KEYS = {"also_covers", "days_unit"}
# The collection's purpose: enough guides to measure extraction on, and notices that name
# materials or days without being guides, to measure that nothing is invented from them.
MIN_GUIDES, MIN_NOTICES = 17, 5


def _stems(sub: str, suffix: str) -> set[str]:
    return {p.name[: -len(suffix)] for p in (COLLECTED / sub).iterdir() if p.name.endswith(suffix)}


def stems() -> list[str]:
    return sorted(_stems("layout", ".layout.json"))


@cache
def text_body(stem: str) -> str:
    """The stored page text without its first line (the source note)."""
    return (COLLECTED / "text" / f"{stem}.txt").read_text(encoding="utf-8").split("\n", 1)[1]


def squeeze(text: str) -> str:
    # Gold values are written with whitespace removed (CONVENTIONS.md), so compare without it.
    return re.sub(r"\s+", "", text)


def visible(lines: list[str]) -> list[str]:
    # Flattened tables end each cell line in " |" and separate rows by bare "|" lines;
    # the layout may keep such a line as chrome or drop it, the words are what must agree.
    kept = (line.strip().rstrip("| ").strip() for line in lines)
    return [line for line in kept if line]


def text_lines(stem: str) -> list[str]:
    return visible(text_body(stem).split("\n"))


def layout_lines(layout: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for block in layout["blocks"]:
        if block["type"] == "heading":
            out.append(block["text"])
        elif block["type"] == "para":
            out.extend(block["text"].split("\n"))
        elif block["type"] == "table":
            for row in [block["header"], *block["rows"]]:
                out.extend(cell for cell in row if cell)
        else:
            raise AssertionError(f"unknown block type {block['type']!r}")
    return out


def load(sub: str, name: str) -> Any:
    return json.loads((COLLECTED / sub / name).read_text(encoding="utf-8"))


def test_every_document_has_text_layout_and_gold() -> None:
    layouts = _stems("layout", ".layout.json")
    assert layouts == _stems("text", ".txt") == _stems("gold", ".json")
    stray = [
        p.name
        for sub in ("layout", "text", "gold")
        for p in (COLLECTED / sub).iterdir()
        if not p.name.endswith((".layout.json", ".txt", ".json"))
    ]
    assert stray == []


def test_every_document_is_rendered() -> None:
    # corpus/ is written by the realworld render script from layout/; a layout added without
    # rendering would leave a document that extraction is never measured on.
    rendered = {p.name for p in (COLLECTED / "corpus").iterdir()}
    expected = {f"{stem}.{ext}" for stem in stems() for ext in ("docx", "pdf", "html")}
    assert rendered == expected


def test_collection_has_enough_guides_and_notices() -> None:
    golds = [load("gold", f"{s}.json") for s in stems()]
    assert sum(1 for g in golds if g) >= MIN_GUIDES
    assert sum(1 for g in golds if not g) >= MIN_NOTICES


@pytest.mark.parametrize("stem", stems())
def test_text_names_its_source(stem: str) -> None:
    first = (COLLECTED / "text" / f"{stem}.txt").read_text(encoding="utf-8").split("\n", 1)[0]
    assert re.match(r"source: https?://\S+ \(.+\)$", first), first


@pytest.mark.parametrize("stem", stems())
def test_layout_accounts_for_every_line_of_the_text(stem: str) -> None:
    layout = load("layout", f"{stem}.layout.json")
    assert set(layout) == {"title", "province", "region", "blocks"}
    lines = text_lines(stem)
    expected = visible(layout_lines(layout))
    # A title line of its own is the layout's title; a page without one has none to consume.
    if lines and lines[0] == layout["title"] and len(lines) == len(expected) + 1:
        lines = lines[1:]
    assert [squeeze(x) for x in expected] == [squeeze(x) for x in lines]


@pytest.mark.parametrize("stem", stems())
def test_gold_items_follow_the_conventions(stem: str) -> None:
    layout = load("layout", f"{stem}.layout.json")
    catalog_names = {e.canonical_name for e in default_catalog().entries}
    for item in load("gold", f"{stem}.json"):
        assert ITEM_KEYS <= set(item) <= ITEM_KEYS | OPTIONAL_KEYS, set(item) ^ ITEM_KEYS
        assert item["file"] == stem
        assert (item["province"], item["region"]) == (layout["province"], layout["region"])
        assert item["item_name"] and not re.search(r"\s", item["item_name"])
        for key in ("legal_days", "promised_days"):
            assert item[key] is None or (isinstance(item[key], int) and item[key] >= 0)
        if item["time_limit_conditions"]:
            days = [c["days"] for c in item["time_limit_conditions"]]
            assert item["promised_days"] == max(days)
        assert item["canonical_name"] is None or item["canonical_name"] in catalog_names
        assert set(item.get("also_covers", [])) <= catalog_names - {item["canonical_name"]}
        for basis in item["legal_basis"]:
            assert set(basis) == {"title", "doc_number", "articles"}
            assert all(isinstance(a, int) for a in basis["articles"])


@pytest.mark.parametrize("stem", stems())
def test_gold_values_are_read_from_the_text(stem: str) -> None:
    body = squeeze(text_body(stem))
    for item in load("gold", f"{stem}.json"):
        wordings = [m["name"] for m in item["materials"]]
        wordings += [
            part
            for m in item["materials"]
            if m["condition"]
            for part in m["condition"].split(" / ")
        ]
        wordings += [b["title"] for b in item["legal_basis"]]
        wordings += [b["doc_number"] for b in item["legal_basis"] if b["doc_number"]]
        if item["time_limit_text"]:
            wordings.append(item["time_limit_text"])
        missing = [w for w in wordings if squeeze(w) not in body]
        assert missing == [], f"{item['item_name']}: not in the text: {missing}"
