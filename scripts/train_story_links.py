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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline.corpus.stories import StoryClusterer, StoryParams
from dateline.corpus.story_links import FEATURES, MODEL_FILE, LinkModel
from dateline.evaluate.stories import read_gold

OUT = ROOT / "dateline" / "resources" / MODEL_FILE


def training_rows(gold: Path, gold_field: str, half: str) -> tuple[list[list[float]], list[int]]:
    """Feature rows of every candidate story of every article of `half`, and their labels."""
    clusterer = StoryClusterer(StoryParams(), model=LinkModel(tuple(0.0 for _ in FEATURES), 0.0))
    rows: list[list[float]] = []
    labels: list[int] = []
    for article in read_gold(gold, gold_field, half):
        prepared = clusterer.prepare(article.date, article.title, article.text)
        story = "g" + article.group
        for candidate, _, row in clusterer.candidates(prepared):
            rows.append(row)
            labels.append(int(candidate == story))
        clusterer.place(article.key, prepared, story)
    return rows, labels


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared/data/gva_incidents_dev/docs.jsonl")
    parser.add_argument("--gold-field", default="incident")
    parser.add_argument("--half", default="a", choices=("a", "b"))
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 strength of the regression")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    from sklearn.linear_model import LogisticRegression

    rows, labels = training_rows(args.gold, args.gold_field, args.half)
    fitted = LogisticRegression(C=args.c, max_iter=5000).fit(rows, labels)
    digest = hashlib.sha256(args.gold.read_bytes()).hexdigest()[:16]
    payload = {
        "features": list(FEATURES),
        "weights": [round(float(w), 5) for w in fitted.coef_[0]],
        "bias": round(float(fitted.intercept_[0]), 5),
        "trained": (f"scripts/train_story_links.py on {args.gold.name} (sha256 {digest}...), half {args.half}, "
                    f"{len(rows)} candidate rows, {sum(labels)} positive, logistic regression C={args.c}"),
    }
    args.out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print(payload["trained"])
    print(dict(zip(FEATURES, payload["weights"], strict=True)), "bias", payload["bias"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
