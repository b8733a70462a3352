"""/api/places: resolved places with coordinates (bbox and date filters); one place with its timeline."""

from __future__ import annotations

from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Query, Request

from ..db import get_cursor
from ..queries import WebFilter
from ..queries import places as q
from ..respond import Filter, Format, Offset, listing
from .mentioned import articles_page

router = APIRouter(prefix="/api/places", tags=["places"])
Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(get_cursor)]
COLUMNS = ["geonameid", "name", "country", "admin1", "lat", "lon", "feature_class", "feature_code",
           "population", "mentions", "articles"]


@router.get("", summary="Places by number of mentioning articles")
def list_places(request: Request, con: Cursor, flt: Filter,
                q_: Annotated[str | None, Query(alias="q", max_length=200)] = None,
                limit: Annotated[int, Query(ge=1, le=5000)] = 500, offset: Offset = 0,
                format: Format = None) -> Any:
    """Places inside `bbox` (west,south,east,north) mentioned in articles that match the filters.

    The `bbox` filter applies to the places themselves here (not to their articles)."""
    box, articles_flt = flt.bbox, WebFilter(flt.since, flt.until, flt.outlet, flt.search, flt.actor, flt.place)
    rows, total = q.ranked(con, articles_flt, search=q_, bbox=box, limit=limit, offset=offset)
    return listing(request, format, "places", rows, total=total, limit=limit, offset=offset, columns=COLUMNS)


@router.get("/{geonameid}", summary="One place: summary, mentions per day, articles")
def place(con: Cursor, geonameid: int, limit: Annotated[int, Query(ge=1, le=1000)] = 50,
          offset: Offset = 0) -> dict[str, Any]:
    found = q.summary(con, geonameid)
    if found is None:
        raise HTTPException(404, f"no place with GeoNames id {geonameid}")
    return {"place": found, "timeline": q.timeline(con, geonameid), "actors": q.actors_here(con, geonameid),
            **articles_page(con, WebFilter(place=geonameid), limit=limit, offset=offset)}
