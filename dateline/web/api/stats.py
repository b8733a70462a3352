"""/api/stats: headline numbers of the store."""

from __future__ import annotations

from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends

from ..db import get_cursor
from ..queries.stats import overview

router = APIRouter(prefix="/api", tags=["stats"])
Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(get_cursor)]


@router.get("/stats", summary="Headline numbers of the store")
def stats(con: Cursor) -> dict[str, Any]:
    return overview(con)
