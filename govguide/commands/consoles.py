"""Consoles of the commands' human output."""

from __future__ import annotations

import os

from rich.console import Console

# Piped to a file or a pager, tables are as wide as their content needs up to this, instead
# of Rich's 80 columns for a stream that is not a terminal (COLUMNS still wins).
PIPED_WIDTH = 200


def stdout_console(stderr: bool = False) -> Console:
    """A console on stdout (or stderr) that does not squeeze tables when output is piped."""
    console = Console(stderr=stderr)
    if console.is_terminal or os.environ.get("COLUMNS"):
        return console
    return Console(stderr=stderr, width=PIPED_WIDTH)
