"""Figure series read time: `figure_series` over a store of N generated figures (computed on read).

Series, disagreements and estimates are not stored: they are derived from the stored figures (and
the duplicate marks) each time they are read, so new articles change them without any update
step. This measures what a read costs: N figures over `--articles` articles in two years, on
`--subjects` subjects (kind x country x place), each with a random qualifier and value; 3% of the
articles are marked as copies of an earlier one. Prints build and read seconds and peak RSS.

    python benchmarks/series.py -n 100000
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import pyarrow as pa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline.corpus.series import figure_series
from dateline.store import open_store

KINDS = ("killed", "wounded", "troops_deployed", "displaced", "arrested", "territory_share")
COUNTRIES = ("USA", "IRQ", "SYR", "TUR", "IRN", None)
QUALIFIERS = ("exact", "about", "more_than", "at_least", "fewer_than", "up_to", "range")


def build(path: Path, n: int, articles: int, subjects: int, seed: int = 11) -> None:
    """A store with `articles` articles and `n` figures on `subjects` subjects."""
    rng = random.Random(seed)
    places = [f"Place {i}" for i in range(max(1, subjects // (len(KINDS) * len(COUNTRIES)) + 1))]
    subject_list = [(k, c, p) for p in places for k in KINDS for c in COUNTRIES][:subjects]
    start = date(2016, 1, 1)
    days = [start + timedelta(days=rng.randrange(730)) for _ in range(articles)]
    ids = [f"a{i}" for i in range(articles)]
    arts = pa.table({"id": ids, "outlet": [f"Outlet {i % 40}" for i in range(articles)], "title": ids,
                     "published": pa.array(days, pa.date32()), "date_status": ["ok"] * articles,
                     "text": ["Generated text for the series benchmark. " * 4] * articles, "content_hash": ids})
    rows: dict[str, list[object]] = {k: [] for k in ("article_id", "start", "end", "text", "kind", "qualifier",
                                                     "value", "low", "high", "actor_country", "place", "as_of")}
    for i in range(n):
        a = rng.randrange(articles)
        kind, country, place = rng.choice(subject_list)
        value = float(rng.choice((10, 20, 50, 100, 500, 1000, 5000)) * rng.randint(1, 9))
        qualifier = rng.choice(QUALIFIERS)
        low, high = (value * 0.8, value * 1.2) if qualifier == "range" else (None, None)
        for key, v in zip(rows, (ids[a], i % 1000, i % 1000 + 5, f"{qualifier} {value}", kind, qualifier,
                                 None if qualifier == "range" else value, low, high, country, place,
                                 days[a] - timedelta(days=rng.randrange(3))), strict=True):
            rows[key].append(v)
    figs = pa.table({**{k: v for k, v in rows.items() if k != "as_of"}, "as_of": pa.array(rows["as_of"], pa.date32())})
    copies = rng.sample(range(1, articles), articles * 3 // 100)
    dups = pa.table({"article_id": [ids[c] for c in copies], "canonical_id": [ids[rng.randrange(c)] for c in copies]})
    with open_store(path) as store:
        con = store.con
        con.register("arts", arts)
        con.execute("INSERT INTO articles (id, outlet, title, published, date_status, text, content_hash) "
                    "SELECT * FROM arts").fetchall()
        con.register("figs", figs)
        con.execute("INSERT INTO figures (article_id, start, \"end\", text, kind, qualifier, value, low, high, "
                    "actor_country, place, as_of, sentence_start, sentence_end) "
                    "SELECT *, 0, 40 FROM figs").fetchall()
        con.register("dups", dups)
        con.execute("INSERT INTO article_duplicates SELECT article_id, canonical_id, 'near', 0.9, now() "
                    "FROM dups").fetchall()


def main(argv: list[str] | None = None) -> int:
    """Build a store, then time figure_series (all kinds, and one kind)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="figures")
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--subjects", type=int, default=500)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "series.duckdb"
        started = time.perf_counter()
        build(path, args.n, args.articles, args.subjects)
        built = time.perf_counter() - started
        with open_store(path, read_only=True) as store:
            started, cpu = time.perf_counter(), time.process_time()
            series = figure_series(store.con)
            read_all, read_cpu = time.perf_counter() - started, time.process_time() - cpu
            started = time.perf_counter()
            one = figure_series(store.con, kind="troops_deployed")
            read_one = time.perf_counter() - started
    print(json.dumps({
        "figures": args.n, "articles": args.articles, "subjects": args.subjects, "build_s": round(built, 2),
        "series": len(series), "points": sum(len(s.points) for s in series),
        "disagreements": sum(len(s.disagreements) for s in series),
        "estimates": sum(len(s.estimates) for s in series),
        "read_all_s": round(read_all, 2), "read_all_cpu_s": round(read_cpu, 2),
        "read_one_kind_s": round(read_one, 2), "one_kind_series": len(one),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
