"""Sign-in: cookies, rate limiting, safe redirects, disabled accounts, pages by role."""

from __future__ import annotations

from fastapi.testclient import TestClient
from tests.web.conftest import Browserish

from tawthiq import api


def test_pages_redirect_anonymous_users_to_login(app, sample):
    client = TestClient(app, follow_redirects=False)
    for url in ("/incidents", f"/incidents/{sample.market_incident}", "/map", "/timeline",
                f"/documents/{sample.market_document}", "/ingest", "/users", "/account"):
        response = client.get(url)
        assert response.status_code == 303 and response.headers["location"].startswith(
            "/login?next="), url
    assert client.post(f"/events/{sample.market_event}/edit").status_code == 401


def test_session_cookie_is_httponly_and_samesite(app, sample):
    client = Browserish(app)
    response = client.login("viewer")
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and response.status_code == 303


def test_wrong_password_then_rate_limited(app, sample):
    client = Browserish(app)
    for _ in range(5):
        response = client.login("viewer", "wrong")
        assert response.status_code == 401
    limited = client.login("viewer")  # even the right password waits now
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
    other = Browserish(app).login("analyst")
    assert other.status_code == 303


def test_login_redirects_only_within_the_site(app, sample):
    client = Browserish(app)
    response = client.client.post("/login", data={
        "username": "viewer", "password": "viewer-pass-1", "csrf_token": client.csrf,
        "next": "//evil.example/x"})
    assert response.headers["location"] == "/"


def test_a_disabled_user_is_signed_out_at_once(signed_in, sample):
    viewer = signed_in("viewer")
    assert viewer.client.get("/incidents").status_code == 200
    api.disable_user("viewer")
    assert viewer.client.get("/incidents").status_code == 303
    assert viewer.client.get("/api/incidents").status_code == 401


def test_roles_on_pages(signed_in, sample):
    viewer, analyst, admin = signed_in("viewer"), signed_in("analyst"), signed_in("admin")
    assert viewer.client.get("/ingest").status_code == 403
    assert analyst.client.get("/ingest").status_code == 200
    assert analyst.client.get("/users").status_code == 403
    assert admin.client.get("/users").status_code == 200
    assert viewer.post("/users", {"username": "x", "role": "admin",
                                  "password": "p"}).status_code == 403
    assert admin.post("/users", {"username": "newbie", "role": "viewer",
                                 "password": "newbie-password"}).status_code == 303
    assert admin.post("/users/newbie/disable").status_code == 303
    assert admin.post("/users/admin/disable").status_code == 400
    assert "Ingest" not in viewer.client.get("/incidents").text


def test_logout_ends_the_session(signed_in, sample):
    viewer = signed_in("viewer")
    assert viewer.post("/logout").status_code == 303
    assert viewer.client.get("/incidents").status_code == 303


def test_account_page_creates_a_token_for_scripts(signed_in, sample, app):
    viewer = signed_in("viewer")
    page = viewer.post("/account/token").text
    token = page.split('id="token">')[1].split("<")[0]
    script = TestClient(app)
    assert script.get("/api/me", headers={"Authorization": f"Bearer {token}"}).json() == {
        "username": "viewer", "role": "viewer"}


def test_a_password_change_ends_every_session_opened_with_the_old_one(signed_in, sample):
    first, second = signed_in("viewer"), signed_in("viewer")
    assert first.client.get("/incidents").status_code == 200
    api.set_password("viewer", "a-new-viewer-pass-2")
    for client in (first, second):
        assert client.client.get("/incidents").status_code == 303
        assert client.client.get("/api/incidents").status_code == 401
    again = Browserish(first.client.app)
    assert again.login("viewer", "a-new-viewer-pass-2").status_code == 303
    assert again.client.get("/incidents").status_code == 200


def test_secure_cookies_behind_tls(sample, web_home):
    from tawthiq.settings import Settings
    from tawthiq.web.app import create_app

    client = Browserish(create_app(Settings(home=web_home, secure_cookies=True)))
    client.client.base_url = "https://testserver"
    response = client.login("viewer")
    assert "secure" in response.headers["set-cookie"].lower()
