"""Timelines: dated entries about an actor, a place, a story or keywords, each with sentences and sources.

The query picks articles: a story id (``stories``), else the articles naming an actor (id or name)
or a place (geonameid, or a name as written or as the gazetteer spells it: "Raqqa" also finds
"Ar Raqqah"), both when a name is both; else keywords (every word in the text, case-insensitive).
Entries are the merged events those articles report (dated by the event, summarised by the sentence
of its earliest report, sourced by all its reports), ranked by independent outlets then reports; one
sentence coded as two events gives one entry. Articles with no merged event give an entry of their
lead sentence on their publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb

__all__ = ["Entry", "Source", "timeline"]


@dataclass(frozen=True, slots=True)
class Source:
    article_id: str
    outlet: str | None
    published: date | None
    title: str | None
    url: str | None


@dataclass(slots=True)
class Entry:
    """One dated line of a timeline."""

    date: date | None
    summary: str
    sources: list[Source] = field(default_factory=list)
    kind: str = ""  # event type, or "article" for a lead sentence
    merged_id: str | None = None
    independent_outlets: int = 1


def _ids(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> set[str]:
    return {r[0] for r in con.execute(sql, params).fetchall()}


def _articles(con: duckdb.DuckDBPyConnection, query: str) -> tuple[str, set[str]]:
    q = query.strip()
    found = _ids(con, "SELECT article_id FROM story_articles WHERE story_id = ?", [q])
    if found:
        return "story", found
    actors = _ids(con, "SELECT article_id FROM actor_mentions WHERE actor_id = ? OR lower(name) = lower(?)", [q, q])
    if q.isdigit():
        places = _ids(con, "SELECT article_id FROM place_mentions WHERE geonameid = ?", [int(q)])
    else:
        places = _ids(con, "SELECT article_id FROM place_mentions WHERE geonameid IN (SELECT geonameid FROM "
                           "place_mentions WHERE lower(name) = lower(?) OR lower(text) = lower(?) "
                           "OR lower(text) = 'the ' || lower(?))", [q, q, q])
    if actors or places:
        kind = "actor" if not places else "place" if not actors else "actor and place"
        return kind, actors | places
    words = [w for w in re.findall(r"\w+", q.lower()) if len(w) > 1]
    if not words:
        return "keywords", set()
    where = " AND ".join("contains(lower(text), ?)" for _ in words)
    return "keywords", _ids(con, f"SELECT id FROM articles WHERE {where}", words)


def _clean(sentence: str) -> str:
    """One line; a closing quote the sentence splitter left at its start ('"\n\nTurkey ...') is dropped."""
    return re.sub(r"\s+", " ", re.sub(r'^\s*["”]\s+', "", sentence)).strip()


def _lead(text: str) -> str:
    body = re.sub(r"\s+", " ", text).strip()
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", body)
    return " ".join(parts[:1])[:400]


def timeline(con: duckdb.DuckDBPyConnection, query: str, *, limit: int = 50) -> list[Entry]:
    """Dated entries about the query (see the module doc), in date order, at most limit."""
    _, ids = _articles(con, query)
    if not ids:
        return []
    import pyarrow as pa

    con.register("tl_ids", pa.table({"id": pa.array(sorted(ids), pa.string())}))
    try:
        events = con.execute(
            "SELECT DISTINCT me.merged_id, me.date, me.type, me.summary, me.independent_outlets, me.reports "
            "FROM merged_event_sources s JOIN tl_ids t ON t.id = s.article_id "
            "JOIN merged_events me ON me.merged_id = s.merged_id WHERE me.factuality = 'happened'").fetchall()
        sources = con.execute(
            "SELECT s.merged_id, a.id, a.outlet, a.published, a.title, a.url FROM merged_event_sources s "
            "JOIN articles a ON a.id = s.article_id WHERE s.merged_id IN (SELECT DISTINCT s2.merged_id FROM "
            "merged_event_sources s2 JOIN tl_ids t ON t.id = s2.article_id) "
            "ORDER BY a.published NULLS LAST, a.id").fetchall()
        articles = con.execute("SELECT a.id, a.outlet, a.published, a.title, a.url, a.text FROM articles a "
                               "JOIN tl_ids t ON t.id = a.id ORDER BY a.published NULLS LAST, a.id").fetchall()
    finally:
        con.unregister("tl_ids")
    by_merged: dict[str, list[Source]] = {}
    for merged_id, *rest in sources:
        src = Source(*rest)
        if all(s.article_id != src.article_id for s in by_merged.get(merged_id, [])):
            by_merged.setdefault(merged_id, []).append(src)
    entries: list[Entry] = []
    by_sentence: dict[tuple[date | None, str], Entry] = {}
    for mid, d, kind, raw, indep, _ in sorted(events, key=lambda e: (-e[4], -e[5], e[0])):
        summary = _clean(raw or "")
        same = by_sentence.get((d, summary))
        if same is not None:  # one sentence coded as two events ("condemned ... and urged"): one entry
            same.sources += [s for s in by_merged.get(mid, []) if s not in same.sources]
            continue
        entry = Entry(d, summary, list(by_merged.get(mid, [])), kind, mid, indep)
        by_sentence[(d, summary)] = entry
        entries.append(entry)
    covered = {s.article_id for e in entries for s in e.sources}
    for aid, outlet, published, title, url, text in articles:
        if aid not in covered:
            entries.append(Entry(published, _lead(text), [Source(aid, outlet, published, title, url)], "article"))
    entries = entries[:limit]
    return sorted(entries, key=lambda e: (e.date or date.max, -e.independent_outlets))
