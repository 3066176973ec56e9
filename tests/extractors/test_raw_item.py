"""A layout's raw item has a fixed set of fields: a misspelt one is an error, not a new field."""

from __future__ import annotations

from dataclasses import fields

import pytest

from extractors.base import TEXT_FIELDS, VOCABULARY_FIELDS, RawField, RawItem
from govguide.core.document import Line
from govguide.core.models import SourceRef
from govguide.core.vocabulary import vocabulary


def _line(text: str) -> Line:
    return Line(text=text, ref=SourceRef(page=1), fill=None)


def test_assigning_an_unknown_field_raises() -> None:
    item = RawItem(name="生育津贴支付")
    with pytest.raises(AttributeError, match="materails"):
        item.materails = RawField([_line("身份证")])  # type: ignore[attr-defined]
    assert not item.materials


def test_setting_text_under_an_unknown_field_names_the_known_ones() -> None:
    item = RawItem(name="生育津贴支付")
    with pytest.raises(AttributeError, match=r"no text under 'materails' \(text fields: materials, "):
        item.set_text("materails", [_line("身份证")])
    # A vocabulary field that is not kept (it only ends the field before it) is refused too.
    with pytest.raises(AttributeError, match="'remarks'"):
        item.set_text("remarks", [_line("无")])
    with pytest.raises(AttributeError, match="'materails'"):
        item.text("materails")


def test_set_text_keeps_the_lines_under_the_field() -> None:
    item = RawItem(name="生育津贴支付")
    item.set_text("promised_limit", [_line("5个工作日")])
    assert [ln.text for ln in item.promised_limit.lines] == ["5个工作日"]
    assert item.text("promised_limit") is item.promised_limit
    assert not item.legal_limit


def test_every_vocabulary_field_has_a_place_in_the_raw_item() -> None:
    # A field added to the vocabulary must be given a RawItem field (or None: not kept) here.
    assert set(VOCABULARY_FIELDS) == set(vocabulary()["fields"])
    names = {f.name for f in fields(RawItem)}
    kept = {v for v in VOCABULARY_FIELDS.values() if v is not None}
    assert kept <= names, kept - names
    # Every text field can be set by its vocabulary key.
    assert set(TEXT_FIELDS) <= kept
    assert {k for k, v in VOCABULARY_FIELDS.items() if v in TEXT_FIELDS} == set(TEXT_FIELDS)
