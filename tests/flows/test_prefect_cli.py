"""Prefect's own CLI and ``prefect deploy`` against a local ``prefect server start``.

The FastAPI pin matters here: from FastAPI 0.151 an explicit ``null`` in a request body is
validated instead of taking the parameter's default, and Prefect's CLI sends ``limit: null``,
so every ``ls`` command and ``prefect deploy`` failed with HTTP 422.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.flows.prefect_server import PrefectServer, prefect_server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrefectServer]:
    with prefect_server(tmp_path_factory.mktemp("prefect-home")) as s:
        yield s


def test_prefect_deploy_registers_both_deployments_and_ls_lists_them(
    server: PrefectServer,
) -> None:
    pool = server.prefect("work-pool", "create", "govguide", "--type", "process")
    assert pool.returncode == 0, pool.stdout + pool.stderr
    deploy = server.prefect("--no-prompt", "deploy", "--all")
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr
    listed = server.prefect("deployment", "ls")
    assert listed.returncode == 0, listed.stdout + listed.stderr
    assert "govguide-nightly/nightly" in listed.stdout
    assert "govguide-extract/adhoc" in listed.stdout
    for command in (("flow-run", "ls"), ("artifact", "ls"), ("flow", "ls")):
        result = server.prefect(*command)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "422" not in result.stdout + result.stderr
