"""The ``govguide`` command line. Thin: every command calls library functions and turns
govguide's own errors into one clear line on stderr and a non-zero exit."""

from __future__ import annotations

from typing import Annotated

import typer
import typer.core

from govguide.commands import bench, catalog, extract, fetch, pipeline, review, views

app = typer.Typer(
    name="govguide",
    help="Turn Chinese government service guides (办事指南) into clean, versioned, queryable data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each area of the pipeline keeps its commands in its own module with a ``register(app)``
# function, so the CLI stays a list of wirings (in the order ``--help`` lists them). The
# modules import their heavy libraries inside the commands, so loading them all is cheap.
_COMMAND_MODULES = (extract, catalog, pipeline, bench, fetch, review, views)


def _flag_type(self: typer.core.TyperOption, ctx: typer.core.click.Context) -> str | None:
    # Typer renders on/off flags as "--json <bool>", which reads as if they took a value
    # (and "--json true" is refused): flags show no type.
    if self.is_flag and not self.count:
        return None
    return _option_type(self, ctx)


_option_type = typer.core.TyperOption.display_type_rich
typer.core.TyperOption.display_type_rich = _flag_type  # type: ignore[method-assign]


def _print_version(value: bool) -> None:
    if value:
        from govguide import __version__

        typer.echo(f"govguide {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Turn Chinese government service guides (办事指南) into clean, versioned, queryable data."""


for _module in _COMMAND_MODULES:
    _module.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
