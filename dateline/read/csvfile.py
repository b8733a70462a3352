"""CSV / TSV with a header row; fields are matched by name (see read/fields.py and `--map`)."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import E_EMPTY, E_MALFORMED, E_TOO_LARGE
from ..model import Origin, Rejection
from .base import Item, ReadContext
from .fields import article_from_record
from .jsonl import REPAIRED
from .lines import LineReader

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
DELIMITERS = ",\t;|"
MAX_COLUMNS = 10_000  # an article table has a handful; a million-column header would cost minutes and GBs


def _delimiter(head: bytes, name: str, configured: str) -> str:
    if configured:
        return configured
    if name.endswith((".tsv", ".tsv.gz", ".tab")):
        return "\t"
    first = head.split(b"\n", 1)[0].decode("utf-8", errors="replace")
    return max(DELIMITERS, key=first.count)


def read_csv(stream: BinaryIO, name: str, ctx: ReadContext) -> Iterator[Item]:
    """Yield one article per data row; a rejection names the row's first line and the problem."""
    head = stream.peek(65536)[:65536] if hasattr(stream, "peek") else b""
    lines = LineReader(stream, head, ctx.max_record_bytes)
    reader = csv.reader(lines, delimiter=_delimiter(head, name, str(ctx.config["read.csv_delimiter"])))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        yield Rejection(Origin(name, format="csv"), E_EMPTY, "empty CSV file: no header row")
        return
    except csv.Error as exc:
        yield Rejection(Origin(name, line=1, format="csv"), E_MALFORMED, f"unreadable header row: {exc}")
        return
    if len(header) > MAX_COLUMNS:
        yield Rejection(Origin(name, line=1, format="csv"), E_TOO_LARGE,
                        f"header has {len(header):,} columns, more than {MAX_COLUMNS:,}: not a table of articles")
        return
    rows = 0
    for item in _rows(reader, lines, header, name, ctx):
        rows += 1
        yield item
    if rows == 0:
        yield Rejection(Origin(name, format="csv"), E_EMPTY, "CSV file has a header row but no data rows")


def _rows(reader: csv._reader, lines: LineReader, header: list[str], name: str,
          ctx: ReadContext) -> Iterator[Item]:
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Rejection(Origin(name, line=start, format="csv"), E_MALFORMED, f"malformed CSV row: {exc}")
            continue
        origin = Origin(name, line=start, format="csv")
        span = range(start, reader.line_num + 1)
        if any(n in lines.oversized for n in span):
            yield Rejection(origin, E_TOO_LARGE, f"row longer than read.max_record_bytes ({ctx.max_record_bytes:,} bytes)")
            continue
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            runs_on = f" (it runs on to line {reader.line_num}: a quote left open?)" if reader.line_num > start else ""
            yield Rejection(origin, E_MALFORMED, f"row has {len(row):,} fields, the header has {len(header):,}{runs_on}")
            continue
        warnings = [REPAIRED] if any(n in lines.repaired for n in span) else []
        yield article_from_record(dict(zip(header, row)), origin, ctx, warnings)
