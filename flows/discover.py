"""Find every input file under the raw root and fingerprint it.

Every regular file below ``<raw>`` is an input, whatever its extension: the format is read
from the content at extraction (a PDF named .doc is still a PDF, an HTML error page named
.pdf is quarantined with a reason). Names starting with a dot (``.gitkeep``, ``.DS_Store``,
editor temp files) and dot-directories are not inputs. Symbolic links are listed but never
followed: one pointing outside the root is refused by the safety checks and quarantined
(its target is never read or copied).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from govguide.errors import GovguideError, TransientError
from govguide.hashing import file_sha256


@dataclass(frozen=True)
class InputFile:
    """One file found under the raw root."""

    rel: str  # path relative to the raw root, POSIX separators: the file's identity
    path: Path
    size: int | None = None
    sha256: str | None = None
    problem: GovguideError | None = None  # refused before opening (unsafe name, link …)

    @property
    def ok(self) -> bool:
        return self.problem is None


def _check(path: Path, root: Path) -> GovguideError | None:
    """The safety layer's verdict on a path (None when it may be opened)."""
    try:
        from govguide.safety.paths import check_path
    except ModuleNotFoundError as exc:  # the safety layer ships with govguide; stay usable
        if exc.name not in ("govguide.safety", "govguide.safety.paths"):
            raise
        if path.is_symlink() or not path.is_file():
            from govguide.errors import UnsafeFileError

            return UnsafeFileError("not a regular file (links are not followed)", path=path)
        return None
    try:
        check_path(path, root)
    except GovguideError as err:
        return err
    return None


def discover(raw: str | Path) -> list[InputFile]:
    """Every input file under ``raw`` in a stable order (sorted by relative path)."""
    root = Path(raw)
    if not root.is_dir():
        raise GovguideError(f"raw data directory {root} does not exist or is not a directory")
    found: list[InputFile] = []
    # os.walk does not descend into linked directories (followlinks=False); such a link is
    # reported like a file so it is accounted for.
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        base = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        linked_dirs = [d for d in dirnames if (base / d).is_symlink()]
        dirnames[:] = [d for d in dirnames if d not in linked_dirs]
        for name in sorted(filenames) + linked_dirs:
            if name.startswith("."):
                continue
            path = base / name
            rel = path.relative_to(root).as_posix()
            problem = _check(path, root)
            size = None
            if problem is None:
                try:
                    size = path.stat().st_size
                except OSError as exc:
                    problem = TransientError(f"cannot stat file: {exc.strerror}", path=path)
            found.append(InputFile(rel=rel, path=path, size=size, problem=problem))
    found.sort(key=lambda f: f.rel)
    return found


def fingerprint(files: list[InputFile]) -> list[InputFile]:
    """The same files with their SHA-256 (files refused earlier are left as they are)."""
    out: list[InputFile] = []
    for f in files:
        if not f.ok:
            out.append(f)
            continue
        try:
            out.append(replace(f, sha256=file_sha256(f.path)))
        except OSError as exc:
            out.append(
                replace(f, problem=TransientError(f"cannot read file: {exc.strerror}", path=f.path))
            )
    return out
