"""Fixtures for victim-list tests: the shipped sample lists imported into a fresh home."""

from __future__ import annotations

from pathlib import Path

import pytest

from tawthiq.settings import PROJECT_ROOT
from tawthiq.victims.store import import_list

SAMPLES = PROJECT_ROOT / "src" / "tawthiq" / "samples"
KEEPERS = ("monitor", "ministry", "committee")


def sample_list(keeper: str) -> Path:
    return SAMPLES / f"victims-{keeper}.csv"


@pytest.fixture
def imported(tmp_home: Path) -> Path:
    """The three sample lists imported (relinked after each) into ``tmp_home``."""
    for keeper in KEEPERS:
        import_list(sample_list(keeper), list_name=keeper)
    return tmp_home
