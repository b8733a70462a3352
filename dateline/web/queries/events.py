"""Coded events for the web: filtered pages with their evidence sentence, one event with its marks.

An event is one report (an article, a trigger span, a type). Its date is the event's own date when
analysis found one, else the article's publication date. `sources` counts the independent outlets of
the merged event the report belongs to, when the store has merged events (else 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from . import BBox, _take_total, dicts, existing_tables, like, scalar

EVENT_KEY = "e.article_id || ':' || e.start || ':' || e.\"end\" || ':' || e.type"
COLUMNS = ("e.article_id, e.start, e.\"end\", e.text AS trigger, e.type, e.mode, e.factuality, e.claimant, "
           "coalesce(e.date, a.published) AS date, e.date_end, e.date_precision, e.date_from_publication, "
           "e.geonameid, e.place, e.country, e.admin1, e.lat, e.lon, e.geo_precision, e.source_actors, "
           "e.target_actors, e.sentence_start, e.sentence_end, e.confidence, e.coded_by, "
           "a.published, a.outlet, a.title, a.url, "
           "substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence")
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


def _sources_join(con: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    """The join to merged events and the `sources`/`merged_id` columns (constants when the store has none)."""
    if {"merged_events", "merged_event_sources"} <= existing_tables(con):
        return ((f" LEFT JOIN merged_event_sources ms ON ms.event_key = {EVENT_KEY} "
                 "LEFT JOIN merged_events me ON me.merged_id = ms.merged_id"),
                "coalesce(me.independent_outlets, 1) AS sources, ms.merged_id")
    return "", "1 AS sources, NULL::VARCHAR AS merged_id"


def _where(flt: EventFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    for column, value in (("e.type", flt.type), ("e.mode", flt.mode), ("e.factuality", flt.factuality),
                          ("e.article_id", flt.article)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    if flt.actor:
        clauses.append("(list_contains(e.source_actors, ?) OR list_contains(e.target_actors, ?))")
        params += [flt.actor, flt.actor]
    if flt.place is not None:
        clauses.append("e.geonameid = ?")
        params.append(flt.place)
    if flt.bbox is not None:
        box, box_params = flt.bbox.where("e.lat", "e.lon")
        clauses.append(box)
        params += box_params
    if flt.since is not None:
        clauses.append("coalesce(e.date, a.published) >= ?")
        params.append(flt.since)
    if flt.until is not None:
        clauses.append("coalesce(e.date, a.published) <= ?")
        params.append(flt.until)
    if flt.min_sources is not None and flt.min_sources > 1:
        clauses.append("e.sources >= ?")
        params.append(flt.min_sources)
    if flt.text:
        clauses.append("(e.text ILIKE ? ESCAPE '\\' OR substr(a.text, e.sentence_start + 1, "
                       "e.sentence_end - e.sentence_start) ILIKE ? ESCAPE '\\')")
        params += [like(flt.text)] * 2
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


ORDER = "ORDER BY date DESC NULLS LAST, article_id, start, \"end\", type"


def page(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, limit: int, offset: int,
         marks: bool = True) -> tuple[list[dict[str, Any]], int]:
    """A page of events, newest first (ties by article, offset, type: pages never overlap), and the total."""
    if "events" not in existing_tables(con):
        return [], 0
    where, params = _where(flt)
    sql = f"SELECT *, count(*) OVER () AS _total FROM ({_filtered(con, where)}) {ORDER} LIMIT ? OFFSET ?"
    rows = dicts(con.execute(sql, [*params, limit, offset]))
    if not rows:
        total = int(scalar(con.execute(f"SELECT count(*) FROM ({_filtered(con, where)})", params)) or 0)
        return rows, total
    total = _take_total(rows)
    if marks:
        add_marks(con, rows)
    return rows, total


def _filtered(con: duckdb.DuckDBPyConnection, where: str) -> str:
    """The filtered event rows; `sources` is a column of the join, so the filter wraps the select."""
    join, extra = _sources_join(con)
    return (f"SELECT {COLUMNS}, e.sources, e.merged_id FROM (SELECT e.*, {extra} FROM events e{join}) e "
            f"JOIN articles a ON a.id = e.article_id{where}")


def detail(con: duckdb.DuckDBPyConnection, article_id: str, start: int,
           type: str | None = None) -> dict[str, Any] | None:
    """One event (the first at this offset, or of this type) with its marks and merged-event sources."""
    if "events" not in existing_tables(con):
        return None
    where = " WHERE e.article_id = ? AND e.start = ?" + (" AND e.type = ?" if type else "")
    params: list[Any] = [article_id, start] + ([type] if type else [])
    rows = dicts(con.execute(f"SELECT * FROM ({_filtered(con, where)}) ORDER BY \"end\", type LIMIT 1", params))
    if not rows:
        return None
    event = rows[0]
    add_marks(con, [event])
    others = []
    if event.get("merged_id") and "merged_event_sources" in existing_tables(con):
        others = dicts(con.execute(
            "SELECT m.article_id, m.start, m.outlet, m.published, a.title, a.url, "
            "substr(a.text, m.sentence_start + 1, m.sentence_end - m.sentence_start) AS sentence "
            "FROM merged_event_sources m JOIN articles a ON a.id = m.article_id "
            "WHERE m.merged_id = ? ORDER BY m.published NULLS LAST, m.article_id, m.start", [event["merged_id"]]))
    return {"event": event, "reports": others}


def add_marks(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> None:
    """Give each event `marks`: the trigger, its actors, place and dates as offsets into its sentence.

    Offsets are relative to `sentence` (add sentence_start for the article text). Actor and place
    marks are the mentions inside the sentence that resolved to the event's actors and place."""
    ids = sorted({r["article_id"] for r in rows})
    mentions: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    if ids:
        for kind, sql in (
            ("actor", ("SELECT article_id, start, \"end\", actor_id AS ref, coalesce(name, text) AS label "
                       "FROM actor_mentions WHERE article_id IN (SELECT unnest(?))")),
            ("place", ("SELECT article_id, start, \"end\", geonameid::VARCHAR AS ref, coalesce(name, text) AS label "
                       "FROM place_mentions WHERE article_id IN (SELECT unnest(?))")),
            ("date", ("SELECT article_id, start, \"end\", value AS ref, text AS label "
                      "FROM time_mentions WHERE article_id IN (SELECT unnest(?))")),
        ):
            for m in dicts(con.execute(sql, [ids])):
                m["kind"] = kind
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
    where, params = _where(flt)
    located = (where + " AND" if where else " WHERE") + " e.lat IS NOT NULL AND e.lon IS NOT NULL"
    rows = dicts(con.execute(
        f"SELECT lat, lon, any_value(place) AS place, any_value(geonameid) AS geonameid, count(*) AS events, "
        f"mode(type) AS type, count(*) OVER () AS _total FROM ({_filtered(con, located)}) "
        "GROUP BY lat, lon ORDER BY events DESC, lat, lon LIMIT ?", [*params, limit]))
    if not rows:
        return rows, 0
    return rows, _take_total(rows)
