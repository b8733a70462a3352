"""Read-only questions the web layer asks the store, one module per record type.

Every value reaches SQL as a parameter; the few names spliced into SQL text (columns, bucket
widths) come from fixed tables in these modules, never from a request.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from ...store.queries import ArticleFilter, rows_as_dicts
from ...store.sql import ILIKE, Where, like

__all__ = ["BBox", "Schema", "SchemaCursor", "WebFilter", "dicts", "existing_tables", "like", "ranked_page",
           "scalar", "table_columns"]


@dataclass(frozen=True, slots=True)
class BBox:
    """A lon/lat box; west > east means it crosses the antimeridian."""

    west: float
    south: float
    east: float
    north: float

    @classmethod
    def parse(cls, text: str) -> BBox:
        """`west,south,east,north` in degrees; ValueError when it is not four numbers in range."""
        parts = [float(p) for p in text.split(",")]
        if len(parts) != 4:
            raise ValueError("bbox needs four numbers: west,south,east,north")
        west, south, east, north = parts
        if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
            raise ValueError("bbox out of range: -180<=lon<=180, -90<=south<=north<=90")
        return cls(west, south, east, north)

    def within(self, lat: str = "lat", lon: str = "lon") -> Where:
        """The condition that the given columns lie in the box, with its parameters."""
        lon_test = f"{lon} BETWEEN ? AND ?" if self.west <= self.east else f"({lon} >= ? OR {lon} <= ?)"
        return Where().add(f"({lat} BETWEEN ? AND ? AND {lon_test})", self.south, self.north, self.west, self.east)


@dataclass(frozen=True, slots=True)
class WebFilter:
    """The article filter of the CLI plus what the page filters by: an actor, a place, a box."""

    since: date | None = None
    until: date | None = None
    outlet: str | None = None
    search: str | None = None
    actor: str | None = None
    place: int | None = None
    bbox: BBox | None = None

    def where(self, table: str = "articles") -> tuple[str, list[Any]]:
        """A WHERE clause over `articles` (named `table` in the query), with its parameters."""
        return self.conditions(table).pair()

    def conditions(self, table: str = "articles") -> Where:
        """The conditions of the set fields over `articles` (named `table`), with their parameters."""
        w = ArticleFilter(self.since, self.until, self.outlet).conditions()
        if self.search:
            w.add(f"({table}.title {_ilike(self.search)} OR {table}.text {_ilike(self.search)})",
                  *[like(self.search)] * 2)
        w.add(f"EXISTS (SELECT 1 FROM actor_mentions m WHERE m.article_id = {table}.id AND m.actor_id = ?)",
              self.actor)
        w.add(f"EXISTS (SELECT 1 FROM place_mentions p WHERE p.article_id = {table}.id AND p.geonameid = ?)",
              self.place)
        if self.bbox is not None:
            w.extend(self.bbox.within("p.lat", "p.lon"),
                     f"EXISTS (SELECT 1 FROM place_mentions p WHERE p.article_id = {table}.id AND {{}})")
        return w

    @property
    def dated(self) -> bool:
        return self.since is not None or self.until is not None


dicts = rows_as_dicts  # the rows of an executed cursor as dicts keyed by column name


def scalar(cursor: duckdb.DuckDBPyConnection) -> Any:
    row = cursor.fetchone()
    return row[0] if row else None


def _ilike(text: str) -> str:
    """`ILIKE ?`, with an ESCAPE clause only when needed (DuckDB scans ~3x slower with one)."""
    return ILIKE if any(c in text for c in "%_\\") else "ILIKE ?"


@dataclass(frozen=True, slots=True)
class Schema:
    """The store's tables and their columns (record types and columns added by later migrations may be
    absent from an older store)."""

    columns: dict[str, frozenset[str]]

    @classmethod
    def read(cls, con: duckdb.DuckDBPyConnection) -> Schema:
        found: dict[str, set[str]] = {}
        for table, column in con.execute("SELECT table_name, column_name FROM information_schema.columns "
                                         "WHERE table_schema = 'main'").fetchall():
            found.setdefault(table, set()).add(column)
        return cls({table: frozenset(columns) for table, columns in found.items()})


class SchemaCursor:
    """A request's cursor that also knows the store's schema, read once per app rather than per
    question: each information_schema lookup costs about 2.5 ms of CPU, and an events page made four.
    Everything else is the DuckDB cursor's own."""

    __slots__ = ("_cursor", "known_schema")

    def __init__(self, cursor: duckdb.DuckDBPyConnection, schema: Schema) -> None:
        self._cursor = cursor
        self.known_schema = schema

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)


def _schema(con: duckdb.DuckDBPyConnection | SchemaCursor) -> Schema:
    return con.known_schema if isinstance(con, SchemaCursor) else Schema.read(con)


def existing_tables(con: duckdb.DuckDBPyConnection) -> Set[str]:
    """Tables of the main schema: record types added by later migrations may be absent from a store."""
    return _schema(con).columns.keys()


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> frozenset[str]:
    """Columns of one table of the main schema (none when the table is absent)."""
    return _schema(con).columns.get(table, frozenset())


def ranked_page(con: duckdb.DuckDBPyConnection, query: str, params: list[Any], order: str, *, limit: int,
                offset: int) -> tuple[list[dict[str, Any]], int]:
    """One page of `query`'s rows in `order` (an ORDER BY), and how many rows it has in all.

    The total rides on the page as a window column (one pass); past the end it is counted apart (an
    empty first page needs no count: nothing matches)."""
    rows = dicts(con.execute(f"SELECT *, count(*) OVER () AS _total FROM ({query}) {order} LIMIT ? OFFSET ?",
                             [*params, limit, offset]))
    if not rows:
        return rows, int(scalar(con.execute(f"SELECT count(*) FROM ({query})", params)) or 0) if offset else 0
    return rows, _take_total(rows)


def _take_total(rows: list[dict[str, Any]]) -> int:
    """Remove the `_total` window column from a page of rows and return its value."""
    total = int(rows[0]["_total"])
    for row in rows:
        del row["_total"]
    return total
