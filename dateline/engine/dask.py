"""The dask engine: the same per-article pipeline on a dask.distributed cluster, results via Parquet shards.

Each task analyses one batch of article rows on a worker (the Pipeline is built once per worker
process and cached by config), turns it into store rows and writes them as a shard named by the
batch id into a shared directory (`engine.shard_dir`): a folder with one Parquet file per analysis
table, in the store's own column layout. This process, the single store writer, loads each finished
shard and inserts its tables in one transaction; the shard is deleted once the caller asks for the
next batch (after the commit).

A worker that dies mid-task: dask reschedules the task elsewhere; the retry writes the same shard
path (atomic rename), so a batch is stored once, and `write_rows` replaces an article's
analysis whole in any case. Without `engine.scheduler` a LocalCluster of `engine.workers`
processes (one thread each) runs on this machine.

Shards hold data only (Parquet, checked against the store's layout when read; no pickles), so a
shard folder on shared storage cannot make the writer run code; still keep `engine.shard_dir`
writable only by the cluster's user, since whatever is in it is stored.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from ..analyze.pipeline import Pipeline, pipeline_version
from ..config import Config
from ..errors import EngineError
from ..store.analyses import RowBatch, analysis_rows, table_schemas
from .base import Rows, analyses_of
from .local import available_cores

# Pipelines built in this (worker) process, by config key: models load once per worker.
_PIPELINES: dict[str, Pipeline] = {}

def config_key(config: Config) -> str:
    """A stable key of the config's values (what a worker's cached Pipeline was built from)."""
    return hashlib.sha1(json.dumps(config.values, sort_keys=True, default=str).encode()).hexdigest()


def worker_pipeline(config: Config) -> Pipeline:
    """This process's Pipeline for `config`, built on first use."""
    key = config_key(config)
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        pipeline = _PIPELINES[key] = Pipeline(config)
    return pipeline


def batch_id(rows: Rows) -> str:
    """A batch's id: a hash of its article ids, the same whenever the same batch is retried."""
    return hashlib.sha1("\n".join(r[0] for r in rows).encode()).hexdigest()[:20]


def write_shard(batch: RowBatch, path: Path) -> Path:
    """Write a batch's store rows as a shard folder, one Parquet file per table, appearing atomically.

    The folder is written under a temporary name and renamed into place; a retried task that finds
    the folder already there (its first attempt finished) keeps that one: the rows are the same.
    """
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.part")
    tmp.mkdir(parents=True)
    for table, rows in batch.tables.items():
        pq.write_table(rows, tmp / f"{table}.parquet", compression="zstd")
    try:
        os.rename(tmp, path)
    except OSError:
        if not (path / "analyses.parquet").exists():
            raise
        shutil.rmtree(tmp, ignore_errors=True)
    return path


def read_shard(path: str | Path) -> RowBatch:
    """A shard's rows, checked against the store's layout (data only: nothing in a shard is executed)."""
    tables = {}
    for table, schema in table_schemas().items():
        rows = pq.read_table(Path(path) / f"{table}.parquet")
        if not rows.schema.equals(schema, check_metadata=False):
            raise EngineError(f"{path}: {table}.parquet does not have the store's columns",
                              hint="a shard from another dateline version? clear engine.shard_dir")
        tables[table] = rows
    return RowBatch(tables)


def analyse_batch(config: Config, rows: Rows, shard_dir: str) -> str:
    """The dask task: run the pipeline over one batch on this worker and write its rows as a shard."""
    pipeline = worker_pipeline(config)
    batch = analysis_rows(pipeline.process(analyses_of(rows)), pipeline.version)
    return str(write_shard(batch, Path(shard_dir) / f"batch-{batch_id(rows)}"))


def default_shard_dir(config: Config) -> Path:
    """A private temporary folder beside the store (same file system, so the writer reads it locally).

    Folders of this store left by a run that was killed (SIGKILL skips close()) are removed first:
    the caller is the store's single writer, so no other run is using them."""
    store = Path(str(config["store.path"])).resolve()
    for stale in store.parent.glob(f".{store.name}-shards-*"):
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f".{store.name}-shards-", dir=store.parent))


class DaskExecutor:
    """The pipeline on a dask.distributed cluster (`engine.scheduler`), or on a LocalCluster."""

    def __init__(self, config: Config, *, pending: int | None = None, client: Any = None) -> None:
        self.config = config
        self.scheduler = str(config["engine.scheduler"])
        self.workers = max(1, int(config["engine.workers"]) or available_cores())
        self.retries = int(config["engine.retries"])
        configured = str(config["engine.shard_dir"])
        self._own_shard_dir = not configured
        self.shard_dir = Path(configured) if configured else default_shard_dir(config)
        self.shard_dir.mkdir(parents=True, exist_ok=True)
        self.version = pipeline_version(config)
        self.client = client
        self._own_client = client is None
        self._cluster: Any = None

    def start(self) -> Any:
        """Connect to the scheduler, or start a LocalCluster; the dask Client."""
        if self.client is None:
            from distributed import Client, LocalCluster

            if self.scheduler:
                self.client = Client(self.scheduler)
            else:
                self._cluster = self._local_cluster(LocalCluster)
                self.client = Client(self._cluster)
            self.workers = max(1, sum(w["nthreads"] for w in self.client.scheduler_info()["workers"].values()))
        return self.client

    def _local_cluster(self, factory: Any) -> Any:
        """A LocalCluster; if a worker dies while it starts (killed, out of memory), one more try."""
        for attempt in (1, 2):
            try:
                # no dashboard; the scheduler's small HTTP server on a free loopback port, not a fixed 8787
                # (distributed reads a bare ":0" as every interface, which would publish it to the network)
                return factory(n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
            except Exception as exc:
                if attempt == 2:
                    raise EngineError(f"the local Dask cluster did not start: {exc}",
                                      hint="run the command again (stored analyses are kept), or use --engine local") from None
        raise AssertionError("unreachable")

    def run(self, batches: Iterable[Rows]) -> Iterator[RowBatch]:
        """Analysed batches as their shards arrive (not in input order), at most 2 per worker in flight."""
        from distributed import as_completed

        client = self.start()
        rows_of: dict[str, Rows] = {}
        pending = as_completed()
        limit = 2 * self.workers
        source = iter(batches)

        def submit_next() -> bool:
            rows = next(source, None)
            if rows is None:
                return False
            key = f"dateline-batch-{batch_id(rows)}-{uuid.uuid4().hex[:8]}"
            rows_of[key] = rows
            pending.add(client.submit(analyse_batch, self.config, rows, str(self.shard_dir),
                                      key=key, retries=self.retries, pure=False))
            return True

        while pending.count() < limit and submit_next():
            pass
        for future in pending:
            path = future.result()
            rows_of.pop(future.key)
            future.release()
            yield read_shard(path)  # the caller stores the batch (one transaction) before asking for more
            shutil.rmtree(path, ignore_errors=True)
            while pending.count() < limit and submit_next():
                pass

    def close(self) -> None:
        if self.client is not None and self._own_client:
            self.client.close()
            self.client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
        if self._own_shard_dir:
            shutil.rmtree(self.shard_dir, ignore_errors=True)
