"""Fetching guides from the portals into the raw folder (``govguide fetch``).

:func:`load_sources` reads the sources file, :func:`fetch_sources` fetches every source
politely and incrementally into ``<raw>/<province>/<region>/`` with a sidecar per document
(see :mod:`govguide.fetch.storage`), and :func:`origin_of` is what ingestion reads back:
the address and download time of a stored document.
"""

from __future__ import annotations

from govguide.fetch.client import FetchError, FetchOptions, PoliteClient
from govguide.fetch.run import FetchReport, SourceResult, fetch_sources, withdrawn_sources
from govguide.fetch.sources import Source, SourcesError, load_sources

__all__ = [
    "FetchError",
    "FetchOptions",
    "FetchReport",
    "PoliteClient",
    "Source",
    "SourceResult",
    "SourcesError",
    "fetch_sources",
    "load_sources",
    "withdrawn_sources",
]
