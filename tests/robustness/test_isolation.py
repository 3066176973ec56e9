"""Isolated calls: results, errors, time and memory limits, crashes and worker reuse.

The functions run in the worker are standard-library ones (``time.sleep`` stands in for a
PDF whose parsing never ends, ``bytearray`` for one that allocates without bound, and
``os.abort`` for a parser crashing in C), so nothing here depends on test-module pickling.
"""

from __future__ import annotations

import operator
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from govguide.core.errors import EmptyFileError, ResourceLimitError
from govguide.core.isolation import run_isolated, shutdown_workers
from govguide.core.safety import sniff_format
from govguide.core.settings import get_settings

LIMITS = {"timeout_s": 30.0, "memory_mb": 1024}
needs_proc = pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="needs Linux /proc")


@pytest.fixture(autouse=True, params=["auto", "spawn"])
def start(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test with workers forked from this process where that is safe (auto) and with
    workers that are fresh interpreters (spawn); a fresh pool for each."""
    monkeypatch.setenv("GOVGUIDE_WORKER_START", request.param)
    get_settings.cache_clear()
    yield request.param
    shutdown_workers()
    get_settings.cache_clear()


def _alive(pid: int) -> bool:
    """Still holding resources: running, or a zombie whose other threads are still exiting
    (their open files, e.g. the worker's socket, close only when the last thread is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            state = fh.read().rsplit(")", 1)[1].split()[0]
        return state != "Z" or len(os.listdir(f"/proc/{pid}/task")) > 1
    except FileNotFoundError:
        return False


def _wait_gone(pid: int, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    return not _alive(pid)


def test_returns_the_result_and_forwards_keyword_arguments() -> None:
    assert run_isolated(operator.add, 2, 3, **LIMITS) == 5
    assert run_isolated(int, "ff", base=16, **LIMITS) == 255


def test_runs_in_another_process_which_is_reused() -> None:
    first = run_isolated(os.getpid, **LIMITS)
    second = run_isolated(os.getpid, **LIMITS)
    assert first != os.getpid()
    assert first == second


def _worker_inherits_the_caller(setup: str = "", memory_mb: int = 1024) -> bool:
    """Whether a worker started by a small fresh Python process (after ``setup``) has that
    process's modules: True when forked from it, False when a fresh interpreter."""
    script = textwrap.dedent(
        f"""
        import sys, threading
        sys.modules["govguide_probe_marker"] = sys
        from govguide.core.isolation import run_isolated
        {setup}
        probe = "'govguide_probe_marker' in __import__('sys').modules"
        print(run_isolated(eval, probe, timeout_s=30, memory_mb={memory_mb}), flush=True)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    return {"True": True, "False": False}[done.stdout.strip()]


@needs_proc
def test_a_single_threaded_caller_forks_its_worker(start: str) -> None:
    # The worker starts with what the caller imported: no second interpreter.
    assert _worker_inherits_the_caller() is (start == "auto")


@needs_proc
def test_a_caller_with_other_threads_starts_a_fresh_interpreter() -> None:
    setup = "threading.Thread(target=threading.Event().wait, daemon=True).start()"
    assert _worker_inherits_the_caller(setup) is False


@needs_proc
def test_a_caller_large_next_to_the_memory_limit_starts_a_fresh_interpreter() -> None:
    # A forked worker would begin with the caller's address space counted against the
    # limit; 64 MB is less than four times what a Python process takes.
    assert _worker_inherits_the_caller(memory_mb=64) is False


@needs_proc
def test_timeout_kills_the_worker_and_a_fresh_one_takes_over() -> None:
    before = run_isolated(os.getpid, **LIMITS)
    with pytest.raises(ResourceLimitError, match=r"^extraction took longer than 0.5 s$"):
        run_isolated(time.sleep, 60, timeout_s=0.5, memory_mb=None)
    assert _wait_gone(before)
    after = run_isolated(os.getpid, **LIMITS)
    assert after != before


def test_timeout_error_carries_the_file_path(tmp_path: Path) -> None:
    fifo = tmp_path / "never-written.pdf"
    os.mkfifo(fifo)  # opening it for reading blocks until a writer comes: never
    with pytest.raises(ResourceLimitError) as info:
        run_isolated(open, str(fifo), "rb", timeout_s=0.5, memory_mb=None)
    assert info.value.path == str(fifo)
    assert info.value.reason == "resource limit"


def test_memory_limit_turns_into_resource_limit_error() -> None:
    with pytest.raises(ResourceLimitError, match="more than 512 MB of memory"):
        run_isolated(bytearray, 4 * 1024**3, timeout_s=30, memory_mb=512)
    assert run_isolated(operator.add, 1, 1, **LIMITS) == 2


def test_memory_limit_applies_per_call_only() -> None:
    # bytes(n) is calloc'ed: it takes address space (what the limit counts) without touching RAM.
    probe = "(__import__('os').getpid(), len(bytes({} * 2**20)))"
    pid, _ = run_isolated(eval, probe.format(1), timeout_s=30, memory_mb=512)
    same_pid, size = run_isolated(eval, probe.format(1024), timeout_s=30, memory_mb=None)
    assert (same_pid, size) == (pid, 2**30)  # the same worker, no longer limited
    with pytest.raises(ResourceLimitError):
        run_isolated(eval, probe.format(1024), timeout_s=30, memory_mb=512)


def test_crash_in_the_worker_is_reported_with_its_signal() -> None:
    with pytest.raises(ResourceLimitError, match=r"worker crashed \(SIGABRT\)"):
        run_isolated(os.abort, **LIMITS)
    assert run_isolated(operator.mul, 6, 7, **LIMITS) == 42


def test_govguide_errors_keep_type_message_and_attributes(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(EmptyFileError) as info:
        run_isolated(sniff_format, empty, **LIMITS)
    err = info.value
    assert (err.message, err.path, err.reason) == (
        "file is empty (0 bytes)",
        str(empty),
        "empty file",
    )
    assert any("worker traceback" in note and "sniff_format" in note for note in err.__notes__)


def test_other_exceptions_keep_their_type() -> None:
    with pytest.raises(ValueError, match="invalid literal"):
        run_isolated(int, "not a number", **LIMITS)


def test_exit_from_library_code_does_not_stop_the_caller() -> None:
    with pytest.raises(RuntimeError, match="SystemExit"):
        run_isolated(sys.exit, 3, **LIMITS)
    assert run_isolated(operator.add, 2, 2, **LIMITS) == 4


def test_unpicklable_function_or_result_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="picklable"):
        run_isolated(lambda: 1, **LIMITS)
    with pytest.raises(TypeError, match="cannot be pickled"):
        run_isolated(threading.Lock, **LIMITS)
    assert run_isolated(operator.neg, 1, **LIMITS) == -1


@needs_proc
def test_worker_killed_while_idle_is_replaced_transparently() -> None:
    pid = run_isolated(os.getpid, **LIMITS)
    os.kill(pid, signal.SIGKILL)
    assert _wait_gone(pid)
    assert run_isolated(operator.add, 1, 2, **LIMITS) == 3


def test_concurrent_callers_each_get_a_worker() -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda n: run_isolated(operator.mul, n, 2, **LIMITS), range(8)))
    assert results == [n * 2 for n in range(8)]


def test_worker_retired_after_max_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGUIDE_WORKER_MAX_TASKS", "2")
    get_settings.cache_clear()
    try:
        pids = [run_isolated(os.getpid, **LIMITS) for _ in range(4)]
    finally:
        get_settings.cache_clear()
    assert pids[0] == pids[1] != pids[2] == pids[3]


@needs_proc
def test_worker_exits_when_its_parent_is_killed(tmp_path: Path) -> None:
    """A run killed with SIGKILL must not leave a worker spinning on a hostile file."""
    script = textwrap.dedent(
        """
        import os, sys, time
        from govguide.core.isolation import run_isolated
        print(run_isolated(os.getpid, timeout_s=30, memory_mb=None), flush=True)
        run_isolated(time.sleep, 600, timeout_s=900, memory_mb=None)
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        worker_pid = int(parent.stdout.readline())
        assert _alive(worker_pid)
        parent.kill()
        parent.wait()
        assert _wait_gone(worker_pid)
    finally:
        if parent.poll() is None:
            parent.kill()
