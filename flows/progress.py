"""Progress of the extraction step on stderr, so a long run shows it is moving."""

from __future__ import annotations

import sys
import time
from typing import TextIO

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
