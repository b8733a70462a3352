"""HTTP API latency (p50/p95, in process through ASGI) and page load time on generated stores.

    python benchmarks/web_api.py                      # 1,000,000 events (100,000 articles): API latency
    python benchmarks/web_api.py --events 100000      # a smaller store
    python benchmarks/web_api.py --events 100000 --page-load   # page load in headless chromium
    python benchmarks/web_api.py --build-only         # only generate the store
    python benchmarks/web_api.py --page-load --db demo.duckdb  # the same page timing on another store

The store is generated once into benchmarks/data/web_events_N.duckdb with DuckDB SQL (synthetic
rows, not analysed text; minutes, not the hours spaCy would take): N/10 articles (1% of them
undated, with undated events), N events inserted in date order (ten per article, PLOVER types, places, actors, factuality, merged events (80% with one
independent outlet: 80% one, 10% two, 5% three, 5% four), 3 place, 3 actor and 2 time mentions per article, N/10 figures in series with
disagreements, a story per ten articles. Timings are in process (no sockets), with the server's
answer cache off (the page load keeps it on unless --no-cache), `runs` per query after one warm-up request: wall-clock p50/p95 and the median CPU time of the process (all DuckDB threads)
per request, which a loaded machine inflates far less than wall time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

import duckdb
import httpx

from dateline.store import open_store

DATA = Path(__file__).resolve().parent / "data"
TYPES = ["ASSAULT", "FIGHT", "PROTEST", "COERCE", "ACCUSE", "CONSULT", "AID", "MOBILIZE", "THREATEN",
         "DEMAND", "AGREE", "SUPPORT", "REQUEST", "COOPERATE", "RETREAT", "SANCTION"]
FACTUALITY = ["happened"] * 7 + ["claimed", "planned", "denied"]
KINDS = ["killed", "wounded", "displaced", "troops_deployed", "arrested"]


def build(path: Path, events: int) -> None:
    """Generate a store with `events` events over events/10 articles (sorted by date)."""
    articles = max(1, events // 10)
    days = 1500
    path.parent.mkdir(parents=True, exist_ok=True)
    types = "[" + ", ".join(f"'{t}'" for t in TYPES) + "]"
    facts = "[" + ", ".join(f"'{f}'" for f in FACTUALITY) + "]"
    kinds = "[" + ", ".join(f"'{k}'" for k in KINDS) + "]"
    sentence = "Fighting near Town {k} killed people on Tuesday, officials said. "
    with open_store(path) as store:
        c = store.con
        c.execute("SET preserve_insertion_order = true")
        # One article per id; the text is 10 sentences (one per event) of ~70 characters each.
        c.execute(f"""CREATE TEMP TABLE gen AS SELECT i,
              printf('%016x', i) AS id, CASE WHEN i % 100 <> 99 THEN
                DATE '2015-01-01' + CAST(i * {days} // {articles} AS INTEGER) END AS published,
              (hash(i) % 2000)::INTEGER AS town FROM range({articles}) t(i)""")
        c.execute(f"""INSERT INTO articles (id, url, outlet, title, published, date_status, text, content_hash)
            SELECT id, 'https://x.example/' || i, 'Outlet ' || (i % 40),
                   'Report ' || i || ' on fighting near town ' || town, published,
                   CASE WHEN published IS NULL THEN 'missing' ELSE 'ok' END,
                   repeat(replace('{sentence}', '{{k}}', lpad(town::VARCHAR, 4, '0')), 10) ||
                   ' Also mentioned: keyword' || (i % 5000) || '.', 'h' || i
            FROM gen ORDER BY i""")
        slen = len(sentence.replace("{k}", "0000"))
        c.execute(f"""CREATE TEMP TABLE egen AS SELECT e, e // 10 AS i, e % 10 AS j, hash(e) AS h,
              hash(e * 7 + 3) AS h2 FROM range({events}) t(e)""")
        c.execute(f"""INSERT INTO events (article_id, start, "end", text, type, mode, factuality, date,
                date_precision, date_from_publication, geonameid, place, country, lat, lon, source_actors,
                target_actors, sentence_start, sentence_end, confidence, coded_by)
            SELECT g.id, j * {slen}, j * {slen} + 8, 'Fighting', {types}[1 + (h % {len(TYPES)})::INTEGER],
                   'verbal', {facts}[1 + (h2 % {len(FACTUALITY)})::INTEGER],
                   g.published - CAST(h % 3 AS INTEGER), 'day', h % 3 = 0,
                   1000 + (h2 % 2000), 'Town ' || (h2 % 2000), 'IRQ', 20 + (h2 % 2000) % 40 * 0.5,
                   10 + (h2 % 2000) // 40 * 0.5, ['actor:' || (h % 500)], ['actor:' || ((h // 500) % 500)],
                   j * {slen}, (j + 1) * {slen}, 0.8, 'bench'
            FROM egen JOIN gen g USING (i) ORDER BY g.published DESC NULLS LAST, e""")
        # Merged events: groups of three reports (consecutive events of one type); outlets 1-4.
        c.execute("""INSERT INTO merged_event_sources (event_key, merged_id, article_id, start, "end", type,
                outlet, published, event_date, sentence_start, sentence_end)
            SELECT article_id || ':' || start || ':' || "end" || ':' || type,
                   'm' || (row_number() OVER (ORDER BY article_id, start) // 3), article_id, start, "end", type,
                   NULL, date, date, sentence_start, sentence_end FROM events""")
        c.execute("""INSERT INTO merged_events (merged_id, type, date, reports, articles, outlets, independent_outlets)
            SELECT merged_id, any_value(type), min(event_date), count(*), count(DISTINCT article_id),
                   count(*), [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4][1 + (hash(merged_id) % 20)::INTEGER]
            FROM merged_event_sources GROUP BY merged_id""")
        c.execute(f"""INSERT INTO place_mentions (article_id, start, "end", text, geonameid, name, country, lat, lon)
            SELECT printf('%016x', i // 3), 14, 23, 'Town ' || k, 1000 + k, 'Town ' || k, 'IRQ',
                   20 + k % 40 * 0.5, 10 + k // 40 * 0.5
            FROM (SELECT i, (hash(i) % 2000)::INTEGER AS k FROM range({3 * articles}) t(i))""")
        c.execute(f"""INSERT INTO actor_mentions (article_id, start, "end", text, actor_id, name, code, kind)
            SELECT printf('%016x', i // 3), 30, 40, 'Actor', 'actor:' || (i * 13 % 500),
                   'Actor ' || (i * 13 % 500), 'XXX', 'agent' FROM range({3 * articles}) t(i)""")
        c.execute(f"""INSERT INTO time_mentions (article_id, start, "end", text, type, value)
            SELECT printf('%016x', i // 2), 44, 51, 'Tuesday', 'DATE', '2016-01-01' FROM range({2 * articles}) t(i)""")
        # Figures: one per article, 5 kinds x 40 places; values scatter around a base per subject so
        # some months disagree.
        c.execute(f"""INSERT INTO figures (article_id, start, "end", text, kind, qualifier, value, low, high,
                unit, noun, actor_country, place, as_of, sentence_start, sentence_end, confidence)
            SELECT g.id, 30, 40, 'people', {kinds}[1 + (hash(i) % {len(KINDS)})::INTEGER],
                   q, v, CASE WHEN q = 'range' THEN v * 0.8 END, CASE WHEN q = 'range' THEN v * 1.2 END,
                   'person', 'people', 'IRQ', 'Town ' || (hash(i * 3) % 40), g.published, 0, {slen}, 0.7
            FROM (SELECT *, ['exact', 'about', 'more_than', 'range'][1 + (hash(i * 5) % 4)::INTEGER] AS q,
                         (10 + hash(i * 3) % 40 * 5 + hash(i * 11) % 30)::DOUBLE AS v FROM gen) g""")
        c.execute("""INSERT INTO stories (story_id, title, first_date, last_date, articles, texts, outlets)
            SELECT 's' || (i // 10), 'Fighting near town ' || any_value(town), min(published), max(published),
                   count(*), count(*), least(count(*), 40) FROM gen GROUP BY i // 10""")
        c.execute("""INSERT INTO story_articles (article_id, story_id, canonical_id, score, opened)
            SELECT id, 's' || (i // 10), id, 0.5, i % 10 = 0 FROM gen""")
        c.execute("CHECKPOINT")


def queries(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    article = con.execute("SELECT id FROM articles ORDER BY id LIMIT 1 OFFSET 777").fetchone()[0]
    ev = con.execute("SELECT article_id, start FROM events ORDER BY article_id, start LIMIT 1 OFFSET 4242").fetchone()
    kind, where = con.execute("SELECT kind, place FROM figures GROUP BY ALL ORDER BY count(*) DESC LIMIT 1").fetchone()
    return {
        "events page 1": "/api/events?limit=50",
        "events by type": "/api/events?type=PROTEST&limit=50",
        "events by actor": "/api/events?actor=actor:7&limit=50",
        "events by place": "/api/events?place=1500&limit=50",
        "events in a bbox": "/api/events?bbox=20,25,30,30&limit=50",
        "events in a date range": "/api/events?since=2016-01-01&until=2016-03-31&limit=50",
        "events by factuality": "/api/events?factuality=claimed&limit=50",
        "events, min 3 sources": "/api/events?min_sources=3&limit=50",
        "events, text": "/api/events?text=Town%200042&limit=50",
        "events, type+dates+bbox": "/api/events?type=ASSAULT&since=2016-01-01&until=2016-12-31&bbox=10,20,40,45",
        "events deep page (offset 10,000)": "/api/events?limit=50&offset=10000",
        "event map points (2,000)": "/api/events/points?limit=2000",
        "event map points, period": "/api/events/points?since=2016-01-01&until=2016-03-31",
        "event histogram": "/api/events/histogram",
        "event histogram by type": "/api/events/histogram?type=PROTEST",
        "event detail": f"/api/events/{ev[0]}/{ev[1]}",
        "figures page 1": "/api/figures?limit=50",
        "figures by kind": "/api/figures?kind=killed&limit=50",
        "figure series list": "/api/figures/series?limit=50",
        "one figure series": f"/api/figures/series/detail?kind={kind}&who=IRQ&where={where.replace(' ', '%20')}",
        "stories": "/api/stories?limit=50",
        "story detail": "/api/stories/s123",
        "article histogram (timeline)": "/api/articles/histogram",
        "actors": "/api/actors",
        "actor detail": "/api/actors/actor:7",
        "place detail": "/api/places/1500",
        "articles page 1": "/api/articles?limit=50",
        "article detail": f"/api/articles/{article}",
        "search": "/api/search?q=keyword4321",
        "stats": "/api/stats",
    }


async def measure(app: object, urls: dict[str, str], runs: int) -> list[tuple[str, float, float]]:
    results = []
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://t", timeout=120) as client:
        for name, url in urls.items():
            response = await client.get(url)
            if response.status_code == 404 and "Not Found" in response.text:  # an endpoint this version lacks
                print(f"{name:38} {'n/a':>8} {'n/a':>8}", flush=True)
                continue
            assert response.status_code == 200, (url, response.text[:300])
            times, cpu = [], []
            for _ in range(runs):
                t0, c0 = time.perf_counter(), time.process_time()
                await client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
            times.sort()
            p95 = times[max(0, round(len(times) * 0.95) - 1)]
            results.append((name, statistics.median(times), p95))
            print(f"{name:38} {statistics.median(times):8.1f} {p95:8.1f} {statistics.median(cpu):8.1f}", flush=True)
    return results


def page_load(path: Path, runs: int, cache: bool = True) -> None:
    """Time from navigation to the map, the event list and the histogram drawn, then a figure chart."""
    import socket
    import threading

    import uvicorn
    from playwright.sync_api import sync_playwright

    from dateline.web import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(path) if cache else create_app(path, cache_mb=0)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
        rows: dict[str, list[float]] = {"events view: map + list + timeline": [], "figures view: chart": []}
        for i in range(runs + 1):
            tab = browser.new_page(viewport={"width": 1400, "height": 900})
            t0 = time.perf_counter()
            tab.goto(base + "/#/events")
            tab.wait_for_selector("#event-list li", timeout=60000)
            tab.wait_for_selector("#map[data-event-points]", state="attached", timeout=60000)
            tab.wait_for_selector("#timeline rect.bar", state="attached", timeout=60000)
            tab.wait_for_selector("body[data-ready='1']", state="attached", timeout=60000)
            loaded = (time.perf_counter() - t0) * 1000
            t1 = time.perf_counter()
            tab.goto(base + "/#/figures")
            tab.wait_for_selector("#series-chart .point", state="attached", timeout=60000)
            chart = (time.perf_counter() - t1) * 1000
            tab.close()
            if i:  # the first load warms the server's caches
                rows["events view: map + list + timeline"].append(loaded)
                rows["figures view: chart"].append(chart)
        browser.close()
    server.should_exit = True
    for name, times in rows.items():
        times.sort()
        print(f"page load, {name:34} median {statistics.median(times):7.0f} ms, max {times[-1]:7.0f} ms "
              f"({len(times)} loads)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--page-load", action="store_true", help="time the page in headless chromium instead")
    parser.add_argument("--only", help="run only the queries whose name contains this")
    parser.add_argument("--db", type=Path, help="time the page on this store instead (e.g. demo.duckdb)")
    parser.add_argument("--no-cache", action="store_true", help="page load without the server's answer cache")
    args = parser.parse_args()
    path = args.db or DATA / f"web_events_{args.events}.duckdb"
    if not path.exists():
        t0 = time.perf_counter()
        build(path.with_suffix(".tmp"), args.events)
        path.with_suffix(".tmp").rename(path)
        print(f"generated {path} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    if args.build_only:
        return
    if args.page_load:
        page_load(path, max(1, args.runs // 4), cache=not args.no_cache)
        return
    from dateline.web import create_app

    app = create_app(path, cache_mb=0)  # the queries' own cost: a cached answer would time a dict lookup
    urls = queries(app.state.db.cursor())
    if args.only:
        urls = {k: v for k, v in urls.items() if args.only in k}
    print(f"{'query':38} {'p50 ms':>8} {'p95 ms':>8} {'cpu ms':>8}   (load average {os.getloadavg()[0]:.1f})")
    asyncio.run(measure(app, urls, args.runs))
    app.state.db.close()


if __name__ == "__main__":
    main()
