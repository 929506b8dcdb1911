"""Fixtures shared by every test package (keep package-specific ones in tests/<pkg>/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tawthiq.settings import Settings, get_settings, use_settings


@pytest.fixture
def tmp_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh TAWTHIQ_HOME for this test, for the library and for subprocesses alike."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("TAWTHIQ_HOME", str(home))
    monkeypatch.delenv("TAWTHIQ_DATABASE_URL", raising=False)
    use_settings(Settings(home=home))
    yield home
    use_settings(None)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The shared data sets (TAWTHIQ_DATA, default ../shared/data). Missing data fails loudly."""
    path = get_settings().data
    if not path.is_dir():
        pytest.fail(f"shared data sets not found at {path}; set TAWTHIQ_DATA to ../shared/data")
    return path


def require_file(path: Path) -> Path:
    """Fail (never skip) when a data set file a test needs is missing."""
    if not path.is_file():
        pytest.fail(f"data set file missing: {path} (see ../shared/data/README.md)")
    return path
