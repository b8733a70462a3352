"""What the actor and place endpoints share: one key's page of mentioning articles with its total."""

from __future__ import annotations

from typing import Any

import duckdb

from ..queries import WebFilter
from ..queries import articles as article_q


def articles_page(con: duckdb.DuckDBPyConnection, flt: WebFilter, *, limit: int, offset: int) -> dict[str, Any]:
    """`articles` (a page of those passing `flt`, newest first) and `total_articles`, for a detail response.

    One statement: one key's articles are few, so the total riding on the page costs less than a
    second pass over the mention table (place pages about half the CPU)."""
    rows, total = article_q.page_and_count(con, flt, limit=limit, offset=offset)
    return {"articles": rows, "total_articles": total}
