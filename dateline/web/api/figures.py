"""/api/figures: reported figures with their sentence (JSON or CSV)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, Query, Request

from ..db import get_cursor
from ..queries import figures as q
from ..respond import Format, Limit, Offset, listing

router = APIRouter(prefix="/api/figures", tags=["figures"])
Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(get_cursor)]


@router.get("", summary="List figures, latest first")
def list_figures(
    request: Request, con: Cursor,
    kind: Annotated[str | None, Query(max_length=100, description="Figure kind (killed, displaced, ...).")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Actor named with the figure.")] = None,
    place: Annotated[str | None, Query(max_length=200, description="Place name or GeoNames id.")] = None,
    since: Annotated[date | None, Query(description="As of on or after (YYYY-MM-DD).")] = None,
    until: Annotated[date | None, Query(description="As of on or before (YYYY-MM-DD).")] = None,
    article: Annotated[str | None, Query(max_length=100)] = None,
    limit: Limit = 50, offset: Offset = 0, format: Format = None,
) -> Any:
    flt = q.FigureFilter(kind or None, actor or None, place or None, since, until, article or None)
    rows, total = q.page(con, flt, limit=limit, offset=offset)
    return listing(request, format, "figures", rows, total=total, limit=limit, offset=offset,
                   columns=q.CSV_COLUMNS)


@router.get("/kinds", summary="Figure kinds by number of figures")
def figure_kinds(con: Cursor) -> dict[str, Any]:
    return {"kinds": q.kinds(con)}
