"""POST /api/ingest: add articles through the running server, the store's single writer.

Mounted only when the app is created with allow_ingest=True and a token. Every request must carry
`Authorization: Bearer <token>` (401 otherwise) and a body no larger than the limit (413). The body
is one input file in any format `dateline ingest` reads (JSON Lines, a JSON array, CSV, ...), named
by Content-Type; it is written to a temporary file and ingested like one.
"""

from __future__ import annotations

import hmac
import json
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool

from ...errors import DatelineError
from ...ingest import ingest

SUFFIXES = {"application/x-ndjson": ".jsonl", "application/jsonl": ".jsonl", "application/json": ".jsonl",
            "text/csv": ".csv", "text/html": ".html", "application/rss+xml": ".xml", "text/plain": ".txt"}


def make_router(token: str, max_bytes: int) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["ingest"])

    @router.post("/ingest", summary="Ingest articles (token required)", status_code=200)
    async def ingest_body(request: Request) -> dict[str, Any]:
        """Store the articles in the body; returns the ingest report (counts, rejections)."""
        _authorise(request, token)
        body = await _read_limited(request, max_bytes)
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        suffix = SUFFIXES.get(kind, ".txt")
        if suffix == ".jsonl":
            body = _as_jsonl(body)
        db = request.app.state.db
        return await run_in_threadpool(_ingest, db, body, suffix)

    return router


def _authorise(request: Request, token: str) -> None:
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})


async def _read_limited(request: Request, max_bytes: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > max_bytes):
        raise HTTPException(413, f"body larger than {max_bytes} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise HTTPException(413, f"body larger than {max_bytes} bytes")
        chunks.append(chunk)
    if not size:
        raise HTTPException(400, "empty body: send articles as JSON Lines, a JSON array or CSV")
    return b"".join(chunks)


def _as_jsonl(body: bytes) -> bytes:
    """A JSON array (or one object) becomes JSON Lines; JSON Lines pass unchanged."""
    stripped = body.lstrip()
    if not stripped.startswith(b"["):
        return body
    try:
        records = json.loads(body)
    except ValueError as exc:
        raise HTTPException(400, f"invalid JSON: {exc}") from None
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def _ingest(db: Any, body: bytes, suffix: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="dateline-ingest-") as tmp:
        path = Path(tmp) / f"request{suffix}"
        path.write_bytes(body)
        with db.write_lock, db.generation.writing():  # cached answers are bypassed, then expire
            try:
                report = ingest(db.store, [str(path)])
            except DatelineError as exc:
                raise HTTPException(400, str(exc)) from None
    return report.to_dict()
