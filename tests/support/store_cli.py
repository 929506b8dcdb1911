"""Fixtures for tests that run the CLI against a fresh store with the fake extractor (ingest,
store): import them into a package's conftest."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tawthiq.settings import Settings, use_settings


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
