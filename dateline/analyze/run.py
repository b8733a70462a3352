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
        for batch in executor.run(_batches(store, version, redo, limit, int(config["analyze.batch_size"]))):
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


def _batches(store: Store, version: str, redo: bool, limit: int | None, size: int) -> Iterator[Rows]:
    """Pending article rows in batches, read through their own cursor while results are written."""
    cursor = pending_articles(store.con, version, redo=redo, limit=limit)
    while rows := cursor.fetchmany(size):
        yield [(r[0], r[1], r[2], r[3]) for r in rows]


def _count(report: AnalyzeReport, batch: RowBatch) -> None:
    report.analysed += len(batch)
    for name, n in batch.found.items():
        report.found[name] += n
