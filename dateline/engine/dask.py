"""The dask engine: the same per-article pipeline on a dask.distributed cluster, results via Parquet shards.

Each task analyses one batch of article rows on a worker (the Pipeline is built once per worker
process and cached by config), writes the batch's analyses as one Parquet shard named by the batch
id into a shared directory (`engine.shard_dir`), and returns the shard's path. This process, the
single store writer, reads each finished shard back into Analyses, the caller stores them in one
transaction, and the shard is deleted once the caller asks for the next batch (after the commit).

A worker that dies mid-task: dask reschedules the task elsewhere; the retry writes the same shard
path (atomic rename), so a batch is stored once, and `write_analyses` replaces an article's
analysis whole in any case. Without `engine.scheduler` a LocalCluster of `engine.workers`
processes (one thread each) runs on this machine.

A shard is a Parquet table, one row per article: article_id, pipeline_version, components (JSON),
one count column per finding table, and `record`, the pickled Analysis (text and parse dropped)
that the writer turns back into the Analysis `write_analyses` stores. Shards are transient and
written by our own workers: keep `engine.shard_dir` private to the cluster's user.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..analyze.base import Analysis
from ..analyze.pipeline import Pipeline, pipeline_version
from ..config import Config
from ..store.schema import MENTION_TABLES
from .base import Rows, analyses_of
from .local import available_cores

# Pipelines built in this (worker) process, by config key: models load once per worker.
_PIPELINES: dict[str, Pipeline] = {}

SHARD_SCHEMA = pa.schema([
    ("article_id", pa.string()),
    ("pipeline_version", pa.string()),
    ("components", pa.string()),
    *[(f"n_{table}", pa.int32()) for table in MENTION_TABLES],
    ("record", pa.binary()),
])


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


def write_shard(analyses: list[Analysis], version: str, path: Path) -> Path:
    """Write a batch's analyses to `path` atomically (a retry replaces it whole)."""
    records = []
    for analysis in analyses:
        analysis.doc = None
        records.append(pickle.dumps(_without_text(analysis), protocol=pickle.HIGHEST_PROTOCOL))
    columns: dict[str, Any] = {
        "article_id": [a.article_id for a in analyses],
        "pipeline_version": [version] * len(analyses),
        "components": [json.dumps(a.components) for a in analyses],
        **{f"n_{table}": [len(getattr(a, attr)) for a in analyses] for table, attr in MENTION_TABLES.items()},
        "record": records,
    }
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.part")
    pq.write_table(pa.table(columns, schema=SHARD_SCHEMA), tmp, compression="zstd")
    os.replace(tmp, path)
    return path


def _without_text(analysis: Analysis) -> Analysis:
    copy = Analysis(analysis.article_id, "", analysis.published, analysis.title)
    for name in ("entities", "actors", "places", "times", "quotes", "events", "figures", "components"):
        setattr(copy, name, getattr(analysis, name))
    return copy


def read_shard(path: str | Path, rows: Rows | None = None) -> list[Analysis]:
    """The Analyses of a shard; with the batch's `rows`, their texts are put back."""
    table = pq.read_table(path, columns=["record"])
    texts = {r[0]: r[1] for r in rows} if rows else {}
    analyses = []
    for blob in table.column("record").to_pylist():
        analysis: Analysis = pickle.loads(blob)
        analysis.text = texts.get(analysis.article_id, analysis.text)
        analyses.append(analysis)
    return analyses


def analyse_batch(config: Config, rows: Rows, shard_dir: str) -> str:
    """The dask task: run the pipeline over one batch on this worker and write its shard."""
    pipeline = worker_pipeline(config)
    analyses = pipeline.process(analyses_of(rows))
    path = Path(shard_dir) / f"batch-{batch_id(rows)}.parquet"
    return str(write_shard(analyses, pipeline.version, path))


def default_shard_dir(config: Config) -> Path:
    """A private temporary folder beside the store (same file system, so the writer reads it locally)."""
    store = Path(str(config["store.path"])).resolve()
    return Path(tempfile.mkdtemp(prefix=f".{store.stem}-shards-", dir=store.parent))


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
                self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                             dashboard_address=None)
                self.client = Client(self._cluster)
            self.workers = max(1, sum(w["nthreads"] for w in self.client.scheduler_info()["workers"].values()))
        return self.client

    def run(self, batches: Iterable[Rows]) -> Iterator[list[Analysis]]:
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
            rows = rows_of.pop(future.key)
            future.release()
            analyses = read_shard(path, rows)
            yield analyses  # the caller stores the batch (one transaction) before asking for more
            Path(path).unlink(missing_ok=True)
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
