"""Stories (articles grouped by the corpus stage) for the web: a ranked list and one story's articles."""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from ...store.sql import ILIKE, Where
from . import dicts, existing_tables, like, ranked_page

STORY_COLUMNS = ["story_id", "title", "first_date", "last_date", "articles", "texts", "outlets"]


def page(con: duckdb.DuckDBPyConnection, *, since: date | None, until: date | None, text: str | None,
         min_articles: int | None, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """Stories overlapping [since, until], latest first (ties by size, then id), and how many match."""
    if "stories" not in existing_tables(con):
        return [], 0
    w = Where().add("last_date >= ?", since).add("first_date <= ?", until)
    if text:
        w.add(f"title {ILIKE}", like(text))
    w.add("articles >= ?", min_articles or None)
    return ranked_page(con, f"SELECT {', '.join(STORY_COLUMNS)} FROM stories{w.sql()}", w.params,
                       "ORDER BY last_date DESC NULLS LAST, articles DESC, story_id", limit=limit, offset=offset)


def detail(con: duckdb.DuckDBPyConnection, story_id: str) -> dict[str, Any] | None:
    """One story, its articles (oldest first) and its distinct texts with their copies."""
    if not {"stories", "story_articles"} <= existing_tables(con):
        return None
    found = dicts(con.execute(f"SELECT {', '.join(STORY_COLUMNS)} FROM stories WHERE story_id = ?", [story_id]))
    if not found:
        return None
    articles = dicts(con.execute(
        "SELECT a.id, a.published, a.outlet, a.title, a.url, left(a.text, 240) AS snippet, s.canonical_id, "
        "s.score, s.opened, count(*) OVER (PARTITION BY s.canonical_id) AS copies "
        "FROM story_articles s JOIN articles a ON a.id = s.article_id WHERE s.story_id = ? "
        "ORDER BY a.published NULLS LAST, a.id", [story_id]))
    texts: dict[str, dict[str, Any]] = {}
    for a in articles:
        entry = texts.setdefault(a["canonical_id"], {"canonical_id": a["canonical_id"], "title": a["title"],
                                                     "first_date": a["published"], "copies": []})
        entry["copies"].append({"id": a["id"], "outlet": a["outlet"], "published": a["published"]})
    return {"story": found[0], "articles": articles,
            "texts": sorted(texts.values(), key=lambda t: (-len(t["copies"]), str(t["first_date"]), t["canonical_id"]))}
