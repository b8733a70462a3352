"""The ISAF figures scorer: a handmade gold with hand-computed scores, and a floor on the dev half."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from dateline.analyze.figures import Figure
from dateline.evaluate.figures import (
    evaluate_figures,
    half_of,
    infer_published,
    main,
    same_place,
)
from dateline.evaluate.incident_counts import headline_end
from dateline.evaluate.incident_counts import incident_count as _count

# Three incidents we wrote. Expected predictions (by the rules in dateline.evaluate.figures):
#  a: killed 2, captured 0, date 2012-03-04 ("yesterday"), Helmand   -> all four right
#  b: killed 1 ("a Taliban leader"), captured 3 ("several"), date 2012-03-05 ("today"), Paktiya ~ paktya
#     -> gold says captured 4 and date 2012-03-04: killed right, captured wrong, date wrong, province right
#  c: killed 0, captured 2, date 2012-03-06, Kandahar; gold province kunduz -> province wrong
# Scores: killed 3/3, captured 2/3, date 2/3, province 2/3.
GOLD = [
    {"id": "a", "publication_date": "2012-03-05",
     "text": "KABUL, Afghanistan (March 5, 2012)\nIn Nad Ali district, Helmand province, a security force killed "
             "two insurgents yesterday. The two insurgents were killed after they fired at the patrol.",
     "gold": {"event_date": "2012-03-04", "provinces": ["helmand"], "min_killed": 2, "min_captured": 0}},
    {"id": "b", "publication_date": "2012-03-05",
     "text": "KABUL, Afghanistan (March 5, 2012)\nIn Zurmat district, Paktiya province, a security force killed a "
             "Taliban leader and detained several suspected insurgents today.",
     "gold": {"event_date": "2012-03-04", "provinces": ["paktya"], "min_killed": 1, "min_captured": 4}},
    {"id": "c", "publication_date": "2012-03-06",
     "text": "KABUL, Afghanistan (March 6, 2012)\nA security force detained two suspected insurgents in Kandahar "
             "province today.",
     "gold": {"event_date": "2012-03-06", "provinces": ["kunduz"], "min_killed": 0, "min_captured": 2}},
]


@pytest.fixture(scope="module")
def gold_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("isaf") / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in GOLD), encoding="utf-8")
    return path


def test_handmade_gold_scores(gold_file: Path) -> None:
    result = evaluate_figures(gold_file, stages="nlp,time,quotes,figures")
    assert result["incidents"] == 3
    assert result["min_killed_accuracy"] == pytest.approx(1.0)
    assert result["min_captured_accuracy"] == pytest.approx(2 / 3)
    assert result["event_date_accuracy"] == pytest.approx(2 / 3)
    assert result["province_accuracy"] == pytest.approx(2 / 3)
    assert result["min_captured_mae"] == pytest.approx(1 / 3)


def _fig(kind: str, value: float, phrase: str, sentence: int, *, vague: bool = False, status: str = "reported",
         how: str = "verb", noun: str = "insurgent") -> Figure:
    return Figure(kind, "exact", value, None, None, "", noun, 0, 0, phrase, sentence, sentence + 1, phrase,
                  how=how, vague=vague, status=status)


def test_incident_count_rules() -> None:
    """A vague group repeated counts once and gives way to an exact count elsewhere; intended and
    cumulative figures, partitives of a counted group and repeated bare numbers add nothing."""
    repeated = [_fig("captured", 3, "several suspects", 0, vague=True), _fig("captured", 3, "several men", 5, vague=True)]
    assert _count(repeated, "captured") == 3
    assert _count([*repeated, _fig("captured", 3, "several more suspects", 9, vague=True)], "captured") == 6
    assert _count([_fig("captured", 3, "several suspects", 0, vague=True), _fig("captured", 8, "eight men", 5)],
                  "captured") == 8
    assert _count([_fig("captured", 3, "several suspects", 0, vague=True), _fig("captured", 1, "one", 0)],
                  "captured") == 4
    assert _count([_fig("captured", 1, "a leader", 0, status="intended", how="implicit-one"),
                   _fig("captured", 35, "35 leaders", 4, status="cumulative"), _fig("captured", 2, "two men", 8)],
                  "captured") == 2
    assert _count([_fig("killed", 4, "four insurgents", 0), _fig("killed", 1, "One of the insurgents", 3),
                   _fig("killed", 4, "four", 6, noun="")], "killed") == 4


def test_halves_keep_a_release_together() -> None:
    records = [{"release_ref": f"2011-0{m}-S-0{k}", "text": f"t{m}{k}"} for m in range(1, 10) for k in range(10, 20)]
    halves = {half_of(r) for r in records}
    assert halves == {"a", "b"} and half_of({"release_ref": "2011-01-S-010", "text": "other"}) == half_of(records[0])


def test_main_prints_json(gold_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--gold", str(gold_file), "--json", "--stages", "nlp,time,quotes,figures"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["incidents"] == 3 and "errors" not in printed


def test_place_names_match_up_to_spelling() -> None:
    assert same_place("Paktiya", "paktya") and same_place("Sar-e Pul", "sar-e pul")
    assert not same_place("Kandahar", "kunduz") and not same_place(None, "helmand")


def test_publication_date_from_release_reference() -> None:
    assert infer_published("Dec. 6: Operations\n2009-12-CA-060 For Immediate Release") == date(2009, 12, 6)
    assert infer_published("Dec. 9: Patrols\n2009-12-CA–061 For Immediate Release") == date(2009, 12, 9)
    assert infer_published("no reference here") is None


def test_dev_half_floor(shared: Path) -> None:
    dev = shared / "data" / "isaf_press_releases" / "dev.jsonl"
    if not dev.is_file():
        pytest.skip(f"{dev} is not available")
    result = evaluate_figures(dev)
    assert result["incidents"] == 362
    assert result["min_killed_accuracy"] >= 0.93
    assert result["min_captured_accuracy"] >= 0.88
    assert result["event_date_accuracy"] >= 0.76
    assert result["province_accuracy"] >= 0.90


def _at(text: str, phrase: str, value: float, *, how: str = "verb", noun: str = "man", vague: bool = False,
        occurrence: int = 0) -> Figure:
    """A captured figure at the ``occurrence``-th place ``phrase`` appears in ``text``, in its sentence."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    sentence_start = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    sentence_end = text.find(".", start) + 1
    return Figure("captured", "exact", value, None, None, "", noun, start, start + len(phrase), phrase,
                  sentence_start, sentence_end, phrase, how=how, vague=vague)


def test_incident_count_text_rules() -> None:
    """Headline figures, repeated phrases, definite numerals, 'one of several' and 'including the'."""
    text = "Several Smugglers Detained Near Border Town\nPolice detained several smugglers today."
    assert headline_end(text) == text.index("Police")
    figures = [_at(text, "Several Smugglers", 3, vague=True), _at(text, "several smugglers", 3, vague=True)]
    assert _count(figures, "captured", text) == 3
    text = "Police detained more than 20 Men In Raids\nPolice detained two men today."
    assert _count([_at(text, "more than 20 Men", 21), _at(text, "two men", 2)], "captured", text) == 23
    text = "Police detained two additional suspects. Officers later detained two additional suspects."
    assert _count([_at(text, "two additional suspects", 2),
                   _at(text, "two additional suspects", 2, occurrence=1)], "captured", text) == 2
    text = "Police detained two suspected smugglers. Officers questioned and detained the two individuals."
    assert _count([_at(text, "two suspected smugglers", 2), _at(text, "two individuals", 2, noun="individual")],
                  "captured", text) == 2
    text = "Police detained several men. A courier was one of several men detained."
    assert _count([_at(text, "several men", 3, vague=True), _at(text, "one of several men", 1)], "captured",
                  text) == 3
    text = "Police detained a gang boss and another man. Two men were detained, including the gang boss."
    assert _count([_at(text, "a gang boss", 1, how="implicit-one"), _at(text, "another man", 1, how="implicit-one"),
                   _at(text, "Two men", 2)], "captured", text) == 2
    text = "Police detained a gang boss. Police detained several men, including the gang boss."
    assert _count([_at(text, "a gang boss", 1, how="implicit-one"), _at(text, "several men", 3, vague=True)],
                  "captured", text) == 3
    named = "Police detained Omar Haddad near the port. Four men were detained, including Omar Haddad."
    assert _count([_at(named, "Omar Haddad", 1, how="implicit-one"), _at(named, "Four men", 4)],
                  "captured", named) == 4
    ordinal = "Rangers shot two poachers. A second poacher was killed later."
    assert _count([_at(ordinal, "two poachers", 2), _at(ordinal, "A second poacher", 1, how="implicit-one")],
                  "captured", ordinal) == 2
    # without the text, the text rules are off
    assert _count([_at(text, "a gang boss", 1, how="implicit-one"), _at(text, "several men", 3, vague=True)],
                  "captured") == 4
