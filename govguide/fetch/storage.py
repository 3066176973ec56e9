"""Where fetched documents are kept under the raw folder, and what is recorded about them.

``<raw>/<province>/<region>/<name>`` holds the document; next to it the sidecar
``.<name>.fetch.json`` records where and when its bytes came from (url, final_url,
fetched_at, etag, last_modified, sha256, http_status, content_type, format). Both start
with a dot or sit in a dot folder where they are not the document itself, so ingestion,
which skips dot names, never takes them for inputs.

``<raw>/.fetch/state.json`` remembers, per address, where its document is stored, how it
answered last, and since when it has been answering 404/410; ``<raw>/.withdrawn/`` keeps
the documents of withdrawn sources (moved, never deleted).

A document is written to a temporary file in its folder and renamed into place, so
ingestion never reads half a file; its sidecar is written after it the same way.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from govguide.core.atomic import write_atomic

SIDECAR_SUFFIX = ".fetch.json"
STATE_FILE = Path(".fetch") / "state.json"
WITHDRAWN_DIR = ".withdrawn"
_UNSAFE = re.compile(r"[^\w\u3400-\u4dbf\u4e00-\u9fff.-]+")
_STEM_CHARS = 60


def document_name(url: str, fmt: str) -> str:
    """A file name for the document at ``url`` whose bytes are ``fmt`` (pdf, docx, html).

    The last path segment (readable, so a person can find a guide by its portal name) plus
    a hash of the whole address (``zhinan/index.html`` and ``bujiao/index.html`` are two
    documents), with the extension of what the bytes are, not what the address says.
    """
    segment = unquote(PurePosixPath(urlsplit(url).path).name)
    stem = segment.rsplit(".", 1)[0] if "." in segment else segment
    stem = _UNSAFE.sub("_", stem).strip("._-")[:_STEM_CHARS] or "index"
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:8]
    return f"{stem}-{digest}.{fmt}"


def sidecar_path(document: Path) -> Path:
    return document.with_name(f".{document.name}{SIDECAR_SUFFIX}")


@dataclass(frozen=True)
class Sidecar:
    """What is known of a stored document's bytes and where they came from."""

    url: str
    final_url: str
    fetched_at: str  # ISO 8601 UTC: when these bytes were downloaded
    sha256: str
    http_status: int
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    format: str | None = None


def write_sidecar(document: Path, sidecar: Sidecar) -> None:
    text = json.dumps(asdict(sidecar), ensure_ascii=False, indent=1) + "\n"
    write_atomic(sidecar_path(document), text.encode("utf-8"))


def read_sidecar(document: Path) -> Sidecar | None:
    """The sidecar of ``document``, or None when there is none or it cannot be read."""
    try:
        doc = json.loads(sidecar_path(document).read_text(encoding="utf-8"))
        return Sidecar(**{k: doc.get(k) for k in Sidecar.__dataclass_fields__})
    except (OSError, ValueError, TypeError):
        return None


@dataclass
class UrlState:
    """What the fetcher remembers of one address between runs."""

    path: str | None = None  # the stored document, relative to the raw folder
    list_url: str | None = None  # the list page it was found on, if any
    last_status: int | None = None
    last_error: str | None = None
    checked_at: str | None = None
    gone_days: list[str] = field(default_factory=list)  # UTC dates of 404/410 in a row
    withdrawn: dict[str, Any] | None = None  # {status, since, at, path, moved_to}


def load_state(raw: Path) -> dict[str, UrlState]:
    """The per-address state of the fetcher under ``raw`` (empty when there is none)."""
    try:
        doc = json.loads((raw / STATE_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        from govguide.core.errors import GovguideError

        raise GovguideError(
            f"fetch state {raw / STATE_FILE} cannot be read ({exc}); move it away to start afresh"
        ) from None
    fields = UrlState.__dataclass_fields__
    return {
        url: UrlState(**{k: v for k, v in entry.items() if k in fields})
        for url, entry in doc.get("urls", {}).items()
    }


def save_state(raw: Path, state: dict[str, UrlState]) -> None:
    doc = {"version": 1, "urls": {url: asdict(s) for url, s in sorted(state.items())}}
    write_atomic(raw / STATE_FILE, (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode())


def move_aside(raw: Path, rel: str) -> str | None:
    """Move a stored document and its sidecar to ``<raw>/.withdrawn/`` (same relative
    path); returns where it went, relative to ``raw``, or None if it was not there."""
    src = raw / rel
    if not src.is_file():
        return None
    dest = raw / WITHDRAWN_DIR / rel
    dest.parent.mkdir(parents=True, exist_ok=True)
    os.replace(src, dest)
    with contextlib.suppress(FileNotFoundError):
        os.replace(sidecar_path(src), sidecar_path(dest))
    return dest.relative_to(raw).as_posix()


def remove_document(raw: Path, rel: str) -> None:
    """Delete a stored document and its sidecar (its address now stores another file)."""
    for p in (raw / rel, sidecar_path(raw / rel)):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()
