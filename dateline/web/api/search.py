"""/api/search: one query over articles (title and text), actors and places."""

from __future__ import annotations

from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, Query

from ..db import get_cursor
from ..queries import WebFilter
from ..queries import actors as actor_q
from ..queries import articles as article_q
from ..queries import places as place_q

router = APIRouter(prefix="/api/search", tags=["search"])
Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(get_cursor)]


@router.get("", summary="Search articles, actors and places")
def search(con: Cursor, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Annotated[int, Query(ge=1, le=200)] = 20) -> dict[str, Any]:
    """Case-insensitive substring search (plain SQL ILIKE; wildcards in `q` are taken literally)."""
    flt = WebFilter(search=q)
    actors, actor_total = actor_q.ranked(con, WebFilter(), search=q, limit=limit)
    places, place_total = place_q.ranked(con, WebFilter(), search=q, limit=limit)
    articles, total = article_q.page_and_count(con, flt, limit=limit, offset=0)
    return {
        "q": q,
        "articles": articles,
        "total_articles": total,
        "actors": actors, "total_actors": actor_total,
        "places": places, "total_places": place_total,
    }
