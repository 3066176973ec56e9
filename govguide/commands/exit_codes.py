"""The exit status of every govguide command, one per kind of failure, so a scheduler or a
script can tell them apart without reading the message."""

from __future__ import annotations

from govguide.core.errors import (
    GovguideError,
    InputError,
    NoInputsError,
    OutputNotWritableError,
    PrefectUnreachableError,
    UsageError,
)

OK = 0
FAILED = 1  # the run could not complete, or files failed with errors that may pass on a re-run
USAGE = 2  # bad arguments: a missing file or folder, a folder given for a file, --out inside --raw
BAD_INPUT = 3  # the file given cannot be read (its reason in brackets)
LOCKED = 4  # another run holds the output folder's lock
NO_INPUTS = 5  # no input file under --raw
NOT_WRITABLE = 6  # the output folder cannot be written
PREFECT_UNREACHABLE = 7  # PREFECT_API_URL is set but no Prefect API answers there

# Checked in order: the first class the error is an instance of gives the status.
_BY_ERROR: tuple[tuple[type[GovguideError], int], ...] = (
    (UsageError, USAGE),
    (InputError, BAD_INPUT),
    (NoInputsError, NO_INPUTS),
    (OutputNotWritableError, NOT_WRITABLE),
    (PrefectUnreachableError, PREFECT_UNREACHABLE),
)


def for_error(exc: GovguideError) -> int:
    """The exit status for a govguide error."""
    from govguide.dataset.store import LockedError

    if isinstance(exc, LockedError):
        return LOCKED
    for cls, code in _BY_ERROR:
        if isinstance(exc, cls):
            return code
    return FAILED
