"""Users: roles, argon2 password hashes, API tokens for scripts (the web app, the JSON API
and ``tawthiq users`` all manage them through these functions).

Nothing is deleted: a user who leaves is disabled, so the audit log keeps meaning who did what.
API tokens are random (256 bits), shown once, and stored as their SHA-256 (a slow hash adds
nothing to a secret that long, and a fast one lets the token be looked up by its hash).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tawthiq.errors import BadInput, NotFound
from tawthiq.review.audit import record
from tawthiq.review.roles import ROLE_RANK, ROLES, CurrentUser
from tawthiq.review.sessions import checked, end_sessions_of
from tawthiq.store.db import session_scope
from tawthiq.store.tables import UserRow

TOKEN_PREFIX = "tq_"
# These accounts open witness names: length is what makes a password hard to guess
# (NIST SP 800-63B asks for at least 8 characters, 15 when the password is the only factor).
MIN_PASSWORD_CHARS = 12

_hasher = PasswordHasher()
# Verifying against this keeps a login for an unknown user as slow as for a known one.
_DUMMY_HASH = _hasher.hash("not a password")


def _check_username(username: str) -> str:
    name = (username or "").strip()
    if not name or len(name) > 128 or any(c.isspace() for c in name):
        raise BadInput(f"invalid username {username!r}: 1-128 characters, no spaces",
                       field="username")
    return name


def _check_password(password: str) -> None:
    if not password:
        raise BadInput("empty password", field="password")
    if len(password) < MIN_PASSWORD_CHARS:
        raise BadInput(f"too short: at least {MIN_PASSWORD_CHARS} characters (a passphrase "
                       "of a few words is easy to remember)", field="password")


def _check_role(role: str) -> str:
    if role not in ROLE_RANK:
        raise BadInput(f"unknown role {role!r}; expected one of {', '.join(ROLES)}", field="role")
    return role


def _audit(session: Session, actor: str, action: str, user: UserRow, field: str | None = None,
           before=None, after=None) -> None:
    record(session, actor, action, "user", user.id, field, before, after)


def record_login(session: Session, user: CurrentUser) -> None:
    """The audit entry of a successful sign-in."""
    record(session, user.username, "login", "user", user.id)


def add_user_in(session: Session, username: str, role: str, password: str, *,
                by: str = "system:cli") -> UserRow:
    name = _check_username(username)
    _check_role(role)
    _check_password(password)
    # "Admin" and "admin" would be two accounts a reader takes for one (migration
    # 0011_hard_username_case keeps it so in the database too).
    taken = session.scalar(select(UserRow.username)
                           .where(func.lower(UserRow.username) == name.lower()))
    if taken is not None:
        raise BadInput(f"user {taken!r} already exists", field="username")
    user = UserRow(username=name, role=role, password_hash=_hasher.hash(password))
    session.add(user)
    session.flush()
    _audit(session, by, "add", user, "role", None, role)
    return user


def add_user(username: str, role: str, password: str) -> None:
    """Create a user; BadInput on an unknown role, a duplicate username or an empty password."""
    with session_scope() as session:
        add_user_in(session, username, role, password)


def user_dict(user: UserRow) -> dict:
    return {"username": user.username, "role": user.role, "disabled": bool(user.disabled),
            "has_token": user.api_token_hash is not None,
            "created_at": user.created_at.isoformat() if user.created_at else None}


def list_users_in(session: Session) -> list[dict]:
    return [user_dict(u) for u in session.scalars(select(UserRow).order_by(UserRow.username))]


def list_users() -> list[dict]:
    with session_scope() as session:
        return list_users_in(session)


def _get(session: Session, username: str) -> UserRow:
    user = session.scalar(select(UserRow).where(UserRow.username == username))
    if user is None:
        raise NotFound(f"no user {username!r}", field="username")
    return user


def disable_user_in(session: Session, username: str, *, by: str = "system:cli") -> None:
    """Disable ``username`` on behalf of ``by``; nobody disables their own account (an admin
    locking themselves out; ``tawthiq users disable`` on the server still can)."""
    if by.lower() == username.strip().lower():
        raise BadInput("you cannot disable your own account", field="username")
    user = _get(session, username)
    if not user.disabled:
        user.disabled = True
        user.api_token_hash = None
        end_sessions_of(session, user.id, "disabled")
        _audit(session, by, "disable", user, "disabled", False, True)


def disable_user(username: str) -> None:
    """Disable a user (their sessions and API token end at once); NotFound if unknown."""
    with session_scope() as session:
        disable_user_in(session, username)


def authenticate(session: Session, username: str, password: str) -> CurrentUser | None:
    """The user when the password matches an enabled account, else None (no detail why)."""
    user = session.scalar(select(UserRow).where(UserRow.username == (username or "").strip()))
    if user is None:
        _verify(_DUMMY_HASH, password)
        return None
    if not _verify(user.password_hash, password) or user.disabled:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return CurrentUser(user.id, user.username, user.role)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return False


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_api_token(session: Session, username: str, *, by: str) -> str:
    """A new API token for ``username`` (replacing the old one); shown once, stored hashed."""
    user = _get(session, username)
    if user.disabled:
        raise BadInput(f"user {username!r} is disabled", field="username")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    had_token = user.api_token_hash is not None
    user.api_token_hash = token_hash(token)
    _audit(session, by, "token", user, "api_token", "set" if had_token else None, "set")
    return token


def user_by_token(session: Session, token: str) -> CurrentUser | None:
    """The enabled user holding API token ``token``, else None (remembered per process until a
    user or session changes: ``tawthiq.review.sessions.checked``)."""
    if not token or not token.startswith(TOKEN_PREFIX):
        return None
    hashed = token_hash(token)
    return checked.get(session, "token:" + hashed,  # type: ignore[return-value]
                       lambda: _token_holder(session, hashed))


def _token_holder(session: Session, hashed: str) -> tuple[CurrentUser, None] | None:
    user = session.scalar(select(UserRow).where(UserRow.api_token_hash == hashed))
    if user is None or user.disabled:
        return None
    return CurrentUser(user.id, user.username, user.role), None


def set_password(session: Session, username: str, password: str, *, by: str) -> None:
    _check_password(password)
    user = _get(session, username)
    user.password_hash = _hasher.hash(password)
    # Whoever may have learnt the old password may also hold a session or the token.
    end_sessions_of(session, user.id, "password changed")
    had_token = user.api_token_hash is not None
    user.api_token_hash = None
    _audit(session, by, "password", user, "password", None, "changed")
    if had_token:
        _audit(session, by, "token", user, "api_token", "set", None)


def ensure_admin(echo: Callable[[str], None] | None = print,
                 username: str = "admin") -> tuple[str, str | None]:
    """Create ``username`` as admin with a random password when no admin exists yet, print the
    login with ``echo``, and return (username, password); password is None (and nothing is
    printed but a hint) when an enabled admin already exists."""
    with session_scope() as session:
        admin = session.scalar(select(UserRow).where(UserRow.role == "admin",
                                                     UserRow.disabled.is_(False)))
        if admin is not None:
            if echo:
                echo(f"Admin user exists: {admin.username} (password lost? add another admin "
                     "with: tawthiq users add NAME --role admin)")
            return admin.username, None
        name = username
        taken = {u for u in session.scalars(select(UserRow.username))}
        while name in taken:
            name = f"{username}-{secrets.token_hex(2)}"
        password = secrets.token_urlsafe(12)
        add_user_in(session, name, "admin", password, by="system:setup")
    if echo:
        echo(f"Created admin user: {name}  password: {password}")
    return name, password
