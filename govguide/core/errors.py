"""govguide's error types.

Every error the pipeline raises on purpose descends from :class:`GovguideError` and carries
its context (the file, and where known the page and extractor). Third-party errors are
wrapped once, where the library is called (``raise ... from exc``).

Two families matter to the flows: :class:`TransientError` may succeed on retry (a file still
being written, a worker that died); :class:`InputError` never will, and the file is
quarantined with the error's ``reason``.
"""

from __future__ import annotations

from pathlib import Path


def _printable(text: str) -> str:
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)


class GovguideError(Exception):
    """Base of every error govguide raises on purpose."""

    reason = "error"

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        page: int | None = None,
        extractor: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.page = page
        self.extractor = extractor

    def __str__(self) -> str:
        where = []
        if self.path:
            # A hostile file name must not carry control characters into logs and reports.
            where.append(_printable(Path(self.path).name))
        if self.page is not None:
            where.append(f"page {self.page}")
        if self.extractor:
            where.append(f"extractor {self.extractor}")
        prefix = f"{': '.join(where)}: " if where else ""
        return f"{prefix}{self.message}"


class TransientError(GovguideError):
    """A failure that may go away on retry (I/O hiccup, worker lost)."""

    reason = "transient"


class InputError(GovguideError):
    """The input file itself is bad: retrying cannot help; the file is quarantined."""

    reason = "bad input"


class UnsupportedFormatError(InputError):
    reason = "unsupported format"


class EmptyFileError(InputError):
    reason = "empty file"


class CorruptFileError(InputError):
    reason = "corrupt"


class EncryptedFileError(InputError):
    reason = "encrypted"


class NoTextLayerError(InputError):
    reason = "no text layer"


class UnsafeFileError(InputError):
    """Zip bombs, XML entity payloads, hostile names and links: refused before parsing."""

    reason = "unsafe"


class ResourceLimitError(InputError):
    """Extraction exceeded its per-file time or memory budget."""

    reason = "resource limit"


class ExtractorError(GovguideError):
    """A layout extractor was asked for by name but does not exist or does not fit."""

    reason = "extractor"


class PublishError(GovguideError):
    """A dataset version could not be written or validated."""

    reason = "publish"


class UsageError(GovguideError):
    """The command was given something it cannot work with (a missing folder, an output
    folder inside the input folder): nothing was read or written."""

    reason = "usage"


class NoInputsError(GovguideError):
    """The raw folder holds no input file."""

    reason = "no inputs"


class OutputNotWritableError(PublishError):
    """The output folder cannot be created or written."""

    reason = "not writable"


class PrefectUnreachableError(GovguideError):
    """PREFECT_API_URL names a Prefect API that does not answer."""

    reason = "prefect api"
