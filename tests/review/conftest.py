"""A home holding the web tests' small sample store (invented reports and users)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.web.sample import Sample, populate

from tawthiq.settings import Settings, use_settings
from tawthiq.store.db import session_scope


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Sample:
    monkeypatch.delenv("TAWTHIQ_DATABASE_URL", raising=False)
    settings = Settings(home=tmp_path / "home")
    use_settings(settings)
    with session_scope(settings.db_url) as session:
        made = populate(session)
    yield made
    use_settings(None)
