"""Shared request and response helpers: filters from query parameters, pages, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request
from fastapi.responses import Response

from .queries import BBox, WebFilter

MAX_LIMIT = 1000
CSV_TYPE = "text/csv; charset=utf-8"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def parse_bbox(bbox: str | None) -> BBox | None:
    if not bbox:
        return None
    try:
        return BBox.parse(bbox)
    except ValueError as exc:
        raise HTTPException(422, f"bad bbox {bbox!r}: {exc}") from None


def article_filter(
    since: Annotated[date | None, Query(description="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[date | None, Query(description="Published on or before (YYYY-MM-DD).")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Outlet name (case-insensitive).")] = None,
    search: Annotated[str | None, Query(max_length=200, description="Words in the title or text.")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Only articles mentioning this actor id.")] = None,
    place: Annotated[int | None, Query(description="Only articles mentioning this GeoNames id.")] = None,
    bbox: Annotated[str | None, Query(description="Only articles mentioning a place in west,south,east,north.")] = None,
) -> WebFilter:
    """The article filter every listing shares, from query parameters."""
    return WebFilter(since, until, outlet or None, search or None, actor or None, place, parse_bbox(bbox))


Filter = Annotated[WebFilter, Depends(article_filter)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip (pages are stably ordered).")]
Format = Annotated[str | None, Query(pattern="^(json|csv)$", description="json (default) or csv; "
                                     "an Accept: text/csv header also selects CSV.")]


def wants_csv(request: Request, fmt: str | None) -> bool:
    if fmt:
        return fmt == "csv"
    accept = request.headers.get("accept", "")
    return "text/csv" in accept and "application/json" not in accept


def csv_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run: text starting like a formula gets a quote."""
    if isinstance(value, (list, dict)):
        value = json.dumps(value, default=str, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_response(rows: Iterable[dict[str, Any]], columns: list[str], filename: str) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(row.get(c)) for c in columns])
    return Response(buffer.getvalue(), media_type=CSV_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def listing(request: Request, fmt: str | None, key: str, rows: list[dict[str, Any]], *, total: int,
            limit: int, offset: int, columns: list[str] | None = None) -> Any:
    """A page of rows as JSON ({total, limit, offset, next_offset, key: rows}) or as CSV."""
    if wants_csv(request, fmt):
        names = columns or (list(rows[0]) if rows else [])
        return csv_response(rows, names, f"{key}.csv")
    following = offset + len(rows)
    return {"total": total, "limit": limit, "offset": offset,
            "next_offset": following if following < total else None, key: rows}
