"""Writing and reading per-article analyses: each article's findings are replaced whole, atomically.

An analysis is written in the same transaction as the deletion of the article's previous one, so a
reader (or a run killed midway) sees the old analysis or the new one, never half of either.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import duckdb
import pyarrow as pa

from ..analyze.base import Analysis
from ..analyze.time import COMPONENT as TIME_COMPONENT
from .schema import MENTION_TABLES


@dataclass(slots=True)
class RowBatch:
    """A batch of analyses as store rows, one Arrow table per table: what workers hand the single writer.

    Workers build these (so the writer only inserts); the dask engine ships them as Parquet shards.
    """

    tables: dict[str, pa.Table]  # MENTION_TABLES and "analyses", each in the store's column layout

    @property
    def ids(self) -> list[str]:
        return self.tables["analyses"].column("article_id").to_pylist()

    @property
    def found(self) -> dict[str, int]:
        """Findings in the batch by Analysis attribute (entities, actors, places, ...)."""
        return {attribute: self.tables[table].num_rows for table, attribute in MENTION_TABLES.items()}

    def __len__(self) -> int:
        return self.tables["analyses"].num_rows


@functools.cache
def table_schemas() -> dict[str, pa.Schema]:
    """The Arrow layout of every analysis table, read from the migrations applied to an empty database."""
    from .database import migrate

    con = duckdb.connect()
    try:
        migrate(con, ":memory:")
        return {t: con.sql(f"SELECT * FROM {t} LIMIT 0").to_arrow_table().schema
                for t in (*MENTION_TABLES, "analyses")}
    finally:
        con.close()


def analysis_rows(analyses: list[Analysis], version: str) -> RowBatch:
    """The rows that store these analyses (built wherever the analyses were made)."""
    schemas = table_schemas()
    tables = {}
    for table, attribute in MENTION_TABLES.items():
        columns = schemas[table].names
        rows = [_row(a, item, columns, attribute) for a in analyses for item in getattr(a, attribute)]
        tables[table] = pa.Table.from_pylist(rows, schema=schemas[table])
    now = datetime.now(UTC)
    tables["analyses"] = pa.Table.from_pylist(
        [{"article_id": a.article_id, "pipeline_version": version, "components": json.dumps(a.components),
          "analyzed_at": now} for a in analyses], schema=schemas["analyses"])
    return RowBatch(tables)


def write_rows(con: duckdb.DuckDBPyConnection, batch: RowBatch) -> None:
    """Replace the stored analyses of the batch's articles with its rows (call inside a transaction)."""
    if not len(batch):
        return
    con.register("analysed_ids", batch.tables["analyses"].select(["article_id"]))
    for table in (*MENTION_TABLES, "analyses"):
        con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM analysed_ids)")
    con.unregister("analysed_ids")
    for table in (*MENTION_TABLES, "analyses"):
        rows = batch.tables[table]
        if rows.num_rows:
            con.register("new_rows", rows)
            names = ", ".join(f'"{c}"' for c in rows.schema.names)
            con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM new_rows")
            con.unregister("new_rows")


def write_analyses(con: duckdb.DuckDBPyConnection, analyses: list[Analysis], version: str) -> None:
    """Replace the stored analyses of these articles (call inside a transaction)."""
    write_rows(con, analysis_rows(analyses, version))


def _row(analysis: Analysis, item: Any, columns: list[str], attribute: str) -> dict[str, Any]:
    values = _plain(item)
    if "data" in columns:  # the whole record, for what has no column of its own
        values["data"] = json.dumps(values, default=str, ensure_ascii=False)
    values.update(_FLATTEN.get(attribute, _no_extra)(values))
    values["article_id"] = analysis.article_id
    if not values.get("component"):  # records without their own field: the stage that assigns them
        values["component"] = analysis.components.get(_ASSIGNED_BY.get(attribute, ""))
    return {c: values.get(c) for c in columns}


_LEAVES = frozenset({str, int, float, bool, type(None), date, datetime})


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _plain(value: Any) -> Any:
    """``dataclasses.asdict`` without its deep copies (rows are read, never changed): nested
    dataclasses become dicts and lists, tuples and dicts are rebuilt, other values are shared.
    asdict deep-copied every string and date of every finding, a tenth of the pipeline's time."""
    kind = type(value)
    if kind in _LEAVES:
        return value
    if hasattr(kind, "__dataclass_fields__"):  # most fields are leaves: test them here, not in a call each
        return {name: v if type(v) in _LEAVES else _plain(v)
                for name in _field_names(kind) for v in (getattr(value, name),)}
    if kind is list or kind is tuple:
        return kind(v if type(v) in _LEAVES else _plain(v) for v in value)
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple, as asdict rebuilds it
        return kind(*[_plain(v) for v in value])
    if isinstance(value, (list, tuple)):
        return kind(_plain(v) for v in value)
    if isinstance(value, dict):
        return kind((_plain(k), _plain(v)) for k, v in value.items())
    return value


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
_ASSIGNED_BY = {"times": TIME_COMPONENT}  # time expressions carry no component of their own


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
