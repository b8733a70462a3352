"""Readers while the server writes: each request reads one snapshot (no torn reads), readers never fail
while batches are POSTed to /api/ingest, and a second writer on a served file is told who holds it."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

pytest.importorskip("fastapi")

import httpx

from dateline.ingest import ingest
from dateline.store import open_store
from dateline.web import create_app
from dateline.web.db import get_cursor
from tests.conftest import news, write_jsonl

TOKEN = "readers-and-writer"


@pytest.fixture
def small_store(tmp_path: Path) -> Path:
    db = tmp_path / "served.duckdb"
    source = write_jsonl(tmp_path / "first.jsonl", [news(i) for i in range(40)])
    with open_store(db) as store:
        ingest(store, [str(source)])
    return db


def _batch(start: int, size: int) -> bytes:
    return "".join(json.dumps(news(i, outlet="Harbour Gazette", title=f"Harbour report {i}")) + "\n"
                   for i in range(start, start + size)).encode()


def test_a_request_reads_one_snapshot(small_store: Path) -> None:
    """Two statements of one request see the same data even when a write commits between them."""
    app = create_app(small_store, allow_ingest=True, token=TOKEN)
    try:
        db = app.state.db
        request = SimpleNamespace(app=SimpleNamespace(state=SimpleNamespace(db=db)))
        dependency = get_cursor(request)  # type: ignore[arg-type]
        cursor = next(dependency)
        first = cursor.execute("SELECT count(*) FROM articles").fetchone()[0]
        with db.store.transaction() as con:  # the writer commits between the request's two reads
            con.execute("INSERT INTO articles (id, date_status, text, content_hash) VALUES ('zz-new', 'missing', 'x', 'h')")
        second = cursor.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert second == first == 40
        with pytest.raises(StopIteration):
            next(dependency)
        fresh = db.cursor()  # a later request sees the write
        assert fresh.execute("SELECT count(*) FROM articles").fetchone()[0] == 41
        fresh.close()
    finally:
        app.state.db.close()


def test_readers_while_batches_are_ingested(small_store: Path) -> None:
    app = create_app(small_store, allow_ingest=True, token=TOKEN)
    problems: list[str] = []
    batches, size = 12, 25

    async def scenario() -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1", timeout=120) as client:
            done = asyncio.Event()

            async def write() -> None:
                for b in range(batches):
                    response = await client.post("/api/ingest", content=_batch(1000 + b * size, size),
                                                 headers={"Authorization": f"Bearer {TOKEN}",
                                                          "Content-Type": "application/x-ndjson"})
                    if response.status_code != 200 or response.json()["new"] != size:
                        problems.append(f"ingest: {response.status_code} {response.text[:200]}")
                done.set()

            async def read(k: int) -> None:
                seen = 0
                while not done.is_set():
                    page = await client.get("/api/articles", params={"outlet": "Harbour Gazette", "limit": 1000})
                    stats = await client.get("/api/stats")
                    if page.status_code != 200 or stats.status_code != 200:
                        problems.append(f"reader {k}: {page.status_code} {stats.status_code}")
                        continue
                    body: dict[str, Any] = page.json()
                    if len(body["articles"]) != body["total"]:
                        problems.append(f"reader {k}: {len(body['articles'])} rows, total {body['total']}")
                    if body["total"] % size:
                        problems.append(f"reader {k}: {body['total']} new articles, not whole batches")
                    count = stats.json()["articles"]
                    if count < seen or count < 40 + body["total"]:
                        problems.append(f"reader {k}: stats {count} after {seen} / page total {body['total']}")
                    seen = count
                    if body["articles"]:
                        one = await client.get(f"/api/articles/{body['articles'][-1]['id']}")
                        if one.status_code != 200:
                            problems.append(f"reader {k}: listed article {one.status_code}")

            await asyncio.gather(write(), *(read(k) for k in range(4)))
            final = (await client.get("/api/stats")).json()["articles"]
            if final != 40 + batches * size:
                problems.append(f"final count {final}")

    try:
        asyncio.run(scenario())
    finally:
        app.state.db.close()
    assert problems == []


@pytest.mark.parametrize("writable", [True, False], ids=["serving-with-ingest", "serving-read-only"])
def test_a_second_writer_on_a_served_store_is_told_who_holds_it(small_store: Path, tmp_path: Path,
                                                                 writable: bool) -> None:
    app = create_app(small_store, allow_ingest=writable, token=TOKEN if writable else None)
    try:
        extra = write_jsonl(tmp_path / "extra.jsonl", [news(500)])
        env = {k: v for k, v in os.environ.items() if k not in ("DATELINE_DB", "DATELINE_CONFIG")}
        done = subprocess.run([sys.executable, "-m", "dateline", "ingest", str(extra), "--db", str(small_store)],
                              capture_output=True, text=True, timeout=120, env=env, check=False)
        assert done.returncode == 2, done.stderr
        assert f"in use by process {os.getpid()}" in done.stderr
        assert "Traceback" not in done.stderr
    finally:
        app.state.db.close()
    with open_store(small_store, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM articles").fetchone()[0] == 40
