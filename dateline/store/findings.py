"""Listings of per-article findings across the store: events and figures, with filters (all parameterized)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from .queries import rows_as_dicts
from .sql import ILIKE, Where, like

EVENT_COLUMNS = ("e.article_id", "e.type", "e.mode", "e.factuality", "e.claimant", "e.date", "e.date_precision",
                 "e.place", "e.country", "e.geonameid", "e.geo_precision", "e.source_actors", "e.target_actors",
                 "e.text AS trigger", "e.fatalities", "e.confidence", "e.coded_by", "a.outlet", "a.published")
FIGURE_COLUMNS = ("f.article_id", "f.kind", "f.qualifier", "f.value", "f.low", "f.high", "f.unit", "f.phrase",
                  "f.actor", "f.actor_country", "f.place", "f.as_of", "f.speaker", "f.status", "f.event_type",
                  "f.event_start", "f.confidence", "a.outlet", "a.published")


@dataclass(frozen=True, slots=True)
class FindingFilter:
    """Filters shared by event and figure listings; empty fields do not filter."""

    kind: str | None = None  # event type (ASSAULT) or figure kind (killed)
    actor: str | None = None  # actor id, ISO3 code or name words
    place: str | None = None  # place name words or a GeoNames id
    since: date | None = None
    until: date | None = None
    factuality: str | None = None


def _actor_clause(alias: str, table: str, actor: str) -> tuple[str, list[Any]]:
    """Findings the actor takes part in: an event's source or target, a figure's subject or speaker.

    `actor` is an actor id, an ISO3 code (the country and every actor of it) or name words; it is
    matched against the actor mentions of the whole store to find the actor ids it stands for.
    """
    ids = ("(SELECT coalesce(list(DISTINCT m.actor_id), []) FROM actor_mentions m "
           "WHERE m.actor_id = ? OR m.country = upper(?) OR m.name " + ILIKE + ")")
    params = [actor, actor, like(actor)]
    if table == "events":
        return (f"(list_has_any({alias}.source_actors || {alias}.target_actors, {ids}) "
                f"OR list_contains({alias}.source_actors || {alias}.target_actors, ?))", [*params, actor])
    return (f"({alias}.actor = ? OR {alias}.actor_country = upper(?) OR list_contains({ids}, {alias}.actor) "
            f"OR list_contains({ids}, {alias}.speaker_actor))", [actor, actor, *params, *params])


def _where(alias: str, table: str, flt: FindingFilter, day_column: str) -> tuple[str, list[Any]]:
    w = Where().add(f"upper({alias}.{'type' if table == 'events' else 'kind'}) = upper(?)", flt.kind)
    if table == "events":
        w.add(f"{alias}.factuality = ?", flt.factuality)
    if flt.actor:
        clause, params = _actor_clause(alias, table, flt.actor)
        w.add(clause, *params)
    if flt.place:
        place_col = "geonameid" if table == "events" else "place_id"
        w.add(f"(CAST({alias}.{place_col} AS VARCHAR) = ? OR {alias}.place {ILIKE})", flt.place, like(flt.place))
    day = f"coalesce({alias}.{day_column}, a.published)"
    return w.add(f"{day} >= ?", flt.since).add(f"{day} <= ?", flt.until).pair()


def _listing(con: duckdb.DuckDBPyConnection, table: str, alias: str, columns: tuple[str, ...], day_column: str,
             flt: FindingFilter, limit: int, offset: int) -> list[dict[str, Any]]:
    """Findings of `table` passing `flt`, latest first (by their day, else their article's), with the outlet."""
    where, params = _where(alias, table, flt, day_column)
    sql = (f"SELECT {', '.join(columns)} FROM {table} {alias} JOIN articles a ON a.id = {alias}.article_id{where} "
           f"ORDER BY coalesce({alias}.{day_column}, a.published) DESC NULLS LAST, {alias}.article_id, {alias}.start "
           "LIMIT ? OFFSET ?")
    return rows_as_dicts(con.execute(sql, [*params, limit, offset]))


def list_events(con: duckdb.DuckDBPyConnection, flt: FindingFilter, *, limit: int = 50,
                offset: int = 0) -> list[dict[str, Any]]:
    """Coded events, latest first, with their article's outlet."""
    return _listing(con, "events", "e", EVENT_COLUMNS, "date", flt, limit, offset)


def list_figures(con: duckdb.DuckDBPyConnection, flt: FindingFilter, *, limit: int = 50,
                 offset: int = 0) -> list[dict[str, Any]]:
    """Reported figures, latest first, with their article's outlet."""
    return _listing(con, "figures", "f", FIGURE_COLUMNS, "as_of", flt, limit, offset)
