"""What the page routers share: rendering a template with the user and the CSRF token."""

from __future__ import annotations

from fastapi import Request

from tawthiq.web.render import templates
from tawthiq.web.security import csrf_token


def render(request: Request, name: str, context: dict | None = None, status_code: int = 200):
    """A page: every template gets ``user``, ``csrf`` and the tile URL."""
    settings = request.app.state.settings
    base = {"user": getattr(request.state, "user", None), "csrf": csrf_token(request),
            "tile_url": settings.tile_url, "path": request.url.path}
    response = templates.TemplateResponse(request, name, {**base, **(context or {})},
                                          status_code=status_code)
    response.headers["Cache-Control"] = "no-store"
    return response


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"
