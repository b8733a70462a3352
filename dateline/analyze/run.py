"""Analyse stored articles: those without a current analysis, in batches, each batch one transaction."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from ..config import Config
from ..store import Store
from ..store.analyses import count_pending, pending_articles, write_analyses
from .base import Analysis
from .pipeline import Pipeline


@dataclass(slots=True)
class AnalyzeReport:
    """What an analysis run did and how fast."""

    pipeline_version: str
    analysed: int = 0
    entities: int = 0
    actors: int = 0
    places: int = 0
    times: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.analysed / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, object]:
        return {"pipeline_version": self.pipeline_version, "analysed": self.analysed,
                "entities": self.entities, "actors": self.actors, "places": self.places,
                "times": self.times, "seconds": round(self.seconds, 3),
                "articles_per_second": round(self.rate, 2)}


def analyze_store(store: Store, config: Config, *, redo: bool = False, limit: int | None = None,
                  on_batch: Callable[[int, int], None] | None = None,
                  pipeline: Pipeline | None = None) -> AnalyzeReport:
    """Run the pipeline over articles lacking a current analysis and store the results."""
    pipeline = pipeline or Pipeline(config)
    report = AnalyzeReport(pipeline.version)
    total = count_pending(store.con, pipeline.version) if not redo else None
    batch_size = int(config["analyze.batch_size"])
    cursor = pending_articles(store.con, pipeline.version, redo=redo, limit=limit)
    started = time.perf_counter()
    while rows := cursor.fetchmany(batch_size):
        batch = pipeline.process([Analysis(r[0], r[1], r[2], r[3]) for r in rows])
        with store.transaction() as con:
            write_analyses(con, batch, pipeline.version)
        _count(report, batch)
        if on_batch is not None:
            on_batch(report.analysed, total or report.analysed)
    report.seconds = time.perf_counter() - started
    return report


def _count(report: AnalyzeReport, batch: list[Analysis]) -> None:
    report.analysed += len(batch)
    for analysis in batch:
        report.entities += len(analysis.entities)
        report.actors += len(analysis.actors)
        report.places += len(analysis.places)
        report.times += len(analysis.times)
        analysis.doc = None  # free the parse as soon as it is stored
