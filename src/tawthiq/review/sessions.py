"""Signed-in sessions, kept on the server so that they can be ended.

The browser holds a random key (256 bits); the store holds the key's SHA-256 with the user, the
session's CSRF token and its end. A copied cookie is therefore only as good as the session it
names: signing out ends that session, a password change or disabling the user ends all of
theirs (and their API token), and every session ends ``SESSION_HOURS`` after it was opened.

A process remembers the sessions and API tokens it has found live (``checked``) while the
store's ``auth_version`` stands: every change to a user or a session row moves that number (by
database triggers, in the same transaction), so a sign-out, a password change or a disabled
user in any process is seen by the next request of every process, and a request that finds
the number unchanged needs no query of its own for who is asking.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tawthiq.review.roles import CurrentUser
from tawthiq.store.tables import UserRow, WebSessionRow
from tawthiq.store.version import auth_version

SESSION_HOURS = 12
CHECKED_SIZE = 4096  # sign-ins remembered per process and store; more are checked each time


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


class CheckedSignIns:
    """Sign-ins (sessions, API tokens) found live, by the hash of their key, for as long as
    the store's ``auth_version`` is the one they were found under; safe across threads."""

    def __init__(self, size: int = CHECKED_SIZE) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._version: dict[str, int] = {}  # database URL -> auth version its entries hold for
        self._items: dict[tuple[str, str], tuple[object, datetime | None]] = {}

    def get(self, session: Session, key: str,
            find: Callable[[], tuple[object, datetime | None] | None]) -> object | None:
        """What ``find`` says for ``key`` (a value and the moment it ends, or None for no
        sign-in), remembered while the auth version stands; refusals are never remembered."""
        url = str(session.get_bind().url)
        version = auth_version(session)  # before the rows: an entry is never older than it
        with self._lock:
            if self._version.get(url) != version:
                self._items = {k: v for k, v in self._items.items() if k[0] != url}
                self._version[url] = version
            hit = self._items.get((url, key))
        if hit is not None and (hit[1] is None or hit[1] > now()):
            return hit[0]
        found = find()
        if found is None or (found[1] is not None and found[1] <= now()):
            return None
        with self._lock:
            if self._version.get(url) == version:
                if len(self._items) >= self.size:
                    self._items.clear()
                self._items[(url, key)] = found
        return found[0]


checked = CheckedSignIns()


def session_for(session: Session, key: str | None) -> SignedIn | None:
    """The live session under ``key`` with its enabled user, else None."""
    if not key:
        return None
    return checked.get(session, "session:" + _key_hash(key),  # type: ignore[return-value]
                       lambda: _live_session(session, key))


def _live_session(session: Session, key: str) -> tuple[SignedIn, datetime] | None:
    row = session.execute(
        select(WebSessionRow.csrf, WebSessionRow.expires_at, UserRow.id, UserRow.username,
               UserRow.role)
        .join(UserRow, UserRow.id == WebSessionRow.user_id)
        .where(WebSessionRow.id == _key_hash(key), WebSessionRow.ended_at.is_(None),
               UserRow.disabled.is_(False))).first()
    if row is None:
        return None
    return SignedIn(CurrentUser(row.id, row.username, row.role), row.csrf), \
        _aware(row.expires_at)


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
