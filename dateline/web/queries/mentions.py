"""What actor and place pages share: one key's summary, surface forms and mentions over time.

`table` and `key` are code constants (actor_mentions/actor_id, place_mentions/geonameid), never
request input; the key's value is always a parameter.
"""

from __future__ import annotations

from typing import Any

import duckdb

from . import dicts


def summary(con: duckdb.DuckDBPyConnection, table: str, alias: str, key: str, fields: str, value: Any,
            *, key_as: str | None = None) -> dict[str, Any] | None:
    """The aggregate `fields` (over `table` as `alias`) of one key's mentions, first/last publication
    date and its 20 commonest names."""
    label = f" AS {key_as}" if key_as else ""
    rows = dicts(con.execute(
        f"SELECT {alias}.{key}{label}, {fields}, min(a.published) AS first_date, max(a.published) AS last_date "
        f"FROM {table} {alias} JOIN articles a ON a.id = {alias}.article_id WHERE {alias}.{key} = ? "
        f"GROUP BY {alias}.{key}", [value]))
    if not rows:
        return None
    found = rows[0]
    found["names"] = dicts(con.execute(
        f"SELECT text, count(*) AS mentions FROM {table} WHERE {key} = ? GROUP BY text "
        "ORDER BY mentions DESC, text LIMIT 20", [value]))
    return found


def timeline(con: duckdb.DuckDBPyConnection, table: str, key: str, value: Any) -> list[dict[str, Any]]:
    """Mentions and mentioning articles of one key per publication date."""
    return dicts(con.execute(
        "SELECT a.published AS date, count(*) AS mentions, count(DISTINCT a.id) AS articles "
        f"FROM {table} m JOIN articles a ON a.id = m.article_id "
        f"WHERE m.{key} = ? AND a.published IS NOT NULL GROUP BY a.published ORDER BY a.published", [value]))
