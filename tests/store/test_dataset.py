"""Articles as a date-partitioned Parquet dataset: engines read it directly, ingest reads it back."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds

from dateline.dataset import export_articles_dataset
from dateline.ingest import ingest
from dateline.read.parquet import partition_values
from dateline.store import open_store
from tests.conftest import news, write_jsonl

COLUMNS = "SELECT id, published, title, text, outlet, url FROM articles ORDER BY id"


def _records() -> list[dict[str, object]]:
    records = [news(i) for i in range(12)]
    records += [news(12, date=f"2016-11-{i + 1:02d}", url=f"https://x.example/{i}") for i in range(3)]
    records.append(news(99, date=None, url=None, title="Undated report"))
    return records


def test_dataset_round_trips_through_ingest_idempotently(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "n.jsonl", _records())
    target = tmp_path / "dataset"
    with open_store(tmp_path / "a.duckdb") as store:
        ingest(store, [str(corpus)])
        original = store.con.execute(COLUMNS).fetchall()
        assert export_articles_dataset(store.con, target) == 16
        again = ingest(store, [str(target)])  # the same articles: nothing new, nothing updated
        assert (again.new, again.updated, again.unchanged) == (0, 0, 16)
    folders = sorted(str(p.relative_to(target).parent) for p in target.rglob("*.parquet"))
    assert "year=2017/month=3" in folders and "year=2016/month=11" in folders
    assert any("__HIVE_DEFAULT_PARTITION__" in f for f in folders)
    with open_store(tmp_path / "b.duckdb") as store:
        first = ingest(store, [str(target)])
        assert first.new == 16 and first.rejected == 0
        assert store.con.execute(COLUMNS).fetchall() == original
        second = ingest(store, [str(target)])
        assert (second.new, second.updated, second.unchanged) == (0, 0, 16)
        assert store.con.execute("SELECT count(*) FROM articles").fetchone()[0] == 16


def test_duckdb_and_arrow_read_the_dataset_with_its_partitions(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "n.jsonl", _records())
    target = tmp_path / "dataset"
    with open_store(tmp_path / "a.duckdb") as store:
        ingest(store, [str(corpus)])
        export_articles_dataset(store.con, target)
    con = duckdb.connect()
    rows = con.execute(f"SELECT year, month, count(*) FROM read_parquet('{target}/**/*.parquet', "
                       "hive_partitioning = true) GROUP BY ALL ORDER BY ALL NULLS LAST").fetchall()
    assert rows == [(2016, 11, 3), (2017, 3, 12), (None, None, 1)]
    pruned = con.execute(f"SELECT count(*) FROM read_parquet('{target}/**/*.parquet', hive_partitioning = true) "
                         "WHERE year = 2016").fetchone()[0]
    assert pruned == 3
    table = ds.dataset(target, format="parquet", partitioning="hive").to_table()
    assert table.num_rows == 16 and {"year", "month", "published", "text"} <= set(table.column_names)


def test_partition_columns_missing_from_the_files_are_restored(tmp_path: Path) -> None:
    """Another tool's dataset partitioned by its date column: the files lack `date`, the folders hold it."""
    records = [news(i) for i in range(6)]
    table = pa.Table.from_pylist(records)
    ds.write_dataset(table, tmp_path / "foreign", format="parquet", partitioning=["date"],
                     partitioning_flavor="hive")
    assert "date" not in ds.dataset(next((tmp_path / "foreign").rglob("*.parquet"))).schema.names
    with open_store(tmp_path / "c.duckdb") as store:
        report = ingest(store, [str(tmp_path / "foreign")])
        assert report.new == 6 and report.warned == 0
        dates = store.con.execute("SELECT url, CAST(published AS VARCHAR) FROM articles ORDER BY url").fetchall()
    assert dates == sorted((r["url"], r["date"]) for r in records)


def test_partition_values_come_from_key_value_folders() -> None:
    assert partition_values("d/year=2017/month=3/part-0.parquet") == {"year": "2017", "month": "3"}
    assert partition_values("d/date=2017-03-01/x.parquet") == {"date": "2017-03-01"}
    assert partition_values("d/year=__HIVE_DEFAULT_PARTITION__/p.parquet") == {"year": None}
    assert partition_values("plain/file.parquet") == {}
