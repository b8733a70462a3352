"""Read-only questions to the store; every value reaches SQL as a parameter, never as text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from ..errors import StoreError
from .sql import ILIKE, Where, like

LIST_COLUMNS = ("id", "published", "outlet", "title", "url", "date_status")
# Actor mentions that are not actors to list: toponyms and pronouns the actor layer typed for NER
# (kept in actor_mentions for evidence and scoring). Column names as in actor_mentions.
LISTED_ACTORS = "kind IS DISTINCT FROM 'place' AND actor_id NOT LIKE 'new:pronoun:%'"


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Which articles a listing or export covers; empty fields do not filter."""

    since: date | None = None
    until: date | None = None
    outlet: str | None = None
    search: str | None = None

    def conditions(self) -> Where:
        """The conditions of the set fields, with their parameters."""
        w = Where().add("published >= ?", self.since).add("published <= ?", self.until)
        w.add("lower(outlet) = lower(?)", self.outlet)
        if self.search:
            w.add(f"(title {ILIKE} OR text {ILIKE})", *[like(self.search)] * 2)
        return w

    def where(self) -> tuple[str, list[Any]]:
        """A WHERE clause with placeholders, and its parameters."""
        return self.conditions().pair()


def rows_as_dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """The rows of an executed query as dicts keyed by column name."""
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def list_articles(con: duckdb.DuckDBPyConnection, flt: ArticleFilter, *, limit: int = 50,
                  offset: int = 0) -> list[dict[str, Any]]:
    """Articles newest first (ties by id, so pages are stable), without their text."""
    where, params = flt.where()
    sql = (f"SELECT {', '.join(LIST_COLUMNS)}, length(text) AS chars FROM articles{where} "
           "ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?")
    return rows_as_dicts(con.execute(sql, [*params, limit, offset]))


def count_articles(con: duckdb.DuckDBPyConnection, flt: ArticleFilter) -> int:
    where, params = flt.where()
    row = con.execute(f"SELECT count(*) FROM articles{where}", params).fetchone()
    return int(row[0]) if row else 0


def get_article(con: duckdb.DuckDBPyConnection, ref: str) -> dict[str, Any]:
    """One article by id, or by an unambiguous id prefix (at least 4 characters)."""
    rows = rows_as_dicts(con.execute("SELECT * FROM articles WHERE id = ?", [ref]))
    if not rows and len(ref) >= 4:
        rows = rows_as_dicts(con.execute(
            "SELECT * FROM articles WHERE starts_with(id, ?) ORDER BY id LIMIT 6", [ref]))
    if not rows:
        raise StoreError(f"no article with id {ref!r}", hint="`dateline articles` lists ids")
    if len(rows) > 1:
        ids = ", ".join(r["id"] for r in rows[:5])
        raise StoreError(f"id prefix {ref!r} matches several articles ({ids})", hint="give more characters")
    return rows[0]


def stats(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Headline numbers of the store: articles, date range, outlets, formats, runs."""
    row = con.execute(
        "SELECT count(*), min(published), max(published), count(DISTINCT outlet), "
        "count(*) FILTER (WHERE date_status <> 'ok'), coalesce(sum(length(text)), 0) FROM articles"
    ).fetchone()
    assert row is not None
    runs = rows_as_dicts(con.execute(
        "SELECT id, started_at, finished_at, status, read_count, new_count, updated_count, "
        "unchanged_count, rejected_count FROM ingest_runs ORDER BY id DESC LIMIT 5"))
    return {
        "articles": row[0], "first_date": row[1], "last_date": row[2], "outlets": row[3],
        "undated": row[4], "characters": row[5],
        "by_format": dict(con.execute(
            "SELECT coalesce(origin_format, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC").fetchall()),
        "top_outlets": dict(con.execute(
            "SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL GROUP BY 1 "
            "ORDER BY 2 DESC, 1 LIMIT 10").fetchall()),
        "recent_runs": runs,
    }


def _top(con: duckdb.DuckDBPyConnection, table: str, key: str, fields: str, listed: str, *, limit: int,
         search: str | None) -> list[dict[str, Any]]:
    """Mentions of `table` grouped by `key`, most mentioning articles first (ties by mentions, then key).

    `listed` keeps the mentions worth listing; `search` matches a name or surface form."""
    w = Where().add(listed)
    if search:
        w.add(f"(name {ILIKE} OR text {ILIKE})", *[like(search)] * 2)
    return rows_as_dicts(con.execute(
        f"SELECT {key}, {fields}, count(*) AS mentions, count(DISTINCT article_id) AS articles FROM {table}"
        f"{w.sql()} GROUP BY {key} ORDER BY articles DESC, mentions DESC, {key} LIMIT ?", [*w.params, limit]))


def top_actors(con: duckdb.DuckDBPyConnection, *, limit: int = 50, search: str | None = None) -> list[dict[str, Any]]:
    """Canonical actors by the number of articles that mention them."""
    return _top(con, "actor_mentions", "actor_id",
                "any_value(name) AS name, any_value(code) AS code, any_value(country) AS country, "
                "mode(sector) AS sector, any_value(kind) AS kind", LISTED_ACTORS, limit=limit, search=search)


def top_places(con: duckdb.DuckDBPyConnection, *, limit: int = 50, search: str | None = None) -> list[dict[str, Any]]:
    """Resolved places by the number of articles that mention them."""
    return _top(con, "place_mentions", "geonameid",
                "any_value(name) AS name, any_value(country) AS country, any_value(admin1) AS admin1, "
                "any_value(lat) AS lat, any_value(lon) AS lon, any_value(feature_class) AS feature_class",
                "geonameid IS NOT NULL", limit=limit, search=search)
