"""Which time expression dates an incident, on sentences we wrote: statement and noun times are skipped."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dateline.analyze.base import Analysis
from dateline.analyze.figure_dates import incident_date, incident_times

PUBLISHED = date(2016, 5, 4)  # a Wednesday


@pytest.fixture(scope="module")
def analyse() -> Any:
    from dateline.analyze.pipeline import Pipeline
    from dateline.config import load_config

    pipeline = Pipeline(load_config(None, {"analyze.stages": "nlp,time"}))
    return lambda text, published=PUBLISHED: pipeline.process([Analysis("t", text, published)])[0]


def test_time_of_the_clause_dates_the_incident(analyse: Any) -> None:
    a = analyse("Police detained three smugglers near the border yesterday.")
    choice = incident_date(a)
    assert (choice.day, choice.text, choice.how, choice.relative) == (date(2016, 5, 3), "yesterday", "text", True)


def test_statement_time_does_not_date_the_incident(analyse: Any) -> None:
    a = analyse("Officials today confirmed the arrest of a smuggler during a raid in the port April 29.")
    assert [t.text for t in incident_times(a)] == ["April 29"]
    choice = incident_date(a)
    assert choice.day == date(2016, 4, 29) and not choice.relative
    b = analyse("The army said on Monday that two gunmen were killed in the valley on Sunday.")
    assert [t.text for t in incident_times(b)] == ["Sunday"]


def test_possessive_time_dates_its_noun_not_the_clause(analyse: Any) -> None:
    a = analyse("Police arrested a man suspected of Monday's bombing in the market, today.")
    assert [t.text for t in incident_times(a)] == ["today"]
    assert incident_date(a).day == PUBLISHED


def test_dateline_and_far_dates_are_not_incident_times(analyse: Any) -> None:
    a = analyse("LONDON (May 4, 2016) Police detained two men. The gang was first seen on Jan. 2, 2015.")
    assert incident_times(a) == []
    choice = incident_date(a)
    assert choice.day == PUBLISHED and choice.from_publication


def test_figure_sentence_wins_over_the_first_time_of_the_text(analyse: Any) -> None:
    text = "Flooding closed the road on Monday. Rangers rescued four hikers on Tuesday."
    a = analyse(text)
    start = text.index("Rangers")
    choice = incident_date(a, start, len(text), text.index("four"))
    assert (choice.day, choice.how) == (date(2016, 5, 3), "figure-sentence")
    assert incident_date(a).day == date(2016, 5, 2)


def test_no_parse_still_chooses(analyse: Any) -> None:
    a = analyse("Guards caught five intruders yesterday.")
    a.doc = None
    assert incident_date(a).day == date(2016, 5, 3)


def test_adverbial_overnight_is_the_night_before_but_an_overnight_raid_is_not(analyse: Any) -> None:
    a = analyse("Customs officers seized two trucks of timber at the river crossing overnight.")
    choice = incident_date(a)
    assert (choice.day, choice.text) == (date(2016, 5, 3), "overnight")
    b = analyse("Customs officers seized two trucks of timber during an overnight raid at the crossing.")
    assert incident_times(b) == [] and incident_date(b).from_publication


def test_a_present_reference_does_not_date_the_incident(analyse: Any) -> None:
    a = analyse("The agency is currently reviewing a crash in which two cyclists died.")
    assert incident_times(a) == []
    assert incident_date(a).from_publication
