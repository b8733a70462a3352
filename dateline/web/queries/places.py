"""Resolved places (GeoNames ids with coordinates): ranked, boxed, and one place over time."""

from __future__ import annotations

from typing import Any

import duckdb

from ...store.sql import ILIKE, Where
from . import BBox, WebFilter, dicts, like, mentions, ranked_page

SUMMARY = ("any_value(p.name) AS name, any_value(p.country) AS country, any_value(p.admin1) AS admin1, "
           "any_value(p.lat) AS lat, any_value(p.lon) AS lon, any_value(p.feature_class) AS feature_class, "
           "any_value(p.feature_code) AS feature_code, any_value(p.population) AS population, "
           "count(*) AS mentions, count(DISTINCT p.article_id) AS articles")


def _where(flt: WebFilter, search: str | None, bbox: BBox | None) -> Where:
    """Resolved mentions whose article passes `flt`, optionally matching a name search and inside a box."""
    w = Where().add("p.geonameid IS NOT NULL")
    if search:
        w.add(f"(p.name {ILIKE} OR p.text {ILIKE})", *[like(search)] * 2)
    if bbox is not None:
        w.extend(bbox.within("p.lat", "p.lon"))
    return w.extend(flt.conditions("a"), "p.article_id IN (SELECT a.id FROM articles a WHERE {})")


def ranked(con: duckdb.DuckDBPyConnection, flt: WebFilter, *, search: str | None = None,
           bbox: BBox | None = None, limit: int = 500, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Places by number of articles (ties by mentions, then id), and how many places match."""
    where = _where(flt, search, bbox)
    grouped = f"SELECT p.geonameid, {SUMMARY} FROM place_mentions p{where.sql()} GROUP BY p.geonameid"
    return ranked_page(con, grouped, where.params, "ORDER BY articles DESC, mentions DESC, geonameid",
                       limit=limit, offset=offset)


def summary(con: duckdb.DuckDBPyConnection, geonameid: int) -> dict[str, Any] | None:
    """One place's fields, counts, first/last date and the names the articles used for it."""
    return mentions.summary(con, "place_mentions", "p", "geonameid", SUMMARY, geonameid)


def timeline(con: duckdb.DuckDBPyConnection, geonameid: int) -> list[dict[str, Any]]:
    """Mentions and mentioning articles per publication date."""
    return mentions.timeline(con, "place_mentions", "geonameid", geonameid)


def actors_here(con: duckdb.DuckDBPyConnection, geonameid: int, limit: int = 12) -> list[dict[str, Any]]:
    """Actors most often named in articles that mention this place."""
    return dicts(con.execute(
        "SELECT m.actor_id AS id, any_value(m.name) AS name, count(DISTINCT m.article_id) AS articles "
        "FROM actor_mentions m WHERE m.actor_id IS NOT NULL AND m.article_id IN "
        "(SELECT article_id FROM place_mentions WHERE geonameid = ?) "
        "GROUP BY m.actor_id ORDER BY articles DESC, id LIMIT ?", [geonameid, limit]))
