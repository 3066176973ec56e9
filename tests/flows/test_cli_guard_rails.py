"""Guard rails and consistency of the command line: refused folders, exit statuses, help."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govguide.cli import app
from govguide.core.errors import OutputNotWritableError, UsageError
from tests.flows.conftest import SAMPLES, copy_samples
from tests.flows.prefect_server import run_cli

runner = CliRunner()


def _only_error_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    return lines[0]


def test_out_inside_raw_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    raw = copy_samples(tmp_path / "raw", ["gx_liujiang_yibao_bujiao_zhinan.docx"])
    before = sorted(p.relative_to(raw) for p in raw.rglob("*"))
    for out in (raw / "curated", raw):
        result = runner.invoke(app, ["run", "--raw", str(raw), "--out", str(out)])
        assert result.exit_code == 2
        line = _only_error_line(result.stderr)
        assert "is inside --raw" in line and line.endswith("[usage]")
    assert sorted(p.relative_to(raw) for p in raw.rglob("*")) == before


@pytest.mark.usefixtures("prefect_api")
def test_the_flow_itself_refuses_out_inside_raw(tmp_path: Path) -> None:
    # A deployment calls the flow without the command's checks.
    from flows.ingest import ingest

    raw = copy_samples(tmp_path / "raw", ["gx_liujiang_yibao_bujiao_zhinan.docx"])
    with pytest.raises(UsageError, match="is inside --raw"):
        ingest(raw=str(raw), out=str(raw / "samples" / "out"))
    assert not (raw / "samples" / "out").exists()


def test_unwritable_out_is_one_line_with_its_own_status(tmp_path: Path) -> None:
    raw = copy_samples(tmp_path / "raw", ["gx_liujiang_yibao_bujiao_zhinan.docx"])
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = runner.invoke(app, ["run", "--raw", str(raw), "--out", str(blocker / "curated")])
    assert result.exit_code == 6
    line = _only_error_line(result.stderr)
    assert "cannot write there" in line and line.endswith(f"[{OutputNotWritableError.reason}]")


def test_extract_of_a_folder_says_so(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(SAMPLES)])
    assert result.exit_code == 2
    assert "is a folder" in _only_error_line(result.stderr)


def test_forcing_a_poorly_fitting_layout_warns_with_the_fit() -> None:
    result = runner.invoke(app, ["extract", str(SAMPLES / "gx_list_yibao_jingban.pdf"), "-e", "form"])
    assert result.exit_code == 0, result.output
    [warning] = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert "layout 'form' fits" in warning and "'table'" in warning
    fitting = runner.invoke(app, ["extract", str(SAMPLES / "gx_list_yibao_jingban.pdf"), "-e", "table"])
    assert fitting.exit_code == 0
    assert "warning:" not in fitting.stderr


def test_extract_help_lists_the_registered_layouts(monkeypatch: pytest.MonkeyPatch) -> None:
    import extractors.registry as registry

    class Leaflets:
        name = "leaflets"
        description = "folded leaflets, one item per panel"

    # The list is made from the registry when the help is shown: a new layout appears in it.
    monkeypatch.setitem(registry.LAYOUTS, Leaflets.name, Leaflets)  # type: ignore[arg-type]
    shown = runner.invoke(app, ["extract", "--help"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    listed = {
        words[0]: " ".join(words[1:])
        for line in shown.stdout.split("Layouts:")[1].split("╭")[0].splitlines()
        if (words := line.split())
    }
    assert listed == {name: layout.description for name, layout in registry.LAYOUTS.items()}
    assert "leaflets" in listed


def test_extract_with_an_unknown_layout_names_the_known_ones() -> None:
    result = runner.invoke(app, ["extract", str(SAMPLES / "gx_list_yibao_jingban.pdf"), "-e", "nope"])
    assert result.exit_code == 2
    line = _only_error_line(result.stderr)
    assert line == "error: unknown layout 'nope' (known: fields, form, sections, table) [usage]"


def test_version_and_flags_in_help() -> None:
    import govguide

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"govguide {govguide.__version__}"
    # Flags take no value, and the help does not suggest one.
    for command in ("run", "serve", "extract"):
        shown = runner.invoke(app, [command, "--help"], env={"COLUMNS": "120"})
        assert shown.exit_code == 0
        assert "<bool>" not in shown.stdout, shown.stdout
    serve_help = runner.invoke(app, ["serve", "--help"], env={"COLUMNS": "200"}).stdout
    for option in ("--workers", "--overrides", "--lock-timeout"):
        assert option in serve_help
    assert "embedded" in serve_help


def test_piped_table_is_not_squeezed_to_80_columns() -> None:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    result = run_cli("govguide.cli", "catalog", env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) > 80


def test_an_unreachable_prefect_server_is_one_line(tmp_path: Path) -> None:
    from tests.flows.prefect_server import free_port

    raw = copy_samples(tmp_path / "raw", ["gx_liujiang_yibao_bujiao_zhinan.docx"])
    url = f"http://127.0.0.1:{free_port()}/api"  # nothing listens there
    for args in (
        ["run", "--raw", str(raw), "--out", str(tmp_path / "out")],
        ["extract", str(SAMPLES / "gx_liujiang_yibao_bujiao_zhinan.docx"), "--flow"],
    ):
        result = runner.invoke(app, args, env={"PREFECT_API_URL": url})
        assert result.exit_code == 7, result.output
        line = _only_error_line(result.stderr)
        assert f"no Prefect API answers at PREFECT_API_URL={url}" in line
