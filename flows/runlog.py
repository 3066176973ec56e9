"""How runs log: every step at INFO to the orchestrator and a log file, one clear line to a person.

Prefect's run loggers are at INFO (:func:`flows.runtime.configure_prefect`), so each step's
counts reach the Prefect API and show in the UI. Prefect's console handler prints WARNING and
above only (``PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL``, inherited by the processes a served
deployment starts). In a ``govguide`` command, :func:`route_console` also keeps a failed flow
or task run's ERROR lines and tracebacks off the terminal, because the command reports the
failure itself in one ``error:`` line; the full record goes to the log file
(:func:`log_file`) and to the Prefect API.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

# Libraries whose INFO lines (cluster start-up, HTTP requests, server access logs) would bury
# the run report on a terminal.
THIRD_PARTY = (
    "distributed",
    "dask",
    "httpx",
    "httpcore",
    "urllib3",
    "asyncio",
    "uvicorn",
    "uvicorn.access",
    "uvicorn.error",
    "fastapi",
    "docket",
    "websockets",
    "alembic",
    "aiosqlite",
    "jieba",
)

FORMAT = "%(asctime)s %(levelname)-7s %(name)s - %(message)s"


def quiet_third_party(level: int = logging.WARNING) -> None:
    """Third-party loggers at ``level`` (WARNING): their warnings still show."""
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
    for name in THIRD_PARTY:
        logging.getLogger(name).setLevel(level)


def state_dir() -> Path:
    """Where govguide keeps its own state outside a dataset: Prefect's embedded database and
    the log file. ``GOVGUIDE_STATE_DIR``, else ``$XDG_STATE_HOME/govguide``, else
    ``~/.local/state/govguide``: one place, whatever directory a command runs from."""
    explicit = os.environ.get("GOVGUIDE_STATE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_STATE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "state") / "govguide"


def log_file() -> Path:
    """The log file of govguide commands (``GOVGUIDE_LOG_FILE``, default <state dir>/govguide.log)."""
    explicit = os.environ.get("GOVGUIDE_LOG_FILE")
    return Path(explicit) if explicit else state_dir() / "govguide.log"


class _ConsoleFilter(logging.Filter):
    """Keeps Prefect's ERROR records of a failed run (with their tracebacks) off the
    terminal: the command prints the failure itself, or the exception if unexpected. Also
    Prefect's notice that its background senders are still draining at exit (a short run
    that fails fast ends before they do; nothing is lost)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR and record.name.startswith("prefect"):
            return False
        return not str(record.msg).startswith("Still processing items")


_handlers: dict[Path, logging.Handler | None] = {}


def _file_handler(path: Path) -> logging.Handler | None:
    """One rotating handler per log file for the process (None when it cannot be written:
    the console still works)."""
    if path not in _handlers:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler: logging.Handler | None = logging.handlers.RotatingFileHandler(
                path, maxBytes=5 * 1024 * 1024, backupCount=3, encoding="utf-8"
            )
        except OSError:
            handler = None
        if handler is not None:
            handler.setLevel(logging.INFO)
            handler.setFormatter(logging.Formatter(FORMAT))
        _handlers[path] = handler
    return _handlers[path]


def details_logger() -> logging.Logger:
    """The logger of what a command does not print: the traceback behind an ``error:``
    line. It writes to the log file only."""
    logger = logging.getLogger("govguide.details")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    handler = _file_handler(log_file())
    if handler is not None and handler not in logger.handlers:
        logger.addHandler(handler)
    return logger


def route_console() -> Path | None:
    """Filter the console handlers of the root logger and add the log file (INFO and up).
    Call after Prefect has configured logging (that is, after importing ``prefect``).
    Returns the log file, or None when it cannot be written."""
    quiet_third_party()
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.StreamHandler) and not isinstance(
            handler, logging.FileHandler
        ):
            if not any(isinstance(f, _ConsoleFilter) for f in handler.filters):
                handler.addFilter(_ConsoleFilter())
    path = log_file()
    handler = _file_handler(path)
    if handler is None:
        return None
    if handler not in root.handlers:
        root.addHandler(handler)
    return path


def announce(message: str) -> None:
    """One line for the operator's terminal, whatever the console level: ``govguide serve``
    shows each scheduled run this way (the run's process writes to serve's terminal)."""
    logger = logging.getLogger("govguide.announce")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%Y-%m-%d %H:%M:%S"))
        logger.addHandler(handler)
        logger.propagate = False
        logger.setLevel(logging.INFO)
    logger.info(message)
