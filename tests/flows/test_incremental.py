"""What makes large and unchanged runs cheap: the cache's sidecars, tables built one file at
a time from the cache, and the fingerprint of a version's inputs."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from flows.assemble import build_tables, files_table, normalise, records
from flows.fingerprint import inputs_fingerprint, recall_inputs, remember_inputs
from govguide.core.models import ExtractionResult, GuideItem, SourceRef
from govguide.dataset import store
from govguide.dataset.extraction_cache import ExtractionCache
from govguide.dataset.file_outcome import FileOutcome
from govguide.dataset.schema import items_to_tables, table_to_items
from govguide.pipeline.alignment import align_records
from govguide.pipeline.extraction import extract_one
from normalizers.alignment.align import apply_alignment
from normalizers.alignment.record import as_record


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _item(name: str, page: int) -> GuideItem:
    item = GuideItem(
        item_name=name,
        source_file="/elsewhere/x.pdf",
        source_sha256=_sha("x"),
        extractor="table",
        promised_days=page,
    )
    item.cite("promised_days", [SourceRef(page=page, bbox=(1.0, 2.0, 3.0, 4.0))])
    item.warn("legal_days", "not stated")
    return item


def _result(*items: GuideItem, reason: str | None = None) -> ExtractionResult:
    return ExtractionResult(
        source_file="/elsewhere/x.pdf",
        source_sha256=_sha("x"),
        format="pdf",
        pages=3,
        extractor="table",
        items=list(items),
        not_a_guide_reason=reason,
    )


def cached_outcomes(cache: ExtractionCache) -> list[FileOutcome]:
    """Three files put in the cache, as the next run plans them (results left there)."""
    files = {
        "b/two.pdf": _result(_item("门诊费用报销", 1), _item("住院费用报销", 2)),
        "a/one.pdf": _result(_item("单位参保登记", 5)),
        "c/notice.pdf": _result(reason="a notice"),
    }
    planned = []
    for rel, result in files.items():
        status = "extracted" if result.is_guide else "not a guide"
        cache.put(FileOutcome(rel=rel, sha256=_sha(rel), status=status, result=result))
        hit = cache.peek(_sha(rel))
        assert hit is not None
        planned.append(hit.model_copy(update={"rel": rel}))
    return planned


def test_cache_sidecar_gives_the_report_figures_without_the_result(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path, "v1")
    planned = {o.rel: o for o in cached_outcomes(cache)}
    two = planned["b/two.pdf"]
    assert two.result is None and two.cached and two.status == "unchanged"
    assert (two.n_items, two.n_warnings, two.pages, two.format) == (2, 2, 3, "pdf")
    assert cache.load_result(_sha("b/two.pdf")).items[1].item_name == "住院费用报销"
    # An entry written before sidecars existed is still a hit.
    cache._meta_path(_sha("a/one.pdf")).unlink()
    assert cache.peek(_sha("a/one.pdf")).n_items == 1
    # A result file that does not match its sidecar is a miss: the file is extracted again.
    cache._path(_sha("b/two.pdf")).write_text("{torn")
    assert cache.peek(_sha("b/two.pdf")) is None


def test_tables_built_from_the_cache_equal_tables_of_full_items(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path, "v1")
    planned = cached_outcomes(cache)

    def load(o: FileOutcome) -> ExtractionResult:
        return cache.load_result(o.sha256)

    full = normalise(planned, load)
    light = records(planned, load, as_record)
    assert [(r.source_file, r.item_name) for r in light] == [
        (i.source_file, i.item_name) for i in full
    ]
    aligned = align_records(light)
    assert len(aligned.matches) == len(full)
    # Matches applied file by file while the tables are built …
    streamed = build_tables(planned, load, aligned.apply, aligned.tables)
    # … give what applying them to every full item at once gives.
    expected = items_to_tables(apply_alignment(full, aligned.matches))
    expected["files"] = files_table(planned)
    for name in ("items", "materials", "legal_basis", "files"):
        assert streamed[name].equals(expected[name]), name
        assert streamed[name].schema == expected[name].schema, name
    assert table_to_items(streamed["items"]) == table_to_items(expected["items"])
    assert any(i.canonical_id for i in table_to_items(streamed["items"]))
    # Matches that do not follow the normalised items are refused, not mixed up.
    shuffled = align_records(list(reversed(light)))
    with pytest.raises(ValueError, match="does not follow"):
        build_tables(planned, load, shuffled.apply)


def test_items_without_provenance_for_the_diff(tmp_path: Path) -> None:
    items = [
        _item("单位参保登记", 5).model_copy(update={"source_file": "a.pdf"}),
        _item("住院费用报销", 2).model_copy(update={"source_file": "a.pdf"}),
    ]
    version = store.publish(tmp_path, items_to_tables(items)).version
    light = store.read_items(version, provenance=False)
    assert [i.provenance for i in light] == [{}, {}]
    full = store.read_items(version)
    assert full[0].provenance  # the published items keep it
    assert light == [i.model_copy(update={"provenance": {}}) for i in full]


def test_fingerprint_of_inputs(tmp_path: Path) -> None:
    a = FileOutcome(rel="a.pdf", sha256=_sha("a"), status="extracted")
    q = FileOutcome(rel="q.pdf", sha256=_sha("q"), status="quarantined", reason="corrupt")
    overrides = tmp_path / "overrides.csv"
    overrides.write_text("key,canonical_id\n", encoding="utf-8")
    first = inputs_fingerprint([a, q], "x1", str(overrides))
    # A re-run reads the same file from the cache: same inputs, in any order.
    again = a.model_copy(update={"status": "unchanged", "cached": True})
    assert inputs_fingerprint([q, again], "x1", str(overrides)) == first
    assert (
        inputs_fingerprint([q, a.model_copy(update={"sha256": _sha("b")})], "x1", str(overrides))
        != first
    )
    assert inputs_fingerprint([a], "x1", str(overrides)) != first
    assert inputs_fingerprint([a, q], "x2", str(overrides)) != first
    overrides.write_text("key,canonical_id\nk,c\n", encoding="utf-8")
    assert inputs_fingerprint([a, q], "x1", str(overrides)) != first

    assert recall_inputs(tmp_path) is None
    remember_inputs(tmp_path, "20250101T000000Z", first)
    assert recall_inputs(tmp_path) == {"version": "20250101T000000Z", "fingerprint": first}


def test_extraction_writes_its_result_to_the_cache_itself(tmp_path: Path) -> None:
    from tests.flows.test_steps import notice

    p = tmp_path / "x.pdf"
    p.write_bytes(b"x")
    cache = ExtractionCache(tmp_path / "out", "v1")
    outcome = extract_one(p, "x.pdf", _sha("x"), 1, extract=notice, isolate=True, cache=cache)
    assert outcome.status == "not a guide" and outcome.result is None
    assert outcome.stats is not None and outcome.stats.pages == 2
    assert cache.get(_sha("x")).result == notice(p)
