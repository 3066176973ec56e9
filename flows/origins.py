"""Where each input file came from: the fetch sidecar next to it.

``govguide fetch`` stores each document with a sidecar ``.<name>.fetch.json`` (see
:mod:`govguide.fetch.storage`); ingestion gives the file's items its ``url`` as
``source_url`` and its ``fetched_at``. A sidecar describes the bytes it was written for:
when the file's SHA-256 is not the sidecar's (the file was replaced by hand), the sidecar
is not about this file and the items get no origin rather than a wrong one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from govguide.dataset.file_outcome import FileOutcome
from govguide.fetch.storage import read_sidecar


def origin(path: Path, sha256: str | None) -> tuple[str | None, datetime | None]:
    """(source_url, fetched_at) of the file at ``path`` with content hash ``sha256``."""
    sidecar = read_sidecar(path)
    if sidecar is None or sha256 is None or sidecar.sha256 != sha256:
        return None, None
    try:
        fetched_at = datetime.fromisoformat(sidecar.fetched_at)
    except (TypeError, ValueError):
        fetched_at = None
    return sidecar.url, fetched_at


def attach_origins(outcomes: Iterable[FileOutcome], raw: str | Path) -> None:
    """Set ``source_url`` and ``fetched_at`` of every outcome from its file's sidecar
    (None where there is none: outcomes read from the cache may carry an earlier run's)."""
    root = Path(raw)
    for o in outcomes:
        o.source_url, o.fetched_at = origin(root / o.rel, o.sha256)
