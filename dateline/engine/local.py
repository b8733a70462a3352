"""The local executor: the pipeline in worker processes on this machine, models loaded once per worker.

Workers are spawned (not forked: the parent holds DuckDB's threads), each builds the Pipeline once
in its initializer, and batches stream through with a bounded number in flight, so memory does not
grow with the corpus. With one worker the pipeline runs in this process.
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from ..analyze.pipeline import Pipeline
from ..config import Config
from ..store.analyses import RowBatch, analysis_rows
from .base import Rows, analyses_of

_worker_pipeline: Pipeline | None = None


def available_cores() -> int:
    """Cores this process may run on (respects taskset/cgroups affinity)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _init_worker(config: Config, parent: int | None = None) -> None:
    global _worker_pipeline
    if parent is not None:
        _exit_with_parent(parent)
    _worker_pipeline = Pipeline(config)


def _exit_with_parent(parent: int) -> None:
    """End this worker when the process that spawned it is gone (killed with SIGKILL, say): the pool's
    queues stay open in every worker, so an orphan would otherwise wait for work forever."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="dateline-parent-watch", daemon=True).start()


def _ready(_: int) -> int:
    """A no-op task: returns once this worker's initializer (model loading) has run."""
    import time

    time.sleep(0.2)  # long enough that every worker, not one fast one, takes a task
    return os.getpid()


def _process(rows: Rows) -> RowBatch:
    """The worker's task: analyse a batch and turn it into store rows (the writer only inserts them)."""
    assert _worker_pipeline is not None, "worker initializer did not run"
    return analysis_rows(_worker_pipeline.process(analyses_of(rows)), _worker_pipeline.version)


class LocalExecutor:
    """All cores by default (`engine.workers = 0`), one process per core."""

    def __init__(self, config: Config, *, pending: int | None = None) -> None:
        self.config = config
        wanted = int(config["engine.workers"]) or available_cores()
        if pending is not None:
            wanted = min(wanted, max(1, math.ceil(pending / int(config["analyze.batch_size"]))))
        self.workers = max(1, wanted)
        self._pool: ProcessPoolExecutor | None = None
        self._inline: Pipeline | None = None

    def start(self) -> None:
        """Start the workers and load their models now rather than on the first batch (optional)."""
        if self.workers == 1:
            self._inline = self._inline or Pipeline(self.config)
            return
        pool = self._ensure_pool()
        pids: set[int] = set()
        while len(pids) < self.workers:
            pids.update(pool.map(_ready, range(2 * self.workers)))

    def _ensure_pool(self) -> ProcessPoolExecutor:
        self._pool = self._pool or ProcessPoolExecutor(
            self.workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker, initargs=(self.config, os.getpid()))
        return self._pool

    def run(self, batches: Iterable[Rows]) -> Iterator[RowBatch]:
        """Analysed batches, as store rows, as they finish (not necessarily in input order)."""
        if self.workers == 1:
            pipeline = self._inline = self._inline or Pipeline(self.config)
            for rows in batches:
                yield analysis_rows(pipeline.process(analyses_of(rows)), pipeline.version)
            return
        pool = self._ensure_pool()
        in_flight: set[Future[RowBatch]] = set()
        for rows in batches:
            in_flight.add(pool.submit(_process, rows))
            if len(in_flight) >= 2 * self.workers:
                done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                yield from (future.result() for future in done)
        for future in in_flight:
            yield future.result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
