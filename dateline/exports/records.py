"""The SQL behind the exports: events, figures and stories with their sources, filtered and ordered.

Every query is parameterized (values travel as parameters, never in the SQL text) and read as a
stream of Arrow batches, so an export never holds a whole table in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

from ..store.sql import Where

BATCH_ROWS = 5_000

# Stable ids: the article, the span and the type of a record, hashed (the store keys rows by article).
EVENT_ID_SQL = "'e' || substr(md5(e.article_id || ':' || e.start || ':' || e.\"end\" || ':' || e.type), 1, 16)"
FIGURE_ID_SQL = ("'f' || substr(md5(f.article_id || ':' || f.start || ':' || f.\"end\" || ':' || "
                 "coalesce(f.kind, '')), 1, 16)")
EVIDENCE_SQL = "substring(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start)"


@dataclass(frozen=True, slots=True)
class RecordFilter:
    """Which records an export covers; empty fields do not filter.

    since/until: the event date (events), the figure's as-of date (figures), or the story's span
    overlapping the range (stories). type: PLOVER types (events) or figure kinds (figures).
    skip_duplicates leaves out records of articles marked as duplicates of another.
    """

    since: date | None = None
    until: date | None = None
    type: tuple[str, ...] = ()
    factuality: tuple[str, ...] = ()
    country: str | None = None
    story: str | None = None
    min_confidence: float | None = None
    skip_duplicates: bool = False


def _common(flt: RecordFilter, alias: str, date_col: str) -> Where:
    """The filters events and figures share: dates, confidence, story, duplicates."""
    w = Where().add(f"{date_col} >= ?", flt.since).add(f"{date_col} <= ?", flt.until)
    w.add(f"{alias}.confidence >= ?", flt.min_confidence).add("sa.story_id = ?", flt.story)
    if flt.skip_duplicates:
        w.add(f"NOT EXISTS (SELECT 1 FROM article_duplicates d WHERE d.article_id = {alias}.article_id)")
    return w


def event_rows(con: duckdb.DuckDBPyConnection, flt: RecordFilter, *, flat_lists: bool = False,
               with_data: bool = False) -> pa.RecordBatchReader:
    """Events with their evidence sentence, source article and story, oldest event first."""
    w = _common(flt, "e", "e.date").add("list_contains(?, e.type)", [t.upper() for t in flt.type])
    w.add("list_contains(?, e.factuality)", list(flt.factuality)).add("upper(e.country) = upper(?)", flt.country)
    lists = ("array_to_string(e.source_actors, ';') AS source_actors, "
             "array_to_string(e.target_actors, ';') AS target_actors") if flat_lists else \
        "e.source_actors, e.target_actors"
    sql = f"""
        SELECT {EVENT_ID_SQL} AS event_id, e.date, e.date_end, e.date_precision, e.date_from_publication,
               e.type, e.mode, e.factuality, e.claimant, {lists},
               e.geonameid, e.place, e.country, e.admin1, e.lat, e.lon, e.geo_precision,
               e.text AS trigger, e.start AS trigger_start, e."end" AS trigger_end,
               e.sentence_start, e.sentence_end, {EVIDENCE_SQL} AS evidence,
               e.confidence, e.coded_by, e.component,
               e.article_id, a.url, a.outlet, a.title AS article_title, a.published,
               sa.story_id, n.analyzed_at{', e.data' if with_data else ''}
        FROM events e
        JOIN articles a ON a.id = e.article_id
        LEFT JOIN story_articles sa ON sa.article_id = e.article_id
        LEFT JOIN analyses n ON n.article_id = e.article_id
        {w.sql()}
        ORDER BY e.date NULLS LAST, e.article_id, e.start, e.type"""
    return con.cursor().sql(sql, params=w.params).to_arrow_reader(BATCH_ROWS)


FIGURE_COLUMNS = (
    "kind", "qualifier", "value", "low", "high", "unit", "noun", "phrase", "text", "actor", "actor_country",
    "place", "place_id", "place_admin1", "as_of", "date_from_publication", "speaker", "speaker_actor",
    "start", "end", "sentence_start", "sentence_end", "status", "event_type", "event_start", "how", "confidence",
    "component",
)


def figure_rows(con: duckdb.DuckDBPyConnection, flt: RecordFilter) -> pa.RecordBatchReader:
    """Figures with their sentence, source article and story, by kind and as-of date."""
    w = _common(flt, "f", "f.as_of").add("list_contains(?, f.kind)", [t.lower() for t in flt.type])
    w.add("upper(f.actor_country) = upper(?)", flt.country)
    columns = ", ".join(f'f."{c}"' for c in FIGURE_COLUMNS)
    sql = f"""
        SELECT {FIGURE_ID_SQL} AS figure_id, {columns},
               substring(a.text, f.sentence_start + 1, f.sentence_end - f.sentence_start) AS evidence,
               f.article_id, a.url, a.outlet, a.title AS article_title, a.published, sa.story_id
        FROM figures f
        JOIN articles a ON a.id = f.article_id
        LEFT JOIN story_articles sa ON sa.article_id = f.article_id
        {w.sql()}
        ORDER BY f.kind, f.as_of NULLS LAST, f.article_id, f.start"""
    return con.cursor().sql(sql, params=w.params).to_arrow_reader(BATCH_ROWS)


def story_rows(con: duckdb.DuckDBPyConnection, flt: RecordFilter, *, flat_lists: bool = False) -> pa.RecordBatchReader:
    """Stories with their article ids and event counts, most articles first."""
    w = Where().add("s.last_date >= ?", flt.since).add("s.first_date <= ?", flt.until).add("s.story_id = ?", flt.story)
    ids = "list(sa.article_id ORDER BY sa.article_id)"
    ids_sql = f"array_to_string({ids}, ';')" if flat_lists else ids
    sql = f"""
        SELECT s.story_id, s.title, s.first_date, s.last_date, s.articles, s.texts, s.outlets,
               (SELECT count(*) FROM events e JOIN story_articles x ON x.article_id = e.article_id
                WHERE x.story_id = s.story_id) AS events,
               (SELECT count(*) FROM figures f JOIN story_articles x ON x.article_id = f.article_id
                WHERE x.story_id = s.story_id) AS figures,
               {ids_sql} AS article_ids, s.updated_at
        FROM stories s LEFT JOIN story_articles sa ON sa.story_id = s.story_id
        {w.sql()}
        GROUP BY ALL
        ORDER BY s.articles DESC, s.last_date DESC NULLS LAST, s.story_id"""
    return con.cursor().sql(sql, params=w.params).to_arrow_reader(BATCH_ROWS)


def figures_of_sentences(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """The figures of these articles keyed by (article id, sentence start), for PLOVER's `figures`."""
    if not article_ids:
        return {}
    cursor = con.cursor().execute(
        f"""SELECT {FIGURE_ID_SQL} AS figure_id, f.article_id, f.sentence_start, f.kind, f.qualifier,
                   f.value, f.low, f.high, f.unit, f.noun, f.text, f.as_of
            FROM figures f WHERE list_contains(?, f.article_id) ORDER BY f.article_id, f.start""",
        [sorted(set(article_ids))])
    names = [d[0] for d in cursor.description or []]
    found: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for row in cursor.fetchall():
        record = dict(zip(names, row))
        key = (record.pop("article_id"), record.pop("sentence_start"))
        found.setdefault(key, []).append(record)
    return found
