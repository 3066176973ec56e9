"""Progress of a long run on a terminal: files extracted out of files to extract.

Off unless a command turns it on (``govguide run`` does when stderr is a terminal), so
deployments, workers and logs never get progress bars.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console

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
