"""How fast govguide is, measured against bare PDF text extraction, in one process run.

Run ``python benchmarks/run.py`` (or ``govguide bench``) from the repository root. It prints,
and writes to ``benchmarks/out/`` as JSON and Markdown:

* **extraction**: pages/s of ``govguide extract`` (load + layout + normalisation) per sample
  PDF and overall, beside two references timed on the same files in the same run:
  pdfplumber's ``page.extract_text()`` over every page, and pypdfium2's text extraction;
  with the ratios. Each figure is the best of ``--repeat`` rounds, after one untimed round;
* **alignment**: items/s of canonical matching (:func:`normalizers.alignment.align.match_names`) for
  ``--names`` item names, with the catalog loaded beforehand as in a running flow;
* **whole process** (:mod:`bench_process`): seconds of ``govguide extract FILE`` run as a
  new process, against a new process dumping pdfplumber's text of the same file, next to
  the in-process figures above; and of ``govguide --help``;
* **scale** (:mod:`bench_scale`): the full ingestion flow over N = 10 and 100 distinct
  copies of the samples: wall time, files/s, pages/s, peak RSS, the N=100 / N=10 time
  ratio, the incremental re-run, 1 vs 2 workers, and the flow's wall time against the sum of
  its extraction task times, and per file: the extraction call, the same extraction alone
  in a warm process, and the run's overhead beyond extraction calls. ``--quick`` runs N = 10 only; ``--no-scale`` skips it;
* **OCR** (:mod:`bench_ocr`): pages/s of scanned guides read by OCR (one process, and
  ``--workers`` processes side by side), CPU seconds per page, and the gold figures of the
  scans. ``--no-ocr`` skips it.

Nothing here asserts a speed: the figures are for the README, with the machine they ran on.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for _p in (str(ROOT), str(HERE)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

DEFAULT_SAMPLES = ROOT / "data" / "raw" / "samples"
DEFAULT_OUT = HERE / "out"


# ---------------------------------------------------------------------------------------
# Extraction speed


def _best(fn: Any, repeat: int) -> float:
    fn()  # warm: imports, fonts, jieba
    return min(_timed(fn) for _ in range(max(1, repeat)))


def _timed(fn: Any) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _plumber_text(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def _pdfium_text(path: Path) -> None:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
    finally:
        doc.close()


def extraction_speed(pdfs: list[Path], repeat: int = 3) -> tuple[dict[str, Any], list[str]]:
    """Pages/s of govguide, pdfplumber text and pypdfium2 text on each PDF and overall;
    also returns the item names found (the alignment figure's wordings)."""
    from extractors.extract import extract_file, load_document

    rows = []
    names: list[str] = []
    for path in pdfs:
        result = extract_file(path)
        secs = {
            "govguide": _best(lambda p=path: extract_file(p), repeat),
            "loader": _best(lambda p=path: load_document(p), repeat),
            "pdfplumber_text": _best(lambda p=path: _plumber_text(p), repeat),
            "pypdfium2_text": _best(lambda p=path: _pdfium_text(p), repeat),
        }
        rows.append(_speed_row(path.name, result.pages, secs))
        names.extend(item.item_name for item in result.items)
    total = {k: sum(r["seconds"][k] for r in rows) for k in _REFS}
    overall = _speed_row("overall", sum(r["pages"] for r in rows), total)
    return {"repeat": repeat, "files": rows, "overall": overall}, names


_REFS = ("govguide", "loader", "pdfplumber_text", "pypdfium2_text")


def _speed_row(name: str, pages: int, secs: dict[str, float]) -> dict[str, Any]:
    g = secs["govguide"]
    return {
        "file": name,
        "pages": pages,
        "seconds": secs,
        "pages_per_s": {k: (pages / v if v > 0 else None) for k, v in secs.items()},
        # > 1: govguide is faster than the reference on the same pages
        "ratio_to_pdfplumber_text": secs["pdfplumber_text"] / g if g > 0 else None,
        "ratio_to_pypdfium2_text": secs["pypdfium2_text"] / g if g > 0 else None,
    }


# ---------------------------------------------------------------------------------------
# Alignment speed

_PREFIXES = ["", "市本级", "县级", "区级", "省直", "市直", "跨省", "省内", "异地", "城区",
             "开发区", "新区", "本市", "全市", "乡镇", "街道", "园区", "高新区", "经开区", "市级"]
_SUFFIXES = ["", "（即办件）", "申请", "业务办理", "（承诺件）", "服务"]


def benchmark_names(seeds: list[str], n: int, seed: int = 7) -> list[str]:
    """``n`` item names in the wordings of ``seeds``, as distinct as the combinations allow."""
    base = sorted(set(s for s in seeds if s)) or ["单位参保登记"]
    combos = [p + b + s for b in base for p in _PREFIXES for s in _SUFFIXES]
    rng = random.Random(seed)
    rng.shuffle(combos)
    return [combos[i % len(combos)] for i in range(n)]


def alignment_speed(seeds: list[str], n: int) -> dict[str, Any]:
    """Items/s of name matching for ``n`` names (catalog loaded beforehand)."""
    try:
        from normalizers.alignment import align
    except ImportError as exc:
        return {"skipped": f"normalizers.alignment.align is not available: {exc}"}
    names = benchmark_names(seeds, n)
    if hasattr(align, "match_names"):
        def match(batch: list[str]) -> Any:
            return align.match_names(batch)
        how = "normalizers.alignment.align.match_names"
    elif hasattr(align, "match_name"):
        def match(batch: list[str]) -> Any:
            return [align.match_name(x) for x in batch]
        how = "normalizers.alignment.align.match_name"
    else:
        return {"skipped": "normalizers.alignment.align has neither match_names nor match_name"}
    match(names[:1])  # load the catalog, jieba and the index outside the timing
    seconds = _timed(lambda: match(names))
    return {"function": how, "names": n, "distinct": len(set(names)), "seconds": seconds,
            "items_per_s": n / seconds if seconds else None}


# ---------------------------------------------------------------------------------------
# Scale


def make_corpus_fn() -> Any:
    """:func:`bench_scale.make_corpus` (for callers that loaded this file by path)."""
    from bench_scale import make_corpus

    return make_corpus


def bench_process_module() -> Any:
    """:mod:`bench_process` (for callers that loaded this file by path)."""
    import bench_process

    return bench_process


def process_latency(pdfs: list[Path], repeat: int) -> dict[str, Any]:
    """:func:`bench_process.process_latency`: whole-process seconds per PDF."""
    return bench_process_module().process_latency(pdfs, repeat)


def scale_figures(samples: list[Path], sizes: list[int], workers: int = 2) -> dict[str, Any]:
    from bench_scale import run_scale

    runs = {str(n): run_scale(samples, n, workers=workers) for n in sizes}
    out: dict[str, Any] = {"workers": workers, "by_n": runs}
    for r in runs.values():
        full = r.get("runs", {}).get("full")
        if not full:
            continue
        r["files_per_s"] = r["files"] / full["wall_s"]
        r["pdf_pages_per_s"] = r["pdf_pages"] / full["wall_s"]
        inc = r["runs"].get("incremental")
        if inc:
            r["incremental_fraction_of_full_time"] = inc["wall_s"] / full["wall_s"]
            r["incremental_fraction_reextracted"] = inc["extracted"] / max(1, inc["files"])
        one = r["runs"].get("workers1")
        if one:
            r["speedup_workers"] = one["wall_s"] / full["wall_s"]
        r["flow_over_task_sum"] = full["flow_s"] / full["task_s"] if full["task_s"] else None
        r.update(per_file_overhead(r, workers))
    if "10" in runs and "100" in runs:
        small, big = runs["10"].get("runs", {}).get("full"), runs["100"].get("runs", {}).get("full")
        if small and big:
            out["time_ratio_100_over_10"] = big["wall_s"] / small["wall_s"]
        for key in ("flow_peak_rss_mb", "tree_peak_rss_mb"):
            a, b = runs["10"].get(key), runs["100"].get(key)
            if a and b:
                out[f"{key}_ratio_100_over_10"] = b / a
    return out


def per_file_overhead(r: dict[str, Any], workers: int) -> dict[str, float]:
    """Milliseconds per file: of extracting it in the run (its isolated call: worker, limits,
    cache write), of extracting it alone in a warm process, and of everything else the run
    spends per file (discovery, fingerprints, planning, alignment, tables, publishing,
    Prefect's bookkeeping): the workers' wall time not taken by extraction calls."""
    out: dict[str, float] = {}
    extract = r.get("inprocess_extract_s_per_copy")
    if extract:
        out["inprocess_extract_ms_per_file"] = 1000 * extract * r["n"] / r["files"]
    for key, n_workers in (("full", workers), ("workers1", 1)):
        run = r["runs"].get(key)
        if run and run.get("extracted"):
            out[f"extract_call_ms_per_file_{n_workers}w"] = 1000 * run["task_s"] / run["extracted"]
            out[f"overhead_ms_per_file_{n_workers}w"] = (
                1000 * (run["wall_s"] - run["task_s"] / n_workers) / run["files"]
            )
    return out


def ocr_figures(workers: int = 2) -> dict[str, Any]:
    from bench_ocr import ocr_figures as figures

    return figures(workers=workers)


# ---------------------------------------------------------------------------------------
# Report


def machine() -> dict[str, Any]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for mod in ("pdfplumber", "pdfminer", "pypdfium2", "prefect"):
        try:
            m = __import__(mod)
            versions[mod] = getattr(m, "__version__", None) or getattr(getattr(m, "version", None), "PYPDFIUM_INFO", None)
        except ImportError:
            versions[mod] = None
    if versions.get("pypdfium2") is not None:
        versions["pypdfium2"] = str(versions["pypdfium2"])
    return {"cpu": cpu, "cores": os.cpu_count(), "os": platform.platform(),
            "python": platform.python_version(), "versions": versions, "load_at_start": _load(),
            # Without it (PYTHONDONTWRITEBYTECODE) every new process compiles govguide's
            # modules again: about a tenth of a second on each whole-process figure.
            "bytecode_cache": not sys.flags.dont_write_bytecode}


def _load() -> float | None:
    """1-minute load average: other work on the machine skews every figure."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def _f(v: float | None, fmt: str = "{:,.1f}") -> str:
    return "–" if v is None else fmt.format(v)


def render_markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    load = f" Load average {m['load_at_start']} at the start, {m.get('load_at_end')} at the end." if m.get("load_at_start") is not None else ""
    lines = [f"Measured {results['started_at']} on {m['cpu']} ({m['cores']} cores), {m['os']}, Python {m['python']}.{load}", ""]
    ex = results.get("extraction")
    if ex:
        lines += [
            f"**Extraction** (pages/s, best of {ex['repeat']}; ratio = govguide pages/s ÷ reference pages/s)", "",
            "| PDF | pages | govguide extract | loader only | pdfplumber `extract_text` | pypdfium2 text | vs pdfplumber | vs pypdfium2 |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for row in [*ex["files"], ex["overall"]]:
            p = row["pages_per_s"]
            name = f"**{row['file']}**" if row["file"] == "overall" else row["file"]
            lines.append(
                f"| {name} | {row['pages']} | {_f(p['govguide'])} | {_f(p['loader'])} | {_f(p['pdfplumber_text'])} | "
                f"{_f(p['pypdfium2_text'])} | {_f(row['ratio_to_pdfplumber_text'], '{:.2f}×')} | "
                f"{_f(row['ratio_to_pypdfium2_text'], '{:.3f}×')} |"
            )
        lines.append("")
    pr = results.get("process")
    if pr and ex:
        lines += _process_lines(pr, ex, m.get("bytecode_cache", True))
    al = results.get("alignment")
    if al:
        if "skipped" in al:
            lines += [f"**Alignment**: skipped ({al['skipped']}).", ""]
        else:
            lines += [f"**Alignment**: {al['names']:,} names ({al['distinct']:,} distinct) in {al['seconds']:.2f} s = "
                      f"**{al['items_per_s']:,.0f} items/s** (`{al['function']}`, catalog loaded beforehand).", ""]
    oc = results.get("ocr")
    if oc:
        lines += [
            "**OCR** (image-only scans at 150 dpi, slanted and speckled, of guides with gold)", "",
            "| scan | pages | s | pages/s | items found / gold | materials F1 |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for row in oc["files"]:
            lines.append(f"| {row['file']} | {row['pages']} | {row['wall_s']:.1f} | {row['pages_per_s']:.2f} | "
                         f"{row['found']} / {row['gold_items']} | {_f(row['materials_f1'], '{:.2f}')} |")
        lines += ["", f"Overall **{oc['pages_per_s']:.2f} pages/s** in one process ({oc['cpu_s_per_page']:.1f} CPU s per page), "
                  f"**{oc['parallel_pages_per_s']:.2f} pages/s** with {oc['workers']} processes; items found "
                  f"{_f(oc['items_found'], '{:.2f}')}, materials F1 {_f(oc['materials_f1'], '{:.2f}')}, "
                  f"days exact {_f(oc['days_exact'], '{:.2f}')} ({oc['gold_items']} gold items).", ""]
    sc = results.get("scale")
    if sc:
        lines += [
            f"**Scale** (full ingestion flow, {sc['workers']} workers; N copies of the samples with distinct bytes)", "",
            "| N | files | PDF pages | wall s | files/s | PDF pages/s | flow s / Σ task s | peak RSS flow MB | peak RSS all processes MB | incremental re-run s (% of full) | re-extracted | 1 worker s | speedup 2 vs 1 |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for n, r in sc["by_n"].items():
            if "error" in r:
                lines.append(f"| {n} | {r['files']} | {r['pdf_pages']} | error: {r['error'].splitlines()[-1][:80]} |||||||||")
                continue
            full, inc, one = r["runs"]["full"], r["runs"].get("incremental"), r["runs"].get("workers1")
            lines.append(
                f"| {n} | {r['files']} | {r['pdf_pages']:,} | {full['wall_s']:.1f} | {r['files_per_s']:.1f} | "
                f"{r['pdf_pages_per_s']:.0f} | {full['flow_s']:.1f} / {full['task_s']:.1f} | {_f(r.get('flow_peak_rss_mb'), '{:.0f}')} | "
                f"{_f(r.get('tree_peak_rss_mb'), '{:.0f}')} | "
                + (f"{inc['wall_s']:.1f} ({100 * r['incremental_fraction_of_full_time']:.0f}%) | {inc['extracted']}/{inc['files']} | " if inc else "– | – | ")
                + (f"{one['wall_s']:.1f} | {r['speedup_workers']:.2f}× |" if one else "– | – |")
            )
        extra = []
        if "time_ratio_100_over_10" in sc:
            extra.append(f"time N=100 / N=10 = **{sc['time_ratio_100_over_10']:.1f}** (10 = linear)")
        if "flow_peak_rss_mb_ratio_100_over_10" in sc:
            extra.append(f"peak RSS N=100 / N=10: flow process {sc['flow_peak_rss_mb_ratio_100_over_10']:.2f}×"
                         + (f", all processes {sc['tree_peak_rss_mb_ratio_100_over_10']:.2f}×" if "tree_peak_rss_mb_ratio_100_over_10" in sc else ""))
        if extra:
            lines += ["", "; ".join(extra) + "."]
        for n, r in sc["by_n"].items():
            for w in sorted({k.rsplit("_", 1)[1] for k in r if k.startswith("overhead_ms_per_file_")}):
                alone = r.get("inprocess_extract_ms_per_file")
                lines += ["", f"Per file at N={n}, {w.rstrip('w')} worker(s): extraction call "
                          f"{r[f'extract_call_ms_per_file_{w}']:.0f} ms (in a warm process alone: "
                          f"{_f(alone, '{:.0f}')} ms); the run's overhead beyond extraction calls "
                          f"**{r[f'overhead_ms_per_file_{w}']:.1f} ms**."]
        lines.append("")
    return "\n".join(lines)


def _process_lines(pr: dict[str, Any], ex: dict[str, Any], bytecode_cache: bool) -> list[str]:
    inproc = {row["file"]: row for row in ex["files"]}
    lines = [
        f"**Whole process vs in process** (seconds, best of {pr['repeat']}; ratio = pdfplumber s ÷ govguide s,"
        " > 1: govguide is faster)", "",
        "| PDF | pages | `govguide extract FILE` (process) | pdfplumber text dump (process) | ratio | "
        "govguide in process | pdfplumber in process | ratio |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in pr["files"]:
        i = inproc.get(row["file"])
        inner = (f"{i['seconds']['govguide']:.3f} | {i['seconds']['pdfplumber_text']:.3f} | "
                 f"{_f(i['ratio_to_pdfplumber_text'], '{:.2f}×')} |") if i else "– | – | – |"
        lines.append(
            f"| {row['file']} | {i['pages'] if i else '–'} | {row['govguide_extract_s']:.3f} | "
            f"{row['pdfplumber_text_s']:.3f} | {_f(row['ratio_to_pdfplumber_text'], '{:.2f}×')} | {inner}"
        )
    lines += ["", f"`govguide --help`: {pr['help_s']:.3f} s.", ""]
    return lines


def _ends(pdfs: list[Path], extraction: dict[str, Any]) -> list[Path]:
    """The PDFs with the fewest and the most pages."""
    pages = {row["file"]: row["pages"] for row in extraction["files"]}
    ordered = sorted(pdfs, key=lambda p: pages.get(p.name, 0))
    return list(dict.fromkeys([ordered[0], ordered[-1]])) if ordered else []


def run_benchmark(
    samples: Path = DEFAULT_SAMPLES,
    *,
    repeat: int = 3,
    names: int = 10_000,
    sizes: list[int] | None = None,
    workers: int = 2,
    pdfs: list[Path] | None = None,
    out_dir: Path | None = DEFAULT_OUT,
    quick: bool = False,
    ocr: bool = False,
) -> dict[str, Any]:
    """Run every part (``sizes=[]`` skips the scale part, the OCR part runs with ``ocr``)
    and write JSON + Markdown; ``quick`` times whole processes on the shortest and the
    longest PDF only."""
    sizes = [10, 100] if sizes is None else sizes
    files = sorted(p for p in Path(samples).iterdir() if p.suffix.lower() in (".pdf", ".docx"))
    pdfs = pdfs if pdfs is not None else [p for p in files if p.suffix.lower() == ".pdf"]
    results: dict[str, Any] = {"started_at": datetime.now(UTC).isoformat(timespec="seconds"),
                               "machine": machine(), "samples": str(samples)}
    results["extraction"], seeds = extraction_speed(pdfs, repeat)
    results["process"] = process_latency(_ends(pdfs, results["extraction"]) if quick else pdfs, repeat)
    results["alignment"] = alignment_speed(seeds, names) if names else None
    results["scale"] = scale_figures(files, sizes, workers) if sizes else None
    results["ocr"] = ocr_figures(workers) if ocr else None
    results["machine"]["load_at_end"] = _load()
    results["markdown"] = render_markdown(results)
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        stamp = results["started_at"].replace(":", "").replace("-", "")
        payload = json.dumps(results, ensure_ascii=False, indent=1)
        for name in (f"bench-{stamp}.json", "latest.json"):
            (out_dir / name).write_text(payload, encoding="utf-8")
        for name in (f"bench-{stamp}.md", "latest.md"):
            (out_dir / name).write_text(results["markdown"], encoding="utf-8")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES, help="folder of sample PDF/DOCX files")
    parser.add_argument("--repeat", type=int, default=3, help="timed rounds per extraction figure (best is kept)")
    parser.add_argument("--names", type=int, default=10_000, help="item names for the alignment figure (0: skip)")
    parser.add_argument("--quick", action="store_true",
                        help="scale part with N=10 only, whole processes on the shortest and longest PDF")
    parser.add_argument("--no-scale", action="store_true", help="skip the ingestion-flow part")
    parser.add_argument("--workers", type=int, default=2, help="workers of the scale runs (compared with 1)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where JSON and Markdown are written")
    parser.add_argument("--no-ocr", action="store_true", help="skip the OCR part (scanned guides)")
    args = parser.parse_args(argv)
    sizes = [] if args.no_scale else ([10] if args.quick else [10, 100])
    results = run_benchmark(args.samples, repeat=args.repeat, names=args.names, sizes=sizes,
                            workers=args.workers, out_dir=args.out, quick=args.quick, ocr=not args.no_ocr)
    print(results["markdown"])
    print(f"written: {args.out / 'latest.json'} and latest.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
