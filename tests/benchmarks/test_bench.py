"""The benchmark runs and reports what the README quotes (no speed is asserted)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractors.extract import extract_file
from govguide.cli import app
from govguide.commands.bench import _runner
from tests.conftest import SAMPLES

SMALL_PDF = SAMPLES / "lz_yibao_tongzhi_2021_9.pdf"
SMALL_GUIDE = SAMPLES / "gx_liujiang_yibao_bujiao_zhinan.pdf"


def test_quick_run_reports_extraction_and_alignment(tmp_path: Path) -> None:
    run = _runner()
    results = run.run_benchmark(SAMPLES, pdfs=[SMALL_GUIDE], repeat=1, names=40, sizes=[], out_dir=tmp_path)
    saved = json.loads((tmp_path / "latest.json").read_text(encoding="utf-8"))
    assert saved["extraction"]["overall"]["pages"] == 5
    row = saved["extraction"]["files"][0]
    assert row["file"] == SMALL_GUIDE.name
    assert set(row["pages_per_s"]) == {"govguide", "loader", "pdfplumber_text", "pypdfium2_text"}
    assert all(v > 0 for v in row["pages_per_s"].values())
    assert row["ratio_to_pdfplumber_text"] > 0 and row["ratio_to_pypdfium2_text"] > 0
    assert saved["alignment"]["names"] == 40 and saved["alignment"]["items_per_s"] > 0
    assert saved["scale"] is None
    process = saved["process"]
    assert [r["file"] for r in process["files"]] == [SMALL_GUIDE.name]
    whole = process["files"][0]
    assert whole["govguide_extract_s"] > 0 and whole["pdfplumber_text_s"] > 0
    assert whole["ratio_to_pdfplumber_text"] == whole["pdfplumber_text_s"] / whole["govguide_extract_s"]
    assert process["help_s"] > 0
    assert {"cpu", "cores", "python"} <= set(saved["machine"])
    md = (tmp_path / "latest.md").read_text(encoding="utf-8")
    assert md == results["markdown"]
    assert f"| {SMALL_GUIDE.name} | 5 |" in md and "**overall**" in md and "items/s" in md
    assert "**Whole process vs in process**" in md and f"| {SMALL_GUIDE.name} | 5 | {whole['govguide_extract_s']:.3f} |" in md


def test_alignment_names_use_the_documents_wordings() -> None:
    run = _runner()
    names = run.benchmark_names(["单位参保登记", "异地就医登记备案"], 500)
    assert len(names) == 500
    assert all("单位参保登记" in n or "异地就医登记备案" in n for n in names)
    assert len(set(names)) == 2 * len(run._PREFIXES) * len(run._SUFFIXES)


def test_corpus_copies_differ_in_bytes_but_extract_the_same(tmp_path: Path) -> None:
    make_corpus = _runner().make_corpus_fn()

    docx = SAMPLES / "gx_liujiang_yibao_bujiao_zhinan.docx"
    info = make_corpus([SMALL_PDF, docx], 2, tmp_path)
    assert info == {"files": 4, "pdf_pages": 6}
    copies = sorted(tmp_path.rglob("*.*"))
    digests = {hashlib.sha256(p.read_bytes()).hexdigest() for p in [*copies, SMALL_PDF, docx]}
    assert len(digests) == 6
    for copy in copies:
        original = SAMPLES / copy.name
        got, expected = extract_file(copy), extract_file(original)
        assert got.pages == expected.pages
        assert [i.model_dump(exclude={"source_file", "source_sha256"}) for i in got.items] == [
            i.model_dump(exclude={"source_file", "source_sha256"}) for i in expected.items
        ]
        assert got.not_a_guide_reason == expected.not_a_guide_reason


def test_bench_command_prints_the_table(tmp_path: Path) -> None:
    samples = tmp_path / "samples"
    samples.mkdir()
    shutil.copyfile(SMALL_PDF, samples / SMALL_PDF.name)
    result = CliRunner().invoke(
        app, ["bench", "--no-scale", "--no-ocr", "--names", "0", "--repeat", "1", "--samples", str(samples),
              "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    assert f"| {SMALL_PDF.name} | 3 |" in result.output and "**OCR**" not in result.output
    assert json.loads((tmp_path / "out" / "latest.json").read_text(encoding="utf-8"))["ocr"] is None


def test_a_failing_process_gives_no_figure() -> None:
    import sys

    bench_process = _runner().bench_process_module()
    with pytest.raises(RuntimeError, match="exited 3"):
        bench_process.wall_times([[sys.executable, "-c", "raise SystemExit(3)"]], 1)


def test_quick_run_times_whole_processes_on_the_shortest_and_longest_pdf(tmp_path: Path) -> None:
    middle = SAMPLES / "cq_youyang_fuwu_zhinan.pdf"  # 9 pages, between the other two
    results = _runner().run_benchmark(
        SAMPLES, pdfs=[SMALL_GUIDE, SMALL_PDF, middle], repeat=1, names=0, sizes=[],
        out_dir=None, quick=True,
    )
    assert [r["file"] for r in results["extraction"]["files"]] == [
        SMALL_GUIDE.name, SMALL_PDF.name, middle.name
    ]
    assert [r["file"] for r in results["process"]["files"]] == [SMALL_PDF.name, middle.name]


def test_ocr_part_reports_pages_per_second_and_gold_figures(tmp_path: Path) -> None:
    run = _runner()
    import bench_ocr  # on the path once benchmarks/run.py is loaded

    source = bench_ocr.DEFAULT_SOURCES[-1]  # a two-page real guide with gold
    figures = bench_ocr.ocr_figures([source], workers=1)
    assert figures["pages"] == 2 and figures["pages_per_s"] > 0 and figures["parallel_pages_per_s"] > 0
    assert figures["cpu_s_per_page"] > 0
    assert (figures["gold_items"], figures["items_found"], figures["days_exact"]) == (1, 1.0, 1.0)
    md = run.render_markdown({"started_at": "now", "machine": {"cpu": "x", "cores": 2, "os": "y", "python": "3"},
                              "ocr": figures})
    assert f"| {source.name} | 2 |" in md and "pages/s** in one process" in md
