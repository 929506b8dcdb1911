"""Sessions live on the server (issue #13 item 3): signing out, a password change and disabling
a user end them, and a copied cookie or an API token stops working at once."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import event, select, update

from tawthiq import api
from tawthiq.review import sessions
from tawthiq.review.users import issue_api_token
from tawthiq.store.db import get_engine, session_scope
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


# --- The per-process memory of checked sign-ins (``sessions.checked``) ---------------------
# Each test first makes the app remember a sign-in, then ends it the way another process
# would - its own connection to the database, plain SQL, no Python of ours - and expects the
# very next request to be refused: the memory must follow the store's auth version.

def another_process(web_home, statement: str, *params) -> None:
    with contextlib.closing(sqlite3.connect(web_home / "tawthiq.db")) as other:
        other.execute(statement, params)
        other.commit()


def test_a_remembered_session_ends_when_another_process_signs_it_out(signed_in, web_home):
    viewer = signed_in("viewer")
    assert viewer.client.get("/api/me").status_code == 200  # now remembered
    another_process(web_home, "UPDATE web_sessions SET ended_at = CURRENT_TIMESTAMP, "
                              "ended_why = 'signed out'")
    assert viewer.client.get("/api/me").status_code == 401


def test_a_remembered_session_ends_when_another_process_disables_the_user(signed_in,
                                                                          web_home):
    viewer = signed_in("viewer")
    assert viewer.client.get("/incidents").status_code == 200
    another_process(web_home, "UPDATE users SET disabled = 1 WHERE username = ?", "viewer")
    assert viewer.client.get("/incidents").status_code == 303


def test_a_remembered_role_follows_a_change_in_another_process(signed_in, web_home):
    analyst = signed_in("analyst")
    assert analyst.client.get("/api/me").json()["role"] == "analyst"
    another_process(web_home, "UPDATE users SET role = 'viewer' WHERE username = ?", "analyst")
    assert analyst.client.get("/api/me").json()["role"] == "viewer"


def test_a_remembered_api_token_ends_when_another_process_removes_it(app, sample, web_home):
    with session_scope() as session:
        token = issue_api_token(session, "viewer", by="viewer")
    script = TestClient(app)
    bearer = {"Authorization": f"Bearer {token}"}
    assert script.get("/api/me", headers=bearer).status_code == 200
    another_process(web_home, "UPDATE users SET api_token_hash = NULL WHERE username = ?",
                    "viewer")
    assert script.get("/api/me", headers=bearer).status_code == 401


def test_a_remembered_session_still_ends_after_its_time(signed_in, monkeypatch):
    viewer = signed_in("viewer")
    assert viewer.client.get("/api/me").status_code == 200
    later = sessions.now() + timedelta(hours=sessions.SESSION_HOURS, seconds=1)
    monkeypatch.setattr(sessions, "now", lambda: later)
    assert viewer.client.get("/api/me").status_code == 401


def test_a_remembered_session_needs_no_query_of_its_own(signed_in, app):
    """The point of the memory: a request by a known session reads only the versions."""
    viewer = signed_in("viewer")
    assert viewer.client.get("/api/me").status_code == 200
    seen: list[str] = []
    engine = get_engine(app.state.settings.db_url)
    listen = (engine, "before_cursor_execute")

    def record(_conn, _cursor, statement, *_args) -> None:
        seen.append(statement)

    event.listen(*listen, record)
    try:
        assert viewer.client.get("/api/me").status_code == 200
    finally:
        event.remove(*listen, record)
    assert not [s for s in seen if "web_sessions" in s], seen
