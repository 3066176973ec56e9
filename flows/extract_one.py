"""One extractor re-run ad hoc on one file, as a Prefect flow run.

``govguide extract FILE --flow [--extractor table]`` runs :func:`extract_one` once in
embedded Prefect; against a server, the ``adhoc`` deployment in ``prefect.yaml`` runs it on
a worker (``prefect deployment run govguide-extract/adhoc -p path=… -p extractor=table``).
The run is recorded like the nightly one: the extraction is a task (in a worker process with
the per-file time and memory limits) and the items are published as a Markdown artifact.
It reads the file only: nothing is cached or published, so forcing a layout to try it
never changes a dataset.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from govguide.core.models import ExtractionResult
from govguide.pipeline.single_file import extract_and_align

FLOW_NAME = "govguide-extract"


def items_markdown(result: ExtractionResult) -> str:
    """The items of one file as a Markdown table (the flow run's artifact)."""
    name = Path(result.source_file).name
    if not result.items:
        return f"# {name}\n\nNo items: {result.not_a_guide_reason or 'none found'}.\n"
    lines = [
        f"# {name}: {len(result.items)} items ({result.extractor})",
        "",
        "| # | 事项名称 | 法定 | 承诺 | materials | legal basis | canonical | review |",
        "|---:|---|---:|---:|---:|---:|---|---|",
    ]
    for n, item in enumerate(result.items, start=1):
        cells = [
            str(n),
            item.item_name,
            "" if item.legal_days is None else str(item.legal_days),
            "" if item.promised_days is None else str(item.promised_days),
            str(len(item.materials)),
            str(len(item.legal_basis)),
            item.canonical_name or "",
            "yes" if item.needs_review else "",
        ]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


@task(name="extract", task_run_name="extract {path}", cache_policy=NO_CACHE)
def extract_task(path: str, extractor: str | None, overrides: str | None) -> ExtractionResult:
    return extract_and_align(path, extractor, overrides)


@flow(name=FLOW_NAME, validate_parameters=False)
def extract_one(
    path: str, extractor: str | None = None, overrides: str | None = None
) -> ExtractionResult:
    """Extract one file (``extractor``: force a layout named in
    :data:`extractors.registry.LAYOUTS`) and align its items; the items table is posted as
    an artifact."""
    result = extract_task(path, extractor, overrides)
    create_markdown_artifact(
        markdown=items_markdown(result),
        key="govguide-extract",
        description=f"{Path(path).name}: {len(result.items)} items",
    )
    return result
