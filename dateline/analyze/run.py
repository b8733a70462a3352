"""Analyse stored articles: those without a current analysis, in batches, each batch one transaction."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..config import Config
from ..engine import Executor, Rows, make_executor
from ..store import Store
from ..store.analyses import RowBatch, count_pending, pending_articles, write_rows
from ..store.schema import MENTION_TABLES
from .pipeline import pipeline_version

FINDINGS = tuple(MENTION_TABLES.values())  # Analysis attributes that hold findings


@dataclass(slots=True)
class AnalyzeReport:
    """What an analysis run did and how fast."""

    pipeline_version: str
    analysed: int = 0
    found: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FINDINGS, 0))
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.analysed / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, object]:
        return {"pipeline_version": self.pipeline_version, "analysed": self.analysed, **self.found,
                "seconds": round(self.seconds, 3), "articles_per_second": round(self.rate, 2)}


def analyze_store(store: Store, config: Config, *, redo: bool = False, limit: int | None = None,
                  on_batch: Callable[[int, int], None] | None = None,
                  executor: Executor | None = None) -> AnalyzeReport:
    """Run the pipeline over articles lacking a current analysis and store the results.

    The executor analyses batches (in worker processes by default); this process is the single
    writer and stores each batch in one transaction as it comes back.
    """
    version = pipeline_version(config)
    report = AnalyzeReport(version)
    total = store.con.execute("SELECT count(*) FROM articles").fetchone()[0] if redo else \
        count_pending(store.con, version)
    if limit is not None:
        total = min(total, limit)
    own = executor is None
    executor = executor or make_executor(config, pending=total)
    started = time.perf_counter()
    try:
        sizes = batch_sizes(total, executor.workers, int(config["analyze.batch_size"]))
        for batch in executor.run(_batches(store, version, redo, limit, sizes)):
            with store.transaction() as con:
                write_rows(con, batch)
            _count(report, batch)
            if on_batch is not None:
                on_batch(report.analysed, total)
    finally:
        if own:
            executor.close()
    report.seconds = time.perf_counter() - started
    return report


SMALLEST_BATCH = 20  # below this a batch costs more in hand-over and transactions than it saves in idle cores


def batch_sizes(total: int, workers: int, largest: int) -> Iterator[int]:
    """Sizes of the batches for `total` articles on `workers`: `largest` while much remains, then
    shrinking (to what is left over twice the workers, no smaller than SMALLEST_BATCH), so the workers
    finish together instead of one finishing a full last batch while the others wait ("guided"
    scheduling). With one worker nothing waits: every batch is `largest`. Endless: the reader stops
    when its cursor is empty, whatever `total` said."""
    remaining = total
    while True:
        size = largest if workers <= 1 else min(largest, max(SMALLEST_BATCH, -(-remaining // (2 * workers))))
        yield size
        remaining = max(0, remaining - size)


def _batches(store: Store, version: str, redo: bool, limit: int | None, sizes: Iterator[int]) -> Iterator[Rows]:
    """Pending article rows in batches of the given sizes, read through their own cursor while results are written."""
    cursor = pending_articles(store.con, version, redo=redo, limit=limit)
    while rows := cursor.fetchmany(next(sizes)):
        yield [(r[0], r[1], r[2], r[3]) for r in rows]


def _count(report: AnalyzeReport, batch: RowBatch) -> None:
    report.analysed += len(batch)
    for name, n in batch.found.items():
        report.found[name] += n
