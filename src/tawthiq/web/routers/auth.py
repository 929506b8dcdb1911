"""Signing in and out, and the account page where a user creates an API token."""

from __future__ import annotations

from urllib.parse import urlparse

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from tawthiq.review.sessions import SESSION_HOURS, end_session, open_session, session_for
from tawthiq.review.users import (
    CurrentUser,
    authenticate,
    issue_api_token,
    record_login,
)
from tawthiq.web.routers.common import client_address, render
from tawthiq.web.security import (
    CSRF_HEADER,
    SESSION_COOKIE,
    StoreSession,
    anonymous_csrf,
    page_viewer,
    refuse_csrf,
    same_token,
    session_key,
)

router = APIRouter(include_in_schema=False)


def safe_next(target: str | None) -> str:
    """Only same-site paths (no scheme, no host, no '//') are followed after login."""
    if not target:
        return "/"
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


@router.get("/login")
def login_page(request: Request, next: str | None = None):
    return render(request, "login.html", {"next": safe_next(next), "error": None})


@router.post("/login")
def login(request: Request, username: str = Form(""), password: str = Form(""),
          next: str = Form("/"), csrf_token: str = Form(""),
          session: Session = StoreSession):
    signed_in = session_for(session, session_key(request))
    if not any(same_token(expected, csrf_token) for expected in
               (anonymous_csrf(request), signed_in.csrf if signed_in else None)):
        raise refuse_csrf()
    limiter = request.app.state.login_limiter
    client = client_address(request)
    wait = limiter.retry_after(client, username)
    if wait:
        response = render(request, "login.html",
                          {"next": safe_next(next),
                           "error": f"Too many failed attempts. Try again in {wait} seconds."},
                          status_code=429)
        response.headers["Retry-After"] = str(wait)
        return response
    user = authenticate(session, username, password)
    if user is None:
        limiter.failed(client, username)
        return render(request, "login.html", {"next": safe_next(next), "username": username,
                                              "error": "Wrong username or password."},
                      status_code=401)
    limiter.succeeded(client, username)
    end_session(session, session_key(request), "signed in again")
    key = open_session(session, user)
    record_login(session, user)
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, key, max_age=SESSION_HOURS * 3600, httponly=True,
                        samesite="lax", secure=request.app.state.settings.secure_cookies)
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: str = Form(""),
           session: Session = StoreSession):
    signed_in = session_for(session, session_key(request))
    given = request.headers.get(CSRF_HEADER, csrf_token)
    if signed_in is not None:
        if not same_token(signed_in.csrf, given):
            raise refuse_csrf()
        end_session(session, session_key(request))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, httponly=True, samesite="lax",
                           secure=request.app.state.settings.secure_cookies)
    return response


@router.get("/account")
def account(request: Request, user: CurrentUser = Depends(page_viewer)):
    return render(request, "account.html", {"token": None})


@router.post("/account/token")
def new_token(request: Request, user: CurrentUser = Depends(page_viewer),
              session: Session = StoreSession):
    token = issue_api_token(session, user.username, by=user.username)
    return render(request, "account.html", {"token": token})
