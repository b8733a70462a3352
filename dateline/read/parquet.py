"""Parquet files of articles (e.g. a dateline export, or another tool's), read in row batches.

A file inside a hive-partitioned dataset (DIR/date=2017-03-01/part-0.parquet, DIR/year=2017/month=3/...)
gets its partition values back as fields when the file itself lacks those columns, so a dataset
partitioned by its date column (which writers drop from the files) keeps its dates. `year`, `month`
and `day` are not added when the row already has a date field (they only repeat it).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePath
from typing import Any, BinaryIO
from urllib.parse import unquote

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import E_MALFORMED
from ..model import Origin, Rejection
from .base import Item, ReadContext
from .fields import ALIASES, article_from_record

HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"
# What pyarrow raises on a damaged file: bad metadata, names that are not UTF-8, unknown encodings.
_CORRUPT = (pa.ArrowException, ValueError, OSError, NotImplementedError, IndexError, KeyError)
DERIVED = ("year", "month", "day")


def partition_values(name: str) -> dict[str, Any]:
    """Hive partition fields (`key=value` folders) in a path, outermost first; NULL markers as None."""
    values: dict[str, Any] = {}
    for part in PurePath(name).parts[:-1]:
        key, sep, value = part.partition("=")
        if sep and key and not key.startswith("."):
            value = unquote(value)
            values[unquote(key)] = None if value in (HIVE_NULL, "NULL", "") else value
    return values


def read_parquet(stream: BinaryIO, name: str, ctx: ReadContext) -> Iterator[Item]:
    """Yield one article per row; the row number is the record number."""
    try:
        file = pq.ParquetFile(stream)
        names = file.schema_arrow.names
    except _CORRUPT as exc:
        yield Rejection(Origin(name, format="parquet"), E_MALFORMED, f"not a readable Parquet file: {exc}")
        return
    restored = {k: v for k, v in partition_values(name).items() if k not in names}
    dated = any(n in names for n in (*ALIASES["published"], ctx.field_map.get("published", "")))
    if dated:
        restored = {k: v for k, v in restored.items() if k not in DERIVED}
    number = 0
    try:
        for batch in file.iter_batches(batch_size=2048):
            for row in _rows(batch):
                number += 1
                origin = Origin(name, record=number, format="parquet")
                if isinstance(row, str):
                    yield Rejection(origin, E_MALFORMED, row)
                    continue
                if restored:
                    row.update(restored)
                yield article_from_record(row, origin, ctx)
    except _CORRUPT as exc:
        yield Rejection(Origin(name, record=number + 1, format="parquet"), E_MALFORMED,
                        f"Parquet file is corrupt after row {number}: {exc}")


def _rows(batch: pa.RecordBatch) -> Iterator[dict[str, Any] | str]:
    """The batch's rows as dicts; a row whose strings are not UTF-8 comes out as the problem instead."""
    try:
        yield from batch.to_pylist()
        return
    except UnicodeDecodeError:
        pass
    for index in range(batch.num_rows):  # only for a damaged batch: find the bad rows one by one
        try:
            yield batch.slice(index, 1).to_pylist()[0]
        except UnicodeDecodeError as exc:
            yield f"a string column holds bytes that are not UTF-8 ({exc.reason} at byte {exc.start})"
