"""Web fixtures: a store with the sample reports and users, the app, signed-in clients."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.web.sample import PASSWORDS, Sample, populate

from tawthiq.settings import Settings, use_settings
from tawthiq.store.db import get_engine, session_scope
from tawthiq.web.app import create_app

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


@pytest.fixture
def web_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("TAWTHIQ_HOME", str(home))
    monkeypatch.delenv("TAWTHIQ_DATABASE_URL", raising=False)
    monkeypatch.delenv("TAWTHIQ_TILE_URL", raising=False)
    use_settings(Settings(home=home))
    yield home
    use_settings(None)


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory) -> tuple[Path, Sample]:
    """The sample written once (migrations and argon2 hashing are slow); tests get copies."""
    home = tmp_path_factory.mktemp("sample-home")
    settings = Settings(home=home)
    with session_scope(settings.db_url) as session:
        sample = populate(session)
    engine = get_engine(settings.db_url)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return home / "tawthiq.db", sample


@pytest.fixture
def sample(web_home: Path, sample_store: tuple[Path, Sample]) -> Sample:
    database, sample = sample_store
    shutil.copyfile(database, web_home / "tawthiq.db")
    return sample


@pytest.fixture
def app(sample: Sample, web_home: Path):
    made = create_app(Settings(home=web_home))
    yield made
    made.state.jobs.close()  # the ingest worker process, if an upload started one


def csrf_of(html: str) -> str:
    match = CSRF_META.search(html)
    assert match, "page has no CSRF meta tag"
    return match.group(1)


class Browserish:
    """A TestClient with the CSRF token of its session at hand."""

    def __init__(self, app) -> None:
        self.client = TestClient(app, follow_redirects=False)
        self.csrf = csrf_of(self.client.get("/login").text)

    def login(self, username: str, password: str | None = None):
        response = self.client.post("/login", data={
            "username": username, "password": password or PASSWORDS[username],
            "csrf_token": self.csrf, "next": "/incidents"})
        # A new session after login: read its CSRF token from a page.
        page = self.client.get("/incidents")
        if page.status_code == 200:
            self.csrf = csrf_of(page.text)
        return response

    def post(self, url: str, data: dict | None = None, **kwargs):
        return self.client.post(url, data={"csrf_token": self.csrf, **(data or {})}, **kwargs)

    def json(self, method: str, url: str, body=None):
        return self.client.request(method, url, json=body, headers={"X-CSRF-Token": self.csrf})


@pytest.fixture
def signed_in(app):
    """``signed_in("viewer")``: a client signed in with that sample user."""
    def make(username: str) -> Browserish:
        client = Browserish(app)
        response = client.login(username)
        assert response.status_code == 303, response.text
        return client

    return make
