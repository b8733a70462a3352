"""/api/events: coded events with their evidence sentence (JSON or CSV), map points, one event."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Query, Request

from ..db import get_cursor
from ..queries import events as q
from ..respond import Format, Limit, Offset, listing, parse_bbox

router = APIRouter(prefix="/api/events", tags=["events"])
Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(get_cursor)]
Word = r"^[A-Za-z0-9_.:\-]+$"


def event_filter(
    type: Annotated[str | None, Query(max_length=100, pattern=Word, description="Event type code.")] = None,
    mode: Annotated[str | None, Query(max_length=100, pattern=Word, description="Event mode.")] = None,
    factuality: Annotated[str | None, Query(max_length=100, pattern=Word, description="Factuality.")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Actor id as source or target.")] = None,
    place: Annotated[int | None, Query(description="GeoNames id of the event's place.")] = None,
    bbox: Annotated[str | None, Query(description="Events located in west,south,east,north.")] = None,
    since: Annotated[date | None, Query(description="Event date on or after (YYYY-MM-DD).")] = None,
    until: Annotated[date | None, Query(description="Event date on or before (YYYY-MM-DD).")] = None,
    min_sources: Annotated[int | None, Query(ge=1, le=10_000, description="At least this many independent "
                                             "outlets report it (merged events).")] = None,
    text: Annotated[str | None, Query(max_length=200, description="Words in the trigger or evidence.")] = None,
    article: Annotated[str | None, Query(max_length=100, description="Only events of this article id.")] = None,
) -> q.EventFilter:
    return q.EventFilter(type or None, mode or None, factuality or None, actor or None, place, parse_bbox(bbox),
                         since, until, min_sources, text or None, article or None)


EventFilter = Annotated[q.EventFilter, Depends(event_filter)]


@router.get("", summary="List events, newest first, each with its evidence sentence")
def list_events(request: Request, con: Cursor, flt: EventFilter, limit: Limit = 50, offset: Offset = 0,
                format: Format = None) -> Any:
    """Events matching the filters, by event date (newest first; ties by article and offset).

    Each has `sentence` (its evidence) and `marks`: trigger, actors, place and dates as offsets into it."""
    rows, total = q.page(con, flt, limit=limit, offset=offset)
    return listing(request, format, "events", rows, total=total, limit=limit, offset=offset,
                   columns=q.CSV_COLUMNS)


@router.get("/types", summary="Event types by number of events")
def event_types(con: Cursor) -> dict[str, Any]:
    return {"types": q.types(con)}


@router.get("/histogram", summary="Events per day (or week/month) for the timeline")
def event_histogram(con: Cursor, flt: EventFilter,
                    bucket: Annotated[str | None, Query(pattern="^(day|week|month)$")] = None) -> dict[str, Any]:
    """Counts per bucket of event date; the bucket widens when the range is long."""
    return q.histogram(con, flt, bucket)


@router.get("/points", summary="Located events grouped by coordinates, for the map")
def event_points(con: Cursor, flt: EventFilter,
                 limit: Annotated[int, Query(ge=1, le=5000)] = 2000) -> dict[str, Any]:
    rows, total = q.points(con, flt, limit)
    return {"total": total, "points": rows}


@router.get("/{article_id}/{start}", summary="One event with its evidence, marks and other reports")
def event(con: Cursor, article_id: str, start: int,
          type: Annotated[str | None, Query(max_length=100, pattern=Word)] = None) -> dict[str, Any]:
    found = q.detail(con, article_id, start, type)
    if found is None:
        raise HTTPException(404, "no such event")
    return found
