"""What every layout extractor shares: the raw item it emits and the shape of an extractor.

A layout extractor finds items in a :class:`~govguide.core.document.Document` and returns
:class:`RawItem` objects: the raw text of each field with the places it was read. One
function, :func:`extractors.build.build_item`, then applies the normalisers the same way
for every layout, so a field means the same thing whichever extractor read it. The layouts
themselves are listed, by name, in :mod:`extractors.registry`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Protocol

from govguide.core.document import Document, Line
from govguide.core.models import LegalBasis, Material, SourceRef


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


@dataclass(slots=True)
class RawItem:
    """What a layout read of one item, field by field, before normalising.

    Only the fields below exist: assigning any other name (a misspelt field) raises
    AttributeError instead of quietly keeping a value no one reads. Layouts that pick the
    field from the vocabulary set it with :meth:`set_text`, which says which names it takes.
    """

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

    def text(self, key: str) -> RawField:
        """The lines read under the vocabulary's field ``key`` (materials, time_limit …)."""
        return getattr(self, _text_field(key))

    def set_text(self, key: str, lines: list[Line]) -> None:
        """Keep ``lines`` as what was read under the vocabulary's field ``key``."""
        setattr(self, _text_field(key), RawField(lines))


# The RawItem field that keeps what a layout reads under each field of the vocabulary
# (``[fields]`` in govguide/core/vocabulary.toml). Fields that are read only so that they end
# the field before them (conditions, process, remarks) are not kept: None.
VOCABULARY_FIELDS: dict[str, str | None] = {
    "item_name": "name",
    "main_item": "section",
    "item_no": "item_no",
    "item_version": "item_version",
    "case_type": "case_type",
    "materials": "materials",
    "time_limit": "time_limit",
    "legal_limit": "legal_limit",
    "promised_limit": "promised_limit",
    "legal_basis": "legal_basis",
    "conditions": None,
    "process": None,
    "remarks": None,
}
# The fields holding lines of text (RawField), which the normalisers read.
TEXT_FIELDS = tuple(f.name for f in fields(RawItem) if f.default_factory is RawField)


def _text_field(key: str) -> str:
    name = VOCABULARY_FIELDS.get(key)
    if name is None or name not in TEXT_FIELDS:
        known = ", ".join(k for k, v in VOCABULARY_FIELDS.items() if v in TEXT_FIELDS)
        raise AttributeError(f"a raw item keeps no text under {key!r} (text fields: {known})")
    return name


class LayoutExtractor(Protocol):
    name: str
    # One line saying which documents the layout reads (shown by ``govguide extract --help``).
    description: str

    def score(self, doc: Document) -> float:
        """How well this layout fits the document, 0 (not at all) to 1."""

    def extract(self, doc: Document) -> list[RawItem]:
        """The document's items."""
