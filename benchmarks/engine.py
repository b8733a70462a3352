"""Engine throughput as ratios measured in one run: pipeline vs bare spaCy, 1 vs 2 workers, dask vs local.

    python benchmarks/engine.py                 # N=1000 generated articles (~5 min on 2 cores)
    python benchmarks/engine.py -n 10000        # the issue's size
    python benchmarks/engine.py -n 300 --stages nlp,time

Every figure comes from the same process on the same texts, one after the other, so machine noise
mostly cancels in the ratios. "cold" runs include starting workers and loading models; "warm" runs
start them first (LocalExecutor.start), the steady state of a long run. Throughput includes storing the analyses (the single writer).
Peak memory per worker is the largest resident set of any worker process, sampled every 0.1 s,
for the 2-worker local engine at N/4 and at N articles (flat means it does not grow with N).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write as write_corpus

from dateline.analyze.nlp import load_model
from dateline.analyze.run import analyze_store
from dateline.config import Config
from dateline.engine.dask import DaskExecutor
from dateline.engine.local import LocalExecutor
from dateline.ingest import ingest
from dateline.store import open_store

ROOT = Path(__file__).resolve().parent.parent


class PeakWorkerRSS:
    """The largest RSS of any descendant process while active (the workers; not this process)."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            for child in me.children(recursive=True):
                try:
                    self.peak = max(self.peak, child.memory_info().rss)
                except psutil.Error:
                    pass
            time.sleep(0.1)

    def __enter__(self) -> PeakWorkerRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def timed(store, config, executor=None, limit=None) -> float:  # type: ignore[no-untyped-def]
    began = time.perf_counter()
    report = analyze_store(store, config, redo=True, limit=limit, executor=executor)
    assert report.analysed == (limit or report.analysed)
    return time.perf_counter() - began


def timed_warm(store, config) -> float:  # type: ignore[no-untyped-def]
    """Steady state: workers started and models loaded before the clock starts (as for a long run)."""
    executor = LocalExecutor(config)
    executor.start()
    try:
        return timed(store, config, executor=executor)
    finally:
        executor.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=1000, help="generated articles (default 1000)")
    parser.add_argument("--stages", default=None, help="analyze.stages (default: the configured ones)")
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args()
    n = args.n
    corpus = write_corpus(ROOT / "benchmarks" / "data" / f"engine_{n}.jsonl", n)
    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as tmp:
        db = Path(tmp) / "bench.duckdb"
        base = Config().with_overrides({"store.path": str(db), **({"analyze.stages": args.stages} if args.stages else {})})
        with open_store(db) as store:
            ingest(store, [str(corpus)])
            texts = [r[0] for r in store.con.execute("SELECT text FROM articles").fetchall()]
            words = sum(len(t.split()) for t in texts) / len(texts)
            nlp = load_model(str(base["nlp.model"]),
                             tuple(x.strip() for x in str(base["nlp.disable"]).split(",") if x.strip()))
            began = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=int(base["nlp.batch_size"])):
                pass
            bare = time.perf_counter() - began
            local1 = base.with_overrides({"engine.workers": 1})
            one = timed(store, local1)  # cold: loading the models is inside the timing
            one_warm = timed_warm(store, local1)
            local2 = base.with_overrides({"engine.workers": 2})
            with PeakWorkerRSS() as small:
                timed(store, local2, executor=LocalExecutor(local2), limit=max(1, n // 4))
            with PeakWorkerRSS() as full:
                two = timed(store, local2, executor=LocalExecutor(local2))
            two_warm = timed_warm(store, local2)
            dask = None
            if not args.skip_dask:
                executor = DaskExecutor(local2)
                executor.start()  # cluster start-up is not counted: a cluster is started once, used long
                try:
                    dask = timed(store, local2, executor=executor)
                finally:
                    executor.close()
    rows = [
        ("articles (avg words)", f"{n} ({words:.0f})", ""),
        ("bare spaCy nlp.pipe, 1 core", f"{n / bare:.1f} articles/s", ""),
        ("full pipeline + store, 1 worker, cold", f"{n / one:.1f} articles/s per core",
         f"cost {one / bare:.2f}x bare parse (target <= 1.5x)"),
        ("full pipeline + store, 1 worker, warm", f"{n / one_warm:.1f} articles/s per core",
         f"cost {one_warm / bare:.2f}x bare parse (target <= 1.5x)"),
        ("local engine, 2 workers, cold", f"{n / two:.1f} articles/s ({n / two / 2:.1f} per core)",
         f"speed-up {one / two:.2f}x vs 1 worker cold (target >= 1.8x)"),
        ("local engine, 2 workers, warm", f"{n / two_warm:.1f} articles/s ({n / two_warm / 2:.1f} per core)",
         f"speed-up {one_warm / two_warm:.2f}x vs 1 worker warm (target >= 1.8x)"),
    ]
    if dask is not None:
        rows.append(("dask LocalCluster, 2 workers", f"{n / dask:.1f} articles/s", f"{two / dask:.2f}x the local engine"))
    rows.append(("peak RSS per worker", f"{small.peak / 2**20:.0f} MiB at {max(1, n // 4)} / "
                 f"{full.peak / 2**20:.0f} MiB at {n} articles", f"growth {full.peak / max(small.peak, 1):.2f}x"))
    print(f"\ncores available: {len(os.sched_getaffinity(0))}; load average: "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}; stages: {base['analyze.stages']}\n")
    print("| measure | value | ratio |\n|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
