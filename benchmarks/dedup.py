"""Near-duplicate detection speed, memory and agreement: rensa (dateline.dedup) against datasketch.

Streams the generated corpus (python benchmarks/corpus.py 100000 -o benchmarks/data/corpus_100000.jsonl)
and injects an edited copy of a recent article every `--copy-every` articles (a changed figure, a
dropped sentence, a new last line), so recall on known copies can be measured. Each library runs
in its own process (`--lib`), so peak RSS is its own; `--compare` runs both and compares pairs.
Speed is articles/s of detection (tokenising, shingling, MinHash, LSH insert+query, verification)
by wall time and by the process's CPU time, on one core, JSON parsing excluded; rensa goes through
dateline.dedup.sketch and DedupIndex.add_batch, 1,000 articles at a time.

    python benchmarks/dedup.py --compare -n 10000
    python benchmarks/dedup.py --lib rensa -n 100000
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from itertools import chain
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline.dedup import DedupIndex, DedupParams, exact_key, sketch, words

_NUMBER = re.compile(r"\b\d+\b")


def edited(text: str, rng: random.Random) -> str:
    """A wire copy with small edits: one figure changed, maybe a sentence dropped, a line added."""
    text = _NUMBER.sub(lambda m: str(int(m.group()) + 1), text, count=1)
    sentences = text.split(". ")
    if len(sentences) > 8 and rng.random() < 0.5:
        del sentences[rng.randrange(len(sentences))]
    return ". ".join(sentences) + "\n\nThis story has been updated."


def stream(path: Path, n: int, copy_every: int) -> Iterator[tuple[str, date, str, str | None]]:
    """(id, date, text, id of the original or None) for n articles plus injected copies."""
    rng = random.Random(3)
    recent: list[tuple[str, str, date]] = []
    with open(path, encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            if i >= n:
                break
            record = json.loads(line)
            day = date.fromisoformat(record["date"])
            yield f"a{i}", day, record["text"], None
            recent = (recent + [(f"a{i}", record["text"], day)])[-50:]
            if copy_every and i % copy_every == copy_every - 1:
                original, text, when = rng.choice(recent)
                yield f"c{i}", when, edited(text, rng), original


def run_rensa(items: list[tuple[str, date, str]], params: DedupParams, chunk: int = 1000) -> dict[str, str]:
    """dateline.dedup over the items; returns duplicate -> canonical."""
    index = DedupIndex(params)
    found: dict[str, str] = {}
    for start in range(0, len(items), chunk):
        found.update(run_index(index, items[start: start + chunk], params))
    return found


def run_datasketch(items: list[tuple[str, date, str]], params: DedupParams) -> dict[str, str]:
    """The same decisions with datasketch MinHash and MinHashLSH (exact hash first, then LSH)."""
    from datasketch import MinHash, MinHashLSH

    bands, rows = params.band_layout
    lsh = MinHashLSH(num_perm=params.num_perm, params=(bands, rows))
    exact: dict[str, str] = {}
    canonical: dict[str, str] = {}
    hashes: dict[str, MinHash] = {}
    found: dict[str, str] = {}
    k = params.shingle_size
    for article_id, _, text in items:
        key = exact_key(text)
        tokens = words(text)
        shingles = {b" ".join(tokens[i: i + k]) for i in range(max(1, len(tokens) - k + 1))}
        mh = MinHash(num_perm=params.num_perm, seed=1)
        mh.update_batch(list(shingles))
        if key in exact:
            found[article_id] = canonical[exact[key]]
            canonical[article_id] = found[article_id]
        else:
            matches = sorted(canonical[o] for o in lsh.query(mh) if mh.jaccard(hashes[o]) >= params.threshold)
            canonical[article_id] = matches[0] if matches else article_id
            if matches:
                found[article_id] = matches[0]
            exact[key] = article_id
        hashes[article_id] = mh
        lsh.insert(article_id, mh)
    return found


def measure_stream(path: Path, n: int, copy_every: int, chunk: int = 1000) -> dict[str, object]:
    """rensa over the stream in file order, 1,000 articles at a time: the memory of the index alone."""
    params = DedupParams()
    index = DedupIndex(params)
    truth: dict[str, str] = {}
    found: dict[str, str] = {}
    wall = cpu = 0.0
    total = 0
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    part: list[tuple[str, date, str]] = []
    for article_id, day, text, original in chain(stream(path, n, copy_every), [("", date.min, "", None)]):
        if original:
            truth[article_id] = original
        if article_id:
            part.append((article_id, day, text))
        if len(part) >= chunk or (not article_id and part):
            started, started_cpu = time.perf_counter(), time.process_time()
            found.update(run_index(index, part, params))
            wall += time.perf_counter() - started
            cpu += time.process_time() - started_cpu
            total += len(part)
            part = []
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    hit = sum(1 for c, o in truth.items() if c in found or found.get(o) == c)
    return {"lib": "rensa", "mode": "stream", "articles": total, "injected_copies": len(truth),
            "marked": len(found), "recall_on_copies": round(hit / len(truth), 4) if truth else None,
            "wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "articles_per_s_wall": round(total / wall),
            "articles_per_s_cpu": round(total / cpu), "peak_rss_mb": round(rss_after / 1024, 1),
            "rss_growth_mb": round((rss_after - rss_before) / 1024, 1)}


def run_index(index: DedupIndex, part: list[tuple[str, date, str]], params: DedupParams) -> dict[str, str]:
    """Sketch one chunk and add it to the index; duplicate -> canonical of its marks."""
    sk = sketch([t for _, _, t in part], params)
    marks = index.add_batch([a for a, _, _ in part], [d for _, d, _ in part], sk.exact, sk.signatures, sk.keys)
    return {mark.article_id: mark.canonical_id for mark in marks}


def measure(lib: str, path: Path, n: int, copy_every: int, out: Path | None) -> dict[str, object]:
    """Run one library over the stream; speed, peak RSS and recall on injected copies."""
    params = DedupParams()
    items, truth = [], {}
    for article_id, day, text, original in stream(path, n, copy_every):
        items.append((article_id, day, text))
        if original:
            truth[article_id] = original
    items.sort(key=lambda it: (it[1], it[0]))  # publication order, as update_corpus processes them
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall, cpu = time.perf_counter(), time.process_time()
    found = run_rensa(items, params) if lib == "rensa" else run_datasketch(items, params)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    hit = sum(1 for c, o in truth.items() if c in found or found.get(o) == c)
    if out:
        out.write_text(json.dumps(found))
    return {
        "lib": lib, "articles": len(items), "injected_copies": len(truth), "marked": len(found),
        "copies_found": hit, "recall_on_copies": round(hit / len(truth), 4) if truth else None,
        "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
        "articles_per_s_wall": round(len(items) / wall), "articles_per_s_cpu": round(len(items) / cpu),
        "peak_rss_mb": round(rss_after / 1024, 1), "rss_growth_mb": round((rss_after - rss_before) / 1024, 1),
        "params": {"threshold": params.threshold, "shingle_size": params.shingle_size,
                   "num_perm": params.num_perm, "bands_rows": list(params.band_layout)},
    }


def compare(path: Path, n: int, copy_every: int) -> dict[str, object]:
    """Both libraries in separate processes; agreement of their duplicate -> canonical pairs."""
    results, pairs = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for lib in ("rensa", "datasketch"):
            out = Path(tmp) / f"{lib}.json"
            proc = subprocess.run([sys.executable, __file__, "--lib", lib, "-n", str(n), "--input", str(path),
                                   "--copy-every", str(copy_every), "--pairs", str(out)],
                                  capture_output=True, text=True, check=True)
            results[lib] = json.loads(proc.stdout)
            pairs[lib] = set(json.loads(out.read_text()).items())
    both = pairs["rensa"] & pairs["datasketch"]
    union = pairs["rensa"] | pairs["datasketch"]
    return {"rensa": results["rensa"], "datasketch": results["datasketch"],
            "agreement": {"both": len(both), "only_rensa": len(pairs["rensa"] - both),
                          "only_datasketch": len(pairs["datasketch"] - both),
                          "jaccard": round(len(both) / len(union), 4) if union else 1.0}}


def calibration_us() -> float:
    """Microseconds for sum(range(1000)) on this core (about 10-15 on a current desktop CPU)."""
    import timeit
    return round(min(timeit.repeat("sum(range(1000))", number=2000, repeat=5)) / 2000 * 1e6, 1)


def main(argv: list[str] | None = None) -> int:
    """Command line: --lib L or --compare."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=ROOT / "benchmarks/data/corpus_100000.jsonl")
    parser.add_argument("-n", type=int, default=100_000)
    parser.add_argument("--copy-every", type=int, default=25)
    parser.add_argument("--lib", choices=("rensa", "datasketch"), default="rensa")
    parser.add_argument("--compare", action="store_true")
    parser.add_argument("--stream", action="store_true", help="rensa in file order, texts not kept")
    parser.add_argument("--pairs", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.compare:
        result = compare(args.input, args.n, args.copy_every)
    elif args.stream:
        result = measure_stream(args.input, args.n, args.copy_every)
    else:
        result = measure(args.lib, args.input, args.n, args.copy_every, args.pairs)
    result["calibration_sum_range_1000_us"] = calibration_us()
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
