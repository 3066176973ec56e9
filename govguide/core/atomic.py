"""Write a file so that readers see the old content or the new, never a torn one.

Every small state file (cache entries, sidecars, pointers, run counts, the segment dictionary,
views.sql) goes through :func:`write_atomic`: the bytes go to a hidden temporary file in the
same folder (same file system, so the rename is atomic), are flushed to disk when asked, and the
temporary file replaces the target in one ``os.replace``. A failure at any point removes the
temporary file, so a full disk leaves no litter either.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path

TEMP_SUFFIX = ".part"


def temp_path(path: Path) -> Path:
    """A hidden sibling of ``path`` for writing into (``.name.<random>.part``)."""
    return path.with_name(f".{path.name}.{uuid.uuid4().hex}{TEMP_SUFFIX}")


def is_temp_of(candidate: Path, target_name: str) -> bool:
    """Whether ``candidate`` is a temporary file left by an interrupted write of ``target_name``."""
    return candidate.name.startswith(f".{target_name}.") and candidate.name.endswith(TEMP_SUFFIX)


def write_atomic(
    path: str | Path,
    data: bytes | str,
    *,
    durable: bool = True,
    make_parents: bool = True,
    mode: int = 0o666,
) -> None:
    """Replace ``path`` with ``data`` (text is written as UTF-8) in one atomic step.

    ``durable`` flushes the data to disk before the rename, for files whose loss after a power
    cut would matter (published pointers, fetched documents); caches may skip it. ``mode``
    (less the umask) is the new file's permissions: 0o600 for a file only its owner may read.
    """
    path = Path(path)
    if make_parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = temp_path(path)
    try:
        with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), "wb") as fh:
            fh.write(payload)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
