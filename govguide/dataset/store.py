"""Immutable dataset versions on disk, published atomically.

Layout of an output directory (``--out``, default ``data/curated``)::

    v=20250601T020000Z/        one complete, never-modified version
        items.parquet materials.parquet legal_basis.parquet alignment.parquet
        review_queue.parquet files.parquet changes.parquet
        diff.md diff.html manifest.json
    LATEST                     the id of the current version (the source of truth)
    latest -> v=…              symlink to it, so readers can say data/curated/latest/items.parquet
    .lock                      held (flock) by the run that writes here
    .tmp-…/                    a version being written; never read; removed by the next run
    .cache/ _quarantine/ _runs/   extraction cache, quarantined inputs, run reports

Why it is crash safe: a version is written completely into a ``.tmp-`` directory, its files
fsynced, then renamed to ``v=<id>`` in one ``rename(2)``; only then is ``LATEST`` replaced
(temp file + ``os.replace``) and the symlink swapped the same way. A crash at any point
leaves ``LATEST`` naming a complete version. A version directory is only listed when its
``manifest.json`` (written last, inside the temp directory) is present.

Two runs on one output directory are serialised by an advisory lock (``flock``), which
the kernel releases when the holder dies, so a killed run never leaves a stale lock.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from govguide.core.atomic import is_temp_of, write_atomic
from govguide.core.errors import PublishError
from govguide.core.hashing import file_sha256
from govguide.core.models import GuideItem
from govguide.dataset.schema import DATA_TABLES, SCHEMA_VERSION, table_to_items

VERSION_PREFIX = "v="
LATEST_FILE = "LATEST"
LATEST_LINK = "latest"
LOCK_FILE = ".lock"
TMP_PREFIX = ".tmp-"
MANIFEST = "manifest.json"
_ID_FORMAT = "%Y%m%dT%H%M%SZ"


class LockedError(PublishError):
    """Another run holds the output directory's lock."""

    reason = "locked"


@dataclass(frozen=True)
class Version:
    """One complete published version."""

    id: str
    path: Path
    manifest: dict[str, Any] = field(repr=False)

    @property
    def parent(self) -> str | None:
        return self.manifest.get("parent")

    @property
    def content_hash(self) -> str | None:
        return self.manifest.get("content_hash")

    @property
    def created_at(self) -> str | None:
        return self.manifest.get("created_at")

    def rows(self, table: str) -> int | None:
        return self.manifest.get("tables", {}).get(table, {}).get("rows")

    def table_path(self, name: str) -> Path:
        return self.path / f"{name}.parquet"

    def has_table(self, name: str) -> bool:
        return self.table_path(name).is_file()


@dataclass(frozen=True)
class PublishResult:
    published: bool
    version: Version | None  # the new version, or the unchanged latest when nothing was published
    parent: Version | None
    message: str


# ---------------------------------------------------------------------------------------
# Reading


def version_dir(out: Path, version_id: str) -> Path:
    return Path(out) / f"{VERSION_PREFIX}{version_id}"


def _load(path: Path) -> Version | None:
    manifest_path = path / MANIFEST
    if not path.is_dir() or path.is_symlink() or not manifest_path.is_file():
        return None
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not _well_formed(manifest):
        return None  # valid JSON of another shape: as unusable as a torn file
    return Version(path.name[len(VERSION_PREFIX) :], path, manifest)


def _well_formed(manifest: object) -> bool:
    """Whether a manifest has the shape every reader relies on."""
    if not isinstance(manifest, dict):
        return False
    tables = manifest.get("tables", {})
    if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
        return False
    return all(
        manifest.get(key) is None or isinstance(manifest.get(key), str)
        for key in ("parent", "content_hash", "created_at")
    )


def damage(version: Version) -> list[str]:
    """What is wrong with a version's tables against its manifest (empty when intact): a
    table file missing or whose SHA-256 is not the one recorded when it was written."""
    problems: list[str] = []
    for name, info in sorted(version.manifest.get("tables", {}).items()):
        path = version.table_path(name)
        try:
            actual = file_sha256(path)
        except OSError as exc:
            problems.append(f"{path.name}: {exc.strerror}")
            continue
        if info.get("sha256") not in (None, actual):
            problems.append(f"{path.name}: content differs from its manifest (sha256 mismatch)")
    return problems


def list_versions(out: str | Path) -> list[Version]:
    """Complete versions, oldest first (ids sort by time)."""
    out = Path(out)
    if not out.is_dir():
        return []
    found = [
        v
        for p in out.iterdir()
        if p.name.startswith(VERSION_PREFIX) and (v := _load(p)) is not None
    ]
    return sorted(found, key=lambda v: v.id)


def latest(out: str | Path) -> Version | None:
    """The current version: the one ``LATEST`` names; if that file is missing or names no
    complete version, the newest complete version (or None when there is none)."""
    out = Path(out)
    pointer = out / LATEST_FILE
    with contextlib.suppress(OSError):
        named = pointer.read_text(encoding="utf-8").strip()
        if named and (v := _load(version_dir(out, named))) is not None:
            return v
    versions = list_versions(out)
    return versions[-1] if versions else None


def get_version(out: str | Path, version_id: str) -> Version:
    """A version by id (``v=`` prefix optional); ``latest`` is accepted."""
    if version_id in ("latest", LATEST_FILE):
        found = latest(out)
    else:
        vid = version_id.removeprefix(VERSION_PREFIX)
        found = _load(version_dir(Path(out), vid))
    if found is None:
        raise PublishError(f"no complete version {version_id!r} under {out}")
    return found


def read_table(version: Version, name: str, *, exclude: Collection[str] = ()) -> pa.Table:
    """Table ``name`` of ``version``, without the columns in ``exclude`` (never read)."""
    if not version.has_table(name):
        raise PublishError(f"version {version.id} has no table {name!r}")
    path = version.table_path(name)
    try:
        if not exclude:
            return pq.read_table(path)
        return pq.read_table(
            path, columns=[c for c in pq.read_schema(path).names if c not in exclude]
        )
    except (pa.ArrowException, OSError) as exc:
        raise PublishError(
            f"version {version.id}: {path.name} is damaged and cannot be read ({exc}); the next "
            "run publishes a complete version from its inputs"
        ) from exc


def read_items_table(version: Version, *, provenance: bool = True) -> pa.Table:
    """A version's ``items`` table; ``provenance=False`` leaves out where each value was
    read, most of the table's size (a diff compares values only)."""
    return read_table(version, "items", exclude=() if provenance else ["provenance"])


def read_items(version: Version, *, provenance: bool = True) -> list[GuideItem]:
    """A version's items (``provenance=False``: without it, reading less; see
    :func:`govguide.dataset.schema.table_to_items`)."""
    return table_to_items(read_items_table(version, provenance=provenance), provenance=provenance)


# ---------------------------------------------------------------------------------------
# Content identity


def content_hash(tables: Mapping[str, pa.Table]) -> str:
    """Hash of the data tables' schemas and rows, independent of Parquet encoding details,
    file timestamps and the run report: equal hashes mean the same published data."""
    h = hashlib.sha256(f"schema:{SCHEMA_VERSION}\n".encode())
    for name in DATA_TABLES:
        table = tables.get(name)
        if table is None:
            continue
        h.update(f"table:{name}\n{table.schema.remove_metadata()}\n".encode())
        for batch in table.to_batches(max_chunksize=4096):
            for row in batch.to_pylist():
                h.update(json.dumps(row, ensure_ascii=False, sort_keys=True, default=str).encode())
                h.update(b"\n")
    return h.hexdigest()


# ---------------------------------------------------------------------------------------
# Locking


_held: dict[Path, int] = {}
_held_guard = threading.Lock()


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextlib.contextmanager
def run_lock(out: str | Path, timeout: float = 0.0, poll: float = 0.2) -> Iterator[None]:
    """Hold the output directory's lock; re-entrant within one process.

    Waits up to ``timeout`` seconds for another run to finish, then raises
    :class:`LockedError` naming the holder.
    """
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PublishError(f"cannot create the output directory {out}: {exc.strerror}") from exc
    key = out.resolve()
    with _held_guard:
        if key in _held:
            _held[key] += 1
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield
        finally:
            with _held_guard:
                _held[key] -= 1
        return
    path = out / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise PublishError(f"cannot create the lock file {path}: {exc.strerror}") from exc
    try:
        deadline = time.monotonic() + max(timeout, 0.0)
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                holder = ""
                with contextlib.suppress(OSError):
                    holder = path.read_text(encoding="utf-8").strip()
                raise LockedError(
                    f"another govguide run is writing to {out} ({holder or 'holder unknown'}); "
                    f"waited {timeout:g}s. Try again when it has finished, or pass a longer "
                    "--lock-timeout."
                )
            time.sleep(poll)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} since {_now().isoformat()}\n".encode(), 0)
        with _held_guard:
            _held[key] = 1
        try:
            yield
        finally:
            with _held_guard:
                _held.pop(key, None)
    finally:
        os.close(fd)  # closing the descriptor releases the lock


# ---------------------------------------------------------------------------------------
# Writing


def _now() -> datetime:
    return datetime.now(UTC)


def new_version_id(out: str | Path, now: datetime | None = None) -> str:
    """A UTC timestamp id, strictly after every version (complete or not) already there."""
    now = (now or _now()).astimezone(UTC).replace(microsecond=0)
    candidate = now
    existing = [
        p.name[len(VERSION_PREFIX) :] for p in Path(out).glob(f"{VERSION_PREFIX}*") if p.is_dir()
    ]
    for vid in existing:
        with contextlib.suppress(ValueError):
            t = datetime.strptime(vid, _ID_FORMAT).replace(tzinfo=UTC)
            if t >= candidate:
                candidate = t + timedelta(seconds=1)
    return candidate.strftime(_ID_FORMAT)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_table(table: pa.Table, path: Path) -> None:
    pq.write_table(table, path, compression="zstd", use_dictionary=True)
    _fsync_file(path)


def _write_text(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def _promote(tmp: Path, final: Path) -> None:
    """The moment a version appears: one atomic rename of a complete directory."""
    os.rename(tmp, final)
    _fsync_dir(final.parent)


def set_latest(out: str | Path, version_id: str) -> None:
    """Point ``LATEST`` (and the ``latest`` symlink) at a complete version, atomically."""
    out = Path(out)
    if _load(version_dir(out, version_id)) is None:
        raise PublishError(f"refusing to point latest at incomplete version {version_id}")
    write_atomic(out / LATEST_FILE, version_id + "\n")
    _fsync_dir(out)
    sync_latest_link(out)


def sync_latest_link(out: str | Path) -> None:
    """Make the ``latest`` symlink agree with ``LATEST`` (best effort: a convenience for
    readers, skipped where symlinks are not available)."""
    out = Path(out)
    current = latest(out)
    if current is None:
        return
    link = out / LATEST_LINK
    target = f"{VERSION_PREFIX}{current.id}"
    with contextlib.suppress(OSError):
        if link.is_symlink() and os.readlink(link) == target:
            return
    if link.exists() and not link.is_symlink():
        return  # never clobber something a user put there
    tmp = out / f"{LATEST_LINK}.tmp-{uuid.uuid4().hex}"
    try:
        os.symlink(target, tmp, target_is_directory=True)
        os.replace(tmp, link)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


def cleanup_temp(out: str | Path) -> list[Path]:
    """Remove what interrupted runs left behind (``.tmp-`` directories, pointer temp files).
    Call with the lock held, so a running publish's temp directory is never touched."""
    out = Path(out)
    removed: list[Path] = []
    if not out.is_dir():
        return removed
    for p in out.iterdir():
        name = p.name
        if (
            name.startswith(TMP_PREFIX)
            or name.startswith((f"{LATEST_LINK}.tmp-", f"{LATEST_FILE}.tmp-"))  # the latter: older releases
            or is_temp_of(p, LATEST_FILE)
        ):
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    p.unlink()
            removed.append(p)
    repair_latest(out)
    return removed


def repair_latest(out: str | Path) -> str | None:
    """Make ``LATEST`` name the version a completed publish meant to be current; returns
    the id it was set to, or None when it was right. Call with the lock held.

    A run killed after its version was renamed into place but before ``LATEST`` moved
    leaves a complete, intact version whose parent is the current one: it is made current
    (publishing it again would give a duplicate). A ``LATEST`` naming no complete version
    (garbage, or a removed version) is rewritten to the newest complete one.
    """
    out = Path(out)
    named = None
    with contextlib.suppress(OSError, UnicodeDecodeError):
        named = (out / LATEST_FILE).read_text(encoding="utf-8").strip()
    current = _load(version_dir(out, named)) if named else None
    versions = list_versions(out)
    target = current if current is not None else (versions[-1] if versions else None)
    for v in versions:
        if current is not None and v.id > target.id and v.parent == target.id and not damage(v):
            target = v
    if target is None or (current is not None and target.id == current.id):
        sync_latest_link(out)
        return None
    set_latest(out, target.id)
    return target.id


Extras = Callable[[Version | None, str], tuple[dict[str, pa.Table], dict[str, str]]]


def publish(
    out: str | Path,
    tables: Mapping[str, pa.Table],
    *,
    manifest: Mapping[str, Any] | None = None,
    extras: Extras | None = None,
    now: datetime | None = None,
    lock_timeout: float = 0.0,
) -> PublishResult:
    """Publish ``tables`` as a new version unless their data equals the latest version's.

    ``extras(parent, new_id)`` is called only when a version will be published and returns
    more tables and text files for it (the diff against the parent). ``manifest`` entries
    (inputs, code versions, run info) are added to the manifest.
    """
    out = Path(out)
    with run_lock(out, timeout=lock_timeout):
        parent = latest(out)
        digest = content_hash(tables)
        damaged = damage(parent) if parent is not None else []
        if damaged:
            # A damaged version cannot be a parent: nothing can be diffed against it, and
            # "identical" would leave the damage current. Publish a complete version.
            assert parent is not None
            damaged_parent: dict[str, Any] = {"id": parent.id, "problems": damaged}
            parent = None
        elif parent is not None and parent.content_hash == digest:
            return PublishResult(False, parent, parent, f"identical to latest version {parent.id}")
        vid = new_version_id(out, now)
        all_tables = dict(tables)
        files: dict[str, str] = {}
        if extras is not None:
            more_tables, files = extras(parent, vid)
            all_tables.update(more_tables)
        tmp = out / f"{TMP_PREFIX}{VERSION_PREFIX}{vid}-{uuid.uuid4().hex[:8]}"
        try:
            tmp.mkdir(parents=True)
            table_info: dict[str, dict[str, Any]] = {}
            for name in sorted(all_tables):
                path = tmp / f"{name}.parquet"
                _write_table(all_tables[name], path)
                table_info[name] = {
                    "rows": all_tables[name].num_rows,
                    "sha256": file_sha256(path),
                    "bytes": path.stat().st_size,
                }
            for name, text in sorted(files.items()):
                _write_text(tmp / name, text)
            doc = {
                "version": vid,
                "parent": parent.id if parent else None,
                "created_at": (now or _now()).astimezone(UTC).isoformat(),
                "schema_version": SCHEMA_VERSION,
                "content_hash": digest,
                "tables": table_info,
                "files": sorted(files),
                **dict(manifest or {}),
            }
            if damaged:
                doc["damaged_parent"] = damaged_parent
            _write_text(tmp / MANIFEST, json.dumps(doc, ensure_ascii=False, indent=2, default=str))
            _fsync_dir(tmp)
            final = version_dir(out, vid)
            _promote(tmp, final)
        except BaseException as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            if isinstance(exc, OSError):  # disk full, quota, permissions: say so plainly
                raise PublishError(
                    f"cannot write version {vid} under {out}: {exc.strerror or exc}; "
                    "the previous version stays current"
                ) from exc
            raise
        try:
            set_latest(out, vid)
        except OSError as exc:
            raise PublishError(
                f"version {vid} was written but could not be made current: {exc.strerror or exc};"
                " the next run makes it current"
            ) from exc
        version = _load(final)
        assert version is not None
        message = f"published version {vid}"
        if damaged:
            message += (
                f" in full: the latest version {damaged_parent['id']} is damaged "
                f"({'; '.join(damaged)})"
            )
        return PublishResult(True, version, parent, message)
