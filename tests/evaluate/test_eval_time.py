"""The TE3-style time scorer: hand-computed figures on a tiny gold file, and a floor on TempEval-3."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.analyze.time import TimeExpr
from dateline.evaluate.time import GoldTimex, evaluate_time, main, score_document, summarize

TEXT = "Troops left on Monday and came back two days later; afterwards the town was quiet, the army said on 2017-05-04."
# Gold we wrote: "Monday" (found exactly, right value), "two days" (inside the system's "two days later",
# wrong type and value), "afterwards" (missed). The system's "2017-05-04" is not in this gold.
GOLD = [
    {"tid": "t1", "type": "DATE", "value": "2017-05-01", "start": 15, "end": 21, "text": "Monday"},
    {"tid": "t2", "type": "DURATION", "value": "P2D", "start": 36, "end": 44, "text": "two days"},
    {"tid": "t3", "type": "DATE", "value": "PAST_REF", "start": 52, "end": 62, "text": "afterwards"},
]
THIRD, TWO_THIRDS = 1 / 3, 2 / 3
# A TempEval-3 floor: measured 0.929 relaxed F1 / 0.788 value F1 on tbaq_train, minus a margin.
FLOOR_RELAXED_F1, FLOOR_VALUE_F1 = 0.88, 0.74


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    """A one-document TempEval-3 JSONL file in the README's layout."""
    path = tmp_path / "gold.jsonl"
    record = {"doc_id": "hand1", "dct": "2017-05-04T09:00:00", "text": TEXT, "timex3": GOLD}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def test_hand_computed_scores_end_to_end(gold_file: Path) -> None:
    """Strict 1/3, relaxed 2/3, type and value accuracy 1/2 (so attribute F1 = 1/2 x 2/3)."""
    result = evaluate_time(gold_file)
    assert (result["gold"], result["system"]) == (3, 3)
    for key in ("strict_precision", "strict_recall", "strict_f1", "type_f1", "value_f1"):
        assert result[key] == pytest.approx(THIRD), key
    for key in ("relaxed_precision", "relaxed_recall", "relaxed_f1"):
        assert result[key] == pytest.approx(TWO_THIRDS), key
    assert result["type_accuracy"] == pytest.approx(0.5)
    assert result["value_accuracy"] == pytest.approx(0.5)


def test_score_document_counts_strict_relaxed_and_attributes() -> None:
    """Two system spans over one gold span: recall counts the gold once, precision both system spans."""
    gold = [GoldTimex(0, 10, "DATE", "2017-04")]
    system = [TimeExpr(0, 10, "last month", "DATE", "2017-04"), TimeExpr(5, 12, "month x", "DATE", "2017")]
    counts = score_document(gold, system)
    assert (counts.strict_gold, counts.relaxed_gold, counts.strict_system, counts.relaxed_system) == (1, 1, 1, 2)
    assert (counts.type_match, counts.value_match) == (1, 1)
    result = summarize(counts)
    assert result["strict_precision"] == pytest.approx(0.5)
    assert result["relaxed_f1"] == pytest.approx(1.0)
    assert result["value_f1"] == pytest.approx(1.0)


def test_empty_system_scores_zero() -> None:
    """No system output: zero recall, zero F1, no division error."""
    result = summarize(score_document([GoldTimex(0, 3, "DATE", "2017")], []))
    assert (result["relaxed_recall"], result["relaxed_f1"], result["value_f1"]) == (0.0, 0.0, 0.0)


def test_main_prints_json_and_table(gold_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m dateline.evaluate.time --gold FILE [--json]` prints the figures."""
    assert main(["--gold", str(gold_file), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["strict_f1"] == pytest.approx(THIRD)
    assert main(["--gold", str(gold_file)]) == 0
    table = capsys.readouterr().out
    assert "relaxed extent" in table and "0.667" in table


def test_main_rejects_a_missing_file(tmp_path: Path) -> None:
    """A missing gold file is a usage error, not a traceback."""
    with pytest.raises(SystemExit) as exit_info:
        main(["--gold", str(tmp_path / "absent.jsonl")])
    assert exit_info.value.code == 2


def test_tempeval3_scores_above_measured_floor(shared: Path) -> None:
    """On the TempEval-3 training file the scores stay in [0, 1] and above the measured floor."""
    gold = shared / "data" / "tempeval3" / "tbaq_train.jsonl"
    if not gold.is_file():
        pytest.skip(f"{gold} is not available")
    result = evaluate_time(gold)
    for key in ("strict_f1", "relaxed_f1", "type_accuracy", "value_f1"):
        assert 0.0 <= result[key] <= 1.0, key
    assert result["relaxed_f1"] >= FLOOR_RELAXED_F1
    assert result["value_f1"] >= FLOOR_VALUE_F1
    assert result["strict_f1"] >= 0.78
