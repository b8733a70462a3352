"""API under load: simulated users on keep-alive connections to `dateline serve` on 127.0.0.1, for a fixed time.

    python benchmarks/load.py --compare                # the four runs below, one after the other, and a table
    python benchmarks/load.py                          # 50 clients, 60 s, 100,000 events, cache on, 1 worker
    python benchmarks/load.py --no-cache --workers 2   # the same without the answer cache, two processes
    python benchmarks/load.py --ingest                 # readers while batches are POSTed to /api/ingest
    python benchmarks/load.py --fixed-mix              # the earlier fixed mix of 20 URLs (trivial for a cache)
    python benchmarks/load.py --clients 10 --duration 10 --events 20000      # a quick run
    python benchmarks/load.py --think 1,5              # clients pause 1-5 s after each answer, like analysts

The server is a real `dateline serve` process (uvicorn; `--workers N` processes, each opening the
store read-only) on a free port of 127.0.0.1; any other host is refused. The store is
benchmarks/web_api.py's generated one (built by its `build` if missing). Each client loops over
requests drawn (seeded) from the store's own values like many analysts on the page: events by
popular and rare types and actors, month/quarter/year windows, boxes, pages 1-10, map points,
histograms, figures, stories, actors, places, articles, search words, single events, articles and
stories (see `Workload`), on its own keep-alive connection (a minimal HTTP/1.1 client: httpx cost
more CPU per request than a cached answer costs the server). By default a client sends its next
request as soon as an answer arrives (a closed loop at saturation: it measures capacity, and the
latency 50 such clients queue for); `--think MIN,MAX` pauses each client between answers as an
analyst reading the page would (and starts each client within the first MAX seconds, not all at once). Anything but a 200 is an error. The server's `X-Cache` header gives the
cache hit rate. Client and server share this machine's cores, so the figures are a floor; the load
average is printed before and after each run.

With --ingest the server runs on a copy of the store with `--allow-ingest --token` (one process,
the cache on: it expires at each commit), one writer POSTs batches of generated articles while the
readers run, and every response is checked for torn reads: a page whose rows disagree with its own
total, a count that goes backwards for a client, an article listed but not found, a search whose
total disagrees with its rows, an article count below a total seen earlier. A separate
`dateline ingest` on the same file is also tried: it must fail with the "in use by process PID"
error naming the server.
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import generate
from benchmarks.load_mix import Draw, Workload, fixed_draw, fixed_mix
from benchmarks.web_api import DATA, build

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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True, slots=True)
class Setup:
    """One server configuration under test."""

    cache: bool = True
    workers: int = 1
    sets: tuple[str, ...] = ()  # more `--set KEY=VALUE` for the server

    @property
    def label(self) -> str:
        return (f"cache {'on' if self.cache else 'off'}, {self.workers} worker{'s' if self.workers > 1 else ''}"
                + "".join(f", {s}" for s in self.sets))

    def flags(self) -> list[str]:
        sets = ([] if self.cache else ["web.cache_mb=0"]) + list(self.sets)
        return ["--workers", str(self.workers)] + [arg for s in sets for arg in ("--set", s)]


def serve(db: Path, host: str, port: int, setup: Setup, log: Path, token: str | None = None) -> subprocess.Popen[bytes]:
    """`dateline serve` in a child process, once it answers; its stderr goes to `log`."""
    cmd = [sys.executable, "-m", "dateline", "serve", "--db", str(db), "--host", host, "--port", str(port),
           *setup.flags()]
    env = {k: v for k, v in os.environ.items() if k not in ("DATELINE_DB", "DATELINE_CONFIG", "DATELINE_TOKEN")}
    if token:
        cmd.append("--allow-ingest")
        env["DATELINE_TOKEN"] = token
    with log.open("wb") as err:
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server failed: {log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"http://{host}:{port}/api/stats", timeout=5).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start within 120 s")


def server_cpu(pid: int) -> float:
    """CPU seconds used so far by the server and its worker processes (Linux /proc; 0 elsewhere).

    Unlike latency, this hardly depends on what else the machine runs: it says what each request costs."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):  # the server, or a process it started
            total += (int(fields[11]) + int(fields[12])) / ticks  # utime + stime
    return total


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=30)


class Results:
    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: Counter[str] = Counter()
        self.cache: Counter[str] = Counter()
        self.torn: list[str] = []
        self.examples: list[str] = []
        self.server_cpu = 0.0  # CPU seconds of the server's processes during the run
        self.client_cpu = 0.0  # and of this load generator

    def error(self, name: str, detail: str) -> None:
        self.errors[name] += 1
        if len(self.examples) < 10:
            self.examples.append(f"{name}: {detail}")


@dataclass(frozen=True, slots=True)
class Reply:
    status_code: int
    headers: dict[str, str]
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")

    def json(self) -> Any:
        return json.loads(self.content)


class Connection:
    """One simulated user's keep-alive HTTP/1.1 connection, GET only, on asyncio streams.

    httpx spent 5-7 ms of CPU per request here, four times what a cached answer costs the server,
    on the same two cores; this costs well under a millisecond, so the figures say more about the
    server. A request that finds its reused connection closed by the server is retried once on a new
    one (as browsers do); any other failure is an error."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> Reply:
        for attempt in range(2):
            fresh = self.streams is None
            if self.streams is None:
                self.streams = await asyncio.open_connection(self.host, self.port)
            reader, writer = self.streams
            try:
                writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\nAccept: */*\r\n\r\n".encode())
                await writer.drain()
                head = await reader.readuntil(b"\r\n\r\n")
            except (ConnectionError, asyncio.IncompleteReadError):
                await self.close()
                if fresh or attempt:
                    raise
                continue
            lines = head.decode("latin-1").split("\r\n")
            status = int(lines[0].split(" ", 2)[1])
            headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
            if "content-length" in headers:
                body = await reader.readexactly(int(headers["content-length"]))
            elif headers.get("transfer-encoding", "").lower() == "chunked":
                body = await self._chunked(reader)
            else:
                body = b"" if status in (204, 304) else await reader.read()
            if headers.get("connection", "").lower() == "close" or "content-length" not in headers and \
                    headers.get("transfer-encoding", "").lower() != "chunked" and status not in (204, 304):
                await self.close()
            return Reply(status, headers, body)
        raise ConnectionError("unreachable")

    @staticmethod
    async def _chunked(reader: asyncio.StreamReader) -> bytes:
        parts = []
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)
        await reader.readuntil(b"\r\n")
        return b"".join(parts)

    async def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


async def reader(client: Connection, draw: Draw, until: float, rng: random.Random, results: Results,
                 check: bool, think: tuple[float, float] = (0.0, 0.0)) -> None:
    """One client: request, read the answer, pause `think` seconds (uniform between the two; none by
    default, a closed loop at saturation), until `until`. A paced client first waits up to one pause."""
    seen: dict[str, int] = {}  # per question, the largest count this client has seen (counts may only grow)
    if think[1] > 0:  # paced clients arrive spread over one pause, as people do, not all in the same millisecond
        await asyncio.sleep(rng.uniform(0, think[1]))
    try:
        while time.monotonic() < until:
            name, url = draw(rng)
            t0 = time.perf_counter()
            try:
                response = await asyncio.wait_for(client.get(url), timeout=60)
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
                results.error(name, f"{type(exc).__name__}: {exc}")
                await client.close()
                continue
            results.latency[name].append((time.perf_counter() - t0) * 1000)
            results.cache[response.headers.get("x-cache", "none")] += 1
            if response.status_code != 200:
                results.error(name, f"HTTP {response.status_code} for {url}: {response.text[:200]}")
                continue
            if check:
                await torn_reads(client, name, url, response.json(), seen, results)
            if think[1] > 0:
                await asyncio.sleep(rng.uniform(*think))
    finally:
        await client.close()


def _grew(seen: dict[str, int], key: str, count: int, what: str, results: Results) -> None:
    if count < seen.get(key, 0):
        results.torn.append(f"{what}: count went back from {seen[key]} to {count}")
    seen[key] = max(seen.get(key, 0), count)


async def torn_reads(client: Connection, name: str, url: str, body: dict[str, Any], seen: dict[str, int],
                     results: Results) -> None:
    """Check one response for internal consistency and against what this client saw before."""
    if name == "stats":
        _grew(seen, "stats", body["articles"], "stats", results)
        if body["articles"] < seen.get("any article total", 0):
            results.torn.append(f"stats: {body['articles']} articles after a page total of {seen['any article total']}")
    if name in ("articles page", "articles page 1", "ingest-search"):
        rows, total, offset = body["articles"], body["total"], body["offset"]
        if len(rows) != max(0, min(body["limit"], total - offset)):
            results.torn.append(f"{url}: {len(rows)} rows with total {total}")
        _grew(seen, url.split("&offset=")[0], total, url, results)
        seen["any article total"] = max(seen.get("any article total", 0), total)
        if rows:  # the newest listed article must be there to open
            one = await client.get(f"/api/articles/{rows[0]['id']}")
            if one.status_code != 200:
                results.torn.append(f"article {rows[0]['id']} listed but {one.status_code} when opened")
    if name == "search" and len(body["articles"]) != min(body["total_articles"], 20):
        results.torn.append(f"search: {len(body['articles'])} articles with total {body['total_articles']}")


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


async def load(base: str, draw: Draw, clients: int, duration: float, seed: int, token: str | None, batch: int,
               pause: float, server_pid: int, think: tuple[float, float] = (0.0, 0.0),
               ) -> tuple[Results, float, tuple[int, int] | None]:
    results = Results()
    # Readers use one `Connection` each; httpx only POSTs the writer's batches. Its idle connections are
    # dropped after 2 s, before uvicorn's 5 s keep-alive timeout: with equal timeouts a request can be
    # sent on a connection the server is closing (a ReadError that says nothing about the server).
    limits = httpx.Limits(max_connections=4, max_keepalive_connections=4, keepalive_expiry=2.0)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        await client.get("/api/stats")
        cpu0 = time.process_time()
        results.server_cpu = -server_cpu(server_pid)
        started = time.monotonic()
        until = started + duration
        host, port = base.removeprefix("http://").rsplit(":", 1)
        tasks = [reader(Connection(host, int(port)), draw, until, random.Random(seed + i), results,
                        check=token is not None, think=think) for i in range(clients)]
        written = None
        if token:
            tasks.append(writer(client, token, until, batch, pause, results))
        done = await asyncio.gather(*tasks)
        elapsed = time.monotonic() - started
        results.server_cpu += server_cpu(server_pid)
        results.client_cpu = time.process_time() - cpu0
        if token:
            written = done[-1]
    return results, elapsed, written


def report(results: Results, elapsed: float, clients: int, label: str, load_before: float) -> dict[str, Any]:
    every = [t for name, times in results.latency.items() if name != "POST /api/ingest" for t in times]
    errors = sum(v for k, v in results.errors.items() if k != "POST /api/ingest")
    asked = results.cache["hit"] + results.cache["miss"]
    summary = {"setup": label, "clients": clients, "seconds": round(elapsed, 1), "requests": len(every),
               "requests_per_s": round(len(every) / elapsed, 1), "p50_ms": round(percentile(every, 0.50), 1),
               "p95_ms": round(percentile(every, 0.95), 1), "p99_ms": round(percentile(every, 0.99), 1),
               "errors": errors, "torn_reads": len(results.torn),
               "cache_hit_rate": round(results.cache["hit"] / asked, 3) if asked else None,
               "cache": dict(results.cache), "load_before": round(load_before, 2),
               "load_after": round(os.getloadavg()[0], 2),
               "server_cpu_ms_per_request": round(results.server_cpu * 1000 / max(1, len(every)), 1),
               "client_cpu_ms_per_request": round(results.client_cpu * 1000 / max(1, len(every)), 1)}
    cores = os.cpu_count() or 1
    per_request = (results.server_cpu + results.client_cpu) / max(1, len(every))
    summary["capacity_per_s"] = round(cores / per_request, 1) if per_request else None
    print(f"{'query':34} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for name, times in sorted(results.latency.items()):
        print(f"{name:34} {len(times):6} {statistics.median(times):8.1f} {percentile(times, 0.95):8.1f} "
              f"{percentile(times, 0.99):8.1f} {results.errors.get(name, 0):7}")
    hit = "n/a (cache off)" if summary["cache_hit_rate"] is None else f"{summary['cache_hit_rate']:.1%}"
    print(f"[{label}] all reads: {summary['requests']} requests in {summary['seconds']} s = "
          f"{summary['requests_per_s']} req/s; p50 {summary['p50_ms']} ms, p95 {summary['p95_ms']} ms, "
          f"p99 {summary['p99_ms']} ms; errors {summary['errors']}; torn reads {summary['torn_reads']}; "
          f"cache hit rate {hit} {dict(results.cache)}; load average {summary['load_before']} before, "
          f"{summary['load_after']} after", flush=True)
    print(f"[{label}] CPU per request: server {summary['server_cpu_ms_per_request']} ms, load generator "
          f"{summary['client_cpu_ms_per_request']} ms; so this machine's {cores} cores, idle, could serve about "
          f"{summary['capacity_per_s']} req/s of this mix (a closed loop of {clients} clients then waits about "
          f"{clients / summary['capacity_per_s'] * 1000 if summary['capacity_per_s'] else float('nan'):.0f} ms "
          "per request on average)", flush=True)
    for example in results.examples:
        print("  error:", example)
    for torn in results.torn[:10]:
        print("  torn:", torn)
    return summary


def run_one(args: argparse.Namespace, setup: Setup, path: Path, draw: Draw) -> dict[str, Any]:
    """Serve `path` as `setup`, put the load on it, report; with --ingest on a private copy."""
    host = check_host(args.host)
    token = secrets.token_urlsafe(24) if args.ingest else None
    work = Path(tempfile.mkdtemp(prefix="dateline-load-", dir=DATA))
    if token:  # the writer gets a private copy: the generated store stays as built
        path = Path(shutil.copyfile(path, work / path.name))
        inner = draw

        def draw(rng: random.Random) -> tuple[str, str]:  # also pages of the writer's new articles
            if rng.random() < 0.08:
                return "ingest-search", "/api/articles?outlet=Tigris%20Wire&limit=1000"
            return inner(rng)
    port = free_port()
    load_before = os.getloadavg()[0]
    try:
        server = serve(path, host, port, setup, work / "server.log", token)
    except BaseException:  # a server that did not start leaves no folder behind either
        shutil.rmtree(work, ignore_errors=True)
        raise
    summary: dict[str, Any] = {}
    try:
        command = " ".join(["dateline serve", *setup.flags(), *(["--allow-ingest"] if token else [])])
        print(f"\n== {setup.label}{', with ingest' if token else ''}: {args.clients} clients for "
              f"{args.duration:.0f} s against `{command}` on http://{host}:{port} ({path.name}, "
              f"{'fixed mix' if args.fixed_mix else 'varied mix'}, seed {args.seed}, "
              f"{_pace(args.think)}); "
              f"load average {load_before:.2f}, {os.cpu_count()} cores", flush=True)
        results, elapsed, written = asyncio.run(load(f"http://{host}:{port}", draw, args.clients, args.duration,
                                                     args.seed, token, args.batch, args.pause, server.pid,
                                                     args.think))
        summary = report(results, elapsed, args.clients, setup.label + (", ingest" if token else ""), load_before)
        summary["command"] = command + (f" ({_pace(args.think)})" if args.think[1] else "")
        if written is not None:
            summary.update({"ingest_batches": written[0], "ingested": written[1],
                            "ingest_errors": results.errors.get("POST /api/ingest", 0)})
            print(f"ingest: {written[0]} batches POSTed, {written[1]} articles stored, "
                  f"{summary['ingest_errors']} errors")
            summary["separate_ingest"] = separate_ingest(path, server)
            print(f"a separate `dateline ingest` on the served file: {summary['separate_ingest']}")
    finally:
        stop(server)
        shutil.rmtree(work, ignore_errors=True)
    return summary


def table(summaries: list[dict[str, Any]]) -> None:
    print("\n| server | requests | req/s | p50 ms | p95 ms | p99 ms | errors | cache hit rate | server CPU ms/req "
          "| client CPU ms/req | idle capacity req/s | load avg |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for s in summaries:
        hit = "-" if s["cache_hit_rate"] is None else f"{s['cache_hit_rate']:.0%}"
        print(f"| `{s['command']}` | {s['requests']:,} | {s['requests_per_s']} | {s['p50_ms']:,.0f} | "
              f"{s['p95_ms']:,.0f} | {s['p99_ms']:,.0f} | {s['errors']} | {hit} | {s['server_cpu_ms_per_request']} | "
              f"{s['client_cpu_ms_per_request']} | {s['capacity_per_s']} | {s['load_before']} -> {s['load_after']} |")
    print("(target: p95 < 250 ms, zero errors. 'idle capacity' = cores / (server + client CPU per request): what "
          "this machine could serve with nothing else running; a closed loop of N clients waits about N / req/s)")


def _pace(think: tuple[float, float]) -> str:
    """How the clients pace themselves, for the run's heading and its table row."""
    return "clients pause {:g}-{:g} s after each answer".format(*think) if think[1] else "no pause"


def _think(text: str) -> tuple[float, float]:
    """`MIN,MAX` seconds, 0 <= MIN <= MAX."""
    try:
        low, high = (float(x) for x in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected MIN,MAX seconds, e.g. 1,5; got {text!r}") from None
    if not 0 <= low <= high:
        raise argparse.ArgumentTypeError(f"need 0 <= MIN <= MAX; got {text!r}")
    return low, high


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000, help="events in the generated store")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--host", default="127.0.0.1", help="only 127.0.0.1 / localhost / ::1")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1, help="server processes (`dateline serve --workers`)")
    parser.add_argument("--no-cache", action="store_true", help="serve with `--set web.cache_mb=0`")
    parser.add_argument("--compare", action="store_true", help="run cache off/on x 1 and --workers N processes "
                        "(N defaults to the cores) and print a table")
    parser.add_argument("--fixed-mix", action="store_true", help="the earlier fixed mix of 20 URLs")
    parser.add_argument("--ingest", action="store_true", help="also POST article batches while reading (torn-read checks)")
    parser.add_argument("--batch", type=int, default=200, help="articles per POSTed batch")
    parser.add_argument("--pause", type=float, default=0.5, help="seconds between POSTed batches")
    parser.add_argument("--set", dest="sets", action="append", default=[], metavar="KEY=VALUE",
                        help="a setting for the server, e.g. web.concurrent_queries=8 (repeatable)")
    parser.add_argument("--think", type=_think, default=(0.0, 0.0), metavar="MIN,MAX",
                        help="seconds each client pauses after an answer, uniform between MIN and MAX (an analyst "
                             "reading the page, like locust's `between(1, 5)`); default none: a closed loop at saturation")
    parser.add_argument("--json", type=Path, help="also write the summaries here")
    args = parser.parse_args(argv)
    check_host(args.host)
    path = store_path(args.events)
    draw = fixed_draw(fixed_mix(path)) if args.fixed_mix else Workload(path).draw
    if args.compare:
        n = args.workers if args.workers > 1 else max(2, os.cpu_count() or 2)
        sets = tuple(args.sets)
        setups = [Setup(False, 1, sets), Setup(True, 1, sets), Setup(False, n, sets), Setup(True, n, sets)]
    else:
        setups = [Setup(not args.no_cache, 1 if args.ingest else args.workers, tuple(args.sets))]
    summaries = [run_one(args, setup, path, draw) for setup in setups]
    table(summaries)
    if args.json:
        args.json.write_text(json.dumps(summaries, indent=1))
    bad = any(s["errors"] or s["torn_reads"] or s.get("ingest_errors")
              or not str(s.get("separate_ingest", "ok")).startswith("ok") for s in summaries)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
