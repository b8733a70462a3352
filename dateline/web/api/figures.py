"""/api/figures: reported figures with their sentence (JSON or CSV)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Query, Request

from ..db import get_cursor
from ..queries import figures as q
from ..queries import series as series_q
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


@router.get("/series", summary="Figure series: subjects (kind, who, where) with several figures")
def list_series(
    request: Request, con: Cursor,
    kind: Annotated[str | None, Query(max_length=100, description="Figure kind (killed, displaced, ...).")] = None,
    text: Annotated[str | None, Query(max_length=200, description="Words in the subject.")] = None,
    min_points: Annotated[int, Query(ge=1, le=1_000_000, description="At least this many figures.")] = 2,
    limit: Limit = 50, offset: Offset = 0, format: Format = None,
) -> Any:
    """Subjects by number of independent sources, then figures; each with its date and value range."""
    rows, total = series_q.subjects(con, kind=kind or None, text=text or None, min_points=min_points,
                                    limit=limit, offset=offset)
    return listing(request, format, "series", rows, total=total, limit=limit, offset=offset,
                   columns=series_q.SERIES_COLUMNS)


@router.get("/series/detail", summary="One figure series: each source's figure, estimates, disagreements")
def one_series(
    con: Cursor,
    kind: Annotated[str, Query(max_length=100)],
    who: Annotated[str | None, Query(max_length=200, description="Actor country or id (absent: none).")] = None,
    where: Annotated[str | None, Query(max_length=200, description="Place name (absent: none).")] = None,
    noun: Annotated[str | None, Query(max_length=200, description="Counted noun (kind other only).")] = None,
) -> dict[str, Any]:
    """Every figure of the subject in time order, the interval it allows (`lower`/`upper`, open ends
    flagged), the monthly low / best / high across sources, and the disagreeing pairs (indexes)."""
    found = series_q.series(con, kind, who or None, where or None, noun or None)
    if found is None:
        raise HTTPException(404, "no figures for this subject")
    return found
