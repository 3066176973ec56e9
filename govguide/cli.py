"""The ``govguide`` command line. Thin: every command calls library functions and turns
govguide's own errors into one clear line on stderr and a non-zero exit."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="govguide",
    help="Turn Chinese government service guides (办事指南) into clean, versioned, queryable data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each area of the pipeline keeps its commands in its own module with a ``register(app)``
# function, so the CLI stays a list of wirings.
_COMMAND_MODULES = [
    "govguide.commands.extract",
    "govguide.commands.catalog",
    "govguide.commands.pipeline",
    "govguide.commands.bench",
    "govguide.commands.fetch",
    "govguide.commands.review",
    "govguide.commands.views",
]

for _name in _COMMAND_MODULES:
    try:
        _module = importlib.import_module(_name)
    except ModuleNotFoundError as exc:  # an area not installed yet must not break the others
        if exc.name != _name:
            raise
        continue
    _module.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
