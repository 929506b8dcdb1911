"""Fixtures of the geo tests: a gazetteer home built from the test's own small data."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.gazetteer_fixtures import build_home
from tawthiq.geo.service import Geocoder
from tawthiq.settings import Settings, use_settings


@pytest.fixture(scope="session")
def geo_home(tmp_path_factory) -> Path:
    return build_home(tmp_path_factory.mktemp("geo-home"), tmp_path_factory.mktemp("geo-src"))


@pytest.fixture(scope="session")
def geocoder(geo_home) -> Geocoder:
    return Geocoder(geo_home / "gazetteer.sqlite", geo_home / "gazetteer-world.sqlite")


@pytest.fixture()
def home_settings(geo_home):
    use_settings(Settings(home=geo_home))
    yield geo_home
    use_settings(None)
