"""App-wide behaviour: security headers, the basemap setting, the original document view."""

from __future__ import annotations

from fastapi.testclient import TestClient
from tests.web.sample import MARKET_EN, WITNESS

from tawthiq.ingest.documents import sha256_hex
from tawthiq.settings import Settings
from tawthiq.web.app import content_security_policy, create_app


def test_security_headers(signed_in, sample):
    response = signed_in("viewer").client.get("/incidents")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "app;dur=" in response.headers["server-timing"]


def test_tile_url_enables_a_basemap(web_home, sample):
    tiles = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
    settings = Settings(home=web_home, tile_url=tiles)
    assert "img-src 'self' data: https://*.tiles.example.org" in content_security_policy(settings)
    client = TestClient(create_app(settings))
    csrf = client.get("/login").text.split('name="csrf-token" content="')[1].split('"')[0]
    client.post("/login", data={"username": "viewer", "password": "viewer-pass-1",
                                "csrf_token": csrf})
    assert f'data-tiles="{tiles}"' in client.get("/map").text


def test_offline_by_default(signed_in, sample):
    assert 'data-tiles=""' in signed_in("viewer").client.get("/map").text


def test_document_page_shows_hash_and_original_to_cleared_roles(signed_in, sample):
    digest = sha256_hex(MARKET_EN.encode("utf-8"))
    analyst = signed_in("analyst").client.get(f"/documents/{sample.market_document}").text
    assert "The original as ingested" in analyst and WITNESS in analyst
    viewer = signed_in("viewer").client.get(f"/documents/{sample.market_document}").text
    assert "The original as ingested" not in viewer
    assert f'<code class="hash">{digest}</code>' in viewer and digest in analyst


def test_unknown_incident_is_404(signed_in, sample):
    client = signed_in("viewer").client
    assert client.get("/incidents/999").status_code == 404
    assert client.get("/api/incidents/999").json()["error"] == "not_found"
