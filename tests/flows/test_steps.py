"""The plain functions behind the flow's tasks (no Prefect run needed)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from flows.assemble import files_table, normalise
from flows.discover import discover, fingerprint
from govguide.core.errors import CorruptFileError, EncryptedFileError, TransientError
from govguide.core.models import ExtractionResult, GuideItem
from govguide.dataset.extraction_cache import ExtractionCache
from govguide.dataset.file_outcome import CRASH_REASON, FileOutcome
from govguide.dataset.quarantine import quarantine
from govguide.dataset.schema import FILES
from govguide.pipeline.extraction import extract_one
from normalizers.folder_place import place_from_path, province_of, resolve_place

SHA = "a" * 64


def _result(*items: GuideItem, reason: str | None = None) -> ExtractionResult:
    return ExtractionResult(
        source_file="/somewhere/x.pdf",
        source_sha256=SHA,
        format="pdf",
        pages=2,
        extractor="table",
        items=list(items),
        not_a_guide_reason=reason,
    )


def _item(name: str, province: str | None = None, region: str | None = None) -> GuideItem:
    return GuideItem(
        item_name=name,
        province=province,
        region=region,
        source_file="/somewhere/x.pdf",
        source_sha256=SHA,
        extractor="table",
        promised_days=5,
    )


# --- places --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        ("samples/a.pdf", (None, None)),
        ("a.pdf", (None, None)),
        ("广西/柳州市/柳江区/a.pdf", ("广西", "柳州市柳江区")),
        ("广西壮族自治区/a.pdf", ("广西", None)),
        ("chongqing/酉阳自治县/a.docx", ("重庆", "酉阳自治县")),
        ("2024/浙江省/new/a.pdf", ("浙江", None)),
        ("浙江/杭州市/2024/a.pdf", ("浙江", "杭州市")),
    ],
)
def test_place_from_folders(rel: str, expected: tuple[str | None, str | None]) -> None:
    assert place_from_path(rel) == expected


def test_document_place_wins_over_folder() -> None:
    assert resolve_place("浙江", None, "广西", "柳州市") == ("浙江", None)
    assert resolve_place("广西", None, "广西", "柳州市") == ("广西", "柳州市")
    assert resolve_place(None, None, "广西", "柳州市") == ("广西", "柳州市")
    assert resolve_place("广西", "柳江区", "广西", "柳州市") == ("广西", "柳江区")
    assert province_of("samples") is None and province_of("Guang Xi") == "广西"


# --- discovery -----------------------------------------------------------------------------


def test_discover_lists_every_input_and_refuses_links_outside(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "广西" / "柳州市").mkdir(parents=True)
    (raw / "广西" / "柳州市" / "b.pdf").write_bytes(b"%PDF-1.4 b")
    (raw / "a.docx").write_bytes(b"PK a")
    (raw / "notes.txt").write_text("not a guide, still an input")
    (raw / ".gitkeep").write_text("")
    (raw / ".hidden").mkdir()
    (raw / ".hidden" / "c.pdf").write_bytes(b"%PDF")
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF outside")
    os.symlink(secret, raw / "link.pdf")
    os.symlink(tmp_path, raw / "linked_dir")

    found = discover(raw)
    assert [f.rel for f in found] == [
        "a.docx",
        "link.pdf",
        "linked_dir",
        "notes.txt",
        "广西/柳州市/b.pdf",
    ]
    problems = {f.rel: f.problem for f in found if f.problem is not None}
    assert set(problems) == {"link.pdf", "linked_dir"}
    assert all(p.reason == "unsafe" for p in problems.values())

    hashed = {f.rel: f.sha256 for f in fingerprint(found)}
    assert hashed["a.docx"] == hashlib.sha256(b"PK a").hexdigest()
    assert hashed["link.pdf"] is None  # never opened


# --- extraction of one file ----------------------------------------------------------------


def fails_encrypted(path: Path) -> ExtractionResult:
    raise EncryptedFileError("document is encrypted", path=path)


def fails_transiently(path: Path) -> ExtractionResult:
    raise TransientError("busy", path=path)


def crashes(path: Path) -> ExtractionResult:
    raise KeyError("boom")


def notice(path: Path) -> ExtractionResult:
    return _result(reason="a notice, not a guide")


def test_extract_one_classifies_outcomes(tmp_path: Path) -> None:
    p = tmp_path / "x.pdf"
    p.write_bytes(b"x")
    bad = extract_one(p, "x.pdf", SHA, 1, extract=fails_encrypted, isolate=False)
    assert (bad.status, bad.reason) == ("quarantined", "encrypted")
    assert "encrypted" in bad.message
    crash = extract_one(p, "x.pdf", SHA, 1, extract=crashes, isolate=False)
    assert (crash.status, crash.reason) == ("quarantined", CRASH_REASON)
    assert "KeyError" in crash.message
    note = extract_one(p, "x.pdf", SHA, 1, extract=notice, isolate=False)
    assert (note.status, note.message) == ("not a guide", "a notice, not a guide")
    with pytest.raises(TransientError):
        extract_one(p, "x.pdf", SHA, 1, extract=fails_transiently, isolate=False)


def test_extract_one_runs_in_a_worker_process(tmp_path: Path) -> None:
    p = tmp_path / "x.pdf"
    p.write_bytes(b"x")
    bad = extract_one(p, "x.pdf", SHA, 1, extract=fails_encrypted, isolate=True)
    assert (bad.status, bad.reason) == ("quarantined", "encrypted")


# --- cache ---------------------------------------------------------------------------------


def test_cache_round_trip_and_what_is_not_cached(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path, "v1")
    good = FileOutcome(
        rel="a.pdf", sha256=SHA, status="extracted", result=_result(_item("单位参保登记"))
    )
    cache.put(good)
    hit = cache.get(SHA)
    assert hit is not None and hit.cached and hit.status == "unchanged"
    assert hit.result == good.result
    assert ExtractionCache(tmp_path, "v2").get(SHA) is None  # new extractor version: miss

    for status, reason in [
        ("failed", "transient"),
        ("quarantined", CRASH_REASON),
        ("quarantined", "resource limit"),
    ]:
        sha = hashlib.sha256(f"{status}{reason}".encode()).hexdigest()
        cache.put(FileOutcome(rel="b.pdf", sha256=sha, status=status, reason=reason))
        assert cache.get(sha) is None
    sha = "b" * 64
    cache.put(
        FileOutcome(
            rel="c.pdf", sha256=sha, status="quarantined", reason="corrupt", message="broken xref"
        )
    )
    assert cache.get(sha).status == "quarantined" and cache.get(sha).message == "broken xref"
    cache._path(sha).write_text("{torn")
    assert cache.get(sha) is None


# --- quarantine ----------------------------------------------------------------------------


JUNK_SHA = hashlib.sha256(b"junk").hexdigest()


def test_quarantine_copies_with_reason_and_sanitised_name(tmp_path: Path) -> None:
    src = tmp_path / "raw" / "bad\x07name..pdf"
    src.parent.mkdir()
    src.write_bytes(b"junk")
    out = tmp_path / "out"
    sidecar = quarantine(out, src, "raw/bad\x07name..pdf", JUNK_SHA, "corrupt", "broken xref")
    assert src.exists()  # copied, never moved
    doc = json.loads(sidecar.read_text(encoding="utf-8"))
    assert doc["reason"] == "corrupt" and doc["source"] == "raw/bad\x07name..pdf" and doc["copied"]
    copy = sidecar.parent / doc["copy"]
    assert copy.read_bytes() == b"junk"
    assert "\x07" not in copy.name and ".." not in copy.name
    assert copy.parent == out / "_quarantine"


def test_quarantine_never_copies_a_link_target(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("password")
    link = tmp_path / "link.pdf"
    os.symlink(secret, link)
    sidecar = quarantine(tmp_path / "out", link, "link.pdf", None, "unsafe", "points outside")
    doc = json.loads(sidecar.read_text(encoding="utf-8"))
    assert not doc["copied"] and doc["copy"] is None
    assert [p.name for p in (tmp_path / "out" / "_quarantine").iterdir()] == [sidecar.name]


# --- normalise and the run report ----------------------------------------------------------


def test_normalise_makes_items_independent_of_where_the_run_happened() -> None:
    outcomes = [
        FileOutcome(
            rel="广西/柳州市/b.pdf",
            sha256=SHA,
            status="unchanged",
            cached=True,
            result=_result(_item("门诊费用报销"), _item("住院费用报销", "广西", "柳江区")),
        ),
        FileOutcome(
            rel="samples/a.pdf",
            sha256=SHA,
            status="extracted",
            result=_result(_item("单位参保登记", "浙江")),
        ),
        FileOutcome(
            rel="samples/n.pdf", sha256=SHA, status="not a guide", result=_result(reason="notice")
        ),
        FileOutcome(rel="samples/q.pdf", sha256=SHA, status="quarantined", reason="corrupt"),
    ]
    items = normalise(outcomes)
    assert [(i.source_file, i.item_name, i.province, i.region) for i in items] == [
        ("samples/a.pdf", "单位参保登记", "浙江", None),
        ("广西/柳州市/b.pdf", "门诊费用报销", "广西", "柳州市"),
        ("广西/柳州市/b.pdf", "住院费用报销", "广西", "柳江区"),
    ]
    assert outcomes[0].result.items[0].source_file == "/somewhere/x.pdf"  # inputs untouched

    table = files_table(outcomes)
    assert table.schema == FILES
    assert table.column("path").to_pylist() == sorted(o.rel for o in outcomes)
    assert table.column("status").to_pylist() == [
        "extracted",
        "not a guide",
        "quarantined",
        "unchanged",
    ]


def test_failed_tasks_become_report_rows() -> None:
    from flows.discover import InputFile
    from flows.ingest import outcome_of_failure

    f = InputFile(rel="a.pdf", path=Path("a.pdf"), size=1, sha256=SHA)
    assert outcome_of_failure(f, TimeoutError("60 s"), 1).status == "quarantined"
    assert outcome_of_failure(f, CorruptFileError("bad"), 1).reason == "corrupt"
    failed = outcome_of_failure(f, TransientError("busy"), 3)
    assert (failed.status, failed.reason, failed.attempts) == ("failed", "transient", 3)


def test_only_transient_errors_are_retried(tmp_path: Path) -> None:
    from flows.discover import InputFile
    from flows.ingest import extract_with_retries

    p = tmp_path / "x.pdf"
    p.write_bytes(b"x")
    f = InputFile(rel="x.pdf", path=p, size=1, sha256=SHA)
    calls: list[str] = []

    def once_busy(path: Path) -> ExtractionResult:
        calls.append("once")
        if len(calls) == 1:
            raise TransientError("busy")
        return notice(path)

    def always_busy(path: Path) -> ExtractionResult:
        calls.append("always")
        raise TransientError("share offline")

    def corrupt(path: Path) -> ExtractionResult:
        calls.append("corrupt")
        raise CorruptFileError("broken xref")

    ok = extract_with_retries(f, isolate=False, extract=once_busy, retries=2, delay_s=0)
    assert (ok.status, ok.attempts) == ("not a guide", 2)
    gone = extract_with_retries(f, isolate=False, extract=always_busy, retries=2, delay_s=0)
    assert (gone.status, gone.reason, gone.attempts) == ("failed", "transient", 3)
    bad = extract_with_retries(f, isolate=False, extract=corrupt, retries=2, delay_s=0)
    assert (bad.status, bad.reason, bad.attempts) == ("quarantined", "corrupt", 1)
    assert calls == ["once", "once", "always", "always", "always", "corrupt"]


def test_batches_cover_every_file_once_in_order() -> None:
    from flows.discover import InputFile
    from flows.ingest import batches

    files = [InputFile(rel=f"{i:03d}.pdf", path=Path(f"{i:03d}.pdf")) for i in range(37)]
    parts = batches(files, workers=2)
    assert [f for part in parts for f in part] == files
    assert len(parts) >= 8 and max(len(p) for p in parts) <= 16
    assert batches(files[:3], workers=2) == [[f] for f in files[:3]]
    assert batches([], workers=2) == []
    assert max(len(p) for p in batches(files * 10, workers=1)) == 16


def test_quarantining_again_keeps_the_first_record(tmp_path: Path) -> None:
    src = tmp_path / "bad.pdf"
    src.write_bytes(b"junk")
    first = quarantine(tmp_path / "out", src, "bad.pdf", JUNK_SHA, "corrupt", "broken xref")
    stamp = json.loads(first.read_text(encoding="utf-8"))["quarantined_at"]
    again = quarantine(tmp_path / "out", src, "bad.pdf", JUNK_SHA, "corrupt", "broken xref")
    assert again == first
    assert json.loads(again.read_text(encoding="utf-8"))["quarantined_at"] == stamp
    changed = quarantine(tmp_path / "out", src, "bad.pdf", JUNK_SHA, "encrypted", "password")
    assert json.loads(changed.read_text(encoding="utf-8"))["reason"] == "encrypted"
