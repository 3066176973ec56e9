"""Run untrusted-input work in a worker process that can be stopped.

A hostile or broken file can make a parser loop, allocate without bound or crash in C code;
none of that may take the run down. :func:`run_isolated` sends one call to a worker process
under a wall-clock timeout and an address-space limit, and turns every way the call can go
wrong into an error the flows understand:

* took longer than ``timeout_s`` → the worker is killed (SIGKILL: a parser stuck in C code
  ignores anything gentler) and :class:`ResourceLimitError` ``extraction took longer than N s``;
* ``MemoryError`` (or ``ENOMEM``) under the ``memory_mb`` limit → :class:`ResourceLimitError`;
* the worker died (segfault, abort, killed by the kernel's OOM killer, CPU limit) →
  :class:`ResourceLimitError` naming the signal. Chosen over :class:`TransientError`
  because a crash is in practice caused by the input under the limits it was given:
  retrying would crash again and cost a fresh worker each time;
* any exception raised by the function → re-raised in the caller with its type, message
  and attributes (govguide errors keep ``path``/``page``/``extractor``), the worker's
  traceback attached as a note.

Work whose size is known only once the file is open may ask for more time: inside a call,
:func:`extend_deadline` adds seconds to the call's wall-clock and CPU budget (the OCR loader
adds each scanned page's own limit before reading it), so a long scan is not cut off by a
budget sized for text documents while every page stays bounded.

Workers are reused: a pool keeps idle workers, one per concurrently calling thread, so the
start cost (an interpreter and the parser imports) is paid once per worker, not per file.
A worker is replaced only after a kill or crash, a ``MemoryError``, or ``worker_max_tasks``
calls. Workers are plain subprocesses (not ``multiprocessing`` children), so they can be
started from daemonic processes such as Dask workers, and they never re-import the caller's
``__main__``. A worker whose parent dies exits on its own (a lifeline pipe closes), and a
CPU-time limit per call stops even an orphaned worker stuck in a loop.

How a worker starts (:func:`_start_method`): a single-threaded caller whose address space is
small next to the memory limit (``govguide extract`` on one file) is forked, so the worker
begins with everything the caller already imported instead of paying for a fresh interpreter
and the same imports again; any other caller (the ingestion flow's threads, Dask) starts a
fresh interpreter, because forking a process in which other threads may hold locks can
deadlock the copy. Both kinds of worker run the same loop under the same limits.

POSIX only; elsewhere the call runs in-process without limits.
"""

from __future__ import annotations

import atexit
import errno
import faulthandler
import json
import os
import pickle
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from govguide.core.errors import ResourceLimitError, TransientError

_SUPPORTED = os.name == "posix"
_BOOT = (
    "import json, sys; sys.path[:] = json.loads(sys.argv[3]); "
    "from govguide.core.isolation import _worker_main; _worker_main(int(sys.argv[1]), int(sys.argv[2]))"
)
# CPU budget of one call, relative to its wall-clock timeout: only a backstop for a worker
# whose parent is gone; the parent's timeout normally fires first.
_CPU_FACTOR = 2.0
_CPU_SLACK_S = 5.0
# First element of a worker's message asking for more time (a reply starts with a bool).
_EXTEND = "extend"
# The connection of the call this worker process is running, for extend_deadline.
_current_conn: Connection | None = None


def run_isolated(
    fn: Callable[..., Any],
    *args: Any,
    timeout_s: float,
    memory_mb: int | None,
    **kwargs: Any,
) -> Any:
    """Call ``fn(*args, **kwargs)`` in a worker process and return its result.

    ``fn`` must be picklable (a module-level function) and so must its arguments and result.
    ``memory_mb`` None (or 0) means no memory limit. When ``args[0]`` is a path, errors
    raised here carry it. See the module docstring for the error mapping.
    """
    if not _SUPPORTED:
        return fn(*args, **kwargs)
    context = args[0] if args and isinstance(args[0], str | os.PathLike) else None
    cpu_s = timeout_s * _CPU_FACTOR + _CPU_SLACK_S
    try:
        task = pickle.dumps((fn, args, kwargs, memory_mb or None, cpu_s), pickle.HIGHEST_PROTOCOL)
    except Exception as exc:
        raise TypeError(
            f"run_isolated needs a picklable module-level function and arguments: {exc}"
        ) from exc

    worker = _acquire(memory_mb)
    try:
        worker.conn.send_bytes(task)
    except OSError:
        # The worker died while idle (killed from outside): the task never started.
        worker.kill()
        worker = _start_worker(memory_mb)
        worker.conn.send_bytes(task)

    try:
        allowed = timeout_s
        deadline = time.monotonic() + timeout_s
        while True:
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                worker.kill()
                raise ResourceLimitError(f"extraction took longer than {allowed:g} s", path=context)
            try:
                message = pickle.loads(worker.conn.recv_bytes())
            except (EOFError, OSError):
                raise _crash_error(worker.kill(), memory_mb, cpu_s, context) from None
            if message[0] == _EXTEND:  # the call asked for more time (extend_deadline)
                allowed += message[1]
                deadline += message[1]
                continue
            ok, value = message
            break
    except BaseException:
        worker.kill()  # interrupted or failed mid-call: the worker's state is unknown
        raise

    if ok:
        _release(worker)
        return value
    # Under the address-space limit, running out can also surface as an OSError (ENOMEM) from a
    # system call, e.g. while importing a module: the same resource limit, said the same way.
    if isinstance(value, MemoryError) or (isinstance(value, OSError) and value.errno == errno.ENOMEM):
        worker.retire()  # its heap may be fragmented to the limit
        limit = f"more than {memory_mb} MB of" if memory_mb else "more"
        raise ResourceLimitError(f"extraction needed {limit} memory", path=context) from value
    _release(worker)
    raise value


def extend_deadline(seconds: float) -> None:
    """Inside a :func:`run_isolated` call: give the call ``seconds`` more wall-clock time
    (and the CPU time that goes with it). Elsewhere (a call run in-process) it does
    nothing: there is no deadline to move."""
    if _current_conn is None or seconds <= 0:
        return
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if soft != resource.RLIM_INFINITY:
        more = soft + int(seconds * _CPU_FACTOR) + 1
        resource.setrlimit(
            resource.RLIMIT_CPU, (more if hard == resource.RLIM_INFINITY else min(more, hard), hard)
        )
    _current_conn.send_bytes(pickle.dumps((_EXTEND, float(seconds)), pickle.HIGHEST_PROTOCOL))


def shutdown_workers() -> None:
    """Stop every idle worker (busy ones stop when their call returns or the process exits)."""
    with _lock:
        idle = list(_idle)
        _idle.clear()
    for worker in idle:
        worker.retire()


# --- parent side -------------------------------------------------------------------------


class _Worker:
    def __init__(self, method: str = "spawn") -> None:
        parent_sock, child_sock = socket.socketpair()
        life_r, life_w = os.pipe()  # the child sees EOF on life_r when this process is gone
        try:
            if method == "fork":
                self.proc: subprocess.Popen[bytes] | _Forked = _Forked(
                    child_sock.fileno(), life_r, (parent_sock.fileno(), life_w)
                )
            else:
                self.proc = subprocess.Popen(
                    [
                        sys.executable,
                        "-c",
                        _BOOT,
                        str(child_sock.fileno()),
                        str(life_r),
                        json.dumps(sys.path),
                    ],
                    pass_fds=(child_sock.fileno(), life_r),
                    stdin=subprocess.DEVNULL,
                )
        except BaseException:
            parent_sock.close()
            os.close(life_w)
            raise
        finally:
            child_sock.close()
            os.close(life_r)
        self.conn = Connection(parent_sock.detach())
        self._lifeline = life_w
        self.tasks = 0

    def kill(self) -> int | None:
        """Kill (if still running), reap, and release the pipes; returns the exit status."""
        if self.proc.poll() is None:
            self.proc.kill()
        code = self.proc.wait()
        self._close()
        return code

    def retire(self) -> None:
        """Let an idle worker exit on its own (it sees end-of-file), killing it if it lingers."""
        self._close()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()

    def _close(self) -> None:
        if not self.conn.closed:
            self.conn.close()
        if self._lifeline >= 0:
            os.close(self._lifeline)
            self._lifeline = -1


_lock = threading.Lock()
_idle: list[_Worker] = []


def _acquire(memory_mb: int | None) -> _Worker:
    with _lock:
        while _idle:
            worker = _idle.pop()
            # An idle worker never writes: a readable connection means it has died (its
            # socket closes on exit, before the exit can always be seen by waitpid).
            if worker.proc.poll() is None and not worker.conn.poll(0):
                return worker
            worker.kill()
    return _start_worker(memory_mb)


def _start_worker(memory_mb: int | None) -> _Worker:
    try:
        return _Worker(_start_method(memory_mb))
    except OSError as exc:  # out of processes or file descriptors: the machine, not the file
        raise TransientError(f"cannot start an extraction worker: {exc}") from exc


# A forked worker starts with the caller's address space, which counts against its memory
# limit: fork only while that is at most this share of the limit.
_FORK_MAX_SHARE_OF_LIMIT = 0.25


def _start_method(memory_mb: int | None) -> str:
    """``"fork"`` when forking this process is safe and cheap, else ``"spawn"``."""
    from govguide.core.settings import get_settings

    if get_settings().worker_start == "spawn":
        return "spawn"
    try:
        # Every thread of the process, native ones (BLAS, Arrow pools) included: only a
        # process with this one thread has no lock another thread could be holding.
        if len(os.listdir("/proc/self/task")) != 1:
            return "spawn"
        with open("/proc/self/statm") as fh:
            address_space = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):  # no /proc (not Linux): thread count unknown
        return "spawn"
    if memory_mb and address_space > memory_mb * 1024 * 1024 * _FORK_MAX_SHARE_OF_LIMIT:
        return "spawn"
    return "fork"


class _Forked:
    """A worker forked from this process; the parts of :class:`subprocess.Popen` used here."""

    def __init__(self, conn_fd: int, lifeline: int, parent_fds: tuple[int, ...]) -> None:
        pid = os.fork()
        if pid == 0:  # the worker: never returns
            code = 70
            try:
                for fd in parent_fds:  # the parent's ends: the lifeline must close when it dies
                    os.close(fd)
                if not os.environ.get("PYTHONFAULTHANDLER"):
                    # As in a fresh interpreter: a crash is reported by the parent, not dumped
                    # by a handler the caller (a test runner) installed for itself.
                    faulthandler.disable()
                null = os.open(os.devnull, os.O_RDONLY)
                os.dup2(null, 0)
                os.close(null)
                _worker_main(conn_fd, lifeline)
                code = 0
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(code)  # never the parent's atexit handlers or buffered output
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # reaped elsewhere (SIGCHLD ignored): status unknown
                pid, status = self.pid, 0
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def kill(self) -> None:
        if self.returncode is None:
            os.kill(self.pid, signal.SIGKILL)  # not yet reaped: the pid is still ours

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        delay = 0.001
        while self.poll() is None:
            if deadline is not None and time.monotonic() >= deadline:
                raise subprocess.TimeoutExpired(f"worker {self.pid}", timeout or 0.0)
            time.sleep(delay)
            delay = min(delay * 2, 0.05)
        assert self.returncode is not None
        return self.returncode


def _release(worker: _Worker) -> None:
    from govguide.core.settings import get_settings

    worker.tasks += 1
    if worker.tasks >= get_settings().worker_max_tasks:
        worker.retire()
        return
    with _lock:
        _idle.append(worker)


def _crash_error(
    code: int | None, memory_mb: int | None, cpu_s: float, context: Any
) -> ResourceLimitError:
    if code is not None and code < 0:
        sig = -code
        name = (
            signal.Signals(sig).name
            if sig in signal.Signals._value2member_map_
            else f"signal {sig}"
        )
        if sig == signal.SIGXCPU:
            return ResourceLimitError(
                f"extraction used more than {cpu_s:g} s of CPU time", path=context
            )
        if sig == signal.SIGKILL:
            return ResourceLimitError("extraction worker was killed (out of memory?)", path=context)
        limit = f" or need more than {memory_mb} MB of memory" if memory_mb else ""
        return ResourceLimitError(
            f"extraction worker crashed ({name}); the file may be malformed{limit}", path=context
        )
    return ResourceLimitError(
        f"extraction worker exited unexpectedly (exit status {code})", path=context
    )


def _forget_after_fork() -> None:
    # A forked copy of this process must not share the parent's workers or lock.
    global _lock
    _lock = threading.Lock()
    for worker in _idle:
        worker._close()
    _idle.clear()


if _SUPPORTED:
    os.register_at_fork(after_in_child=_forget_after_fork)
atexit.register(shutdown_workers)


# --- worker side -------------------------------------------------------------------------


def _worker_main(fd: int, lifeline: int) -> None:
    """Serve calls until the parent closes the connection."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _no_core_dumps()
    threading.Thread(target=_watch_parent, args=(lifeline,), daemon=True).start()
    conn = Connection(fd)
    while True:
        try:
            raw = conn.recv_bytes()
        except (EOFError, OSError):
            return
        try:
            fn, args, kwargs, memory_mb, cpu_s = pickle.loads(raw)
        except BaseException as exc:  # e.g. the function's module does not import here
            _reply(conn, False, exc)
            continue
        restore = _apply_limits(memory_mb, cpu_s)
        global _current_conn
        _current_conn = conn
        try:
            ok, value = True, fn(*args, **kwargs)
        except BaseException as exc:
            ok, value = False, exc
        finally:
            _current_conn = None
            restore()
        _reply(conn, ok, value)
        del value


def _watch_parent(lifeline: int) -> None:
    try:
        os.read(lifeline, 1)  # returns only when the parent process is gone
    finally:
        os._exit(70)


def _reply(conn: Connection, ok: bool, value: Any) -> None:
    if not ok:
        value = _portable(value)
    try:
        data = pickle.dumps((ok, value), pickle.HIGHEST_PROTOCOL)
    except Exception as exc:
        data = pickle.dumps(
            (False, TypeError(f"result of the isolated call cannot be pickled: {exc}"))
        )
    try:
        conn.send_bytes(data)
    except OSError:
        os._exit(70)  # the parent is gone; nobody is left to answer


def _portable(exc: BaseException) -> BaseException:
    """The exception, made safe to send: with the worker's traceback, and picklable."""
    trace = "".join(traceback.format_exception(exc)).rstrip()
    if not isinstance(exc, Exception):
        # SystemExit or KeyboardInterrupt from library code must not stop the caller's run.
        stand_in = RuntimeError(f"isolated call raised {type(exc).__name__}: {exc}")
        stand_in.add_note(f"worker traceback:\n{trace}")
        return stand_in
    try:
        exc.add_note(f"worker traceback:\n{trace}")
        pickle.loads(pickle.dumps(exc))  # some types cannot be rebuilt from their args
        return exc
    except Exception:
        stand_in = RuntimeError(f"{type(exc).__module__}.{type(exc).__qualname__}: {exc}")
        stand_in.add_note(f"worker traceback:\n{trace}")
        return stand_in


def _no_core_dumps() -> None:
    import resource

    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass


def _apply_limits(memory_mb: int | None, cpu_s: float | None) -> Callable[[], None]:
    """Set this call's limits; returns the function restoring the previous ones."""
    import resource

    saved: list[tuple[int, tuple[int, int]]] = []

    def set_soft(which: int, soft: int) -> None:
        old = resource.getrlimit(which)
        hard = old[1]
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        try:
            resource.setrlimit(which, (soft, hard))
            saved.append((which, old))
        except (ValueError, OSError) as exc:  # e.g. macOS refuses RLIMIT_AS
            print(f"govguide worker: cannot set resource limit {which}: {exc}", file=sys.stderr)

    if memory_mb:
        set_soft(resource.RLIMIT_AS, memory_mb * 1024 * 1024)
    if cpu_s:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        set_soft(resource.RLIMIT_CPU, int(usage.ru_utime + usage.ru_stime + cpu_s) + 1)

    def restore() -> None:
        for which, old in reversed(saved):
            resource.setrlimit(which, old)

    return restore
