"""Fuzzing: mutated sample documents and arbitrary bytes only ever raise govguide's errors.

Two depths. The pre-parse checks (:func:`govguide.core.safety.preflight`) run in-process on many
examples: they are our own bounded code. The parsers (PDFium via ``check_pdf``, and the
format loaders) run on fewer examples inside :func:`govguide.core.isolation.run_isolated`, as in
a real run, so a mutation that makes a parser hang ends as a ResourceLimitError rather than
a stuck test suite. Time is bounded by ``max_examples`` and the per-call timeout, not by a
per-example deadline (a deadline would make the suite flaky on a busy machine).
"""

from __future__ import annotations

import importlib.util
import io
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from govguide.core.errors import GovguideError
from govguide.core.isolation import run_isolated, shutdown_workers
from govguide.core.safety import check_pdf, preflight
from tests.robustness import bad_inputs as bad

SAMPLES = sorted(bad.SAMPLES.iterdir())
# The smallest documents keep parser-level examples fast.
SMALL_PDFS = [
    bad.SAMPLES / "lz_yibao_tongzhi_2021_9.pdf",
    bad.SAMPLES / "gx_liujiang_yibao_bujiao_zhinan.pdf",
]
SMALL_DOCXS = [
    bad.SAMPLES / "lz_yibao_tongzhi_2021_9.docx",
    bad.SAMPLES / "gx_liujiang_yibao_bujiao_zhinan.docx",
]
DOCX_XML_PARTS = [
    "word/document.xml",
    "word/styles.xml",
    "[Content_Types].xml",
    "_rels/.rels",
    "word/_rels/document.xml.rels",
]
ISOLATED = {"timeout_s": 60.0, "memory_mb": 2048}

FAST = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PARSERS = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_position = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
mutation = st.one_of(
    st.tuples(st.just("truncate"), _position),
    st.tuples(st.just("flip"), _position, st.integers(1, 255)),
    st.tuples(st.just("insert"), _position, st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("delete"), _position, st.integers(1, 2048)),
    st.tuples(st.just("overwrite"), _position, st.binary(min_size=1, max_size=32)),
)
mutations = st.lists(mutation, min_size=1, max_size=4)


def mutate(data: bytes, steps: list[tuple]) -> bytes:
    buf = bytearray(data)
    for kind, where, *arg in steps:
        at = min(int(where * len(buf)), max(len(buf) - 1, 0))
        if kind == "truncate":
            del buf[at:]
        elif kind == "flip" and buf:
            buf[at] ^= arg[0]
        elif kind == "insert":
            buf[at:at] = arg[0]
        elif kind == "delete":
            del buf[at : at + arg[0]]
        elif kind == "overwrite":
            buf[at : at + len(arg[0])] = arg[0]
    return bytes(buf)


def mutate_docx_part(sample: Path, part: str, steps: list[tuple]) -> bytes:
    """A well-formed zip whose chosen XML part is mutated: this reaches the XML parser."""
    out = io.BytesIO()
    with zipfile.ZipFile(sample) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info.filename, mutate(data, steps) if info.filename == part else data)
    return out.getvalue()


@pytest.fixture(scope="module")
def workdir() -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)
    shutdown_workers()


def _write(workdir: Path, name: str, data: bytes) -> Path:
    path = workdir / name
    path.write_bytes(data)
    return path


def _only_govguide_errors(call: Callable[[], object]) -> GovguideError | None:
    try:
        call()
    except GovguideError as exc:
        event(f"refused: {exc.reason}")  # outcome mix, shown by --hypothesis-show-statistics
        return exc
    event("accepted")
    return None  # anything else propagates and fails the test


# --- pre-parse checks, in-process --------------------------------------------------------


@FAST
@given(sample=st.sampled_from(SAMPLES), steps=mutations)
def test_preflight_on_mutated_samples(workdir: Path, sample: Path, steps: list[tuple]) -> None:
    path = _write(workdir, "m" + sample.suffix, mutate(sample.read_bytes(), steps))
    _only_govguide_errors(lambda: preflight(path, workdir))


@FAST
@given(sample=st.sampled_from(SMALL_DOCXS), part=st.sampled_from(DOCX_XML_PARTS), steps=mutations)
def test_preflight_on_mutated_docx_parts(
    workdir: Path, sample: Path, part: str, steps: list[tuple]
) -> None:
    path = _write(workdir, "p.docx", mutate_docx_part(sample, part, steps))
    _only_govguide_errors(lambda: preflight(path, workdir))


@FAST
@given(
    prefix=st.sampled_from(
        [
            b"",
            b"%PDF-1.7\n",
            b"PK\x03\x04",
            b"PK\x05\x06",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            b"<html>",
            b"\xff\xfe<\x00",
        ]
    ),
    body=st.binary(max_size=4096),
    suffix=st.sampled_from([".pdf", ".docx", ".html", ""]),
)
def test_preflight_on_arbitrary_bytes(
    workdir: Path, prefix: bytes, body: bytes, suffix: str
) -> None:
    path = _write(workdir, "a" + suffix, prefix + body)
    _only_govguide_errors(lambda: preflight(path, workdir))


# --- parsers, isolated -------------------------------------------------------------------


@PARSERS
@given(sample=st.sampled_from(SMALL_PDFS), steps=mutations)
def test_check_pdf_on_mutated_pdfs(workdir: Path, sample: Path, steps: list[tuple]) -> None:
    path = _write(workdir, "c.pdf", mutate(sample.read_bytes(), steps))
    _only_govguide_errors(lambda: run_isolated(check_pdf, path, strict_xref=False, **ISOLATED))


def _loader(module: str, name: str) -> Callable[..., object]:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not available")
    return getattr(importlib.import_module(module), name)


@PARSERS
@given(sample=st.sampled_from(SMALL_PDFS), steps=mutations)
def test_pdf_loader_on_mutated_pdfs(workdir: Path, sample: Path, steps: list[tuple]) -> None:
    load_pdf = _loader("extractors.loaders.pdf", "load_pdf")
    path = _write(workdir, "l.pdf", mutate(sample.read_bytes(), steps))
    # Straight to the loader, without the pre-checks: it must hold up on its own.
    _only_govguide_errors(lambda: run_isolated(load_pdf, path, **ISOLATED))


@PARSERS
@given(sample=st.sampled_from(SMALL_DOCXS), part=st.sampled_from(DOCX_XML_PARTS), steps=mutations)
def test_docx_loader_on_mutated_parts(
    workdir: Path, sample: Path, part: str, steps: list[tuple]
) -> None:
    load_docx = _loader("extractors.loaders.docx", "load_docx")
    path = _write(workdir, "l.docx", mutate_docx_part(sample, part, steps))
    _only_govguide_errors(lambda: run_isolated(load_docx, path, **ISOLATED))


@PARSERS
@given(sample=st.sampled_from(SMALL_DOCXS), steps=mutations)
def test_docx_loader_on_mutated_packages(workdir: Path, sample: Path, steps: list[tuple]) -> None:
    load_docx = _loader("extractors.loaders.docx", "load_docx")
    path = _write(workdir, "z.docx", mutate(sample.read_bytes(), steps))
    _only_govguide_errors(lambda: run_isolated(load_docx, path, **ISOLATED))
