"""The analyst's web application: server-rendered pages, a JSON API under ``/api/`` and the
OpenAPI schema at ``/openapi.json``.

``create_app`` builds it for the current settings (tests pass their own); ``serve`` runs it
with uvicorn.
"""

from __future__ import annotations

import time
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import exc as sa_exc
from starlette.datastructures import MutableHeaders

from tawthiq.errors import (
    BadInput,
    Conflict,
    NotFound,
    PermissionDenied,
    StoreUnwritable,
    TawthiqError,
)
from tawthiq.settings import Settings, get_settings
from tawthiq.store.db import ready_engine
from tawthiq.store.redacted import SearchIndexing
from tawthiq.web.cache import ViewCache
from tawthiq.web.ingest_jobs import IngestJobs
from tawthiq.web.security import LoginRequired, StoreBusy, store_slots
from tawthiq.web.throttle import LoginLimiter, SharedLoginLimiter

HERE = Path(__file__).parent
ERROR_STATUS = {NotFound: 404, Conflict: 409, PermissionDenied: 403, BadInput: 400,
                StoreUnwritable: 503}
BUSY_RETRY_SECONDS = 2
# Seconds uvicorn lets requests in progress finish after SIGTERM before it cancels them.
GRACEFUL_SHUTDOWN_SECONDS = 5


def create_app(settings: Settings | None = None) -> FastAPI:
    """The application for ``settings`` (default: the process settings); the database is
    upgraded to the newest schema before the first request."""
    from tawthiq.web.routers import api, auth, episodes, estimates, linking, pages, victims

    settings = settings or get_settings()
    ready_engine(settings.db_url)
    app = FastAPI(title="tawthiq", version="0.1.0", docs_url=None, redoc_url=None,
                  lifespan=lifespan_for(settings),
                  openapi_url="/openapi.json",
                  description="Incidents of violence against civilians, as reported, with "
                              "the evidence for every field. Authenticate with "
                              "`Authorization: Bearer <token>` (create one on the Account page).")
    app.state.settings = settings
    app.state.jobs = IngestJobs(settings)
    app.state.login_limiter = (
        shared_login_limiter(settings) if settings.web_workers > 1 else LoginLimiter())
    app.state.db_slots = store_slots(settings.db_pool_size)
    app.state.views = ViewCache()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(auth.router)
    app.include_router(pages.router)
    app.include_router(api.router)
    app.include_router(episodes.router)
    app.include_router(episodes.api)
    app.include_router(linking.router)
    app.include_router(victims.router)
    app.include_router(estimates.router)
    app.include_router(estimates.api_router)
    install_error_handlers(app)
    install_security_headers(app, settings)
    if settings.trusted_proxies:  # the client's address from X-Forwarded-For, only from these
        from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)
    return app


def lifespan_for(settings: Settings):
    """At start-up: a worker thread for every request holding a store place and some more for
    those that do not (sign-in page, static files); the ingest worker resumes unfinished
    uploads. At shutdown the ingest worker stops (its files wait for the next start)."""
    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        import anyio.to_thread

        limiter = anyio.to_thread.current_default_thread_limiter()
        limiter.total_tokens = max(limiter.total_tokens, settings.db_pool_size + 8)
        await anyio.to_thread.run_sync(_app.state.jobs.resume)
        yield
        _app.state.jobs.close()

    return lifespan


def content_security_policy(settings: Settings) -> str:
    """Scripts and data from this server only; images also from the basemap's host."""
    images = "'self' data:"
    if settings.tile_url:
        parsed = urlsplit(settings.tile_url.replace("{s}", "a"))
        host = parsed.netloc.replace("a.", "*.", 1) if "{s}" in settings.tile_url \
            else parsed.netloc
        images += f" {parsed.scheme}://{host}"
    return ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            f"img-src {images}; connect-src 'self'; frame-ancestors 'none'; "
            "base-uri 'self'; form-action 'self'")


def install_security_headers(app: FastAPI, settings: Settings) -> None:
    app.add_middleware(SecurityHeaders, policy=content_security_policy(settings))


class SecurityHeaders:
    """Security headers and the server's own time (``Server-Timing``) on every answer. A plain
    ASGI middleware: it only edits the headers as they pass (``@app.middleware("http")`` would
    copy every response body through a stream of its own)."""

    def __init__(self, app, policy: str) -> None:
        self.app = app
        self.defaults = [("Content-Security-Policy", policy),
                         ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"),
                         ("Referrer-Policy", "same-origin")]

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        defaults = self.defaults + ([("Cache-Control", "no-store")]
                                    if scope["path"].startswith("/api/") else [])

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                elapsed_ms = (time.perf_counter() - started) * 1000
                headers["Server-Timing"] = f"app;dur={elapsed_ms:.1f}"
                for name, value in defaults:
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _exc: LoginRequired):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={_quote(target)}", status_code=303)

    @app.exception_handler(TawthiqError)
    async def tawthiq_error(request: Request, exc: TawthiqError):
        status = next((s for cls, s in ERROR_STATUS.items() if isinstance(exc, cls)), 500)
        return error_response(request, status, exc.one_line(), exc.code)

    @app.exception_handler(StoreBusy)
    async def no_place(request: Request, _exc: StoreBusy):
        return busy(request)

    @app.exception_handler(SearchIndexing)
    async def search_indexing(request: Request, exc: SearchIndexing):
        response = error_response(
            request, 503, f"The search index is taking in {exc.waiting:,} reports; search "
            "again in a minute (everything else works meanwhile).", "search_indexing")
        response.headers["Retry-After"] = "30"
        return response

    @app.exception_handler(sa_exc.TimeoutError)
    async def no_connection(request: Request, _exc: sa_exc.TimeoutError):
        return busy(request)

    @app.exception_handler(sa_exc.OperationalError)
    async def database_locked(request: Request, exc: sa_exc.OperationalError):
        if "locked" not in str(exc.orig):
            raise exc
        return busy(request)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        response = error_response(request, exc.status_code, str(exc.detail), "http_error")
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        return error_response(request, 422, f"{where}: {first.get('msg', 'invalid input')}",
                              "bad_input")


def busy(request: Request):
    """503 with Retry-After: no database connection (or lock) came in time."""
    response = error_response(request, 503, "The server is busy; try again in a moment.",
                              "busy")
    response.headers["Retry-After"] = str(BUSY_RETRY_SECONDS)
    return response


def error_response(request: Request, status: int, message: str, code: str):
    if wants_json(request):
        return JSONResponse({"error": code, "message": message}, status_code=status)
    from tawthiq.web.routers.common import render

    return render(request, "error.html", {"status": status, "message": message,
                                          "back": form_page(request)}, status_code=status)


def form_page(request: Request) -> str | None:
    """The page whose form was refused (a POST's same-site Referer), so the user can go back
    and correct it; None for anything else."""
    if request.method != "POST":
        return None
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc and referer.netloc != request.url.netloc:
        return None
    if not referer.path.startswith("/") or referer.path.startswith("//"):
        return None
    return referer.path + (f"?{referer.query}" if referer.query else "")


def _quote(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="/")


def shared_login_limiter(settings: Settings) -> SharedLoginLimiter:
    """Sign-in counts shared by the processes of a server of several (in the home)."""
    return SharedLoginLimiter(Path(settings.home) / "signin-limits.sqlite3")


def serve(host: str = "127.0.0.1", port: int = 8000, workers: int | None = None) -> None:
    """Run the app with uvicorn in ``workers`` processes (default: the ``web_workers``
    setting; SQLite's WAL lets them and ingest work side by side). Above
    ``web_max_concurrency`` open connections a process answers 503 at once; on SIGTERM the
    server stops taking requests and gives those in progress a few seconds to finish."""
    import os

    import uvicorn

    check_can_listen(host, port)
    settings = get_settings()
    if workers is not None:
        settings = settings.model_copy(update={"web_workers": workers})
    options = {"host": host, "port": port, "log_level": "info", "proxy_headers": False,
               "limit_concurrency": settings.web_max_concurrency,
               "timeout_graceful_shutdown": GRACEFUL_SHUTDOWN_SECONDS}
    if settings.web_workers == 1:
        uvicorn.run(create_app(settings), **options)
        return
    ready_engine(settings.db_url)  # upgraded once, before the processes start
    shared_login_limiter(settings).check_writable()  # a read-only home stops here, not later
    # Each process builds the app from the settings of its environment (uvicorn spawns them).
    chosen = {"home": settings.home, "database_url": settings.database_url,
              "web_workers": settings.web_workers}
    os.environ.update({f"TAWTHIQ_{name.upper()}": str(value)
                       for name, value in chosen.items() if value is not None})
    uvicorn.run("tawthiq.web.app:create_app", factory=True, workers=settings.web_workers,
                **options)


def check_can_listen(host: str, port: int) -> None:
    """BadInput naming --host/--port when the address cannot be listened on (a port in use, out
    of range, an address not of this machine), rather than uvicorn's traceback or status 3."""
    import socket

    if not 0 < port < 65536:
        raise BadInput(f"port {port} is not between 1 and 65535", field="--port")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise BadInput(f"unknown host {host!r}: {exc.strerror}", field="--host") from exc
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind(address)
        except OSError as exc:
            import errno

            in_use = exc.errno == errno.EADDRINUSE
            hint = "; choose another with --port" if in_use else ""
            raise BadInput(f"cannot listen on {host}:{port}: {exc.strerror}{hint}",
                           field="--port" if in_use else "--host") from exc
