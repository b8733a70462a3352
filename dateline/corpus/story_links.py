"""How likely an article belongs to a candidate story: per-field similarities and a learned weighing.

The clusterer finds candidate stories through its inverted index; for each it keeps the best
time-weighted member (the "link"). This module turns a candidate into a row of general features
(how similar the texts, the names, the titles are; the centroid; days apart; rare names and ages
shared or in conflict; how much of the story matched) and weighs them with a logistic regression
whose weights ship as `resources/story_links.json`, rebuilt by `scripts/train_story_links.py`
(trained on half A of the development file, articles placed in their gold story as they arrive).
A weighted sum of a few numbers per candidate keeps the clusterer online and fast.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

MODEL_FILE = "story_links.json"
NAME_PREFIXES = ("N:", "P:", "E:")
TITLE_PREFIX = "T:"
AGE_PREFIX = "A:"
FEATURES = (
    "link", "best_dot", "centroid", "log_gap", "rare_names", "rare_pairs", "log_size", "mixed_score",
    "matched_share", "log_nearest_gap", "words_cos", "names_cos", "title_cos", "age_shared",
    "age_conflict", "centroid_names", "shared_names",
)


_FIELDS = {prefix: 1 for prefix in NAME_PREFIXES} | {TITLE_PREFIX: 2, AGE_PREFIX: 3}
UNINDEXED = frozenset((TITLE_PREFIX, AGE_PREFIX))  # fields compared with a candidate, not used to find one


def field_of(term: str) -> int:
    """The field of a vector term: 0 words, 1 names and entities, 2 title words, 3 ages."""
    return _FIELDS.get(term[:2], 0)


def field_norms(vector: dict[str, float]) -> tuple[float, float, float, bool]:
    """The norms of a vector's word, name and title parts, and whether it mentions an age."""
    sums = [0.0, 0.0, 0.0, 0.0]
    fields = _FIELDS
    for term, weight in vector.items():
        sums[fields.get(term[:2], 0)] += weight * weight
    return math.sqrt(sums[0]), math.sqrt(sums[1]), math.sqrt(sums[2]), sums[3] > 0.0


@dataclass(frozen=True, slots=True)
class Link:
    """A candidate story seen from the new article: its best member and what the index pass counted."""

    story_id: str
    member: str
    link: float  # best member's similarity x time factor
    dot: float  # best member's similarity
    gap: int  # days to the best member
    factor: float  # time factor of the best member
    rare_names: int  # rare single names shared with the best member
    rare_pairs: int  # rare name pairs shared with the best member
    centroid: float  # cosine with the story's centroid
    size: int  # remembered members of the story
    matched: int  # members at least min_link similar
    nearest_gap: int  # days to the nearest member sharing a term


def link_features(link: Link, mixed: float, fielded: list[tuple[str, float, int]],
                  norms: tuple[float, float, float, bool], member: dict[str, float],
                  member_norms: tuple[float, float, float, bool], story_sum: dict[str, float],
                  story_norm: float) -> list[float]:
    """The feature row of one candidate (order of FEATURES); `fielded` is the article's indexed terms."""
    dots = [0.0, 0.0, 0.0, 0.0]
    names_to_story = 0.0
    shared_names = 0
    for term, weight, fld in fielded:
        other = member.get(term)
        if other is not None:
            dots[fld] += weight * other
            shared_names += fld == 1
        if fld == 1:
            names_to_story += weight * story_sum.get(term, 0.0)
    cosines = [dots[i] / (norms[i] * member_norms[i]) if norms[i] and member_norms[i] else 0.0 for i in range(3)]
    both_ages = norms[3] and member_norms[3]
    return [
        link.link, link.dot, link.centroid, math.log1p(link.gap), min(link.rare_names, 5),
        min(link.rare_pairs, 5), math.log(max(link.size, 1)), mixed, link.matched / max(link.size, 1),
        math.log1p(link.nearest_gap), cosines[0], cosines[1], cosines[2],
        1.0 if both_ages and dots[3] > 0.0 else 0.0, 1.0 if both_ages and dots[3] == 0.0 else 0.0,
        names_to_story / math.sqrt(story_norm) if story_norm > 0.0 else 0.0, min(shared_names, 10),
    ]


@dataclass(frozen=True, slots=True)
class LinkModel:
    """A logistic regression over FEATURES: weights, bias, and the recipe it was trained with."""

    weights: tuple[float, ...]
    bias: float
    trained: str = ""

    def logit(self, row: list[float]) -> float:
        """The log-odds that the candidate is the article's story."""
        return self.bias + sum(w * x for w, x in zip(self.weights, row, strict=True))


def probability(logit: float) -> float:
    """The logistic function, safe for large magnitudes."""
    if logit >= 0:
        return 1.0 / (1.0 + math.exp(-logit))
    z = math.exp(logit)
    return z / (1.0 + z)


def parse_model(payload: dict[str, object]) -> LinkModel:
    """A model from its JSON payload, checked against the feature list this code computes."""
    names = tuple(payload["features"])  # type: ignore[arg-type]
    if names != FEATURES:
        raise ValueError(f"{MODEL_FILE} has features {names}, this code computes {FEATURES}: rerun "
                         "scripts/train_story_links.py")
    weights = tuple(float(w) for w in payload["weights"])  # type: ignore[attr-defined]
    return LinkModel(weights, float(payload["bias"]), str(payload.get("trained", "")))  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def load_model() -> LinkModel:
    """The shipped link model (resources/story_links.json)."""
    text = resources.files("dateline").joinpath("resources", MODEL_FILE).read_text(encoding="utf-8")
    return parse_model(json.loads(text))
