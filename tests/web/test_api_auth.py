"""Every API endpoint: anonymous 401, too low a role 403, enough role served; CSRF on cookies."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tawthiq import api as facade
from tawthiq.model import IngestOutcome
from tawthiq.review.users import issue_api_token
from tawthiq.store.db import session_scope

ROLES = ["viewer", "analyst", "admin"]

# (method, path template) -> the lowest role allowed
MINIMUM = {
    ("GET", "/api/me"): "viewer",
    ("GET", "/api/incidents"): "viewer",
    ("GET", "/api/incidents/{incident_id}"): "viewer",
    ("GET", "/api/incidents/{incident_id}/history"): "viewer",
    ("GET", "/api/documents/{document_id}"): "viewer",
    ("GET", "/api/map"): "viewer",
    ("GET", "/api/timeline"): "viewer",
    ("GET", "/api/regions"): "viewer",
    ("GET", "/api/episodes/{episode_id}"): "viewer",
    ("GET", "/api/estimates"): "viewer",
    ("POST", "/api/token"): "viewer",
    ("PATCH", "/api/events/{event_id}"): "analyst",
    ("POST", "/api/events/{event_id}/status"): "analyst",
    ("POST", "/api/incidents/{incident_id}/status"): "analyst",
    ("POST", "/api/incidents/{incident_id}/title"): "analyst",
    ("POST", "/api/incidents/{incident_id}/merge"): "analyst",
    ("POST", "/api/incidents/{incident_id}/split"): "analyst",
    ("POST", "/api/ingest"): "analyst",
    ("GET", "/api/ingest/{job_id}"): "analyst",
    ("GET", "/api/users"): "admin",
    ("POST", "/api/users"): "admin",
    ("POST", "/api/users/{username}/disable"): "admin",
}


def fake_ingest(paths, **_kwargs):
    return [IngestOutcome(path=str(p), status="stored", document_id=1, events=1) for p in paths]


def request_for(method: str, template: str, sample, counter: list[int]) -> dict:
    """A concrete, valid request for an endpoint template."""
    path = (template.replace("{incident_id}", str(sample.market_incident))
            .replace("{document_id}", str(sample.market_document))
            .replace("{event_id}", str(sample.checkpoint_event))
            .replace("{job_id}", "0000")
            .replace("{episode_id}", "1")
            .replace("{username}", "viewer"))
    counter[0] += 1
    bodies = {
        "/api/events/{event_id}": {"field": "summary", "value": f"edit {counter[0]}"},
        "/api/events/{event_id}/status": {"status": "accepted"},
        "/api/incidents/{incident_id}/status": {"status": "accepted"},
        "/api/incidents/{incident_id}/title": {"title": f"Title {counter[0]}"},
        "/api/incidents/{incident_id}/merge": {"other": sample.checkpoint_incident},
        "/api/incidents/{incident_id}/split": {"event_ids": [sample.market_event_ar]},
        "/api/users": {"username": f"new{counter[0]}", "role": "viewer",
                       "password": "new-user-password"},
    }
    kwargs: dict = {}
    if template == "/api/ingest":
        kwargs["files"] = {"files": ("r.txt", b"Some report.", "text/plain")}
    elif method != "GET":
        kwargs["json"] = bodies.get(template, {})
    return {"method": method, "url": path, **kwargs}


def api_routes(app) -> set[tuple[str, str]]:
    """Every (method, path) of the OpenAPI schema (the pages are left out of it)."""
    return {(method.upper(), path) for path, item in app.openapi()["paths"].items()
            for method in item}


def test_the_table_covers_every_api_route(app):
    assert api_routes(app) == set(MINIMUM)


@pytest.fixture
def tokens(sample) -> dict[str, str]:
    with session_scope() as session:
        return {role: issue_api_token(session, role, by="test") for role in ROLES}


def test_every_endpoint_by_role(app, sample, tokens, monkeypatch):
    monkeypatch.setattr(facade, "ingest", fake_ingest)
    client = TestClient(app, follow_redirects=False)
    counter = [0]
    for (method, template), minimum in sorted(MINIMUM.items()):
        response = client.request(**request_for(method, template, sample, counter))
        assert response.status_code == 401, (method, template, "anonymous")
        assert response.json()["error"] == "http_error"
        for role in ROLES:
            headers = {"Authorization": f"Bearer {tokens[role]}"}
            response = client.request(**request_for(method, template, sample, counter),
                                      headers=headers)
            allowed = ROLES.index(role) >= ROLES.index(minimum)
            if allowed:
                assert response.status_code not in (401, 403), (method, template, role,
                                                                 response.text)
                assert response.status_code < 500, (method, template, role, response.text)
            else:
                assert response.status_code == 403, (method, template, role, response.text)
        if template == "/api/token":  # the tokens were just replaced: take the new ones
            with session_scope() as session:
                tokens.update({r: issue_api_token(session, r, by="test") for r in ROLES})


def test_wrong_token_is_401(app, sample):
    client = TestClient(app)
    response = client.get("/api/incidents", headers={"Authorization": "Bearer tq_nope"})
    assert response.status_code == 401


def test_cookie_requests_need_the_csrf_token(signed_in, sample):
    analyst = signed_in("analyst")
    url = f"/api/incidents/{sample.market_incident}/title"
    missing = analyst.client.post(url, json={"title": "No token"})
    assert missing.status_code == 403 and "CSRF" in missing.json()["message"]
    wrong = analyst.client.post(url, json={"title": "Wrong"}, headers={"X-CSRF-Token": "x"})
    assert wrong.status_code == 403
    right = analyst.json("POST", url, {"title": "With token"})
    assert right.status_code == 200 and right.json()["title"] == "With token"
    assert analyst.client.get("/api/me").json() == {"username": "analyst", "role": "analyst"}


def test_page_forms_need_the_csrf_token(signed_in, sample):
    analyst = signed_in("analyst")
    url = f"/incidents/{sample.market_incident}/status"
    assert analyst.client.post(url, data={"status": "accepted"}).status_code == 403
    assert analyst.post(url, {"status": "accepted"}).status_code == 303


def test_login_and_logout_need_the_csrf_token(app, sample):
    client = TestClient(app, follow_redirects=False)
    client.get("/login")
    response = client.post("/login", data={"username": "admin", "password": "admin-pass-1"})
    assert response.status_code == 403


def test_tokens_need_no_csrf(app, sample, tokens):
    client = TestClient(app)
    response = client.post(f"/api/incidents/{sample.market_incident}/title",
                           json={"title": "By script"},
                           headers={"Authorization": f"Bearer {tokens['analyst']}"})
    assert response.status_code == 200


def test_openapi_schema_is_served(app):
    schema = TestClient(app).get("/openapi.json").json()
    assert "/api/incidents" in schema["paths"] and "/api/map" in schema["paths"]
