"""Content fingerprints: the identity of an input file for caching, manifests and diffs."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
from collections.abc import Iterable
from pathlib import Path


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, read in 1 MiB chunks (memory stays flat for large files)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# Files whose bytes decide what the code computes: sources and the data files shipped with them.
_CODE_SUFFIXES = (".py", ".toml", ".csv", ".txt", ".json")


def code_fingerprint(packages: Iterable[str]) -> str:
    """Hash of the source and data files of ``packages`` (relative names and bytes).

    The one code hash: the extraction cache keys on the extraction code's, the publish
    fingerprint on everything after extraction. A package that is not installed hashes as
    missing, so the fingerprint still changes when it appears.
    """
    h = hashlib.sha256()
    for name in packages:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            h.update(f"missing:{name}\n".encode())
            continue
        for root in sorted(spec.submodule_search_locations):
            base = Path(root)
            for path in sorted(base.rglob("*")):
                if "__pycache__" in path.parts or path.suffix not in _CODE_SUFFIXES:
                    continue
                with contextlib.suppress(OSError):
                    data = path.read_bytes()
                    h.update(f"{name}/{path.relative_to(base).as_posix()}\n".encode())
                    h.update(hashlib.sha256(data).digest())
    return h.hexdigest()
