"""How a command ends on an expected failure: one ``error:`` line on stderr, the exit
status of its kind (:mod:`govguide.commands.exit_codes`), the details in the log file."""

from __future__ import annotations

import typer
from rich.console import Console

from govguide.core.errors import GovguideError

_err = Console(stderr=True, soft_wrap=True)


def fail(exc: GovguideError, note: str | None = None) -> typer.Exit:
    """Print ``error: <message> [<reason>]`` (and ``; <note>``) and return the
    :class:`typer.Exit` to raise."""
    from flows.runlog import details_logger
    from govguide.commands.exit_codes import for_error

    _err.print(f"error: {exc} [{exc.reason}]" + (f"; {note}" if note else ""), markup=False)
    details_logger().error("%s [%s]", exc, exc.reason, exc_info=exc)
    return typer.Exit(for_error(exc))


def usage(message: str) -> typer.Exit:
    """A bad argument: ``error: <message>``, exit status 2."""
    from govguide.core.errors import UsageError

    return fail(UsageError(message))
