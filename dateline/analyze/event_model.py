"""The small trained sentence classifiers behind the event coder, applied with numpy alone.

``resources/event_model.json.gz`` holds two multinomial logistic regressions over the same TF-IDF
features (word unigrams and bigrams, sublinear tf, l2 norm): ``plover`` (16 PLOVER types, trained
on the NGEC synthetic stories' ledes) and ``quad`` (5 CAMEO quad classes, trained on ConfliBERT's
train sentences). ``scripts/train_event_model.py`` rebuilds it with scikit-learn; at run time only
this module and numpy are needed, so scoring is the same on every machine.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).resolve().parent.parent / "resources" / "event_model.json.gz"
WORD = re.compile(r"[a-z][a-z'\-]*|\d+")


def features(text: str) -> list[str]:
    """Lower-cased word unigrams and bigrams, digits folded to '0' (the trainer's analyzer too)."""
    words = ["0" if w.isdigit() else w for w in WORD.findall(text.lower())]
    return words + [f"{a} {b}" for a, b in pairwise(words)]


@dataclass(frozen=True, slots=True)
class LinearModel:
    """One multinomial logistic regression: class labels, coefficients and intercepts."""

    labels: tuple[str, ...]
    coef: np.ndarray
    intercept: np.ndarray

    def proba(self, idx: np.ndarray, vals: np.ndarray) -> np.ndarray:
        """Class probabilities for one sparse feature vector (indices, values)."""
        z = self.coef[:, idx] @ vals + self.intercept
        z = np.exp(z - z.max())
        return z / z.sum()


@dataclass(frozen=True, slots=True)
class EventModel:
    """Shared TF-IDF vocabulary and the two classifiers."""

    vocab: dict[str, int]
    idf: np.ndarray
    plover: LinearModel
    quad: LinearModel
    version: str

    def sparse(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The TF-IDF vector (sublinear tf, l2-normalized) of a text as (indices, values)."""
        counts: dict[int, int] = {}
        for f in features(text):
            j = self.vocab.get(f)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        idx = np.fromiter(counts, dtype=np.int64, count=len(counts))
        vals = np.array([(1.0 + np.log(c)) * self.idf[j] for j, c in counts.items()], dtype=float)
        norm = float(np.sqrt((vals * vals).sum())) if len(vals) else 0.0
        return idx, (vals / norm if norm > 0 else vals)

    def predict(self, text: str) -> tuple[dict[str, float], dict[str, float]]:
        """PLOVER type and quad class probabilities for one sentence."""
        idx, vals = self.sparse(text)
        types = dict(zip(self.plover.labels, self.plover.proba(idx, vals).tolist()))
        quads = dict(zip(self.quad.labels, self.quad.proba(idx, vals).tolist()))
        return types, quads


def _linear(data: dict[str, object]) -> LinearModel:
    """A LinearModel from its JSON form."""
    return LinearModel(tuple(data["labels"]), np.asarray(data["coef"], dtype=float),  # type: ignore[arg-type]
                       np.asarray(data["intercept"], dtype=float))  # type: ignore[arg-type]


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL_PATH) -> EventModel | None:
    """The shipped model, or None when the artifact is absent (the rules then code alone)."""
    if not path.exists():
        return None
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    vocab = {term: i for i, term in enumerate(data["terms"])}
    return EventModel(vocab, np.asarray(data["idf"], dtype=float), _linear(data["plover"]),
                      _linear(data["quad"]), str(data["version"]))
