"""What every layout extractor shares: the raw item it emits and the registry.

A layout extractor finds items in a :class:`~govguide.document.Document` and returns
:class:`RawItem` objects: the raw text of each field with the places it was read. One
function, :func:`extractors.build.build_item`, then applies the normalisers the same way
for every layout, so a field means the same thing whichever extractor read it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from govguide.document import Document, Line
from govguide.errors import ExtractorError
from govguide.models import LegalBasis, Material, SourceRef


@dataclass
class RawField:
    """The visual lines a field's value was read from, in order."""

    lines: list[Line] = field(default_factory=list)

    @property
    def refs(self) -> list[SourceRef]:
        seen: list[SourceRef] = []
        for line in self.lines:
            if line.ref not in seen:
                seen.append(line.ref)
        return seen

    def __bool__(self) -> bool:
        return any(line.text.strip() for line in self.lines)


@dataclass
class RawItem:
    name: str
    name_refs: list[SourceRef] = field(default_factory=list)
    section: str | None = None
    item_no: str | None = None
    item_version: str | None = None
    page: int | None = None
    materials: RawField = field(default_factory=RawField)
    # Portal-style materials tables give structured rows directly.
    material_rows: list[tuple[Material, list[SourceRef]]] = field(default_factory=list)
    time_limit: RawField = field(default_factory=RawField)
    legal_limit: RawField = field(default_factory=RawField)
    promised_limit: RawField = field(default_factory=RawField)
    case_type: str | None = None  # portal 办件类型 (即办件 / 承诺件)
    process_days: int | None = None  # total of a portal process table's 办理时限 column
    legal_basis: RawField = field(default_factory=RawField)
    legal_rows: list[tuple[LegalBasis, list[SourceRef]]] = field(default_factory=list)
    region: str | None = None
    warnings: dict[str, list[str]] = field(default_factory=dict)


class LayoutExtractor(Protocol):
    name: str

    def score(self, doc: Document) -> float:
        """How well this layout fits the document, 0 (not at all) to 1."""

    def extract(self, doc: Document) -> list[RawItem]:
        """The document's items."""


_REGISTRY: dict[str, Callable[[], LayoutExtractor]] = {}


def register(name: str) -> Callable[[Callable[[], LayoutExtractor]], Callable[[], LayoutExtractor]]:
    """Class decorator: make a layout extractor available by ``name``."""

    def deco(factory: Callable[[], LayoutExtractor]) -> Callable[[], LayoutExtractor]:
        _REGISTRY[name] = factory
        return factory

    return deco


def get_extractor(name: str) -> LayoutExtractor:
    _load_builtin()
    try:
        return _REGISTRY[name]()
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise ExtractorError(f"unknown extractor {name!r} (known: {known})") from None


def extractor_names() -> list[str]:
    _load_builtin()
    return sorted(_REGISTRY)


def _load_builtin() -> None:
    # Importing the modules registers them; done lazily to avoid import cycles.
    from extractors import fields, form, sections, table  # noqa: F401
