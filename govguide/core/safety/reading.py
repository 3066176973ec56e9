"""Open an input file without following links, and read it exactly once.

The path checks (:mod:`govguide.core.safety.paths`) judge a name with ``lstat``; between that
and the moment a parser opens the file, the name can be pointed elsewhere (a symbolic link
moved over it, a parent directory swapped for a link) or the file rewritten. So an input is
opened by walking from the raw root one component at a time with ``O_NOFOLLOW``, the opened
descriptor is checked with ``fstat``, and its bytes are copied once into a private staging
file while they are hashed: the parser reads the staged copy, and the hash that identifies
the result (cache key, ``source_sha256``) is the hash of exactly those bytes.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from govguide.core.errors import GovguideError, TransientError, UnsafeFileError

_CHUNK = 1 << 20
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
# Never block on a FIFO that replaced a file: the open returns and fstat refuses it.
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


class UnreadableError(TransientError):
    """The file or a directory above it cannot be opened or read (permissions, I/O error).

    Transient at first: permissions get fixed and shares come back. The flows quarantine
    an input that stays unreadable over several runs."""

    reason = "unreadable"


@dataclass(frozen=True)
class Staged:
    """A private copy of an input file and the identity of exactly its bytes."""

    path: Path
    sha256: str
    size: int
    mode: int  # the source's permission bits


def _components(path: Path, root: Path) -> list[str]:
    """``path``'s components below ``root``; a link inside the root (accepted by the path
    checks) is resolved here once, and the walk then refuses any link on its way."""
    if os.path.islink(path):
        real = Path(os.path.realpath(path))
        try:
            return list(real.relative_to(Path(os.path.realpath(root))).parts)
        except ValueError:
            raise UnsafeFileError(
                f"symbolic link points outside {root}; not followed", path=path
            ) from None
    try:
        return list(Path(os.path.abspath(path)).relative_to(Path(os.path.abspath(root))).parts)
    except ValueError:
        raise UnsafeFileError(f"path is not inside {root}", path=path) from None


def os_error(exc: OSError, path: Path, what: str) -> GovguideError:
    """The govguide error for an ``OSError`` met opening ``what`` (a phrase: "the file")."""
    if exc.errno in (errno.ELOOP, errno.ENOTDIR):
        # O_NOFOLLOW met a link (ELOOP), or a directory on the way became a link or a file.
        return UnsafeFileError(
            f"{what} was replaced by a symbolic link or another kind of file after it was "
            "examined; not followed",
            path=path,
        )
    if exc.errno == errno.ENOENT:
        return TransientError("file no longer exists (removed while the run was going?)", path=path)
    if exc.errno == errno.ENAMETOOLONG:
        return UnsafeFileError("path is too long for the file system", path=path)
    return UnreadableError(f"cannot open {what}: {exc.strerror}", path=path)


def open_input(path: Path, root: Path) -> int:
    """A read-only descriptor of the regular file ``path`` under ``root``, no link followed.

    Raises :class:`UnsafeFileError` when a link or special file is met on the way,
    :class:`UnreadableError` when permissions or the device refuse, and
    :class:`TransientError` when the file vanished.
    """
    path, root = Path(path), Path(root)
    parts = _components(path, root)
    if not parts:
        raise UnsafeFileError("not a regular file (a directory)", path=path)
    try:
        fd = os.open(root, os.O_RDONLY | _DIRECTORY)
    except OSError as exc:
        raise os_error(exc, path, "the raw root") from exc
    try:
        for name in parts[:-1]:
            try:
                nxt = os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=fd)
            except OSError as exc:
                raise os_error(exc, path, "a directory above this file") from exc
            os.close(fd)
            fd = nxt
        try:
            file_fd = os.open(parts[-1], os.O_RDONLY | _NOFOLLOW | _NONBLOCK, dir_fd=fd)
        except OSError as exc:
            raise os_error(exc, path, "the file") from exc
    finally:
        os.close(fd)
    st = os.fstat(file_fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(file_fd)
        raise UnsafeFileError("not a regular file (replaced after it was examined)", path=path)
    return file_fd


def _digest(fd: int, path: Path, out: int | None = None) -> tuple[str, int]:
    """SHA-256 and size of what is read from ``fd``, written on to ``out`` if given."""
    h = hashlib.sha256()
    size = 0
    while True:
        try:
            chunk = os.read(fd, _CHUNK)
        except OSError as exc:
            raise UnreadableError(f"cannot read file: {exc.strerror}", path=path) from exc
        if not chunk:
            return h.hexdigest(), size
        h.update(chunk)
        size += len(chunk)
        view = memoryview(chunk)
        while out is not None and view:
            view = view[os.write(out, view) :]


def input_sha256(path: Path, root: Path) -> tuple[str, int]:
    """SHA-256 and size of the bytes of ``path`` as :func:`open_input` opens it."""
    fd = open_input(path, root)
    try:
        return _digest(fd, path)
    finally:
        os.close(fd)


def copy_input(path: Path, root: Path, dest: Path) -> Staged:
    """Copy ``path`` (opened with :func:`open_input`) to the new file ``dest``, created
    with the source's permission bits (never wider than ``rw-rw-rw-``), hashing the bytes
    copied. ``dest`` is removed again when the copy fails."""
    fd = open_input(path, root)
    try:
        mode = stat.S_IMODE(os.fstat(fd).st_mode) & 0o666
        out = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
        try:
            sha256, size = _digest(fd, path, out)
            os.fchmod(out, mode)
        except BaseException:
            os.close(out)
            with contextlib.suppress(OSError):
                os.unlink(dest)
            raise
        os.close(out)
    finally:
        os.close(fd)
    return Staged(Path(dest), sha256, size, mode)


@contextlib.contextmanager
def staged(path: Path, root: Path) -> Iterator[Staged]:
    """A private copy of ``path`` (same file name, in a directory only this user can
    enter), removed afterwards. Disk full or an unwritable temp folder raises
    :class:`TransientError`."""
    try:
        folder = tempfile.mkdtemp(prefix="govguide-stage-")
    except OSError as exc:
        raise TransientError(f"cannot create a staging folder: {exc.strerror}", path=path) from exc
    try:
        try:
            copy = copy_input(path, root, Path(folder) / Path(path).name)
        except OSError as exc:  # writing the copy: disk full, quota
            raise TransientError(f"cannot stage file: {exc.strerror}", path=path) from exc
        yield copy
    finally:
        shutil.rmtree(folder, ignore_errors=True)
