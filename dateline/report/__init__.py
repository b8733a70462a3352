"""A static report: one self-contained HTML file summarising a store (or a date range of it).

    write_report(con, "report.html", title="Mosul 2017", since=date(2017, 1, 1))

Everything is inline: the CSS, and the maps and charts as SVG drawn here from the world-atlas
TopoJSON that ships in dateline/web/static/vendor; the file makes no request when opened. Every
text from the store goes through html.escape; source links are shown as text, not followed.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb

from ..exports.writer import open_target
from ..version import __version__ as VERSION
from .figures import figures_section
from .markup import clip as _clip
from .markup import esc

WORLD_ATLAS = Path(__file__).resolve().parent.parent / "web" / "static" / "vendor" / "world-atlas" / "countries-110m.json"
EVENT_ROWS = 150
QUAD_COLOURS = {1: "#2563eb", 2: "#0f766e", 3: "#d97706", 4: "#b91c1c"}
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
FACTUALITY_COLOURS = {"happened": "#0f766e", "claimed": "#b45309", "planned": "#2563eb",
                      "negated": "#6b7785", "hypothetical": "#7c3aed"}


# --------------------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class Scope:
    """The articles a report covers: published within [since, until] (either end open)."""

    since: date | None
    until: date | None

    def sql(self, alias: str = "a") -> str:
        return (f"(CAST(? AS DATE) IS NULL OR {alias}.published >= ?) AND "
                f"(CAST(? AS DATE) IS NULL OR {alias}.published <= ?)")

    @property
    def params(self) -> list[Any]:
        return [self.since, self.since, self.until, self.until]


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = con.cursor().execute(sql, params)
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> Any:
    row = con.cursor().execute(sql, params).fetchone()
    return row[0] if row else None


def _numbers(con: duckdb.DuckDBPyConnection, scope: Scope) -> dict[str, Any]:
    s, p = scope.sql(), scope.params
    art = _rows(con, f"SELECT count(*) AS n, count(DISTINCT outlet) AS outlets, min(published) AS first, "
                     f"max(published) AS last FROM articles a WHERE {s}", p)[0]
    ev = _rows(con, f"""SELECT count(*) AS n, count(*) FILTER (WHERE e.factuality = 'happened') AS happened,
                        count(e.lat) AS located, count(DISTINCT e.geonameid) AS places
                        FROM events e JOIN articles a ON a.id = e.article_id WHERE {s}""", p)[0]
    return {
        "articles": art["n"], "outlets": art["outlets"], "first": art["first"], "last": art["last"],
        "duplicates": _one(con, f"SELECT count(*) FROM article_duplicates d JOIN articles a ON a.id = d.article_id "
                                f"WHERE {s}", p),
        "stories": _one(con, f"SELECT count(DISTINCT sa.story_id) FROM story_articles sa JOIN articles a "
                             f"ON a.id = sa.article_id WHERE {s}", p),
        "multi_stories": _one(con, f"""SELECT count(*) FROM (SELECT sa.story_id FROM story_articles sa
                                       JOIN articles a ON a.id = sa.article_id WHERE {s}
                                       GROUP BY sa.story_id HAVING count(*) > 1)""", p),
        "events": ev["n"], "happened": ev["happened"], "located": ev["located"], "event_places": ev["places"],
        "places": _one(con, f"SELECT count(DISTINCT m.geonameid) FROM place_mentions m JOIN articles a "
                            f"ON a.id = m.article_id WHERE {s}", p),
        "figures": _one(con, f"SELECT count(*) FROM figures f JOIN articles a ON a.id = f.article_id WHERE {s}", p),
        "types": _rows(con, f"""SELECT e.type, count(*) AS n FROM events e JOIN articles a ON a.id = e.article_id
                                WHERE {s} GROUP BY e.type ORDER BY n DESC, e.type""", p),
    }


# --------------------------------------------------------------------------- map


@lru_cache(maxsize=1)
def _countries() -> list[tuple[str, list[list[tuple[float, float]]]]]:
    """Country outlines (name, rings of lon/lat) decoded from the vendored world-atlas TopoJSON."""
    topo = json.loads(WORLD_ATLAS.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indexes:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(points[1:] if out else points)
        return out

    shapes = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = [ring(r) for polygon in polygons for r in polygon]
        shapes.append(((geometry.get("properties") or {}).get("name", ""), rings))
    return shapes


@dataclass(frozen=True, slots=True)
class Frame:
    """An equirectangular view of [west, east] x [south, north] drawn in a width x height box."""

    west: float
    east: float
    south: float
    north: float
    width: float

    @property
    def height(self) -> float:
        k = math.cos(math.radians((self.north + self.south) / 2))
        return self.width * (self.north - self.south) / ((self.east - self.west) * max(k, 0.3))

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return ((lon - self.west) / (self.east - self.west) * self.width,
                (self.north - lat) / (self.north - self.south) * self.height)


def _frame_around(points: list[tuple[float, float]], width: float) -> Frame:
    if not points:
        return Frame(-170, 180, -58, 80, width)
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    pad_x, pad_y = max((east - west) * 0.25, 3.0), max((north - south) * 0.25, 2.5)
    west, east, south, north = west - pad_x, east + pad_x, south - pad_y, north + pad_y
    ratio = 0.62  # keep the box close to the panel's shape
    k = math.cos(math.radians((north + south) / 2))
    span_x, span_y = east - west, north - south
    if span_y < span_x * k * ratio:
        mid = (north + south) / 2
        south, north = mid - span_x * k * ratio / 2, mid + span_x * k * ratio / 2
    else:
        mid = (east + west) / 2
        west, east = mid - span_y / (k * ratio) / 2, mid + span_y / (k * ratio) / 2
    return Frame(max(west, -180), min(east, 180), max(south, -85), min(north, 85), width)


def _map_svg(frame: Frame, events: list[dict[str, Any]], mentions: list[dict[str, Any]], *,
             labels: int, caption: str) -> str:
    w, h = frame.width, frame.height
    paths = []
    for name, rings in _countries():
        parts = []
        for ring in rings:
            if not ring:
                continue
            lons, lats = [p[0] for p in ring], [p[1] for p in ring]
            if max(lons) < frame.west - 5 or min(lons) > frame.east + 5 or max(lats) < frame.south - 5 \
                    or min(lats) > frame.north + 5:
                continue
            pts = [frame.xy(lon, lat) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z")
        if parts:
            paths.append(f'<path d="{"".join(parts)}"><title>{esc(name)}</title></path>')
    out = [f'<svg class="map" viewBox="0 0 {w:.0f} {h:.0f}" role="img" aria-label="{esc(caption)}">',
           f'<rect width="{w:.0f}" height="{h:.0f}" class="sea"/>', '<g class="land">', *paths, '</g>']
    for m in mentions:
        x, y = frame.xy(m["lon"], m["lat"])
        if 0 <= x <= w and 0 <= y <= h:
            out.append(f'<circle class="mention" cx="{x:.1f}" cy="{y:.1f}" r="{1.5 + math.sqrt(m["n"]) * 0.6:.1f}">'
                       f'<title>{esc(m["name"])}: mentioned {m["n"]}x</title></circle>')
    top = max((e["n"] for e in events), default=1)
    for e in sorted(events, key=lambda r: -r["n"]):
        x, y = frame.xy(e["lon"], e["lat"])
        if not (0 <= x <= w and 0 <= y <= h):
            continue
        r = 3 + 11 * math.sqrt(e["n"] / top)
        colour = QUAD_COLOURS.get(e["quad"], "#444")
        out.append(f'<circle class="event" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}">'
                   f'<title>{esc(e["place"])}: {e["n"]} events ({esc(e["types"])})</title></circle>')
    for e in sorted(events, key=lambda r: -r["n"])[:labels]:
        x, y = frame.xy(e["lon"], e["lat"])
        if 0 <= x <= w and 0 <= y <= h:
            anchor = "end" if x > w * 0.8 else "start"
            dx = -9 if anchor == "end" else 9
            out.append(f'<text class="label" x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">'
                       f'{esc(e["place"])} · {e["n"]}</text>')
    out.append("</svg>")
    return "".join(out)


def _maps(con: duckdb.DuckDBPyConnection, scope: Scope) -> str:
    s, p = scope.sql(), scope.params
    events = _rows(con, f"""SELECT e.place, e.lat, e.lon, count(*) AS n, mode(e.type) AS top_type,
                            string_agg(DISTINCT e.type, ', ' ORDER BY e.type) AS types
                            FROM events e JOIN articles a ON a.id = e.article_id
                            WHERE {s} AND e.lat IS NOT NULL AND e.lon IS NOT NULL
                            GROUP BY e.place, e.lat, e.lon ORDER BY n DESC""", p)
    from ..analyze.plover import QUAD

    for e in events:
        e["quad"] = QUAD.get(e["top_type"], 0)
    mentions = _rows(con, f"""SELECT any_value(m.name) AS name, any_value(m.lat) AS lat, any_value(m.lon) AS lon,
                              count(*) AS n FROM place_mentions m JOIN articles a ON a.id = m.article_id
                              WHERE {s} AND m.lat IS NOT NULL AND m.geonameid IS NOT NULL
                              AND coalesce(m.feature_code, '') NOT LIKE 'PCL%' AND m.feature_class <> 'L'
                              GROUP BY m.geonameid""", p)
    world = _map_svg(Frame(-170, 180, -56, 78, 760), events, mentions, labels=1,
                     caption="World map of events and mentioned places")
    # The regional view: everything within 12 degrees of the place with the most events.
    focus = events[0] if events else None
    near = [(e["lon"], e["lat"]) for e in events
            if focus and abs(e["lon"] - focus["lon"]) < 12 and abs(e["lat"] - focus["lat"]) < 12]
    region = _map_svg(_frame_around(near, 560), events, mentions, labels=8,
                      caption="Regional map of events and mentioned places")
    legend = "".join(f'<span><i style="background:{c}"></i>{esc(QUAD_NAMES[q])}</span>'
                     for q, c in QUAD_COLOURS.items())
    return (f'<div class="maps"><figure>{world}<figcaption>All located events</figcaption></figure>'
            f'<figure>{region}<figcaption>Around {esc(focus["place"]) if focus else "—"}</figcaption></figure></div>'
            f'<div class="legend">{legend}<span><i class="ring"></i>place mentioned in articles</span>'
            f'<span class="muted">circle area: number of events at the place</span></div>')


# --------------------------------------------------------------------------- timeline


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _timeline(con: duckdb.DuckDBPyConnection, scope: Scope, first: date | None, last: date | None) -> str:
    if first is None or last is None:
        return '<p class="empty">No dated articles.</p>'
    s, p = scope.sql(), scope.params
    arts = {r["week"]: r["n"] for r in _rows(con, f"""SELECT CAST(date_trunc('week', a.published) AS DATE) AS week, count(*) AS n
                FROM articles a WHERE {s} AND a.published IS NOT NULL GROUP BY week""", p)}
    evs: dict[date, Counter[int]] = defaultdict(Counter)
    from ..analyze.plover import QUAD

    for r in _rows(con, f"""SELECT CAST(date_trunc('week', e.date) AS DATE) AS week, e.type, count(*) AS n
                FROM events e JOIN articles a ON a.id = e.article_id
                WHERE {s} AND e.date_precision IN ('day', 'week') AND e.date BETWEEN ? AND ?
                GROUP BY ALL""", [*p, first - timedelta(days=7), last]):
        evs[r["week"]][QUAD.get(r["type"], 0)] += r["n"]
    start, end = _monday(min([first, *evs])), _monday(last)
    weeks = [start + timedelta(weeks=i) for i in range((end - start).days // 7 + 1)]
    width, left, band = 1120, 44, 120
    step = (width - left - 10) / max(len(weeks), 1)
    bar = max(step - 2, 1)
    top_a = max([*arts.values(), 1])
    top_e = max([sum(c.values()) for c in evs.values()] + [1])
    out = [(f'<svg class="timeline" viewBox="0 0 {width} {band * 2 + 60}" role="img" '
           'aria-label="Articles and events per week">')]
    for row, (label, top) in enumerate((("articles", top_a), ("events", top_e))):
        y0 = 20 + row * (band + 20) + band
        out.append(f'<text class="axis" x="{left - 6}" y="{y0 - band + 8}" text-anchor="end">{top}</text>'
                   f'<text class="axis" x="{left - 6}" y="{y0}" text-anchor="end">0</text>'
                   f'<text class="series" x="{left + 4}" y="{y0 - band + 6}">{label} per week</text>'
                   f'<line class="base" x1="{left}" x2="{width - 10}" y1="{y0}" y2="{y0}"/>')
        for i, week in enumerate(weeks):
            x = left + i * step
            if row == 0:
                n = arts.get(week, 0)
                if n:
                    hgt = band * 0.85 * n / top
                    out.append(f'<rect class="bar-a" x="{x:.1f}" y="{y0 - hgt:.1f}" width="{bar:.1f}" '
                               f'height="{hgt:.1f}"><title>week of {week}: {n} articles</title></rect>')
            else:
                acc = 0.0
                for quad in (4, 3, 2, 1, 0):
                    n = evs.get(week, Counter())[quad]
                    if not n:
                        continue
                    hgt = band * 0.85 * n / top
                    out.append(f'<rect x="{x:.1f}" y="{y0 - acc - hgt:.1f}" width="{bar:.1f}" height="{hgt:.1f}" '
                               f'fill="{QUAD_COLOURS.get(quad, "#999")}"><title>week of {week}: {n} '
                               f'{esc(QUAD_NAMES.get(quad, "other"))} events</title></rect>')
                    acc += hgt
    last_label = -999.0
    for i, week in enumerate(weeks):
        x = left + i * step
        if week.day <= 7 and x - last_label > 48:
            out.append(f'<text class="axis" x="{x:.1f}" y="{band * 2 + 58}">{week:%b %Y}</text>'
                       f'<line class="tick" x1="{x:.1f}" x2="{x:.1f}" y1="20" y2="{band * 2 + 42}"/>')
            last_label = x
    out.append("</svg>")
    return "".join(out)


# --------------------------------------------------------------------------- stories


def _stories(con: duckdb.DuckDBPyConnection, scope: Scope) -> str:
    s, p = scope.sql(), scope.params
    rows = _rows(con, f"""
        SELECT st.story_id, st.title, st.first_date, st.last_date, count(DISTINCT a.id) AS articles,
               count(DISTINCT a.outlet) AS outlets, string_agg(DISTINCT a.outlet, ', ' ORDER BY a.outlet) AS outlet_names,
               (SELECT count(*) FROM events e JOIN story_articles x ON x.article_id = e.article_id
                WHERE x.story_id = st.story_id) AS events,
               (SELECT string_agg(t, ', ') FROM (SELECT e.type AS t FROM events e JOIN story_articles x
                  ON x.article_id = e.article_id WHERE x.story_id = st.story_id AND e.factuality = 'happened'
                  GROUP BY e.type ORDER BY count(*) DESC, e.type LIMIT 3)) AS top_types
        FROM stories st JOIN story_articles sa ON sa.story_id = st.story_id JOIN articles a ON a.id = sa.article_id
        WHERE {s} GROUP BY ALL ORDER BY articles DESC, outlets DESC, st.last_date DESC, st.story_id LIMIT 10""", p)
    if not rows:
        return '<p class="empty">No stories yet (run <code>dateline corpus</code>).</p>'
    body = "".join(
        f'<tr><td><b>{esc(r["title"])}</b><div class="muted small">{esc(r["outlet_names"])}</div></td>'
        f'<td class="nowrap">{_span(r["first_date"], r["last_date"])}</td><td class="num">{r["articles"]}</td>'
        f'<td class="num">{r["outlets"]}</td><td class="num">{r["events"]}</td>'
        f'<td>{esc(r["top_types"] or "—")}</td></tr>' for r in rows)
    return ('<table class="grid"><thead><tr><th>Story</th><th>Dates</th><th class="num">Articles</th>'
            '<th class="num">Outlets</th><th class="num">Events</th><th>Main reported events</th></tr></thead>'
            f'<tbody>{body}</tbody></table>')


def _span(first: date | None, last: date | None) -> str:
    if not first:
        return "—"
    if not last or last == first:
        return f"{first:%d %b %Y}"
    return f"{first:%d %b} – {last:%d %b %Y}"


# --------------------------------------------------------------------------- events


def _actor_names(actors: list[dict[str, Any]]) -> str:
    names = []
    for actor in actors:
        name = actor.get("name") or actor.get("text") or ""
        if name and name not in names:
            names.append(name)
    return ", ".join(names)


def _evidence(row: dict[str, Any]) -> str:
    sentence, base = row["sentence"] or "", row["sentence_start"] or 0
    start, end = row["start"] - base, row["end"] - base
    if not (0 <= start <= end <= len(sentence)):
        return esc(_clip(sentence, 400))
    return (esc(sentence[:start].lstrip()) + f'<mark>{esc(sentence[start:end])}</mark>' +
            esc(sentence[end:].rstrip()))


def _events(con: duckdb.DuckDBPyConnection, scope: Scope, total: int) -> str:
    s, p = scope.sql(), scope.params
    rows = _rows(con, f"""
        SELECT e.type, e.mode, e.factuality, e.claimant, e.date, e.date_precision, e.date_from_publication,
               e.place, e.country, e.start, e."end", e.sentence_start, e.confidence, e.data,
               substring(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence,
               a.outlet, a.url, a.title, a.published
        FROM events e JOIN articles a ON a.id = e.article_id
        WHERE {s}
        ORDER BY (e.lat IS NOT NULL) DESC, e.factuality = 'happened' DESC, e.confidence DESC, e.date DESC NULLS LAST,
                 e.article_id, e.start
        LIMIT ?""", [*p, EVENT_ROWS])
    rows.sort(key=lambda r: (r["date"] or date.min, r["published"] or date.min), reverse=True)
    if not rows:
        return '<p class="empty">No events in this range.</p>'
    body = []
    for r in rows:
        data = json.loads(r["data"]) if r["data"] else {}
        src, tgt = _actor_names(data.get("sources", [])), _actor_names(data.get("targets", []))
        actors = esc(src or "—") + ' <span class="arrow">→</span> ' + esc(tgt or "—")
        colour = FACTUALITY_COLOURS.get(r["factuality"] or "", "#6b7785")
        fact = f'<span class="badge" style="border-color:{colour};color:{colour}">{esc(r["factuality"])}</span>'
        if r["claimant"]:
            fact += f'<div class="muted small">per {esc(r["claimant"])}</div>'
        when = esc(r["date"]) if r["date"] else "—"
        if r["date_precision"] and r["date_precision"] != "day":
            when += f' <span class="muted">({esc(r["date_precision"])})</span>'
        if r["date_from_publication"]:
            when += '<div class="muted small">publication date</div>'
        source = esc(r["outlet"] or "unknown outlet")
        if r["url"]:
            source += f'<div class="muted small url">{esc(r["url"])}</div>'
        body.append(
            f'<tr><td class="nowrap">{when}</td><td><b>{esc(r["type"])}</b>'
            f'{"<div class=muted>" + esc(r["mode"]) + "</div>" if r["mode"] else ""}</td><td>{fact}</td>'
            f'<td>{actors}</td><td>{esc(r["place"] or "—")}</td>'
            f'<td class="evidence">{_evidence(r)}<div class="src">{source}</div></td></tr>')
    note = (f'<p class="muted">Showing {len(rows)} of {total:,} events: located and reported-as-happened events '
            'first, most confident first; newest at the top. The full list: '
            '<code>dateline export events --format csv</code>.</p>') if total > len(rows) else ""
    return (f'{note}<table class="grid events"><thead><tr><th>Date</th><th>Type</th><th>Factuality</th>'
            '<th>Source → target</th><th>Place</th><th>Evidence (trigger highlighted) and source</th></tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


# --------------------------------------------------------------------------- page


CSS = """
:root { --ink:#1f2933; --muted:#6b7785; --line:#e1e5ea; --bg:#f4f5f7; --accent:#0f766e; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink);
  font:14px/1.45 -apple-system,"Segoe UI","Helvetica Neue",Arial,"Noto Sans","DejaVu Sans",sans-serif; }
header { background:#12343b; color:#fff; padding:26px 40px 22px; }
header h1 { margin:0 0 4px; font:600 26px/1.2 Georgia,"DejaVu Serif",serif; }
header .sub { color:#b8d4d0; font-size:13px; }
main { max-width:1200px; margin:0 auto; padding:22px 40px 40px; }
section { background:#fff; border:1px solid var(--line); border-radius:8px; padding:18px 22px; margin:0 0 18px; }
h2 { font-size:16px; margin:0 0 12px; }
h2 .muted { font-weight:400; font-size:13px; }
.kpis { display:grid; grid-template-columns:repeat(6,1fr); gap:12px; margin-bottom:18px; }
.kpi { background:#fff; border:1px solid var(--line); border-radius:8px; padding:12px 14px; }
.kpi b { display:block; font-size:24px; line-height:1.1; }
.kpi span { color:var(--muted); font-size:12px; }
.types { display:flex; flex-wrap:wrap; gap:6px; margin-top:2px; }
.types span { background:#eef2f5; border-radius:4px; padding:2px 8px; font-size:12px; }
.maps { display:grid; grid-template-columns:760fr 560fr; gap:14px; align-items:start; }
figure { margin:0; } figcaption { color:var(--muted); font-size:12px; margin-top:4px; }
svg.map { width:100%; height:auto; display:block; border-radius:6px; }
svg.map .sea { fill:#e8eef3; } svg.map .land path { fill:#fbfbf8; stroke:#b9c2cc; stroke-width:.6; }
svg.map .mention { fill:none; stroke:#64748b; stroke-width:.8; opacity:.7; }
svg.map .event { fill-opacity:.75; stroke:#fff; stroke-width:1; }
svg.map .label { font-size:11px; font-weight:600; fill:#1f2933; paint-order:stroke; stroke:#fff; stroke-width:3px; }
.legend { display:flex; flex-wrap:wrap; gap:14px; font-size:12px; margin-top:8px; }
.legend i { display:inline-block; width:10px; height:10px; border-radius:50%; margin-right:5px; vertical-align:-1px; }
.legend i.ring { border:1px solid #64748b; }
svg.timeline { width:100%; height:auto; }
svg .axis { fill:var(--muted); font-size:10px; } svg .series { fill:var(--ink); font-size:11px; font-weight:600; }
svg .base { stroke:#9aa5b1; } svg .tick { stroke:#eef1f4; } .bar-a { fill:#64748b; }
table { border-collapse:collapse; width:100%; }
table.grid th { text-align:left; font-size:11px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted);
  border-bottom:1px solid var(--line); padding:6px 8px; }
table.grid td { border-bottom:1px solid #eef1f4; padding:7px 8px; vertical-align:top; }
.num { text-align:right; } .nowrap { white-space:nowrap; } .small { font-size:11px; } .muted { color:var(--muted); }
.cards { display:grid; grid-template-columns:1fr 1fr; gap:14px; }
.card { border:1px solid var(--line); border-radius:6px; padding:12px 14px; }
.card-head { display:flex; justify-content:space-between; gap:8px; align-items:baseline; }
.card h4 { margin:0 0 6px; font-size:14px; }
.flag { background:#fee2e2; color:#991b1b; border-radius:4px; padding:1px 7px; font-size:11px; white-space:nowrap; }
.ok { color:var(--muted); font-size:11px; white-space:nowrap; }
svg.spark { width:260px; height:70px; display:block; margin:4px 0 6px; }
svg.spark .pt { fill:#0f766e; } svg.spark .pt.bad { fill:#dc2626; } svg.spark .range { stroke:#0f766e; stroke-width:2; }
table.mini td { padding:4px 6px; border-top:1px solid #eef1f4; vertical-align:top; font-size:12px; }
table.mini tr.bad td { background:#fef2f2; } table.mini tr.bad .value { color:#b91c1c; }
.value { font-weight:700; white-space:nowrap; }
.quote { color:var(--muted); font-size:11.5px; font-family:Georgia,"DejaVu Serif",serif; }
.badge { border:1px solid; border-radius:10px; padding:0 7px; font-size:11px; white-space:nowrap; }
.evidence { font-family:Georgia,"DejaVu Serif",serif; font-size:13px; max-width:520px; }
.evidence mark { background:#fde68a; padding:0 1px; }
.src { font-family:-apple-system,"Segoe UI",Arial,sans-serif; font-size:11px; color:var(--muted); margin-top:3px; }
.url { word-break:break-all; } .arrow { color:var(--muted); }
footer { color:var(--muted); font-size:12px; text-align:center; padding:0 0 30px; }
@media print { body { background:#fff; } section { break-inside:avoid; } }
"""


def render_report(con: duckdb.DuckDBPyConnection, *, title: str | None = None, since: date | None = None,
                  until: date | None = None) -> str:
    """The report as one HTML string."""
    scope = Scope(since, until)
    nums = _numbers(con, scope)
    span = _span(nums["first"], nums["last"])
    title = title or "dateline report"
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    rng = ""
    if since or until:
        rng = f" · range {esc(since or '…')} to {esc(until or '…')}"
    happened = f'{nums["happened"] / nums["events"]:.0%}' if nums["events"] else "—"
    kpis = [
        (f'{nums["articles"]:,}', f'articles from {nums["outlets"]:,} outlets'),
        (f'{nums["stories"]:,}', (f'stories ({nums["multi_stories"]:,} with 2+ articles); '
                                 f'{nums["duplicates"]:,} duplicates')),
        (f'{nums["events"]:,}', f'events; {happened} reported as happened'),
        (f'{nums["located"]:,}', f'events placed at {nums["event_places"]:,} places'),
        (f'{nums["places"]:,}', "distinct places mentioned"),
        (f'{nums["figures"]:,}', "reported figures"),
    ]
    types = "".join(f'<span>{esc(t["type"])} {t["n"]}</span>' for t in nums["types"])
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>",
        (f'<header><h1>{esc(title)}</h1><div class="sub">{nums["articles"]:,} articles published {esc(span)}'
        f'{rng} · generated {generated} by dateline {esc(VERSION)}</div></header><main>'),
        '<div class="kpis">' + "".join(f'<div class="kpi"><b>{v}</b><span>{esc(k)}</span></div>' for v, k in kpis)
        + "</div>",
        (f'<section><h2>Where <span class="muted">— events by place, coloured by the dominant kind of event; '
        f'hover for names</span></h2>{_maps(con, scope)}</section>'),
        (f'<section><h2>When <span class="muted">— articles by week of publication; events by week of the event '
        f'(day- or week-precise dates only)</span></h2>{_timeline(con, scope, nums["first"], nums["last"])}'
        f'<div class="types">{types}</div></section>'),
        (f'<section><h2>Top stories <span class="muted">— articles grouped by story; most covered first</span></h2>'
        f'{_stories(con, scope)}</section>'),
        (f'<section><h2>Figure series <span class="muted">— the same count reported more than once, over time; '
        f'red marks independent sources whose values cannot both be true in the same month</span></h2>{figures_section(con, scope.since, scope.until)}</section>'),
        f'<section><h2>Events</h2>{_events(con, scope, nums["events"])}</section>',
        ("</main><footer>Machine-coded from news text by dateline; check each row against its evidence sentence. "
        "Map outlines: Natural Earth via world-atlas (public domain).</footer></body></html>"),
    ]
    return "\n".join(parts)


def write_report(con: duckdb.DuckDBPyConnection, target: str | Path, *, title: str | None = None,
                 since: date | None = None, until: date | None = None) -> Path:
    """Write the report to `target` (atomically, via TARGET.part) and return its path."""
    page = render_report(con, title=title, since=since, until=until)
    with open_target(str(target), binary=False) as out:
        out.write(page)
    return Path(target)
