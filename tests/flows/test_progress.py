"""Long runs say how far extraction has got: a bar on a terminal, lines in a log."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

import flows.progress
from flows import progress
from flows.progress import Progress
from tests.flows.conftest import copy_samples


def test_progress_lines_are_spaced_in_time(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.StringIO()
    progress = Progress(4, stream)
    progress.add(1)  # within the interval: quiet
    assert stream.getvalue() == ""
    monkeypatch.setattr(flows.progress, "EVERY_S", 0.0)
    progress.add(1)
    progress.add(2)
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("govguide: extracted 2/4 files (50 %)") and "s left" in lines[0]
    assert lines[1].startswith("govguide: extracted 4/4 files (100 %)")
    assert "left" not in lines[1]


@pytest.mark.usefixtures("prefect_api")
def test_run_prints_progress_while_extracting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    from flows.ingest import run_ingest

    monkeypatch.setattr(flows.progress, "EVERY_S", 0.0)
    names = ["gx_liujiang_yibao_bujiao_zhinan.docx", "lz_yibao_tongzhi_2021_9.docx"]
    raw = copy_samples(tmp_path / "raw", names)
    run_ingest(raw, tmp_path / "out", workers=1)
    err = capfd.readouterr().err
    assert "govguide: extracted 1/2 files" in err and "govguide: extracted 2/2 files" in err


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
