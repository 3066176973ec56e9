"""The layout extractors by name: the one list of the layouts govguide reads.

Automatic layout choice (:mod:`extractors.extract`), a layout forced by name
(``govguide extract --extractor``, the extraction flows) and the command's help all read
:data:`LAYOUTS`. A new layout is a class with a ``name``, a one-line ``description``, a
``score`` and an ``extract`` method (:class:`extractors.base.LayoutExtractor`), added here.
"""

from __future__ import annotations

from extractors.base import LayoutExtractor
from extractors.fields import FieldsExtractor
from extractors.form import FormExtractor
from extractors.sections import SectionsExtractor
from extractors.table import TableExtractor
from govguide.core.errors import ExtractorError

# In name order: where two layouts fit a document equally well, the first one is chosen.
LAYOUTS: dict[str, type[LayoutExtractor]] = {
    layout.name: layout
    for layout in sorted(
        (FieldsExtractor, FormExtractor, SectionsExtractor, TableExtractor), key=lambda c: c.name
    )
}


def extractor_names() -> list[str]:
    """The layouts' names, in the order they are tried."""
    return list(LAYOUTS)


def get_extractor(name: str) -> LayoutExtractor:
    """A new extractor of the layout called ``name``; :class:`ExtractorError` for an unknown name."""
    try:
        layout = LAYOUTS[name]
    except KeyError:
        raise ExtractorError(f"unknown extractor {name!r} (known: {', '.join(LAYOUTS)})") from None
    return layout()
