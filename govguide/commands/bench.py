"""``govguide bench``: the speed benchmark of ``benchmarks/run.py``, from a source checkout."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Annotated

import typer
from rich.console import Console

_err = Console(stderr=True, soft_wrap=True)


def _runner() -> ModuleType:
    """``benchmarks/run.py`` of the checkout govguide runs from (or of the current folder)."""
    candidates = [Path(__file__).resolve().parents[2] / "benchmarks" / "run.py", Path.cwd() / "benchmarks" / "run.py"]
    for path in candidates:
        if path.is_file():
            spec = importlib.util.spec_from_file_location("govguide_benchmarks_run", path)
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    _err.print("error: benchmarks/run.py not found: run `govguide bench` from a source checkout")
    raise typer.Exit(2)


def bench(
    quick: Annotated[
        bool,
        typer.Option("--quick", help="Scale part with N=10 only, whole processes on the shortest and longest PDF."),
    ] = False,
    no_scale: Annotated[bool, typer.Option("--no-scale", help="Skip the ingestion-flow part.")] = False,
    samples: Annotated[Path, typer.Option("--samples", help="Folder of sample PDF/DOCX files.")] = Path("data/raw/samples"),
    repeat: Annotated[int, typer.Option("--repeat", min=1, help="Timed rounds per extraction figure.")] = 3,
    names: Annotated[int, typer.Option("--names", min=0, help="Item names for the alignment figure (0: skip).")] = 10_000,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Workers of the scale runs (compared with 1).")] = 2,
    out: Annotated[Path, typer.Option("--out", help="Where JSON and Markdown results are written.")] = Path("benchmarks/out"),
    no_ocr: Annotated[bool, typer.Option("--no-ocr", help="Skip the OCR part (scanned guides read by OCR).")] = False,
) -> None:
    """Measure extraction pages/s against pdfplumber and pypdfium2 text extraction, whole
    processes (govguide extract FILE against a pdfplumber text dump), alignment items/s, and
    the ingestion flow at scale; print a Markdown table.

    Example: govguide bench --quick
    """
    if not samples.is_dir():
        _err.print(f"error: {samples}: no such folder", markup=False)
        raise typer.Exit(2)
    runner = _runner()
    sizes = [] if no_scale else ([10] if quick else [10, 100])
    results = runner.run_benchmark(
        samples, repeat=repeat, names=names, sizes=sizes, workers=workers, out_dir=out, quick=quick, ocr=not no_ocr
    )
    print(results["markdown"])
    _err.print(f"written: {out / 'latest.json'} and {out / 'latest.md'}", markup=False)


def register(app: typer.Typer) -> None:
    app.command("bench")(bench)
