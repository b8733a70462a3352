"""Ingest benchmark: read + store throughput and peak memory on generated corpora of growing size.

    python benchmarks/ingest.py                 # 10k, 30k and 100k articles, one core
    python benchmarks/ingest.py --sizes 10000   # quicker

Each size runs in a fresh process pinned to one core (taskset) with DuckDB limited to one thread,
into a new database; peak RSS is the child's ru_maxrss. Results print as a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

DATA = Path(__file__).resolve().parent / "data"


def child(path: str, db: str) -> None:
    """Ingest one corpus into a new store and print the measurements as JSON."""
    from dateline.config import Config
    from dateline.ingest import ingest
    from dateline.store import open_store

    with open_store(db, config=Config()) as store:
        store.con.execute("SET threads = 1")
        started = time.perf_counter()
        report = ingest(store, [path], config=Config())
        seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"articles": report.new, "seconds": seconds, "rate": report.new / seconds,
                      "peak_rss_mb": peak_mb, "db_mb": os.path.getsize(db) / 2**20}))


def run(size: int, workdir: Path) -> dict[str, float]:
    path = corpus.write(DATA / f"corpus_{size}.jsonl", size)
    db = workdir / f"bench_{size}.duckdb"
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    out = subprocess.run([*pin, sys.executable, __file__, "--child", str(path), str(db)],
                         check=True, capture_output=True, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    result["size"] = size
    result["file_mb"] = path.stat().st_size / 2**20
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--child", nargs=2, metavar=("CORPUS", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        results = [run(size, Path(tmp)) for size in args.sizes]
    print("| articles | input MB | seconds | articles/s (1 core) | peak RSS MB | store MB |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['size']:,} | {r['file_mb']:.0f} | {r['seconds']:.1f} | {r['rate']:,.0f} | "
              f"{r['peak_rss_mb']:.0f} | {r['db_mb']:.0f} |")


if __name__ == "__main__":
    main()
