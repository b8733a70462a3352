"""The story scorer: pairwise and B-cubed measures, the online run over a gold file, the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.evaluate.stories import HALVES, evaluate_stories, half_of, main, read_gold, score_groups
from tests.conftest import write_jsonl

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "duplicates"


def _gold_file(tmp_path: Path) -> Path:
    labels = {r["id"]: r for r in map(json.loads, (FIXTURES / "labels.jsonl").read_text().splitlines())}
    records = []
    for line in (FIXTURES / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        records.append({"id": record["id"], "date": record["date"], "title": record["title"],
                        "text": record["text"], "story": labels[record["id"]]["story"]})
    return write_jsonl(tmp_path / "gold.jsonl", records[::-1])  # out of date order on purpose


def test_score_groups_known_values() -> None:
    gold = {"a": 1, "b": 1, "c": 1, "d": 2}
    perfect = score_groups({"a": "x", "b": "x", "c": "x", "d": "y"}, gold)
    assert perfect["pairwise_f1"] == 1.0 and perfect["bcubed_f1"] == 1.0
    alone = score_groups({k: k for k in gold}, gold)
    assert alone["pairwise_precision"] == 1.0 and alone["pairwise_recall"] == 0.0 and alone["pairwise_f1"] == 0.0
    assert alone["bcubed_precision"] == 1.0 and alone["bcubed_recall"] == pytest.approx((1 / 3 * 3 + 1) / 4, abs=1e-4)
    split = score_groups({"a": "x", "b": "x", "c": "z", "d": "z"}, gold)
    # predicted pairs ab, cd; gold pairs ab, ac, bc: one true pair
    assert split["pairwise_precision"] == 0.5 and split["pairwise_recall"] == pytest.approx(1 / 3, abs=1e-4)
    assert split["predicted_groups"] == 2 and split["gold_groups"] == 2 and split["articles"] == 4


def test_read_gold_streams_in_date_order(tmp_path: Path) -> None:
    gold = list(read_gold(_gold_file(tmp_path), "story"))
    assert len(gold) == 16
    assert [g.date for g in gold] == sorted(g.date for g in gold)
    assert gold[0].id == "a-copy-edit" and gold[-1].id == "f-rates"  # (date, id) order
    assert len({g.key for g in gold}) == 16 and gold[0].group == "flood"


def test_evaluate_stories_on_our_fixture(tmp_path: Path) -> None:
    result = evaluate_stories(_gold_file(tmp_path), gold_field="story")
    assert result["articles"] == 16 and result["gold_groups"] == 7
    # measured: pairwise P 0.92, R 0.79; the misses are documented in tests/corpus/test_stories.py
    assert result["pairwise_precision"] >= 0.85 and result["pairwise_recall"] >= 0.7
    assert result["bcubed_f1"] >= 0.85
    assert result["articles_per_second"] > 0


def test_command_line_prints_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--gold", str(_gold_file(tmp_path)), "--gold-field", "story", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["articles"] == 16 and 0.0 <= printed["pairwise_f1"] <= 1.0
    assert main(["--gold", str(tmp_path / "missing.jsonl")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_halves_split_by_group(tmp_path: Path) -> None:
    gold = _gold_file(tmp_path)
    halves = {h: list(read_gold(gold, "story", h)) for h in HALVES}
    assert sum(len(v) for v in halves.values()) == 16 and all(halves.values())
    for half, articles in halves.items():
        assert {half_of(a.group) for a in articles} == {half}
    assert half_of("flood") == half_of("flood") and {half_of(str(i)) for i in range(20)} == {"a", "b"}
    result = evaluate_stories(gold, "story", half="a")
    assert result["articles"] == len(halves["a"])


@pytest.mark.slow
def test_gva_dev_floors(shared: Path) -> None:
    gold = shared / "data" / "gva_incidents_dev" / "docs.jsonl"
    if not gold.is_file():
        pytest.skip(f"{gold} is not available")
    result = evaluate_stories(gold)
    assert result["articles"] == 3258 and result["gold_groups"] == 1830
    # measured (link model): pairwise F1 0.807, B-cubed F1 0.922 (target 0.80 met, 0.93 not); floors just under
    assert result["pairwise_f1"] >= 0.79
    assert result["bcubed_f1"] >= 0.91
    held_out = evaluate_stories(gold, half="b")  # the link model and settings were tuned on half a only
    assert held_out["pairwise_f1"] >= 0.81 and held_out["bcubed_f1"] >= 0.92  # measured 0.824 / 0.932
