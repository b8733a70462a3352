"""Engine throughput as ratios measured in one run: pipeline vs bare spaCy, 1 vs 2 cores, dask vs local.

    python benchmarks/engine.py                          # N=1000 generated articles, every measure
    python benchmarks/engine.py -n 400 --only ratio      # just the pipeline's cost over the bare parse
    python benchmarks/engine.py -n 10000 --only ratio    # the issue's size (about 45 min on one idle core)
    python benchmarks/engine.py -n 2000 --only scaling   # 1 vs 2 cores, as dateline analyze runs (about 17 min)
    python benchmarks/engine.py -n 300 --stages nlp,time

Measures (``--only``, comma-separated; default all):

- ratio: the whole pipeline with storing (one worker, models loaded first) against a bare spaCy
  ``nlp.pipe`` over the same texts with the same model as configured (every component the user's
  ``nlp.disable`` leaves on; the bare parse is never given fewer components than the pipeline).
  The two alternate chunk by chunk (``--chunk`` articles: bare parse, then the pipeline over the
  same texts, stored in one transaction), so a busy machine slows both alike; the ratio is total
  over total, with the spread of per-chunk ratios and the ratio of this process's CPU time.
- scaling: ``dateline analyze`` as a user runs it, on 1 core (the whole process tree pinned to one
  core, one worker: the pipeline and the writer share it) against 2 cores (pinned to two, two
  worker processes and the writer), each in a fresh process so neither inherits warm caches or a
  loaded model from this one. Cold times the whole run (starting workers and loading models
  inside); warm starts the clock after ``LocalExecutor.start()`` (the steady state of a long run).
  ``--scaling-n`` sets the corpus size for this measure alone (default: N).
- dask: a 2-worker dask LocalCluster (cluster start-up not counted) vs the local engine.
- memory: peak RSS of any worker of the 2-worker engine at N/4 and at N articles (flat means it
  does not grow with N), sampled every 0.1 s.

Every figure comes from the same process on the same texts, so machine noise mostly cancels in
the ratios; the load average is printed before and after.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write as write_corpus

from dateline.analyze.nlp import load_model
from dateline.analyze.pipeline import Pipeline
from dateline.analyze.run import analyze_store
from dateline.config import Config
from dateline.engine.base import Rows, analyses_of
from dateline.engine.dask import DaskExecutor
from dateline.engine.local import LocalExecutor
from dateline.ingest import ingest
from dateline.store import open_store
from dateline.store.analyses import analysis_rows, pending_articles, write_rows

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


def _pinned_run(db: str, config: Config, cores: list[int], warm: bool, out: Any) -> None:
    """In a fresh process pinned to ``cores`` (its workers inherit the pinning): analyse every article."""
    os.sched_setaffinity(0, cores)
    began = time.perf_counter()
    with open_store(db) as store:
        executor = LocalExecutor(config)
        if warm:
            executor.start()
            began = time.perf_counter()
        try:
            report = analyze_store(store, config, redo=True, executor=executor)
        finally:
            executor.close()
    out.put((time.perf_counter() - began, report.analysed))


def pinned_seconds(db: Path, config: Config, cores: int, warm: bool) -> tuple[float, int]:
    """(seconds, articles) of one analysis run in a spawned process pinned to the first ``cores`` cores."""
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    child = context.Process(target=_pinned_run, args=(str(db), config, sorted(os.sched_getaffinity(0))[:cores], warm, out))
    child.start()
    result = out.get()
    child.join()
    if child.exitcode:
        raise SystemExit(f"the pinned run on {cores} core(s) failed with exit code {child.exitcode}")
    return result


def scaling_rows(db: Path, config: Config) -> list[tuple[str, str, str]]:
    """1 core vs 2 cores, cold and warm, each run in its own fresh pinned process (the store must be closed)."""
    if len(os.sched_getaffinity(0)) < 2:
        return [("scaling", "skipped", "fewer than 2 cores available")]
    runs = {}
    for warm in (False, True):
        for cores in (1, 2):
            runs[cores, warm] = pinned_seconds(db, config.with_overrides({"engine.workers": cores}), cores, warm)
    n = runs[1, False][1]
    assert all(done == n for _, done in runs.values()), runs
    rows = []
    for warm, name in ((False, "cold"), (True, "warm")):
        one, two = runs[1, warm][0], runs[2, warm][0]
        rows += [(f"dateline analyze, 1 core (1 worker), {name}", f"{n / one:.1f} articles/s", ""),
                 (f"dateline analyze, 2 cores (2 workers), {name}", f"{n / two:.1f} articles/s ({n / two / 2:.1f} per core)",
                  f"**speed-up {one / two:.2f}x** vs 1 core {name} (target >= 1.8x)")]
    return rows


MEASURES = ("ratio", "scaling", "dask", "memory")


def bare_model(config: Config) -> Any:
    """The spaCy pipeline exactly as configured (nlp.model without the nlp.disable components)."""
    return load_model(str(config["nlp.model"]),
                      tuple(x.strip() for x in str(config["nlp.disable"]).split(",") if x.strip()))


def interleaved_ratio(store, config: Config, rows: Rows, chunk: int) -> tuple[float, float, list[float], float]:  # type: ignore[no-untyped-def]
    """(bare seconds, pipeline seconds, per-chunk ratios, CPU-time ratio): each chunk parsed bare, then analysed and stored.

    The pipeline side is what one worker does (LocalExecutor with one worker runs it inline) plus
    the single writer's transaction: analysis_rows, then write_rows.
    """
    nlp, size = bare_model(config), int(config["nlp.batch_size"])
    pipeline = Pipeline(config)
    warm = rows[:min(len(rows), 20)]
    for _ in nlp.pipe([r[1] for r in warm], batch_size=size):  # warm-up: lazy loads on both sides
        pass
    analysis_rows(pipeline.process(analyses_of(warm)), pipeline.version)
    bare = full = bare_cpu = full_cpu = 0.0
    ratios = []
    for start in range(0, len(rows), chunk):
        part = rows[start:start + chunk]
        began, began_cpu = time.perf_counter(), time.process_time()
        for _ in nlp.pipe([r[1] for r in part], batch_size=size):
            pass
        parsed, parsed_cpu = time.perf_counter(), time.process_time()
        found = analysis_rows(pipeline.process(analyses_of(part)), pipeline.version)
        with store.transaction() as con:
            write_rows(con, found)
        done, done_cpu = time.perf_counter(), time.process_time()
        bare, bare_cpu = bare + parsed - began, bare_cpu + parsed_cpu - began_cpu
        full, full_cpu = full + done - parsed, full_cpu + done_cpu - parsed_cpu
        ratios.append((done - parsed) / (parsed - began))
    return bare, full, ratios, full_cpu / bare_cpu


def load_text() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=1000, help="generated articles (default 1000)")
    parser.add_argument("--stages", default=None, help="analyze.stages (default: the configured ones)")
    parser.add_argument("--only", default=",".join(MEASURES), help=f"measures to run, of {', '.join(MEASURES)}")
    parser.add_argument("--chunk", type=int, default=50,
                        help="articles per turn of the interleaved ratio, each turn stored in one transaction (default 50; "
                             "dateline analyze stores 200 per transaction, so this slightly overstates storing)")
    parser.add_argument("--skip-dask", action="store_true", help="the same as leaving dask out of --only")
    parser.add_argument("--scaling-n", type=int, default=None,
                        help="generated articles for the scaling measure alone (default: N)")
    args = parser.parse_args()
    only = {x.strip() for x in args.only.split(",") if x.strip()} - ({"dask"} if args.skip_dask else set())
    if only - set(MEASURES):
        parser.error(f"unknown measure(s): {', '.join(sorted(only - set(MEASURES)))}")
    n = args.n
    corpus = write_corpus(ROOT / "benchmarks" / "data" / f"engine_{n}.jsonl", n)
    rows_out: list[tuple[str, str, str]] = []
    load_before = load_text()
    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as tmp:
        db = Path(tmp) / "bench.duckdb"
        base = Config().with_overrides({"store.path": str(db), **({"analyze.stages": args.stages} if args.stages else {})})
        with open_store(db) as store:
            ingest(store, [str(corpus)])
            rows = [(r[0], r[1], r[2], r[3]) for r in pending_articles(store.con, "", redo=True).fetchall()]
            words = sum(len(r[1].split()) for r in rows) / len(rows)
            rows_out.append(("articles (avg words)", f"{n} ({words:.0f})", ""))
            local1 = base.with_overrides({"engine.workers": 1})
            if "ratio" in only:
                bare, full, ratios, cpu_ratio = interleaved_ratio(store, local1, rows, args.chunk)
                ratios.sort()
                rows_out += [
                    ("bare spaCy nlp.pipe, 1 core", f"{n / bare:.1f} articles/s", ""),
                    ("full pipeline + store, 1 worker, warm, interleaved", f"{n / full:.1f} articles/s per core",
                     f"**cost {full / bare:.2f}x the bare parse** (target <= 1.5x; per chunk of {args.chunk} "
                     f"{ratios[0]:.2f}-{ratios[-1]:.2f}x, median {ratios[len(ratios) // 2]:.2f}x; "
                     f"in CPU time {cpu_ratio:.2f}x)"),
                ]
            local2 = base.with_overrides({"engine.workers": 2})
            if "memory" in only:
                with PeakWorkerRSS() as small:
                    timed(store, local2, executor=LocalExecutor(local2), limit=max(1, n // 4))
                with PeakWorkerRSS() as full_rss:
                    two_mem = timed(store, local2, executor=LocalExecutor(local2))
                rows_out.append(("peak RSS per worker", f"{small.peak / 2**20:.0f} MiB at {max(1, n // 4)} / "
                                 f"{full_rss.peak / 2**20:.0f} MiB at {n} articles",
                                 f"growth {full_rss.peak / max(small.peak, 1):.2f}x"))
            if "dask" in only:
                local_time = two_mem if "memory" in only else timed(store, local2, executor=LocalExecutor(local2))
                executor = DaskExecutor(local2)
                executor.start()  # cluster start-up is not counted: a cluster is started once, used long
                try:
                    dask = timed(store, local2, executor=executor)
                finally:
                    executor.close()
                rows_out.append(("dask LocalCluster, 2 workers", f"{n / dask:.1f} articles/s",
                                 f"{local_time / dask:.2f}x the local engine (2 workers, cold)"))
        if "scaling" in only:  # fresh processes open the store themselves: this one has closed it
            scaling_n = args.scaling_n or n
            if scaling_n != n:
                db = Path(tmp) / "scaling.duckdb"
                with open_store(db) as store:
                    ingest(store, [str(write_corpus(ROOT / "benchmarks" / "data" / f"engine_{scaling_n}.jsonl", scaling_n))])
            rows_out += scaling_rows(db, base)
    print(f"\ncores available: {len(os.sched_getaffinity(0))}; load average before: {load_before}, after: "
          f"{load_text()}; stages: {base['analyze.stages']}; spaCy: {base['nlp.model']}"
          f"{' without ' + str(base['nlp.disable']) if str(base['nlp.disable']).strip() else ' (all components)'}\n")
    print("| measure | value | ratio |\n|---|---|---|")
    for row in rows_out:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
