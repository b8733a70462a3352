"""HTTP API latency (p50/p95, in process through ASGI) on a generated store of N articles.

    python benchmarks/web_api.py [N]      # default 100,000 articles (+3N place, 3N actor, 2N time, 5N entity rows)

The store is generated once into benchmarks/data/ with SQL (synthetic rows, not analysed text).
"""
import asyncio, statistics, time, sys
from pathlib import Path
import duckdb, httpx
from dateline.store import open_store
from dateline.web import create_app
N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
path = Path(__file__).resolve().parent / "data" / f"web_{N}.duckdb"
path.parent.mkdir(parents=True, exist_ok=True)
if not path.exists():
    with open_store(path) as s:
        c = s.con
        c.execute(f"""INSERT INTO articles (id, url, outlet, title, published, date_status, text, content_hash)
          SELECT printf('%016x', hash(i)), 'https://x.example/' || i, 'Outlet ' || (i % 40),
                 'Report ' || i || ' on fighting near town ' || (i % 2000),
                 DATE '2015-01-01' + CAST(i % 1500 AS INTEGER), 'ok',
                 repeat('Fighting continued near the town on Tuesday, officials said. ', 30) || ' town' || (i % 2000),
                 'h' || i FROM range({N}) t(i)""")
        c.execute(f"""INSERT INTO place_mentions (article_id, start, "end", text, geonameid, name, country, lat, lon)
          SELECT printf('%016x', hash(i // 3)), 10, 20, 'Town' || (i*7 % 2000), 1000 + (i*7 % 2000), 'Town ' || (i*7 % 2000), 'IRQ',
                 20 + ((i*7 % 2000) % 40), 10 + ((i*7 % 2000) // 40) FROM range({3*N}) t(i)""")
        c.execute(f"""INSERT INTO actor_mentions (article_id, start, "end", text, actor_id, name, code, kind)
          SELECT printf('%016x', hash(i // 3)), 30, 40, 'Actor', 'actor:' || (i*13 % 500), 'Actor ' || (i*13 % 500), 'XXX', 'agent'
          FROM range({3*N}) t(i)""")
        c.execute(f"""INSERT INTO time_mentions (article_id, start, "end", text, type, value)
          SELECT printf('%016x', hash(i // 2)), 40, 47, 'Tuesday', 'DATE', '2016-01-01' FROM range({2*N}) t(i)""")
        c.execute(f"""INSERT INTO entities (article_id, start, "end", text, label)
          SELECT printf('%016x', hash(i // 5)), 0, 8, 'Fighting', 'ORG' FROM range({5*N}) t(i)""")
app = create_app(path)
some = duckdb.connect(str(path), read_only=True).execute("select id from articles limit 1 offset 777").fetchone()[0]
URLS = {
  "articles page 1": "/api/articles?limit=50",
  "articles filtered (date range)": "/api/articles?since=2016-01-01&until=2016-03-31&limit=50",
  "articles filtered (outlet+dates)": "/api/articles?outlet=Outlet%207&since=2016-01-01&until=2016-12-31",
  "articles deep page (offset 90000)": "/api/articles?limit=50&offset=90000",
  "articles search (ILIKE text)": "/api/articles?search=town1999&limit=50",
  "articles by place": "/api/articles?place=1500",
  "articles csv 1000": "/api/articles?limit=1000&format=csv",
  "histogram": "/api/articles/histogram",
  "histogram filtered by actor": "/api/articles/histogram?actor=actor:7",
  "places map (top 1000)": "/api/places?limit=1000",
  "places map, period": "/api/places?limit=1000&since=2016-01-01&until=2016-03-31",
  "places bbox": "/api/places?bbox=10,20,30,40",
  "place detail": "/api/places/1500",
  "actors": "/api/actors",
  "actor detail": "/api/actors/actor:7",
  "article detail": f"/api/articles/{some}",
  "search": "/api/search?q=town 19",
  "stats": "/api/stats",
}
async def main():
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t", timeout=60) as c:
        print(f"{'query':36} {'p50 ms':>8} {'p95 ms':>8}")
        for name, url in URLS.items():
            r = await c.get(url); assert r.status_code == 200, (url, r.text[:200])
            times = []
            for _ in range(20):
                t = time.perf_counter(); r = await c.get(url); times.append((time.perf_counter() - t) * 1000)
            times.sort()
            print(f"{name:36} {statistics.median(times):8.1f} {times[int(len(times)*0.95)-1]:8.1f}")
asyncio.run(main())
app.state.db.close()
# open-per-request cost vs cursor
t = time.perf_counter()
for _ in range(20):
    con = duckdb.connect(str(path), read_only=True); con.execute("select count(*) from articles").fetchone(); con.close()
per_open = (time.perf_counter() - t) / 20 * 1000
base = duckdb.connect(str(path), read_only=True)
t = time.perf_counter()
for _ in range(20):
    cur = base.cursor(); cur.execute("select count(*) from articles").fetchone(); cur.close()
per_cursor = (time.perf_counter() - t) / 20 * 1000
print(f"open read-only per request: {per_open:.1f} ms; cursor on a shared connection: {per_cursor:.2f} ms")
