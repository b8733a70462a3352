"""The store: migrations, idempotent upserts, lock and file errors, parameterized queries, exports."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from dateline.config import Config
from dateline.errors import StoreError, StoreLockedError
from dateline.export import export_articles
from dateline.ingest import ingest
from dateline.model import Article, Origin
from dateline.store import SCHEMA_VERSION, Store, open_store, schema_version
from dateline.store.queries import ArticleFilter, count_articles, get_article, list_articles, stats
from dateline.store.writer import write_batch
from tests.conftest import news, write_jsonl


def _article(i: int, text: str | None = None) -> Article:
    return Article(text=text or f"Article number {i} about Tal Afar.", origin=Origin("t.jsonl", line=i),
                   url=f"https://levantledger.example/story-{i}", published=date(2017, 8, 20 + i % 10),
                   outlet="Levant Ledger", title=f"Story {i}")


def test_new_store_is_migrated_once(db_path: Path) -> None:
    with open_store(db_path) as store:
        assert store.migrated == list(range(1, SCHEMA_VERSION + 1))
        assert schema_version(store.con) == SCHEMA_VERSION
    with open_store(db_path) as store:
        assert store.migrated == []


def test_store_from_a_newer_dateline_is_refused(db_path: Path) -> None:
    with open_store(db_path) as store:
        store.con.execute("INSERT INTO schema_migrations VALUES (?, 'future', now())", [SCHEMA_VERSION + 1])
    with pytest.raises(StoreError, match="newer than this dateline"):
        open_store(db_path)


def test_read_only_open_of_missing_file_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        open_store(tmp_path / "nothing.duckdb", read_only=True)
    assert "dateline ingest" in info.value.hint


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.duckdb"
    bogus.write_text("these are my notes, not a database\n" * 200)
    with pytest.raises(StoreError):
        open_store(bogus)
    assert bogus.read_text().startswith("these are my notes")


def test_upsert_counts_new_unchanged_and_updated(store: Store) -> None:
    batch = [_article(i) for i in range(5)]
    with store.transaction() as con:
        first = write_batch(con, batch, run_id=1)
        again = write_batch(con, batch, run_id=2)
        edited = write_batch(con, [_article(0, text="A corrected version of article 0.")], run_id=3)
    assert (first.new, first.unchanged, first.updated) == (5, 0, 0)
    assert (again.new, again.unchanged, again.updated) == (0, 5, 0)
    assert (edited.new, edited.unchanged, edited.updated) == (0, 0, 1)
    rows = store.con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
    assert rows == (5, 5)
    text = store.con.execute("SELECT text FROM articles WHERE id = ?", [batch[0].id]).fetchone()
    assert text == ("A corrected version of article 0.",)


def test_same_article_twice_in_one_batch_is_stored_once(store: Store) -> None:
    with store.transaction() as con:
        counts = write_batch(con, [_article(1), _article(1), _article(2)], run_id=1)
    assert (counts.new, counts.unchanged) == (2, 1)
    assert store.con.execute("SELECT count(*) FROM articles").fetchone() == (2,)


def test_ingest_twice_changes_nothing(store: Store, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [news(i) for i in range(30)])
    first = ingest(store, [str(path)], config=Config().with_overrides({"ingest.batch_size": 7}))
    snapshot = store.con.execute("SELECT id, content_hash, ingested_at FROM articles ORDER BY id").fetchall()
    second = ingest(store, [str(path)])
    assert (first.new, second.new, second.unchanged) == (30, 0, 30)
    assert store.con.execute("SELECT id, content_hash, ingested_at FROM articles ORDER BY id").fetchall() == snapshot
    runs = store.con.execute("SELECT status, new_count, unchanged_count FROM ingest_runs ORDER BY id").fetchall()
    assert runs == [("done", 30, 0), ("done", 0, 30)]


def test_rejections_are_logged_with_their_run(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps(news(1)) + "\n{not json\n" + json.dumps(news(2, text="")) + "\n")
    report = ingest(store, [str(path)])
    assert (report.new, report.rejected) == (1, 2)
    logged = store.con.execute(
        "SELECT origin, code FROM ingest_rejections WHERE run_id = ? ORDER BY origin", [report.run_id]).fetchall()
    assert logged == [(f"{path}:2", "E104"), (f"{path}:3", "E105")]


HOLD_LOCK = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); time.sleep(30)"


def test_database_held_by_another_process_names_it(db_path: Path) -> None:
    open_store(db_path).close()
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLockedError) as info:
            open_store(db_path)
        assert f"process {holder.pid}" in str(info.value)
        assert "dateline serve" in info.value.hint
    finally:
        holder.kill()
        holder.communicate()


@pytest.fixture
def filled(store: Store, tmp_path: Path) -> Store:
    records = [news(i) for i in range(10)]
    records.append(news(10, outlet="Levant Ledger", title="Prices up 100% in Mosul markets", date="2017-06-01"))
    records.append(news(11, outlet="Levant Ledger", title="Raqqa_update", date="2017-06-02"))
    ingest(store, [str(write_jsonl(tmp_path / "f.jsonl", records))])
    return store


def test_filters_select_by_date_outlet_and_words(filled: Store) -> None:
    con = filled.con
    assert count_articles(con, ArticleFilter()) == 12
    assert count_articles(con, ArticleFilter(outlet="levant ledger")) == 2
    assert count_articles(con, ArticleFilter(since=date(2017, 6, 1))) == 2
    assert count_articles(con, ArticleFilter(until=date(2017, 3, 3))) == 3
    assert count_articles(con, ArticleFilter(search="MOSUL MARKETS")) == 1
    # LIKE wildcards in the user's words are taken literally
    assert count_articles(con, ArticleFilter(search="100%")) == 1
    assert count_articles(con, ArticleFilter(search="Raqqa_")) == 1
    assert count_articles(con, ArticleFilter(search="%")) == 1  # only the title with a literal %


def test_sql_in_filters_is_only_data(filled: Store) -> None:
    hostile = "x' OR '1'='1'; DROP TABLE articles; --"
    assert count_articles(filled.con, ArticleFilter(outlet=hostile, search=hostile)) == 0
    assert count_articles(filled.con, ArticleFilter()) == 12


def test_listing_is_newest_first_and_pages_are_stable(filled: Store) -> None:
    everything = list_articles(filled.con, ArticleFilter(), limit=100)
    dates = [r["published"] for r in everything]
    assert dates == sorted(dates, reverse=True)
    pages = [r["id"] for off in range(0, 12, 5) for r in list_articles(filled.con, ArticleFilter(), limit=5, offset=off)]
    assert pages == [r["id"] for r in everything]


def test_get_article_by_id_and_prefix(filled: Store) -> None:
    some = list_articles(filled.con, ArticleFilter(), limit=1)[0]["id"]
    assert get_article(filled.con, some)["id"] == some
    assert get_article(filled.con, some[:8])["id"] == some
    with pytest.raises(StoreError, match="no article"):
        get_article(filled.con, "ffffffffffffffff0")


def test_stats_summarise_the_store(filled: Store) -> None:
    numbers = stats(filled.con)
    assert numbers["articles"] == 12
    assert numbers["outlets"] == 2
    assert numbers["first_date"] == date(2017, 3, 1)
    assert numbers["by_format"] == {"jsonl": 12}


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_writes_every_article(filled: Store, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"out.{fmt}"
    assert export_articles(filled.con, str(target), fmt) == 12
    if fmt == "parquet":
        table = pq.read_table(target)
        assert table.num_rows == 12 and "text" in table.column_names
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in target.read_text().splitlines()]
        assert {r["outlet"] for r in rows} == {"Tigris Wire", "Levant Ledger"}
    else:
        rows = duckdb.sql(f"SELECT * FROM read_csv_auto('{target}')").fetchall()
        assert len(rows) == 12
    assert not (tmp_path / f"out.{fmt}.part").exists()


def test_parquet_export_reads_back_as_the_same_articles(filled: Store, tmp_path: Path) -> None:
    target = tmp_path / "articles.parquet"
    export_articles(filled.con, str(target), "parquet")
    with open_store(tmp_path / "copy.duckdb") as copy:
        report = ingest(copy, [str(target)])
        assert report.new == 12
        ids = copy.con.execute("SELECT id FROM articles ORDER BY id").fetchall()
    assert ids == filled.con.execute("SELECT id FROM articles ORDER BY id").fetchall()
    again = ingest(filled, [str(target)])
    assert (again.new, again.unchanged) == (0, 12)
