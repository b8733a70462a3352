"""Object- and condition-decided event types (``event_cues``) on sentences we wrote."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dateline.analyze import events as ev
from dateline.analyze.base import Analysis
from dateline.config import Config

PUBLISHED = date(2019, 3, 12)


@pytest.fixture(scope="module")
def pipeline() -> Any:
    from dateline.analyze import actors  # noqa: F401
    from dateline.analyze.pipeline import Pipeline

    return Pipeline(Config().with_overrides({"analyze.stages": "nlp,time,actors,places,events"}))


def main_events(pipeline: Any, text: str) -> list[ev.Event]:
    """The events of one text at the scorer's confidence (0.5) or above."""
    return [e for e in pipeline.process([Analysis("t", text, PUBLISHED)])[0].events if e.confidence >= 0.5]


def types(pipeline: Any, text: str) -> set[str]:
    """The types of a text's main events."""
    return {e.type for e in main_events(pipeline, text)}


def test_evacuating_the_injured_is_aid_and_troops_leaving_a_town_is_not(pipeline: Any) -> None:
    assert "AID" in types(pipeline, "Red Cross helicopters evacuated the injured from the flooded village of Arvo.")
    assert "AID" not in types(pipeline, "Kenyan troops evacuated the border town after a week of clashes.")


def test_sending_inspectors_is_an_investigation(pipeline: Any) -> None:
    found = [e for e in main_events(pipeline, "The IAEA dispatched inspectors to a reactor site in Iran on Monday.")
             if e.type == "ACCUSE"]
    assert found and found[0].mode == "investigate"
    assert "MOBILIZE" in types(pipeline, "Chad dispatched troops to its northern border on Monday.")


def test_an_act_held_out_on_a_condition_is_a_threat(pipeline: Any) -> None:
    assert "THREATEN" in types(pipeline, "Norway may cut its development aid to Malawi if the vote is rigged, "
                                         "a Norwegian minister said.")
    assert "THREATEN" not in types(pipeline, "Norway cut its development aid to Malawi on Monday.")


def test_a_strike_held_out_if_attacked_is_a_threat(pipeline: Any) -> None:
    assert "THREATEN" in types(pipeline, "Bolivia said it is prepared to shell the rebel camps if attacked.")


def test_a_narrated_preparation_to_attack_is_a_mobilization(pipeline: Any) -> None:
    found = types(pipeline, "Peruvian troops prepared to storm the rebel camp near the river.")
    assert "MOBILIZE" in found and "THREATEN" not in found
    assert "ASSAULT" in types(pipeline, "Peruvian troops stormed the rebel camp near the river.")


def test_pushing_for_another_to_act_is_a_request_aimed_at_it(pipeline: Any) -> None:
    found = [e for e in main_events(pipeline, "Ghana is pressing hard for Togo to reopen the border crossing.")
             if e.type == "REQUEST"]
    assert found and {a.country for a in found[0].targets} == {"TGO"}
    assert {a.country for a in found[0].sources} == {"GHA"}
