"""Ingest: read inputs and upsert them into the store in batches, logging the run and its rejections."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .config import Config
from .model import Article, Rejection
from .read import ReadContext, read_paths
from .read.base import Item
from .store import Store
from .store.writer import RunTotals, WriteCounts, save_progress, start_run, write_batch

KEPT_IN_REPORT = 1000  # rejections and warnings kept in memory for the report; all are counted


@dataclass(slots=True)
class IngestReport:
    """What an ingest run did: counts, the reasons for rejections, warnings, and its speed."""

    run_id: int
    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    warned: int = 0
    seconds: float = 0.0
    rejections: list[Rejection] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reasons: Counter[str] = field(default_factory=Counter)

    @property
    def rate(self) -> float:
        """Articles read per second."""
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "run_id": self.run_id, "read": self.read, "new": self.new, "updated": self.updated,
            "already_stored": self.unchanged, "rejected": self.rejected, "warnings": self.warned,
            "seconds": round(self.seconds, 3), "articles_per_second": round(self.rate, 1),
            "rejection_reasons": dict(self.reasons),
            "rejections": [{"where": str(r.origin), "code": r.code, "problem": r.problem}
                           for r in self.rejections],
        }


def ingest(store: Store, paths: list[str], *, config: Config | None = None, fmt: str | None = None,
           field_map: dict[str, str] | None = None,
           on_item: Callable[[Item], None] | None = None) -> IngestReport:
    """Read `paths` and upsert their articles; safe to rerun and to kill at any point."""
    config = config or Config()
    ctx = ReadContext(config=config, field_map=field_map or {})
    with store.transaction() as con:
        run_id = start_run(con, paths)
    report = IngestReport(run_id=run_id)
    started = time.perf_counter()
    try:
        _run(store, read_paths(paths, ctx, fmt), report, int(config["ingest.batch_size"]), on_item)
    except BaseException:
        report.seconds = time.perf_counter() - started
        _flush(store, report, [], [], "interrupted")
        raise
    report.seconds = time.perf_counter() - started
    return report


def _run(store: Store, items: Iterable[Item], report: IngestReport, batch_size: int,
         on_item: Callable[[Item], None] | None) -> None:
    batch: list[Article] = []
    rejected: list[Rejection] = []
    for item in items:
        if on_item is not None:
            on_item(item)
        if isinstance(item, Rejection):
            rejected.append(item)
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            _flush(store, report, batch, rejected)
            batch, rejected = [], []
    _flush(store, report, batch, rejected, "done")


def _account(report: IngestReport, batch: list[Article], rejected: list[Rejection]) -> None:
    report.read += len(batch)
    report.rejected += len(rejected)
    for rejection in rejected:
        report.reasons[rejection.code] += 1
        if len(report.rejections) < KEPT_IN_REPORT:
            report.rejections.append(rejection)
    for article in batch:
        if article.warnings:
            report.warned += 1
            if len(report.warnings) < KEPT_IN_REPORT:
                report.warnings.extend(f"{article.origin}: {w}" for w in article.warnings)


def _totals(report: IngestReport) -> RunTotals:
    return RunTotals(read=report.read, rejected=report.rejected, warnings=report.warned,
                     written=WriteCounts(report.new, report.updated, report.unchanged))


def _flush(store: Store, report: IngestReport, batch: list[Article], rejected: list[Rejection],
           status: str = "running") -> None:
    """Write one batch and the run's counters in the same transaction."""
    _account(report, batch, rejected)
    with store.transaction() as con:
        counts = write_batch(con, batch, report.run_id)
        report.new += counts.new
        report.updated += counts.updated
        report.unchanged += counts.unchanged
        save_progress(con, report.run_id, _totals(report), rejected, status)
