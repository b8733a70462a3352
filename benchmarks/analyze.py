"""Per-stage cost of the analysis pipeline, as a ratio to spaCy's own parse, on the same texts.

    python benchmarks/analyze.py                       # the demo corpus, default stages
    python benchmarks/analyze.py --corpus benchmarks/data/corpus_10000.jsonl --limit 2000
    python benchmarks/analyze.py --stages nlp,actors,places,time,quotes,figures,events

Stages run in order over the same batches; each stage's time is summed separately, then the time
to build the batch's store rows (what a worker hands the writer), so the ratios are measured in one
run and machine noise largely cancels. One process, one core. On a busy shared machine,
``--clock cpu`` counts this process's CPU time instead of wall time.
"""

from __future__ import annotations

import argparse
import os
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from dateline.analyze.base import Analysis
from dateline.analyze.pipeline import Pipeline
from dateline.config import Config
from dateline.model import Article
from dateline.read import read_paths
from dateline.store.analyses import analysis_rows

ROOT = Path(__file__).resolve().parent.parent


def load(corpus: str, limit: int | None) -> list[Analysis]:
    """The corpus's articles as fresh Analyses."""
    batch = []
    for item in read_paths([corpus]):
        if isinstance(item, Article):
            batch.append(Analysis(item.id, item.text, item.published, item.title))
            if limit and len(batch) >= limit:
                break
    return batch


def measure(pipeline: Pipeline, analyses: list[Analysis], batch_size: int,
            clock: Callable[[], float] = time.perf_counter) -> dict[str, float]:
    """Seconds spent in each stage over all batches, and in building their store rows ("store rows")."""
    spent: dict[str, float] = defaultdict(float)
    for start in range(0, len(analyses), batch_size):
        batch = analyses[start:start + batch_size]
        for stage in pipeline.stages:
            began = clock()
            batch = stage.process(batch)
            spent[stage.name] += clock() - began
        began = clock()
        analysis_rows(batch, pipeline.version)
        spent["store rows (analysis_rows)"] += clock() - began
        for analysis in batch:
            analysis.doc = None
    return dict(spent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(ROOT / "examples" / "corpus"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--stages", default=None, help="analyze.stages to run (default: the configured ones)")
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="wall time, or this process's CPU time (steadier on a busy shared machine)")
    args = parser.parse_args()
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    config = Config().with_overrides({"analyze.stages": args.stages}) if args.stages else Config()
    pipeline = Pipeline(config)
    analyses = load(args.corpus, args.limit)
    words = sum(len(a.text.split()) for a in analyses)
    measure(pipeline, load(args.corpus, 20), args.batch_size)  # warm-up: caches, lazy loads
    load_before = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    spent = measure(pipeline, analyses, args.batch_size, clock)
    parse = spent.get("nlp.spacy.v1", 0.0)
    print(f"{len(analyses):,} articles, {words:,} words from {args.corpus}; {args.clock} clock; load average "
          f"before {load_before}, after {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("| stage | seconds | words/s | cost vs spaCy parse |")
    print("|---|---:|---:|---:|")
    for name, seconds in spent.items():
        ratio = f"{seconds / parse:.1%}" if parse else "-"
        print(f"| {name} | {seconds:.2f} | {words / seconds:,.0f} | {ratio} |")
    after = sum(s for n, s in spent.items() if n != "nlp.spacy.v1")
    if parse:
        print(f"| **everything after spaCy** | {after:.2f} | | **{after / parse:.1%}** |")
        print(f"\nwhole pipeline with row building: **{(parse + after) / parse:.2f}x** the parse inside it "
              "(storing itself is measured by benchmarks/engine.py)")


if __name__ == "__main__":
    main()
