"""What the page routers share: rendering a template with the user and the CSRF token."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from fastapi import Request
from fastapi.responses import Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from tawthiq.redaction import Redactor
from tawthiq.web.cache import EncodedJSON, view_key
from tawthiq.web.render import templates
from tawthiq.web.security import CSRF_COOKIE, csrf_token

T = TypeVar("T")


def render(request: Request, name: str, context: dict | None = None, status_code: int = 200):
    """A page: every template gets ``user``, ``csrf`` and the tile URL."""
    settings = request.app.state.settings
    base = {"user": getattr(request.state, "user", None), "csrf": csrf_token(request),
            "tile_url": settings.tile_url, "path": request.url.path}
    response = templates.TemplateResponse(request, name, {**base, **(context or {})},
                                          status_code=status_code)
    response.headers["Cache-Control"] = "no-store"
    new_csrf = getattr(request.state, "new_csrf", None)
    if new_csrf:  # the sign-in form's token, until a session has its own
        response.set_cookie(CSRF_COOKIE, new_csrf, httponly=True, samesite="strict",
                            secure=settings.secure_cookies)
    return response


def fragment(name: str, **context) -> Markup:
    """A partial template rendered on its own (no request, user or CSRF token in it)."""
    return Markup(templates.env.get_template(name).render(**context))


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def cached_view(request: Request, session: Session, kind: str, params: dict,
                redactor: Redactor, build: Callable[[], T]) -> T:
    """The view of ``kind`` for these parameters and this reader, from the app's cache while
    the store has not changed, else built by ``build`` (read it, never change it)."""
    return request.app.state.views.get(view_key(session, kind, params, redactor), build)


def json_view(request: Request, session: Session, kind: str, params: dict, redactor: Redactor,
              build: Callable[[], object]) -> Response:
    """A cached JSON view: 304 when the browser has it, gzip when it accepts gzip."""
    view = cached_view(request, session, kind, params, redactor,
                       lambda: EncodedJSON.of(build()))
    headers = {"ETag": view.etag, "Vary": "Accept-Encoding"}
    if request.headers.get("if-none-match") == view.etag:
        return Response(status_code=304, headers=headers)
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(view.gzipped, media_type="application/json",
                        headers={**headers, "Content-Encoding": "gzip"})
    return Response(view.body, media_type="application/json", headers=headers)
