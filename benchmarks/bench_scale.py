"""Scale, incremental and worker figures of the full ingestion flow on synthetic corpora.

A corpus of N copies of the sample documents is written to a temporary folder, each copy
with distinct bytes (a PDF gets a trailing comment line, a DOCX a zip comment) so that no
cache can recognise it, while extraction reads the same text. Each corpus is run in its
own child process (``python bench_scale.py --child SPEC``), which

1. starts Prefect and the extraction workers with a warm-up run over one copy of the
   samples (the embedded Prefect server's start-up is a fixed cost that would hide how
   the run scales);
2. runs the flow over the corpus with ``workers`` workers (``full``);
3. runs it again over the unchanged corpus and output (``incremental``);
4. optionally runs it with 1 worker into a fresh output (``workers1``);

and times extracting one copy of the samples in its own process, without the flow: what
the runs must spend on extraction, so that the rest is each file's overhead (isolation,
caching, alignment, tables, Prefect's task bookkeeping).

The parent samples the summed resident memory of the child and all its descendants (flow
process, embedded Prefect server, extraction workers) every 0.2 s, and reads the flow
process's own peak RSS from the JSON the child prints. Used by :mod:`benchmarks.run`.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def make_corpus(samples: list[Path], n: int, dest: Path) -> dict[str, int]:
    """Write ``n`` distinct copies of ``samples`` under ``dest``; returns file/page counts."""
    dest.mkdir(parents=True, exist_ok=True)
    pages = {p: _pdf_pages(p) for p in samples if p.suffix.lower() == ".pdf"}
    for i in range(n):
        folder = dest / f"copy_{i:04d}"
        folder.mkdir(exist_ok=True)
        for src in samples:
            target = folder / src.name
            marker = f"govguide benchmark copy {i}".encode()
            if src.suffix.lower() == ".docx":
                _copy_docx(src, target, marker)
            else:
                data = src.read_bytes()
                # A comment after %%EOF: readers find the cross-reference table from the end
                # and skip it, so only the file's hash changes.
                target.write_bytes(data + (b"" if data.endswith(b"\n") else b"\n") + b"%" + marker + b"\n")
    return {"files": n * len(samples), "pdf_pages": n * sum(pages.values())}


def _copy_docx(src: Path, target: Path, marker: bytes) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info.filename))
        zout.comment = marker


def _pdf_pages(path: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


# ---------------------------------------------------------------------------------------
# Parent side


def run_scale(samples: list[Path], n: int, *, workers: int = 2, compare_workers: bool = True,
              timeout_s: float = 3600) -> dict[str, Any]:
    """Build the corpus for ``n`` and measure it in a child process."""
    with tempfile.TemporaryDirectory(prefix=f"govguide-bench-{n}-") as tmp:
        root = Path(tmp)
        corpus = make_corpus(samples, n, root / "raw")
        warm = root / "warm"
        warm.mkdir()
        for src in samples:  # one plain copy: enough to start everything once
            shutil.copyfile(src, warm / src.name)
        spec = {
            "raw": str(root / "raw"), "warm": str(warm), "out": str(root / "out"),
            "workers": workers, "compare_workers": compare_workers,
        }
        env = dict(os.environ)
        if not env.get("PREFECT_API_URL"):
            env["PREFECT_HOME"] = str(root / "prefect")  # a private embedded Prefect
        env.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")
        cmd = [sys.executable, str(HERE / "bench_scale.py"), "--child", json.dumps(spec)]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                cwd=str(HERE.parent), text=True)
        sampler = _TreeSampler(proc.pid)
        sampler.start()
        try:
            stdout, stderr = proc.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            stdout, stderr = proc.communicate()
        finally:
            sampler.stop()
        result: dict[str, Any] = {"n": n, **corpus, "tree_peak_rss_mb": sampler.peak_mb}
        lines = [ln for ln in stdout.splitlines() if ln.startswith("{")]
        if proc.returncode != 0 or not lines:
            result["error"] = (stderr or stdout or f"exit status {proc.returncode}").strip()[-2000:]
            return result
        result.update(json.loads(lines[-1]))
        return result


class _TreeSampler(threading.Thread):
    """Peak of the summed RSS of a process and its descendants (psutil, when installed)."""

    def __init__(self, pid: int, every_s: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.every_s = every_s
        self.peak_mb: float | None = None
        self._done = threading.Event()

    def run(self) -> None:
        try:
            import psutil
        except ImportError:
            return
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._done.is_set():
            total = 0
            try:
                for proc in [root, *root.children(recursive=True)]:
                    try:
                        total += proc.memory_info().rss
                    except psutil.Error:
                        continue
            except psutil.Error:
                break
            mb = total / 2**20
            self.peak_mb = mb if self.peak_mb is None else max(self.peak_mb, mb)
            self._done.wait(self.every_s)

    def stop(self) -> None:
        self._done.set()
        self.join(timeout=5)


# ---------------------------------------------------------------------------------------
# Child side


def _child(spec: dict[str, Any]) -> dict[str, Any]:
    sys.path.insert(0, str(HERE.parent))
    from flows.runtime import configure_prefect

    configure_prefect()
    from flows.ingest import run_ingest

    def timed(raw: str, out: str, workers: int) -> dict[str, Any]:
        start = time.perf_counter()
        result = run_ingest(raw, out, workers=workers)
        wall = time.perf_counter() - start
        s = result.summary
        fresh = [o for o in result.outcomes if not o.cached]
        return {
            "workers": workers,
            "wall_s": wall,
            "flow_s": s.seconds,
            "task_s": s.task_seconds,
            "files": s.files,
            "extracted": len(fresh),
            "cached": s.files - len(fresh),
            "statuses": s.statuses,
            "items": s.items,
            "published": s.published,
            "failed": len(s.failed),
        }

    timed(spec["warm"], spec["out"] + "-warm", spec["workers"])
    extract_s = _inprocess_extract_s(Path(spec["warm"]))
    runs = {"full": timed(spec["raw"], spec["out"], spec["workers"])}
    runs["incremental"] = timed(spec["raw"], spec["out"], spec["workers"])
    if spec.get("compare_workers") and spec["workers"] != 1:
        runs["workers1"] = timed(spec["raw"], spec["out"] + "-w1", 1)
    # The flow process's own peak. (RUSAGE_CHILDREN is no help for the workers: a child
    # forked from a large process reports the parent's size as its own peak.)
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return {"runs": runs, "flow_peak_rss_mb": usage * scale / 2**20,
            "inprocess_extract_s_per_copy": extract_s}


def _inprocess_extract_s(folder: Path, rounds: int = 2) -> float:
    """Seconds to extract every file of one copy of the samples in this process (best of
    ``rounds``): the work a run cannot avoid, against which its per-file overhead is told."""
    from extractors.extract import extract_file

    files = sorted(p for p in folder.iterdir() if p.is_file())
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for path in files:
            extract_file(path)
        best = min(best, time.perf_counter() - start)
    return best


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(_child(json.loads(sys.argv[2]))), flush=True)
    else:
        raise SystemExit("usage: bench_scale.py --child SPEC (called by benchmarks/run.py)")
