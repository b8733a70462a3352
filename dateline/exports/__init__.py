"""Exports of events, figures and stories: CSV, JSON Lines, Parquet, and PLOVER/ACLED/GDELT layouts.

    export_records(con, "events", "gdelt", "events.tsv", RecordFilter(since=date(2017, 1, 1)))

Records are read in Arrow batches and written to `TARGET.part`, renamed to TARGET when complete;
'-' is standard output for the text formats. docs/exports.md describes every layout.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import duckdb

from ..errors import ExportError
from .layouts import (
    ACLED_COLUMNS,
    GDELT_COLUMNS,
    acled_row,
    gdelt_row,
    plover_record,
    rows_of,
)
from .records import (
    RecordFilter,
    event_rows,
    figure_rows,
    figures_of_sentences,
    story_rows,
)
from .writer import EXPORT_FORMATS, write_batches, write_delimited, write_json_lines

RECORD_KINDS = ("events", "figures", "stories")
LAYOUT_FORMATS = ("plover", "acled", "gdelt")
FORMATS_BY_KIND: dict[str, tuple[str, ...]] = {
    "events": (*EXPORT_FORMATS, *LAYOUT_FORMATS),
    "figures": EXPORT_FORMATS,
    "stories": EXPORT_FORMATS,
}


def export_records(con: duckdb.DuckDBPyConnection, kind: str, fmt: str, target: str,
                   flt: RecordFilter | None = None, *, since: date | None = None, until: date | None = None,
                   **filters: Any) -> int:
    """Write events, figures or stories in `fmt` to `target`; return how many records were written.

    Filters come as a RecordFilter or as its fields by keyword (since=, until=, type=, factuality=,
    country=, story=, min_confidence=, skip_duplicates=).
    """
    if kind not in FORMATS_BY_KIND:
        raise ExportError(f"unknown record kind {kind!r}; choose one of {', '.join(RECORD_KINDS)}")
    if fmt not in FORMATS_BY_KIND[kind]:
        raise ExportError(f"format {fmt!r} is not available for {kind}",
                          hint=f"choose one of {', '.join(FORMATS_BY_KIND[kind])}")
    flt = _filter(flt, since=since, until=until, **filters)
    if fmt == "parquet" and target == "-":
        raise ExportError("Parquet cannot be written to standard output", hint="give -o FILE.parquet")
    if kind == "figures":
        return write_batches(figure_rows(con, flt), target, fmt)
    if kind == "stories":
        return write_batches(story_rows(con, flt, flat_lists=fmt == "csv"), target, fmt)
    if fmt in EXPORT_FORMATS:
        return write_batches(event_rows(con, flt, flat_lists=fmt == "csv"), target, fmt)
    reader = event_rows(con, flt, with_data=True)
    if fmt == "acled":
        return write_delimited((acled_row(r) for r in rows_of(reader)), target, header=ACLED_COLUMNS)
    if fmt == "gdelt":
        return write_delimited((gdelt_row(r) for r in rows_of(reader)), target, header=None, delimiter="\t")
    return write_json_lines(_plover_records(con, reader), target)


def _plover_records(con: duckdb.DuckDBPyConnection, reader: Any) -> Any:
    for batch in reader:
        rows = batch.to_pylist()
        figures = figures_of_sentences(con, [r["article_id"] for r in rows])
        for row in rows:
            yield plover_record(row, figures.get((row["article_id"], row["sentence_start"]), []))


def _filter(flt: RecordFilter | None, **fields: Any) -> RecordFilter:
    given = {k: v for k, v in fields.items() if v is not None}
    unknown = set(given) - set(RecordFilter.__dataclass_fields__)
    if unknown:
        raise ExportError(f"unknown export filter {', '.join(sorted(unknown))}")
    for key in ("type", "factuality"):
        if isinstance(given.get(key), str):
            given[key] = (given[key],)
        elif key in given:
            given[key] = tuple(given[key])
    if flt is None:
        return RecordFilter(**given)
    return replace(flt, **given)


__all__ = [
    "ACLED_COLUMNS", "EXPORT_FORMATS", "FORMATS_BY_KIND", "GDELT_COLUMNS", "LAYOUT_FORMATS", "RECORD_KINDS",
    "RecordFilter", "export_records", "write_batches",
]
