"""Who is asking, and may they: sessions, API tokens, roles, CSRF, login rate limiting.

Pages use a signed, HttpOnly, SameSite session cookie; scripts send ``Authorization: Bearer``
with an API token. Every state-changing request made with the cookie must carry the session's
CSRF token (form field ``csrf_token`` or header ``X-CSRF-Token``); a bearer token is never
sent by a browser on its own, so token requests need none. Roles are checked here, on the
server, for pages and API alike.
"""

from __future__ import annotations

import hmac
import os
import secrets
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import anyio
from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from tawthiq.redaction import Redactor, can_see_witnesses
from tawthiq.review.users import CurrentUser, user_by_id, user_by_token
from tawthiq.settings import Settings
from tawthiq.store.db import session_scope
from tawthiq.web.queries import witness_redactor

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


class LoginRequired(Exception):
    """A page was asked for without a session: the app redirects to the login page."""


def secret_key(settings: Settings) -> str:
    """``TAWTHIQ_SECRET_KEY``, else a random key kept in ``home/secret_key`` (mode 0600)."""
    if settings.secret_key:
        return settings.secret_key
    path = Path(settings.ensure_home()) / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


class StoreBusy(Exception):
    """No place for another request that uses the store came in time: the app answers 503."""


def store_slots(size: int) -> anyio.Semaphore:
    """The places for requests that use the store at once: one per pooled connection."""
    return anyio.Semaphore(size)


async def db_slot(request: Request) -> AsyncIterator[None]:
    """Wait on the event loop - holding neither a worker thread nor a connection - for one of
    ``db_pool_size`` places, at most ``db_pool_timeout`` seconds (then 503). A request that
    has its place always finds a free connection, whichever threads its steps run in."""
    slots: anyio.Semaphore = request.app.state.db_slots
    try:
        with anyio.fail_after(request.app.state.settings.db_pool_timeout):
            await slots.acquire()
    except TimeoutError:
        raise StoreBusy() from None
    try:
        yield
    finally:
        slots.release()


def db_session(request: Request, _slot: None = Depends(db_slot)) -> Iterator[Session]:
    """One transaction per request: committed when the handler returns, rolled back on error.
    A plain generator: FastAPI opens and closes it in a worker thread."""
    with session_scope(request.app.state.settings.db_url) as session:
        yield session


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def identify(request: Request, session: Session) -> CurrentUser | None:
    """The user behind the request's bearer token, else behind its session cookie."""
    token = bearer_token(request)
    if token is not None:
        request.state.auth = "token"
        return user_by_token(session, token)
    request.state.auth = "session"
    user_id = request.session.get("uid")
    if not isinstance(user_id, int):
        return None
    user = user_by_id(session, user_id, stamp=str(request.session.get("stamp", "")))
    if user is None:
        request.session.clear()
    return user


def csrf_matches(request: Request, given: object) -> bool:
    """Whether ``given`` is the session's CSRF token."""
    expected = request.session.get("csrf")
    return bool(expected) and isinstance(given, str) and hmac.compare_digest(expected, given)


async def csrf_verdict(request: Request) -> bool:
    """Whether the request may change state as far as CSRF goes: a safe method, a bearer
    token, or the session's token in the header or form. Async because reading a form is;
    it touches no database, so it may run on the event loop."""
    if request.method in SAFE_METHODS or bearer_token(request) is not None:
        return True
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        given = (await request.form()).get(CSRF_FIELD)
    return csrf_matches(request, given)


def require_csrf(request: Request, given: object) -> None:
    """Refuse a form posted without the session's CSRF token (the sign-in and sign-out forms,
    which have no signed-in user to check first)."""
    if not csrf_matches(request, request.headers.get(CSRF_HEADER, given)):
        raise HTTPException(403, "missing or wrong CSRF token")


def _require(minimum: str, *, page: bool):
    # A plain function: FastAPI runs it in a worker thread, so the user lookup never blocks
    # the event loop (a query there stalls every request while it waits for a connection).
    def dependency(request: Request, csrf_ok: bool = Depends(csrf_verdict),
                   session: Session = Depends(db_session)) -> CurrentUser:
        user = identify(request, session)
        if user is None:
            if page and request.method in SAFE_METHODS:
                raise LoginRequired()
            raise HTTPException(401, "authentication required",
                                headers={"WWW-Authenticate": "Bearer"})
        if not csrf_ok:
            raise HTTPException(403, "missing or wrong CSRF token")
        if not user.at_least(minimum):
            raise HTTPException(403, f"requires the {minimum} role")
        request.state.user = user
        return user

    return dependency


api_viewer = _require("viewer", page=False)
api_analyst = _require("analyst", page=False)
api_admin = _require("admin", page=False)
page_viewer = _require("viewer", page=True)
page_analyst = _require("analyst", page=True)
page_admin = _require("admin", page=True)


def redactor_for(user: CurrentUser, session: Session) -> Redactor:
    """No redaction for cleared roles; every witness name redacted for the others."""
    return Redactor([]) if can_see_witnesses(user.role) else witness_redactor(session)


class LoginLimiter:
    """At most ``attempts`` failed logins per ``window`` seconds per (client, username) and
    ``client_attempts`` per client; later attempts are refused until the window passes."""

    def __init__(self, attempts: int = 5, client_attempts: int = 20,
                 window: float = 300.0) -> None:
        self.attempts = attempts
        self.client_attempts = client_attempts
        self.window = window
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and now - times[0] > self.window:
            times.popleft()
        return times

    def retry_after(self, client: str, username: str) -> int:
        """Seconds to wait before another attempt is allowed (0: go ahead)."""
        now = time.monotonic()
        with self._lock:
            for key, limit in (((client, username.lower()), self.attempts),
                               ((client, ""), self.client_attempts)):
                times = self._recent(key, now)
                if len(times) >= limit:
                    return max(1, int(self.window - (now - times[0])) + 1)
        return 0

    def failed(self, client: str, username: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._recent((client, username.lower()), now).append(now)
            self._recent((client, ""), now).append(now)

    def succeeded(self, client: str, username: str) -> None:
        with self._lock:
            self._failures.pop((client, username.lower()), None)
