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
import stat
from dataclasses import dataclass, replace
from pathlib import Path

from govguide.core.errors import GovguideError
from govguide.core.hashing import file_sha256
from govguide.core.safety.paths import check_path
from govguide.core.safety.reading import UnreadableError, input_sha256, os_error


@dataclass(frozen=True)
class InputFile:
    """One file found under the raw root."""

    rel: str  # path relative to the raw root, POSIX separators: the file's identity
    path: Path
    size: int | None = None
    sha256: str | None = None
    problem: GovguideError | None = None  # refused before opening (unsafe name, link …)
    root: Path | None = None  # the raw root: files are opened from it, no link followed

    @property
    def ok(self) -> bool:
        return self.problem is None


def _check(path: Path, root: Path) -> GovguideError | None:
    """The safety layer's verdict on a path (None when it may be opened)."""
    try:
        check_path(path, root)
    except GovguideError as err:
        return err
    except OSError as exc:
        return os_error(exc, path, "the file")
    return None


def discover(raw: str | Path) -> list[InputFile]:
    """Every input file under ``raw`` in a stable order (sorted by relative path).

    Nothing under ``raw`` can stop the listing: a directory that cannot be listed (no read
    or search permission, a path longer than the system allows) is itself one entry, with
    the error as its problem, so its files are accounted for instead of vanishing."""
    root = Path(raw)
    if not root.is_dir():
        raise GovguideError(f"raw data directory {root} does not exist or is not a directory")
    found: list[InputFile] = []

    def entry(path: Path, problem: GovguideError | None, *, directory: bool = False) -> None:
        rel = path.relative_to(root).as_posix() + ("/" if directory else "")
        found.append(InputFile(rel=rel, path=path, problem=problem, root=root))

    def unlistable(exc: OSError) -> None:
        path = Path(exc.filename) if exc.filename else root
        if path == root:
            raise GovguideError(f"raw data directory {root} cannot be read: {exc.strerror}")
        entry(path, os_error(exc, path, "the directory"), directory=True)

    # os.walk does not descend into linked directories (followlinks=False); such a link is
    # reported like a file so it is accounted for.
    for dirpath, dirnames, filenames in os.walk(root, onerror=unlistable, followlinks=False):
        base = Path(dirpath)
        names = sorted(d for d in dirnames if not d.startswith("."))
        dirnames[:] = []
        linked_dirs = []
        for d in names:
            try:
                is_link = stat.S_ISLNK(os.lstat(base / d).st_mode)
            except OSError as exc:  # a directory without search permission, a path too long
                entry(base / d, os_error(exc, base / d, "the directory"), directory=True)
                continue
            (linked_dirs if is_link else dirnames).append(d)
        for name in sorted(filenames) + linked_dirs:
            if name.startswith("."):
                continue
            path = base / name
            problem = _check(path, root)
            size = None
            if problem is None:
                try:
                    size = path.stat().st_size
                except OSError as exc:
                    problem = os_error(exc, path, "the file")
            found.append(
                InputFile(
                    rel=path.relative_to(root).as_posix(),
                    path=path,
                    size=size,
                    problem=problem,
                    root=root,
                )
            )
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
            if f.root is not None:
                sha256, size = input_sha256(f.path, f.root)
                out.append(replace(f, sha256=sha256, size=size))
            else:
                out.append(replace(f, sha256=file_sha256(f.path)))
        except GovguideError as err:  # a link swapped in, unreadable, vanished
            out.append(replace(f, problem=err))
        except OSError as exc:
            out.append(replace(f, problem=UnreadableError(f"cannot read file: {exc.strerror}", path=f.path)))
    return out
