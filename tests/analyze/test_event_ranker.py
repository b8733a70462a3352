"""The learned argument ranker (``analyze.event_ranker``) and the KB's country for persons left without one."""

from __future__ import annotations

import gzip
import json
from datetime import date
from typing import Any

import pytest

from dateline.analyze import actor_kb, event_ranker
from dateline.analyze import events as ev
from dateline.analyze.base import Analysis
from dateline.analyze.event_args import EventActor, person_country
from dateline.analyze.event_ranker import RANKER_PATH, ArgRanker, RoleModel, dep_path, load_ranker
from dateline.config import Config

PUBLISHED = date(2017, 5, 4)
MEDIATION = "The emir of Kuwait launched a mediation effort on Saturday between Qatar and Saudi Arabia."


@pytest.fixture(scope="module")
def pipeline() -> Any:
    from dateline.analyze import actors as _actors  # noqa: F401  (registers the stages)
    from dateline.analyze import places as _places  # noqa: F401
    from dateline.analyze.pipeline import Pipeline

    return Pipeline(Config().with_overrides({"analyze.stages": "nlp,actors,places,time,events"}))


def parsed(pipeline: Any, text: str) -> Analysis:
    """One analysed text published on PUBLISHED."""
    return pipeline.process([Analysis("t", text, PUBLISHED)])[0]


def test_role_model_is_a_logistic_regression_over_feature_strings() -> None:
    model = RoleModel({"a": 1.0, "b": -2.0}, 0.5, 0.5)
    assert model.probability([]) == pytest.approx(1 / (1 + 2.718281828 ** -0.5))
    assert model.probability(["a"]) == pytest.approx(1 / (1 + 2.718281828 ** -1.5))
    assert model.probability(["a", "b", "unknown"]) < 0.5
    assert 0.0 < model.probability(["b"] * 100) < 1e-9  # clamped, no overflow


def test_shipped_artifact_has_both_roles_and_was_trained_off_plover() -> None:
    ranker = load_ranker()
    assert ranker is not None and set(ranker.roles) == {"source", "target"}
    for model in ranker.roles.values():
        assert 0.0 < model.threshold < 1.0 and len(model.weights) > 50
    with gzip.open(RANKER_PATH, "rt", encoding="utf-8") as fh:
        meta = json.load(fh)
    assert "conflibert" in meta["trained_on"] and "plover" not in meta["trained_on"]
    assert RANKER_PATH.stat().st_size < 200_000


def test_dep_path_between_a_candidate_and_its_trigger(pipeline: Any) -> None:
    doc = parsed(pipeline, MEDIATION).doc
    trigger = next(t for t in doc if t.lower_ == "mediation")
    qatar = next(t for t in doc if t.text == "Qatar")
    up, down, hops = dep_path(qatar, trigger)
    assert up.startswith("pobj>prep") and hops >= 2
    assert dep_path(trigger, trigger) == ("", "", 0)


def test_empty_target_is_filled_with_the_phrase_and_its_conjuncts(pipeline: Any) -> None:
    consult = next(e for e in parsed(pipeline, MEDIATION).events if e.type == "CONSULT")
    assert {a.country for a in consult.targets} == {"QAT", "SAU"}
    assert "tar=ranker[" in consult.coded_by and consult.features["target_ranker_p"] >= 0.5
    assert [a.country for a in consult.sources] == ["KWT"]


def test_without_the_ranker_or_below_its_threshold_the_role_stays_empty(pipeline: Any) -> None:
    from dateline.analyze.event_model import load_model
    from dateline.analyze.plover import load_lexicon

    analysis = parsed(pipeline, MEDIATION)
    bare = [e for e in ev.code_events(analysis, load_lexicon(), load_model()) if e.type == "CONSULT"]
    assert bare and not bare[0].targets and "ranker" not in bare[0].coded_by
    shipped = load_ranker()
    assert shipped is not None
    strict = ArgRanker({r: RoleModel(m.weights, m.bias, 1.0) for r, m in shipped.roles.items()}, "strict")
    event = bare[0]
    event_ranker.fill_missing(event, analysis, strict)
    assert not event.targets


def test_rule_arguments_are_never_replaced(pipeline: Any) -> None:
    analysis = parsed(pipeline, "Israeli jets bombed Hamas positions in Gaza on Sunday.")
    attack = next(e for e in analysis.events if e.type == "ASSAULT")
    assert attack.sources and "ranker" not in attack.coded_by


def test_person_country_from_spelling_variant_or_lone_surname() -> None:
    kb = actor_kb.load()
    assert kb.person_country("Omar El Bashir") == "SDN"  # the KB spells him "Omar al-Bashir"
    assert kb.person_country("Bouteflika") == "DZA"
    assert kb.person_country("John Smith") is None  # a full name is never matched on its surname
    assert kb.person_country("El Salvador") is None


def test_event_person_takes_the_kb_country_only_when_it_has_none() -> None:
    bashir = EventActor("Omar El Bashir", 0, 14, "new:person:omar-el-bashir", "Omar El Bashir", None, "GOV")
    assert person_country(bashir) == "SDN"
    group = EventActor("Bouteflika", 0, 10, "new:organisation:bouteflika", "Bouteflika", None, None)
    assert person_country(group) is None
    known = EventActor("Bouteflika", 0, 10, "new:person:bouteflika", "Bouteflika", "FRA", None)
    assert person_country(known) == "FRA"


def test_titled_person_without_country_gets_one_in_events(pipeline: Any) -> None:
    meeting = next(e for e in parsed(pipeline, "President Omar El Bashir met the envoy in Khartoum.").events
                   if e.type == "CONSULT")
    assert [a.country for a in meeting.sources] == ["SDN"]


def test_an_unresolved_rule_argument_is_kept_and_joined_by_a_resolved_pick(pipeline: Any) -> None:
    analysis = parsed(pipeline, MEDIATION)
    event = next(e for e in analysis.events if e.type == "CONSULT")
    start = analysis.text.index("The emir")
    unresolved = EventActor("The emir", start, start + 8, "new:person:the-emir", "The emir", None, None)
    event.sources, event.coded_by = [unresolved], "rule"
    eager = ArgRanker({"source": RoleModel({}, 5.0, 0.5)}, "eager")
    event_ranker.fill_missing(event, analysis, eager)
    assert event.sources[0] is unresolved and len(event.sources) >= 2
    assert all(a.country for a in event.sources[1:]) and "sou=ranker[" in event.coded_by
    resolved = EventActor("Kuwait", 0, 6, "country:KWT", "Kuwait", "KWT", None, "KWT")
    event.sources, event.coded_by = [resolved], "rule"
    event_ranker.fill_missing(event, analysis, eager)
    assert event.sources == [resolved] and event.coded_by == "rule"


@pytest.mark.slow
def test_training_recipe_is_deterministic(tmp_path: Any) -> None:
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    data = repo.parent / "shared" / "data"
    if not (data / "conflibert_cameo" / "train_actor_spans.jsonl").exists():
        pytest.skip("ConfliBERT train spans not present")
    outs = [tmp_path / "a" / "r.json.gz", tmp_path / "b.json.gz"]
    outs[0].parent.mkdir()
    for out in outs:
        subprocess.run([sys.executable, str(repo / "scripts" / "train_arg_ranker.py"), "--data", str(data),
                        "--limit", "60", "--out", str(out)], check=True, capture_output=True, timeout=600)
    assert outs[0].read_bytes() == outs[1].read_bytes()
    ranker = load_ranker(outs[0])
    assert ranker is not None and set(ranker.roles) == {"source", "target"}
