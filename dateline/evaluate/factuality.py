"""Score event factuality on our own gold (tests/analyze/factuality_gold.jsonl, sentences we wrote).

Each gold sentence names one event type and its factuality (happened, planned, hypothetical,
negated, claimed) and, when claimed, the claimant. The system's answer for a sentence is the most
confident event of the gold type (``type_found``); when no event has that type, the most confident
event of any type; when there is none, "happened". Reported: accuracy, per-class P/R/F1, macro F1,
the share of sentences where the gold type was coded, and claimant overlap on claimed sentences.
``--split dev|test`` scores one half (the gold alternates dev and test lines).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dateline.analyze.factuality import FACTUALITY
from dateline.evaluate.events import analyse, prf

GOLD_PATH = Path(__file__).resolve().parents[2] / "tests" / "analyze" / "factuality_gold.jsonl"


def read_gold(path: Path, split: str | None = None) -> list[dict[str, Any]]:
    """The gold records, optionally one split."""
    with path.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    return [r for r in records if split is None or r.get("split") == split]


def pick(events: list[Any], wanted: str) -> tuple[Any | None, bool]:
    """The most confident event of the wanted type (True), else of any type (False), else None."""
    same = [e for e in events if e.type == wanted]
    pool = same or events
    return (max(pool, key=lambda e: e.confidence) if pool else None), bool(same)


def _claimant_ok(gold: str | None, event: Any) -> bool:
    """The system claimant overlaps the gold claimant's words."""
    if not gold or event is None or not event.claimant:
        return False
    g, s = set(gold.lower().split()), set(event.claimant.lower().split())
    return bool(g & s - {"the", "a", "an"})


def score(records: list[dict[str, Any]], predicted: list[list[Any]]) -> dict[str, Any]:
    """Accuracy, per-class P/R/F1, macro F1, type-found rate and claimant accuracy."""
    pairs, found, claim_ok, claimed = [], 0, 0, 0
    errors = []
    for rec, events in zip(records, predicted):
        event, same = pick(events, rec["type"])
        value = event.factuality if event is not None else "happened"
        pairs.append((rec["factuality"], value))
        found += same
        if rec["factuality"] == "claimed":
            claimed += 1
            claim_ok += _claimant_ok(rec.get("claimant"), event)
        if value != rec["factuality"]:
            errors.append({"id": rec["id"], "gold": rec["factuality"], "system": value,
                           "type_found": same, "cue": event.factuality_cue if event is not None else ""})
    per_class = {v: prf(sum(1 for g, s in pairs if g == s == v), sum(1 for _, s in pairs if s == v),
                        sum(1 for g, _ in pairs if g == v)) for v in FACTUALITY}
    n = len(pairs)
    return {"sentences": n, "accuracy": round(sum(g == s for g, s in pairs) / n, 4) if n else 0.0,
            "macro_f1": round(sum(v["f1"] for v in per_class.values()) / len(per_class), 4),
            "per_class": per_class, "type_found": round(found / n, 4) if n else 0.0,
            "claimant_accuracy": round(claim_ok / claimed, 4) if claimed else 0.0, "errors": errors}


def evaluate_factuality(gold_path: Path | str = GOLD_PATH, split: str | None = None, pipeline: Any = None) -> dict[str, Any]:
    """Run dateline over the gold sentences and score factuality."""
    records = read_gold(Path(gold_path), split)
    predicted, seconds = analyse([r["text"] for r in records], pipeline, min_confidence=0.0)
    return {"gold": str(gold_path), "split": split or "all", "seconds": round(seconds, 2),
            **score(records, predicted)}


def format_table(result: dict[str, Any]) -> str:
    """A plain-text summary."""
    head = (f"{result['gold']} [{result['split']}] {result['sentences']} sentences: accuracy {result['accuracy']:.3f}"
            f"  macro F1 {result['macro_f1']:.3f}  type found {result['type_found']:.3f}"
            f"  claimant {result['claimant_accuracy']:.3f}")
    lines = [head]
    lines += [f"  {k:<13} P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f} (gold {v['gold']})"
              for k, v in result["per_class"].items()]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m dateline.evaluate.factuality [--gold FILE] [--split dev|test] [--json]`."""
    parser = argparse.ArgumentParser(description="Score event factuality against our gold sentences.")
    parser.add_argument("--gold", type=Path, default=GOLD_PATH)
    parser.add_argument("--split", choices=("dev", "test"), default=None)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", action="store_true", help="list the sentences scored wrong")
    args = parser.parse_args(argv)
    result = evaluate_factuality(args.gold, args.split)
    if not args.errors:
        result.pop("errors")
    sys.stdout.write((json.dumps(result, indent=2) if args.json else format_table(result)) + "\n")
    if args.errors and not args.json:
        sys.stdout.write("\n".join(json.dumps(e) for e in result["errors"]) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
