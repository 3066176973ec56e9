"""``govguide review``: list the items awaiting an alignment decision and record one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from govguide.core.errors import GovguideError

_err = Console(stderr=True, soft_wrap=True)

review_app = typer.Typer(
    name="review",
    help="List items awaiting an alignment decision; accept, set or reject their mapping.",
    no_args_is_help=True,
)

OutOpt = Annotated[Path, typer.Option("--out", help="Folder of published dataset versions.")]
OverridesOpt = Annotated[
    Path | None,
    typer.Option(
        "--overrides",
        help="The overrides file (default: GOVGUIDE_OVERRIDES, else reference/overrides.csv "
        "beside --out).",
    ),
]
ReviewerOpt = Annotated[str, typer.Option("--reviewer", help="Who decided.")]
NoteOpt = Annotated[str, typer.Option("--note", help="Why.")]
ItemArg = Annotated[str, typer.Argument(help="The item id (see `govguide review list`).")]


def _fail(exc: GovguideError) -> typer.Exit:
    _err.print(f"error: {exc} [{exc.reason}]", markup=False)
    return typer.Exit(1)


@review_app.command("list")
def list_pending(out: OutOpt = Path("data/curated"), overrides: OverridesOpt = None) -> None:
    """Items of the latest version awaiting a decision, one per item id."""
    from govguide.pipeline.decisions import pending

    try:
        items = pending(out, overrides)
    except GovguideError as exc:
        raise _fail(exc) from None
    if not items:
        _err.print("nothing to review")
        return
    table = Table(title=f"{len(items)} items to review")
    for col in ("item id", "place", "item", "proposed", "score", "reason", "files"):
        table.add_column(col, overflow="fold")
    for p in items:
        table.add_row(
            p.item_id,
            " ".join(x for x in (p.province, p.region) if x),
            p.item_name,
            f"{p.proposed_id} {p.proposed_name}" if p.proposed_id else "-",
            "-" if p.match_score is None else f"{p.match_score:.1f}",
            p.reason or "",
            ", ".join(p.source_files),
        )
    console = Console()
    (console if console.is_terminal else Console(width=200)).print(table)


def _decide(out: Path, item_id: str, action: str, target: str | None, **kw: object) -> None:
    from govguide.pipeline.decisions import decide

    try:
        decision, path = decide(out, item_id, action, target, **kw)  # type: ignore[arg-type]
    except GovguideError as exc:
        raise _fail(exc) from None
    what = decision.canonical_id or "none"
    _err.print(f"{item_id} → {what}, recorded in {path}; applied by the next run", markup=False)


def _decision_command(action: str, doc: str) -> Callable[..., None]:
    """A command recording ``action`` (accept / none) for one item."""

    def command(
        item_id: ItemArg,
        out: OutOpt = Path("data/curated"),
        overrides: OverridesOpt = None,
        reviewer: ReviewerOpt = "",
        note: NoteOpt = "",
    ) -> None:
        _decide(out, item_id, action, None, overrides=overrides, reviewer=reviewer, note=note)

    command.__doc__ = doc
    return command


review_app.command("accept")(
    _decision_command("accept", "Confirm the proposed catalog item of ITEM_ID.")
)
review_app.command("none")(
    _decision_command("none", "Record that ITEM_ID matches no catalog item (a local service).")
)


@review_app.command("set")
def set_item(
    item_id: ItemArg,
    catalog_id: Annotated[str, typer.Argument(help="A catalog id (see `govguide catalog`).")],
    out: OutOpt = Path("data/curated"),
    overrides: OverridesOpt = None,
    reviewer: ReviewerOpt = "",
    note: NoteOpt = "",
) -> None:
    """Map ITEM_ID to CATALOG_ID."""
    _decide(out, item_id, "set", catalog_id, overrides=overrides, reviewer=reviewer, note=note)


def register(app: typer.Typer) -> None:
    app.add_typer(review_app)
