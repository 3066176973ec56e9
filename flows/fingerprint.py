"""The fingerprint of everything a published version is computed from, so that a run over
unchanged inputs can say "nothing to publish" without re-aligning and re-building tables.

A version's data is a deterministic function of

- every input file's identity and outcome (path, content hash, status, reason);
- the extractor's version (the extraction cache's key);
- the code and reference data of everything after extraction: the flows, govguide, and the
  aligner (``normalizers``, whose package data holds the catalog and its matching rules);
- the reviewers' overrides file.

If all of these equal what the latest version was built from, building it again would give
the same data and :func:`govguide.dataset.store.publish` would publish nothing; the flow skips that
work. The fingerprint of the inputs last found published is kept in
``<out>/.cache/published-inputs.json`` (it also goes into each new manifest). Anything
unreadable there just means the run does the full work.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from govguide.core.atomic import write_atomic
from govguide.core.hashing import code_fingerprint, file_sha256
from govguide.dataset.file_outcome import EXTRACTED, UNCHANGED, FileOutcome
from normalizers.alignment.overrides import DEFAULT_OVERRIDES_PATH

STATE_FILE = ".cache/published-inputs.json"
_CODE_PACKAGES = ("flows", "govguide", "normalizers")


def _overrides_hash(overrides: str | None) -> str | None:
    path = DEFAULT_OVERRIDES_PATH if overrides is None else Path(overrides)
    try:
        return file_sha256(path)
    except OSError:
        return None


def inputs_fingerprint(
    outcomes: Iterable[FileOutcome], extractor_version: str, overrides: str | None
) -> str:
    """One hash of everything the published data is computed from (see the module doc)."""
    doc = {
        # "unchanged" is "extracted" read from the cache: the same input to what follows.
        "files": [
            [o.rel, o.sha256, EXTRACTED if o.status == UNCHANGED else o.status, o.reason]
            # Where a file was fetched from is published with its items.
            + ([o.source_url, o.fetched_at.isoformat()] if o.source_url and o.fetched_at else [])
            for o in sorted(outcomes, key=lambda o: o.rel)
        ],
        "extractor": extractor_version,
        "code": code_fingerprint(_CODE_PACKAGES),
        "overrides": _overrides_hash(overrides),
    }
    return hashlib.sha256(json.dumps(doc, ensure_ascii=False).encode()).hexdigest()


def recall_inputs(out: str | Path) -> dict[str, str] | None:
    """The version last found published and the fingerprint of its inputs, if recorded."""
    try:
        doc = json.loads((Path(out) / STATE_FILE).read_text(encoding="utf-8"))
        return {"version": str(doc["version"]), "fingerprint": str(doc["fingerprint"])}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remember_inputs(out: str | Path, version: str, fingerprint: str) -> None:
    """Record that ``version`` is what inputs with ``fingerprint`` publish (best effort:
    without the record the next run just does the full work)."""
    path = Path(out) / STATE_FILE
    with contextlib.suppress(OSError):
        doc = {"version": version, "fingerprint": fingerprint}
        write_atomic(path, json.dumps(doc), durable=False)
