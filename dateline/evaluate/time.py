"""Score dateline's time expressions against TempEval-3 gold, as the TE3 scorer defines the measures.

Extent: a system expression matches strictly when its span equals a gold span, relaxedly when the
spans overlap. Precision counts system expressions that match, recall gold ones that are matched.
Type and value are compared on the relaxed matches: accuracy = correct / matched gold, and the TE3
"attribute F1" = accuracy x relaxed extent F1.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dateline.analyze.time import TimeExpr, find_times


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One gold TIMEX3: span, type and value."""

    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One gold document: id, text, creation date and its TIMEX3s."""

    doc_id: str
    text: str
    dct: date | None
    timexes: list[GoldTimex]


@dataclass(slots=True)
class Counts:
    """Raw TE3 counts, summed over documents."""

    gold: int = 0
    system: int = 0
    strict_gold: int = 0
    relaxed_gold: int = 0
    strict_system: int = 0
    relaxed_system: int = 0
    type_match: int = 0
    value_match: int = 0

    def add(self, other: Counts) -> None:
        """Add another document's counts to these."""
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def parse_dct(value: str | None) -> date | None:
    """The date part of a TIMEX3 DCT value ("1998-03-22T14:57:00" -> 1998-03-22)."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_gold(path: Path) -> Iterator[GoldDoc]:
    """Documents of a TempEval-3 JSONL file (see ../shared/data/tempeval3/README.md)."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            timexes = [GoldTimex(t["start"], t["end"], t["type"], t.get("value", ""))
                       for t in record.get("timex3", [])]
            yield GoldDoc(record.get("doc_id", ""), record["text"], parse_dct(record.get("dct")), timexes)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when two character spans share at least one non-blank position."""
    return a[0] < b[1] and b[0] < a[1]


def score_document(gold: Sequence[GoldTimex], system: Sequence[TimeExpr]) -> Counts:
    """TE3 counts for one document's gold and system expressions."""
    counts = Counts(gold=len(gold), system=len(system))
    for g in gold:
        overlapping = [s for s in system if _overlaps((g.start, g.end), (s.start, s.end))]
        if not overlapping:
            continue
        counts.relaxed_gold += 1
        counts.strict_gold += any(s.start == g.start and s.end == g.end for s in overlapping)
        best = max(overlapping, key=lambda s: (s.start == g.start and s.end == g.end,
                                               min(s.end, g.end) - max(s.start, g.start)))
        counts.type_match += best.type == g.type
        counts.value_match += best.value == g.value
    for s in system:
        overlapping = [g for g in gold if _overlaps((g.start, g.end), (s.start, s.end))]
        counts.relaxed_system += bool(overlapping)
        counts.strict_system += any(s.start == g.start and s.end == g.end for g in overlapping)
    return counts


def _f1(p: float, r: float) -> float:
    """Harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * p * r / (p + r) if p + r else 0.0


def summarize(counts: Counts) -> dict[str, float | int]:
    """The TE3 figures from raw counts."""
    def ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    strict_p, strict_r = ratio(counts.strict_system, counts.system), ratio(counts.strict_gold, counts.gold)
    relaxed_p, relaxed_r = ratio(counts.relaxed_system, counts.system), ratio(counts.relaxed_gold, counts.gold)
    relaxed_f1 = _f1(relaxed_p, relaxed_r)
    type_acc = ratio(counts.type_match, counts.relaxed_gold)
    value_acc = ratio(counts.value_match, counts.relaxed_gold)
    return {
        "gold": counts.gold, "system": counts.system,
        "strict_precision": strict_p, "strict_recall": strict_r, "strict_f1": _f1(strict_p, strict_r),
        "relaxed_precision": relaxed_p, "relaxed_recall": relaxed_r, "relaxed_f1": relaxed_f1,
        "type_accuracy": type_acc, "type_f1": type_acc * relaxed_f1,
        "value_accuracy": value_acc, "value_f1": value_acc * relaxed_f1,
    }


def evaluate_time(gold_path: Path) -> dict[str, float | int]:
    """Run find_times on every gold document (anchored on its creation date) and score it TE3-style."""
    total = Counts()
    chars = 0
    started = time.perf_counter()
    for doc in read_gold(Path(gold_path)):
        total.add(score_document(doc.timexes, find_times(doc.text, doc.dct)))
        chars += len(doc.text)
    seconds = time.perf_counter() - started
    result = summarize(total)
    result.update({"seconds": seconds, "chars_per_s": chars / seconds if seconds else 0.0,
                   "expressions_per_s": total.system / seconds if seconds else 0.0})
    return result


def format_table(result: dict[str, float | int]) -> str:
    """A plain-text table of the figures."""
    rows = [("strict extent", "strict"), ("relaxed extent", "relaxed")]
    lines = [f"{'measure':<16}{'P':>8}{'R':>8}{'F1':>8}"]
    for label, key in rows:
        lines.append(f"{label:<16}{result[key + '_precision']:>8.3f}{result[key + '_recall']:>8.3f}"
                     f"{result[key + '_f1']:>8.3f}")
    lines.append(f"{'type':<16}{'acc':>8}{result['type_accuracy']:>8.3f}{result['type_f1']:>8.3f}")
    lines.append(f"{'value':<16}{'acc':>8}{result['value_accuracy']:>8.3f}{result['value_f1']:>8.3f}")
    lines.append(f"gold {result['gold']}, system {result['system']}, "
                 f"{result['chars_per_s']:,.0f} chars/s, {result['expressions_per_s']:,.0f} expressions/s")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m dateline.evaluate.time --gold FILE [--json]`: print the TE3 figures."""
    parser = argparse.ArgumentParser(prog="python -m dateline.evaluate.time", description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, required=True, help="TempEval-3 JSONL file")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    if not args.gold.is_file():
        parser.error(f"gold file not found: {args.gold}")
    result = evaluate_time(args.gold)
    print(json.dumps(result, indent=2) if args.json else format_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["GoldDoc", "GoldTimex", "Counts", "evaluate_time", "score_document", "summarize", "main"]
