"""Tests for the actor knowledge base: alias folding, dated roles, adjectives, agents, build determinism."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from dateline.analyze import actor_kb
from dateline.analyze.actor_kb import normalize

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO.parent / "shared" / "data" / "actors"
BUILD = REPO / "scripts" / "build_actor_kb.py"
ARTICLE_DAY = date(2017, 5, 4)


def test_normalize_folds_case_diacritics_and_punctuation() -> None:
    """Alias keys ignore case, accents, dots, hyphens and a leading "the"."""
    assert normalize("Haider al-Abadi") == normalize("HAIDER_AL_ABADI") == "haider al abadi"
    assert normalize("U.S.") == "us"
    assert normalize("Côte d’Ivoire") == "cote divoire"
    assert normalize("The Islamic State") == "islamic state"


@pytest.mark.parametrize(
    "alias", ["ISIS", "ISIL", "Islamic State", "Daesh", "Islamic State of Iraq and the Levant", "the islamic state", "DA'ESH"]
)
def test_isis_aliases_fold_to_one_actor(alias: str) -> None:
    """Every common name of the Islamic State resolves to the same single armed-group actor."""
    entries = actor_kb.lookup(alias, ARTICLE_DAY)
    assert {e.id for e in entries} == {"armed_group:islamic-state"}
    assert entries[0].code == "IMGMUSISI"
    assert entries[0].kind == "armed_group"
    assert entries[0].country is None


@pytest.mark.parametrize(("adjective", "iso3"), [("Iraqi", "IRQ"), ("American", "USA"), ("Syrian", "SYR"), ("IRAQIS", "IRQ")])
def test_country_for_adjective(adjective: str, iso3: str) -> None:
    """Nationality adjectives map to ISO3 codes."""
    assert actor_kb.country_for_adjective(adjective) == iso3


def test_kurdish_has_no_country() -> None:
    """Kurds live in several states, so "Kurdish" deliberately maps to no country."""
    assert actor_kb.country_for_adjective("Kurdish") is None
    assert actor_kb.country("Kurdish") is None


def test_country_by_code_name_and_adjective() -> None:
    """country() accepts ISO3, alpha-2, common and official names and adjectives."""
    iraq = actor_kb.country("IRQ")
    assert iraq is not None
    assert (iraq.iso3, iraq.alpha2, iraq.name) == ("IRQ", "IQ", "Iraq")
    assert "Iraqi" in iraq.adjectives
    for query in ("IQ", "iraq", "Republic of Iraq", "Iraqi"):
        assert actor_kb.country(query) == iraq
    russia = actor_kb.country("Russia")
    assert russia is not None and russia.iso3 == "RUS"
    assert actor_kb.country("Atlantis") is None


def test_abadi_is_iraqi_government_in_2017() -> None:
    """Haider al-Abadi (Iraqi prime minister from 2014-09-08) is IRQ GOV on 2017-05-04."""
    entries = actor_kb.lookup("Haider al-Abadi", ARTICLE_DAY)
    assert [(e.country, e.sector, e.code, e.kind) for e in entries] == [("IRQ", "GOV", "IRQGOV", "person")]
    assert entries[0].valid_from == date(2014, 9, 8)
    assert entries[0].valid_until is None


def test_role_that_ended_is_not_returned() -> None:
    """Nuri al-Maliki held IRQGOV 2006-05-20..2014-09-08: yes in 2010, no in 2017 (then IRQELI)."""
    in_office = actor_kb.lookup("Nouri al-Maliki", date(2010, 1, 1))
    assert [e.code for e in in_office] == ["IRQGOV"]
    later = actor_kb.lookup("Nouri al-Maliki", ARTICLE_DAY)
    assert "IRQGOV" not in {e.code for e in later}
    assert [e.code for e in later] == ["IRQELI"]


def test_entry_valid_2005_2006_is_not_returned_in_2017() -> None:
    """A minister dated [AFGGOV 050101-060531] applies in 2005 only."""
    assert [e.code for e in actor_kb.lookup("Abdul Karim Barawi", date(2005, 6, 1))] == ["AFGGOV"]
    assert actor_kb.lookup("Abdul Karim Barawi", ARTICLE_DAY) == []


def test_undated_entries_always_apply() -> None:
    """Undated entries (countries, most groups) apply on any date and without one."""
    for day in (date(1990, 1, 1), ARTICLE_DAY, None):
        assert [e.code for e in actor_kb.lookup("Taliban", day)] == ["AFGREB"]
    assert [e.code for e in actor_kb.lookup("Syria", ARTICLE_DAY)] == ["SYR"]


def test_no_date_returns_every_role() -> None:
    """Without an article date, all of an actor's roles come back."""
    codes = {e.code for e in actor_kb.lookup("Nouri al-Maliki")}
    assert codes == {"IRQGOV", "IRQELI"}


def test_a_territory_in_a_code_is_not_a_sector() -> None:
    """"GBRFLKGOV" is the Falklands' government: sector GOV, not "FLK"; "YUGBIH" has no sector."""
    governor = {e.code: e.sector for e in actor_kb.lookup("Alan Huckle")}
    assert governor.get("GBRFLKGOV") == "GOV"
    assert {e.sector for e in actor_kb.lookup("Bosnia") if e.code == "YUGBIH"} == {None}
    kb = actor_kb.load()
    roles = [role.split(",") for line in kb._actors for role in line.split("\t")[3].split(";") if role]
    wrong = [code for code, _, sector, *_ in roles if sector and sector == code[3:6] and sector in kb._countries]
    assert not wrong, f"a territory code stands in the sector field of {wrong[:5]}"


@pytest.mark.parametrize(
    ("noun", "sector"),
    [
        ("forces", "MIL"), ("troops", "MIL"), ("army", "MIL"), ("soldiers", "MIL"),
        ("official", "GOV"), ("government", "GOV"), ("ministry", "GOV"),
        ("police", "COP"), ("policemen", "COP"),
        ("rebels", "REB"), ("militants", "REB"), ("insurgents", "REB"),
        ("civilians", "CVL"), ("residents", "CVL"), ("judge", "JUD"), ("spy", "SPY"), ("lawmakers", "LEG"),
    ],
)
def test_agent_nouns_map_to_sectors(noun: str, sector: str) -> None:
    """Role nouns, singular or plural, map to PLOVER/CAMEO sector codes."""
    assert actor_kb.agent(noun) == sector
    assert actor_kb.agent(noun.upper()) == sector


def test_unknown_names_and_nouns() -> None:
    """Unknown names give [] and unknown nouns give None."""
    assert actor_kb.lookup("Zzyzx Qwertyuiop", ARTICLE_DAY) == []
    assert actor_kb.lookup("", ARTICLE_DAY) == []
    assert actor_kb.agent("teapot-wrangler") is None


def test_igo_and_country_entries() -> None:
    """IGOs have no country and sector IGO; country entries carry their ISO3 code."""
    (un,) = actor_kb.lookup("U.N.", ARTICLE_DAY)
    assert (un.kind, un.code, un.country, un.sector) == ("igo", "IGOUNO", None, "IGO")
    (usa,) = actor_kb.lookup("United States", ARTICLE_DAY)
    assert (usa.kind, usa.id, usa.country, usa.sector) == ("country", "country:USA", "USA", None)


def test_kb_is_cached_and_compact() -> None:
    """load() returns the same object each call, and the shipped KB stays small."""
    assert actor_kb.load() is actor_kb.load()
    counts = actor_kb.load().counts_by_kind()
    assert counts["country"] >= 249
    assert counts["armed_group"] > 500
    assert counts["person"] > 10000
    shipped = REPO / "dateline" / "resources" / actor_kb.KB_RESOURCE
    assert shipped.stat().st_size < 3_000_000


def test_rejects_unknown_format() -> None:
    """A KB file of another format fails loudly instead of misreading."""
    import gzip

    with pytest.raises(ValueError, match="format"):
        actor_kb.read_kb(gzip.compress(b"#dateline-actor-kb 999\n"))


def test_shipped_kb_loads_without_shared_sources(tmp_path: Path) -> None:
    """The installed KB loads in a fresh process whose working directory has no ../shared."""
    code = (
        "from datetime import date; from dateline.analyze import actor_kb as k;"
        "print(k.lookup('ISIL', date(2017, 5, 4))[0].code, len(k.load()))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    code_out, count = done.stdout.split()
    assert code_out == "IMGMUSISI"
    assert int(count) > 20000


def test_build_is_deterministic(tmp_path: Path) -> None:
    """Two builds from the same sources give byte-identical files."""
    if not SOURCE.is_dir():
        pytest.skip(f"{SOURCE} is absent")
    outputs = []
    for name in ("a.kb.gz", "b.kb.gz"):
        out = tmp_path / name
        subprocess.run([sys.executable, str(BUILD), "--source", str(SOURCE), "--out", str(out)],
                       check=True, capture_output=True, text=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 100_000
    kb = actor_kb.read_kb(outputs[0])
    assert kb.actor_ids("Daesh") == ["armed_group:islamic-state"]


@pytest.mark.parametrize("word", ["Nation", "Republic", "country", "Sovereign State", "South", "North"])
def test_disambiguators_are_no_aliases(word: str) -> None:
    assert actor_kb.lookup(word) == []


@pytest.mark.parametrize("name", ["Colombia", "Greece", "South Africa"])
def test_a_country_name_names_only_the_country(name: str) -> None:
    assert {e.kind for e in actor_kb.lookup(name)} == {"country"}


def test_parenthesised_acronyms_stay_aliases() -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        from build_actor_kb import alias_forms
    finally:
        sys.path.remove(str(REPO / "scripts"))
    assert "massob" in alias_forms("MOVEMENT_FOR_THE_ACTUALIZATION_OF_BIAFRA_(MASSOB)")
    assert "eta" in alias_forms("BASQUE_FATHERLAND_AND_FREEDOM_(ETA)")
    assert alias_forms("GEORGIA_(NATION)") == ["georgia nation", "georgia"]
    assert "colombia" not in alias_forms("NATIONAL_LIBERATION_ARMY_(COLOMBIA)")
