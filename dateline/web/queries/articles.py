"""Articles for the web: filtered pages, their total, a per-day histogram, one article with findings."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import duckdb

from ...store.queries import get_article
from ...store.schema import MENTION_TABLES
from . import WebFilter, dicts, existing_tables, scalar

LIST_SQL = ("SELECT articles.id, articles.published, outlet, title, url, date_status, length(text) AS chars, "
            "left(text, 240) AS snippet FROM articles")
# Bucket widths for the histogram: (name, days, DuckDB date_trunc part).
BUCKETS = (("day", 1, "day"), ("week", 7, "week"), ("month", 31, "month"))
MAX_BINS = 366  # daily bars up to a year, then weekly, then monthly


def page(con: duckdb.DuckDBPyConnection, flt: WebFilter, *, limit: int, offset: int) -> list[dict[str, Any]]:
    """One page of articles, newest first; ties broken by id so pages never overlap or skip."""
    where, params = flt.where()
    # Pick the page's ids first, then read text only for those rows (deep pages stay cheap).
    sql = (f"WITH page AS (SELECT id, published FROM articles{where} ORDER BY published DESC NULLS LAST, id "
           f"LIMIT ? OFFSET ?) {LIST_SQL} JOIN page USING (id) ORDER BY page.published DESC NULLS LAST, id")
    return dicts(con.execute(sql, [*params, limit, offset]))


def page_and_count(con: duckdb.DuckDBPyConnection, flt: WebFilter, *, limit: int,
                   offset: int) -> tuple[list[dict[str, Any]], int]:
    """`page` and `count` in one pass over the matching rows (one text scan for a search, not two; none
    more for an empty first page)."""
    where, params = flt.where()
    sql = (f"WITH page AS (SELECT id, published, count(*) OVER () AS _total FROM articles{where} "
           "ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?) "
           f"{LIST_SQL.replace('SELECT ', 'SELECT page._total, ', 1)} JOIN page USING (id) "
           "ORDER BY page.published DESC NULLS LAST, id")
    rows = dicts(con.execute(sql, [*params, limit, offset]))
    if not rows:
        return rows, count(con, flt) if offset else 0
    total = int(rows[0]["_total"])
    for row in rows:
        del row["_total"]
    return rows, total


def count(con: duckdb.DuckDBPyConnection, flt: WebFilter) -> int:
    where, params = flt.where()
    return int(scalar(con.execute(f"SELECT count(*) FROM articles{where}", params)) or 0)


def histogram(con: duckdb.DuckDBPyConnection, flt: WebFilter, bucket: str | None = None) -> dict[str, Any]:
    """Articles per day (per week or month when the range is long), with the bucket used."""
    where, params = flt.where()
    where = (where + " AND" if where else " WHERE") + " published IS NOT NULL"
    first, last = con.execute(f"SELECT min(published), max(published) FROM articles{where}", params).fetchone() or (None, None)
    if first is None:
        return {"bucket": bucket or "day", "first": None, "last": None, "bins": []}
    name, days, part = _bucket(first, last, bucket)
    rows = con.execute(f"SELECT date_trunc('{part}', published)::DATE AS d, count(*) FROM articles{where} "
                       "GROUP BY d ORDER BY d", params).fetchall()
    bins = [{"start": d, "end": _bucket_end(d, name), "count": n} for d, n in rows]
    return {"bucket": name, "days": days, "first": first, "last": last, "bins": bins}


def _bucket(first: date, last: date, wanted: str | None) -> tuple[str, int, str]:
    for name, days, part in BUCKETS:
        if wanted == name or (wanted is None and (last - first).days / days <= MAX_BINS):
            return name, days, part
    return BUCKETS[-1]


def _bucket_end(start: date, name: str) -> date:
    if name == "day":
        return start
    if name == "week":
        return start + timedelta(days=6)
    following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return following - timedelta(days=1)


def detail(con: duckdb.DuckDBPyConnection, ref: str) -> dict[str, Any]:
    """One article (by id or unique prefix) with everything analysis found in it."""
    article = get_article(con, ref)
    article.pop("content_hash", None)
    analysis = con.execute("SELECT pipeline_version, analyzed_at FROM analyses WHERE article_id = ?",
                           [article["id"]]).fetchone()
    return {
        "article": article,
        "analysis": {"pipeline_version": analysis[0], "analyzed_at": analysis[1]} if analysis else None,
        "findings": findings(con, article["id"]),
    }


def findings(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, list[dict[str, Any]]]:
    """Every stored finding of one article, by table, in text order (tables this store has)."""
    tables = existing_tables(con)
    return {table: dicts(con.execute(f'SELECT * FROM {table} WHERE article_id = ? ORDER BY start, "end"',
                                     [article_id]))
            for table in MENTION_TABLES if table in tables}


def outlets(con: duckdb.DuckDBPyConnection, limit: int = 200) -> list[dict[str, Any]]:
    return dicts(con.execute("SELECT outlet, count(*) AS articles FROM articles WHERE outlet IS NOT NULL "
                             "GROUP BY outlet ORDER BY articles DESC, outlet LIMIT ?", [limit]))
