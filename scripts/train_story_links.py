"""Train the story link model (dateline/corpus/story_links.py) on half A of a story gold file.

    .venv/bin/python scripts/train_story_links.py --gold ../shared/data/gva_incidents_dev/docs.jsonl

Only the groups of half A (``dateline.evaluate.stories.half_of``) are read; half B stays held out.
The articles arrive in publication order, as in `dateline eval stories`, and each is placed in its
gold group (teacher forcing): before placing it, every candidate story the clusterer's index finds
becomes one training row, positive when it is the article's gold group. A logistic regression
(scikit-learn, L2, fixed C, deterministic lbfgs) is fitted on the rows; its weights, rounded, are
written to dateline/resources/story_links.json with the recipe. No text of the gold file is kept.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline.corpus.stories import StoryClusterer, StoryParams
from dateline.corpus.story_links import FEATURES, MODEL_FILE, LinkModel
from dateline.evaluate.stories import read_gold

OUT = ROOT / "dateline" / "resources" / MODEL_FILE


def training_rows(gold: Path, gold_field: str, half: str,
                  model: LinkModel | None = None) -> tuple[list[list[float]], list[int]]:
    """Feature rows of every candidate story of every article of `half`, and their labels. Without a
    model each article is placed in its gold group and a candidate is positive when it is that group;
    with one, the model places the articles (as the clusterer would) and a candidate is positive when
    most of its members are of the article's group, so the rows follow the model's own mistakes."""
    clusterer = StoryClusterer(StoryParams(), model=model or LinkModel(tuple(0.0 for _ in FEATURES), 0.0))
    members: dict[str, Counter[str]] = {}
    rows: list[list[float]] = []
    labels: list[int] = []
    for article in read_gold(gold, gold_field, half):
        prepared = clusterer.prepare(article.date, article.title, article.text)
        if model is None:
            story = "g" + article.group
            for candidate, _, row in clusterer.candidates(prepared):
                rows.append(row)
                labels.append(int(candidate == story))
        else:
            for candidate, _, row in clusterer.candidates(prepared):
                rows.append(row)
                labels.append(int(members[candidate].most_common(1)[0][0] == article.group))
            ranked, needed = clusterer._scores(prepared)
            story = ranked[0][0] if ranked and ranked[0][1] >= needed else "s" + article.key
        members.setdefault(story, Counter())[article.group] += 1
        clusterer.place(article.key, prepared, story)
    return rows, labels


def fit(rows: list[list[float]], labels: list[int], c: float) -> LinkModel:
    """A logistic regression over the rows (scikit-learn, lbfgs, L2 with inverse strength c)."""
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=c, max_iter=5000).fit(rows, labels)
    return LinkModel(tuple(float(w) for w in fitted.coef_[0]), float(fitted.intercept_[0]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared/data/gva_incidents_dev/docs.jsonl")
    parser.add_argument("--gold-field", default="incident")
    parser.add_argument("--half", default="a", choices=("a", "b"))
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 strength of the regression")
    parser.add_argument("--rounds", type=int, default=1,
                        help="1: gold placements only; each further round adds the rows of the last model's own placements")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows, labels = training_rows(args.gold, args.gold_field, args.half)
    model = fit(rows, labels, args.c)
    for _ in range(args.rounds - 1):
        more_rows, more_labels = training_rows(args.gold, args.gold_field, args.half, model)
        rows, labels = rows + more_rows, labels + more_labels
        model = fit(rows, labels, args.c)
    digest = hashlib.sha256(args.gold.read_bytes()).hexdigest()[:16]
    payload = {
        "features": list(FEATURES),
        "weights": [round(w, 5) for w in model.weights],
        "bias": round(model.bias, 5),
        "trained": (f"scripts/train_story_links.py on {args.gold.name} (sha256 {digest}...), half {args.half}, "
                    f"{args.rounds} round(s), {len(rows)} candidate rows, {sum(labels)} positive, logistic regression C={args.c}"),
    }
    args.out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print(payload["trained"])
    print(dict(zip(FEATURES, payload["weights"], strict=True)), "bias", payload["bias"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
