"""Property-based tests of the time normalizer (find_times): never crashes, valid TIMEX3, sane intervals.

Short run by default (the `ci` Hypothesis profile, tests/conftest.py); the long run is
`HYPOTHESIS_PROFILE=long pytest tests/analyze/test_time_fuzz.py`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from dateline.analyze.time import find_times

# Words and phrases the rules look for, mixed with filler, so that generated text hits the rules.
_PHRASES = (
    "on Monday last Tuesday next week last month this year in March in 2015 on 3 March 2016 March 3 yesterday "
    "today tomorrow tonight at 5 p.m. 17:30 two days ago three weeks ago a year ago the 1990s the 19th century "
    "in the spring last summer Q3 the third quarter the first half of 2017 the weekend every day each week daily "
    "for three years for 10 days since 2011 until June early 2016 late May mid-April the past decade recently "
    "now currently Christmas Ramadan Eid New Year's Day 2016-05-04 04/05/2016 1 January ninety years 9999 0000 "
    "the year 1 AD 31 December 9999 1 January 0001 the 10th century next year last year 100 years ago "
    "the next day the previous week later this month decades centuries millennia the 2000s the 00s"
)
PIECES = [*_PHRASES.split(), ",", ".", "the", "soldiers", "said", "will", "was", "\n"]

VALUE = {
    "DATE": re.compile(r"(?:PRESENT_REF|PAST_REF|FUTURE_REF|XXXX-WXX-[1-7]"
                       r"|(?:\d{4}|XXXX)(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?)?|(?:\d{4}|XXXX)-W(?:\d{2}|XX)(?:-WE)?"
                       r"|(?:\d{4}|XXXX)-(?:Q[1-4X]|H[12X]|SP|SU|FA|WI)|\d{2,3})"),
    "TIME": re.compile(r"(?:\d{4}|XXXX)-(?:\d{2}|XX)-(?:\d{2}|XX)T(?:\d{2}:\d{2}|MO|AF|EV|NI)"),
    "DURATION": re.compile(r"P(?:T?(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|H|S|Q|DE|CE))"),
    "SET": re.compile(r"P(?:T?\d+(?:Y|M|W|D|H|Q|DE|CE))|XXXX-WXX-\d|XXXX-XX-XX"),
}

CALENDAR = re.compile(r"\d{4}(?:-\d{2}){0,2}(?:T|$)")  # a year, month or day: the interval starts in that year

texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(PIECES), max_size=25).map(" ".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=20).map(" ".join),
)
news_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@given(texts, st.one_of(st.none(), st.dates()))
def test_never_crashes_whatever_the_anchor(text, anchor):
    find_times(text, anchor)


# Years before 1000 are left out: their values are not zero-padded ("999-03"), and no news is dated so.
@given(texts, st.one_of(st.none(), st.dates(min_value=date(1000, 1, 1))))
def test_values_are_timex3_and_spans_are_the_text(text, anchor):
    for expr in find_times(text, anchor):
        assert 0 <= expr.start < expr.end <= len(text)
        assert text[expr.start:expr.end] == expr.text
        assert expr.type in VALUE, expr
        assert VALUE[expr.type].fullmatch(expr.value), expr
        if expr.interval_start is not None and expr.interval_end is not None:
            assert expr.interval_start <= expr.interval_end, expr
        if CALENDAR.match(expr.value) and expr.interval_start is not None and int(expr.value[:4]) > 0:
            assert expr.interval_start.year == int(expr.value[:4]), expr


@given(texts, news_dates)
def test_anchored_expressions_stay_near_a_news_date(text, anchor):
    """A date resolved against the publication date, with no number in it, lands within two centuries of it."""
    low, high = anchor.replace(year=max(1, anchor.year - 200), day=1), anchor.replace(year=anchor.year + 200, day=1)
    for expr in find_times(text, anchor):
        if expr.anchored and expr.type != "DURATION" and not any(ch.isdigit() for ch in expr.text):
            assert expr.interval_start is not None and expr.interval_end is not None, expr
            assert low <= expr.interval_start <= expr.interval_end <= high, (expr, anchor)


@given(st.sampled_from(["the next 1000 decades", "March 0000", "in the year 0", "31 December 9999 and the next day",
                        "10000 years ago", "the next 900 centuries"]), st.dates())
def test_dates_past_the_calendar_are_dropped_not_raised(phrase, anchor):
    """Found by the long run: OverflowError for "NEXT 1000 DECADE", value "0-03" for "MARCH 0000"."""
    for expr in find_times(phrase, anchor):
        assert VALUE[expr.type].fullmatch(expr.value), expr


UNITS = {"day": 1, "week": 7, "month": 31, "year": 366}


@given(st.integers(min_value=2, max_value=60), st.sampled_from(sorted(UNITS)), news_dates)
def test_so_many_units_ago_is_that_far_back(n, unit, anchor):
    text = f"The bridge was destroyed {n} {unit}s ago, residents said."
    [expr] = [e for e in find_times(text, anchor) if "ago" in e.text]
    assert expr.interval_start is not None and expr.interval_end is not None
    assert expr.interval_end <= anchor
    assert anchor - timedelta(days=n * UNITS[unit] + 366) <= expr.interval_start, (expr, anchor)


@given(st.sampled_from(["yesterday", "today", "last week", "this week", "last month", "this month",
                        "last year", "this year", "on Monday", "last Friday"]), news_dates)
def test_near_relative_words_resolve_within_a_year_of_the_anchor(phrase, anchor):
    [expr] = find_times(f"Fighting resumed {phrase}, officials said.", anchor)
    assert expr.interval_start is not None and expr.interval_end is not None
    assert anchor - timedelta(days=731) <= expr.interval_start <= expr.interval_end <= anchor + timedelta(days=366)


# Characters whose case-insensitive matching differs from lower-casing (Kelvin sign, long s, dotted
# and dotless i, and "ẞ"), mixed in to exercise the fast scan's fallback.
_FOLDS = st.sampled_from(["\u212a", "\u017f", "\u0130", "\u0131", "\u1e9e", "É", "MARCH", "Sept.", "DAYS", "Ago"])


@given(st.one_of(texts, st.lists(st.one_of(st.sampled_from(PIECES), _FOLDS), max_size=25).map(" ".join)))
def test_the_fast_scan_finds_exactly_what_the_plain_scan_finds(text):
    """Gates and the lower-cased scan (time._matches) are short cuts: they must not change any match."""
    from dateline.analyze.time import _lowered, _matches
    from dateline.analyze.timex_rules import _COMPILED

    lower = _lowered(text)
    for rule in _COMPILED:
        plain = [(m.span(), m.groupdict()) for m in rule.pattern.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in _matches(rule, text, lower)] == plain, rule.name


def test_lowered_refuses_texts_where_lower_casing_is_not_exact():
    from dateline.analyze.time import _lowered

    assert _lowered("In March") == "in march"
    assert _lowered("\u212a days") is None  # the Kelvin sign matches "k" case-insensitively
    assert _lowered("\u0130stanbul") is None  # lower-casing "İ" makes two characters
