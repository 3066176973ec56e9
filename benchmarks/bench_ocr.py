"""OCR speed and accuracy on scans made from guides with hand-checked gold.

Each source PDF is printed to an image-only PDF as an office scanner would (150 dpi, a
slight slant, specks; tests/extractors/scans.py), then extracted:

* pages/s in one process (one OCR thread, as each extraction worker runs it), with the CPU
  seconds per page, and pages/s of ``workers`` processes reading the scans side by side;
* against the gold of the text versions: items found, materials F1, time limits exact.
"""

from __future__ import annotations

import json
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govguide.core.models import ExtractionResult

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES = [
    ROOT / "data" / "raw" / "samples" / "gx_liujiang_yibao_bujiao_zhinan.pdf",
    ROOT / "data" / "raw" / "samples" / "cq_youyang_fuwu_zhinan.pdf",
    ROOT / "tests" / "fixtures" / "realworld" / "dev" / "corpus" / "sc_yaan_menzhen_feiyong_baoxiao_zhinan.pdf",
    ROOT / "tests" / "fixtures" / "realworld" / "dev" / "corpus" / "sd_jinan_yidi_changju_beian_zhinan.pdf",
]
GOLD_FILES = [
    ROOT / "tests" / "fixtures" / "gold_seeds.json",
    ROOT / "tests" / "fixtures" / "realworld" / "dev" / "gold.json",
]


def make_scans(sources: list[Path], dest: Path) -> list[Path]:
    """An image-only scan of each source, named like it (gold is matched by file stem)."""
    from tests.extractors import scans

    out = []
    for i, src in enumerate(sources):
        pages = [
            scans.scanned(im, skew=(0.9 if (i + n) % 2 else -0.7), noise=0.002, seed=i * 100 + n)
            for n, im in enumerate(scans.render(src))
        ]
        out.append(scans.image_pdf(pages, dest / src.name))
    return out


def _extract_timed(path: Path) -> tuple[float, float, ExtractionResult]:
    """(wall s, CPU s, result) of extracting ``path`` in this process."""
    from extractors.extract import extract_file

    wall, cpu = time.perf_counter(), time.process_time()
    result = extract_file(path)
    return time.perf_counter() - wall, time.process_time() - cpu, result


def _warm() -> None:
    from extractors.loaders.ocr import _engine

    _engine()


def ocr_figures(sources: list[Path] | None = None, workers: int = 2) -> dict[str, Any]:
    from govguide.pipeline.evaluate import days_exact, score_file

    sources = sources or DEFAULT_SOURCES
    gold: dict[str, list[dict[str, Any]]] = {}
    for path in GOLD_FILES:
        for g in json.loads(path.read_text(encoding="utf-8")):
            gold.setdefault(g["file"], []).append(g)
    with tempfile.TemporaryDirectory(prefix="govguide-bench-ocr-") as tmp:
        scan_paths = make_scans(sources, Path(tmp))
        _warm()
        rows = []
        found = total = days_ok = 0
        f1s: list[float] = []
        for path in scan_paths:
            wall, cpu, result = _extract_timed(path)
            file_gold = gold.get(path.stem, [])
            score = score_file(path, file_gold, result)
            rows.append({"file": path.name, "pages": result.pages, "wall_s": wall, "cpu_s": cpu,
                         "pages_per_s": result.pages / wall, "gold_items": score.gold, "found": score.found,
                         "materials_f1": sum(score.materials_f1) / len(score.materials_f1) if score.materials_f1 else None})
            found += score.found
            total += score.gold
            days_ok += days_exact(result.items, file_gold)[0]
            f1s.extend(score.materials_f1)
        pages = sum(r["pages"] for r in rows)
        wall = sum(r["wall_s"] for r in rows)
        cpu = sum(r["cpu_s"] for r in rows)
        # Several processes side by side, as `govguide run --workers N` extracts files.
        with ProcessPoolExecutor(workers, initializer=_warm) as pool:
            list(pool.map(_wait, range(workers)))  # every process started and warm
            start = time.perf_counter()
            list(pool.map(_extract_timed, scan_paths))
            parallel = time.perf_counter() - start
    return {
        "files": rows,
        "pages": pages,
        "pages_per_s": pages / wall,
        "cpu_s_per_page": cpu / pages,
        "workers": workers,
        "parallel_pages_per_s": pages / parallel,
        "gold_items": total,
        "items_found": found / total if total else None,
        "materials_f1": sum(f1s) / len(f1s) if f1s else None,
        "days_exact": days_ok / found if found else None,
    }


def _wait(_: int) -> None:
    time.sleep(0.5)
