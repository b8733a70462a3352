"""Headline numbers for the page header and /api/stats."""

from __future__ import annotations

from typing import Any

import duckdb

from ...store.queries import LISTED_ACTORS
from ...store.queries import stats as store_stats
from ...store.schema import MENTION_TABLES
from . import existing_tables, scalar


def overview(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The store's own stats plus how much analysis found."""
    numbers = store_stats(con)
    numbers["analysed"] = int(scalar(con.execute("SELECT count(*) FROM analyses")) or 0)
    tables = existing_tables(con)
    numbers["findings"] = {table: int(scalar(con.execute(f"SELECT count(*) FROM {table}")) or 0)
                           for table in MENTION_TABLES if table in tables}
    numbers["actors"] = int(scalar(con.execute(
        f"SELECT count(DISTINCT actor_id) FROM actor_mentions WHERE {LISTED_ACTORS}")) or 0)
    numbers["places"] = int(scalar(con.execute(
        "SELECT count(DISTINCT geonameid) FROM place_mentions")) or 0)
    return numbers
