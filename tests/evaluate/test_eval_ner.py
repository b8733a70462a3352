"""The NER scorer on tiny golds we wrote (both formats, hand-computed scores) and on the real dev files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.evaluate import ner

RE3D_ROW = {
    "doc_id": "T1", "source": "test", "license": "ours", "source_url": "", "title": "t",
    "text": "Iraqi forces met John Smith in Baghdad.",
    "entities": [
        {"start": 0, "end": 12, "label": "Organisation", "text": "Iraqi forces"},
        {"start": 0, "end": 5, "label": "Nationality", "text": "Iraqi"},
        {"start": 17, "end": 27, "label": "Person", "text": "John Smith"},
        {"start": 31, "end": 38, "label": "Location", "text": "Baghdad"},
    ],
}
IOB = """# sent_id = t-1
# text = John Smith visited New York.
1\tJohn\tB-PER
2\tSmith\tI-PER
3\tvisited\tO
4\tNew\tB-LOC
5\tYork\tI-LOC
6\t.\tO

1\tAcme\tI-ORG
2\tCorp\tI-ORG
3\thired\tO
4\tAnn\tB-PER
"""


@pytest.fixture
def re3d_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(RE3D_ROW) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def iob_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.iob2"
    path.write_text(IOB, encoding="utf-8")
    return path


def test_read_re3d_maps_labels_and_drops_others(re3d_file: Path) -> None:
    (doc,) = ner.read_gold(re3d_file)
    assert doc.spans == {(0, 12, "ORG"), (17, 27, "PER"), (31, 38, "LOC")}


def test_read_iob2_spans_over_joined_tokens(iob_file: Path) -> None:
    first, second = ner.read_gold(iob_file)
    assert first.text == "John Smith visited New York ."
    assert first.spans == {(0, 10, "PER"), (19, 27, "LOC")}
    assert second.spans == {(0, 9, "ORG"), (16, 19, "PER")}  # a leading I- opens a span


def test_detect_format_by_extension_and_content(tmp_path: Path, re3d_file: Path, iob_file: Path) -> None:
    assert ner.detect_format(re3d_file) == "re3d"
    assert ner.detect_format(iob_file) == "iob2"
    other = tmp_path / "gold.txt"
    other.write_text(json.dumps(RE3D_ROW) + "\n", encoding="utf-8")
    assert ner.detect_format(other) == "re3d"


def test_scorer_hand_computed() -> None:
    gold = {(0, 12, "ORG"), (17, 27, "PER"), (31, 38, "LOC")}
    predicted = {(0, 12, "ORG"), (17, 27, "PER"), (31, 38, "ORG")}
    scorer = ner.Scorer()
    scorer.add(predicted, gold)
    report = scorer.report()
    assert report["overall"]["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert report["overall"]["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert report["overall"]["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert report["by_type"]["ORG"]["precision"] == 0.5 and report["by_type"]["ORG"]["recall"] == 1.0
    assert report["by_type"]["ORG"]["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert report["by_type"]["PER"]["f1"] == 1.0
    assert report["by_type"]["LOC"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "predicted": 0, "gold": 1}


def test_scorer_over_two_documents_is_micro() -> None:
    scorer = ner.Scorer()
    scorer.add({(0, 4, "PER")}, {(0, 4, "PER"), (5, 9, "LOC")})
    scorer.add({(0, 3, "ORG"), (4, 6, "LOC")}, {(0, 3, "ORG")})
    overall = scorer.report()["overall"]
    assert (overall["tp"], overall["predicted"], overall["gold"]) == (2, 3, 3)
    assert overall["f1"] == pytest.approx(2 / 3, abs=1e-4)


def test_main_prints_both_systems(re3d_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert ner.main(["--gold", str(re3d_file), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report["systems"]) == {"stock", "actors"}
    assert report["systems"]["actors"]["by_type"]["ORG"]["gold"] == 1
    # the actor layer finds "Iraqi forces" (a role phrase), which the stock model cannot
    assert report["systems"]["actors"]["by_type"]["ORG"]["tp"] == 1


def test_main_on_iob2_prints_a_table(iob_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert ner.main(["--gold", str(iob_file)]) == 0
    out = capsys.readouterr().out
    assert "stock    overall" in out and "actors   overall" in out


def test_re3d_dev_floor(shared: Path) -> None:
    gold = shared / "data" / "re3d_open" / "re3d_open-dev.jsonl"
    if not gold.is_file():
        pytest.skip(f"{gold} is not available")
    systems = ner.evaluate_ner(gold)["systems"]
    assert systems["stock"]["overall"]["f1"] >= 0.41  # measured 0.419
    assert systems["actors"]["overall"]["f1"] >= 0.60  # measured 0.606 (NP typer)


@pytest.mark.slow
def test_uner_dev_floor(shared: Path) -> None:
    gold = shared / "data" / "uner_english_ewt" / "en_ewt-ud-dev.iob2"
    if not gold.is_file():
        pytest.skip(f"{gold} is not available")
    systems = ner.evaluate_ner(gold)["systems"]
    assert systems["stock"]["overall"]["f1"] >= 0.58  # measured 0.585
    assert systems["actors"]["overall"]["f1"] >= 0.67  # measured 0.679 (NP typer)
