"""The quarantine area: copies of bad input files, each with the reason it was refused.

``<out>/_quarantine/<hash>-<name>`` is a copy of the file (never the file itself: the raw
folder is left untouched) and ``<hash>-<name>.reason.json`` says why (``source``,
``sha256``, ``reason``, ``message``).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import uuid
from datetime import UTC, datetime
from pathlib import Path

from govguide.core.atomic import write_atomic
from govguide.core.errors import GovguideError
from govguide.core.safety.reading import copy_input

QUARANTINE_DIR = "_quarantine"

_UNSAFE_CHARS = re.compile(r"[\x00-\x1f\x7f/\\\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _safe_name(rel: str, limit: int = 120) -> str:
    """A harmless, bounded file name derived from the input's name."""
    name = _UNSAFE_CHARS.sub("_", rel.rsplit("/", 1)[-1]).replace("..", "_").strip(" .")
    name = "".join(ch if ch.isprintable() else "_" for ch in name) or "file"
    while len(name.encode("utf-8", "replace")) > limit:
        name = name[: len(name) // 2] + name[-8:] if len(name) > 16 else name[:-1]
    return name.encode("utf-8", "replace").decode("utf-8")


def quarantine(
    out: str | Path,
    src: Path,
    rel: str,
    sha256: str | None,
    reason: str,
    message: str | None,
    root: Path | None = None,
) -> Path:
    """Copy ``src`` (never move it: data/raw is left untouched) into ``<out>/_quarantine/``
    with a sidecar ``<name>.reason.json``; return the sidecar's path.

    Links and special files are not copied (their target may be anything, and a FIFO would
    block): the sidecar alone records them. The copy keeps the source's permissions (a
    0600 file stays 0600), and is kept only if its bytes are the ones judged (``sha256``):
    a file rewritten since is recorded without a copy.
    """
    qdir = Path(out) / QUARANTINE_DIR
    qdir.mkdir(parents=True, exist_ok=True)
    key = (sha256 or "nohash")[:12]
    dest = qdir / f"{key}-{_safe_name(rel)}"
    copied = False
    note = None
    if dest.exists() and sha256 is not None:
        copied = True  # named after its hash: the same bytes, copied by an earlier run
    else:
        copied, note = _copy_judged(src, root, sha256, dest)
    sidecar = dest.with_name(dest.name + ".reason.json")
    with contextlib.suppress(OSError, ValueError):
        before = json.loads(sidecar.read_text(encoding="utf-8"))
        if (
            before.get("source"),
            before.get("reason"),
            before.get("message"),
            before.get("copied"),
        ) == (rel, reason, message, copied):
            return sidecar  # already recorded by an earlier run: keep its first date
    doc = {
        "source": rel,
        "sha256": sha256,
        "reason": reason,
        "message": message,
        "copied": copied,
        "copy": dest.name if copied else None,
        "quarantined_at": datetime.now(UTC).isoformat(),
    }
    if note:
        doc["not_copied"] = note
    write_atomic(sidecar, json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8"))
    return sidecar


def _copy_judged(
    src: Path, root: Path | None, sha256: str | None, dest: Path
) -> tuple[bool, str | None]:
    """Copy ``src`` to ``dest`` if its bytes still hash to ``sha256`` (any bytes when it
    was refused unread, by its name): (copied, why not)."""
    with contextlib.suppress(OSError):
        if not stat.S_ISREG(os.lstat(src).st_mode):
            return False, None  # a link or special file: the sidecar alone records it
    tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex}")
    try:
        copy = copy_input(src, root if root is not None else Path(src).parent, tmp)
    except (GovguideError, OSError) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        return False, f"not copied: {exc}"
    if sha256 is not None and copy.sha256 != sha256:
        tmp.unlink()
        return False, "not copied: the file changed after it was judged"
    os.replace(tmp, dest)
    return True, None
