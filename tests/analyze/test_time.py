"""find_times on sentences we wrote: spans, TIMEX3 types and values, intervals, anchoring."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.analyze.time import TimeExpr, find_times, interval_of

ANCHOR = date(2017, 5, 4)  # a Thursday, ISO week 18


def only(text: str, anchor: date | None = ANCHOR) -> TimeExpr:
    """The single expression found in text (fails when there are none or several)."""
    found = find_times(text, anchor)
    assert len(found) == 1, found
    return found[0]


CASES = [
    # sentence, expected span text, type, value
    ("The treaty was signed on May 4, 2017 in Geneva.", "May 4, 2017", "DATE", "2017-05-04"),
    ("The treaty was signed on 4 May 2017 in Geneva.", "4 May 2017", "DATE", "2017-05-04"),
    ("Filed 2017-05-04 by the clerk.", "2017-05-04", "DATE", "2017-05-04"),
    ("Prices peaked in May 2017 and fell.", "May 2017", "DATE", "2017-05"),
    ("The dam was finished in 2016.", "2016", "DATE", "2016"),
    ("The town grew fast in the 1990s.", "the 1990s", "DATE", "199"),
    ("The town grew fast in the late 1970s.", "the late 1970s", "DATE", "197"),
    ("Rebels took the bridge last month.", "last month", "DATE", "2017-04"),
    ("The mine closed three years ago.", "three years ago", "DATE", "2014"),
    ("Rebels took the bridge Thursday, officials said.", "Thursday", "DATE", "2017-05-04"),
    ("Rebels took the bridge on Tuesday, officials said.", "Tuesday", "DATE", "2017-05-02"),
    ("The envoy will arrive on Saturday.", "Saturday", "DATE", "2017-05-06"),
    ("Rebels took the bridge last Friday.", "last Friday", "DATE", "2017-04-28"),
    ("Two soldiers died yesterday.", "yesterday", "DATE", "2017-05-03"),
    ("Two soldiers died today.", "today", "DATE", "2017-05-04"),
    ("The border is now closed.", "now", "DATE", "PRESENT_REF"),
    ("The border is currently closed.", "currently", "DATE", "PRESENT_REF"),
    ("The road was mined recently.", "recently", "DATE", "PAST_REF"),
    ("The base was built in the fall of 2014.", "the fall of 2014", "DATE", "2014-FA"),
    ("Fighting resumed earlier this year.", "earlier this year", "DATE", "2017"),
    ("Talks resumed this week.", "this week", "DATE", "2017-W18"),
    ("Talks resume next month.", "next month", "DATE", "2017-06"),
    ("The deal was signed in March.", "March", "DATE", "2017-03"),
    ("He arrived in July.", "July", "DATE", "2016-07"),
    ("Talks will resume in July.", "July", "DATE", "2017-07"),
    ("The siege lasted the past two years.", "the past two years", "DURATION", "P2Y"),
    ("The siege lasted five months.", "five months", "DURATION", "P5M"),
    ("The siege lasted twenty-four hours.", "twenty-four hours", "DURATION", "PT24H"),
    ("The siege lasted almost two decades.", "almost two decades", "DURATION", "P20Y"),
    ("The siege lasted several weeks.", "several weeks", "DURATION", "PXW"),
    ("Convoys pass weekly.", "weekly", "SET", "P1W"),
    ("Convoys pass every day.", "every day", "SET", "P1D"),
    ("Convoys pass twice a week.", "twice a week", "SET", "P1W"),
    ("The council meets each Thursday.", "each Thursday", "SET", "XXXX-WXX-4"),
    ("The blast came Tuesday night.", "Tuesday night", "DATE", "2017-05-02TNI"),
    ("The blast came at 10 a.m.", "10 a.m.", "TIME", "2017-05-04T10:00"),
    ("The blast came at 3:30 p.m. Wednesday.", "3:30 p.m. Wednesday", "TIME", "2017-05-03T15:30"),
    ("Shelling began this morning.", "this morning", "TIME", "2017-05-04TMO"),
    ("Shelling went on overnight.", "overnight", "TIME", "2017-05-03TNI"),
    ("Results for the first quarter were weak.", "the first quarter", "DATE", "2017-Q1"),
    ("The pact dates from nineteen ninety-six.", "nineteen ninety-six", "DATE", "1996"),
    ("Such raids were rare in the 20th century.", "the 20th century", "DATE", "19"),
    ("The strike ended on Christmas Day.", "Christmas Day", "DATE", "2016-12-25"),
]


@pytest.mark.parametrize(("sentence", "span", "kind", "value"), CASES)
def test_expression_span_type_and_value(sentence: str, span: str, kind: str, value: str) -> None:
    """Each sentence holds one expression with the exact offsets, type and value expected."""
    found = only(sentence)
    start = sentence.index(span)
    assert (found.start, found.end, found.text) == (start, start + len(span), span)
    assert (found.type, found.value) == (kind, value)


def test_third_quarter_later_than_anchor_goes_back_a_year() -> None:
    """A quarter not yet reached at the anchor, in a past-tense sentence, is last year's."""
    assert only("Sales fell in the third quarter.").value == "2016-Q3"


def test_several_expressions_in_one_text_have_exact_offsets() -> None:
    """Offsets count characters from the start of the text."""
    text = "Last month, three years ago and now."
    found = find_times(text, ANCHOR)
    assert [(t.start, t.end, t.value) for t in found] == [
        (0, 10, "2017-04"), (12, 27, "2014"), (32, 35, "PRESENT_REF")]


def test_intervals_are_the_days_a_value_covers() -> None:
    """Intervals resolve month, week, season, decade and quarter values to first and last day."""
    assert interval_of("2017-04") == (date(2017, 4, 1), date(2017, 4, 30))
    assert interval_of("2017-W18") == (date(2017, 5, 1), date(2017, 5, 7))
    assert interval_of("2014-FA") == (date(2014, 9, 1), date(2014, 11, 30))
    assert interval_of("2014-WI") == (date(2014, 12, 1), date(2015, 2, 28))
    assert interval_of("199") == (date(1990, 1, 1), date(1999, 12, 31))
    assert interval_of("2017-Q2") == (date(2017, 4, 1), date(2017, 6, 30))
    assert interval_of("P2Y") is None


def test_expressions_carry_intervals_and_anchoring() -> None:
    """Relative expressions say they used the anchor; absolute ones do not."""
    month = only("Rebels took the bridge last month.")
    assert (month.interval_start, month.interval_end, month.anchored) == (date(2017, 4, 1), date(2017, 4, 30), True)
    absolute = only("Filed 2017-05-04 by the clerk.")
    assert (absolute.interval_start, absolute.anchored) == (date(2017, 5, 4), False)
    span = only("The siege lasted the past two years.")
    assert span.interval_end == ANCHOR and span.interval_start is not None and span.anchored
    assert 0.0 < month.confidence <= 1.0


def test_without_anchor_relative_values_are_unknown() -> None:
    """With no publication date, relative expressions get X-filled values and no interval."""
    found = only("Two soldiers died yesterday.", anchor=None)
    assert (found.value, found.anchored, found.interval_start) == ("XXXX-XX-XX", False, None)
    assert only("Rebels took the bridge Thursday.", anchor=None).value == "XXXX-WXX-4"
    assert only("The dam was finished in 2016.", anchor=None).value == "2016"


@pytest.mark.parametrize("sentence", [
    "You may go now if the march ends.".replace(" now", ""),
    "Prices fall when supply rises.",
    "He paid $1999 for 2500 tons.",
    "The 52-year-old man was released.",
    "Jan Novak spoke to reporters.",
])
def test_words_that_are_not_time_expressions_are_left_alone(sentence: str) -> None:
    """Modal "may", the verb "fall", amounts, ages and a first name are not times."""
    assert find_times(sentence, ANCHOR) == []


@pytest.mark.parametrize("sentence, span, type_, value", [
    # tense decides a bare weekday: the nearest cue before it wins (anchor: Thursday 2017-05-04)
    ("Talks are set to resume Monday in Geneva.", "Monday", "DATE", "2017-05-08"),
    ("The envoy could arrive as early as Tuesday.", "Tuesday", "DATE", "2017-05-09"),
    ("Officials said they would appeal the ruling, announced Tuesday by the court.", "Tuesday", "DATE", "2017-05-02"),
    ("He said the father would be traveling to the United States Monday.", "Monday", "DATE", "2017-05-08"),
    # halves and fractions in durations
    ("A minute and a half later the pilot called.", "A minute and a half", "DURATION", "PT1M30S"),
    ("They lived in the camps for 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M"),
    ("She spent 5 1/2 hours in Nairobi.", "5 1/2 hours", "DURATION", "PT5H30M"),
    # years in words after seasons and months
    ("Prices hit that level in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four", "DATE", "1994-WI"),
    ("January nineteen ninety-seven brought another bomb.", "January nineteen ninety-seven", "DATE", "1997-01"),
    # a clock time followed by the day it is on
    ("The offer was extended until 5 p.m. EST Nov. 9.", "5 p.m. EST Nov. 9", "TIME", "2017-11-09T17:00"),
    # the year as a period of account
    ("Revenue rose 5% for the year ended, the company said.", "the year", "DURATION", "P1Y"),
    ("Sales for the full year were $6.6 billion.", "the full year", "DATE", "2017"),
    ("The deal should close by year-end.", "year-end", "DATE", "2017-12-31"),
    ("The index is up 5% since year-end.", "year-end", "DATE", "2016-12-31"),
    # vague plural spans after "recent" are durations
    ("The market has moved in recent years.", "recent years", "DURATION", "PXY"),
])
def test_added_conventions(sentence: str, span: str, type_: str, value: str) -> None:
    """Tense-cued weekdays, halves, spelled years, clock + date, fiscal years, "recent years"."""
    found = only(sentence)
    assert (found.text, found.type, found.value) == (span, type_, value)


def test_thanksgiving_is_the_fourth_thursday_of_the_year_it_falls_in() -> None:
    """"Thanksgiving Day" moved to the previous year is recomputed for that year (2016-11-24)."""
    found = only("The boy was found on Thanksgiving Day.", anchor=date(2017, 1, 7))
    assert found.value == "2016-11-24"
