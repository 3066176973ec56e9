"""govguide: Chinese government service guides (办事指南) as clean, versioned, queryable data.

The library's entry points, importable from the top::

    import govguide
    result = govguide.extract_file("guide.pdf")          # one document → items
    version = govguide.latest("data/curated")              # the newest published version
    items = govguide.read_items(version)                   # its items as records
    govguide.run_ingest("data/raw", "data/curated")        # the whole pipeline, once

They are loaded on first use, so ``import govguide`` (and the command line) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govguide.core.version import __version__

if TYPE_CHECKING:
    from extractors.extract import extract_file
    from flows.ingest import run_ingest
    from govguide.dataset.store import latest, read_items

__all__ = ["__version__", "extract_file", "latest", "read_items", "run_ingest"]


def __getattr__(name: str) -> Any:
    # PEP 562: the entry points import their layers (Prefect for run_ingest) only when used.
    if name == "extract_file":
        from extractors.extract import extract_file

        return extract_file
    if name in ("latest", "read_items"):
        from govguide.dataset import store

        return getattr(store, name)
    if name == "run_ingest":
        from flows.ingest import run_ingest

        return run_ingest
    raise AttributeError(f"module 'govguide' has no attribute {name!r}")
