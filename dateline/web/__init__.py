"""web: the HTTP API (FastAPI), the analyst's page and its vendored assets; needs dateline[web]."""

from __future__ import annotations

try:
    from .app import create_app, serve
except ImportError as exc:  # pragma: no cover - depends on the environment
    if exc.name not in ("fastapi", "starlette", "uvicorn"):
        raise
    raise ImportError("the web app needs FastAPI and uvicorn: pip install 'dateline[web]'") from exc

__all__ = ["create_app", "serve"]
