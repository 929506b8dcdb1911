"""Shared fixtures for ingest tests: a fresh TAWTHIQ_HOME, the fake extractor, and helpers
to run the CLI in-process and to snapshot every table of the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.snapshots import snapshot_store
from support.store_cli import home, run_cli  # noqa: F401 - fixtures

HERE = Path(__file__).parent


@pytest.fixture
def snapshot():
    return snapshot_store
