"""Writing and reading per-article analyses: each article's findings are replaced whole, atomically.

An analysis is written in the same transaction as the deletion of the article's previous one, so a
reader (or a run killed midway) sees the old analysis or the new one, never half of either.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from typing import Any

import duckdb
import pyarrow as pa

from ..analyze.base import Analysis
from .schema import MENTION_TABLES


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                       "ORDER BY ordinal_position", [table]).fetchall()
    return [r[0] for r in rows]


def write_analyses(con: duckdb.DuckDBPyConnection, analyses: list[Analysis], version: str) -> None:
    """Replace the stored analyses of these articles (call inside a transaction)."""
    if not analyses:
        return
    ids = pa.table({"id": [a.article_id for a in analyses]})
    con.register("analysed_ids", ids)
    for table in (*MENTION_TABLES, "analyses"):
        key = "article_id"
        con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT id FROM analysed_ids)")
    con.unregister("analysed_ids")
    for table, attribute in MENTION_TABLES.items():
        columns = _columns(con, table)
        rows = [_row(a, item, columns, attribute) for a in analyses for item in getattr(a, attribute)]
        if rows:
            con.register("new_rows", pa.Table.from_pylist(rows))
            names = ", ".join(f'"{c}"' for c in columns)
            con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM new_rows")
            con.unregister("new_rows")
    now = datetime.now(UTC)
    con.register("new_analyses", pa.table({
        "article_id": [a.article_id for a in analyses],
        "pipeline_version": [version] * len(analyses),
        "components": [json.dumps(a.components) for a in analyses],
        "analyzed_at": pa.array([now] * len(analyses), pa.timestamp("us", tz="UTC")),
    }))
    con.execute("INSERT INTO analyses SELECT article_id, pipeline_version, components, analyzed_at FROM new_analyses")
    con.unregister("new_analyses")


def _row(analysis: Analysis, item: Any, columns: list[str], attribute: str) -> dict[str, Any]:
    values = dataclasses.asdict(item)
    if "data" in columns:  # the whole record, for what has no column of its own
        values["data"] = json.dumps(values, default=str, ensure_ascii=False)
    values.update(_FLATTEN.get(attribute, _no_extra)(values))
    values["article_id"] = analysis.article_id
    if not values.get("component"):  # records without their own field: the stage that assigns them
        values["component"] = analysis.components.get(_ASSIGNED_BY.get(attribute, ""))
    return {c: values.get(c) for c in columns}


def _no_extra(values: dict[str, Any]) -> dict[str, Any]:
    return {}


def _event_columns(values: dict[str, Any]) -> dict[str, Any]:
    """An event's nested place and actors as flat columns (for filters, maps and exports)."""
    place = values.get("place") or {}
    return {
        "start": values["trigger_start"], "end": values["trigger_end"], "text": values["trigger"],
        "geonameid": place.get("geonameid"), "place": place.get("name"), "country": place.get("country"),
        "admin1": place.get("admin1"), "lat": place.get("lat"), "lon": place.get("lon"),
        "geo_precision": place.get("precision"),
        "source_actors": [a["actor_id"] for a in values.get("sources", [])],
        "target_actors": [a["actor_id"] for a in values.get("targets", [])],
    }


_FLATTEN = {"events": _event_columns}
_ASSIGNED_BY = {"times": "time.timex3.v1"}


def pending_articles(con: duckdb.DuckDBPyConnection, version: str, *, redo: bool = False,
                     limit: int | None = None) -> duckdb.DuckDBPyConnection:
    """A cursor over articles without a current analysis (all of them with `redo`), oldest first."""
    where = "" if redo else (" WHERE NOT EXISTS (SELECT 1 FROM analyses n WHERE n.article_id = a.id "
                             "AND n.pipeline_version = ?)")
    params: list[Any] = [] if redo else [version]
    sql = f"SELECT a.id, a.text, a.published, a.title FROM articles a{where} ORDER BY a.published NULLS LAST, a.id"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return con.cursor().execute(sql, params)


def count_pending(con: duckdb.DuckDBPyConnection, version: str) -> int:
    """How many articles lack a current analysis."""
    row = con.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM analyses n "
                      "WHERE n.article_id = a.id AND n.pipeline_version = ?)", [version]).fetchone()
    return int(row[0]) if row else 0


def mentions_of(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, list[dict[str, Any]]]:
    """Every stored finding of one article, by table, in text order."""
    found: dict[str, list[dict[str, Any]]] = {}
    for table in MENTION_TABLES:
        cursor = con.execute(f'SELECT * FROM {table} WHERE article_id = ? ORDER BY start, "end"', [article_id])
        names = [d[0] for d in cursor.description or []]
        found[table] = [dict(zip(names, row)) for row in cursor.fetchall()]
    return found
