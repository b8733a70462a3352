"""The event and factuality scorers: hand-computed figures on tiny gold, and floors on the dev files."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from dateline.evaluate import events as ev
from dateline.evaluate import factuality as fa
from dateline.evaluate.events import GoldActor, GoldEvent

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
# Measured on the dev files: type micro F1 0.812, type+source+target F1 0.583 (it moves with the actors stage),
# CAMEO quad accuracy 0.670, factuality macro F1 0.974 (dev half) and 0.896 (test half); floors a little under.
FLOOR_TYPE_MICRO, FLOOR_FULL, FLOOR_QUAD = 0.79, 0.55, 0.65
FLOOR_FACT_DEV, FLOOR_FACT_TEST = 0.94, 0.87


@dataclass
class Actor:
    """A system actor as the scorer sees it."""

    text: str
    start: int
    end: int
    country: str | None
    code: str = ""


@dataclass
class Sys:
    """A system event as the scorer sees it."""

    type: str
    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    confidence: float = 0.9
    factuality: str = "happened"
    claimant: str | None = None
    factuality_cue: str = ""


IRQ, TUR, USA = GoldActor("Iraq", "IRQ", 0, 4), GoldActor("Turkey", "TUR", 9, 15), GoldActor("US", "USA", 0, 2)
ISIS = GoldActor("ISIS", None, 0, 4)
GOLD = {
    "s1": [GoldEvent("AGREE", (IRQ,), (TUR,))],
    "s2": [GoldEvent("ASSAULT", (ISIS,), ()), GoldEvent("PROTEST", (), ())],
    "s3": [GoldEvent("CONSULT", (USA, IRQ), ())],
}


def system(s1_target: str = "TUR") -> list[list[Sys]]:
    """S1 right (or with a wrong target), S2 one right plus a spurious REJECT, S3 compound coded as source/target."""
    return [
        [Sys("AGREE", [Actor("Iraq", 0, 4, "IRQ")], [Actor("Turkey", 9, 15, s1_target)])],
        [Sys("ASSAULT", [Actor("ISIS fighters", 0, 13, None)]), Sys("REJECT")],
        [Sys("CONSULT", [Actor("US", 0, 2, "USA")], [Actor("Iraq", 7, 11, "IRQ")])],
    ]


def test_plover_scores_hand_computed() -> None:
    """Types: 3 of 4 gold, 3 of 4 system -> 0.75; macro over AGREE, ASSAULT, CONSULT (1), PROTEST, REJECT (0) = 0.6."""
    result = ev.score_plover(GOLD, system())
    assert result["type_micro"]["precision"] == result["type_micro"]["recall"] == result["type_micro"]["f1"] == 0.75
    assert result["type_macro_f1"] == pytest.approx(0.6)
    assert result["per_type"]["PROTEST"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "system": 0, "gold": 1}
    assert result["type_source_target"]["f1"] == 0.75  # text overlap for ISIS, compound US/Iraq either way
    worse = ev.score_plover(GOLD, system(s1_target="GBR"))
    assert worse["type_source_target"]["tp"] == 2 and worse["type_source_target"]["f1"] == 0.5
    assert worse["type_micro"]["f1"] == 0.75


def test_actor_matching_rules() -> None:
    assert ev.actor_match(GoldActor("U.N.", "IGO", None, None), Actor("UN", 0, 2, None, "IGOUNO"))
    assert not ev.actor_match(IRQ, Actor("Iraq", 0, 4, "IRN"))
    assert ev.actor_match(GoldActor("rebels", None, None, None), Actor("the rebels", 0, 10, None))
    assert not ev.event_match(GOLD["s1"][0], Sys("AGREE", [Actor("Iraq", 0, 4, "IRQ")], []))


def test_non_country_gold_codes_fall_back_to_text() -> None:
    """A class code (IGO/NGO) or a legacy CAMEO code (ITL) is not an ISO3 country code: text overlap decides."""
    watch = GoldActor("Rights Watch", "IGO", 0, 12)
    assert ev.actor_match(watch, Actor("Rights Watch", 0, 12, None, "NGOHRI"))
    assert not ev.actor_match(watch, Actor("Berlin", 20, 26, "DEU"))
    assert ev.actor_match(GoldActor("Italy", "ITL", 3, 8), Actor("Italy", 3, 8, "ITA"))
    assert not ev.actor_match(GoldActor("Italy", "ITA", 3, 8), Actor("Italy", 3, 8, None))  # ISO3: the code decides


def test_halves_split_sentences_stably(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    texts = [f"Country {i} agreed to talks." for i in range(40)]
    path.write_text("".join(json.dumps({"text": t, "event_type": "AGREE", "source": [], "target": []}) + "\n"
                            for t in texts), encoding="utf-8")
    a, b = ev.read_gold(path, "a")[1], ev.read_gold(path, "b")[1]
    assert a and b and not set(a) & set(b) and len(a) + len(b) == 40
    assert all(ev.half_of(t) == "a" for t in a) and ev.read_gold(path, "a")[1] == a


def test_cameo_scores_hand_computed() -> None:
    """Classes 0,1,3,3 for gold 0,1,4,3: accuracy 3/4, macro F1 (1 + 1 + 0 + 2/3 + 0) / 5."""
    gold = {"a": 0, "b": 1, "c": 4, "d": 3}
    predicted = [[], [Sys("AGREE")], [Sys("ASSAULT", confidence=0.4), Sys("ACCUSE", confidence=0.8)], [Sys("REJECT")]]
    result = ev.score_cameo(gold, predicted)
    assert result["accuracy"] == 0.75
    assert result["macro_f1"] == pytest.approx((1 + 1 + 0 + 2 / 3 + 0) / 5, abs=1e-4)
    assert result["per_class"]["verbal_conflict"]["precision"] == 0.5


def test_factuality_score_hand_computed() -> None:
    """Three sentences: two right; the third has no event of the gold type and falls back to the top event."""
    records = [{"id": "a", "type": "ASSAULT", "factuality": "negated"},
               {"id": "b", "type": "CONSULT", "factuality": "claimed", "claimant": "Turkish officials"},
               {"id": "c", "type": "AID", "factuality": "planned"}]
    predicted = [[Sys("ASSAULT", factuality="negated")],
                 [Sys("CONSULT", factuality="claimed", claimant="Turkish officials")],
                 [Sys("AGREE", factuality="happened")]]
    result = fa.score(records, predicted)
    assert result["accuracy"] == pytest.approx(2 / 3, abs=1e-4) and result["type_found"] == pytest.approx(2 / 3, abs=1e-4)
    assert result["per_class"]["happened"]["precision"] == 0.0 and result["per_class"]["negated"]["f1"] == 1.0
    assert result["claimant_accuracy"] == 1.0 and result["errors"][0]["id"] == "c"


def test_main_prints_json_on_tiny_gold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "gold.jsonl"
    record = {"id": "x1", "text": "Iraq and Turkey signed an agreement on water sharing.", "event_type": "AGREE",
              "source": [{"text": "Iraq", "code": "IRQ", "char_start": 0, "char_end": 4},
                         {"text": "Turkey", "code": "TUR", "char_start": 9, "char_end": 15}], "target": []}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert ev.main(["--gold", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["format"] == "plover" and result["sentences"] == 1
    assert result["type_micro"]["f1"] == 1.0
    assert ev.main(["--gold", str(tmp_path / "missing.jsonl")]) == 2


def test_factuality_gold_is_balanced_and_ours() -> None:
    records = fa.read_gold(fa.GOLD_PATH)
    assert len(records) >= 150
    counts = {v: sum(1 for r in records if r["factuality"] == v) for v in ("happened", "planned", "hypothetical",
                                                                           "negated", "claimed")}
    assert min(counts.values()) >= 29
    assert all(r["claimant"] for r in records if r["factuality"] == "claimed")
    assert {r["split"] for r in records} == {"dev", "test"}


@pytest.mark.slow
@pytest.mark.parametrize(("split", "floor"), [("dev", FLOOR_FACT_DEV), ("test", FLOOR_FACT_TEST)])
def test_factuality_floor(split: str, floor: float) -> None:
    assert fa.evaluate_factuality(split=split)["macro_f1"] >= floor


def _dev(path: str) -> Path:
    """A dev file under ../shared/data, skipping where that folder is absent."""
    if not DATA.is_dir():
        pytest.skip(f"{DATA} is not available")
    return DATA / path


@pytest.mark.slow
def test_plover_gsr_dev_floor() -> None:
    result = ev.evaluate_events(_dev("plover_gsr/dev.jsonl"))
    assert result["type_micro"]["f1"] >= FLOOR_TYPE_MICRO
    assert result["type_source_target"]["f1"] >= FLOOR_FULL


@pytest.mark.slow
def test_conflibert_cameo_dev_floor() -> None:
    result = ev.evaluate_events(_dev("conflibert_cameo/dev_from_official_test.jsonl"))
    assert result["format"] == "cameo" and result["accuracy"] >= FLOOR_QUAD
