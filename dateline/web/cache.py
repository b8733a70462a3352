"""Answers cached per store generation, with ETag / If-None-Match (304) and Cache-Control.

A served store changes only through this process: read-only, nothing else may write the file while
it is open (DuckDB's lock), and with ingest allowed the app is the file's single writer. So the
store's version is a counter in memory, `Generation`, that the ingest route bumps after each commit:
checking it costs nothing per request, and an answer cached under one generation is never served
under the next.

`ResponseCache` is an ASGI middleware over GET /api/*: a hit is sent from memory without reaching
FastAPI or DuckDB; a miss runs the route and keeps its 200 answer (LRU, bounded in bytes). Every
answer carries an ETag (a hash of its body, so it is the same in every worker and across restarts
of an unchanged store) and a request whose If-None-Match names it gets 304. Concurrent misses of one
URL run the route once (the others wait for it), and at most `concurrent` misses run at once, so
a hit never waits behind a crowd of queries. `X-Cache: hit|miss|bypass` says what happened.

No torn reads: while a write is in progress the cache is bypassed (neither read nor filled), and an
answer is kept only if no write began or ended while it was computed, so every kept answer comes
from the snapshot of the generation it is filed under.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_ENTRY_FRACTION = 8  # one answer may take at most 1/8 of the cache
_OWN_HEADERS = {b"content-length", b"etag", b"cache-control", b"vary", b"date", b"server", b"x-cache"}


class Generation:
    """The store's version in this process: bumped after every committed write.

    `current()` is None while a write is in progress (answers then are neither cached nor served from
    the cache). Thread-safe: the ingest route writes in a worker thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value = 0
        self._writing = 0

    def current(self) -> int | None:
        with self._lock:
            return None if self._writing else self._value

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Wrap a write: the cache is bypassed from before it starts until after it commits (or fails)."""
        with self._lock:
            self._writing += 1
        try:
            yield
        finally:
            with self._lock:
                self._value += 1
                self._writing -= 1


@dataclass(slots=True)
class Entry:
    """One cached 200 answer: its body, its headers (less those this layer sets), its ETag."""

    body: bytes
    headers: list[tuple[bytes, bytes]]
    etag: bytes


@dataclass(slots=True)
class CacheStats:
    hits: int = 0
    misses: int = 0
    bypassed: int = 0
    not_modified: int = 0


@dataclass
class Lru:
    """Entries by key, least recently used first, bounded by the sum of their body sizes."""

    max_bytes: int
    entries: OrderedDict[tuple[Any, ...], Entry] = field(default_factory=OrderedDict)
    size: int = 0

    def get(self, key: tuple[Any, ...]) -> Entry | None:
        entry = self.entries.get(key)
        if entry is not None:
            self.entries.move_to_end(key)
        return entry

    def put(self, key: tuple[Any, ...], entry: Entry) -> None:
        if len(entry.body) > self.max_bytes // MAX_ENTRY_FRACTION:
            return
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old.body)
        self.entries[key] = entry
        self.size += len(entry.body)
        while self.size > self.max_bytes and self.entries:
            _, dropped = self.entries.popitem(last=False)
            self.size -= len(dropped.body)

    def drop_before(self, generation: int) -> None:
        """Forget every answer of an older generation (keys start with their generation)."""
        for key in [k for k in self.entries if k[0] < generation]:
            self.size -= len(self.entries.pop(key).body)


def etag_of(body: bytes) -> bytes:
    return b'"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'


def etag_matches(header: bytes | None, etag: bytes) -> bool:
    """If-None-Match against our ETag (weak comparison, as RFC 9110 asks for If-None-Match)."""
    if not header:
        return False
    tags = [t.strip().removeprefix(b"W/") for t in header.split(b",")]
    return b"*" in tags or etag in tags


class ResponseCache:
    """ASGI middleware: GET /api/* answers cached per store generation, with ETags and 304s."""

    def __init__(self, app: ASGIApp, generation: Generation, *, max_bytes: int, cache_control: str,
                 prefix: str = "/api/", concurrent: int = 0) -> None:
        self.app = app
        self.concurrent = concurrent  # questions put to the store at once (0: no bound)
        self._slots: tuple[asyncio.AbstractEventLoop, asyncio.Semaphore] | None = None
        self.generation = generation
        self.lru = Lru(max_bytes) if max_bytes > 0 else None
        self.cache_control = cache_control.encode()
        self.prefix = prefix
        self.stats = CacheStats()
        self._pending: dict[tuple[Any, ...], asyncio.Future[Entry | None]] = {}
        self._seen_generation = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        generation = self.generation.current()
        if generation is None or self.lru is None:
            self.stats.bypassed += 1
            await self._answer(scope, receive, send, headers, None, b"bypass")
            return
        if generation != self._seen_generation:  # the store changed: older answers can never be served
            self.lru.drop_before(generation)
            self._seen_generation = generation
        key = (generation, scope["path"], _canonical_query(scope.get("query_string", b"")),
               headers.get(b"accept", b""))
        entry = self.lru.get(key)
        pending = self._pending.get(key)
        if entry is None and pending is not None and pending.get_loop() is asyncio.get_running_loop():
            entry = await asyncio.shield(pending)  # the same question is being answered: wait for it
        if entry is not None:
            self.stats.hits += 1
            await self._send_entry(send, entry, headers, b"hit")
            return
        self.stats.misses += 1
        await self._answer(scope, receive, send, headers, key, b"miss")

    async def _answer(self, scope: Scope, receive: Receive, send: Send, headers: dict[bytes, bytes],
                      key: tuple[Any, ...] | None, state: bytes) -> None:
        """Run the app, buffering its answer; keep a 200 under `key` when no write intervened."""
        waiting: asyncio.Future[Entry | None] | None = None
        if key is not None:
            waiting = asyncio.get_running_loop().create_future()
            self._pending[key] = waiting
        start: Message = {}
        chunks: list[bytes] = []
        kept: Entry | None = None

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        try:
            async with self._slot():
                await self.app(scope, receive, capture)
            body = b"".join(chunks)
            if start.get("status") == 200:
                replayed = [(k, v) for k, v in start.get("headers", []) if k.lower() not in _OWN_HEADERS]
                kept = Entry(body, replayed, etag_of(body))
                if key is not None and self.lru is not None and self.generation.current() == key[0]:
                    self.lru.put(key, kept)
                await self._send_entry(send, kept, headers, state)
            else:
                await send(start)
                await send({"type": "http.response.body", "body": body})
        finally:
            if key is not None and waiting is not None:
                self._pending.pop(key, None)
                waiting.set_result(kept if self.generation.current() == key[0] else None)

    def _slot(self) -> asyncio.Semaphore | contextlib.nullcontext[None]:
        """A place among the `concurrent` questions the store answers at once. Without a bound, 50
        clients' misses run as 40 threads contending for the GIL and the cores, and cached answers,
        sent from the event loop, wait behind them; with one, misses queue and hits go straight out."""
        if self.concurrent <= 0:
            return contextlib.nullcontext()
        loop = asyncio.get_running_loop()
        if self._slots is None or self._slots[0] is not loop:  # a semaphore belongs to one event loop
            self._slots = (loop, asyncio.Semaphore(self.concurrent))
        return self._slots[1]

    async def _send_entry(self, send: Send, entry: Entry, headers: dict[bytes, bytes], state: bytes) -> None:
        common = [(b"etag", entry.etag), (b"cache-control", self.cache_control), (b"vary", b"Accept"),
                  (b"x-cache", state)]
        if etag_matches(headers.get(b"if-none-match"), entry.etag):
            self.stats.not_modified += 1
            await send({"type": "http.response.start", "status": 304, "headers": common})
            await send({"type": "http.response.body", "body": b""})
            return
        out = [*entry.headers, *common, (b"content-length", str(len(entry.body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": out})
        await send({"type": "http.response.body", "body": entry.body})


def _canonical_query(raw: bytes) -> str:
    """The query string with its parameters sorted: `?a=1&b=2` and `?b=2&a=1` share an answer."""
    if not raw:
        return ""
    pairs = parse_qsl(raw.decode("latin-1"), keep_blank_values=True)
    return urlencode(sorted(pairs, key=lambda pair: pair[0]))  # stable: repeated names keep their order
