"""Rebuild dateline/resources/arg_ranker.json.gz (``dateline.analyze.event_ranker``) from ConfliBERT's
train actor spans.

    .venv/bin/python scripts/train_arg_ranker.py [--data ../shared/data] [--limit N]

Training material (never plover_gsr, which is kept for evaluation): conflibert_cameo/train_actor_spans.jsonl,
news sentences whose main event's source (S), target (T) and reciprocal (R) actors are tagged.
Each sentence is parsed by dateline's own stages (nlp, actors, places, time) and coded by the event
rules alone; its most confident event is taken as the tagged one. For each role, every actor mention
of the sentence outside the other role's rule arguments is a candidate, labelled 1 when it overlaps a
span of that role (R counts for both). One logistic regression per role (liblinear, C=0.5, no
randomness) is fitted on the candidates' feature strings (``event_ranker.candidate_features``).

The threshold: 5-fold out-of-fold probabilities (folds by sentence), over the events the rules left
without that role, the probability (from 0.10 to 0.95; on a tie the highest) at which filling the role
with the best candidate gains the most: right fills minus wrong ones (another actor, or none tagged in that role), so a fill is right
more often than not. ConfliBERT tags nearly every sentence's source and target, so wrong picks stand in
for PLOVER's events without a target. Weights are rounded to
4 places and features with |weight| < 0.001 dropped. (At run time the same threshold also serves
events whose rule arguments in the role are all unresolved.)
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline.analyze.event_ranker import RANKER_PATH, ROLES, _token_at, candidate_features, candidates
from dateline.analyze.events import code_events

TAGS = {"source": ("source", "reciprocal"), "target": ("target", "reciprocal")}
FOLDS = 5
VERSION = "arg-ranker-2"


@dataclass(slots=True)
class Example:
    """One candidate: its sentence, event (the sentence's main event), features and label."""

    sentence: int
    event_key: int
    feats: list[str]
    label: int
    rules_empty: bool
    role_tagged: bool


def char_spans(record: dict[str, Any], role: str) -> list[tuple[int, int]]:
    """Character offsets, in the space-joined text, of the record's spans of one role."""
    starts, pos = [], 0
    for tok in record["tokens"]:
        starts.append(pos)
        pos += len(tok) + 1
    return [(starts[s["token_start"]], starts[s["token_end"] - 1] + len(record["tokens"][s["token_end"] - 1]))
            for s in record["spans"] if s["role"] in TAGS[role]]


def examples(records: list[dict[str, Any]], batch: int = 64) -> dict[str, list[Example]]:
    """Candidate examples for each role from the records, parsed and coded by the rules alone."""
    from dateline.analyze import actors as _actors  # noqa: F401  (registers the stages)
    from dateline.analyze import places as _places  # noqa: F401
    from dateline.analyze.base import Analysis
    from dateline.analyze.event_model import load_model
    from dateline.analyze.pipeline import Pipeline
    from dateline.analyze.plover import load_lexicon
    from dateline.config import Config

    pipeline = Pipeline(Config().with_overrides({"analyze.stages": "nlp,actors,places,time"}))
    lexicon, model = load_lexicon(), load_model()
    out: dict[str, list[Example]] = {r: [] for r in ROLES}
    for lo in range(0, len(records), batch):
        chunk = records[lo:lo + batch]
        analyses = pipeline.process([Analysis(f"r{lo + k}", r["text"]) for k, r in enumerate(chunk)])
        for k, (record, analysis) in enumerate(zip(chunk, analyses)):
            events = [e for e in code_events(analysis, lexicon, model) if e.confidence >= 0.5]
            if not events:
                continue
            event = max(events, key=lambda e: e.confidence)
            trigger = _token_at(analysis.doc, event.trigger_start, event.trigger_end)
            if trigger is None:
                continue
            for role in ROLES:
                gold = char_spans(record, role)
                current, other = (event.targets, event.sources) if role == "target" else (event.sources, event.targets)
                cands = candidates(event, analysis, other)
                after = sorted(t.i for _, t in cands if t.i > trigger.i)
                for m, tok in cands:
                    feats = candidate_features(event, trigger, tok, m, after.index(tok.i) if tok.i in after else 0)
                    label = int(any(s < m.end and m.start < e for s, e in gold))
                    out[role].append(Example(lo + k, lo + k, feats, label, not current, bool(gold)))
        print(f"parsed {min(lo + batch, len(records))}/{len(records)}", file=sys.stderr)
    return out


def fit(rows: list[Example]) -> tuple[dict[str, float], float, Any, Any]:
    """A logistic regression on the rows' feature strings: weights by feature, bias, model, vectorizer."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(r.feats, 1) for r in rows]).toarray()  # liblinear refuses int64 indices
    clf = LogisticRegression(C=0.5, solver="liblinear", max_iter=1000)
    clf.fit(x, [r.label for r in rows])
    weights = {f: round(float(w), 4) for f, w in zip(vec.get_feature_names_out(), clf.coef_[0]) if abs(w) >= 0.001}
    return weights, round(float(clf.intercept_[0]), 4), clf, vec


def choose_threshold(rows: list[Example]) -> tuple[float, dict[str, int]]:
    """The fill threshold from out-of-fold probabilities over events the rules left without the role."""
    probs: dict[int, float] = {}
    for fold in range(FOLDS):
        train = [r for r in rows if r.sentence % FOLDS != fold]
        _, _, clf, vec = fit(train)
        test = [(i, r) for i, r in enumerate(rows) if r.sentence % FOLDS == fold]
        p = clf.predict_proba(vec.transform([dict.fromkeys(r.feats, 1) for _, r in test]).toarray())[:, 1]
        probs.update({i: float(v) for (i, _), v in zip(test, p)})
    best: dict[int, tuple[float, Example]] = {}
    for i, r in enumerate(rows):
        if r.rules_empty and (r.event_key not in best or probs[i] > best[r.event_key][0]):
            best[r.event_key] = (probs[i], r)
    chosen, stats = 1.0, {"gain": 0, "right": 0, "spurious": 0, "wrong": 0, "events": len(best)}
    for th in [k / 100 for k in range(10, 96)]:
        picked = [r for p, r in best.values() if p >= th]
        right = sum(r.label for r in picked)
        spurious = sum(1 for r in picked if not r.role_tagged)
        wrong = len(picked) - right - spurious
        if right - spurious - wrong >= stats["gain"]:  # ties: the higher threshold, fewer fills
            chosen = th
            stats = {"gain": right - spurious - wrong, "right": right, "spurious": spurious, "wrong": wrong,
                     "events": len(best)}
    return chosen, stats


def main() -> int:
    """Parse, fit both roles, write the artifact and print the cross-validated fill statistics."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--out", type=Path, default=RANKER_PATH)
    args = parser.parse_args()
    path = args.data / "conflibert_cameo" / "train_actor_spans.jsonl"
    with path.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()][:args.limit]
    rows = examples(records)
    artifact: dict[str, Any] = {"version": VERSION, "trained_on": "conflibert_cameo/train_actor_spans.jsonl"}
    for role in ROLES:
        threshold, stats = choose_threshold(rows[role])
        weights, bias, _, _ = fit(rows[role])
        artifact[role] = {"weights": dict(sorted(weights.items())), "bias": bias, "threshold": threshold,
                          "cv": stats, "examples": len(rows[role])}
        print(f"{role}: {len(rows[role])} candidates, threshold {threshold}, cv {stats}")
    with args.out.open("wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as fh:  # same bytes every run
        fh.write(json.dumps(artifact, sort_keys=True).encode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
