"""API under load: concurrent httpx clients against `dateline serve` on 127.0.0.1, for a fixed time.

    python benchmarks/load.py                          # 50 clients, 60 s, store of 100,000 events
    python benchmarks/load.py --clients 10 --duration 10 --events 20000      # a quick run
    python benchmarks/load.py --ingest --duration 30   # readers while batches are POSTed to /api/ingest

The server is a real `dateline serve` process (uvicorn, one worker) on a free port of 127.0.0.1; any
other host is refused. The store is benchmarks/web_api.py's generated one (built by its `build` if
missing). Each client loops over a fixed mix of the main queries (events with filters, figures,
stories, actors, articles, search, an article page) and records latency and status; anything but a
200 is an error. Client and server share this machine's cores, so figures are a floor.

With --ingest the server runs on a copy of the store with `--allow-ingest --token`, one writer POSTs
batches of generated articles while the readers run, and every response is checked for torn reads:
a page whose rows disagree with its own total, a count that goes backwards for a client, an article
listed but not found, a search whose total disagrees with its rows, a stats block whose numbers
disagree with each other. A separate `dateline ingest` on the same file is also tried: it must fail
with the "in use by process PID" error naming the server.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import generate
from benchmarks.web_api import DATA, build, queries

LOCAL = {"127.0.0.1", "localhost", "::1"}


def check_host(host: str) -> str:
    """Only this machine: a load test is never pointed at anyone else's server."""
    if host not in LOCAL:
        raise SystemExit(f"refusing to load-test {host!r}: only 127.0.0.1 (this machine) is allowed")
    return host


def store_path(events: int) -> Path:
    path = DATA / f"web_events_{events}.duckdb"
    if not path.exists():
        t0 = time.perf_counter()
        build(path.with_suffix(".tmp"), events)
        path.with_suffix(".tmp").rename(path)
        print(f"generated {path} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return path


def mix(path: Path) -> list[tuple[str, str, int]]:
    """(name, url, weight): the page's main queries, weighted roughly as the page issues them."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        urls = queries(con)
    finally:
        con.close()
    weights = {"events page 1": 4, "events by type": 3, "events in a date range": 3, "events, type+dates+bbox": 2,
               "event map points, period": 2, "event histogram": 2, "event detail": 2, "figures page 1": 2,
               "figures by kind": 2, "stories": 2, "story detail": 1, "actors": 2, "actor detail": 1,
               "articles page 1": 3, "article detail": 3, "search": 2, "article histogram (timeline)": 2,
               "stats": 1, "events by actor": 1, "place detail": 1}
    return [(name, url, weights.get(name, 0)) for name, url in urls.items() if weights.get(name, 0)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(db: Path, host: str, port: int, token: str | None = None) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "dateline", "serve", "--db", str(db), "--host", host, "--port", str(port)]
    env = {k: v for k, v in os.environ.items() if k not in ("DATELINE_DB", "DATELINE_CONFIG", "DATELINE_TOKEN")}
    if token:
        cmd.append("--allow-ingest")
        env["DATELINE_TOKEN"] = token
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server failed: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
        try:
            if httpx.get(f"http://{host}:{port}/api/stats", timeout=5).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start within 120 s")


class Results:
    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: Counter[str] = Counter()
        self.torn: list[str] = []
        self.examples: list[str] = []

    def error(self, name: str, detail: str) -> None:
        self.errors[name] += 1
        if len(self.examples) < 10:
            self.examples.append(f"{name}: {detail}")


async def reader(client: httpx.AsyncClient, urls: list[tuple[str, str, int]], until: float, rng: random.Random,
                 results: Results, check: bool) -> None:
    names = [u[0] for u in urls]
    weights = [u[2] for u in urls]
    by_name = {u[0]: u[1] for u in urls}
    seen_articles = 0  # the largest article count this client has seen (counts may only grow)
    while time.monotonic() < until:
        name = rng.choices(names, weights)[0]
        url = by_name[name]
        t0 = time.perf_counter()
        try:
            response = await client.get(url)
        except httpx.HTTPError as exc:
            results.error(name, f"{type(exc).__name__}: {exc}")
            continue
        results.latency[name].append((time.perf_counter() - t0) * 1000)
        if response.status_code != 200:
            results.error(name, f"HTTP {response.status_code}: {response.text[:200]}")
            continue
        if check:
            seen_articles = await torn_reads(client, name, response.json(), seen_articles, results)


async def torn_reads(client: httpx.AsyncClient, name: str, body: dict[str, Any], seen: int, results: Results) -> int:
    """Check one response for internal consistency; returns the article count this client has now seen."""
    if name == "stats":
        if body["articles"] < seen:
            results.torn.append(f"stats: article count went back from {seen} to {body['articles']}")
        seen = max(seen, body["articles"])
    if name == "articles page 1":
        rows, total, offset = body["articles"], body["total"], body["offset"]
        if len(rows) != max(0, min(body["limit"], total - offset)):
            results.torn.append(f"articles page: {len(rows)} rows with total {total}")
        if total < seen:
            results.torn.append(f"articles page: total went back from {seen} to {total}")
        seen = max(seen, total)
        if rows:  # the newest listed article must be there to open
            one = await client.get(f"/api/articles/{rows[0]['id']}")
            if one.status_code != 200:
                results.torn.append(f"article {rows[0]['id']} listed but {one.status_code} when opened")
    if name == "search" and len(body["articles"]) != min(body["total_articles"], 20):
        results.torn.append(f"search: {len(body['articles'])} articles with total {body['total_articles']}")
    if name == "ingest-search" and len(body["articles"]) != min(body["total"] - body["offset"], body["limit"]):
        results.torn.append(f"new articles page: {len(body['articles'])} rows with total {body['total']}")
    return seen


async def writer(client: httpx.AsyncClient, token: str, until: float, batch: int, pause: float,
                 results: Results) -> tuple[int, int]:
    """POST batches of generated articles until `until`; (batches, articles stored)."""
    records = generate(100_000, seed=11)
    sent = stored = 0
    while time.monotonic() < until:
        body = "".join(json.dumps(next(records)) + "\n" for _ in range(batch))
        t0 = time.perf_counter()
        response = await client.post("/api/ingest", content=body.encode(), timeout=300,
                                     headers={"Authorization": f"Bearer {token}",
                                              "Content-Type": "application/x-ndjson"})
        results.latency["POST /api/ingest"].append((time.perf_counter() - t0) * 1000)
        sent += 1
        if response.status_code != 200:
            results.error("POST /api/ingest", f"HTTP {response.status_code}: {response.text[:200]}")
        else:
            report = response.json()
            stored += report["new"]
            if report["new"] != batch:
                results.torn.append(f"ingest stored {report['new']} of {batch} new articles")
        await asyncio.sleep(pause)
    return sent, stored


def separate_ingest(db: Path, server: subprocess.Popen[bytes]) -> str:
    """A second writer (`dateline ingest`) on the file the server holds: it must fail and name the server."""
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "one.jsonl"
        one.write_text(json.dumps(next(generate(1, seed=99))) + "\n", encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "dateline", "ingest", str(one), "--db", str(db)],
                              capture_output=True, text=True, timeout=120, check=False)
    message = done.stderr.strip().splitlines()[0] if done.stderr.strip() else ""
    ok = done.returncode == 2 and f"process {server.pid}" in message
    return f"{'ok' if ok else 'UNEXPECTED'}: exit {done.returncode}, {message!r}"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(len(ordered) * p) - 1))] if ordered else float("nan")


async def load(base: str, urls: list[tuple[str, str, int]], clients: int, duration: float, seed: int,
               token: str | None, batch: int, pause: float) -> tuple[Results, float, tuple[int, int] | None]:
    results = Results()
    # Idle connections are dropped by the client after 2 s, before uvicorn's 5 s keep-alive timeout:
    # with equal timeouts a request can be sent on a connection the server is closing (a ReadError
    # that says nothing about the server; browsers retry those).
    limits = httpx.Limits(max_connections=clients + 2, max_keepalive_connections=clients + 2, keepalive_expiry=2.0)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        await client.get("/api/stats")
        started = time.monotonic()
        until = started + duration
        tasks = [reader(client, urls, until, random.Random(seed + i), results, check=token is not None)
                 for i in range(clients)]
        written = None
        if token:
            tasks.append(writer(client, token, until, batch, pause, results))
        done = await asyncio.gather(*tasks)
        elapsed = time.monotonic() - started
        if token:
            written = done[-1]
    return results, elapsed, written


def report(results: Results, elapsed: float, clients: int) -> dict[str, Any]:
    every = [t for name, times in results.latency.items() if name != "POST /api/ingest" for t in times]
    errors = sum(v for k, v in results.errors.items() if k != "POST /api/ingest")
    summary = {"clients": clients, "seconds": round(elapsed, 1), "requests": len(every),
               "requests_per_s": round(len(every) / elapsed, 1), "p50_ms": round(percentile(every, 0.50), 1),
               "p95_ms": round(percentile(every, 0.95), 1), "p99_ms": round(percentile(every, 0.99), 1),
               "errors": errors, "torn_reads": len(results.torn)}
    print(f"{'query':34} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for name, times in sorted(results.latency.items()):
        print(f"{name:34} {len(times):6} {statistics.median(times):8.1f} {percentile(times, 0.95):8.1f} "
              f"{percentile(times, 0.99):8.1f} {results.errors.get(name, 0):7}")
    print(f"all reads: {summary['requests']} requests in {summary['seconds']} s = {summary['requests_per_s']} req/s; "
          f"p50 {summary['p50_ms']} ms, p95 {summary['p95_ms']} ms, p99 {summary['p99_ms']} ms; "
          f"errors {summary['errors']}; torn reads {summary['torn_reads']}")
    for example in results.examples:
        print("  error:", example)
    for torn in results.torn[:10]:
        print("  torn:", torn)
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000, help="events in the generated store")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--host", default="127.0.0.1", help="only 127.0.0.1 / localhost / ::1")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ingest", action="store_true", help="also POST article batches while reading (torn-read checks)")
    parser.add_argument("--batch", type=int, default=200, help="articles per POSTed batch")
    parser.add_argument("--pause", type=float, default=0.5, help="seconds between POSTed batches")
    parser.add_argument("--json", type=Path, help="also write the summary here")
    args = parser.parse_args(argv)
    host = check_host(args.host)
    path = store_path(args.events)
    urls = mix(path)
    token = secrets.token_urlsafe(24) if args.ingest else None
    work = None
    if token:  # the writer gets a private copy: the generated store stays as built
        work = Path(tempfile.mkdtemp(prefix="dateline-load-", dir=DATA))
        path = Path(shutil.copyfile(path, work / path.name))
        urls.append(("ingest-search", "/api/articles?outlet=Tigris%20Wire&limit=1000", 3))
    port = free_port()
    server = serve(path, host, port, token)
    try:
        print(f"{args.clients} clients for {args.duration:.0f} s against http://{host}:{port} "
              f"({path.name}{', with ingest' if token else ''}); server pid {server.pid}")
        results, elapsed, written = asyncio.run(load(f"http://{host}:{port}", urls, args.clients, args.duration,
                                                     args.seed, token, args.batch, args.pause))
        summary = report(results, elapsed, args.clients)
        if written is not None:
            summary.update({"ingest_batches": written[0], "ingested": written[1],
                            "ingest_errors": results.errors.get("POST /api/ingest", 0)})
            print(f"ingest: {written[0]} batches POSTed, {written[1]} articles stored, "
                  f"{summary['ingest_errors']} errors")
            summary["separate_ingest"] = separate_ingest(path, server)
            print(f"a separate `dateline ingest` on the served file: {summary['separate_ingest']}")
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stderr:
            server.stderr.close()
        if work:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1))
    bad = summary["errors"] or summary["torn_reads"] or summary.get("ingest_errors") or \
        not str(summary.get("separate_ingest", "ok")).startswith("ok")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
