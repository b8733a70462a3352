"""The story link model: fielded terms, feature rows, the shipped weights, and how the clusterer uses them."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from dateline.corpus.stories import StoryClusterer, StoryParams, terms
from dateline.corpus.story_links import (
    FEATURES,
    Link,
    LinkModel,
    field_norms,
    field_of,
    link_features,
    load_model,
    parse_model,
    probability,
)

FIRE = ("A fire at a textile warehouse in the Vellmar industrial zone burned through the night. "
        "Watchman Piet Oran, 58, was treated for smoke. Fire chief Anton Relli said the roof collapsed.")
FIRE_2 = ("Firefighters in Vellmar were still dampening hot spots at the Hallan Textiles warehouse. "
          "The watchman, Piet Oran, 58, left hospital. Fire chief Anton Relli praised the crews.")
OTHER = ("A 31-year-old cyclist was hurt on the ring road in Vellmar when a van turned across the "
         "cycle lane, police said. The driver stopped at the scene.")


def test_terms_keep_title_words_and_ages_as_fields() -> None:
    counts = terms("Vellmar fire", "Piet Oran, 58, and a 31-year-old were hurt.", StoryParams())
    assert counts["T:vellmar"] == 1.0 and counts["T:fire"] == 1.0 and "T:hurt" not in counts
    assert counts["A:58"] == 1.0 and counts["A:31"] == 1.0


def test_fields_and_their_norms() -> None:
    assert [field_of(t) for t in ("fire", "N:vellmar", "P:anton_relli", "E:x", "T:fire", "A:58")] == [0, 1, 1, 1, 2, 3]
    words, names, title, has_age = field_norms({"fire": 0.6, "N:vellmar": 0.8})
    assert (words, names, title, has_age) == (pytest.approx(0.6), pytest.approx(0.8), 0.0, False)
    assert field_norms({"A:58": 0.1})[3] is True


def test_shipped_model_matches_the_features() -> None:
    model = load_model()
    assert len(model.weights) == len(FEATURES) and "half a" in model.trained
    assert probability(40.0) == pytest.approx(1.0) and probability(-800.0) == 0.0  # no overflow
    payload = {"features": list(FEATURES[:-1]), "weights": [0.0] * (len(FEATURES) - 1), "bias": 0.0}
    with pytest.raises(ValueError, match="train_story_links"):
        parse_model(payload)


def _warm(model: LinkModel) -> StoryClusterer:
    """A clusterer past its cold start (the model decides from the first article on)."""
    return StoryClusterer(replace(StoryParams(), model_min_docs=0), model=model)


def test_feature_rows_see_shared_ages_and_names() -> None:
    clusterer = _warm(load_model())
    clusterer.add("f1", date(2017, 5, 9), "Warehouse fire in Vellmar", FIRE)
    clusterer.add("o1", date(2017, 5, 9), "Cyclist hurt on ring road", OTHER)
    rows = dict((story, row) for story, _, row in clusterer.candidates(
        clusterer.prepare(date(2017, 5, 10), "Vellmar fire crews stay on site", FIRE_2)))
    fire = dict(zip(FEATURES, rows["sf1"], strict=True))
    assert fire["age_shared"] == 1.0 and fire["age_conflict"] == 0.0 and fire["shared_names"] >= 3
    assert fire["log_gap"] == pytest.approx(0.6931, abs=1e-3) and 0.0 < fire["words_cos"] <= 1.0
    assert "so1" not in rows  # the cyclist report shares only the town: below min_link, no candidate


def test_different_ages_are_a_conflict() -> None:
    link = Link("s1", "m1", 0.2, 0.2, 0, 1.0, 0, 0, 0.2, 1, 1, 0)
    article = {"fire": 0.6, "A:58": 0.8}
    fielded = [(t, w, field_of(t)) for t, w in article.items()]
    conflict = link_features(link, 0.2, fielded, field_norms(article), {"fire": 0.6, "A:31": 0.8},
                             field_norms({"A:31": 0.8}), {}, 1.0)
    same = link_features(link, 0.2, fielded, field_norms(article), article, field_norms(article), {}, 1.0)
    index = FEATURES.index("age_conflict")
    assert (conflict[index], conflict[index - 1]) == (1.0, 0.0) and (same[index], same[index - 1]) == (0.0, 1.0)


def test_the_model_decides_after_the_cold_start() -> None:
    always = LinkModel(tuple(0.0 for _ in FEATURES), 10.0)
    never = LinkModel(tuple(0.0 for _ in FEATURES), -10.0)
    joined = _warm(always)
    joined.add("f1", date(2017, 5, 9), "Warehouse fire in Vellmar", FIRE)
    assert joined.add("o1", date(2017, 5, 9), "Cyclist hurt", OTHER).story_id == "sf1"  # shares "Vellmar"
    apart = _warm(never)
    apart.add("f1", date(2017, 5, 9), "Warehouse fire in Vellmar", FIRE)
    assert apart.add("f2", date(2017, 5, 10), "Vellmar fire", FIRE_2).new_story
    cold = StoryClusterer(model=always)  # young corpus: the mixed similarity decides, not the model
    cold.add("f1", date(2017, 5, 9), "Warehouse fire in Vellmar", FIRE)
    assert cold.add("o1", date(2017, 5, 9), "Cyclist hurt", OTHER).new_story


def test_prepare_candidates_place_is_add() -> None:
    one, two = StoryClusterer(), StoryClusterer()
    one.add("f1", date(2017, 5, 9), "Warehouse fire in Vellmar", FIRE)
    two.place("f1", two.prepare(date(2017, 5, 9), "Warehouse fire in Vellmar", FIRE), "sf1")
    assert one.state.docs["f1"] == two.state.docs["f1"] and one.state.df == two.state.df


def test_model_file_is_plain_json() -> None:
    from importlib import resources

    payload = json.loads(resources.files("dateline").joinpath("resources", "story_links.json").read_text())
    assert payload["features"] == list(FEATURES) and "scripts/train_story_links.py" in payload["trained"]
