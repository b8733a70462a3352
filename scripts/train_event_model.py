"""Rebuild dateline/resources/event_model.json.gz from the development files in ../shared/data.

    .venv/bin/pip install scikit-learn==1.9.1
    .venv/bin/python scripts/train_event_model.py [--data ../shared/data]

Training material (never plover_gsr, which is kept for evaluation):
- ngec_synthetic_plover/dev.jsonl: the lede (first sentence, and the second when the first is short)
  of each synthetic story, labelled with the PLOVER type its prompt asked for;
- conflibert_cameo/train_quadclass.jsonl: news sentences with CAMEO quad classes.
One TF-IDF vocabulary (word 1-2 grams, min_df 2, top terms by document frequency) is fitted on both;
two multinomial logistic regressions (lbfgs, C=4, class_weight balanced) are fitted on it.
Deterministic: fixed inputs, sorted vocabulary, lbfgs without randomness, weights rounded to 4 places.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline.analyze.event_model import MODEL_PATH, features

MAX_TERMS = 12000
SENT_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")


def lede(text: str) -> str:
    """The first sentence of a story, with the second when the first has fewer than 12 words."""
    body = re.sub(r"^\s*\(?[A-Z][A-Za-z ]*\)?\s*--\s*", "", text.strip())
    sentences = SENT_END.split(body.split("\n\n")[0])
    first = sentences[0]
    if len(first.split()) < 12 and len(sentences) > 1:
        first = f"{first} {sentences[1]}"
    return first


def read_jsonl(path: Path) -> list[dict[str, object]]:
    """All records of a JSONL file."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def fit(texts: list[str], labels: list[str], vectorizer: object) -> dict[str, object]:
    """A balanced multinomial logistic regression on the shared vectorizer, as JSON-ready lists."""
    from sklearn.linear_model import LogisticRegression

    x = vectorizer.transform(texts)  # type: ignore[attr-defined]
    model = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced")
    model.fit(x, labels)
    return {"labels": [str(c) for c in model.classes_],
            "coef": [[round(float(v), 4) for v in row] for row in model.coef_],
            "intercept": [round(float(v), 4) for v in model.intercept_]}


def main(argv: list[str] | None = None) -> int:
    """Train both classifiers and write the artifact."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    ngec = read_jsonl(args.data / "ngec_synthetic_plover" / "dev.jsonl")
    cameo = read_jsonl(args.data / "conflibert_cameo" / "train_quadclass.jsonl")
    p_texts, p_labels = [lede(str(r["text"])) for r in ngec], [str(r["event_type"]) for r in ngec]
    q_texts, q_labels = [str(r["text"]) for r in cameo], [str(r["quad_class"]) for r in cameo]
    vectorizer = TfidfVectorizer(analyzer=features, min_df=2, max_features=MAX_TERMS, sublinear_tf=True)
    vectorizer.fit(p_texts + q_texts)
    terms = [str(t) for t in vectorizer.get_feature_names_out()]
    artifact = {"version": "event-model-1", "terms": terms,
                "idf": [round(float(v), 4) for v in vectorizer.idf_],
                "plover": fit(p_texts, p_labels, vectorizer), "quad": fit(q_texts, q_labels, vectorizer),
                "trained_on": {"ngec_synthetic_plover/dev.jsonl": len(p_texts),
                               "conflibert_cameo/train_quadclass.jsonl": len(q_texts)}}
    payload = json.dumps(artifact, separators=(",", ":"), sort_keys=True).encode("utf-8")
    with args.out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh:
        fh.write(payload)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, {len(terms)} terms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
