"""Exports of stored records to CSV, JSON Lines and Parquet, streamed in Arrow batches."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from .errors import ExportError
from .store.queries import ArticleFilter

EXPORT_FORMATS = ("csv", "jsonl", "parquet")
ARTICLE_EXPORT_COLUMNS = (
    "id", "published", "published_at", "date_status", "outlet", "title", "url", "author", "lang",
    "text", "origin_path", "origin_line", "origin_record", "origin_format", "retrieved_at",
    "extra", "ingested_at",
)


def export_articles(con: duckdb.DuckDBPyConnection, target: str, fmt: str,
                    flt: ArticleFilter | None = None) -> int:
    """Write the (filtered) articles to `target` ('-' is stdout for csv/jsonl); return the row count."""
    where, params = (flt or ArticleFilter()).where()
    sql = (f"SELECT {', '.join(ARTICLE_EXPORT_COLUMNS)} FROM articles{where} "
           "ORDER BY published NULLS LAST, id")
    reader = con.cursor().sql(sql, params=params).to_arrow_reader(10_000)
    return write_batches(reader, target, fmt)


def write_batches(reader: pa.RecordBatchReader, target: str, fmt: str) -> int:
    """Stream Arrow batches to a file in the chosen format."""
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "parquet" and target == "-":
        raise ExportError("Parquet cannot be written to standard output", hint="give -o FILE.parquet")
    rows = 0
    with _open_target(target, binary=fmt != "jsonl") as out:
        if fmt == "parquet":
            with pq.ParquetWriter(out, reader.schema, compression="zstd") as writer:
                for batch in reader:
                    writer.write_batch(batch)
                    rows += batch.num_rows
        elif fmt == "csv":
            with pacsv.CSVWriter(out, reader.schema) as writer:
                for batch in reader:
                    writer.write_batch(batch)
                    rows += batch.num_rows
        else:
            for batch in reader:
                for record in batch.to_pylist():
                    out.write(json.dumps(record, ensure_ascii=False, default=_json_default) + "\n")
                rows += batch.num_rows
    return rows


def _json_default(value: Any) -> str:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


@contextmanager
def _open_target(target: str, *, binary: bool) -> Iterator[IO[Any]]:
    if target == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    path = Path(target)
    if path.is_dir():
        raise ExportError(f"{path} is a directory", hint="give a file name, e.g. -o articles.csv")
    if not path.parent.exists():
        raise ExportError(f"folder {path.parent} does not exist", hint="create it first")
    tmp = path.with_name(path.name + ".part")
    try:
        with open(tmp, "wb" if binary else "w", encoding=None if binary else "utf-8") as handle:
            yield handle
        tmp.replace(path)  # a reader never sees a half-written export
    finally:
        tmp.unlink(missing_ok=True)
