"""The ingestion flow end to end, as real Prefect flow runs on copies of the samples."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from govguide.dataset import store
from govguide.dataset.diff import diff_versions
from tests.flows.conftest import SAMPLES, copy_samples
from tests.flows.edits import NEW_MATERIAL, SAMPLE, edit_sample

pytestmark = pytest.mark.usefixtures("prefect_api")

NAMES = [SAMPLE, "cq_youyang_fuwu_zhinan.docx", "lz_yibao_tongzhi_2021_9.docx"]


def _statuses(result) -> dict[str, str]:
    return {o.rel: o.status for o in result.outcomes}


def test_run_rerun_edit_rerun(tmp_path: Path) -> None:
    from flows.ingest import run_ingest

    raw = copy_samples(tmp_path / "raw", NAMES)
    (raw / "guangxi" / "柳州市").mkdir(parents=True)
    liujiang = raw / "guangxi" / "柳州市" / "gx_liujiang_yibao_bujiao_zhinan.docx"
    liujiang.write_bytes((SAMPLES / "gx_liujiang_yibao_bujiao_zhinan.docx").read_bytes())
    (raw / "samples" / "junk.pdf").write_bytes(b"this is not a pdf at all" * 20)
    (raw / "samples" / ".gitkeep").write_text("")
    out = tmp_path / "curated"

    # 1. First run: everything extracted (or accounted for), a first version published.
    first = run_ingest(raw, out, workers=2)
    assert first.summary.published and first.summary.parent is None
    assert _statuses(first) == {
        f"samples/{SAMPLE}": "extracted",
        "samples/cq_youyang_fuwu_zhinan.docx": "extracted",
        "samples/lz_yibao_tongzhi_2021_9.docx": "not a guide",
        "samples/junk.pdf": "quarantined",
        "guangxi/柳州市/gx_liujiang_yibao_bujiao_zhinan.docx": "extracted",
    }
    v1 = store.latest(out)
    files = pq.read_table(v1.table_path("files")).to_pylist()
    assert [f["path"] for f in files] == sorted(_statuses(first))  # every input accounted for
    items = store.read_items(v1)
    assert len(items) == first.summary.items > 40
    assert {i.source_file for i in items} == {
        o for o, s in _statuses(first).items() if s == "extracted"
    }
    assert {i.province for i in items if i.source_file.startswith("guangxi/")} == {"广西"}
    # The bad file is copied (not moved) to the quarantine area with its reason.
    junk = next(o for o in first.outcomes if o.rel == "samples/junk.pdf")
    assert (raw / "samples" / "junk.pdf").exists()
    sidecar = out / junk.quarantine_path
    assert sidecar.is_file() and "junk.pdf" in sidecar.read_text(encoding="utf-8")
    assert (out / "_runs").is_dir() and Path(first.summary.report_path).is_file()

    # 2. Unchanged inputs: nothing re-extracted, nothing published.
    second = run_ingest(raw, out, workers=2)
    assert all(o.cached for o in second.outcomes)
    assert "extracted" not in _statuses(second).values()
    assert not second.summary.published
    assert [v.id for v in store.list_versions(out)] == [v1.id]

    # 3. Edit one sample: a time limit shortened, a material added, an item removed.
    touched = edit_sample(SAMPLES / SAMPLE, raw / "samples" / SAMPLE)
    third = run_ingest(raw, out, workers=2)
    assert third.summary.published and third.summary.parent == v1.id
    statuses = _statuses(third)
    assert statuses[f"samples/{SAMPLE}"] == "extracted"
    assert {s for r, s in statuses.items() if r != f"samples/{SAMPLE}"} <= {
        "unchanged",
        "not a guide",
        "quarantined",
    }

    d = diff_versions(out)
    assert (d.old_version, d.new_version) == (v1.id, third.summary.version)
    got = {
        (x.status, x.name): sorted((c.kind, c.field, c.before, c.after) for c in x.changes)
        for x in d.items
    }
    assert got == {
        ("changed", touched["shortened"]): [
            ("field_changed", "promised_days", "5", "3"),
            ("field_changed", "time_limit_text", "5个工作日", "3个工作日"),
        ],
        ("changed", touched["grown"]): [("material_added", "materials", None, NEW_MATERIAL)],
        ("removed", touched["removed"]): [("item_removed", "item", touched["removed"], None)],
    }
    assert [(f.path, f.change) for f in d.changed_files] == [(f"samples/{SAMPLE}", "changed")]
    v3 = store.latest(out)
    changes = pq.read_table(v3.table_path("changes")).to_pylist()
    assert len(changes) == 5  # the four item changes and the edited file
    assert all(c["item_id"] for c in changes if c["field"] != "file")
    assert NEW_MATERIAL in (v3.path / "diff.md").read_text(encoding="utf-8")
    assert NEW_MATERIAL in (v3.path / "diff.html").read_text(encoding="utf-8")

    # 4. Same files, a reviewer's decision added: only alignment is redone, and the new
    #    version changes exactly that item's canonical mapping.
    from normalizers.alignment.align import item_key

    target = next(i for i in store.read_items(v3) if i.canonical_id and not i.needs_review)
    overrides = tmp_path / "overrides.csv"
    overrides.write_text(
        "item_key,canonical_id,also_covers,reviewer,note\n"
        f"{item_key(target)},none,,a reviewer,a local service\n",
        encoding="utf-8",
    )
    fourth = run_ingest(raw, out, workers=2, overrides=overrides)
    assert all(o.cached for o in fourth.outcomes)
    # Written with the key used before item ids: applied, and reported as stale with the id.
    assert fourth.summary.overrides is not None
    [stale] = fourth.summary.overrides["stale"]
    assert stale["key"] == item_key(target)
    assert stale["item_id"] == next(
        r["item_id"]
        for r in pq.read_table(v3.table_path("items")).to_pylist()
        if (r["source_file"], r["item_name"]) == (target.source_file, target.item_name)
    )
    assert fourth.summary.published and fourth.summary.parent == v3.id
    d = diff_versions(out)
    assert [(x.status, x.name, [c.kind for c in x.changes]) for x in d.items] == [
        ("changed", target.item_name, ["canonical_changed", "review_changed"])
    ]
    [after] = [
        i
        for i in store.read_items(store.latest(out))
        if (i.source_file, i.item_name) == (target.source_file, target.item_name)
    ]
    assert (after.canonical_id, after.match_method) == (None, "reviewed_none")
    # The same decision again: nothing new to publish.
    assert not run_ingest(raw, out, workers=2, overrides=overrides).summary.published


def test_same_tasks_run_on_a_local_dask_cluster(tmp_path: Path) -> None:
    from flows.ingest import run_ingest

    pytest.importorskip("prefect_dask")  # the optional 'dask' extra
    raw = copy_samples(
        tmp_path / "raw", ["gx_liujiang_yibao_bujiao_zhinan.docx", "lz_yibao_tongzhi_2021_9.docx"]
    )
    (raw / "samples" / "junk.docx").write_bytes(b"not a zip")
    result = run_ingest(raw, tmp_path / "curated", workers=2, dask=True)
    assert _statuses(result) == {
        "samples/gx_liujiang_yibao_bujiao_zhinan.docx": "extracted",
        "samples/lz_yibao_tongzhi_2021_9.docx": "not a guide",
        "samples/junk.docx": "quarantined",
    }
    assert result.summary.published and result.summary.items == 1
