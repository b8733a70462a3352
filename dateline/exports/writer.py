"""Writers shared by every export: Arrow batches to CSV/JSON Lines/Parquet, rows to delimited text.

Every file is written to `NAME.part` next to the target and renamed over it when complete, so a
reader never sees a half-written export; '-' writes to standard output (text formats only).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from ..errors import ExportError

EXPORT_FORMATS = ("csv", "jsonl", "parquet")


def write_batches(reader: pa.RecordBatchReader, target: str, fmt: str) -> int:
    """Stream Arrow batches to a file in the chosen format; return the row count."""
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "parquet" and target == "-":
        raise ExportError("Parquet cannot be written to standard output", hint="give -o FILE.parquet")
    rows = 0
    with open_target(target, binary=fmt != "jsonl") as out:
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
                    out.write(json_line(record))
                rows += batch.num_rows
    return rows


def write_json_lines(records: Iterable[dict[str, Any]], target: str) -> int:
    """Write one JSON object per line; return the count."""
    rows = 0
    with open_target(target, binary=False) as out:
        for record in records:
            out.write(json_line(record))
            rows += 1
    return rows


def write_delimited(rows: Iterable[Sequence[str]], target: str, *, header: Sequence[str] | None,
                    delimiter: str = ",") -> int:
    """Write rows of strings as CSV (quoted where needed) or, with a tab, as bare TSV; return the count.

    TSV values never contain tabs or line breaks (they become spaces), as GDELT's readers expect.
    """
    count = 0
    with open_target(target, binary=False, newline="") as out:
        if delimiter == "\t":
            if header:
                out.write("\t".join(header) + "\n")
            for row in rows:
                out.write("\t".join(_tsv_clean(v) for v in row) + "\n")
                count += 1
        else:
            writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
            if header:
                writer.writerow(header)
            for row in rows:
                writer.writerow(row)
                count += 1
    return count


def _tsv_clean(value: str) -> str:
    return value.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def json_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, default=json_default) + "\n"


def json_default(value: Any) -> str:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


@contextmanager
def open_target(target: str, *, binary: bool, newline: str | None = None) -> Iterator[IO[Any]]:
    """A handle on `target.part`, renamed to `target` when the block ends without an error."""
    if target == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    path = Path(target)
    if path.is_dir():
        raise ExportError(f"{path} is a directory", hint="give a file name, e.g. -o events.csv")
    if not path.parent.exists():
        raise ExportError(f"folder {path.parent} does not exist", hint="create it first")
    tmp = path.with_name(path.name + ".part")
    try:
        if binary:
            with open(tmp, "wb") as handle:
                yield handle
        else:
            with open(tmp, "w", encoding="utf-8", newline=newline) as handle:
                yield handle
        tmp.replace(path)  # a reader never sees a half-written export
    finally:
        tmp.unlink(missing_ok=True)
