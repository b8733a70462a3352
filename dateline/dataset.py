"""Articles as a Parquet dataset partitioned by publication date, for DuckDB, Dask, Spark, ClickHouse.

Layout (hive style): DIR/year=2017/month=3/part-0.parquet, ... Articles without a known date go to
year=__HIVE_DEFAULT_PARTITION__/month=__HIVE_DEFAULT_PARTITION__ (read as NULL by the engines).
`year` and `month` live only in the directory names; every file keeps the full `published` date
and the other export columns, so one file alone is still a complete set of articles, and
`dateline ingest DIR` reads the dataset back (re-ingesting it changes nothing).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds

from .errors import ExportError
from .export import ARTICLE_EXPORT_COLUMNS
from .store.queries import ArticleFilter

PARTITIONING = ds.partitioning(pa.schema([("year", pa.int32()), ("month", pa.int32())]), flavor="hive")


def export_articles_dataset(con: duckdb.DuckDBPyConnection, directory: str | Path,
                            flt: ArticleFilter | None = None, *, max_rows_per_file: int = 1_000_000) -> int:
    """Write the (filtered) articles as a date-partitioned Parquet dataset; return the row count.

    The directory must not exist or be empty: an export is a snapshot, not an append.
    """
    target = Path(directory)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ExportError(f"{target} exists and is not an empty folder", hint="give a new folder name")
    where, params = (flt or ArticleFilter()).where()
    sql = (f"SELECT {', '.join(ARTICLE_EXPORT_COLUMNS)}, CAST(year(published) AS INTEGER) AS year, "
           f"CAST(month(published) AS INTEGER) AS month FROM articles{where} "
           "ORDER BY published NULLS LAST, id")
    reader = con.cursor().sql(sql, params=params).to_arrow_reader(10_000)
    rows = 0

    def counted() -> pa.RecordBatchReader:
        def batches():  # type: ignore[no-untyped-def]
            nonlocal rows
            for batch in reader:
                rows += batch.num_rows
                yield batch
        return pa.RecordBatchReader.from_batches(reader.schema, batches())

    ds.write_dataset(counted(), target, format="parquet", partitioning=PARTITIONING,
                     basename_template="part-{i}.parquet", existing_data_behavior="overwrite_or_ignore",
                     max_rows_per_file=max_rows_per_file, max_rows_per_group=min(max_rows_per_file, 100_000),
                     file_options=ds.ParquetFileFormat().make_write_options(compression="zstd"))
    return rows
