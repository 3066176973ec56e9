"""Faults timed on the extraction worker: races made deterministic.

The ingestion flow extracts files in path order; :func:`act_on_first` runs as the
extractor (module-level, so the isolation worker can import it) and, when the worker starts
on the file named ``first``, changes other input files, exactly once (a marker file
remembers it). Each change lands while the run is going, after every file was discovered
and fingerprinted, which is when a rewrite or a link swap does harm.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from extractors.extract import extract_file
from govguide.core.models import ExtractionResult

# (kind, target, argument): "copy" replaces target's content with the file at argument,
# "link" replaces target with a symbolic link to argument, "truncate" cuts target to
# argument (a decimal string) bytes.
Change = tuple[str, str, str]


def apply(change: Change) -> None:
    kind, target, arg = change
    tmp = f"{target}.swap"
    if kind == "copy":
        shutil.copyfile(arg, tmp)
        os.replace(tmp, target)
    elif kind == "link":
        os.symlink(arg, tmp)
        os.replace(tmp, target)
    elif kind == "truncate":
        os.truncate(target, int(arg))
    else:
        raise ValueError(f"unknown change {kind!r}")


def act_on_first(
    path: Path, *, first: str, changes: tuple[Change, ...], marker: str, **kwargs: object
) -> ExtractionResult:
    """Extract ``path``; when it is the file named ``first``, apply ``changes`` first."""
    if Path(path).name == first and not os.path.exists(marker):
        Path(marker).write_text("done")
        for change in changes:
            apply(change)
    return extract_file(Path(path), **kwargs)


def slow_extract(path: Path, *, started: str, seconds: float, **kwargs: object) -> ExtractionResult:
    """Extract ``path`` after ``seconds``, having created the file ``started``: a long
    extraction whose start the test can wait for."""
    Path(started).write_text(str(os.getpid()))
    time.sleep(seconds)
    return extract_file(Path(path), **kwargs)


def parse_starved(path: Path, *, headroom_mb: int | None) -> ExtractionResult:
    """Parse ``path`` as XML with govguide's parser, first lowering this worker's
    address-space limit to ``headroom_mb`` above what it uses (None: as it is): memory
    pressure as a fragmented or loaded worker meets it."""
    import resource

    from govguide.core.safety.docx import safe_xml_parse

    data = Path(path).read_bytes()
    if headroom_mb is not None:
        with open("/proc/self/status", encoding="ascii") as fh:
            size = next(int(line.split()[1]) * 1024 for line in fh if line.startswith("VmSize:"))
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        resource.setrlimit(resource.RLIMIT_AS, (size + headroom_mb * 2**20, hard))
    safe_xml_parse(data)
    raise AssertionError("the XML was expected not to parse")
