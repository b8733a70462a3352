"""Event arguments the actor stage leaves out: bare role nouns and a merged trigger's own arguments."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dateline.analyze import events as ev
from dateline.analyze.base import Analysis
from dateline.config import Config

PUBLISHED = date(2021, 6, 2)


@pytest.fixture(scope="module")
def pipeline() -> Any:
    from dateline.analyze import actors, places  # noqa: F401
    from dateline.analyze.pipeline import Pipeline

    return Pipeline(Config().with_overrides({"analyze.stages": "nlp,time,actors,places,events"}))


def main_event(pipeline: Any, text: str, kind: str) -> ev.Event:
    """The most confident event of a type in one text."""
    found = [e for e in pipeline.process([Analysis("t", text, PUBLISHED)])[0].events if e.type == kind]
    assert found, f"no {kind} in {text!r}"
    return max(found, key=lambda e: e.confidence)


def test_bare_role_nouns_take_the_country_where_it_happens(pipeline: Any) -> None:
    event = main_event(pipeline, "Police fired tear gas at students in Nairobi on Tuesday.", "ASSAULT")
    assert [(a.country, a.sector) for a in event.sources] == [("KEN", "COP")]
    arrest = main_event(pipeline, "Soldiers detained nine fishermen near Mombasa.", "COERCE")
    assert [a.country for a in arrest.sources] == ["KEN"]


def test_no_role_actor_without_a_place(pipeline: Any) -> None:
    event = main_event(pipeline, "Police fired tear gas at students on Tuesday.", "ASSAULT")
    assert event.sources == []


def test_a_trigger_that_names_its_doers_is_the_source(pipeline: Any) -> None:
    event = main_event(pipeline, "Demonstrators in Lima blocked the main highway for hours.", "PROTEST")
    assert "PER" in {a.country for a in event.sources}


def test_merged_trigger_lends_its_subject(pipeline: Any) -> None:
    event = main_event(pipeline, "Four guards were killed when the Taliban launched an attack on a prison in Herat.",
                       "ASSAULT")
    assert "Taliban" in {a.text for a in event.sources}
    assert "place-country" not in event.coded_by


def test_intergovernmental_bodies_are_coded(pipeline: Any) -> None:
    for name in ("The OSCE", "The Gulf Cooperation Council", "The European Community"):
        event = main_event(pipeline, f"{name} condemned the shelling of the port on Friday.", "ACCUSE")
        assert [a.code[:3] for a in event.sources] == ["IGO"], name


def test_a_joint_subjects_venue_is_no_target(pipeline: Any) -> None:
    event = main_event(pipeline, "Chile and Peru resumed border talks in Madrid on Monday.", "CONSULT")
    assert {a.country for a in event.sources} == {"CHL", "PER"} and event.targets == []
    attack = main_event(pipeline, "Chile and Peru shelled rebel camps in Bolivia on Monday.", "ASSAULT")
    assert "BOL" in {a.country for a in attack.targets}


def test_leaders_of_a_body_and_a_party_are_role_actors(pipeline: Any) -> None:
    event = main_event(pipeline, "Leaders of the opposition coalition agreed to postpone the rally in Lima.", "AGREE")
    assert {a.country for a in event.sources} == {"PER"}
    party = main_event(pipeline, "The small farmers' party has said it will boycott the elections in Peru.", "THREATEN")
    assert [a.country for a in party.sources] == ["PER"]


def test_an_obligation_voiced_in_a_participle_clause_has_the_main_subject_as_source(pipeline: Any) -> None:
    event = main_event(pipeline, "Chile recalled its ambassador on Monday, saying Peru must apologise for the raid.",
                       "REQUEST")
    assert [a.country for a in event.sources] == ["CHL"] and [a.country for a in event.targets] == ["PER"]
    unknown = main_event(pipeline, "Officials said the talks must continue.", "REQUEST")
    assert unknown.confidence < 0.5
