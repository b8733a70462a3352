"""Store side of the corpus stages: sketches, LSH band keys, duplicate marks, stories, saved state.

Every value reaches SQL as a parameter or through a registered Arrow table, never as text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from .queries import rows_as_dicts

ENTITY_LABELS = ("PERSON", "GPE", "LOC", "FAC", "ORG", "NORP")


@dataclass(frozen=True, slots=True)
class Stored:
    """A stored article met again through its exact key or a shared LSH band key."""

    article_id: str
    published: date | None
    exact_key: str
    signature: np.ndarray
    canonical_id: str
    kind: str | None
    similarity: float
    hit_keys: tuple[int, ...]




def _with_table(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table, sql: str,
                params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    con.register(name, table)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.unregister(name)


def pending_articles(con: duckdb.DuckDBPyConnection) -> list[tuple[str, date | None]]:
    """Ids and dates of articles not yet sketched, in publication order (undated last, ties by id)."""
    return [(r[0], r[1]) for r in con.execute(
        "SELECT a.id, a.published FROM articles a ANTI JOIN article_sketches s ON a.id = s.article_id "
        "ORDER BY a.published NULLS LAST, a.id").fetchall()]


def fetch_articles(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> list[dict[str, Any]]:
    """id, published, title, text, outlet and content_hash of the given articles, in the given order."""
    rows = _with_table(con, "wanted_ids", pa.table({"id": list(ids)}),
                       "SELECT a.id, a.published, a.title, a.text, a.outlet, a.content_hash "
                       "FROM articles a JOIN wanted_ids w ON a.id = w.id")
    names = ("id", "published", "title", "text", "outlet", "content_hash")
    by_id = {r[0]: dict(zip(names, r, strict=True)) for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def fetch_candidates(con: duckdb.DuckDBPyConnection, exact_keys: Iterable[str],
                     band_keys: Iterable[int]) -> list[Stored]:
    """Stored articles sharing an exact key or a band key with the batch, plus their canonicals."""
    keys = pa.table({"band_key": pa.array(sorted(set(band_keys)), pa.int64())})
    hits: dict[str, list[int]] = {}
    for article_id, key in _with_table(
            con, "batch_keys", keys,
            "SELECT b.article_id, b.band_key FROM minhash_bands b JOIN batch_keys k ON b.band_key = k.band_key"):
        hits.setdefault(article_id, []).append(int(key))
    exact = pa.table({"exact_key": pa.array(sorted(set(exact_keys)), pa.string())})
    for (article_id,) in _with_table(
            con, "batch_exact", exact,
            "SELECT s.article_id FROM article_sketches s JOIN batch_exact e ON s.exact_key = e.exact_key"):
        hits.setdefault(article_id, [])
    if not hits:
        return []
    wanted = pa.table({"id": list(hits)})
    rows = _with_table(
        con, "wanted", wanted,
        "WITH ids AS (SELECT id FROM wanted UNION SELECT d.canonical_id FROM article_duplicates d "
        "JOIN wanted w ON d.article_id = w.id) "
        "SELECT s.article_id, s.published, s.exact_key, s.signature, coalesce(d.canonical_id, s.article_id), "
        "d.kind, coalesce(d.similarity, 1.0) FROM article_sketches s JOIN ids ON s.article_id = ids.id "
        "LEFT JOIN article_duplicates d ON d.article_id = s.article_id")
    return [Stored(r[0], r[1], r[2], np.frombuffer(r[3], dtype=np.uint32).copy(), r[4], r[5], float(r[6]),
                   tuple(hits.get(r[0], ()))) for r in rows]


def write_sketches(con: duckdb.DuckDBPyConnection, rows: Sequence[dict[str, Any]], params: str,
                   keys: Sequence[Sequence[int]]) -> None:
    """Store sketches (id, published, exact_key, signature, content_hash) and their band keys."""
    now = datetime.now(UTC)
    table = pa.table({
        "article_id": [r["article_id"] for r in rows],
        "published": pa.array([r["published"] for r in rows], pa.date32()),
        "exact_key": [r["exact_key"] for r in rows],
        "signature": pa.array([np.asarray(r["signature"], dtype=np.uint32).tobytes() for r in rows], pa.binary()),
        "content_hash": [r["content_hash"] for r in rows]})
    _with_table(con, "new_sketches", table,
                "INSERT OR REPLACE INTO article_sketches SELECT article_id, published, exact_key, signature, "
                "content_hash, ?, ? FROM new_sketches", [params, now])
    bands = pa.table({
        "band_key": pa.array([k for ks in keys for k in ks], pa.int64()),
        "article_id": [r["article_id"] for r, ks in zip(rows, keys, strict=True) for _ in ks]})
    _with_table(con, "new_bands", bands, "INSERT INTO minhash_bands SELECT band_key, article_id FROM new_bands")


def sketch_params(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The distinct dedup settings stored sketches were made with."""
    return [r[0] for r in con.execute("SELECT DISTINCT params FROM article_sketches").fetchall()]


def write_marks(con: duckdb.DuckDBPyConnection, marks: Sequence[tuple[str, str, str, float]]) -> None:
    """Upsert duplicate marks (article, canonical, kind, similarity); re-point copies of demoted canonicals."""
    if not marks:
        return
    table = pa.table({"article_id": [m[0] for m in marks], "canonical_id": [m[1] for m in marks],
                      "kind": [m[2] for m in marks], "similarity": pa.array([m[3] for m in marks], pa.float64())})
    now = datetime.now(UTC)
    _with_table(con, "marks", table,
                "INSERT OR REPLACE INTO article_duplicates SELECT article_id, canonical_id, kind, similarity, ? "
                "FROM marks", [now])
    _with_table(con, "marks", table,
                "UPDATE article_duplicates SET canonical_id = m.canonical_id FROM marks m "
                "WHERE article_duplicates.canonical_id = m.article_id")
    _with_table(con, "marks", table,
                "UPDATE story_articles SET canonical_id = m.canonical_id FROM marks m "
                "WHERE story_articles.canonical_id = m.article_id OR story_articles.article_id = m.article_id")


def stories_of(con: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> dict[str, str]:
    """The story of each given article that has one."""
    table = pa.table({"id": pa.array(sorted(set(ids)), pa.string())})
    return dict(_with_table(con, "ids", table,
                            "SELECT s.article_id, s.story_id FROM story_articles s JOIN ids ON s.article_id = ids.id"))


def entity_terms(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> dict[str, list[str]]:
    """Named entities and resolved places of analysed articles (none where no analysis exists)."""
    table = pa.table({"id": pa.array(list(ids), pa.string())})
    found: dict[str, list[str]] = {}
    rows = _with_table(
        con, "ids", table,
        "SELECT e.article_id, e.label || ':' || lower(e.text) FROM entities e JOIN ids ON e.article_id = ids.id "
        f"WHERE e.label IN ({', '.join('?' for _ in ENTITY_LABELS)}) "
        "UNION ALL SELECT p.article_id, 'geo:' || CAST(p.geonameid AS VARCHAR) FROM place_mentions p "
        "JOIN ids ON p.article_id = ids.id WHERE p.geonameid IS NOT NULL", ENTITY_LABELS)
    for article_id, term in rows:
        found.setdefault(article_id, []).append(term)
    return found


def write_members(con: duckdb.DuckDBPyConnection, rows: Sequence[tuple[str, str, str, float, bool]]) -> None:
    """Store story memberships (article, story, canonical, score, opened) and refresh those stories."""
    if not rows:
        return
    table = pa.table({"article_id": [r[0] for r in rows], "story_id": [r[1] for r in rows],
                      "canonical_id": [r[2] for r in rows], "score": pa.array([r[3] for r in rows], pa.float64()),
                      "opened": pa.array([r[4] for r in rows], pa.bool_())})
    _with_table(con, "members", table,
                "INSERT OR REPLACE INTO story_articles SELECT article_id, story_id, canonical_id, score, opened, ? "
                "FROM members", [datetime.now(UTC)])
    refresh_stories(con, sorted({r[1] for r in rows}))


# A title for an article without one (plain-text input has only a date line): its first sentence
# when that is short, else its first 100 characters.
_FLAT = "trim(regexp_replace(a.text, '\\s+', ' ', 'g'))"
_LEAD = (f"CASE WHEN regexp_matches({_FLAT}, '^.{{1,140}}?[.!?](\\s|$)') "
         f"THEN regexp_extract({_FLAT}, '^(.{{1,140}}?[.!?])(\\s|$)', 1) ELSE left({_FLAT}, 100) || '…' END")
_FIRST = "(coalesce(a.published, DATE '9999-12-31'), a.id)"


def refresh_stories(con: duckdb.DuckDBPyConnection, story_ids: Sequence[str]) -> None:
    """Recompute title, dates and counts of the given stories from their members.

    The title is the earliest member's title, else the earliest titled member's, else the earliest
    member's lead sentence: a story of untitled articles is not listed with a blank title."""
    table = pa.table({"story_id": pa.array(list(story_ids), pa.string())})
    _with_table(
        con, "touched", table,
        "INSERT OR REPLACE INTO stories SELECT m.story_id, "
        f"coalesce(arg_min(nullif(trim(a.title), ''), {_FIRST}) FILTER (WHERE nullif(trim(a.title), '') IS NOT NULL), "
        f"arg_min({_LEAD}, {_FIRST})), min(a.published), max(a.published), "
        "count(*), count(DISTINCT m.canonical_id), count(DISTINCT a.outlet), ? "
        "FROM story_articles m JOIN touched t ON m.story_id = t.story_id JOIN articles a ON a.id = m.article_id "
        "GROUP BY m.story_id", [datetime.now(UTC)])


def load_state(con: duckdb.DuckDBPyConnection, name: str) -> bytes | None:
    """A saved stage state, or None."""
    rows = con.execute("SELECT state FROM corpus_state WHERE name = ?", [name]).fetchall()
    return bytes(rows[0][0]) if rows and rows[0][0] is not None else None


def save_state(con: duckdb.DuckDBPyConnection, name: str, state: bytes) -> None:
    """Save a stage state (in the caller's transaction)."""
    con.execute("INSERT OR REPLACE INTO corpus_state VALUES (?, ?, ?)", [name, state, datetime.now(UTC)]).fetchall()


def list_stories(con: duckdb.DuckDBPyConnection, *, limit: int = 50, offset: int = 0,
                 min_articles: int = 1) -> list[dict[str, Any]]:
    """Stories, largest and latest first: title, dates, article, text and outlet counts."""
    return rows_as_dicts(con.execute(
        "SELECT story_id, title, first_date, last_date, articles, texts, outlets FROM stories "
        "WHERE articles >= ? ORDER BY articles DESC, last_date DESC NULLS LAST, story_id LIMIT ? OFFSET ?",
        [min_articles, limit, offset]))


def story_texts(con: duckdb.DuckDBPyConnection, story_id: str) -> list[dict[str, Any]]:
    """Each distinct text of a story (its canonical article) and how many copies of it were published."""
    return rows_as_dicts(con.execute(
        "SELECT m.canonical_id, any_value(c.title) AS title, count(*) AS copies, "
        "count(DISTINCT a.outlet) AS outlets FROM story_articles m JOIN articles a ON a.id = m.article_id "
        "LEFT JOIN articles c ON c.id = m.canonical_id WHERE m.story_id = ? "
        "GROUP BY m.canonical_id ORDER BY copies DESC, m.canonical_id", [story_id]))


def duplicates(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str]]:
    """Every duplicate mark: article -> (canonical, kind)."""
    return {r[0]: (r[1], r[2]) for r in con.execute(
        "SELECT article_id, canonical_id, kind FROM article_duplicates").fetchall()}


def story_groups(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Every story membership: article -> story."""
    return dict(con.execute("SELECT article_id, story_id FROM story_articles").fetchall())
