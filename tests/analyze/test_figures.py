"""Figures on sentences we wrote: kinds, values, qualifiers, subjects, dates, speakers and exclusions."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dateline.analyze.base import ActorMention, Analysis
from dateline.analyze.figures import Figure, find_figures

PUBLISHED = date(2016, 5, 4)  # a Wednesday


@pytest.fixture(scope="module")
def pipeline() -> Any:
    from dateline.analyze import figures, quotes  # noqa: F401
    from dateline.analyze.pipeline import Pipeline
    from dateline.config import load_config

    return Pipeline(load_config(None, {"analyze.stages": "nlp,time,quotes,figures"}))


@pytest.fixture(scope="module")
def run(pipeline: Any) -> Any:
    return lambda text: pipeline.process([Analysis("t", text, PUBLISHED)])[0].figures


def _summary(figures: list[Figure]) -> list[tuple[str, str, float | None, float | None]]:
    return [(f.kind, f.qualifier, f.value, f.low) for f in figures]


def test_seed_killed_pair_with_speaker_and_date(run: Any) -> None:
    figures = run("By then 774 Iraqi troops and another 4,600 had been killed, the ministry said on Monday.")
    assert _summary(figures) == [("killed", "exact", 774, None), ("killed", "exact", 4600, None)]
    assert [f.noun for f in figures] == ["troop", "troop"]
    assert all(f.speaker == "the ministry" for f in figures)
    assert figures[0].as_of == date(2016, 5, 2) and not figures[0].date_from_publication
    assert figures[0].actor_text == "Iraqi"


def test_more_than_7000_troops(run: Any) -> None:
    [f] = run("The United States sent more than 7,000 troops to the region.")
    assert (f.kind, f.qualifier, f.value, f.minimum, f.verb) == ("troops_deployed", "more_than", 7000, 7001, "send")
    assert f.as_of == PUBLISHED and f.date_from_publication


def test_as_many_as_3000_additional_troops(run: Any) -> None:
    [f] = run("The Pentagon may send as many as 3,000 additional US troops.")
    assert (f.kind, f.qualifier, f.value, f.high, f.noun) == ("troops_deployed", "up_to", 3000, 3000, "troop")
    assert f.actor_text == "US"


def test_territory_share(run: Any) -> None:
    [f] = run("ISIS has so far lost more than 60% of its territory, according to the coalition.")
    assert (f.kind, f.qualifier, f.value, f.unit, f.noun, f.verb) == (
        "territory_share", "more_than", 60, "percent", "territory", "lose")
    assert f.speaker == "the coalition"


def test_year_age_phone_address_and_unit_are_not_figures(run: Any) -> None:
    text = ("John Smith, 45, was born in 1971 and lives at 221 Baker Street; call 555-123-4567. "
            "The 101st Airborne Division arrived in 2014.")
    assert run(text) == []


def test_casualty_verbs_and_roles(run: Any) -> None:
    figures = run("Security forces returned fire, killing one and wounding two others. "
                  "Insurgents killed three policemen. 12 insurgents attacked the post.")
    assert _summary(figures) == [("killed", "exact", 1, None), ("wounded", "exact", 2, None),
                                 ("killed", "exact", 3, None), ("other", "exact", 12, None)]


def test_death_toll_and_vague_words(run: Any) -> None:
    toll = run("The death toll rose to 40 on Tuesday.")
    assert _summary(toll) == [("killed", "exact", 40, None)] and toll[0].as_of == date(2016, 5, 3)
    fled = run("Hundreds of civilians fled the city.")
    assert (fled[0].kind, fled[0].qualifier, fled[0].minimum, fled[0].noun) == ("displaced", "at_least", 200, "civilian")


def test_implicit_one_and_captured(run: Any) -> None:
    figures = run("An Afghan and coalition force killed the Taliban leader, Alaudin, and detained three suspected "
                  "insurgents.")
    assert _summary(figures) == [("killed", "exact", 1, None), ("captured", "exact", 3, None)]
    assert figures[0].how.startswith("implicit-one")


def test_money_and_strong(run: Any) -> None:
    figures = run("A 3,000-strong force arrived. The aid package totals $1.5 billion.")
    assert _summary(figures) == [("troops_deployed", "exact", 3000, None), ("money", "exact", 1.5e9, None)]
    assert figures[1].unit == "USD"


def test_actor_mention_resolves_subject(pipeline: Any) -> None:
    text = "Russia deployed 2,500 soldiers near the border."
    analysis = pipeline.process([Analysis("t", text, PUBLISHED)])[0]
    analysis.actors = [ActorMention(0, 6, "Russia", "RUS", "Russia", country="RUS")]
    [f] = find_figures(analysis)
    assert (f.kind, f.value, f.actor, f.actor_country) == ("troops_deployed", 2500, "RUS", "RUS")


def test_no_parse_no_figures() -> None:
    assert find_figures(Analysis("t", "40 people were killed.")) == []


def test_purpose_clause_count_is_intended(run: Any) -> None:
    figures = run("Police launched an operation to arrest a gang leader in the port, and detained four smugglers.")
    by_phrase = {f.phrase: f for f in figures if f.kind == "captured"}
    assert by_phrase["a gang leader"].status == "intended"
    assert by_phrase["four smugglers"].status == "reported" and by_phrase["four smugglers"].minimum == 4


def test_running_totals_are_cumulative(run: Any) -> None:
    [since] = [f for f in run("Border guards have detained more than 300 smugglers since January.") if f.kind == "captured"]
    [month] = [f for f in run("The army has killed 40 rebels in the last month.") if f.kind == "killed"]
    [today] = [f for f in run("The army killed 40 rebels near the dam today.") if f.kind == "killed"]
    assert (since.status, since.minimum) == ("cumulative", 301)
    assert month.status == "cumulative" and today.status == "reported"


def test_along_with_counts_like_its_head(run: Any) -> None:
    figures = run("Troops detained the warlord along with three of his bodyguards.")
    assert [(f.kind, f.value) for f in figures if f.kind == "captured" and f.value == 3] == [("captured", 3)]


def test_reference_numbers_are_designations(run: Any) -> None:
    figures = run("Release 2014-05-B-017: Two pirates were killed by the crew, and F-16 jets flew over.")
    assert [(f.kind, f.value) for f in figures if f.kind == "killed"] == [("killed", 2)]
    assert not any(f.value in (17, 16) for f in figures)


def test_vague_count_is_flagged(run: Any) -> None:
    [f] = [f for f in run("Guards arrested a few protesters at the gate.") if f.kind == "captured"]
    assert f.vague and f.minimum == 3


def _captured(figures: list[Figure]) -> list[tuple[str, float | None, str]]:
    return [(f.phrase, f.minimum, f.status) for f in figures if f.kind == "captured"]


def test_more_person_nouns_count_one(run: Any) -> None:
    assert _captured(run("Police arrested a Taliban weapons dealer in the market today.")) == \
        [("a Taliban weapons dealer", 1.0, "reported")]


def test_subject_parsed_as_apposition_of_a_place(run: Any) -> None:
    """A dateline run into the first sentence, and a fronted place: the person is still the subject."""
    assert _captured(run("2016-05-X-001\n\nLONDON, England (May 4, 2016)\nA gang leader in Hackney borough, east "
                         "London, was arrested by police officers today.")) == [("A gang leader", 1.0, "reported")]
    assert [p for p, _, _ in _captured(run("In another raid in south east Kenya, a poaching leader and a suspected "
                                           "dealer were captured by a ranger patrol during an operation in Tsavo "
                                           "district yesterday."))] == ["a poaching leader", "a suspected dealer"]


def test_person_after_a_proper_name_with_of(run: Any) -> None:
    found = _captured(run("Police detained an Islamic Movement of Uzbekistan recruiter and two other men in Kunduz today."))
    assert [(m, s) for _, m, s in found] == [(1.0, "reported"), (2.0, "reported")]


def test_one_person_with_two_roles(run: Any) -> None:
    assert len(_captured(run("Police detained a bomb maker and recruiter in the city."))) == 1
    assert len(_captured(run("Police detained a bomb maker and a recruiter in the city."))) == 2


def test_negated_count_is_marked(run: Any) -> None:
    assert _captured(run("Two men were questioned. The driver was not detained.")) == [("The driver", 1.0, "negated")]


def test_deaths_of_and_shared_subject_of_a_passive(run: Any) -> None:
    assert [(f.kind, f.minimum) for f in run("The raid led to the deaths of 12 gunmen and the seizure of weapons.")] \
        == [("killed", 12.0)]
    assert [(f.kind, f.minimum) for f in run("During the raid several gunmen opened fire on the patrol and were killed.")] \
        == [("killed", 3.0)]


def test_shared_passive_auxiliary_and_list_parsed_as_apposition(run: Any) -> None:
    found = run("Two poachers were killed and several others detained in a joint ranger and police operation near "
                "the park gate.")
    assert [(f.kind, f.minimum) for f in found] == [("killed", 2.0), ("captured", 3.0)]
    found = run("A joint ranger patrol captured a poaching gang leader, a gang financier and several of their couriers "
                "during a raid in Tsavo district yesterday.")
    assert [m for _, m, _ in _captured(found)] == [1.0, 1.0, 3.0]


@pytest.fixture(scope="module")
def run_placed() -> Any:
    from dateline.analyze import figures, places, quotes  # noqa: F401
    from dateline.analyze.pipeline import Pipeline
    from dateline.config import load_config

    pipeline = Pipeline(load_config(None, {"analyze.stages": "nlp,places,time,quotes,figures"}))
    return lambda text: pipeline.process([Analysis("t", text, PUBLISHED)])[0].figures


def test_the_dateline_city_is_not_where_the_figure_happened(run_placed: Any) -> None:
    [f] = run_placed("WASHINGTON (Tigris Wire) - Iraqi forces have lost 774 troops since the offensive to "
                     "retake Mosul began in October, a US commander said.")
    assert f.place_text == "Mosul"


def test_a_locative_place_wins_over_an_earlier_one(run_placed: Any) -> None:
    [f] = run_placed("Officials from Baghdad said 12 civilians were killed in Ramadi on Monday.")
    assert f.place_text == "Ramadi"


def test_a_modifier_or_nationality_is_not_the_figure_place(run_placed: Any) -> None:
    [f] = run_placed("A UK-based monitoring group said at least 80 soldiers were killed near Deir ez-Zor.")
    assert f.place_text == "Deir ez-Zor"
    [f] = run_placed("The US-backed fighters said 40 militants were killed.")
    assert f.place_text == ""


def test_definite_plural_takes_the_count_of_the_group_named_before(run: Any) -> None:
    figures = run("Rangers saw four armed militants near the pass. The militants were killed in the clash.")
    killed = [f for f in figures if f.kind == "killed"]
    assert [(f.value, f.noun, f.how.split(":")[0]) for f in killed] == [(4, "militant", "anaphor")]
    shared = run("Rangers saw several gunmen near the dam. The gunmen opened fire and were killed.")
    assert [(f.kind, f.low) for f in shared if f.kind == "killed"] == [("killed", 3)]
    none_before = run("The militants were killed in the clash.")
    assert [f for f in none_before if f.kind == "killed"] == []


def test_a_threatened_or_planned_count_is_intended_not_reported(run: Any) -> None:
    assert [f.status for f in run("The gang threatened to kill two hostages.") if f.kind == "killed"] == ["intended"]
    assert [f.status for f in run("He said he was going to kill four guards.") if f.kind == "killed"] == ["intended"]
    assert [f.status for f in run("Police vowed to arrest five suspects.") if f.kind == "captured"] == ["intended"]
