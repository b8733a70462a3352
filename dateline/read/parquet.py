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
    except (pa.ArrowInvalid, OSError) as exc:
        yield Rejection(Origin(name, format="parquet"), E_MALFORMED, f"not a readable Parquet file: {exc}")
        return
    restored = {k: v for k, v in partition_values(name).items() if k not in file.schema_arrow.names}
    dated = any(n in file.schema_arrow.names for n in (*ALIASES["published"], ctx.field_map.get("published", "")))
    if dated:
        restored = {k: v for k, v in restored.items() if k not in DERIVED}
    number = 0
    try:
        for batch in file.iter_batches(batch_size=2048):
            for row in batch.to_pylist():
                number += 1
                if restored:
                    row.update(restored)
                yield article_from_record(row, Origin(name, record=number, format="parquet"), ctx)
    except (pa.ArrowInvalid, OSError) as exc:
        yield Rejection(Origin(name, record=number + 1, format="parquet"), E_MALFORMED,
                        f"Parquet file is corrupt after row {number}: {exc}")
