"""/api/articles: filtered pages (JSON or CSV), a histogram for the timeline, one article with findings."""

from __future__ import annotations

from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Query, Request

from ...errors import StoreError
from ..db import get_cursor
from ..queries import articles as q
from ..respond import Filter, Format, Limit, Offset, listing

router = APIRouter(prefix="/api/articles", tags=["articles"])
Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(get_cursor)]
COLUMNS = ["id", "published", "outlet", "title", "url", "date_status", "chars", "snippet"]


@router.get("", summary="List articles, newest first")
def list_articles(request: Request, con: Cursor, flt: Filter, limit: Limit = 50, offset: Offset = 0,
                  format: Format = None) -> Any:
    """Articles matching the filters, newest first (ties by id), with total and next_offset."""
    if flt.search:  # one text scan for the page and its total
        rows, total = q.page_and_count(con, flt, limit=limit, offset=offset)
    else:  # counts without a text filter are cheap on their own; a window over every row is not
        rows, total = q.page(con, flt, limit=limit, offset=offset), q.count(con, flt)
    return listing(request, format, "articles", rows, total=total, limit=limit,
                   offset=offset, columns=COLUMNS)


@router.get("/histogram", summary="Articles per day (or week/month) for the timeline")
def histogram(con: Cursor, flt: Filter,
              bucket: Annotated[str | None, Query(pattern="^(day|week|month)$")] = None) -> dict[str, Any]:
    """Counts per bucket of publication date; the bucket widens when the range is long."""
    return q.histogram(con, flt, bucket)


@router.get("/outlets", summary="Outlets by number of articles")
def outlets(con: Cursor) -> dict[str, Any]:
    return {"outlets": q.outlets(con)}


@router.get("/{article_id}", summary="One article with its findings")
def article(con: Cursor, article_id: str) -> dict[str, Any]:
    """The article (by id or a unique prefix) and every entity, actor, place and time found in it."""
    try:
        return q.detail(con, article_id)
    except StoreError as exc:
        raise HTTPException(404, exc.message) from None
