"""Canonical actors: ranked by the articles that mention them, and one actor's mentions over time."""

from __future__ import annotations

from typing import Any

import duckdb

from ...store.queries import LISTED_ACTORS
from ...store.sql import ILIKE, Where
from . import WebFilter, dicts, like, mentions, ranked_page

SUMMARY = ("any_value(m.name) AS name, any_value(m.code) AS code, any_value(m.country) AS country, "
           "mode(m.sector) AS sector, any_value(m.kind) AS kind, count(*) AS mentions, "
           "count(DISTINCT m.article_id) AS articles")


def _where(flt: WebFilter, search: str | None) -> Where:
    """Mentions whose article passes `flt`, optionally matching a name search."""
    w = Where().add("m.actor_id IS NOT NULL").add(LISTED_ACTORS.replace("kind", "m.kind").replace("actor_id", "m.actor_id"))
    if search:
        w.add(f"(m.name {ILIKE} OR m.text {ILIKE} OR m.actor_id {ILIKE})", *[like(search)] * 3)
    return w.extend(flt.conditions("a"), "m.article_id IN (SELECT a.id FROM articles a WHERE {})")


def ranked(con: duckdb.DuckDBPyConnection, flt: WebFilter, *, search: str | None = None,
           kind: str | None = None, limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Actors by number of articles (ties by mentions, then id), and how many actors match."""
    where, having = _where(flt, search), Where().add("any_value(m.kind) = ?", kind)
    grouped = (f"SELECT m.actor_id AS id, {SUMMARY} FROM actor_mentions m{where.sql()} GROUP BY m.actor_id"
               f"{having.sql('HAVING')}")
    return ranked_page(con, grouped, [*where.params, *having.params],
                       "ORDER BY articles DESC, mentions DESC, id", limit=limit, offset=offset)


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
