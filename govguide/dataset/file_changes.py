"""What happened to each input file since the parent version: added, changed, unchanged,
renamed (the same bytes or content under a new path, the old path gone), removed; and which
files are duplicates (the same content as another file of this run: the PDF and DOCX of one
guide, a copy under another name).

The extraction status of a file (``extracted``, ``unchanged`` = read from the cache …) says
how it was read; this says how it compares with the data published before, so a new file
whose bytes happened to be cached is still ``added``, and a file that left the raw folder
is reported ``removed`` rather than only through its items' removal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# What happened to a file since the parent version (``files.change``), in published order.
FILE_CHANGES = ("added", "changed", "unchanged", "renamed", "removed")
ADDED, CHANGED, UNCHANGED, RENAMED, REMOVED = FILE_CHANGES


@dataclass(frozen=True)
class FileChange:
    path: str
    change: str
    sha256: str | None
    content_id: str | None
    previous_path: str | None = None  # a renamed file's path in the parent version
    duplicate_of: str | None = None  # the first file (by path) with the same content

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "change": self.change,
            "sha256": self.sha256,
            "content_id": self.content_id,
            "previous_path": self.previous_path,
            "duplicate_of": self.duplicate_of,
        }


@dataclass(frozen=True)
class InputState:
    """One input file as a version records it (its manifest's ``inputs``)."""

    path: str
    sha256: str | None
    content_id: str | None = None

    @classmethod
    def of_manifest(cls, inputs: Iterable[Mapping[str, Any]] | None) -> list[InputState]:
        return [
            cls(str(i["path"]), i.get("sha256"), i.get("content_id"))
            for i in inputs or ()
            if i.get("path")
        ]


def _duplicates(current: Sequence[InputState]) -> dict[str, str]:
    first: dict[str, str] = {}
    out: dict[str, str] = {}
    for f in sorted(current, key=lambda f: f.path):
        if not f.content_id:
            continue
        if f.content_id in first:
            out[f.path] = first[f.content_id]
        else:
            first[f.content_id] = f.path
    return out


def _pop_match(gone: dict[str, InputState], f: InputState) -> InputState | None:
    """The gone file with ``f``'s bytes, else with its content (removed from ``gone``)."""
    for attr in ("sha256", "content_id"):
        value = getattr(f, attr)
        if not value:
            continue
        for path, old in sorted(gone.items()):
            if getattr(old, attr) == value:
                return gone.pop(path)
    return None


def file_changes(
    current: Sequence[InputState], previous: Sequence[InputState] | None
) -> list[FileChange]:
    """Every current file with its change against ``previous`` (None: a first version, all
    added), then every previous file that is gone and was not renamed, as ``removed``."""
    before = {f.path: f for f in previous or ()}
    now = {f.path for f in current}
    gone = {p: f for p, f in before.items() if p not in now}
    dupes = _duplicates(current)
    out: list[FileChange] = []
    for f in sorted(current, key=lambda f: f.path):
        old = before.get(f.path)
        previous_path = None
        if old is not None:
            change = UNCHANGED if old.sha256 == f.sha256 else CHANGED
        elif (moved := _pop_match(gone, f)) is not None:
            change, previous_path = RENAMED, moved.path
        else:
            change = ADDED
        out.append(
            FileChange(f.path, change, f.sha256, f.content_id, previous_path, dupes.get(f.path))
        )
    out += [FileChange(p, REMOVED, f.sha256, f.content_id) for p, f in sorted(gone.items())]
    return out


def describe(f: FileChange) -> str:
    """One line for reports: ``renamed a.pdf → b.pdf``, ``duplicate of …``."""
    text = f"{f.change} {f.path}"
    if f.previous_path:
        text = f"renamed {f.previous_path} → {f.path}"
    if f.duplicate_of:
        text += f" (duplicate of {f.duplicate_of})"
    return text
