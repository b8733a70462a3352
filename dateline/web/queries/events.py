"""Coded events for the web: filtered pages with their evidence sentence, one event with its marks.

An event is one report (an article, a trigger span, a type). Its date is the event's own: analysis
gives an event its article's publication date when the text gives none (`date_from_publication`), so
an undated event is one whose article has no usable date either; filters and order use `events.date`
alone, with no join to `articles`. `sources` counts the independent outlets of
the merged event the report belongs to, when the store has merged events (else 1).

Speed (1,000,000 events, BENCHMARKS.md): filters run on `events` alone; a page is chosen on key columns and only its rows are then
read in full, by row id; the total is a separate count over the same filter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb

from ...store.sql import ILIKE, Where
from . import BBox, _take_total, dicts, existing_tables, like, scalar, table_columns
from .articles import _bucket as bucket_for
from .articles import _bucket_end as bucket_end

CSV_COLUMNS = ["article_id", "start", "end", "trigger", "type", "mode", "factuality", "claimant", "date",
               "date_precision", "geonameid", "place", "country", "admin1", "lat", "lon", "source_actors",
               "target_actors", "confidence", "coded_by", "sources", "merged_id", "published", "outlet",
               "title", "url", "sentence"]


@dataclass(frozen=True, slots=True)
class EventFilter:
    type: str | None = None
    mode: str | None = None
    factuality: str | None = None
    actor: str | None = None
    place: int | None = None
    bbox: BBox | None = None
    since: date | None = None
    until: date | None = None
    min_sources: int | None = None
    text: str | None = None
    article: str | None = None


def _has_merged(con: duckdb.DuckDBPyConnection) -> bool:
    return {"merged_events", "merged_event_sources"} <= existing_tables(con)


def _fields(flt: EventFilter) -> dict[str, Any]:
    return {name: getattr(flt, name) for name in EventFilter.__slots__}


def _clauses(flt: EventFilter, date: str, merged: bool) -> Where:
    """Conditions on `events e` (and `date`, the event's date expression), with their parameters."""
    w = Where().add_all(("e.type = ?", flt.type), ("e.mode = ?", flt.mode), ("e.factuality = ?", flt.factuality),
                        ("e.article_id = ?", flt.article))
    w.add("(list_contains(e.source_actors, ?) OR list_contains(e.target_actors, ?))", flt.actor, flt.actor)
    w.add("e.geonameid = ?", flt.place)
    if flt.bbox is not None:
        w.extend(flt.bbox.within("e.lat", "e.lon"))
    w.add(f"{date} >= ?", flt.since).add(f"{date} <= ?", flt.until)
    if flt.min_sources is not None and flt.min_sources > 1:
        if not merged:  # without merged events every event has one source
            w.add("false")
        else:  # the sources of merged events with enough outlets carry the reports' key columns
            w.add("(e.article_id, e.start, e.\"end\", e.type) IN (SELECT ms.article_id, ms.start, ms.\"end\", "
                  "ms.type FROM merged_event_sources ms WHERE ms.merged_id IN (SELECT merged_id FROM "
                  "merged_events WHERE independent_outlets >= ?))", flt.min_sources)
    return w


def matching(con: duckdb.DuckDBPyConnection, flt: EventFilter, columns: str) -> tuple[str, list[Any]]:
    """SQL for the matching events: `columns` of `events e` plus `date`, over `events` alone.

    A text filter reads the articles that contain the words (one scan) and keeps the events whose
    trigger or evidence sentence does."""
    w = _clauses(flt, "e.date", _has_merged(con))
    join: list[Any] = []
    source = "events e"
    if flt.text:
        source = f"events e JOIN (SELECT id, text FROM articles WHERE text {ILIKE}) t ON t.id = e.article_id"
        w.add(f"(e.text {ILIKE} OR substr(t.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) {ILIKE})",
              *[like(flt.text)] * 2)
        join = [like(flt.text)]
    return f"SELECT {columns}, e.date AS date FROM {source}{w.sql()}", [*join, *w.params]


ORDER = "ORDER BY date DESC NULLS LAST, article_id, start, \"end\", type"
ROW_COLUMNS = ", ".join("e." + c for c in (
    "article_id", "start", '"end"', "text", "type", "mode", "factuality", "claimant", "date", "date_end",
    "date_precision", "date_from_publication", "geonameid", "place", "country", "admin1", "lat", "lon",
    "geo_precision", "source_actors", "target_actors", "sentence_start", "sentence_end", "confidence", "coded_by"))
KEY_COLUMNS = "e.rowid AS rid, e.article_id, e.start, e.\"end\", e.type"


def page(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int, offset: int,
         marks: bool = True) -> tuple[list[dict[str, Any]], int]:
    """A page of events, newest first (ties by article, offset, type: pages never overlap), and the total."""
    if "events" not in existing_tables(con):
        return [], 0
    sql, params = matching(con, flt, KEY_COLUMNS)
    if flt.text or (flt.min_sources or 0) > 1:  # costly filters: evaluate once for the page and the total
        found = con.execute(f"WITH m AS MATERIALIZED ({sql}) SELECT rid, (SELECT count(*) FROM m) FROM m "
                            f"{ORDER} LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
        if not found:  # past the end (an empty first page: nothing matches)
            return [], int(scalar(con.execute(f"SELECT count(*) FROM ({sql})", params)) or 0) if offset else 0
        ids, total = [r[0] for r in found], int(found[0][1])
    else:  # cheap filters: a count and a top-N, no matching rows held in memory
        total = int(scalar(con.execute(f"SELECT count(*) FROM ({sql})", params)) or 0)
        if offset >= total:
            return [], total
        ids = [r[0] for r in con.execute(f"SELECT rid FROM ({sql}) {ORDER} LIMIT ? OFFSET ?",
                                         [*params, limit, offset]).fetchall()]
    rows = _rows(con, ids)
    if marks:
        add_marks(con, rows)
    return rows, total


OPTIONAL_COLUMNS = ("fatalities",)  # added by later migrations: shown when the store has them


def _extra_columns(con: duckdb.DuckDBPyConnection) -> list[str]:
    have = table_columns(con, "events")
    return [c for c in OPTIONAL_COLUMNS if c in have]


def _in(values: list[Any]) -> str:
    """`(?, ?, ...)` for a short list of values (a constant list lets DuckDB skip row groups)."""
    return "(" + ", ".join("?" * len(values)) + ")"


def _rows(con: duckdb.DuckDBPyConnection, ids: list[int]) -> list[dict[str, Any]]:
    """The events with these row ids, in the order given, with their article and merged-event sources."""
    if not ids:
        return []
    extra = _extra_columns(con)
    found = dicts(con.execute(f"SELECT e.rowid AS rid, {ROW_COLUMNS}{''.join(', e.' + c for c in extra)} "
                              f"FROM events e WHERE e.rowid IN {_in(ids)} AND e.rowid BETWEEN ? AND ?",
                              [*ids, min(ids), max(ids)]))  # the range lets DuckDB skip row groups: ~40% less CPU
    articles = sorted({r["article_id"] for r in found})
    by_article = {a["id"]: a for a in dicts(con.execute(
        f"SELECT id, published, outlet, title, url, text FROM articles WHERE id IN {_in(articles)}", articles))}
    keys = [f"{r['article_id']}:{r['start']}:{r['end']}:{r['type']}" for r in found]
    sources: dict[str, tuple[str, int | None]] = {}
    if _has_merged(con):  # two lookups by primary key (index scans), no join over merged_events
        merged = dict(con.execute(f"SELECT event_key, merged_id FROM merged_event_sources WHERE event_key IN {_in(keys)}",
                                  keys).fetchall())
        wanted = sorted(set(merged.values()))
        outlets = dict(con.execute(f"SELECT merged_id, independent_outlets FROM merged_events WHERE merged_id IN "
                                   f"{_in(wanted)}", wanted).fetchall()) if wanted else {}
        sources = {k: (m, outlets.get(m)) for k, m in merged.items()}
    order = {rid: i for i, rid in enumerate(ids)}
    rows = []
    for raw, key in sorted(zip(found, keys, strict=True), key=lambda pair: order[pair[0]["rid"]]):
        article = by_article.get(raw["article_id"], {})
        s0, s1 = raw["sentence_start"], raw["sentence_end"]
        merged_id, outlets = sources.get(key, (None, None))
        row = {name: raw[name] for name in ("article_id", "start", "end")}
        row["trigger"] = raw["text"]
        row.update({name: raw[name] for name in ("type", "mode", "factuality", "claimant")})
        row["date"] = raw["date"] if raw["date"] is not None else article.get("published")
        row.update({name: raw[name] for name in (
            "date_end", "date_precision", "date_from_publication", "geonameid", "place", "country", "admin1",
            "lat", "lon", "geo_precision", "source_actors", "target_actors", "sentence_start", "sentence_end",
            "confidence", "coded_by")})
        row.update({name: raw[name] for name in extra})
        row.update({name: article.get(name) for name in ("published", "outlet", "title", "url")})
        row["sentence"] = (article.get("text") or "")[s0:s1] if s0 is not None and s1 is not None else None
        row["sources"] = outlets if outlets is not None else 1
        row["merged_id"] = merged_id
        rows.append(row)
    return rows


def detail(con: duckdb.DuckDBPyConnection, article_id: str, start: int,
           type: str | None = None) -> dict[str, Any] | None:
    """One event (the first at this offset, or of this type) with its marks and merged-event sources."""
    if "events" not in existing_tables(con):
        return None
    where = "e.article_id = ? AND e.start = ?" + (" AND e.type = ?" if type else "")
    params: list[Any] = [article_id, start] + ([type] if type else [])
    found = con.execute(f"SELECT e.rowid FROM events e WHERE {where} ORDER BY e.\"end\", e.type LIMIT 1",
                        params).fetchone()
    if not found:
        return None
    event = _rows(con, [found[0]])[0]
    add_marks(con, [event])
    others: list[dict[str, Any]] = []
    if event.get("merged_id"):  # the merged event's reports, then only their articles
        others = dicts(con.execute(
            "SELECT article_id, start, outlet, published, sentence_start, sentence_end FROM merged_event_sources "
            "WHERE merged_id = ? ORDER BY published NULLS LAST, article_id, start", [event["merged_id"]]))
        ids = sorted({r["article_id"] for r in others})
        articles = {r[0]: r[1:] for r in con.execute(
            f"SELECT id, title, url, text FROM articles WHERE id IN {_in(ids)}", ids).fetchall()} if ids else {}
        for r in others:
            title, url, text = articles.get(r["article_id"], (None, None, ""))
            s0, s1 = r.pop("sentence_start"), r.pop("sentence_end")
            r.update(title=title, url=url, sentence=text[s0:s1] if s0 is not None and s1 is not None else None)
    return {"event": event, "reports": others}


def of_articles(con: duckdb.DuckDBPyConnection, article_ids: list[str], limit: int) -> list[dict[str, Any]]:
    """Events of these articles (a story's), in article order then text order, without marks."""
    if not article_ids or "events" not in existing_tables(con):
        return []
    order = {a: i for i, a in enumerate(article_ids)}
    found = con.execute(f"SELECT rowid, article_id, start FROM events WHERE article_id IN {_in(article_ids)}",
                        article_ids).fetchall()
    found.sort(key=lambda r: (order[r[1]], r[2], r[0]))
    return _rows(con, [r[0] for r in found[:limit]])


def add_marks(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> None:
    """Give each event `marks`: the trigger, its actors, place and dates as offsets into its sentence.

    Offsets are relative to `sentence` (add sentence_start for the article text). Actor and place
    marks are the mentions inside the sentence that resolved to the event's actors and place."""
    ids = sorted({r["article_id"] for r in rows})
    mentions: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    if ids:  # one query over the three mention tables, for these articles only
        found = dicts(con.execute(
            "SELECT 'actor' AS kind, article_id, start, \"end\", actor_id AS ref, coalesce(name, text) AS label "
            f"FROM actor_mentions WHERE article_id IN {_in(ids)} UNION ALL "
            "SELECT 'place', article_id, start, \"end\", geonameid::VARCHAR, coalesce(name, text) "
            f"FROM place_mentions WHERE article_id IN {_in(ids)} UNION ALL "
            "SELECT 'date', article_id, start, \"end\", value, text "
            f"FROM time_mentions WHERE article_id IN {_in(ids)}", ids * 3))
        for m in found:
            mentions[m["article_id"]].append(m)
    for row in rows:
        s0, s1 = row.get("sentence_start"), row.get("sentence_end")
        marks: list[dict[str, Any]] = []
        if s0 is None or s1 is None:
            row["marks"] = marks
            continue
        actors = set(row.get("source_actors") or []) | set(row.get("target_actors") or [])
        sources = set(row.get("source_actors") or [])
        place = str(row["geonameid"]) if row.get("geonameid") is not None else None
        if s0 <= row["start"] < row["end"] <= s1:
            marks.append({"kind": "trigger", "start": row["start"] - s0, "end": row["end"] - s0,
                          "label": row.get("type")})
        for m in mentions.get(row["article_id"], []):
            if not (s0 <= m["start"] < m["end"] <= s1):
                continue
            if m["kind"] == "actor" and m["ref"] not in actors:
                continue
            if m["kind"] == "place" and (place is None or m["ref"] != place):
                continue
            role = ("source" if m["ref"] in sources else "target") if m["kind"] == "actor" else None
            marks.append({"kind": m["kind"], "start": m["start"] - s0, "end": m["end"] - s0,
                          "label": m["label"], "ref": m["ref"], "role": role})
        marks.sort(key=lambda k: (k["start"], k["end"]))
        row["marks"] = marks


def types(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Event types by number of reports (for the filter menu)."""
    if "events" not in existing_tables(con):
        return []
    return dicts(con.execute("SELECT type, count(*) AS events FROM events WHERE type IS NOT NULL "
                             "GROUP BY type ORDER BY events DESC, type"))


def points(con: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int) -> tuple[list[dict[str, Any]], int]:
    """Located events grouped by coordinates (for the map): count and the commonest type at each point."""
    if "events" not in existing_tables(con):
        return [], 0
    sql, params = matching(con, flt, "e.lat, e.lon, e.place, e.geonameid, e.type")
    by_type = (f"SELECT lat, lon, type, any_value(place) AS place, any_value(geonameid) AS geonameid, "
               f"count(*) AS n FROM ({sql}) WHERE lat IS NOT NULL AND lon IS NOT NULL GROUP BY lat, lon, type")
    rows = dicts(con.execute(
        "SELECT lat, lon, arg_max(place, n) AS place, arg_max(geonameid, n) AS geonameid, sum(n)::BIGINT AS events, "
        f"arg_max(type, (n, type)) AS type, count(*) OVER () AS _total FROM ({by_type}) "
        "GROUP BY lat, lon ORDER BY events DESC, lat, lon LIMIT ?", [*params, limit]))
    if not rows:
        return rows, 0
    return rows, _take_total(rows)


def histogram(con: duckdb.DuckDBPyConnection, flt: EventFilter, bucket: str | None = None) -> dict[str, Any]:
    """Events per day (per week or month when the range is long) by event date, with the bucket used.

    Without a date filter the bins cover the corpus's publication period (from a month before the
    first article to the last): events dated outside it (history recalled in the text) are counted
    in `outside`, not drawn, so one mention of 1991 does not squash two years of reports."""
    empty: dict[str, Any] = {"bucket": bucket or "day", "first": None, "last": None, "bins": [], "outside": 0}
    if "events" not in existing_tables(con):
        return empty
    sql, params = matching(con, flt, "e.type")
    lo, hi = flt.since, flt.until
    if lo is None or hi is None:
        first_pub, last_pub = con.execute("SELECT min(published), max(published) FROM articles").fetchone() or (None, None)
        if lo is None and first_pub is not None:
            lo = first_pub - timedelta(days=31)
        if hi is None and last_pub is not None:
            hi = last_pub
    inside = "date IS NOT NULL" + (" AND date >= ?" if lo else "") + (" AND date <= ?" if hi else "")
    bounds = [b for b in (lo, hi) if b]
    first, last, outside = con.execute(
        f"SELECT min(date) FILTER (WHERE {inside}), max(date) FILTER (WHERE {inside}), "
        f"count(*) FILTER (WHERE date IS NOT NULL AND NOT ({inside})) FROM ({sql})",
        [*bounds, *bounds, *bounds, *params]).fetchone() or (None, None, 0)
    if first is None:
        return {**empty, "outside": int(outside or 0)}
    name, days, part = bucket_for(first, last, bucket)
    rows = con.execute(f"SELECT date_trunc('{part}', date)::DATE AS d, count(*) FROM ({sql}) WHERE {inside} "
                       "GROUP BY d ORDER BY d", [*params, *bounds]).fetchall()
    bins = [{"start": d, "end": bucket_end(d, name), "count": n} for d, n in rows]
    return {"bucket": name, "days": days, "first": first, "last": last, "bins": bins, "outside": int(outside or 0)}
