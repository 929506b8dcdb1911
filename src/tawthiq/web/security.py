"""Who is asking, and may they: sessions, API tokens, roles, CSRF, login rate limiting.

Pages use an HttpOnly, SameSite session cookie holding only a random key; the session itself
(user, CSRF token, end) lives in the store (``tawthiq.review.sessions``), so signing out ends
it for good. Scripts send ``Authorization: Bearer`` with an API token. Every state-changing
request made with the cookie must carry the session's CSRF token (form field ``csrf_token`` or
header ``X-CSRF-Token``); the sign-in form, which has no session yet, carries the token of an
anonymous CSRF cookie (double submit). A bearer token is never sent by a browser on its own,
so token requests need none. Roles are checked here, on the server, for pages and API alike.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

import anyio
from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from tawthiq.redaction import Redactor, can_see_witnesses
from tawthiq.review.sessions import session_for
from tawthiq.review.users import CurrentUser, user_by_token
from tawthiq.store.db import session_scope
from tawthiq.web.queries import witness_redactor

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SESSION_COOKIE = "tawthiq_session"
CSRF_COOKIE = "tawthiq_csrf"


class LoginRequired(Exception):
    """A page was asked for without a session: the app redirects to the login page."""


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


def db_session(request: Request,
               _slot: None = Depends(db_slot, scope="function")) -> Iterator[Session]:
    """One transaction per request: committed when the handler returns, rolled back on error.
    A plain generator: FastAPI opens and closes it in a worker thread. Every use asks for it
    with ``scope="function"``, so the commit happens before the answer is sent: a browser
    that follows an edit's redirect at once reads the edit (request scope committed only
    after the answer left, and a page read in between showed the old figures)."""
    with session_scope(request.app.state.settings.db_url) as session:
        yield session


# Every route and dependency takes the session through this one object. Scope "function":
# the transaction is committed (and the store place given back) before the answer is sent,
# never after - a browser redirected after a change must find it stored, and a commit that
# fails must not follow an answer that said it worked.
StoreSession = Depends(db_session, scope="function")


def csrf_token(request: Request) -> str:
    """The CSRF token a page's forms carry: the signed-in session's, else the anonymous
    cookie's (made on first use; ``render`` then sets the cookie)."""
    signed_in = getattr(request.state, "csrf", None)
    if signed_in:
        return signed_in
    token = anonymous_csrf(request)
    if token is None:
        token = request.state.new_csrf = secrets.token_urlsafe(32)
    return token


def anonymous_csrf(request: Request) -> str | None:
    token = request.cookies.get(CSRF_COOKIE)
    return token if token and len(token) >= 32 else None


def session_key(request: Request) -> str | None:
    return request.cookies.get(SESSION_COOKIE)


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def identify(request: Request, session: Session) -> CurrentUser | None:
    """The user behind the request's bearer token, else behind its session cookie (whose CSRF
    token is then kept on ``request.state.csrf``)."""
    token = bearer_token(request)
    if token is not None:
        return user_by_token(session, token)
    signed_in = session_for(session, session_key(request))
    if signed_in is None:
        return None
    request.state.csrf = signed_in.csrf
    return signed_in.user


def same_token(expected: str | None, given: object) -> bool:
    return bool(expected) and isinstance(given, str) and hmac.compare_digest(expected, given)


@dataclass(frozen=True)
class CsrfGiven:
    """What a request brings against CSRF: nothing needed (a safe method, a bearer token) or
    the token from its header or form, to be compared once its session is known."""

    needed: bool
    token: str | None = None

    def matches(self, expected: str | None) -> bool:
        return not self.needed or same_token(expected, self.token)


async def csrf_given(request: Request) -> CsrfGiven:
    """Read the request's CSRF token. Async because reading a form is; it touches no
    database, so it may run on the event loop."""
    if request.method in SAFE_METHODS or bearer_token(request) is not None:
        return CsrfGiven(needed=False)
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        given = (await request.form()).get(CSRF_FIELD)
    return CsrfGiven(needed=True, token=given if isinstance(given, str) else None)


def refuse_csrf() -> HTTPException:
    return HTTPException(403, "missing or wrong CSRF token")


def _require(minimum: str, *, page: bool):
    # A plain function: FastAPI runs it in a worker thread, so the user lookup never blocks
    # the event loop (a query there stalls every request while it waits for a connection).
    def dependency(request: Request, csrf: CsrfGiven = Depends(csrf_given),
                   session: Session = StoreSession) -> CurrentUser:
        user = identify(request, session)
        if user is None:
            if page and request.method in SAFE_METHODS:
                raise LoginRequired()
            raise HTTPException(401, "authentication required",
                                headers={"WWW-Authenticate": "Bearer"})
        if not csrf.matches(getattr(request.state, "csrf", None)):
            raise refuse_csrf()
        if not user.at_least(minimum):
            raise HTTPException(403, f"requires the {minimum} role")
        request.state.user = user
        return user

    return dependency


def _require_uploader(minimum: str):
    """For upload routes: who is sending, found before a byte of the body is read (a
    stranger's 300 MB upload is refused at once), in a short session of its own rather than
    the request's (a slow upload must not hold a store place). The route reads the form,
    and checks its CSRF token against ``request.state.csrf``, afterwards."""
    def dependency(request: Request) -> CurrentUser:
        with session_scope(request.app.state.settings.db_url) as session:
            user = identify(request, session)
        if user is None:
            raise HTTPException(401, "authentication required",
                                headers={"WWW-Authenticate": "Bearer"})
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
page_uploader = api_uploader = _require_uploader("analyst")


def redactor_for(user: CurrentUser, session: Session) -> Redactor:
    """No redaction for cleared roles; every witness name redacted for the others."""
    return Redactor([]) if can_see_witnesses(user.role) else witness_redactor(session)
