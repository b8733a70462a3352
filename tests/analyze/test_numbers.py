"""Numbers as news writes them: values, bounds and qualifiers of phrases we wrote."""

from __future__ import annotations

import pytest

from dateline.analyze.numbers import find_quantities, parse_quantity, words_value

CASES = [
    ("4,600", "exact", 4600, None, None),
    ("774", "exact", 774, None, None),
    ("3,000-strong", "exact", 3000, None, None),
    ("two dozen", "exact", 24, None, None),
    ("a hundred", "exact", 100, None, None),
    ("1.5 million", "exact", 1_500_000, None, None),
    ("one hundred and twenty", "exact", 120, None, None),
    ("hundreds", "at_least", None, 200, None),
    ("dozens", "at_least", None, 24, None),
    ("several", "at_least", None, 3, None),
    ("tens of thousands", "at_least", None, 20_000, 99_999),
    ("more than 60%", "more_than", 60, 60, None),
    ("nearly half", "about", 50, None, None),
    ("1,200 to 1,500", "range", None, 1200, 1500),
    ("between 10 and 20", "range", None, 10, 20),
    ("1.2 to 1.5 million", "range", None, 1_200_000, 1_500_000),
    ("as many as 3,000", "up_to", 3000, None, 3000),
    ("at least 12", "at_least", 12, 12, None),
    ("fewer than 50", "fewer_than", 50, None, 50),
    ("about 40 percent", "about", 40, None, None),
]


@pytest.mark.parametrize(("phrase", "qualifier", "value", "low", "high"), CASES)
def test_parse_quantity(phrase: str, qualifier: str, value: float | None, low: float | None,
                        high: float | None) -> None:
    q = parse_quantity(phrase)
    assert q is not None
    assert (q.qualifier, q.value, q.low, q.high) == (qualifier, value, low, high)


def test_units_and_flags() -> None:
    assert parse_quantity("$1.5 billion").unit == "USD"  # type: ignore[union-attr]
    assert parse_quantity("more than 60%").unit == "percent"  # type: ignore[union-attr]
    assert parse_quantity("3,000-strong").strong  # type: ignore[union-attr]
    assert parse_quantity("hundreds").vague  # type: ignore[union-attr]


def test_minimum_reading() -> None:
    assert parse_quantity("more than 10").minimum == 11  # type: ignore[union-attr]
    assert parse_quantity("several").minimum == 3  # type: ignore[union-attr]
    assert parse_quantity("12 to 15").minimum == 12  # type: ignore[union-attr]


def test_not_numbers() -> None:
    assert parse_quantity("2011-12") is None
    assert parse_quantity("the troops") is None
    assert words_value("twenty-five") == 25


def test_find_in_text_with_spans() -> None:
    text = "Some 300 fled and two dozen were hurt in the 101st Airborne's sector."
    found = find_quantities(text)
    assert [(text[q.start:q.end], q.value) for q in found] == [("Some 300", 300), ("two dozen", 24)]


def test_many_is_a_vague_count_except_in_questions_and_comparisons() -> None:
    assert [(q.text, q.minimum) for q in find_quantities("the strike killed many of them")] == [("many", 4.0)]
    assert find_quantities("how many were hurt, so many dead, not many left") == []
    assert [q.text for q in find_quantities("as many as 3,000 troops")] == ["as many as 3,000"]
