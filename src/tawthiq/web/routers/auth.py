"""Signing in and out, and the account page where a user creates an API token."""

from __future__ import annotations

from urllib.parse import urlparse

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from tawthiq.review.users import (
    CurrentUser,
    authenticate,
    issue_api_token,
    record_login,
    session_stamp,
)
from tawthiq.web.routers.common import client_address, render
from tawthiq.web.security import db_session, page_viewer, require_csrf

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
          session: Session = Depends(db_session)):
    require_csrf(request, csrf_token)
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
    request.session.clear()
    request.session["uid"] = user.id
    request.session["stamp"] = session_stamp(session, user.id)
    record_login(session, user)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, csrf_token: str = Form("")):
    require_csrf(request, csrf_token)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.get("/account")
def account(request: Request, user: CurrentUser = Depends(page_viewer)):
    return render(request, "account.html", {"token": None})


@router.post("/account/token")
def new_token(request: Request, user: CurrentUser = Depends(page_viewer),
              session: Session = Depends(db_session)):
    token = issue_api_token(session, user.username, by=user.username)
    return render(request, "account.html", {"token": token})
