"""/api/actors: actors ranked by the articles that mention them; one actor with its timeline."""

from __future__ import annotations

from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Query, Request

from ..db import get_cursor
from ..queries import WebFilter
from ..queries import actors as q
from ..respond import Filter, Format, Limit, Offset, listing
from .mentioned import articles_page

router = APIRouter(prefix="/api/actors", tags=["actors"])
Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(get_cursor)]
COLUMNS = ["id", "name", "code", "country", "sector", "kind", "mentions", "articles"]
Search = Annotated[str | None, Query(alias="q", max_length=200, description="Name or surface form.")]


@router.get("", summary="Actors by number of mentioning articles")
def list_actors(request: Request, con: Cursor, flt: Filter, q_: Search = None,
                kind: Annotated[str | None, Query(max_length=40)] = None,
                limit: Limit = 50, offset: Offset = 0, format: Format = None) -> Any:
    """Actors mentioned in articles that match the article filters (dates, outlet, place, bbox)."""
    rows, total = q.ranked(con, flt, search=q_, kind=kind, limit=limit, offset=offset)
    return listing(request, format, "actors", rows, total=total, limit=limit, offset=offset, columns=COLUMNS)


@router.get("/{actor_id:path}", summary="One actor: summary, mentions per day, articles")
def actor(con: Cursor, actor_id: str, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    found = q.summary(con, actor_id)
    if found is None:
        raise HTTPException(404, f"no actor with id {actor_id!r}")
    return {"actor": found, "timeline": q.timeline(con, actor_id), "co_mentioned": q.co_mentioned(con, actor_id),
            **articles_page(con, WebFilter(actor=actor_id), limit=limit, offset=offset)}
