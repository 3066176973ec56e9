"""The segmentation dictionary: cached in govguide's own folder, keyed by what it is built
from, never read from the shared temp folder, and cutting exactly as jieba set up in full."""

from __future__ import annotations

import json
import logging
import marshal
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import jieba
import pytest

import normalizers.alignment.segment_dictionary as sd
from normalizers.alignment.catalog import default_catalog
from normalizers.alignment.segment_dictionary import cache_key, load_segment_dictionary, user_words
from normalizers.alignment.tokenize import _Segmenter, read_reference_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
USER_DICT = read_reference_text("jieba_user_dict.txt")


def _reference_jieba(tmp_dir: Path, user_dict: str) -> jieba.Tokenizer:
    """jieba set up in full, its cache in ``tmp_dir``, the domain words added one by one."""
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(tmp_dir)
    tokenizer.initialize()
    for word, freq in user_words(user_dict):
        if freq == 0:
            tokenizer.FREQ[word] = 0
        else:
            tokenizer.add_word(word, freq)
    return tokenizer


# What an attacker would plant: 单位参保登记 made one word.
BOGUS_FREQ = {"单": 1, "单位": 1, "单位参": 0, "单位参保": 0, "单位参保登": 0, "单位参保登记": 10**9}


@pytest.fixture
def shared_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temp folder every local user shares, as ``tempfile`` sees it."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _cache_file(cache: Path, user_dict: str = USER_DICT) -> Path:
    return cache / "segment-dictionary" / f"{cache_key(user_dict)}.marshal"


def _real_names() -> list[str]:
    catalog = default_catalog()
    gold = json.loads((FIXTURES / "gold_seeds.json").read_text(encoding="utf-8"))
    dev = json.loads((FIXTURES / "realworld" / "dev" / "names.json").read_text(encoding="utf-8"))
    names = [
        *(g["item_name"] for g in gold),
        *(n["name"] for n in dev),
        *(e.canonical_name for e in catalog.entries),
        *(a for e in catalog.entries for a in e.aliases),
    ]
    tokenizer = catalog.tokenizer
    return sorted({tokenizer.normalize(n) for n in names} - {""})


def test_cached_dictionary_cuts_like_jieba_set_up_in_full(tmp_path: Path) -> None:
    reference = _reference_jieba(tmp_path / "jieba-tmp", USER_DICT)
    texts = _real_names()
    rng = random.Random(3)
    alphabet = sorted({ch for t in texts for ch in t})
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(2, 16))) for _ in range(500)]
    # Names with digits and Latin letters go through jieba itself, on the same dictionary.
    texts += ["2023年度工资申报", "A类人员参保登记", "医保卡(2代)补办", "C2职工参保"]
    for cache in (tmp_path / "cache", tmp_path / "cache"):  # built, then read back
        segmenter = _Segmenter(load_segment_dictionary(USER_DICT, cache))
        for text in texts:
            assert segmenter.cut(text) == reference.lcut(text, HMM=False), text
    assert _cache_file(tmp_path / "cache").is_file()


def test_cache_lives_in_its_own_private_folder_keyed_by_the_dictionary(
    tmp_path: Path, shared_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = load_segment_dictionary(USER_DICT, cache)

    path = _cache_file(cache)
    assert path.is_file()
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)
    assert oct(path.parent.stat().st_mode & 0o777) == oct(0o700)
    assert list(shared_tmp.iterdir()) == []  # nothing left in the shared temp folder

    # Read back without building: jieba's dictionary is not parsed again.
    def no_build(_: str) -> tuple[dict[str, int], int]:
        raise AssertionError("the cached dictionary should have been read")

    monkeypatch.setattr(sd, "build_frequencies", no_build)
    again = load_segment_dictionary(USER_DICT, cache)
    again.prepare("参保登记")
    first.prepare("参保登记")
    assert again.total == first.total
    assert {w: again.freq[w] for w in first.freq} == first.freq


def test_editing_the_domain_dictionary_gives_a_new_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    segmenter = _Segmenter(load_segment_dictionary(USER_DICT, cache))
    assert segmenter.cut("灵活就业人员登记") != ["灵活就业人员登记"]

    edited = USER_DICT + "灵活就业人员登记 90000 n\n"
    assert _cache_file(cache, edited) != _cache_file(cache)
    edited_segmenter = _Segmenter(load_segment_dictionary(edited, cache))
    assert edited_segmenter.cut("灵活就业人员登记") == ["灵活就业人员登记"]
    assert _cache_file(cache).is_file() and _cache_file(cache, edited).is_file()
    # the old dictionary's cache still cuts as before
    assert _Segmenter(load_segment_dictionary(USER_DICT, cache)).cut("灵活就业人员登记") == (
        segmenter.cut("灵活就业人员登记")
    )


def _plant(path: Path) -> None:
    """A cache file with the bogus words, valid in every other respect: read if trusted."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    sd._store(path, cache_key(USER_DICT), 10**9 + 1, sd._groups(BOGUS_FREQ))
    assert path.is_file()


def test_a_jieba_cache_planted_in_the_temp_folder_changes_nothing(
    tmp_path: Path, shared_tmp: Path
) -> None:
    (shared_tmp / "jieba.cache").write_bytes(marshal.dumps((BOGUS_FREQ, 10**9 + 1)))
    # jieba's own set-up reads it: the attack works against a plain Tokenizer.
    assert jieba.Tokenizer().lcut("单位参保登记", HMM=False) == ["单位参保登记"]

    segmenter = _Segmenter(load_segment_dictionary(USER_DICT, tmp_path / "cache"))
    assert segmenter.cut("单位参保登记") == ["单位", "参保", "登记"]
    assert segmenter.cut("A类单位参保登记") == ["A", "类", "单位", "参保", "登记"]


def test_a_cache_others_may_write_is_not_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = tmp_path / "cache"
    planted = _cache_file(cache)
    _plant(planted)
    planted_bytes = planted.read_bytes()
    # Where only this user may write, the file is the cache and is read as it is.
    trusted = _Segmenter(load_segment_dictionary(USER_DICT, cache))
    assert trusted.cut("单位参保登记") == ["单位参保登记"]

    planted.parent.chmod(0o777)  # a folder anyone may write to
    with caplog.at_level(logging.WARNING, logger=sd.__name__):
        segmenter = _Segmenter(load_segment_dictionary(USER_DICT, cache))
    assert segmenter.cut("单位参保登记") == ["单位", "参保", "登记"]
    assert "cannot cache the segmentation dictionary" in caplog.text
    assert planted.read_bytes() == planted_bytes  # not read, and not replaced either

    planted.parent.chmod(0o700)
    planted.chmod(0o622)  # a file others may write to, in a private folder
    segmenter = _Segmenter(load_segment_dictionary(USER_DICT, cache))
    assert segmenter.cut("单位参保登记") == ["单位", "参保", "登记"]
    # rebuilt and replaced by a private file
    assert oct(planted.stat().st_mode & 0o777) == oct(0o600)


def test_a_symlinked_cache_file_is_not_followed(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    elsewhere = tmp_path / "elsewhere" / "x.marshal"
    _plant(elsewhere)
    path = _cache_file(cache)
    path.parent.mkdir(parents=True, mode=0o700)
    os.symlink(elsewhere, path)
    segmenter = _Segmenter(load_segment_dictionary(USER_DICT, cache))
    assert segmenter.cut("单位参保登记") == ["单位", "参保", "登记"]
    assert not path.is_symlink()  # replaced by a regular file


def test_a_damaged_cache_is_rebuilt(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    cache = tmp_path / "cache"
    load_segment_dictionary(USER_DICT, cache)
    path = _cache_file(cache)
    size = path.stat().st_size
    path.write_bytes(path.read_bytes()[: size // 2])  # e.g. a full disk
    with caplog.at_level(logging.WARNING, logger=sd.__name__):
        segmenter = _Segmenter(load_segment_dictionary(USER_DICT, cache))
    assert "unreadable" in caplog.text
    assert segmenter.cut("单位参保登记") == ["单位", "参保", "登记"]
    assert path.stat().st_size == size


def test_no_cache_folder_builds_in_memory(shared_tmp: Path) -> None:
    segmenter = _Segmenter(load_segment_dictionary(USER_DICT, None))
    assert segmenter.cut("门诊慢特病病种待遇认定")[:2] == ["门诊", "慢特病"]
    assert list(shared_tmp.iterdir()) == []


def test_dictionaries_of_old_versions_do_not_pile_up(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    paths = []
    for n in range(6):  # six edits of the domain dictionary, each cached in turn
        edited = USER_DICT + f"编辑{n}号 3000 n\n"
        load_segment_dictionary(edited, cache)
        paths.append(_cache_file(cache, edited))
        os.utime(paths[-1], (n, n))  # in order of writing, whatever the clock's resolution
    left = sorted((cache / "segment-dictionary").iterdir())
    assert left == sorted(paths[-4:])  # the newest and three others


def test_the_matcher_keeps_its_dictionary_in_govguides_cache_folder(tmp_path: Path) -> None:
    """End to end, as alignment sets it up: the folder comes from GOVGUIDE_CACHE_DIR, the
    shared temp folder stays empty, and ``none`` caches nothing."""
    probe = (
        "from normalizers.alignment.catalog import default_catalog; "
        "print(default_catalog().tokenizer.tokens('门诊特殊慢性病病种待遇认定'))"
    )
    shared_tmp = tmp_path / "tmp"
    shared_tmp.mkdir()
    for cache_dir in (tmp_path / "cache", None):
        env = {
            **os.environ,
            "GOVGUIDE_CACHE_DIR": str(cache_dir) if cache_dir else "none",
            "TMPDIR": str(shared_tmp),
        }
        done = subprocess.run(
            [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
        )
        assert "'慢特病'" in done.stdout
        assert list(shared_tmp.iterdir()) == []
    assert [p.name for p in (tmp_path / "cache" / "segment-dictionary").iterdir()] == [
        f"{cache_key(USER_DICT)}.marshal"
    ]
