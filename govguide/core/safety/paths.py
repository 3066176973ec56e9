"""Refuse hostile or unusable paths before a file is opened.

A file under the raw-data root is accepted only when its name is printable, portable and of
sane length, it is a regular file, and it really lies under the root: a symbolic link (or a
linked directory) that leads outside is refused without ever being opened.

The checks are names-first, so a bad name is reported as such even where the file system
cannot hold it; the file system is then examined with ``lstat`` (never following the link
and never opening the file: opening a FIFO would block the run).
"""

from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path

from govguide.core.errors import TransientError, UnsafeFileError

# Invisible direction controls let "evil\u202efdp.exe" display as "evilexe.pdf".
_BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# '/' cannot occur in a POSIX name; a backslash is a separator to Windows tools and to
# anything that later copies the name into a path (the quarantine area, a report link).
_SEPARATORS = frozenset("/\\")


def check_path(path: Path, root: Path, *, max_name_bytes: int | None = None) -> None:
    """Raise :class:`UnsafeFileError` unless ``path`` is a safe regular file under ``root``.

    Refused: a ``..`` component; a name with control characters, direction controls, path
    separators or bytes that are not UTF-8; a name longer than ``max_name_bytes`` (UTF-8
    bytes; default from settings); a path that is not under ``root`` or leads outside it
    through a symbolic link (the link is not followed); anything but a regular file
    (directory, FIFO, socket, device). A file that vanished raises :class:`TransientError`.
    """
    if max_name_bytes is None:
        from govguide.core.settings import get_settings

        max_name_bytes = get_settings().max_name_bytes
    path = Path(path)
    root = Path(root)

    if ".." in path.parts:
        raise UnsafeFileError("path contains a '..' component", path=path)
    relative = _relative_to_root(path, root)
    for name in relative.parts:
        _check_name(name, path, max_name_bytes)

    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise TransientError(
            "file no longer exists (removed while the run was going?)", path=path
        ) from None
    except OSError as exc:  # no search permission above it, a path too long, an I/O error
        from govguide.core.safety.reading import os_error

        raise os_error(exc, path, "the file") from exc

    real_root = root.resolve()
    if stat.S_ISLNK(st.st_mode):
        target = os.readlink(path)
        try:
            resolved = path.resolve(strict=True)
        except RuntimeError as exc:  # Python 3.11 reports link loops this way
            raise UnsafeFileError("symbolic link loop; not followed", path=path) from exc
        except OSError as exc:
            if _outside(Path(os.path.abspath(os.path.join(path.parent, target))), real_root):
                raise UnsafeFileError(
                    f"symbolic link points outside {root} (to {target}); not followed", path=path
                ) from exc
            raise UnsafeFileError(f"broken symbolic link (to {target})", path=path) from exc
        if _outside(resolved, real_root):
            raise UnsafeFileError(
                f"symbolic link points outside {root} (to {target}); not followed", path=path
            )
        st = os.stat(resolved)
    else:
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            raise UnsafeFileError(f"path cannot be resolved: {exc}", path=path) from exc
        if _outside(resolved, real_root):
            raise UnsafeFileError(
                f"path leads outside {root} through a linked directory; not followed", path=path
            )

    if not stat.S_ISREG(st.st_mode):
        raise UnsafeFileError(f"not a regular file ({_kind(st.st_mode)})", path=path)


def _relative_to_root(path: Path, root: Path) -> Path:
    """``path`` below ``root``, compared as written first, then with the root resolved.

    Paths are compared without resolving ``path`` itself: resolving would follow the very
    links this function must judge.
    """
    absolute = Path(os.path.abspath(path)) if not path.is_absolute() else path
    for base in (Path(os.path.abspath(root)), root.resolve()):
        try:
            return absolute.relative_to(base)
        except ValueError:
            continue
    raise UnsafeFileError(f"path is not inside {root}", path=path)


def _check_name(name: str, path: Path, max_name_bytes: int) -> None:
    if any(0xDC80 <= ord(ch) <= 0xDCFF for ch in name):
        # os.listdir hands undecodable bytes back as lone surrogates; such a name cannot be
        # written to the JSON report or a Parquet string column.
        raw = os.fsencode(name)
        hint = ""
        try:
            hint = f"; as GB18030 it reads {raw.decode('gb18030')!r}"
        except UnicodeDecodeError:
            pass
        raise UnsafeFileError(f"file name is not valid UTF-8 ({raw!r}{hint}); rename it", path=path)
    bad = sorted({ch for ch in name if unicodedata.category(ch) == "Cc"})
    if bad:
        shown = ", ".join(f"U+{ord(ch):04X}" for ch in bad)
        raise UnsafeFileError(f"file name contains control characters ({shown})", path=path)
    if any(ch in _BIDI_CONTROLS for ch in name):
        raise UnsafeFileError("file name contains invisible text-direction controls", path=path)
    if any(ch in _SEPARATORS for ch in name):
        raise UnsafeFileError("file name contains a path separator ('\\' or '/')", path=path)
    size = len(os.fsencode(name))
    if size > max_name_bytes:
        raise UnsafeFileError(
            f"file name is too long ({size} bytes; limit {max_name_bytes})", path=path
        )


def _outside(resolved: Path, real_root: Path) -> bool:
    return not resolved.is_relative_to(real_root)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "special file"
