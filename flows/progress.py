"""Progress of a long run: a bar of files extracted on a terminal, and otherwise a line on
stderr at most every :data:`EVERY_S` seconds, so a run in a log shows it is moving.

The bar is off unless a command turns it on (``govguide run`` does when stderr is a
terminal), so deployments and workers never get progress bars.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console

# Seconds between two progress lines; a run that extracts for less prints none.
EVERY_S = 10.0


class Progress:
    """Counts files extracted and prints ``govguide: extracted 40/2000 files …`` at most
    every :data:`EVERY_S` seconds."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.start = self.last = time.monotonic()

    def add(self, files: int) -> None:
        self.done += files
        now = time.monotonic()
        if files and now - self.last >= EVERY_S:
            self.last = now
            elapsed = now - self.start
            pace = f", about {elapsed / self.done * (self.total - self.done):.0f} s left"
            print(
                f"govguide: extracted {self.done}/{self.total} files "
                f"({100 * self.done // max(self.total, 1)} %) in {elapsed:.0f} s"
                f"{pace if self.done < self.total else ''}",
                file=self.stream,
                flush=True,
            )


_console: Console | None = None


def show_on(console: Console | None) -> None:
    """Show progress on ``console`` (None: show none)."""
    global _console
    _console = console


@contextmanager
def extraction_progress(total: int) -> Iterator[Callable[[int], None] | None]:
    """A function to call with the number of files just done, and a bar while it is in
    use; None when no progress is shown."""
    if _console is None or total == 0:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        TimeElapsedColumn(),
        console=_console,
        transient=True,
    ) as bar:
        task = bar.add_task("extract", total=total)
        yield lambda done: bar.advance(task, done)
