"""/api/stories: stories (grouped reports of one development) and one story with its articles."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Query, Request

from ..db import get_cursor
from ..queries import events as event_q
from ..queries import stories as q
from ..respond import Format, Limit, Offset, listing

router = APIRouter(prefix="/api/stories", tags=["stories"])
Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(get_cursor)]


@router.get("", summary="List stories, latest first")
def list_stories(
    request: Request, con: Cursor,
    since: Annotated[date | None, Query(description="Stories still running on or after.")] = None,
    until: Annotated[date | None, Query(description="Stories started on or before.")] = None,
    text: Annotated[str | None, Query(max_length=200, description="Words in the story title.")] = None,
    min_articles: Annotated[int | None, Query(ge=1, le=1_000_000)] = None,
    limit: Limit = 50, offset: Offset = 0, format: Format = None,
) -> Any:
    rows, total = q.page(con, since=since, until=until, text=text or None, min_articles=min_articles,
                         limit=limit, offset=offset)
    return listing(request, format, "stories", rows, total=total, limit=limit, offset=offset,
                   columns=q.STORY_COLUMNS)


@router.get("/{story_id}", summary="One story: its articles, its texts with their copies, its events")
def story(con: Cursor, story_id: str) -> dict[str, Any]:
    found = q.detail(con, story_id)
    if found is None:
        raise HTTPException(404, f"no story {story_id!r}")
    found["events"] = event_q.of_articles(con, [a["id"] for a in found["articles"][:200]], limit=200)
    return found
