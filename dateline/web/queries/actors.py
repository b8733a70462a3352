"""Canonical actors: ranked by the articles that mention them, and one actor's mentions over time."""

from __future__ import annotations

from typing import Any

import duckdb

from ...store.queries import LISTED_ACTORS
from . import WebFilter, _take_total, dicts, like, mentions, scalar

SUMMARY = ("any_value(m.name) AS name, any_value(m.code) AS code, any_value(m.country) AS country, "
           "mode(m.sector) AS sector, any_value(m.kind) AS kind, count(*) AS mentions, "
           "count(DISTINCT m.article_id) AS articles")


def _where(flt: WebFilter, search: str | None) -> tuple[str, list[Any]]:
    """Mentions whose article passes `flt`, optionally matching a name search."""
    clauses, params = ["m.actor_id IS NOT NULL", LISTED_ACTORS.replace("kind", "m.kind").replace("actor_id", "m.actor_id")], []
    if search:
        clauses.append("(m.name ILIKE ? ESCAPE '\\' OR m.text ILIKE ? ESCAPE '\\' OR m.actor_id ILIKE ? ESCAPE '\\')")
        params += [like(search)] * 3
    article_where, article_params = flt.where("a")
    if article_where:
        clauses.append(f"m.article_id IN (SELECT a.id FROM articles a{article_where})")
        params += article_params
    return " WHERE " + " AND ".join(clauses), params


def ranked(con: duckdb.DuckDBPyConnection, flt: WebFilter, *, search: str | None = None,
           kind: str | None = None, limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Actors by number of articles (ties by mentions, then id), and how many actors match."""
    where, params = _where(flt, search)
    having, having_params = ("", []) if not kind else (" HAVING any_value(m.kind) = ?", [kind])
    grouped = f"SELECT m.actor_id AS id, {SUMMARY} FROM actor_mentions m{where} GROUP BY m.actor_id{having}"
    rows = dicts(con.execute(f"SELECT *, count(*) OVER () AS _total FROM ({grouped}) "
                             "ORDER BY articles DESC, mentions DESC, id LIMIT ? OFFSET ?",
                             [*params, *having_params, limit, offset]))
    if not rows:  # past the end: count separately
        return rows, int(scalar(con.execute(f"SELECT count(*) FROM ({grouped})", [*params, *having_params])) or 0)
    return rows, _take_total(rows)


def summary(con: duckdb.DuckDBPyConnection, actor_id: str) -> dict[str, Any] | None:
    """One actor's canonical fields, counts, first/last date and the surface forms used for it."""
    return mentions.summary(con, "actor_mentions", "m", "actor_id", SUMMARY, actor_id, key_as="id")


def timeline(con: duckdb.DuckDBPyConnection, actor_id: str) -> list[dict[str, Any]]:
    """Mentions and mentioning articles per publication date."""
    return mentions.timeline(con, "actor_mentions", "actor_id", actor_id)


def co_mentioned(con: duckdb.DuckDBPyConnection, actor_id: str, limit: int = 12) -> list[dict[str, Any]]:
    """Other actors most often named in the same articles."""
    return dicts(con.execute(
        "SELECT o.actor_id AS id, any_value(o.name) AS name, count(DISTINCT o.article_id) AS articles "
        "FROM actor_mentions o WHERE o.actor_id <> ? AND o.article_id IN "
        "(SELECT article_id FROM actor_mentions WHERE actor_id = ?) "
        "GROUP BY o.actor_id ORDER BY articles DESC, id LIMIT ?", [actor_id, actor_id, limit]))
