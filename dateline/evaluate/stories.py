"""Score story clustering against gold groups: pairwise and B-cubed precision, recall and F1.

The gold is JSON Lines with `id`, `date`, `title`, `text` and a group field (default `incident`).
Articles are clustered online in publication order (date, then id), as they would arrive; only
byte offsets are kept in memory, each article is read back when its turn comes.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zlib
from collections import Counter
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dateline.corpus.stories import StoryClusterer, StoryParams


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One gold line: id, date, title, text, its gold group, and a key unique per line."""

    key: str
    id: str
    date: date | None
    title: str
    text: str
    group: str


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


HALVES = ("a", "b")


def half_of(group: str) -> str:
    """A gold group's half: "a" (settings and the link model are tuned on it) or "b" (held out),
    by crc32 of the group, so every article of a group falls in the same half."""
    return HALVES[zlib.crc32(group.encode("utf-8")) % 2]


def read_gold(path: Path, gold_field: str = "incident", half: str | None = None) -> Iterator[GoldArticle]:
    """Gold articles (of one half when given) in publication order (date, id), read one at a time."""
    order: list[tuple[str, str, int]] = []
    with open(path, "rb") as handle:
        offset = 0
        for line in handle:
            if line.strip():
                record = json.loads(line)
                if half is None or half_of(str(record[gold_field])) == half:
                    order.append((str(record.get("date") or ""), str(record["id"]), offset))
            offset += len(line)
    order.sort()
    with open(path, "rb") as handle:
        for _, _, offset in order:
            handle.seek(offset)
            record = json.loads(handle.readline())
            yield GoldArticle(f"L{offset}", str(record["id"]), _day(record.get("date")), str(record.get("title") or ""),
                              str(record.get("text") or ""), str(record[gold_field]))


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_groups(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> dict[str, float | int]:
    """Pairwise and B-cubed P/R/F1 of predicted groups against gold groups over the same ids."""
    cells = Counter((predicted[k], gold[k]) for k in gold)
    pred_sizes = Counter(predicted[k] for k in gold)
    gold_sizes = Counter(gold.values())
    true_pairs = sum(_pairs(n) for n in cells.values())
    pred_pairs = sum(_pairs(n) for n in pred_sizes.values())
    gold_pairs = sum(_pairs(n) for n in gold_sizes.values())
    p = true_pairs / pred_pairs if pred_pairs else 1.0
    r = true_pairs / gold_pairs if gold_pairs else 1.0
    total = len(gold) or 1
    bp = sum(n * n / pred_sizes[pg[0]] for pg, n in cells.items()) / total
    br = sum(n * n / gold_sizes[pg[1]] for pg, n in cells.items()) / total
    return {
        "articles": len(gold), "predicted_groups": len(pred_sizes), "gold_groups": len(gold_sizes),
        "pairwise_precision": round(p, 4), "pairwise_recall": round(r, 4), "pairwise_f1": round(_f1(p, r), 4),
        "bcubed_precision": round(bp, 4), "bcubed_recall": round(br, 4), "bcubed_f1": round(_f1(bp, br), 4),
    }


def evaluate_stories(gold_path: str | Path, gold_field: str = "incident",
                     params: StoryParams | None = None, half: str | None = None) -> dict[str, float | int]:
    """Cluster the gold articles (of one half when given) online and score the groups; adds articles/s."""
    clusterer = StoryClusterer(params)
    predicted: dict[str, str] = {}
    gold: dict[str, str] = {}
    seconds = cpu = 0.0
    for article in read_gold(Path(gold_path), gold_field, half):
        started, started_cpu = time.perf_counter(), time.process_time()
        predicted[article.key] = clusterer.add(article.key, article.date, article.title, article.text).story_id
        seconds += time.perf_counter() - started
        cpu += time.process_time() - started_cpu
        gold[article.key] = article.group  # by line: a gold file may repeat an id
    result = score_groups(predicted, gold)
    result["seconds"] = round(seconds, 3)
    result["articles_per_second"] = round(len(gold) / seconds, 1) if seconds else 0.0
    result["articles_per_cpu_second"] = round(len(gold) / cpu, 1) if cpu else 0.0
    return result


def format_table(result: Mapping[str, float | int]) -> str:
    """The scores as an aligned two-column table."""
    width = max(len(k) for k in result)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in result.items())


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m dateline.evaluate.stories --gold FILE [--gold-field F] [--json]`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", required=True, type=Path, help="gold JSON Lines file")
    parser.add_argument("--gold-field", default="incident", help="field holding the gold group")
    parser.add_argument("--threshold", type=float, default=None, help="override the join threshold")
    parser.add_argument("--half", choices=HALVES, default=None, help="score one half of the gold groups only")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    if not args.gold.is_file():
        print(f"error: {args.gold} does not exist", file=sys.stderr)
        return 2
    params = StoryParams() if args.threshold is None else StoryParams(threshold=args.threshold)
    result = evaluate_stories(args.gold, args.gold_field, params, args.half)
    print(json.dumps(result, indent=2) if args.json else format_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
