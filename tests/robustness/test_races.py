"""Files changed under a running ingestion: what is hashed is what is read.

Each race is made deterministic by :mod:`tests.robustness.fault_hooks`: the first file's
extraction (in the isolation worker) rewrites, truncates or swaps a later file after the
run has discovered and fingerprinted it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from extractors.extract import extract_file
from govguide.dataset import store
from govguide.dataset.extraction_cache import ExtractionCache, cache_version
from tests.flows.fake_extract import use_extractor
from tests.robustness.fault_hooks import Change, act_on_first

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "raw" / "samples"
FIRST = "a_first.docx"  # sorts first: the hook fires while it is extracted
OLD = SAMPLES / "gx_liujiang_yibao_bujiao_zhinan.docx"
NEW = SAMPLES / "cq_youyang_fuwu_zhinan.docx"


@pytest.fixture(scope="module")
def prefect_api():  # one temporary Prefect API for this module's flow runs
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


pytestmark = pytest.mark.usefixtures("prefect_api")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def names(path: Path) -> list[str]:
    return sorted(i.item_name for i in extract_file(path).items)


def hooked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *changes: Change) -> None:
    fn = functools.partial(
        act_on_first, first=FIRST, changes=changes, marker=str(tmp_path / "hook-fired")
    )
    use_extractor(monkeypatch, fn, "race-test")


def raw_with(tmp_path: Path, files: dict[str, Path]) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copyfile(SAMPLES / "gx_list_yibao_jingban.docx", raw / FIRST)
    for name, src in files.items():
        shutil.copyfile(src, raw / name)
    return raw


def run(raw: Path, out: Path):  # noqa: ANN201 - RunResult
    from flows.ingest import run_ingest

    return run_ingest(raw, out, workers=1)


def items_of(out: Path, source: str) -> tuple[list[str], set[str]]:
    table = pq.read_table(store.latest(out).table_path("items")).to_pylist()
    rows = [r for r in table if r["source_file"] == source]
    return sorted(r["item_name"] for r in rows), {r["source_sha256"] for r in rows}


def test_file_rewritten_mid_run_is_published_and_cached_under_the_bytes_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = raw_with(tmp_path, {"b.docx": OLD})
    hooked(monkeypatch, tmp_path, ("copy", str(raw / "b.docx"), str(NEW)))
    out = tmp_path / "out"
    result = run(raw, out)
    b = next(o for o in result.outcomes if o.rel == "b.docx")
    assert b.sha256 == sha(NEW)  # the bytes extracted, not the ones hashed at discovery
    assert items_of(out, "b.docx") == (names(NEW), {sha(NEW)})
    cache = ExtractionCache(out, cache_version("race-test"))
    assert cache.peek(sha(OLD)) is None  # nothing cached under the old content's hash

    # An exact copy of the old content, added later, is extracted as what it is.
    shutil.copyfile(OLD, raw / "c.docx")
    run(raw, out)
    assert items_of(out, "c.docx") == (names(OLD), {sha(OLD)})


def test_file_truncated_mid_rewrite_is_extracted_again_once_restored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = raw_with(tmp_path, {"b.docx": OLD})
    hooked(monkeypatch, tmp_path, ("truncate", str(raw / "b.docx"), "5000"))
    out = tmp_path / "out"
    first = {o.rel: o for o in run(raw, out).outcomes}
    assert first["b.docx"].status == "quarantined" and first["b.docx"].reason == "corrupt"
    assert first["b.docx"].sha256 == sha(raw / "b.docx")  # the truncated bytes

    shutil.copyfile(OLD, raw / "b.docx")  # the rewrite completes
    again = {o.rel: o for o in run(raw, out).outcomes}
    assert again["b.docx"].status == "extracted"
    assert items_of(out, "b.docx") == (names(OLD), {sha(OLD)})


def test_symlink_swapped_in_mid_run_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = raw_with(tmp_path, {"b.docx": OLD})
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.docx"
    shutil.copyfile(NEW, secret)
    secret.chmod(0o600)
    hooked(monkeypatch, tmp_path, ("link", str(raw / "b.docx"), str(secret)))
    out = tmp_path / "out"
    outcomes = {o.rel: o for o in run(raw, out).outcomes}
    b = outcomes["b.docx"]
    assert (b.status, b.reason) == ("quarantined", "unsafe")
    assert "symbolic link" in (b.message or "")
    assert b.sha256 is None  # nothing was read through the link
    published = pq.read_table(store.latest(out).table_path("items")).to_pylist()
    assert sha(secret) not in {r["source_sha256"] for r in published}
    assert items_of(out, "b.docx") == ([], set())
    quarantined = list((out / "_quarantine").iterdir())
    assert all(p.read_bytes() != secret.read_bytes() for p in quarantined if p.is_file())
    sidecar = next(p for p in quarantined if p.name.endswith(".reason.json"))
    assert json.loads(sidecar.read_text(encoding="utf-8"))["copied"] is False
    assert os.path.islink(raw / "b.docx")  # the input is left as it is
