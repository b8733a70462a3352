"""The single writer: upserts article batches keyed by id, one transaction per batch, and logs runs.

A batch is bulk-loaded through Arrow (row-by-row inserts are ~50x slower in DuckDB). Each batch is
one transaction, so an ingest killed at any point leaves whole batches only, and a rerun upserts
the rest: every article ends up stored exactly once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from ..model import Article, Rejection
from ..version import __version__
from .schema import ARTICLE_ARROW, ARTICLE_COLUMNS

MAX_STORED_REJECTIONS = 10_000  # per run; all are counted, the first ones are kept with their reason


@dataclass(slots=True)
class WriteCounts:
    """What one batch (or a whole run) did to the store."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, other: WriteCounts) -> None:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged


@dataclass(slots=True)
class RunTotals:
    """Counters of an ingest run, stored in ingest_runs when it ends."""

    read: int = 0
    rejected: int = 0
    warnings: int = 0
    written: WriteCounts = field(default_factory=WriteCounts)


def _row(article: Article) -> dict[str, object]:
    origin = article.origin
    return {
        "id": article.id, "url": article.url, "outlet": article.outlet, "title": article.title,
        "published": article.published, "published_at": article.published_at,
        "date_status": article.date_status, "text": article.text, "lang": article.lang,
        "author": article.author, "retrieved_at": article.retrieved_at,
        "content_hash": article.content_hash, "origin_path": origin.path, "origin_line": origin.line,
        "origin_record": origin.record, "origin_format": origin.format,
        "extra": json.dumps(article.extra, ensure_ascii=False, default=str) if article.extra else None,
        "warnings": article.warnings or None,
    }


def articles_table(articles: list[Article]) -> pa.Table:
    """An Arrow table of articles in the store's column layout."""
    return pa.Table.from_pylist([_row(a) for a in articles], schema=ARTICLE_ARROW)


_COLUMNS = ", ".join(ARTICLE_COLUMNS)
_UPDATE_SET = ", ".join(f"{c} = EXCLUDED.{c}" for c in ARTICLE_COLUMNS if c != "id")


def write_batch(con: duckdb.DuckDBPyConnection, articles: list[Article], run_id: int) -> WriteCounts:
    """Upsert a batch in one transaction: new ids inserted, changed content replaced, repeats untouched."""
    latest: dict[str, Article] = {}
    for article in articles:
        latest[article.id] = article  # a later copy in the same input wins
    counts = WriteCounts(unchanged=len(articles) - len(latest))
    if not latest:
        return counts
    con.register("incoming_ids", pa.table({"id": list(latest)}))
    stored = dict(con.execute(
        "SELECT a.id, a.content_hash FROM articles a JOIN incoming_ids i ON a.id = i.id").fetchall())
    con.unregister("incoming_ids")
    changed = []
    for article_id, article in latest.items():
        if article_id not in stored:
            counts.new += 1
            changed.append(article)
        elif stored[article_id] != article.content_hash:
            counts.updated += 1
            changed.append(article)
        else:
            counts.unchanged += 1
    if changed:
        now = datetime.now(UTC)
        con.register("incoming", articles_table(changed))
        con.execute(
            f"INSERT INTO articles ({_COLUMNS}, run_id, ingested_at, updated_at) "
            f"SELECT {_COLUMNS}, ?, ?, NULL FROM incoming "
            f"ON CONFLICT (id) DO UPDATE SET {_UPDATE_SET}, run_id = EXCLUDED.run_id, updated_at = ?",
            [run_id, now, now],
        )
        con.unregister("incoming")
    return counts


def start_run(con: duckdb.DuckDBPyConnection, inputs: list[str]) -> int:
    """Log a new ingest run; runs still 'running' from a killed process are marked 'interrupted'."""
    con.execute("UPDATE ingest_runs SET status = 'interrupted' WHERE status = 'running'")
    row = con.execute(
        "INSERT INTO ingest_runs (id, started_at, status, inputs, dateline_version) "
        "VALUES (nextval('ingest_run_ids'), ?, 'running', ?, ?) RETURNING id",
        [datetime.now(UTC), inputs, __version__],
    ).fetchone()
    assert row is not None
    return int(row[0])


def save_progress(con: duckdb.DuckDBPyConnection, run_id: int, totals: RunTotals,
                  rejections: list[Rejection], status: str = "running") -> None:
    """Store the run's counters and new rejections (called inside each batch's transaction)."""
    room = MAX_STORED_REJECTIONS - totals.rejected + len(rejections)
    if rejections and room > 0:
        rows = rejections[:room]
        con.register("new_rejections", pa.table({
            "origin": [str(r.origin) for r in rows], "code": [r.code for r in rows],
            "problem": [r.problem for r in rows]}))
        con.execute("INSERT INTO ingest_rejections SELECT ?, origin, code, problem FROM new_rejections", [run_id])
        con.unregister("new_rejections")
    written = totals.written
    con.execute(
        "UPDATE ingest_runs SET read_count = ?, new_count = ?, updated_count = ?, unchanged_count = ?, "
        "rejected_count = ?, warning_count = ?, status = ?, "
        "finished_at = CASE WHEN ? = 'running' THEN NULL ELSE ? END WHERE id = ?",
        [totals.read, written.new, written.updated, written.unchanged, totals.rejected,
         totals.warnings, status, status, datetime.now(UTC), run_id],
    )
