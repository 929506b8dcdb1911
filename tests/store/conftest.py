"""Store fixtures: a throwaway PostgreSQL server for the tests marked ``postgres``.

The server is started once per session (initdb + pg_ctl into a temporary directory, on a free
port of 127.0.0.1; see ``support.postgres``) and each test gets its own database on it. Missing
server binaries FAIL the test with the command that installs them, never skip it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest

from support.postgres import (
    PostgresCluster,
    PostgresUnavailable,
    new_database,
    postgres_cluster,
    store_at,
)
from support.store_cli import home, run_cli  # noqa: F401 - fixtures for CLI tests


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresCluster]:
    with contextlib.ExitStack() as stack:
        try:
            cluster = stack.enter_context(postgres_cluster())
        except PostgresUnavailable as exc:
            pytest.fail(str(exc), pytrace=False)
        yield cluster


@pytest.fixture
def postgres_url(postgres_server, tmp_path, monkeypatch) -> Iterator[str]:
    """A fresh, empty PostgreSQL database as this test's store."""
    with store_at(new_database(postgres_server), tmp_path / "home", monkeypatch) as url:
        yield url
