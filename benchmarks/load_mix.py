"""The requests `benchmarks/load.py` sends: a varied mix drawn from the store's own values (types,
actors, places, date windows, pages, search words by popularity), or the earlier fixed 20 URLs.
"""

from __future__ import annotations

import functools
import itertools
import random
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from benchmarks.web_api import queries

FIXED_WEIGHTS = {"events page 1": 4, "events by type": 3, "events in a date range": 3, "events, type+dates+bbox": 2,
                 "event map points, period": 2, "event histogram": 2, "event detail": 2, "figures page 1": 2,
                 "figures by kind": 2, "stories": 2, "story detail": 1, "actors": 2, "actor detail": 1,
                 "articles page 1": 3, "article detail": 3, "search": 2, "article histogram (timeline)": 2,
                 "stats": 1, "events by actor": 1, "place detail": 1}


def fixed_mix(path: Path) -> list[tuple[str, str, int]]:
    """(name, url, weight): the earlier fixed mix of 20 URLs (any cache answers all but 20 requests)."""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        urls = queries(con)
    finally:
        con.close()
    return [(name, url, FIXED_WEIGHTS[name]) for name, url in urls.items() if name in FIXED_WEIGHTS]


class Workload:
    """Varied requests drawn from the store's own values, like many analysts using the page.

    Types, actors, places, figure kinds and search words are drawn by popularity (Zipf over their
    rank by frequency: popular ones are asked for more, every one can be); date windows are the
    months, quarters and years of the store's range (as the timeline's brush gives); 80% of list
    requests ask for the first page, the rest for pages 2-10; single records (articles, events,
    stories) are drawn uniformly from samples of 2,000. Seeded: a run is repeatable."""

    def __init__(self, path: Path) -> None:
        import duckdb

        con = duckdb.connect(str(path), read_only=True)
        try:
            col = lambda sql: [r[0] for r in con.execute(sql).fetchall()]  # noqa: E731
            self.types = col("SELECT type FROM events GROUP BY 1 ORDER BY count(*) DESC, 1")
            self.actors = col("SELECT actor_id FROM actor_mentions GROUP BY 1 ORDER BY count(*) DESC, 1")
            # places with a page: the generated events also carry ids no article mentions
            self.places = col("SELECT geonameid FROM place_mentions WHERE geonameid IS NOT NULL GROUP BY 1 "
                              "ORDER BY count(*) DESC, 1")
            self.kinds = col("SELECT kind FROM figures GROUP BY 1 ORDER BY count(*) DESC, 1")
            self.words = col("SELECT regexp_extract(text, 'keyword[0-9]+') w FROM articles GROUP BY 1 "
                             "HAVING w <> '' ORDER BY count(*) DESC, 1") or ["Town"]
            self.articles = col("SELECT id FROM articles ORDER BY hash(id) LIMIT 2000")
            self.events = [f"{a}/{s}" for a, s in con.execute(
                "SELECT article_id, start FROM events ORDER BY hash(article_id || start) LIMIT 2000").fetchall()]
            self.stories = col("SELECT story_id FROM stories ORDER BY hash(story_id) LIMIT 2000")
            first, last, south, north, west, east = con.execute(
                "SELECT min(date), max(date), min(lat), max(lat), min(lon), max(lon) FROM events").fetchone()
        finally:
            con.close()
        self.windows = _windows(first, last)
        self.box = (west, south, east, north)
        self.kinds_of_request: list[tuple[str, int]] = [
            ("events page", 4), ("events by type", 3), ("events in a date window", 3),
            ("events, type+window+bbox", 2), ("events by actor", 1), ("event map points, window", 2),
            ("event histogram", 2), ("event types", 1), ("event detail", 2), ("figures page", 2),
            ("figures by kind", 2), ("stories", 2), ("story detail", 1), ("actors", 2), ("actor detail", 1),
            ("place detail", 1), ("articles page", 3), ("article detail", 3), ("search", 2),
            ("article histogram", 2), ("stats", 1)]

    def draw(self, rng: random.Random) -> tuple[str, str]:
        """(name, url) of one request."""
        names, weights = zip(*self.kinds_of_request, strict=True)
        name = rng.choices(names, weights)[0]
        return name, getattr(self, "_" + name.replace(" ", "_").replace(",", "").replace("+", "_"))(rng)

    def _page(self, rng: random.Random) -> str:
        return "" if rng.random() < 0.8 else f"&offset={50 * rng.randint(1, 9)}"

    def _window(self, rng: random.Random) -> str:
        since, until = rng.choice(self.windows)
        return f"since={since}&until={until}"

    def _bbox(self, rng: random.Random) -> str:
        west, south, east, north = self.box
        lon, lat = rng.uniform(west, max(west, east - 5)), rng.uniform(south, max(south, north - 5))
        return f"bbox={lon:.0f},{lat:.0f},{lon + 5:.0f},{lat + 5:.0f}"

    def _events_page(self, rng: random.Random) -> str:
        return "/api/events?limit=50" + self._page(rng)

    def _events_by_type(self, rng: random.Random) -> str:
        return f"/api/events?type={zipf(rng, self.types)}&limit=50" + self._page(rng)

    def _events_in_a_date_window(self, rng: random.Random) -> str:
        return f"/api/events?{self._window(rng)}&limit=50" + self._page(rng)

    def _events_type_window_bbox(self, rng: random.Random) -> str:
        return f"/api/events?type={zipf(rng, self.types)}&{self._window(rng)}&{self._bbox(rng)}&limit=50"

    def _events_by_actor(self, rng: random.Random) -> str:
        return f"/api/events?actor={zipf(rng, self.actors)}&limit=50" + self._page(rng)

    def _event_map_points_window(self, rng: random.Random) -> str:
        return f"/api/events/points?{self._window(rng)}"

    def _event_histogram(self, rng: random.Random) -> str:
        return "/api/events/histogram" + (f"?type={zipf(rng, self.types)}" if rng.random() < 0.5 else "")

    def _event_types(self, rng: random.Random) -> str:
        return "/api/events/types"

    def _event_detail(self, rng: random.Random) -> str:
        return f"/api/events/{rng.choice(self.events)}"

    def _figures_page(self, rng: random.Random) -> str:
        return "/api/figures?limit=50" + self._page(rng)

    def _figures_by_kind(self, rng: random.Random) -> str:
        return f"/api/figures?kind={zipf(rng, self.kinds)}&limit=50" + self._page(rng)

    def _stories(self, rng: random.Random) -> str:
        return "/api/stories?limit=50" + self._page(rng)

    def _story_detail(self, rng: random.Random) -> str:
        return f"/api/stories/{rng.choice(self.stories)}"

    def _actors(self, rng: random.Random) -> str:
        return "/api/actors" + (f"?{self._window(rng)}" if rng.random() < 0.5 else "")

    def _actor_detail(self, rng: random.Random) -> str:
        return f"/api/actors/{zipf(rng, self.actors)}"

    def _place_detail(self, rng: random.Random) -> str:
        return f"/api/places/{zipf(rng, self.places)}"

    def _articles_page(self, rng: random.Random) -> str:
        return "/api/articles?limit=50" + (f"&{self._window(rng)}" if rng.random() < 0.3 else "") + self._page(rng)

    def _article_detail(self, rng: random.Random) -> str:
        return f"/api/articles/{rng.choice(self.articles)}"

    def _search(self, rng: random.Random) -> str:
        return f"/api/search?q={zipf(rng, self.words)}"

    def _article_histogram(self, rng: random.Random) -> str:
        return "/api/articles/histogram" + (f"?{self._window(rng)}" if rng.random() < 0.3 else "")

    def _stats(self, rng: random.Random) -> str:
        return "/api/stats"


def zipf(rng: random.Random, ranked: list[Any]) -> Any:
    """A value by popularity: the k-th most frequent with probability proportional to 1/k."""
    weights = _zipf_weights(len(ranked))
    return ranked[rng.choices(range(len(ranked)), cum_weights=weights)[0]]


@functools.cache
def _zipf_weights(n: int) -> list[float]:
    return list(itertools.accumulate(1 / k for k in range(1, n + 1)))


def _windows(first: date, last: date) -> list[tuple[str, str]]:
    """Every calendar month, quarter and year that overlaps [first, last], as (since, until)."""
    out = []
    for year in range(first.year, last.year + 1):
        out.append((f"{year}-01-01", f"{year}-12-31"))
        for month in range(1, 13):
            end = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).isoformat()
            out.append((f"{year}-{month:02d}-01", end))
            if month % 3 == 1:
                q_end = (date(year + (month + 2) // 12, (month + 2) % 12 + 1, 1) - timedelta(days=1)).isoformat()
                out.append((f"{year}-{month:02d}-01", q_end))
    return [(a, b) for a, b in out if a <= last.isoformat() and b >= first.isoformat()]



Draw = Callable[[random.Random], tuple[str, str]]


def fixed_draw(urls: list[tuple[str, str, int]]) -> Draw:
    names, weights = [u[0] for u in urls], [u[2] for u in urls]
    by_name = {u[0]: u[1] for u in urls}

    def draw(rng: random.Random) -> tuple[str, str]:
        name = rng.choices(names, weights)[0]
        return name, by_name[name]
    return draw


