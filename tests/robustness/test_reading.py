"""Opening inputs without following links, and listing a raw folder nothing can stop."""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from flows.discover import discover, fingerprint
from govguide.core.errors import TransientError, UnsafeFileError
from govguide.core.safety.reading import UnreadableError, input_sha256, open_input, staged
from govguide.dataset.quarantine import quarantine

SAMPLE = (
    Path(__file__).resolve().parents[2] / "data" / "raw" / "samples" / "gx_list_yibao_jingban.docx"
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    r = tmp_path / "raw"
    (r / "广西").mkdir(parents=True)
    (r / "广西" / "guide.docx").write_bytes(SAMPLE.read_bytes())
    return r


def test_staged_copy_is_what_is_hashed(root: Path) -> None:
    src = root / "广西" / "guide.docx"
    with staged(src, root) as copy:
        assert copy.path.read_bytes() == src.read_bytes()
        assert copy.sha256 == hashlib.sha256(src.read_bytes()).hexdigest()
        assert copy.path.name == src.name and copy.path.parent != src.parent
        assert stat.S_IMODE(copy.path.parent.stat().st_mode) == 0o700  # private folder
        folder = copy.path.parent
    assert not folder.exists()  # removed afterwards


def test_file_replaced_by_a_link_is_refused(root: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("password")
    target = root / "广西" / "guide.docx"
    target.unlink()
    os.symlink(secret, target)
    with pytest.raises(UnsafeFileError, match="symbolic link"):
        input_sha256(target, root)


def test_directory_above_replaced_by_a_link_is_refused(root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "guide.docx").write_text("not yours")
    (root / "广西").rename(tmp_path / "moved")
    os.symlink(elsewhere, root / "广西")
    with pytest.raises(UnsafeFileError, match="symbolic link"):
        open_input(root / "广西" / "guide.docx", root)


def test_link_inside_the_root_is_read_through_its_real_path(root: Path) -> None:
    os.symlink("guide.docx", root / "广西" / "alias.docx")
    assert (
        input_sha256(root / "广西" / "alias.docx", root)[0]
        == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()
    )


def test_fifo_swapped_in_is_refused_without_blocking(root: Path) -> None:
    target = root / "广西" / "guide.docx"
    target.unlink()
    os.mkfifo(target)
    with pytest.raises(UnsafeFileError, match="not a regular file"):
        open_input(target, root)


def test_vanished_file_is_transient(root: Path) -> None:
    (root / "广西" / "guide.docx").unlink()
    with pytest.raises(TransientError, match="no longer exists"):
        open_input(root / "广西" / "guide.docx", root)


def test_quarantine_copy_keeps_a_private_file_private(root: Path, tmp_path: Path) -> None:
    src = root / "广西" / "guide.docx"
    src.chmod(0o600)
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    sidecar = quarantine(tmp_path / "out", src, "广西/guide.docx", digest, "corrupt", "x", root)
    copy = sidecar.with_name(sidecar.name.removesuffix(".reason.json"))
    assert copy.read_bytes() == src.read_bytes()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600


def test_quarantine_does_not_copy_bytes_other_than_the_judged_ones(
    root: Path, tmp_path: Path
) -> None:
    src = root / "广西" / "guide.docx"
    sidecar = quarantine(tmp_path / "out", src, "广西/guide.docx", "0" * 64, "corrupt", "x", root)
    assert not sidecar.with_name(sidecar.name.removesuffix(".reason.json")).exists()
    assert "changed" in sidecar.read_text(encoding="utf-8")


def test_path_longer_than_the_system_allows_is_one_entry(root: Path) -> None:
    fd = os.open(root, os.O_RDONLY)
    depth = 0
    try:  # build it relative to a descriptor: the full path cannot be passed to mkdir
        while depth * 201 < 4200:
            os.mkdir("d" * 200, dir_fd=fd)
            nxt = os.open("d" * 200, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd, depth = nxt, depth + 1
        os.close(os.open("deep.docx", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd))
    finally:
        os.close(fd)
    found = fingerprint(discover(root))
    good = [f for f in found if f.ok]
    assert [f.rel for f in good] == ["广西/guide.docx"]
    bad = [f for f in found if not f.ok]
    assert len(bad) == 1 and bad[0].rel.endswith("/")
    assert isinstance(bad[0].problem, UnsafeFileError)
    assert "too long" in str(bad[0].problem)


def _as_nobody(fn: Callable[[], Any]) -> Any:
    """``fn()`` in a forked child without root's right to ignore permissions (when the
    tests run as root), its result pickled back."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.close(r)
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
            try:
                value: Any = ("ok", fn())
            except BaseException as exc:  # noqa: BLE001 - sent to the parent
                value = ("error", repr(exc))
            os.write(w, pickle.dumps(value))
        finally:
            os._exit(0)
    os.close(w)
    with os.fdopen(r, "rb") as fh:
        data = fh.read()
    os.waitpid(pid, 0)
    kind, value = pickle.loads(data)
    assert kind == "ok", value
    return value


def _open_tree(path: Path) -> None:
    for p in [path, *path.rglob("*")]:
        p.chmod(0o777 if p.is_dir() else 0o666)
    for parent in path.parents:  # the pytest temp folder is private to its owner
        if parent == Path("/tmp") or parent == Path("/"):
            break
        parent.chmod(parent.stat().st_mode | 0o005)


@pytest.mark.parametrize("mode", [0o000, 0o444], ids=["no permissions", "read without search"])
def test_unreadable_directory_is_reported_not_skipped(root: Path, mode: int) -> None:
    (root / "广西" / "locked").mkdir()
    (root / "广西" / "locked" / "inside.docx").write_bytes(SAMPLE.read_bytes())
    _open_tree(root)
    (root / "广西" / "locked").chmod(mode)
    try:
        found = _as_nobody(
            lambda: [(f.rel, f.ok, type(f.problem).__name__) for f in fingerprint(discover(root))]
        )
    finally:
        (root / "广西" / "locked").chmod(0o755)
    ok = [rel for rel, good, _ in found if good]
    assert ok == ["广西/guide.docx"]
    problems = {rel: kind for rel, good, kind in found if not good}
    assert problems, found
    assert set(problems.values()) == {UnreadableError.__name__}
    assert all(rel.startswith("广西/locked") for rel in problems)
