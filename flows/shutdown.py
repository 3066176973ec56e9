"""Stopping a run cleanly, and leaving nothing behind when it is killed.

``SIGTERM`` (a scheduler's stop, ``systemctl stop``, a container shutting down) must not wait
for the file being extracted, which may take its whole time budget: :func:`on_sigterm`
turns it into :class:`Terminated`, raised in the run's main thread, after killing the
extraction workers this process started; every thread then stops at its next file. The run
unwinds normally: the output directory's lock is released, nothing half-written becomes
current, and Prefect's temporary API server is stopped on the way out.

``SIGKILL`` cannot be caught, so the temporary API server is tied to this process instead
(:func:`tie_to_this_process`): a small guard process, holding one end of a pipe whose
other end only this process has, stops the server when the pipe closes, i.e. when this
process is gone for any reason.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator

from govguide.core.errors import GovguideError

# Command-line marks of the processes a run starts: isolation workers and Prefect's server.
WORKER_MARK = b"_worker_main"

_stop = threading.Event()


class Terminated(GovguideError):
    """The run was asked to stop (SIGTERM); nothing was published by it."""

    reason = "terminated"


def requested() -> bool:
    """True once a stop was requested: threads take no new file."""
    return _stop.is_set()


def check() -> None:
    """Raise :class:`Terminated` if a stop was requested."""
    if _stop.is_set():
        raise Terminated("the run was stopped (SIGTERM) before this file was extracted")


def _children() -> list[tuple[int, bytes]]:
    """(pid, command line) of this process's children (Linux ``/proc``; empty elsewhere)."""
    me = os.getpid()
    found: list[tuple[int, bytes]] = []
    with contextlib.suppress(OSError):
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    stat = fh.read()
                # Fields after the command name, which is in parentheses and may hold spaces.
                ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
                if ppid != me:
                    continue
                with open(f"/proc/{entry}/cmdline", "rb") as fh:
                    found.append((int(entry), fh.read()))
            except (OSError, ValueError, IndexError):
                continue
    return found


def kill_workers() -> int:
    """Kill the extraction workers this process started; returns how many."""
    killed = 0
    for pid, cmdline in _children():
        if WORKER_MARK in cmdline:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
                killed += 1
    return killed


@contextlib.contextmanager
def on_sigterm() -> Iterator[None]:
    """Within the block, SIGTERM stops the run promptly (see the module docstring), then
    goes on to the handler that was there before (Prefect's, inside a flow run). Only in
    the main thread (where Python delivers signals); elsewhere it does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    outermost = not _depth
    previous = signal.getsignal(signal.SIGTERM)

    def handle(signum: int, frame: object) -> None:
        first = not _stop.is_set()
        _stop.set()
        kill_workers()
        if callable(previous):  # e.g. Prefect's, which records the flow run as crashed
            previous(signum, frame)
        if first:
            raise Terminated("the run was stopped (SIGTERM); nothing was published by it")

    if outermost:
        _stop.clear()
    _depth.append(1)
    signal.signal(signal.SIGTERM, handle)
    try:
        yield
    finally:
        _depth.pop()
        if _stop.is_set():
            kill_workers()  # one may have started between the signal and the threads' check
        signal.signal(signal.SIGTERM, previous)
        if outermost:
            _stop.clear()


_depth: list[int] = []  # nested on_sigterm blocks (the command's, then the flow's)


_GUARD = (
    "import os, signal, sys, time\n"
    "os.read(int(sys.argv[1]), 1)\n"  # returns when the run's process is gone
    "pid = int(sys.argv[2])\n"
    "try:\n"
    "    with open(f'/proc/{pid}/cmdline', 'rb') as fh:\n"
    "        ours = sys.argv[3].encode() in fh.read()\n"
    "except OSError:\n"
    "    ours = os.name == 'posix' and not os.path.isdir('/proc')\n"
    "if ours:\n"
    "    os.kill(pid, signal.SIGTERM)\n"
    "    for _ in range(50):\n"
    "        time.sleep(0.1)\n"
    "        try:\n"
    "            os.kill(pid, 0)\n"
    "        except OSError:\n"
    "            break\n"
    "    else:\n"
    "        os.kill(pid, signal.SIGKILL)\n"
)


def tie_to_this_process(pid: int, mark: str) -> None:
    """Stop process ``pid`` (SIGTERM, then SIGKILL) when this process ends, however it
    ends. ``mark`` must occur in its command line: a reused pid is left alone."""
    if os.name != "posix":
        return
    read_end, write_end = os.pipe()  # both ends close-on-exec: no other child inherits them
    try:
        subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", _GUARD, str(read_end), str(pid), mark],
            pass_fds=(read_end,),
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # not stopped by a Ctrl-C meant for the run
        )
    except OSError:
        os.close(write_end)
        raise
    finally:
        os.close(read_end)
    _lifelines.append(write_end)  # held open until this process exits


_lifelines: list[int] = []
