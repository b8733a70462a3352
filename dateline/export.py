"""Exports of stored articles to CSV, JSON Lines and Parquet, streamed in Arrow batches.

Events, figures and stories (and the PLOVER, ACLED and GDELT layouts) are in `dateline.exports`.
"""

from __future__ import annotations

import duckdb

from .exports.writer import EXPORT_FORMATS, write_batches
from .exports.writer import open_target as _open_target
from .store.queries import ArticleFilter

ARTICLE_EXPORT_COLUMNS = (
    "id", "published", "published_at", "date_status", "outlet", "title", "url", "author", "lang",
    "text", "origin_path", "origin_line", "origin_record", "origin_format", "retrieved_at",
    "extra", "ingested_at",
)

__all__ = ["ARTICLE_EXPORT_COLUMNS", "EXPORT_FORMATS", "_open_target", "export_articles", "write_batches"]


def export_articles(con: duckdb.DuckDBPyConnection, target: str, fmt: str,
                    flt: ArticleFilter | None = None) -> int:
    """Write the (filtered) articles to `target` ('-' is stdout for csv/jsonl); return the row count."""
    where, params = (flt or ArticleFilter()).where()
    sql = (f"SELECT {', '.join(ARTICLE_EXPORT_COLUMNS)} FROM articles{where} "
           "ORDER BY published NULLS LAST, id")
    reader = con.cursor().sql(sql, params=params).to_arrow_reader(10_000)
    return write_batches(reader, target, fmt)
