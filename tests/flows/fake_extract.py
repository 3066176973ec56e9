"""Extractor stand-ins for failure paths the real samples cannot produce.

They wrap the real extractor and are module-level so the isolation worker can import them.
A file whose name contains ``flaky`` fails transiently on its first attempt (a marker file
in ``marker_dir`` remembers the attempt); ``offline`` fails transiently on every attempt;
``crash`` raises an unexpected exception.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from extractors.extract import extract_file
from govguide.core.errors import TransientError
from govguide.core.models import ExtractionResult


def use_extractor(
    monkeypatch: pytest.MonkeyPatch, extract: Callable[..., ExtractionResult], version: str
) -> None:
    """Ingestion runs in this test extract with ``extract``, recorded as extractor ``version``
    (their cache entries and manifests never pass for the real extractor's)."""
    import flows.ingest

    monkeypatch.setattr(flows.ingest, "extract_file", extract)
    monkeypatch.setattr(flows.ingest, "extractor_version", lambda: version)


def flaky_extract(path: Path, marker_dir: str | None = None, **kwargs: object) -> ExtractionResult:
    """``marker_dir`` holds the attempt markers: the flow extracts a private staged copy of
    each file, so nothing next to ``path`` survives from one attempt to the next."""
    path = Path(path)
    if "offline" in path.name:
        raise TransientError("share not reachable", path=path)
    if "crash" in path.name:
        raise IndexError("list index out of range")
    if "flaky" in path.name:
        marker = Path(marker_dir or path.parent) / ("." + path.name + ".attempted")
        if not marker.exists():
            marker.write_text("1")
            raise TransientError("file still being written", path=path)
    return extract_file(path, **kwargs)


def negative_days_extract(path: Path, **kwargs: object) -> ExtractionResult:
    """A (buggy) extractor whose items break the published schema's rules."""
    result = extract_file(path, **kwargs)
    for item in result.items:
        item.promised_days = -1
    return result
