from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from dateline.evaluate.tls import (
    date_f1,
    evaluate,
    main,
    predict,
    rouge_aligned,
    sentence_dates,
)


def test_rouge_aligned_hand_computed() -> None:
    gold = [(date(2010, 1, 1), ["a b c d"]), (date(2010, 1, 5), ["e f"])]
    assert rouge_aligned(gold, gold, 1) == pytest.approx(1.0)
    # predicted one day late: every matched unigram weighs 1/2 -> P = R = 0.5
    late = [(date(2010, 1, 2), ["a b c d"]), (date(2010, 1, 6), ["e f"])]
    assert rouge_aligned(late, gold, 1) == pytest.approx(0.5)
    # right date, half the words: P = 2/2, R = 2/6 -> F1 = 0.5
    half = [(date(2010, 1, 1), ["a b"])]
    assert rouge_aligned(half, gold, 1) == pytest.approx(0.5)
    # bigrams: "a b" matches 1 of gold's 3 + 1 bigrams -> P = 1, R = 1/4, F1 = 0.4
    assert rouge_aligned(half, gold, 2) == pytest.approx(0.4)
    assert date_f1([date(2010, 1, 1), date(2010, 1, 3)], [d for d, _ in gold]) == pytest.approx(0.5)


def test_sentence_dates_and_predict() -> None:
    pub = date(2010, 4, 22)
    assert sentence_dates("The rig exploded on April 20 , killing 11 .", pub) == [date(2010, 4, 20)]
    assert sentence_dates("It sank yesterday .", pub) == [date(2010, 4, 21)]
    docs = [{"date": "2010-04-22", "text": "The rig exploded on April 20 , killing 11 workers .\n"
                                           "Oil began leaking into the Gulf of Mexico on April 20 ."}]
    tl = predict(docs, 1, 1)
    assert [d for d, _ in tl] == [date(2010, 4, 20)] and len(tl[0][1]) == 1


def test_evaluate_tiny_gold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = [{"topic": "t", "id": "t/1", "date": "2010-04-21", "text": "The rig exploded on April 20 , killing workers ."},
            {"topic": "t", "id": "t/2", "date": "2010-04-22", "text": "The rig sank on April 22 into the sea ."}]
    gold = {"topic": "t", "name": "g", "entries": [
        {"date": "2010-04-20", "summary": ["The rig exploded on April 20 , killing workers ."]},
        {"date": "2010-04-22", "summary": ["The rig sank on April 22 into the sea ."]}]}
    (tmp_path / "docs.jsonl").write_text("\n".join(json.dumps(d) for d in docs))
    (tmp_path / "timelines.jsonl").write_text(json.dumps(gold) + "\n")
    results, mean = evaluate(tmp_path)
    assert len(results) == 1
    assert (mean.ar1, mean.ar2, mean.date_f1) == pytest.approx((1.0, 1.0, 1.0))
    assert main(["--gold", str(tmp_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["mean"]["date_f1"] == pytest.approx(1.0)


def test_timeline17_dev(shared: Path) -> None:
    gold = shared / "data" / "timeline17_dev"
    if not (gold / "timelines.jsonl").is_file():
        pytest.skip("timeline17_dev is not available")
    results, mean = evaluate(gold)
    assert len(results) == 11
    assert mean.ar1 >= 0.13 and mean.date_f1 >= 0.56
