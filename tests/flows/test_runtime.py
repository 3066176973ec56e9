"""Prefect's environment for embedded runs, the task runners and the nightly deployment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flows.runtime import configure_prefect, make_task_runner


@pytest.fixture(autouse=True)
def private_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    """configure_prefect writes os.environ: give each test its own copy."""
    monkeypatch.setattr(os, "environ", dict(os.environ))


def test_embedded_mode_keeps_prefect_home_in_the_state_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for var in (
        "PREFECT_API_URL",
        "PREFECT_HOME",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS",
        "PREFECT_LOGGING_LEVEL",
        "GOVGUIDE_STATE_DIR",
    ):
        os.environ.pop(var, None)
    os.environ["XDG_STATE_HOME"] = str(tmp_path / "state")
    monkeypatch.chdir(tmp_path)
    configure_prefect()
    assert os.environ["PREFECT_HOME"] == str(tmp_path / "state" / "govguide" / "prefect")
    assert not (tmp_path / ".prefect").exists()
    os.environ.pop("PREFECT_HOME")
    os.environ["GOVGUIDE_STATE_DIR"] = str(tmp_path / "gg")
    configure_prefect()
    assert os.environ["PREFECT_HOME"] == str(tmp_path / "gg" / "prefect")
    # Run logs reach the API at INFO; the terminal keeps warnings.
    assert os.environ["PREFECT_LOGGING_LEVEL"] == "INFO"
    assert os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] == "WARNING"
    assert os.environ["PREFECT_SERVER_ALLOW_EPHEMERAL_MODE"] == "true"
    assert int(os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"]) > 20


def test_a_configured_server_or_home_is_left_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    os.environ["PREFECT_API_URL"] = "http://prefect.example:4200/api"
    os.environ.pop("PREFECT_HOME", None)
    configure_prefect(tmp_path)
    assert "PREFECT_HOME" not in os.environ
    del os.environ["PREFECT_API_URL"]
    os.environ["PREFECT_HOME"] = "/somewhere/else"
    configure_prefect(tmp_path)
    assert os.environ["PREFECT_HOME"] == "/somewhere/else"


def test_task_runners() -> None:
    from prefect.task_runners import ThreadPoolTaskRunner

    DaskTaskRunner = pytest.importorskip("prefect_dask").DaskTaskRunner  # optional extra

    threads = make_task_runner(3)
    assert isinstance(threads, ThreadPoolTaskRunner) and threads._max_workers == 3
    remote = make_task_runner(dask_address="tcp://127.0.0.1:8786")
    assert isinstance(remote, DaskTaskRunner) and remote.address == "tcp://127.0.0.1:8786"
    local = make_task_runner(2, dask=True)
    assert isinstance(local, DaskTaskRunner) and local.cluster_kwargs["n_workers"] == 2
    # distributed sets its loggers to INFO when imported: they are set back to WARNING, and
    # the local cluster's worker processes get the same through the environment.
    import logging

    assert logging.getLogger("distributed").getEffectiveLevel() == logging.WARNING
    assert os.environ["DASK_LOGGING__DISTRIBUTED"] == "warning"


def test_nightly_deployment_runs_at_two_shanghai_time() -> None:
    from flows.deploy import build_deployment

    deployment = build_deployment(raw="in", out="out")
    (schedule,) = deployment.schedules
    assert schedule.schedule.cron == "0 2 * * *"
    assert schedule.schedule.timezone == "Asia/Shanghai"
    assert deployment.parameters == {"raw": "in", "out": "out", "sources": "data/sources.toml"}
    assert deployment.entrypoint.endswith("flows/nightly.py:nightly")
    assert build_deployment(sources=None).parameters["sources"] is None


def test_prefect_yaml_deployments_point_at_the_flows() -> None:
    import importlib

    import yaml
    from prefect import Flow

    from flows.deploy import NIGHTLY_CRON, TIMEZONE

    root = Path(__file__).resolve().parents[2]
    spec = yaml.safe_load((root / "prefect.yaml").read_text(encoding="utf-8"))
    found = {}
    for d in spec["deployments"]:
        path, name = d["entrypoint"].split(":")
        assert (root / path).is_file(), path
        module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
        assert isinstance(getattr(module, name), Flow)
        found[d["name"]] = (getattr(module, name).name, d.get("schedules"))
    assert found["nightly"][0] == "govguide-nightly"
    assert found["nightly"][1] == [{"cron": NIGHTLY_CRON, "timezone": TIMEZONE, "active": True}]
    assert found["adhoc"] == ("govguide-extract", None)
