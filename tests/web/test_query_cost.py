"""What a miss asks the store: statements saved must not change any answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from dateline.web.queries import WebFilter, ranked_page
from dateline.web.queries import articles as article_q

from .conftest import Client


class Counting:
    """A cursor that counts the statements put to it."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection) -> None:
        self.cursor = cursor
        self.statements: list[str] = []

    def execute(self, sql: str, params: Any = None) -> duckdb.DuckDBPyConnection:
        self.statements.append(sql)
        return self.cursor.execute(sql, params)


@pytest.fixture
def cursor(web_db: Path) -> Any:
    con = duckdb.connect(str(web_db), read_only=True)
    yield con.cursor()
    con.close()


def test_an_empty_first_page_needs_no_count(cursor: duckdb.DuckDBPyConnection) -> None:
    counting = Counting(cursor)
    query = "SELECT id FROM articles WHERE title = ?"
    rows, total = ranked_page(counting, query, ["no such title"], "ORDER BY id", limit=5, offset=0)  # type: ignore[arg-type]
    assert (rows, total) == ([], 0)
    assert len(counting.statements) == 1
    rows, total = ranked_page(counting, "SELECT id FROM articles", [], "ORDER BY id", limit=5, offset=10_000)  # type: ignore[arg-type]
    assert rows == [] and total == cursor.execute("SELECT count(*) FROM articles").fetchone()[0] > 0  # type: ignore[index]


def test_page_and_count_agrees_with_page_then_count(cursor: duckdb.DuckDBPyConnection) -> None:
    actors = [r[0] for r in cursor.execute("SELECT DISTINCT actor_id FROM actor_mentions ORDER BY 1").fetchall()]
    places = [r[0] for r in cursor.execute("SELECT DISTINCT geonameid FROM place_mentions "
                                           "WHERE geonameid IS NOT NULL ORDER BY 1").fetchall()]
    filters = [WebFilter(actor=a) for a in actors] + [WebFilter(place=p) for p in places] + [WebFilter(search="zzz")]
    assert len(filters) > 3
    for flt in filters:
        for limit, offset in ((2, 0), (2, 2), (50, 0), (5, 500)):
            expected = (article_q.page(cursor, flt, limit=limit, offset=offset), article_q.count(cursor, flt))
            assert article_q.page_and_count(cursor, flt, limit=limit, offset=offset) == expected


def test_search_without_matches_counts_nothing(client: Client) -> None:
    found = client.get("/api/search", params={"q": "qqqq-nowhere"}).json()
    assert (found["total_articles"], found["total_actors"], found["total_places"]) == (0, 0, 0)
    assert found["articles"] == found["actors"] == found["places"] == []
