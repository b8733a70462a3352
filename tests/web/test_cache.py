"""Cached API answers: hits, ETag / If-None-Match (304), Cache-Control, expiry the moment an ingest
commits, no answer kept across a write, one computation for concurrent misses, a bounded size, and
`dateline serve --workers N` (several read-only processes)."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from dateline.errors import ConfigError
from dateline.web import create_app
from dateline.web.app import serve
from dateline.web.cache import Entry, Generation, Lru, ResponseCache, etag_matches
from tests.conftest import news

from .conftest import Client

TOKEN = "cache-tests-token"


def test_a_repeated_question_is_answered_from_the_cache(client: Client) -> None:
    first = client.get("/api/events?type=ASSAULT&limit=5")
    second = client.get("/api/events?limit=5&type=ASSAULT")  # same parameters, another order
    assert first.status_code == second.status_code == 200
    assert (first.headers["x-cache"], second.headers["x-cache"]) in {("miss", "hit"), ("hit", "hit")}
    assert first.content == second.content and first.json()["events"]
    assert first.headers["etag"] == second.headers["etag"]
    assert second.headers["cache-control"] == "max-age=60"  # a read-only store
    assert second.headers["content-type"] == first.headers["content-type"]
    assert second.headers["content-security-policy"]  # security headers are replayed with the answer


def test_if_none_match_gets_304_without_a_body(client: Client) -> None:
    etag = client.get("/api/stats").headers["etag"]
    again = client.get("/api/stats", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert client.get("/api/stats", headers={"If-None-Match": f'W/{etag}, "other"'}).status_code == 304
    assert client.get("/api/stats", headers={"If-None-Match": '"stale"'}).status_code == 200


def test_json_and_csv_of_one_url_are_cached_apart(client: Client) -> None:
    as_json = client.get("/api/articles?limit=3")
    as_csv = client.get("/api/articles?limit=3", headers={"Accept": "text/csv"})
    assert as_json.headers["content-type"].startswith("application/json")
    assert as_csv.headers["content-type"].startswith("text/csv") and as_csv.text.startswith("id,")
    assert as_json.headers["etag"] != as_csv.headers["etag"]
    assert as_json.headers["vary"] == "Accept"


def test_errors_are_not_cached(client: Client) -> None:
    for _ in range(2):
        missing = client.get("/api/articles/no-such-article")
        assert missing.status_code == 404 and "x-cache" not in missing.headers


def test_without_the_cache_answers_still_carry_etags(web_db: Path) -> None:
    app = create_app(web_db, cache_mb=0, cache_max_age=0)
    try:
        plain = Client(app)
        first, second = plain.get("/api/stats"), plain.get("/api/stats")
        assert first.headers["x-cache"] == second.headers["x-cache"] == "bypass"
        assert first.headers["etag"] == second.headers["etag"]  # a hash of the body: same answer, same tag
        assert first.headers["cache-control"] == "max-age=0"
        assert plain.get("/api/stats", headers={"If-None-Match": first.headers["etag"]}).status_code == 304
    finally:
        app.state.db.close()


def test_an_ingest_expires_cached_answers_at_once(writable_db: Path) -> None:
    app = create_app(writable_db, allow_ingest=True, token=TOKEN)
    try:
        served = Client(app)
        before = served.get("/api/stats")
        assert served.get("/api/stats").headers["x-cache"] == "hit"
        assert before.headers["cache-control"] == "no-cache"  # the store may change: always revalidate
        body = "".join(json.dumps(news(9000 + i, outlet="Cache Courier")) + "\n" for i in range(3))
        posted = served.post("/api/ingest", content=body.encode(),
                             headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"})
        assert posted.status_code == 200 and posted.json()["new"] == 3
        after = served.get("/api/stats")
        assert after.headers["x-cache"] == "miss"
        assert after.json()["articles"] == before.json()["articles"] + 3
        assert after.headers["etag"] != before.headers["etag"]
        assert served.get("/api/stats", headers={"If-None-Match": before.headers["etag"]}).status_code == 200
    finally:
        app.state.db.close()


def test_generation_is_unknown_while_writing_and_bumped_after() -> None:
    generation = Generation()
    assert generation.current() == 0
    with generation.writing():
        assert generation.current() is None
    assert generation.current() == 1
    with pytest.raises(RuntimeError), generation.writing():
        raise RuntimeError("a failed write may have changed nothing, but answers expire anyway")
    assert generation.current() == 2


class Counting:
    """A fake ASGI app: answers with its call count, after `delay`; `during` runs mid-request."""

    def __init__(self, delay: float = 0.0, during: Any = None) -> None:
        self.calls = 0
        self.delay = delay
        self.during = during

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.calls += 1
        await asyncio.sleep(self.delay)
        if self.during:
            self.during()
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": str(self.calls).encode()})


def _get(cache: ResponseCache, path: str = "/api/x") -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    async def send(message: Any) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "query_string": b"", "headers": []}
    return sent, cache(scope, receive, send)  # type: ignore[return-value]


async def _run(cache: ResponseCache, path: str = "/api/x") -> tuple[int, bytes, bytes]:
    sent, call = _get(cache, path)
    await call
    headers = dict(sent[0]["headers"])
    return sent[0]["status"], sent[1]["body"], headers.get(b"x-cache", b"")


def test_an_answer_computed_across_a_write_is_not_kept() -> None:
    generation = Generation()
    writes: list[Any] = []

    def begin_write() -> None:  # a write starts in the first request and is still going when it ends
        if not writes:
            writes.append(generation.writing())
            writes[-1].__enter__()

    app = Counting(during=begin_write)
    cache = ResponseCache(app, generation, max_bytes=1 << 20, cache_control="no-cache")
    assert asyncio.run(_run(cache))[1:] == (b"1", b"miss")
    assert cache.lru is not None and not cache.lru.entries
    assert asyncio.run(_run(cache))[1:] == (b"2", b"bypass")  # while writing: no cache at all
    writes[0].__exit__(None, None, None)
    assert asyncio.run(_run(cache))[1:] == (b"3", b"miss")
    assert asyncio.run(_run(cache))[1:] == (b"3", b"hit")


def test_concurrent_misses_of_one_url_run_it_once() -> None:
    app = Counting(delay=0.05)
    cache = ResponseCache(app, Generation(), max_bytes=1 << 20, cache_control="no-cache")

    async def many() -> list[tuple[int, bytes, bytes]]:
        return await asyncio.gather(*(_run(cache) for _ in range(10)))

    answers = asyncio.run(many())
    assert app.calls == 1
    assert {a[1] for a in answers} == {b"1"}
    assert sorted(a[2] for a in answers) == [b"hit"] * 9 + [b"miss"]


def test_only_api_gets_are_cached() -> None:
    app = Counting()
    cache = ResponseCache(app, Generation(), max_bytes=1 << 20, cache_control="no-cache")
    asyncio.run(_run(cache, "/static/app.js"))
    asyncio.run(_run(cache, "/static/app.js"))
    assert app.calls == 2


def test_the_cache_is_bounded_and_drops_the_least_recently_used() -> None:
    lru = Lru(max_bytes=800)
    for i in range(10):
        lru.put((0, f"/api/{i}"), Entry(b"x" * 100, [], b'"e"'))
        lru.get((0, "/api/0"))  # kept warm
    assert lru.size <= 800 and (0, "/api/0") in lru.entries and (0, "/api/1") not in lru.entries
    lru.put((0, "/api/big"), Entry(b"x" * 101, [], b'"e"'))  # over 1/8 of the cache: not kept
    assert (0, "/api/big") not in lru.entries
    lru.put((1, "/api/new"), Entry(b"y", [], b'"f"'))
    lru.drop_before(1)
    assert list(lru.entries) == [(1, "/api/new")] and lru.size == 1


def test_etag_matching() -> None:
    assert etag_matches(b'"a", W/"b"', b'"b"') and etag_matches(b"*", b'"a"')
    assert not etag_matches(b'"a"', b'"b"') and not etag_matches(None, b'"a"')


def test_several_workers_need_a_read_only_store(web_db: Path) -> None:
    with pytest.raises(ConfigError, match="single worker"):
        serve(web_db, allow_ingest=True, token=TOKEN, workers=2)


@pytest.mark.slow
def test_serve_with_two_workers_answers_from_both(web_db: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in ("DATELINE_DB", "DATELINE_CONFIG", "DATELINE_TOKEN")}
    server = subprocess.Popen([sys.executable, "-m", "dateline", "serve", "--db", str(web_db), "--port", str(port),
                               "--workers", "2"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline, answers = time.monotonic() + 90, []
        while time.monotonic() < deadline and len(answers) < 20:
            try:
                answers.append(httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=10))
            except httpx.HTTPError:
                assert server.poll() is None, server.stderr.read().decode()[-2000:] if server.stderr else ""
                time.sleep(0.3)
        assert len(answers) == 20 and {a.status_code for a in answers} == {200}
        assert len({a.headers["etag"] for a in answers}) == 1  # every process gives the same answer and tag
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert err.decode().count("Started server process") >= 2, err.decode()[-2000:]


def test_misses_queue_for_a_bounded_number_of_slots_and_hits_never_wait() -> None:
    running, peak = 0, 0

    async def slow(scope: Any, receive: Any, send: Any) -> None:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.05)
        running -= 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": scope["path"].encode()})

    cache = ResponseCache(slow, Generation(), max_bytes=1 << 20, cache_control="no-cache", concurrent=2)

    async def scenario() -> float:
        await _run(cache, "/api/warm")
        crowd = [asyncio.ensure_future(_run(cache, f"/api/{i}")) for i in range(10)]
        await asyncio.sleep(0.01)
        t0 = time.perf_counter()
        assert (await _run(cache, "/api/warm"))[2] == b"hit"
        waited = time.perf_counter() - t0
        await asyncio.gather(*crowd)
        return waited

    waited = asyncio.run(scenario())
    assert peak == 2
    assert waited < 0.04  # the crowd of misses takes 0.25 s; the hit went out at once
