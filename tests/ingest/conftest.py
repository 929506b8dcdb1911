"""Shared fixtures for ingest tests: a fresh TAWTHIQ_HOME, the fake extractor, and helpers
to run the CLI in-process and to snapshot every table of the store."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from tawthiq.settings import Settings, use_settings
from tawthiq.store import session_scope
from tawthiq.store.tables import Base

HERE = Path(__file__).parent


@pytest.fixture
def home(tmp_home, monkeypatch) -> Path:
    """A fresh state directory with the fake extractor configured (in the environment, for
    the CLI's ``--home`` settings and for subprocesses, and in the in-process settings)."""
    monkeypatch.setenv("TAWTHIQ_EXTRACTOR", "support.fake_extractor:make")
    monkeypatch.delenv("TAWTHIQ_FAKE_DELAY", raising=False)
    monkeypatch.delenv("TAWTHIQ_MAX_FILE_MB", raising=False)
    use_settings(Settings(home=tmp_home))
    return tmp_home


@pytest.fixture
def run_cli(home, monkeypatch, capsys):
    """Run ``tawthiq ARGS`` in-process; returns (exit status, stdout, stderr)."""
    from tawthiq import cli

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["tawthiq", "--home", str(home), *map(str, args)])
        try:
            cli.main()
            status = 0
        except SystemExit as exc:
            status = exc.code if isinstance(exc.code, int) else 1
        out, err = capsys.readouterr()
        return status, out, err

    return run


def snapshot_store() -> dict[str, list[tuple]]:
    """Every row of every table, for before/after comparisons."""
    tables = {}
    with session_scope() as session:
        for table in Base.metadata.sorted_tables:
            rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
            tables[table.name] = [tuple(row) for row in rows]
    return tables


@pytest.fixture
def snapshot():
    return snapshot_store
