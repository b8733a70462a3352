"""The web app: JSON/CSV API, the analyst's page and the API docs, all served with no network.

    app = create_app("dateline.duckdb")              # read-only
    app = create_app(db, allow_ingest=True, token=t) # also POST /api/ingest, the store's writer
    serve("dateline.duckdb", workers=4)              # read-only, four processes (what `dateline serve` runs)

API answers are cached per store generation with ETags (dateline/web/cache.py).
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..config import Config
from ..errors import ConfigError, DatelineError
from ..version import __version__
from .api import ROUTERS
from .api.ingest import make_router as ingest_router
from .cache import ResponseCache
from .db import Database

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"
MAX_INGEST_BYTES = int(Config()["web.max_body_bytes"])  # the default; `dateline serve` passes the configured one
CACHE_MB = int(Config()["web.cache_mb"])
CACHE_MAX_AGE = int(Config()["web.cache_max_age"])
CONCURRENT_QUERIES = int(Config()["web.concurrent_queries"])
WORKER_ENV = "DATELINE_SERVE_WORKER"  # how `serve(workers=N)` tells each worker process what to open

# Scripts only from this origin (no inline script anywhere); Leaflet positions its layers with
# inline styles; the map's country layer and the API are fetched from this origin.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def create_app(db_path: str | Path, *, allow_ingest: bool = False, token: str | None = None,
               max_ingest_bytes: int = MAX_INGEST_BYTES, cache_mb: int = CACHE_MB,
               cache_max_age: int = CACHE_MAX_AGE, concurrent_queries: int = CONCURRENT_QUERIES) -> FastAPI:
    """Build the app over the store at `db_path` (opened now; read-only unless ingest is allowed).

    `cache_mb` bounds the cached API answers (0: none); `cache_max_age` is how long a browser may reuse
    an answer of a read-only store without asking again (with ingest allowed it must always ask);
    `concurrent_queries` bounds the API requests the store answers at once (0: no bound)."""
    if allow_ingest and not token:
        raise ConfigError("--allow-ingest needs a token", hint="pass --token or set DATELINE_TOKEN")
    db = Database(db_path, writable=allow_ingest)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()

    app = FastAPI(title="dateline", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  swagger_ui_oauth2_redirect_url=None,
                  description="Dated news as a sourced, geolocated record: articles and what analysis "
                              "found in them. Read-only unless started with ingest allowed. Every GET /api "
                              "answer carries an `ETag` (send it back in `If-None-Match` for a 304) and "
                              "`Cache-Control` (`max-age` from web.cache_max_age on a read-only store, "
                              "`no-cache` when ingest is allowed); answers are cached in the server until "
                              "the store changes, and `X-Cache` says hit, miss or bypass.")
    app.state.db = db
    for router in ROUTERS:
        app.include_router(router)
    if allow_ingest and token:
        app.include_router(ingest_router(token, max_ingest_bytes))
    _pages(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(BodyLimit, max_bytes=max_ingest_bytes)
    app.add_middleware(SecurityHeaders)  # also on the limit's 413
    cache_control = "no-cache" if allow_ingest else f"max-age={cache_max_age}"
    app.add_middleware(ResponseCache, generation=db.generation, max_bytes=cache_mb * 1024 * 1024,  # outermost
                       cache_control=cache_control, concurrent=concurrent_queries)
    app.exception_handler(DatelineError)(_dateline_error)
    return app


def _pages(app: FastAPI) -> None:
    index = (TEMPLATES / "index.html").read_text(encoding="utf-8")
    docs = (TEMPLATES / "docs.html").read_text(encoding="utf-8")

    @app.get("/", include_in_schema=False)
    def page() -> HTMLResponse:
        return HTMLResponse(index)

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return HTMLResponse(docs)


class SecurityHeaders:
    """ASGI middleware: the security headers on every HTTP response (a route's own value wins).

    Plain ASGI rather than `app.middleware("http")`: that wraps each request in a task group and
    memory streams, about 0.5 ms of CPU per layer and request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """ASGI middleware: refuse any request that declares a body over the bound (413) before a route
    reads it; the ingest route also counts what it streams, for bodies sent without a length."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        declared = Headers(scope=scope).get("content-length") if scope["type"] == "http" else None
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            status = 413 if declared.isdigit() else 400
            refusal = JSONResponse({"detail": f"body larger than {self.max_bytes} bytes" if status == 413
                                    else "bad Content-Length"}, status_code=status)
            await refusal(scope, receive, send)
            return
        await self.app(scope, receive, send)


async def _dateline_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DatelineError)
    return JSONResponse({"detail": exc.message, "code": exc.code, "hint": exc.hint}, status_code=400)


@dataclass(frozen=True, slots=True)
class WorkerSettings:
    """What each process of a multi-worker server opens (passed through the environment, no secrets)."""

    db_path: str
    max_ingest_bytes: int = MAX_INGEST_BYTES
    cache_mb: int = CACHE_MB
    cache_max_age: int = CACHE_MAX_AGE
    concurrent_queries: int = CONCURRENT_QUERIES


def worker_app() -> FastAPI:
    """The app of one worker process of `serve(workers=N)` (a uvicorn factory): a read-only store."""
    settings = WorkerSettings(**json.loads(os.environ[WORKER_ENV]))
    return create_app(settings.db_path, max_ingest_bytes=settings.max_ingest_bytes, cache_mb=settings.cache_mb,
                      cache_max_age=settings.cache_max_age, concurrent_queries=settings.concurrent_queries)


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000, *, allow_ingest: bool = False,
          token: str | None = None, log_level: str = "info", max_body_bytes: int = MAX_INGEST_BYTES,
          workers: int = 1, cache_mb: int = CACHE_MB, cache_max_age: int = CACHE_MAX_AGE,
          concurrent_queries: int = CONCURRENT_QUERIES) -> None:
    """Run the app with uvicorn until interrupted (what `dateline serve` calls).

    With `workers` > 1 uvicorn starts that many processes on one socket, each opening the store
    read-only (DuckDB lets many processes read a file; only one may write it, so ingest needs one)."""
    import uvicorn

    if workers > 1:
        if allow_ingest:
            raise ConfigError("--allow-ingest needs a single worker (the server is the store's one writer)",
                              hint="drop --workers, or serve read-only")
        settings = WorkerSettings(str(Path(db_path).resolve()), max_body_bytes, cache_mb, cache_max_age,
                                  concurrent_queries)
        Database(settings.db_path).close()  # fail here, once, on a missing or outdated store
        os.environ[WORKER_ENV] = json.dumps(asdict(settings))
        uvicorn.run("dateline.web.app:worker_app", factory=True, workers=workers, host=host, port=port,
                    log_level=log_level, server_header=False)
        return
    app = create_app(db_path, allow_ingest=allow_ingest, token=token, max_ingest_bytes=max_body_bytes,
                     cache_mb=cache_mb, cache_max_age=cache_max_age, concurrent_queries=concurrent_queries)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)
