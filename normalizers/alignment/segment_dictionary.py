"""jieba's prefix dictionary with the domain words, built once and cached on disk.

Segmenting a service name needs jieba's dictionary (about 350,000 words) with the domain
words of ``reference/jieba_user_dict.txt`` added. Building it takes about a second, and
jieba's own cache is unsafe: ``jieba.Tokenizer()`` reads ``$TMPDIR/jieba.cache`` with
``marshal`` and no check, so a file planted there by any local user would change every
alignment, and each user's runs leave a 9 MB file in the shared temp folder.

Here the finished dictionary (jieba's words, then the domain words added as jieba adds
them) is written once to govguide's own cache folder (``Settings.cache_dir``, created
private to the user), under a name that is the SHA-256 of everything it is built from:
jieba's dictionary file and code, and the domain dictionary's text. Editing any gives a
new name, so a stale dictionary is never read. A cache file is only read when it and its
folder belong to the user and nobody else may write them; otherwise the dictionary is built
in memory and not cached.

The file is split by a word's first character: segmenting a text looks up only words that
start with one of its characters (every prefix of a word starts with the same character), so
:class:`SegmentDictionary` loads those groups on first use. A process aligning a few names
reads a few dozen groups instead of the whole dictionary, with identical results.
"""

from __future__ import annotations

import array
import hashlib
import importlib.util
import itertools
import logging
import marshal
import mmap
import os
import stat
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from govguide.core.atomic import write_atomic

if TYPE_CHECKING:
    import jieba

# Bumped when the file layout below changes.
_FORMAT = b"govguide-segment-dictionary-3"
_SUBDIR = "segment-dictionary"

_log = logging.getLogger(__name__)


class SegmentDictionary:
    """Word frequencies (jieba's ``FREQ``, prefixes included with 0) and their ``total``.

    ``freq`` holds the words of the characters :meth:`prepare` has seen; call it with a text
    before looking up that text's substrings. Safe to share between threads: a group is
    complete in ``freq`` before it counts as loaded, and loading one twice is harmless.
    """

    def __init__(self, total: int, groups: Mapping[str, bytes]) -> None:
        self.total = total
        self.freq: dict[str, int] = {}
        self._groups = groups  # first character -> marshalled {word: frequency}
        self._loaded: set[str] = set()

    @classmethod
    def from_freq(cls, freq: dict[str, int], total: int) -> SegmentDictionary:
        """A dictionary from jieba's ``FREQ`` and ``total``."""
        return cls(total, _groups(freq))

    def prepare(self, text: str) -> None:
        """Make every word starting with a character of ``text`` available in ``freq``."""
        loaded = self._loaded
        if loaded.issuperset(text):
            return
        for ch in set(text) - loaded:
            group = self._groups.get(ch)
            if group is not None:
                self.freq.update(marshal.loads(group))
            loaded.add(ch)

    def jieba_tokenizer(self) -> jieba.Tokenizer:
        """A jieba tokenizer reading this dictionary (no file, no temp folder): call
        :meth:`prepare` with each text before cutting it."""
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        # Marked initialised so jieba never builds or reads its own cache.
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = self.freq, self.total, True
        return tokenizer


def load_segment_dictionary(user_dict: str, cache_dir: Path | None) -> SegmentDictionary:
    """jieba's dictionary with the words of ``user_dict`` (the text of a
    ``jieba_user_dict.txt``), from ``cache_dir`` when cached there, else built (and cached
    when ``cache_dir`` is usable; None: never cached)."""
    key = cache_key(user_dict)
    path = cache_dir / _SUBDIR / f"{key}.marshal" if cache_dir is not None else None
    if path is not None and _private_file(path):
        try:
            cached = _read(path, key)
            if cached is not None:
                return cached
        except (OSError, EOFError, ValueError, TypeError):
            pass  # unreadable: rebuilt and replaced below
        _log.warning("segmentation dictionary cache %s is unreadable; rebuilding it", path)
    freq, total = build_frequencies(user_dict)
    dictionary = SegmentDictionary.from_freq(freq, total)
    if path is not None:
        _store(path, key, total, dict(dictionary._groups))
    return dictionary


def cache_key(user_dict: str) -> str:
    """SHA-256 of everything the built dictionary depends on: jieba's dictionary, jieba's
    code (which decides the frequency of a word added without one) and the domain words."""
    jieba_dir = _jieba_spec_dir()
    h = hashlib.sha256(_FORMAT)
    for part in (
        (jieba_dir / "__init__.py").read_bytes(),
        (jieba_dir / "dict.txt").read_bytes(),
        user_dict.encode("utf-8"),
    ):
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


# The file: one marshalled header (format and key, total, every first character in one
# string, and the end offset of each one's group as 64-bit integers), then the body: the
# groups one after another. The body is memory-mapped, so a process reads only the groups
# its texts need, and the header is two flat objects that load at memory speed.


class _MappedGroups(Mapping[str, bytes]):
    """Groups read from a memory-mapped cache file on first use."""

    def __init__(self, body: mmap.mmap, start: int, chars: str, ends: array.array[int]) -> None:
        self._body, self._start, self._ends = body, start, ends
        self._position = {ch: i for i, ch in enumerate(chars)}

    def __getitem__(self, ch: str) -> bytes:
        i = self._position[ch]
        begin = self._start + (self._ends[i - 1] if i else 0)
        return self._body[begin : self._start + self._ends[i]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._position)

    def __len__(self) -> int:
        return len(self._position)


def _read(path: Path, key: str) -> SegmentDictionary | None:
    # Opened without following a link, then the opened file itself is checked: swapping the
    # path between a check and the open cannot substitute another user's file.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as fh:
        if not _trusted(os.fstat(fd), stat.S_ISREG):
            return None
        header, total, chars, end_bytes = marshal.load(fh)
        if header != _FORMAT + key.encode():
            return None
        ends = array.array("q")
        ends.frombytes(end_bytes)
        start = fh.tell()
        body = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    if len(ends) != len(chars) or not ends or body.size() != start + ends[-1]:
        raise ValueError("truncated or inconsistent")
    return SegmentDictionary(total, _MappedGroups(body, start, chars, ends))


def build_frequencies(user_dict: str) -> tuple[dict[str, int], int]:
    """jieba's ``FREQ`` and ``total`` after adding the words of ``user_dict``, built from
    jieba's dictionary file without touching jieba's cache."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    tokenizer.initialized = True
    for word, freq in user_words(user_dict):
        if freq == 0:
            # Not a word: jieba skips dictionary entries of frequency 0. (add_word(w, 0)
            # would also change jieba's global HMM tables.)
            tokenizer.FREQ[word] = 0
        else:
            # In file order: a word without a frequency gets one suggested from the
            # dictionary as it stands, words added before it included.
            tokenizer.add_word(word, freq)
    return tokenizer.FREQ, tokenizer.total


def user_words(user_dict: str) -> Iterator[tuple[str, int | None]]:
    """(word, frequency or None) of each entry of a jieba user dictionary's text."""
    for line in user_dict.splitlines():
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        yield parts[0], int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


def _groups(freq: dict[str, int]) -> dict[str, bytes]:
    by_first: dict[str, dict[str, int]] = {}
    for word, count in freq.items():
        if word:
            by_first.setdefault(word[0], {})[word] = count
    return {ch: marshal.dumps(words) for ch, words in by_first.items()}


def _jieba_spec_dir() -> Path:
    # Found without importing jieba: its import alone costs a tenth of a second.
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba is not installed", name="jieba")
    return Path(next(iter(spec.submodule_search_locations)))


_store_lock = threading.Lock()


def _store(path: Path, key: str, total: int, groups: dict[str, bytes]) -> None:
    """Write the dictionary to ``path`` atomically, in a folder private to this user; a
    cache that cannot be written only costs the next run the build."""
    ends = array.array("q", itertools.accumulate(len(group) for group in groups.values()))
    header = (_FORMAT + key.encode(), total, "".join(groups), ends.tobytes())
    with _store_lock:
        try:
            _private_dir(path.parent)
            write_atomic(path, marshal.dumps(header) + b"".join(groups.values()), durable=False, mode=0o600)
            _prune(path.parent, keep=path)
        except OSError as exc:
            _log.warning("cannot cache the segmentation dictionary in %s: %s", path.parent, exc)


# Dictionaries kept besides the one just written: those of other domain dictionaries in
# use (tests, custom rule files); older ones, left by edits and upgrades, are removed.
_KEEP_OTHERS = 3


def _prune(folder: Path, keep: Path) -> None:
    others = sorted(
        (p for p in folder.glob("*.marshal") if p != keep and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for stale in others[_KEEP_OTHERS:]:
        stale.unlink(missing_ok=True)


def _private_dir(folder: Path) -> None:
    """Create ``folder`` (mode 0700) and check that only this user may write to it."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not _owned_and_not_shared(folder, stat.S_ISDIR):
        raise PermissionError(f"{folder} is not a folder only this user may write to")


def _private_file(path: Path) -> bool:
    """``path`` is a regular file in a folder that only this user may write to, and so is
    the file: nobody else can have planted or changed it."""
    return _owned_and_not_shared(path.parent, stat.S_ISDIR) and _owned_and_not_shared(
        path, stat.S_ISREG
    )


def _owned_and_not_shared(path: Path, is_kind: Callable[[int], bool]) -> bool:
    try:
        st = os.lstat(path)  # a symbolic link is never followed
    except OSError:
        return False
    return _trusted(st, is_kind)


def _trusted(st: os.stat_result, is_kind: Callable[[int], bool]) -> bool:
    """Of the right kind, owned by this user, and writable by nobody else."""
    if not is_kind(st.st_mode):
        return False
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return False
    return not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
