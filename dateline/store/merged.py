"""Store side of merged events: pending event reports, candidate merged events, sources and decisions.

Every value reaches SQL as a parameter or through a registered Arrow table, never as text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

import duckdb
import pyarrow as pa

from .queries import rows_as_dicts

REPORT_SQL = (
    "SELECT e.article_id || ':' || e.start || ':' || e.\"end\" || ':' || e.type AS event_key, e.article_id, e.start, "
    "e.\"end\", e.type, e.factuality, coalesce(e.date, a.published) AS date, e.date_from_publication, e.geonameid, "
    "e.place, e.country, e.admin1, e.lat, e.lon, e.geo_precision, e.source_actors, e.target_actors, "
    "e.sentence_start, e.sentence_end, a.outlet, a.published, a.title, a.url, "
    "substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence, "
    "coalesce(d.canonical_id, e.article_id) AS canonical_id, s.story_id "
    "FROM events e JOIN articles a ON a.id = e.article_id "
    "LEFT JOIN article_duplicates d ON d.article_id = e.article_id "
    "LEFT JOIN story_articles s ON s.article_id = e.article_id ")




def prune_stale(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Drop the filed reports (and their decisions) whose event is gone; the merged events they were in.

    `dateline analyze --redo` rewrites an article's events: a report whose offsets or type changed
    no longer exists, and its old source row would keep counting as a source of its merged event.
    """
    gone = con.execute(
        "SELECT m.event_key, m.merged_id FROM merged_event_sources m WHERE NOT EXISTS (SELECT 1 FROM events e "
        "WHERE e.article_id = m.article_id AND e.start = m.start AND e.\"end\" = m.\"end\" AND e.type = m.type)"
    ).fetchall()
    if not gone:
        return []
    con.register("gone_keys", pa.table({"event_key": pa.array([k for k, _ in gone], pa.string())}))
    try:
        con.execute("DELETE FROM merged_event_sources WHERE event_key IN (SELECT event_key FROM gone_keys)")
        con.execute("DELETE FROM merge_decisions WHERE event_key IN (SELECT event_key FROM gone_keys)")
    finally:
        con.unregister("gone_keys")
    return sorted({m for _, m in gone})


def pending_reports(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Event reports not yet filed into a merged event, in report order (publication date, article, offset)."""
    return rows_as_dicts(con.execute(
        REPORT_SQL + "WHERE NOT EXISTS (SELECT 1 FROM merged_event_sources m WHERE m.event_key = "
        "e.article_id || ':' || e.start || ':' || e.\"end\" || ':' || e.type) "
        "ORDER BY a.published NULLS LAST, e.article_id, e.start"))


def reports_near(con: duckdb.DuckDBPyConnection, types: Sequence[str], first: date,
                 last: date) -> list[dict[str, Any]]:
    """Filed reports of the given types dated between first and last, each with its merged id."""
    if not types:
        return []
    con.register("wanted_types", pa.table({"type": pa.array(sorted(set(types)), pa.string())}))
    try:
        return rows_as_dicts(con.execute(
            "WITH r AS (" + REPORT_SQL + ") SELECT r.*, m.merged_id FROM r "
            "JOIN merged_event_sources m ON m.event_key = r.event_key "
            "JOIN wanted_types w ON w.type = r.type WHERE r.date BETWEEN ? AND ?", [first, last]))
    finally:
        con.unregister("wanted_types")


def write_sources(con: duckdb.DuckDBPyConnection, rows: Sequence[dict[str, Any]]) -> None:
    """File reports into merged events."""
    if not rows:
        return
    now = datetime.now(UTC)
    cols = ("event_key", "merged_id", "article_id", "start", "end", "type", "outlet")
    table = pa.table({**{c: pa.array([r[c] for r in rows]) for c in cols},
                      "published": pa.array([r["published"] for r in rows], pa.date32()),
                      "event_date": pa.array([r["date"] for r in rows], pa.date32()),
                      "sentence_start": pa.array([r["sentence_start"] for r in rows], pa.int32()),
                      "sentence_end": pa.array([r["sentence_end"] for r in rows], pa.int32())})
    con.register("new_sources", table)
    try:
        con.execute("INSERT OR REPLACE INTO merged_event_sources SELECT event_key, merged_id, article_id, start, "
                    "\"end\", type, outlet, published, event_date, sentence_start, sentence_end, ? FROM new_sources",
                    [now])
    finally:
        con.unregister("new_sources")


def write_decisions(con: duckdb.DuckDBPyConnection, rows: Sequence[tuple[str, str, str | None, str, float,
                                                                         dict[str, Any]]]) -> None:
    """Record why each report went where it went (event, merged id, matched report, rule, score, details)."""
    now = datetime.now(UTC)
    con.executemany("INSERT INTO merge_decisions VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [[key, merged_id, matched, rule, score, json.dumps(details, default=str), now]
                     for key, merged_id, matched, rule, score, details in rows])


def refresh_merged(con: duckdb.DuckDBPyConnection, merged_ids: Sequence[str]) -> None:
    """Recompute the summary row of each given merged event from its sources (canonicals read fresh)."""
    now = datetime.now(UTC)
    ids = sorted(set(merged_ids))
    if not ids:
        return
    con.register("touched", pa.table({"merged_id": pa.array(ids, pa.string())}))
    try:
        found = rows_as_dicts(con.execute(
            "WITH r AS (" + REPORT_SQL + ") SELECT r.*, ca.outlet AS canonical_outlet, m.merged_id FROM r "
            "JOIN merged_event_sources m ON m.event_key = r.event_key JOIN touched t ON t.merged_id = m.merged_id "
            "LEFT JOIN articles ca ON ca.id = r.canonical_id "
            "ORDER BY r.published NULLS LAST, r.canonical_id <> r.article_id, r.article_id, r.start"))
    finally:
        con.unregister("touched")
    groups: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    for row in found:
        groups[row["merged_id"]].append(row)
    for merged_id, rows in groups.items():
        if not rows:
            con.execute("DELETE FROM merged_events WHERE merged_id = ?", [merged_id])
            continue
        first = rows[0]
        dates = [r["date"] for r in rows if r["date"] is not None]
        placed = sorted((r for r in rows if r["geonameid"] is not None),
                        key=lambda r: (r["geo_precision"] != "exact", r["published"] or date.max))
        place = placed[0] if placed else {}
        facts = [r["factuality"] for r in rows]
        factuality = "happened" if "happened" in facts else max(set(facts), key=facts.count)
        sources = sorted({a for r in rows for a in (r["source_actors"] or [])})
        targets = sorted({a for r in rows for a in (r["target_actors"] or [])})
        outlets = {r["outlet"] or r["article_id"] for r in rows}
        independent = {r["canonical_outlet"] or r["outlet"] or r["canonical_id"] for r in rows}
        con.execute(
            "INSERT OR REPLACE INTO merged_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [merged_id, first["type"], factuality, min(dates) if dates else None, max(dates) if dates else None,
             first["published"], first["article_id"], place.get("geonameid"), place.get("place"),
             place.get("country"), place.get("admin1"), place.get("lat"), place.get("lon"), sources, targets,
             len(rows), len({r["article_id"] for r in rows}), len(outlets), len(independent),
             (first["sentence"] or "").strip(), now])


def merged_events(con: duckdb.DuckDBPyConnection, *, type: str | None = None,
                  min_outlets: int = 1) -> list[dict[str, Any]]:
    """Merged events (optionally of one type, carried by at least min_outlets independent outlets), by date."""
    return rows_as_dicts(con.execute(
        "SELECT * FROM merged_events WHERE (? IS NULL OR type = ?) AND independent_outlets >= ? "
        "ORDER BY date NULLS LAST, merged_id", [type, type, min_outlets]))


def sources_of(con: duckdb.DuckDBPyConnection, merged_id: str) -> list[dict[str, Any]]:
    """The reports of one merged event: article, outlet, canonical, date of report, sentence offsets and text."""
    return rows_as_dicts(con.execute(
        "SELECT m.event_key, m.article_id, m.outlet, m.published, m.event_date, m.sentence_start, m.sentence_end, "
        "coalesce(d.canonical_id, m.article_id) AS canonical_id, a.title, a.url, "
        "substr(a.text, m.sentence_start + 1, m.sentence_end - m.sentence_start) AS sentence "
        "FROM merged_event_sources m JOIN articles a ON a.id = m.article_id "
        "LEFT JOIN article_duplicates d ON d.article_id = m.article_id WHERE m.merged_id = ? "
        "ORDER BY m.published NULLS LAST, m.article_id, m.start", [merged_id]))


def decisions_of(con: duckdb.DuckDBPyConnection, merged_id: str) -> list[dict[str, Any]]:
    """Why each report of a merged event was filed there."""
    return rows_as_dicts(con.execute("SELECT event_key, matched_key, rule, score, details FROM merge_decisions "
                              "WHERE merged_id = ? ORDER BY decided_at, event_key", [merged_id]))
