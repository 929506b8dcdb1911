"""Capture tables shared by the estimate tests (invented counts, or the shared Kosovo table)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import require_file
from tawthiq.estimate.captures import CaptureTable, read_captures


@pytest.fixture(scope="session")
def kosovo_path(shared_data: Path) -> Path:
    return require_file(shared_data / "mse" / "kosovo_aggregate.csv")


@pytest.fixture(scope="session")
def kosovo(kosovo_path: Path) -> CaptureTable:
    return read_captures(kosovo_path)["all"]

