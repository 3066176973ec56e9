"""The layout registry: every layout by its own name, with a one-line description."""

from __future__ import annotations

import pytest

from extractors.registry import LAYOUTS, extractor_names, get_extractor
from govguide.core.errors import ExtractorError


def test_each_layout_is_listed_under_its_own_name() -> None:
    assert set(LAYOUTS) == {"fields", "form", "sections", "table"}
    for name, layout in LAYOUTS.items():
        extractor = get_extractor(name)
        assert isinstance(extractor, layout) and extractor.name == name


def test_each_layout_says_in_one_line_what_it_reads() -> None:
    for layout in LAYOUTS.values():
        assert layout.description.strip() and "\n" not in layout.description


def test_layouts_are_tried_in_name_order() -> None:
    # Automatic choice takes the first of equally fitting layouts: the order must not
    # depend on how the registry happens to be written.
    assert extractor_names() == sorted(LAYOUTS)


def test_each_lookup_gives_a_new_extractor() -> None:
    assert get_extractor("table") is not get_extractor("table")


def test_an_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(ExtractorError, match=r"unknown extractor 'nope' \(known: fields, form, sections, table\)"):
        get_extractor("nope")
