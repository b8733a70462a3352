"""The PLOVER events stage on sentences we wrote: types, modes, actors, place, date, factuality, evidence."""

from __future__ import annotations

import csv
from datetime import date
from typing import Any

import pytest

from dateline.analyze import event_args
from dateline.analyze import events as ev
from dateline.analyze.base import Analysis, PlaceMention
from dateline.analyze.event_model import MODEL_PATH, load_model
from dateline.analyze.plover import LEXICON_PATH, MODES, QUAD, TYPES, load_lexicon
from dateline.config import Config

PUBLISHED = date(2017, 5, 4)
SEED = ("The United States and Iraq now are in talks that would allow an as of yet unspecified number "
        "of US troops to stay in Iraq after the presumed fall of ISIS.")


def _stages() -> str:
    """nlp, time, actors where the actors stage imports, events."""
    try:
        from dateline.analyze import actors  # noqa: F401
    except ImportError:
        return "nlp,time,events"
    return "nlp,time,actors,events"


@pytest.fixture(scope="module")
def pipeline() -> Any:
    from dateline.analyze.pipeline import Pipeline

    return Pipeline(Config().with_overrides({"analyze.stages": _stages()}))


def code(pipeline: Any, text: str) -> list[ev.Event]:
    """The events of one text published on PUBLISHED."""
    return pipeline.process([Analysis("t", text, PUBLISHED)])[0].events


def one(events: list[ev.Event], kind: str) -> ev.Event:
    """The most confident event of a type (fails when there is none)."""
    found = [e for e in events if e.type == kind]
    assert found, f"no {kind} in {[(e.type, e.trigger) for e in events]}"
    return max(found, key=lambda e: e.confidence)


def test_seed_talks_happened_and_staying_is_hypothetical(pipeline: Any) -> None:
    events = code(pipeline, SEED)
    consult = one(events, "CONSULT")
    assert consult.trigger == "talks" and consult.factuality == "happened"
    agree = one(events, "AGREE")
    assert agree.factuality == "hypothetical" and agree.factuality_cue == "would"
    assert consult.confidence > agree.confidence
    if "actors" in _stages():
        assert {a.country for a in consult.sources} == {"USA", "IRQ"}


def test_airstrike_killed_is_aerial_assault_with_date(pipeline: Any) -> None:
    text = "An airstrike killed 12 civilians in Mosul on Tuesday."
    event = one(code(pipeline, text), "ASSAULT")
    assert (event.mode, event.factuality) == ("aerial", "happened")
    assert event.date == date(2017, 5, 2) and event.date_precision == "day"
    assert not event.date_from_publication and text[event.date_start_char:event.date_end_char] == "Tuesday"


def test_suicide_car_bomb_mode(pipeline: Any) -> None:
    event = one(code(pipeline, "A suicide car bomb exploded at a checkpoint near Baghdad, killing five policemen."), "ASSAULT")
    assert event.mode == "suicide-attack"


def test_protest_and_publication_date_flag(pipeline: Any) -> None:
    event = one(code(pipeline, "Hundreds of people protested in Basra against power cuts."), "PROTEST")
    assert event.mode == "demo" and event.factuality == "happened"
    assert event.date == PUBLISHED and event.date_from_publication


def test_agreement_signed(pipeline: Any) -> None:
    event = one(code(pipeline, "Iraq and Turkey signed an agreement on water sharing from the Tigris."), "AGREE")
    assert event.factuality == "happened" and "agreement" in event.features["merged"]
    if "actors" in _stages():
        assert {a.country for a in event.sources} == {"IRQ", "TUR"}


def test_denial_negates_the_attack(pipeline: Any) -> None:
    event = one(code(pipeline, "The Pentagon denied that US aircraft had struck the mosque."), "ASSAULT")
    assert event.factuality == "negated" and event.factuality_cue == "denied"


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("Iraqi forces did not attack the Kurdish positions on Monday.", "ASSAULT", "negated"),
    ("Turkish forces failed to withdraw from Bashiqa by the deadline.", "RETREAT", "negated"),
    ("The two delegations plan to meet again in Astana next month.", "CONSULT", "planned"),
    ("If talks succeed, opposition leaders may meet the government's envoys.", "CONSULT", "hypothetical"),
])
def test_factuality_cues(pipeline: Any, text: str, kind: str, value: str) -> None:
    assert one(code(pipeline, text), kind).factuality == value


def test_claimed_responsibility_has_claimant(pipeline: Any) -> None:
    event = one(code(pipeline, "Islamic State claimed responsibility for the suicide bombing in Karrada."), "ASSAULT")
    assert event.factuality == "claimed" and event.claimant == "Islamic State"
    assert event.mode == "suicide-attack"


def test_promise_is_agree_and_threat_is_threaten(pipeline: Any) -> None:
    assert one(code(pipeline, "Germany said it will provide humanitarian aid to Iraq."), "AGREE").factuality == "happened"
    threat = one(code(pipeline, "The farmers said they would blockade the capital from Monday."), "THREATEN")
    assert threat.coded_by.startswith("rule:derived")


def test_offsets_point_into_the_text_and_coded_by(pipeline: Any) -> None:
    text = "Officials said on Monday that an airstrike killed 12 civilians. Iraq and Turkey signed an agreement."
    events = code(pipeline, text)
    assert events
    for event in events:
        assert text[event.trigger_start:event.trigger_end] == event.trigger
        assert event.sentence_start <= event.trigger_start < event.trigger_end <= event.sentence_end
        assert all(event.sentence_start <= s < e <= event.sentence_end for _, s, e in event.argument_spans)
        assert event.coded_by.startswith("rule:") and 0 < event.confidence < 1
        assert event.component == ev.COMPONENT
    assert [e.sentence for e in events if not e.embedded] == sorted(e.sentence for e in events if not e.embedded)


def test_without_actor_stage_types_are_coded_and_arguments_empty() -> None:
    from dateline.analyze.pipeline import Pipeline

    bare = Pipeline(Config().with_overrides({"analyze.stages": "nlp,events"}))
    events = bare.process([Analysis("t", "Iraq and Turkey signed an agreement.", None)])[0].events
    agree = one(events, "AGREE")
    assert agree.sources == [] and agree.targets == [] and agree.place is None
    assert agree.date is None and not agree.date_from_publication


def test_place_is_the_events_own_not_every_place(pipeline: Any) -> None:
    text = "Officials in Baghdad said an airstrike killed 12 people in Mosul."
    analysis = Analysis("t", text, PUBLISHED)
    nlp = pipeline.stages[0]
    nlp.process([analysis])
    baghdad, mosul = text.index("Baghdad"), text.index("Mosul")
    analysis.places = [
        PlaceMention(baghdad, baghdad + 7, "Baghdad", 98182, "Baghdad", "IQ", "07", feature_code="PPLC"),
        PlaceMention(mosul, mosul + 5, "Mosul", 99072, "Mosul", "IQ", "15", feature_code="PPLA"),
    ]
    stage = ev.EventStage()
    stage.setup(Config())
    event = one(stage.process([analysis])[0].events, "ASSAULT")
    assert event.place is not None and event.place.text == "Mosul"
    assert (event.place.precision, event.place.precision_code) == ("exact", 1)


def test_place_precision_codes() -> None:
    def place(code: str | None, klass: str | None = None) -> PlaceMention:
        return PlaceMention(0, 1, "x", 1, "x", feature_code=code, feature_class=klass)

    assert [event_args.precision_of(place(c)) for c in ("PPL", "ADM2", "ADM1", "PCLI")] == ["exact", "district", "province", "country"]


def test_ontology_and_lexicon() -> None:
    assert len(TYPES) == 16 and set(TYPES) == set(MODES) == set(QUAD)
    assert {"aerial", "drone", "explosives", "firearms", "suicide-attack"} <= set(MODES["ASSAULT"])
    lexicon = load_lexicon()
    entries = [t for group in lexicon.by_first.values() for t in group]
    assert {t.type for t in entries} == set(TYPES)
    with LEXICON_PATH.open(encoding="utf-8") as fh:
        rows = list(csv.reader((line for line in fh if not line.startswith("#")), delimiter="\t"))
    assert rows[0] == ["lemma", "pos", "type", "mode", "weight"] and len(rows) > 250


def test_model_artifact_is_small_and_deterministic() -> None:
    assert MODEL_PATH.stat().st_size < 2_000_000
    model = load_model()
    assert model is not None
    first = model.predict("Iraqi forces shelled the town, killing ten people.")
    assert first == model.predict("Iraqi forces shelled the town, killing ten people.")
    assert abs(sum(first[0].values()) - 1) < 1e-6 and set(first[0]) == set(TYPES)


def test_lodged_protest_is_an_accusation(pipeline: Any) -> None:
    events = [e for e in code(pipeline, "Serbia lodged an official protest with Albania today.") if e.confidence >= 0.5]
    assert {e.type for e in events} == {"ACCUSE"}


def test_lifting_a_blockade_is_retreat_and_cutting_aid_is_sanction(pipeline: Any) -> None:
    lifted = code(pipeline, "The army lifted a blockade on the port on Friday.")
    assert one(lifted, "RETREAT").mode == "access"
    cut = code(pipeline, "The government reduced food supplies to the camp on Tuesday.")
    assert one(cut, "SANCTION").mode == "discontinue"


def test_measured_relief_object_is_aid(pipeline: Any) -> None:
    events = code(pipeline, "Swiss doctors handed over 700 kg of medicine to the hospital.")
    assert max(events, key=lambda e: e.confidence).type == "AID"


def test_mobilizing_non_forces_scores_lower(pipeline: Any) -> None:
    troops = one(code(pipeline, "The army mobilized troops along the border."), "MOBILIZE")
    others = one(code(pipeline, "The army mobilized volunteers along the border."), "MOBILIZE")
    assert others.confidence < troops.confidence - 0.1  # troops cap at 0.99


def test_threat_target_from_unless_clause(pipeline: Any) -> None:
    text = "Iran threatened to launch an offensive unless Iraq accepted its conditions."
    doc = pipeline.process([Analysis("t", text, PUBLISHED)])[0].doc
    trigger = next(t for t in doc if t.lemma_ == "threaten")
    assert [t.text for t in event_args.condition_subjects(trigger)] == ["Iraq"]


def test_demand_clause_on_the_verb_is_embedded(pipeline: Any) -> None:
    events = code(pipeline, "The labour office reiterated its demand today that Israel ease restrictions on workers.")
    ease = one(events, "CONCEDE")
    assert ease.embedded and ease.confidence < 0.5


def test_a_past_event_is_never_dated_after_its_report() -> None:
    from datetime import date as _date

    from dateline.analyze.base import Analysis
    from dateline.analyze.pipeline import Pipeline
    from dateline.config import Config

    pipeline = Pipeline(Config().with_overrides({"analyze.stages": "nlp,actors,places,time,events"}))
    text = "Less than three years later, Islamic State fighters overran Mosul, and US troops returned as advisers."
    [analysis] = pipeline.process([Analysis("x", text, _date(2017, 5, 4))])
    returned = [e for e in analysis.events if e.trigger == "returned"]
    assert returned and returned[0].factuality == "happened"
    assert returned[0].date == _date(2017, 5, 4) and returned[0].date_from_publication


@pytest.fixture(scope="module")
def placed() -> Any:
    """A pipeline with the places stage too (events read place countries)."""
    from dateline.analyze.pipeline import Pipeline

    try:
        from dateline.analyze import actors, places  # noqa: F401
    except ImportError:
        pytest.skip("actors/places stages not importable")
    return Pipeline(Config().with_overrides({"analyze.stages": "nlp,actors,places,time,events"}))


def test_unattributed_attack_takes_the_place_country_as_source(placed: Any) -> None:
    event = one(code(placed, "Two Dutch engineers were killed by a roadside bomb near Kandahar on Monday."), "ASSAULT")
    assert [a.country for a in event.sources] == ["AFG"] and "src=place-country" in event.coded_by
    assert any(a.country == "NLD" for a in event.targets)


def test_named_attacker_is_never_replaced_by_the_place(placed: Any) -> None:
    event = one(code(placed, "A gang of bandits attacked a bus of Kenyan traders near Garissa on Monday."), "ASSAULT")
    assert not any(a.country == "KEN" for a in event.sources)
    assert "src=place-country" not in event.coded_by


@pytest.fixture(scope="module")
def full() -> Any:
    """The default pipeline: figures run before events, which links them."""
    from dateline.analyze.pipeline import Pipeline

    return Pipeline(Config())


def test_figures_link_to_the_events_they_quantify(full: Any) -> None:
    text = ("Raiders stormed a village near the river on Monday, killing 14 farmers and wounding 9. "
            "Police detained three men in the capital. The ministry sent 600 soldiers to the border.")
    analysis = full.process([Analysis("t", text, PUBLISHED)])[0]
    attack, arrest, mobilize = one(analysis.events, "ASSAULT"), one(analysis.events, "COERCE"), one(analysis.events, "MOBILIZE")
    assert attack.fatalities == 14 and {k for k, _, _ in attack.linked_figures} == {"killed", "wounded"}
    assert arrest.fatalities is None and [k for k, _, _ in arrest.linked_figures] == ["captured"]
    assert [k for k, _, _ in mobilize.linked_figures] == ["troops_deployed"]
    by_kind = {f.kind: f for f in analysis.figures}
    assert (by_kind["killed"].event_type, by_kind["killed"].event_start) == ("ASSAULT", attack.trigger_start)
    assert by_kind["captured"].event_type == "COERCE" and by_kind["troops_deployed"].event_type == "MOBILIZE"


def test_no_fatalities_without_a_killed_figure(full: Any) -> None:
    analysis = full.process([Analysis("t", "Rebels shelled the airport on Friday.", PUBLISHED)])[0]
    assert one(analysis.events, "ASSAULT").fatalities is None


def test_intended_and_other_sentence_figures_add_no_fatalities() -> None:
    from dateline.analyze.figures import Figure, link_events

    def fig(kind: str, value: float, start: int, sentence: int, status: str = "reported") -> Figure:
        return Figure(kind, "exact", value, None, None, "", "person", start, start + 2, str(value), sentence,
                      sentence + 50, status=status)

    attack = ev.Event("ASSAULT", None, [], "attack", 10, 16, 0, 0, 50)
    figures = [fig("killed", 5, 20, 0), fig("killed", 3, 30, 0, status="intended"), fig("killed", 7, 70, 60)]
    link_events([attack], figures)
    assert attack.fatalities == 5 and len(attack.linked_figures) == 2
    assert figures[2].event_type is None


def test_pronoun_object_takes_the_last_compatible_actor(placed: Any) -> None:
    events = code(placed, "Iran tested a missile on Monday. Germany condemned it on Tuesday.")
    accuse = one(events, "ACCUSE")
    assert [a.country for a in accuse.sources] == ["DEU"] and [a.country for a in accuse.targets] == ["IRN"]


def test_statement_calling_on_is_its_issuers_request(placed: Any) -> None:
    event = one(code(placed, "Amnesty International issued a statement calling on Belarusian authorities to free "
                             "the students."), "REQUEST")
    assert any("Amnesty" in a.text for a in event.sources)
    assert [a.country for a in event.targets] == ["BLR"]


def test_a_group_is_placed_by_its_own_phrase(placed: Any) -> None:
    event = one(code(placed, "The charity delivered food aid to refugees fleeing the fighting in Mali on Monday."), "AID")
    assert [a.country for a in event.targets] == ["MLI"]


def test_compound_trigger_on_an_effort_noun(pipeline: Any) -> None:
    events = code(pipeline, "Norway launched a mediation effort between the two governments on Friday.")
    assert one(events, "CONSULT").trigger == "mediation"
    assert not [e for e in code(pipeline, "Aid groups reached the town.") if e.type == "AID"]


def test_subject_of_a_victim_verb_is_the_target_of_the_attack_noun(pipeline: Any) -> None:
    torture = one(code(pipeline, "A Palestinian prisoner died as a result of torture in an Israeli jail."), "ASSAULT")
    assert "PSE" in {a.country for a in torture.targets} and "PSE" not in {a.country for a in torture.sources}
    attack = one(code(pipeline, "Three Afghan soldiers died in the Taliban attack on Monday."), "ASSAULT")
    assert [a.text for a in attack.sources] == ["Taliban"] and "soldiers" in attack.targets[0].text
    named = one(code(pipeline, "Iraqi troops attacked the town on Monday."), "ASSAULT")
    assert [a.country for a in named.sources] == ["IRQ"]


def test_supplement_names_northern_ireland_and_the_emirates(pipeline: Any) -> None:
    arrest = one(code(pipeline, "Police in Northern Ireland arrested two men."), "COERCE")
    assert {a.country for a in arrest.sources} == {"GBR"}  # not IRL for the Ireland inside the name
    talks = one(code(pipeline, "Qatar held talks with the Emirates on Monday."), "CONSULT")
    assert "ARE" in {a.country for a in talks.targets}


def test_one_span_gives_one_event_actor() -> None:
    from dateline.analyze.base import ActorMention

    place = ActorMention(10, 14, "Baku", "new:place:baku", "Baku", kind="place")
    known = ActorMention(10, 14, "Baku", "organisation:azerbaijan", "Azerbaijan", "AZE", "AZE", kind="organisation")
    other = ActorMention(20, 26, "Tehran", "country:IRN", "Iran", "IRN", "IRN", kind="country")
    found = event_args.actors_in([(0, 30)], [place, known, other], set())
    assert [(a.text, a.code) for a in found] == [("Baku", "AZE"), ("Tehran", "IRN")]
