"""Sessions live on the server (issue #13 item 3): signing out, a password change and disabling
a user end them, and a copied cookie or an API token stops working at once."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from tawthiq import api
from tawthiq.review import sessions
from tawthiq.review.users import issue_api_token
from tawthiq.store.db import session_scope
from tawthiq.store.tables import WebSessionRow


def copy_of(client: TestClient, app) -> TestClient:
    """Another browser holding the same cookies (as someone who copied them would)."""
    thief = TestClient(app, follow_redirects=False)
    thief.cookies.update(dict(client.cookies))
    return thief


def test_a_copied_cookie_stops_working_after_logout(signed_in, app, sample):
    viewer = signed_in("viewer")
    thief = copy_of(viewer.client, app)
    assert thief.get("/incidents").status_code == 200
    assert viewer.post("/logout").status_code == 303
    assert thief.get("/incidents").status_code == 303
    assert thief.get("/api/me").status_code == 401


def test_a_password_change_ends_sessions_and_api_tokens(signed_in, app, sample):
    viewer = signed_in("viewer")
    with session_scope() as session:
        token = issue_api_token(session, "viewer", by="viewer")
    script = TestClient(app)
    bearer = {"Authorization": f"Bearer {token}"}
    assert script.get("/api/me", headers=bearer).status_code == 200
    api.set_password("viewer", "a-brand-new-viewer-pass")
    assert script.get("/api/me", headers=bearer).status_code == 401
    assert viewer.client.get("/incidents").status_code == 303


def test_disabling_a_user_ends_their_sessions_in_the_store(signed_in, sample):
    signed_in("viewer")
    api.disable_user("viewer")
    with session_scope() as session:
        rows = session.scalars(select(WebSessionRow)).all()
        viewer_rows = [r for r in rows if r.ended_why == "disabled"]
        assert viewer_rows and all(r.ended_at is not None for r in viewer_rows)


def test_a_session_ends_after_its_time(signed_in, sample):
    viewer = signed_in("viewer")
    with session_scope() as session:
        session.execute(update(WebSessionRow).values(
            expires_at=sessions.now() - timedelta(seconds=1)))
    assert viewer.client.get("/incidents").status_code == 303


def test_the_cookie_holds_no_user_data(signed_in, sample):
    """Only a random key: the user, role and CSRF token stay on the server."""
    viewer = signed_in("viewer")
    value = viewer.client.cookies.get("tawthiq_session")
    assert value and len(value) >= 40 and "." not in value
    with session_scope() as session:
        stored = session.scalars(select(WebSessionRow.id)).all()
    assert value not in stored  # stored hashed, so a copy of the database opens no session
