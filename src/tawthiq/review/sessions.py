"""Signed-in sessions, kept on the server so that they can be ended.

The browser holds a random key (256 bits); the store holds the key's SHA-256 with the user, the
session's CSRF token and its end. A copied cookie is therefore only as good as the session it
names: signing out ends that session, a password change or disabling the user ends all of
theirs (and their API token), and every session ends ``SESSION_HOURS`` after it was opened.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tawthiq.review.roles import CurrentUser
from tawthiq.store.tables import UserRow, WebSessionRow

SESSION_HOURS = 12


def now() -> datetime:
    return datetime.now(UTC)


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SignedIn:
    """A live session: whose it is and the CSRF token its forms must carry."""

    user: CurrentUser
    csrf: str


def open_session(session: Session, user: CurrentUser) -> str:
    """A new session for ``user``; returns the key for the cookie (never stored as such)."""
    key = secrets.token_urlsafe(32)
    opened = now()
    session.add(WebSessionRow(id=_key_hash(key), user_id=user.id,
                              csrf=secrets.token_urlsafe(32), created_at=opened,
                              expires_at=opened + timedelta(hours=SESSION_HOURS)))
    return key


def session_for(session: Session, key: str | None) -> SignedIn | None:
    """The live session under ``key`` with its enabled user, else None."""
    if not key:
        return None
    row = session.execute(
        select(WebSessionRow.csrf, WebSessionRow.expires_at, UserRow.id, UserRow.username,
               UserRow.role)
        .join(UserRow, UserRow.id == WebSessionRow.user_id)
        .where(WebSessionRow.id == _key_hash(key), WebSessionRow.ended_at.is_(None),
               UserRow.disabled.is_(False))).first()
    if row is None or _aware(row.expires_at) <= now():
        return None
    return SignedIn(CurrentUser(row.id, row.username, row.role), row.csrf)


def _aware(moment: datetime) -> datetime:
    """SQLite gives timestamps back without their zone; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def end_session(session: Session, key: str | None, why: str = "signed out") -> None:
    if key:
        session.execute(update(WebSessionRow)
                        .where(WebSessionRow.id == _key_hash(key),
                               WebSessionRow.ended_at.is_(None))
                        .values(ended_at=now(), ended_why=why))


def end_sessions_of(session: Session, user_id: int, why: str) -> None:
    """End every live session of the user (a password change, the user disabled)."""
    session.execute(update(WebSessionRow)
                    .where(WebSessionRow.user_id == user_id, WebSessionRow.ended_at.is_(None))
                    .values(ended_at=now(), ended_why=why))
