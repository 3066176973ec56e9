"""The collected and held-out real guides and notices are complete, verbatim and consistent.

``tests/fixtures/realworld/collected``, ``tests/fixtures/realworld/heldout``,
``tests/fixtures/realworld/heldout2``, ``tests/fixtures/realworld/heldout3``,
``tests/fixtures/realworld/heldout4``, ``tests/fixtures/realworld/heldout5``,
``tests/fixtures/realworld/heldout6``, ``tests/fixtures/realworld/heldout7``,
``tests/fixtures/realworld/heldout8``, ``tests/fixtures/realworld/heldout9``,
``tests/fixtures/realworld/heldout10``, ``tests/fixtures/realworld/heldout11``,
``tests/fixtures/realworld/heldout12``, ``tests/fixtures/realworld/heldout13``,
``tests/fixtures/realworld/heldout14``, ``tests/fixtures/realworld/heldout15``,
``tests/fixtures/realworld/heldout16``, ``tests/fixtures/realworld/heldout17``,
``tests/fixtures/realworld/heldout18``, ``tests/fixtures/realworld/heldout19``,
``tests/fixtures/realworld/heldout20``, ``tests/fixtures/realworld/heldout21``,
``tests/fixtures/realworld/heldout22``, ``tests/fixtures/realworld/heldout23``,
``tests/fixtures/realworld/heldout24``, ``tests/fixtures/realworld/heldout25``,
``tests/fixtures/realworld/heldout26``, ``tests/fixtures/realworld/heldout27``,
``tests/fixtures/realworld/heldout28``, ``tests/fixtures/realworld/heldout29``,
``tests/fixtures/realworld/heldout30`` and ``tests/fixtures/realworld/heldout31`` (the last
thirty-one kept for measurement only) each hold pages kept as stored (``text/``), their
structure (``layout/``), the items a reader finds in them (``gold/``, ``[]`` for a notice) and
their renderings (``corpus/``). These checks keep the thirty-two in step, folder by folder:

- every document has its text, layout, gold and three renderings, and nothing else lies there;
- the text's first line names its source;
- the layout accounts for every line of the text, in order (see :func:`plain_lines`);
- the gold follows ``tests/fixtures/CONVENTIONS.md``, and every name, condition, time-limit
  wording and citation in it is written in the text, so a gold value cannot drift from the page.

Text and expectations are compared as :func:`plain` makes them: whitespace removed (gold values
are written without it) and full-width forms folded to their ASCII twins, on both sides alike.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import pytest

from govguide.core.vocabulary import words
from normalizers.alignment.catalog import default_catalog
from tests.realworld.test_render import REALWORLD, render

# Each folder of real pages, with the guides and notices it holds at least.
ITEM_KEYS = {
    "seed", "file", "province", "region", "item_name", "legal_days", "promised_days",
    "time_limit_text", "time_limit_conditions", "materials", "legal_basis", "canonical_name",
}
OPTIONAL_KEYS = {"also_covers", "days_unit"}
LAYOUT_KEYS = {"title", "province", "region", "blocks"}
# What a folder is for: guides to measure extraction on, and notices that name materials or days
# without being guides, to measure that nothing is invented from them. The counts are each
# folder's present size, so a document that goes missing is noticed.
FOLDERS = {
    "collected": (42, 11), "heldout": (24, 6), "heldout2": (20, 6), "heldout3": (9, 3),
    "heldout4": (13, 7), "heldout5": (20, 6), "heldout6": (11, 6), "heldout7": (9, 5),
    "heldout8": (13, 7), "heldout9": (12, 5), "heldout10": (12, 5), "heldout11": (9, 5),
    "heldout12": (14, 5), "heldout13": (10, 3), "heldout14": (6, 2), "heldout15": (14, 4),
    "heldout16": (12, 3), "heldout17": (9, 3), "heldout18": (12, 4),
    "heldout19": (6, 3), "heldout20": (11, 4), "heldout21": (13, 4), "heldout22": (11, 4),
    "heldout23": (10, 3), "heldout24": (13, 7), "heldout25": (6, 5), "heldout26": (5, 3),
    "heldout27": (9, 3), "heldout28": (9, 3), "heldout29": (10, 2), "heldout30": (7, 3),
    "heldout31": (4, 3),
}
# Folders kept for measurement only, each checked against every folder before it.
HELD_OUT = ("heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7",
            "heldout8", "heldout9", "heldout10", "heldout11", "heldout12", "heldout13",
            "heldout14", "heldout15", "heldout16", "heldout17", "heldout18",
            "heldout19", "heldout20", "heldout21", "heldout22", "heldout23", "heldout24",
            "heldout25", "heldout26", "heldout27", "heldout28", "heldout29", "heldout30",
            "heldout31")
SOURCE_LINE = re.compile(r"source: https?://\S+ \(.+\)$")
# A material's numbering ((一), 1., 1、, ①, ⑴, (1)) and its trailing 。；; are not part of its name.
# A decimal that opens a name (2.5厘米近期免冠照片) is no numbering.
NUMBERED = re.compile(
    r"^(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+(?:、|[.．](?!\d))|[①-⑳⑴-⒇])"
)
# U+FF01..U+FF5E are the full-width twins of ASCII 0x21..0x7E; U+3000 is the ideographic space.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def plain(text: str) -> str:
    """Text as it is compared: full-width forms folded, whitespace removed."""
    return re.sub(r"\s+", "", text.translate(_HALF_WIDTH))


def plain_lines(lines: list[str]) -> list[str]:
    """The lines that carry words, each made :func:`plain`.

    A stored table is flattened with ``|`` between its cells: one cell per line ending in
    `` |`` with bare ``|`` lines between rows (米易 list), or a whole row on one line
    (``| 释义 | 法律分析:…``). So ``|`` separates lines like a line break does, on the text's
    side and the layout's alike, and lines left with no words (blank lines, bare ``|``)
    count for nothing: the words and their order are what must agree.
    """
    pieces = (plain(piece) for line in lines for piece in line.split("|"))
    return [piece for piece in pieces if piece]


def _stems(folder: str, sub: str, suffix: str) -> set[str]:
    return {
        p.name[: -len(suffix)]
        for p in (REALWORLD / folder / sub).iterdir()
        if p.name.endswith(suffix)
    }


def _folder_stems(folder: str) -> list[str]:
    return sorted(_stems(folder, "layout", ".layout.json"))


# One case per document, named folder/stem.
DOCS = [
    pytest.param(folder, stem, id=f"{folder}/{stem}")
    for folder in FOLDERS
    for stem in _folder_stems(folder)
]


def _load(folder: str, sub: str, name: str) -> Any:
    return json.loads((REALWORLD / folder / sub / name).read_text(encoding="utf-8"))


@cache
def _layout(folder: str, stem: str) -> dict[str, Any]:
    return _load(folder, "layout", f"{stem}.layout.json")


@cache
def _gold(folder: str, stem: str) -> list[dict[str, Any]]:
    return _load(folder, "gold", f"{stem}.json")


@cache
def _text(folder: str, stem: str) -> tuple[str, str]:
    """The stored page's first line (its source note) and the rest (the page)."""
    path = REALWORLD / folder / "text" / f"{stem}.txt"
    first, body = path.read_text(encoding="utf-8").split("\n", 1)
    return first, body


@cache
def _catalog_names() -> frozenset[str]:
    return frozenset(e.canonical_name for e in default_catalog().entries)


def _layout_lines(layout: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for i, block in enumerate(layout["blocks"]):
        if block["type"] in ("heading", "para"):
            out.extend(block["text"].split("\n"))
        elif block["type"] == "table":
            cells = [cell for row in [block["header"], *block["rows"]] for cell in row]
            out.extend(line for cell in cells for line in cell.split("\n"))
        else:
            raise AssertionError(f"block {i}: unknown type {block['type']!r}")
    return out


def _first_apart(lines: list[str], expected: list[str]) -> int:
    """The index of the first line where the two differ (the shorter's length if none)."""
    common = min(len(lines), len(expected))
    return next((i for i in range(common) if lines[i] != expected[i]), common)


def _without_title(lines: list[str], expected: list[str], title: str) -> list[str]:
    """``lines`` without the run of lines that spells the layout's title.

    The title is kept apart from the blocks, but where the stored page has a title line it sits
    among the text's lines: first, after breadcrumbs or a spam banner, or broken over several
    lines (a notice's title). It must stand exactly where text and blocks first part.
    """
    start = _first_apart(lines, expected)
    wanted, end, spelled = "".join(plain_lines([title])), start, ""
    while wanted and end < len(lines) and len(spelled) < len(wanted):
        spelled += lines[end]
        end += 1
    return lines[:start] + lines[end:] if wanted and spelled == wanted else lines


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_document_has_text_layout_gold_and_renderings(folder: str) -> None:
    stems = set(_folder_stems(folder))
    assert _stems(folder, "text", ".txt") == stems
    assert _stems(folder, "gold", ".json") == stems
    stray = [
        f"{sub}/{p.name}"
        for sub, suffix in (("layout", ".layout.json"), ("text", ".txt"), ("gold", ".json"))
        for p in (REALWORLD / folder / sub).iterdir()
        if not p.name.endswith(suffix)
    ]
    assert stray == []
    # corpus/ is written by render.py from layout/; a layout added without rendering would
    # leave a document extraction is never measured on.
    rendered = {p.name for p in (REALWORLD / folder / "corpus").iterdir()}
    assert rendered == {f"{stem}.{ext}" for stem in stems for ext in ("docx", "pdf", "html")}


@pytest.mark.parametrize("folder", FOLDERS)
def test_folder_has_enough_guides_and_notices(folder: str) -> None:
    stems = _folder_stems(folder)
    guides = [stem for stem in stems if _gold(folder, stem)]
    min_guides, min_notices = FOLDERS[folder]
    assert len(guides) >= min_guides
    assert len(stems) - len(guides) >= min_notices


@pytest.mark.parametrize("folder", HELD_OUT)
def test_held_out_pages_are_new(folder: str) -> None:
    """A held-out page is in no earlier folder: its measurement would otherwise not be blind."""
    def sources(folder: str) -> set[str]:
        return {_text(folder, stem)[0].split()[1] for stem in _folder_stems(folder)}

    earlier = list(FOLDERS)[: list(FOLDERS).index(folder)]
    seen = set().union(*(sources(name) for name in earlier)) | {
        line.split()[1]
        for path in (REALWORLD / "dev" / "text").iterdir()
        for line in path.read_text(encoding="utf-8").splitlines()[:1]
    }
    assert sources(folder) & seen == set()
    stems = set(_folder_stems(folder))
    assert all(not stems & set(_folder_stems(name)) for name in earlier)


@pytest.mark.parametrize(("folder", "stem"), DOCS)
def test_text_names_its_source(folder: str, stem: str) -> None:
    first, _ = _text(folder, stem)
    assert SOURCE_LINE.match(first), first


@pytest.mark.parametrize(("folder", "stem"), DOCS)
def test_layout_accounts_for_every_line_of_the_text(folder: str, stem: str) -> None:
    layout = _layout(folder, stem)
    assert set(layout) == LAYOUT_KEYS
    expected = plain_lines(_layout_lines(layout))
    lines = plain_lines(_text(folder, stem)[1].split("\n"))
    if lines != expected:
        lines = _without_title(lines, expected, layout["title"])
    at = _first_apart(lines, expected)
    assert lines == expected, (
        f"line {at} of {len(lines)} (layout: {len(expected)}): "
        f"text {lines[at:at + 1]} / layout {expected[at:at + 1]}"
    )


@pytest.mark.parametrize(("folder", "stem"), DOCS)
def test_renderings_match_the_layout(folder: str, stem: str) -> None:
    layout = render.load_layout(REALWORLD / folder / "layout" / f"{stem}.layout.json")
    corpus = REALWORLD / folder / "corpus" / stem
    assert corpus.with_suffix(".html").read_text(encoding="utf-8") == render.build_html(layout)
    assert corpus.with_suffix(".docx").read_bytes() == render.build_docx(layout)
    assert corpus.with_suffix(".pdf").read_bytes().startswith(b"%PDF-")


def _check_time_limits(item: dict[str, Any]) -> None:
    for key in ("legal_days", "promised_days"):
        assert item[key] is None or (isinstance(item[key], int) and item[key] >= 0), key
    assert item.get("days_unit", "natural") == "natural"
    days = []
    for condition in item["time_limit_conditions"]:
        assert set(condition) == {"condition", "days"} and condition["condition"], condition
        assert isinstance(condition["days"], int) and condition["days"] >= 0, condition
        days.append(condition["days"])
    if days:
        # Conditional limits: the headline field holds the largest.
        assert item["promised_days"] == max(days)
    if item["legal_days"] is not None or item["promised_days"] is not None:
        assert item["time_limit_text"], "a limit without its wording"


def _check_materials(item: dict[str, Any]) -> None:
    for material in item["materials"]:
        assert set(material) == {"name", "condition"}, material
        name, condition = material["name"], material["condition"]
        assert name and not re.search(r"\s", name), name
        assert not NUMBERED.match(name) and not name.endswith(("。", ";", "；")), name
        assert condition is None or (condition and not condition.endswith((":", "："))), condition


def _check_legal_basis(item: dict[str, Any]) -> None:
    for law in item["legal_basis"]:
        assert set(law) == {"title", "doc_number", "articles"}, law
        assert law["title"] and not re.search(r"[《》]", law["title"]), law["title"]
        number, articles = law["doc_number"], law["articles"]
        assert number is None or not re.search(r"\s", number), number
        assert all(isinstance(a, int) for a in articles), law
        assert len(set(articles)) == len(articles), f"repeated articles are merged: {law}"


@pytest.mark.parametrize(("folder", "stem"), DOCS)
def test_gold_follows_the_conventions(folder: str, stem: str) -> None:
    layout = _layout(folder, stem)
    for item in _gold(folder, stem):
        assert ITEM_KEYS <= set(item) <= ITEM_KEYS | OPTIONAL_KEYS, set(item) ^ ITEM_KEYS
        # Real pages come from no seed document.
        assert (item["seed"], item["file"]) == (None, stem)
        assert (item["province"], item["region"]) == (layout["province"], layout["region"])
        assert item["item_name"] and not re.search(r"\s", item["item_name"])
        assert item["canonical_name"] is None or item["canonical_name"] in _catalog_names()
        assert set(item.get("also_covers", [])) <= _catalog_names() - {item["canonical_name"]}
        _check_time_limits(item)
        _check_materials(item)
        _check_legal_basis(item)


def _named_on_the_page(name: str, page: str) -> bool:
    """Whether an item name is written on the page, at most without one question word.

    Items are named like the reader names them (normalizers/item_title.py): a question's
    wording without its question word (…就医后怎样报销医疗费用 → …就医后报销医疗费用).
    """
    if name in page:
        return True
    asked = [plain(q) for q in words("reader", "question_words")]
    return any(name[:i] + q + name[i:] in page for i in range(1, len(name)) for q in asked)


def _wordings(item: dict[str, Any]) -> list[str]:
    """Every value of an item that is copied from the page."""
    out = [m["name"] for m in item["materials"]]
    # Nested group headings are joined with " / " (CONVENTIONS); each is written on the page.
    groups = [m["condition"] for m in item["materials"] if m["condition"]]
    out += [part for group in groups for part in group.split(" / ")]
    out += [c["condition"] for c in item["time_limit_conditions"]]
    out += [law["title"] for law in item["legal_basis"]]
    out += [law["doc_number"] for law in item["legal_basis"] if law["doc_number"]]
    if item["time_limit_text"]:
        out.append(item["time_limit_text"])
    return out


@pytest.mark.parametrize(("folder", "stem"), DOCS)
def test_gold_values_are_read_from_the_text(folder: str, stem: str) -> None:
    page = plain(_text(folder, stem)[1])
    for item in _gold(folder, stem):
        assert _named_on_the_page(plain(item["item_name"]), page), item["item_name"]
        missing = [w for w in _wordings(item) if plain(w) not in page]
        assert missing == [], f"{item['item_name']}: not in the text: {missing}"
        # Materials are listed in document order; a material may be named again later
        # (an overview, then the list by applicant), so each is looked for after the last.
        at = 0
        for material in item["materials"]:
            found = page.find(plain(material["name"]), at)
            assert found >= 0, f"{material['name']} is out of document order"
            at = found
