"""Read-only questions to the store; every value reaches SQL as a parameter, never as text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from ..errors import StoreError

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

    def where(self) -> tuple[str, list[Any]]:
        """A WHERE clause with placeholders, and its parameters."""
        clauses, params = [], []
        if self.since:
            clauses.append("published >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("published <= ?")
            params.append(self.until)
        if self.outlet:
            clauses.append("lower(outlet) = lower(?)")
            params.append(self.outlet)
        if self.search:
            pattern = "%" + _escape_like(self.search) + "%"
            clauses.append("(title ILIKE ? ESCAPE '\\' OR text ILIKE ? ESCAPE '\\')")
            params += [pattern, pattern]
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


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


def _name_search(search: str | None, prefix: str) -> tuple[str, list[Any]]:
    """`prefix (name ILIKE ? OR text ILIKE ?)` for a listing's --search, or nothing."""
    if not search:
        return "", []
    pattern = "%" + _escape_like(search) + "%"
    return f"{prefix} (name ILIKE ? ESCAPE '\\' OR text ILIKE ? ESCAPE '\\')", [pattern, pattern]


def top_actors(con: duckdb.DuckDBPyConnection, *, limit: int = 50, search: str | None = None) -> list[dict[str, Any]]:
    """Canonical actors by the number of articles that mention them."""
    where, params = _name_search(search, " AND")
    where = f" WHERE {LISTED_ACTORS}" + where
    return rows_as_dicts(con.execute(
        "SELECT actor_id, any_value(name) AS name, any_value(code) AS code, any_value(country) AS country, "
        "mode(sector) AS sector, any_value(kind) AS kind, count(*) AS mentions, "
        f"count(DISTINCT article_id) AS articles FROM actor_mentions{where} GROUP BY actor_id "
        "ORDER BY articles DESC, mentions DESC, actor_id LIMIT ?", [*params, limit]))


def top_places(con: duckdb.DuckDBPyConnection, *, limit: int = 50, search: str | None = None) -> list[dict[str, Any]]:
    """Resolved places by the number of articles that mention them."""
    where, params = _name_search(search, " AND")
    where = " WHERE geonameid IS NOT NULL" + where
    return rows_as_dicts(con.execute(
        "SELECT geonameid, any_value(name) AS name, any_value(country) AS country, any_value(admin1) AS admin1, "
        "any_value(lat) AS lat, any_value(lon) AS lon, any_value(feature_class) AS feature_class, "
        f"count(*) AS mentions, count(DISTINCT article_id) AS articles FROM place_mentions{where} "
        "GROUP BY geonameid ORDER BY articles DESC, mentions DESC, geonameid LIMIT ?", [*params, limit]))
