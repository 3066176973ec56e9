"""Progress of extraction on a terminal."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from flows import progress
from tests.flows.conftest import copy_samples


def test_no_progress_unless_a_command_asks_for_it() -> None:
    with progress.extraction_progress(5) as advance:
        assert advance is None


@pytest.mark.usefixtures("prefect_api")
def test_a_run_shows_files_done_out_of_files_to_extract(tmp_path: Path) -> None:
    from flows.ingest import run_ingest

    screen = io.StringIO()
    raw = copy_samples(
        tmp_path / "raw",
        ["gx_liujiang_yibao_bujiao_zhinan.docx", "lz_yibao_tongzhi_2021_9.docx"],
    )
    progress.show_on(Console(file=screen, force_terminal=True, color_system=None, width=100))
    try:
        result = run_ingest(raw, tmp_path / "out", workers=2)
    finally:
        progress.show_on(None)
    assert result.summary.files == 2
    shown = screen.getvalue()
    assert "extracting" in shown and "2/2 files" in shown, shown
