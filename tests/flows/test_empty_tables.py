"""Corpora that leave a table without rows still publish (zero-row tables are valid)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from govguide.dataset import store
from govguide.dataset.schema import empty_table
from govguide.dataset.validate import validate_tables
from tests.flows.conftest import SAMPLES
from tests.robustness import bad_inputs as bad

pytestmark = pytest.mark.usefixtures("prefect_api")


def test_zero_row_tables_pass_validation_and_a_missing_column_does_not() -> None:
    tables = {n: empty_table(n) for n in ("items", "materials", "legal_basis", "files")}
    assert validate_tables(tables) == []
    tables["files"] = tables["files"].drop_columns(["status"])
    assert [(v.table, v.column) for v in validate_tables(tables)] == [("files", "status")]


def _published_rows(out: Path) -> dict[str, int]:
    version = store.latest(out)
    assert version is not None
    return {n: pq.read_metadata(version.table_path(n)).num_rows for n in ("items", "legal_basis")}


@pytest.mark.parametrize(
    ("files", "empty"),
    [
        (["cq_youyang_fuwu_zhinan.docx"], {"legal_basis"}),  # cites no legal basis
        (["lz_yibao_tongzhi_2021_9.docx"], {"items", "legal_basis"}),  # a notice only
        ([], {"items", "legal_basis"}),  # only a quarantined file
    ],
    ids=["no legal basis", "only notices", "only quarantined"],
)
def test_corpus_leaving_tables_empty_publishes(
    tmp_path: Path, files: list[str], empty: set[str]
) -> None:
    from flows.ingest import run_ingest

    raw = tmp_path / "raw"
    raw.mkdir()
    for name in files:
        shutil.copyfile(SAMPLES / name, raw / name)
    bad.truncated_pdf(raw / "truncated.pdf")
    result = run_ingest(raw, tmp_path / "out", workers=1)
    assert result.summary.published, result.summary.message
    rows = _published_rows(tmp_path / "out")
    assert {n for n, count in rows.items() if count == 0} == empty
