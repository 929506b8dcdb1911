"""Users: argon2 hashes, roles, disabling, API tokens, the first admin."""

import pytest

from tawthiq import api
from tawthiq.errors import BadInput, NotFound
from tawthiq.review.users import authenticate, ensure_admin, issue_api_token, user_by_token
from tawthiq.store.db import session_scope
from tawthiq.store.tables import UserRow


def test_add_list_disable(web_home):
    api.add_user("nadia", "analyst", "s3cret-passphrase")
    api.add_user("omar", "viewer", "another-pass")
    users = {u["username"]: u for u in api.list_users()}
    assert users["nadia"]["role"] == "analyst" and not users["nadia"]["disabled"]
    api.disable_user("omar")
    assert {u["username"]: u["disabled"] for u in api.list_users()}["omar"] is True
    with session_scope() as session:
        stored = session.query(UserRow).filter_by(username="nadia").one()
        assert stored.password_hash.startswith("$argon2") and "s3cret" not in stored.password_hash


@pytest.mark.parametrize(("name", "role", "password", "field"), [
    ("x", "superuser", "pw", "role"),
    ("x", "viewer", "", "password"),
    ("x", "viewer", "eleven-char", "password"),
    ("", "viewer", "pw", "username"),
    ("two words", "viewer", "pw", "username"),
])
def test_bad_users_are_refused(web_home, name, role, password, field):
    with pytest.raises(BadInput) as error:
        api.add_user(name, role, password)
    assert error.value.field == field


def test_duplicate_user_and_unknown_user(web_home):
    api.add_user("nadia", "viewer", "first-password")
    with pytest.raises(BadInput, match="already exists"):
        api.add_user("nadia", "admin", "second-password")
    with pytest.raises(NotFound):
        api.disable_user("nobody")


def test_authenticate_and_disabled_users(web_home):
    api.add_user("nadia", "analyst", "right-password")
    with session_scope() as session:
        assert authenticate(session, "nadia", "right-password").role == "analyst"
        assert authenticate(session, "nadia", "wrong-password") is None
        assert authenticate(session, "ghost", "right-password") is None
    api.disable_user("nadia")
    with session_scope() as session:
        assert authenticate(session, "nadia", "right-password") is None


def test_api_token_is_stored_hashed_and_stops_when_disabled(web_home):
    api.add_user("script", "viewer", "script-password")
    with session_scope() as session:
        token = issue_api_token(session, "script", by="admin")
        row = session.query(UserRow).filter_by(username="script").one()
        assert token not in (row.api_token_hash or "") and row.api_token_hash
        assert user_by_token(session, token).username == "script"
        assert user_by_token(session, token + "x") is None
    api.disable_user("script")
    with session_scope() as session:
        assert user_by_token(session, token) is None


def test_ensure_admin_creates_one_admin_once(web_home):
    printed = []
    name, password = ensure_admin(printed.append)
    assert password and name == "admin" and password in printed[0]
    with session_scope() as session:
        assert authenticate(session, name, password).role == "admin"
    again = ensure_admin(printed.append)
    assert again == ("admin", None)
