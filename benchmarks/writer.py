"""The single store writer's ceiling: how many analysed articles per second it inserts.

    python benchmarks/writer.py                # 20,000 articles in batches of 200
    python benchmarks/writer.py -n 100000 --from-parquet

Analyses the demo corpus once, then stores copies of its rows (new article ids) batch after batch,
exactly as `dateline analyze` does with what workers hand back (`write_rows`, one transaction per
batch); `--from-parquet` first writes each batch as a dask shard and reads it back, as the dask
engine's writer does. The figure bounds any cluster: workers cannot go faster than the writer.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from dateline.analyze.base import Analysis
from dateline.analyze.pipeline import Pipeline
from dateline.config import Config
from dateline.engine.dask import read_shard, write_shard
from dateline.ingest import ingest
from dateline.store import open_store
from dateline.store.analyses import RowBatch, analysis_rows, write_rows

ROOT = Path(__file__).resolve().parent.parent


def template_rows(tmp: Path) -> tuple[RowBatch, int]:
    """The demo corpus analysed once: its rows and its article count."""
    with open_store(tmp / "demo.duckdb") as store:
        ingest(store, [str(ROOT / "examples" / "corpus")])
        rows = store.con.execute("SELECT id, text, published, title FROM articles").fetchall()
    pipeline = Pipeline(Config())
    analyses = pipeline.process([Analysis(r[0], r[1], r[2], r[3]) for r in rows])
    return analysis_rows(analyses, pipeline.version), len(rows)


def sized_batch(template: RowBatch, size: int) -> RowBatch:
    """`size` articles' rows cycled from the template, each article under its own id."""
    ids = template.ids
    tables = {}
    for name, table in template.tables.items():
        parts = []
        for k in range(size):
            part = table.filter(pc.equal(table["article_id"], ids[k % len(ids)]))
            parts.append(with_ids(part, [str(k)] * part.num_rows))
        tables[name] = pa.concat_tables(parts).combine_chunks()  # one chunk, as analysis_rows makes
    return RowBatch(tables)


def with_ids(table: pa.Table, ids: list[str]) -> pa.Table:
    """The table with its article_id column replaced."""
    return table.set_column(table.schema.get_field_index("article_id"), "article_id", pa.array(ids, pa.string()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=20_000, help="articles to store (default 20,000)")
    parser.add_argument("--batch", type=int, default=200, help="articles per transaction (analyze.batch_size)")
    parser.add_argument("--from-parquet", action="store_true", help="round-trip each batch through a dask shard")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dateline-writer-") as tmp_name:
        tmp = Path(tmp_name)
        template, articles = template_rows(tmp)
        shape = sized_batch(template, args.batch)
        rows_per_article = sum(t.num_rows for t in template.tables.values()) / articles
        stored, elapsed = 0, 0.0
        with open_store(tmp / "bench.duckdb") as store:
            copy = 0
            while stored < args.n:
                batch = RowBatch({name: with_ids(t, [f"{copy}:{x}" for x in t["article_id"].to_pylist()])
                                  for name, t in shape.tables.items()})  # new articles every batch
                began = time.perf_counter()
                if args.from_parquet:
                    batch = read_shard(write_shard(batch, tmp / f"shard-{copy}"))
                with store.transaction() as con:
                    write_rows(con, batch)
                elapsed += time.perf_counter() - began
                stored += len(batch)
                copy += 1
    print(f"stored {stored:,} articles ({rows_per_article:.1f} rows each) in {elapsed:.1f} s: "
          f"{stored / elapsed:,.0f} articles/s, {stored * rows_per_article / elapsed:,.0f} rows/s "
          f"({'via Parquet shards' if args.from_parquet else 'from Arrow batches'})")


if __name__ == "__main__":
    main()
