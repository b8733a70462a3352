"""CPU per uncached API request, by kind of request of the load mix, in-process (no HTTP, no cache).

    python benchmarks/web_cost.py                     # 30 requests of each kind, 100,000-event store
    python benchmarks/web_cost.py --per-kind 10 --only events
    python benchmarks/web_cost.py --profile "events by type"   # cProfile of the event loop's thread only
    python benchmarks/web_cost.py --misses 1500 --cache-mb 0   # the misses of 1,500 requests of the mix, in order
    python benchmarks/web_cost.py --statements "events by type"  # CPU of each DuckDB statement of those requests

Each request is drawn (seeded) from `benchmarks.load_mix.Workload`, the mix `benchmarks/load.py`
sends, and put straight to the ASGI app of `dateline serve` with the answer cache off; the CPU of
this process (every thread: routes run in a worker thread) is read around it. So the figure is the
server's own cost of a miss, without the HTTP layer or a load generator. The weighted mean uses the
mix's weights: it is what a miss of the varied mix costs on average.

With --misses N the app runs on the first occurrence of each URL among N requests drawn as
`benchmarks/load.py` draws them (seeded), in that order: the misses of a load run with the cache on,
so the kinds weigh as they do there (--cache-mb: the app's web.cache_mb; each URL is new, so a cache
only adds its own bookkeeping).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import random
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.load_mix import Workload
from benchmarks.web_api import DATA


async def call(app: Any, url: str) -> tuple[int, bytes]:
    """GET `url` from the ASGI app in this process: (status, body)."""
    path, _, query = url.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": query.encode(), "root_path": "",
             "headers": [(b"host", b"localhost"), (b"accept", b"*/*")], "client": ("127.0.0.1", 1),
             "server": ("127.0.0.1", 80)}
    status, chunks = 0, []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(chunks)


def urls(workload: Workload, per_kind: int, seed: int, only: str | None) -> dict[str, list[str]]:
    """`per_kind` URLs of each kind of the mix (those whose name contains `only`), seeded."""
    rng = random.Random(seed)
    out: dict[str, list[str]] = {}
    for name, _ in workload.kinds_of_request:
        if only and only not in name:
            continue
        method = getattr(workload, "_" + name.replace(" ", "_").replace(",", "").replace("+", "_"))
        out[name] = [method(rng) for _ in range(per_kind)]
    return out


async def measure(app: Any, by_kind: dict[str, list[str]]) -> dict[str, list[float]]:
    """CPU ms of each request, by kind; a non-200 answer stops the run (the figures would lie)."""
    for kind in by_kind.values():  # warm up: the first request builds routes and reads the schema
        await call(app, kind[0])
    cost: dict[str, list[float]] = {}
    for name, kind in by_kind.items():
        cost[name] = []
        for url in kind:
            t0 = time.process_time()
            status, body = await call(app, url)
            cost[name].append((time.process_time() - t0) * 1000)
            if status != 200:
                raise SystemExit(f"{url}: {status} {body[:200]!r}")
    return cost


class _Fetched:
    """A statement's rows, fetched inside the timing: the cursor methods the web queries use."""

    def __init__(self, description: Any, rows: list[Any]) -> None:
        self.description, self._rows = description, rows

    def fetchall(self) -> list[Any]:
        rows, self._rows = self._rows, []
        return rows

    def fetchone(self) -> Any:
        return self._rows.pop(0) if self._rows else None


class TimedCursor:
    """A request's DuckDB cursor that records the CPU of each statement, fetching included, by its SQL."""

    spent: dict[str, list[float]] = {}

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def execute(self, sql: str, params: Any = None) -> Any:
        t0 = time.process_time()
        result = self._cursor.execute(sql, params) if params is not None else self._cursor.execute(sql)
        rows = result.fetchall() if result.description else []
        fetched = _Fetched(result.description, rows)
        key = re.sub(r"(\?, )+\?", "?...", " ".join(sql.split()))
        self.spent.setdefault(key, []).append((time.process_time() - t0) * 1000)
        return fetched

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)


def statements(path: Path, by_kind: dict[str, list[str]]) -> None:
    """Per DuckDB statement of these requests: calls, median CPU ms, and its share of the requests' CPU."""
    from dateline.web import db
    from dateline.web.app import create_app

    plain = db.Database.cursor
    db.Database.cursor = lambda self: TimedCursor(plain(self))  # type: ignore[method-assign,assignment,return-value]
    try:
        app = create_app(path, cache_mb=0, concurrent_queries=0)
        asyncio.run(measure(app, {k: v[:1] for k, v in by_kind.items()}))  # warm-up, not counted
        TimedCursor.spent.clear()
        cost = asyncio.run(measure(app, by_kind))
    finally:
        db.Database.cursor = plain  # type: ignore[method-assign]
    total = sum(sum(ms) for ms in cost.values())
    print(f"| statement | calls | median CPU ms | share of the requests' CPU |  ({sum(map(len, cost.values()))} "
          f"requests, {total / sum(map(len, cost.values())):.1f} ms CPU each, {path.name})")
    print("|---|---:|---:|---:|")
    for sql, ms in sorted(TimedCursor.spent.items(), key=lambda kv: -sum(kv[1])):
        print(f"| `{sql[:150]}{'...' if len(sql) > 150 else ''}` | {len(ms)} | {statistics.median(ms):.2f} "
              f"| {sum(ms) / total:.0%} |")


def sequence(workload: Workload, n: int, seed: int) -> list[tuple[str, str]]:
    """(kind, url) of the distinct URLs among `n` requests drawn like a load run, first occurrences in order."""
    rng, seen, order = random.Random(seed), set(), []
    for _ in range(n):
        name, url = workload.draw(rng)
        if url not in seen:
            seen.add(url)
            order.append((name, url))
    return order


async def measure_in_order(app: Any, drawn: list[tuple[str, str]]) -> dict[str, list[float]]:
    """CPU ms of each request, run in the order given, by kind."""
    cost: dict[str, list[float]] = {}
    for name, url in drawn:
        t0 = time.process_time()
        status, body = await call(app, url)
        cost.setdefault(name, []).append((time.process_time() - t0) * 1000)
        if status != 200:
            raise SystemExit(f"{url}: {status} {body[:200]!r}")
    return cost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000, help="events of benchmarks/web_api.py's store")
    parser.add_argument("--per-kind", type=int, default=30, help="requests of each kind")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", help="only the kinds whose name contains this")
    parser.add_argument("--profile", metavar="KIND", help="cProfile the requests of kinds containing KIND")
    parser.add_argument("--misses", type=int, metavar="N", help="the distinct URLs of N drawn requests, in order")
    parser.add_argument("--statements", metavar="KIND", help="CPU of each DuckDB statement of the kinds containing KIND")
    parser.add_argument("--cache-mb", type=int, help="web.cache_mb of the app with --misses (default: the configured one)")
    args = parser.parse_args()
    from dateline.web.app import CACHE_MB, create_app

    path = DATA / f"web_events_{args.events}.duckdb"
    if not path.exists():
        raise SystemExit(f"{path} is missing: `python benchmarks/load.py --duration 1` builds it")
    workload = Workload(path)
    weights = dict(workload.kinds_of_request)
    if args.misses:
        drawn = sequence(workload, args.misses, args.seed)
        app = create_app(path, cache_mb=CACHE_MB if args.cache_mb is None else args.cache_mb, concurrent_queries=0)
        report(asyncio.run(measure_in_order(app, drawn)), weights, f"{len(drawn)} misses of {args.misses} "
               f"requests, {path.name}")
        return
    by_kind = urls(workload, args.per_kind, args.seed, args.profile or args.statements or args.only)
    if args.statements:
        statements(path, by_kind)
        return
    app = create_app(path, cache_mb=0, concurrent_queries=0)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        asyncio.run(measure(app, by_kind))
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
        return
    report(asyncio.run(measure(app, by_kind)), weights, f"{args.per_kind} requests each, {path.name}")


def report(cost: dict[str, list[float]], weights: dict[str, int], what: str) -> None:
    """A table of CPU ms per kind, and the means over all requests (weighted by the mix, and as run)."""
    print(f"| kind | weight | requests | mean CPU ms | median | max |  ({what})")
    print("|---|---:|---:|---:|---:|---:|")
    for name in sorted(cost, key=list(weights).index):
        ms = cost[name]
        print(f"| {name} | {weights[name]} | {len(ms)} | {statistics.fmean(ms):.1f} | {statistics.median(ms):.1f} "
              f"| {max(ms):.1f} |")
    total = sum(weights[n] for n in cost)
    mean = sum(weights[n] * statistics.fmean(ms) for n, ms in cost.items()) / total
    every = [m for ms in cost.values() for m in ms]
    print(f"CPU per uncached request: {mean:.1f} ms weighted by the mix, {statistics.fmean(every):.1f} ms "
          f"over the {len(every)} requests run")


if __name__ == "__main__":
    main()
