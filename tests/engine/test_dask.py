"""The dask engine on a real dask.distributed LocalCluster (two worker processes, no mocks)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dateline.analyze.pipeline import Pipeline
from dateline.analyze.run import analyze_store
from dateline.config import Config
from dateline.engine.base import analyses_of
from dateline.engine.dask import DaskExecutor, batch_id, read_shard, write_shard
from dateline.errors import EngineError
from dateline.ingest import ingest
from dateline.store import open_store
from dateline.store.analyses import analysis_rows
from tests.conftest import news, write_jsonl

pytest.importorskip("distributed")

TIMES = 'SELECT article_id, start, "end", text, value FROM time_mentions ORDER BY ALL'


def _config(tmp_path: Path, stages: str, batch: int, **extra: object) -> Config:
    config = Config().with_overrides({"analyze.stages": stages, "analyze.batch_size": batch,
                                      "engine.workers": 2, "store.path": str(tmp_path / "x.duckdb")})
    # engine.shard_dir is read with a fallback until the config table declares it
    return Config({**config.values, **extra}, config.source)


def test_a_shard_reads_back_as_the_same_rows(tmp_path: Path) -> None:
    config = _config(tmp_path, "time", 10)
    rows = [(f"a{i}", news(i)["text"], None, f"t{i}") for i in range(3)]
    batch = analysis_rows(Pipeline(config).process(analyses_of(rows)), "v")
    assert batch.found["times"] > 0 and batch.ids == ["a0", "a1", "a2"]
    path = write_shard(batch, tmp_path / f"batch-{batch_id(rows)}")
    back = read_shard(path)
    assert set(back.tables) == set(batch.tables)
    assert all(back.tables[t].equals(batch.tables[t]) for t in batch.tables)
    # a retried task finding the shard already written keeps it, and leaves no temporary folder
    assert write_shard(batch, path) == path and [p.name for p in tmp_path.iterdir()] == [path.name]
    assert batch_id(rows) == batch_id(list(rows)) != batch_id(rows[:2])


def test_a_shard_in_another_layout_is_refused(tmp_path: Path) -> None:
    config = _config(tmp_path, "time", 10)
    batch = analysis_rows(Pipeline(config).process(analyses_of([("a0", news(0)["text"], None, None)])), "v")
    path = write_shard(batch, tmp_path / "batch-x")
    pq.write_table(pa.table({"article_id": ["a0"], "record": [b"not a row"]}), path / "times.parquet")
    pq.write_table(pa.table({"article_id": ["a0"], "record": [b"not a row"]}), path / "time_mentions.parquet")
    with pytest.raises(EngineError, match="time_mentions.parquet"):
        read_shard(path)


@pytest.mark.slow
def test_a_two_worker_cluster_stores_what_the_local_engine_stores(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "n.jsonl", [news(i) for i in range(24)])
    shards = tmp_path / "shards"
    results = []
    for engine in ("local", "dask"):
        config = _config(tmp_path, "time", 4, **{"engine.shard_dir": str(shards)})
        with open_store(tmp_path / f"{engine}.duckdb") as store:
            ingest(store, [str(corpus)])
            executor = DaskExecutor(config) if engine == "dask" else None
            try:
                report = analyze_store(store, config, executor=executor)
                if executor is not None:
                    assert len(executor.client.scheduler_info()["workers"]) == 2
            finally:
                if executor is not None:
                    executor.close()
            assert report.analysed == 24
            results.append((store.con.execute(TIMES).fetchall(),
                            store.con.execute("SELECT count(*), count(DISTINCT article_id) FROM analyses").fetchone()))
    assert results[0] == results[1]
    assert results[0][0] and results[0][1] == (24, 24)
    assert list(shards.iterdir()) == []  # every shard deleted after its commit


@pytest.mark.slow
def test_killing_a_worker_mid_run_still_analyses_every_article_once(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "n.jsonl", [news(i) for i in range(40)])
    config = _config(tmp_path, "nlp,time", 2)
    executor = DaskExecutor(config)
    killed: list[int] = []

    def kill_a_busy_worker(done: int, total: int) -> None:
        if killed:
            return
        client = executor.client
        for _ in range(200):  # wait until some worker holds a task, then kill its process
            busy = [w for w, keys in client.processing().items() if keys]
            if busy:
                # scheduler_info() names the workers but no longer carries their pid: ask the worker
                pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                return
            time.sleep(0.01)

    with open_store(tmp_path / "k.duckdb") as store:
        ingest(store, [str(corpus)])
        try:
            report = analyze_store(store, config, executor=executor, on_batch=kill_a_busy_worker)
        finally:
            executor.close()
        assert killed, "no worker was busy to kill"
        assert report.analysed == 40
        assert store.con.execute("SELECT count(*), count(DISTINCT article_id) FROM analyses").fetchone() == (40, 40)
        for table in ("entities", "time_mentions"):
            duplicates = store.con.execute(
                f'SELECT count(*) FROM (SELECT article_id, start, "end", text, count(*) AS n FROM {table} '
                "GROUP BY ALL HAVING n > 1)").fetchone()[0]
            assert duplicates == 0, table
        assert store.con.execute("SELECT count(DISTINCT article_id) FROM entities").fetchone()[0] == 40
