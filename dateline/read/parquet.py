"""Parquet files of articles (e.g. a dateline export, or another tool's), read in row batches."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import E_MALFORMED
from ..model import Origin, Rejection
from .base import Item, ReadContext
from .fields import article_from_record


def read_parquet(stream: BinaryIO, name: str, ctx: ReadContext) -> Iterator[Item]:
    """Yield one article per row; the row number is the record number."""
    try:
        file = pq.ParquetFile(stream)
    except (pa.ArrowInvalid, OSError) as exc:
        yield Rejection(Origin(name, format="parquet"), E_MALFORMED, f"not a readable Parquet file: {exc}")
        return
    number = 0
    try:
        for batch in file.iter_batches(batch_size=2048):
            for row in batch.to_pylist():
                number += 1
                yield article_from_record(row, Origin(name, record=number, format="parquet"), ctx)
    except (pa.ArrowInvalid, OSError) as exc:
        yield Rejection(Origin(name, record=number + 1, format="parquet"), E_MALFORMED,
                        f"Parquet file is corrupt after row {number}: {exc}")
