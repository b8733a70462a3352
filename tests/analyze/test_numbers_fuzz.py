"""Property-based tests of the figure parser (analyze/numbers.py): never crashes, numbers read back exactly.

Short run by default (the `ci` Hypothesis profile, tests/conftest.py); the long run is
`HYPOTHESIS_PROFILE=long pytest tests/analyze/test_numbers_fuzz.py`.
"""

from __future__ import annotations

import math

from hypothesis import assume, given
from hypothesis import strategies as st

from dateline.analyze.numbers import (
    QUALIFIERS,
    find_quantities,
    parse_quantity,
    words_value,
)

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def in_words(n: int, *, hyphen: bool = True, with_and: bool = False) -> str:
    """English words for 0 <= n < 10**12, written our way ("three hundred and forty-two thousand")."""
    if n < 20:
        return ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return TENS[tens] + (("-" if hyphen else " ") + ONES[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = f"{ONES[hundreds]} hundred"
        return head + ((" and " if with_and else " ") + in_words(rest, hyphen=hyphen) if rest else "")
    for size, name in ((10**9, "billion"), (10**6, "million"), (1000, "thousand")):
        if n >= size:
            high, rest = divmod(n, size)
            head = f"{in_words(high, hyphen=hyphen, with_and=with_and)} {name}"
            return head + (" " + in_words(rest, hyphen=hyphen, with_and=with_and) if rest else "")
    raise AssertionError(n)


texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(["more than", "at least", "about", "up to", "between", "and", "to", "-",
                                        "dozens", "hundreds of", "a few", "half", "per cent", "%", "$", "million",
                                        "thousand", "hundred", "-strong", ",", ".", "killed", "people"]),
                       st.integers(min_value=0, max_value=10**15).map(str),
                       st.integers(min_value=0, max_value=999).map(in_words),
                       st.text(max_size=6)), max_size=20).map(" ".join),
)
counts = st.integers(min_value=0, max_value=10**12 - 1)


@given(texts)
def test_never_crashes_and_bounds_are_ordered(text):
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        for bound in (q.value, q.low, q.high):
            assert bound is None or (math.isfinite(bound) and bound >= 0), q
        if q.low is not None and q.high is not None:
            assert q.low <= q.high, q
        if q.qualifier == "range":
            assert q.low is not None and q.high is not None and q.low < q.high, q
    parse_quantity(text)
    words_value(text)


@given(counts)
def test_digits_read_back(n):
    for written in (str(n), f"{n:,}"):
        q = parse_quantity(written)
        assert q is not None and q.value == n and q.qualifier == "exact", (written, q)


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=99))
def test_decimals_read_back(whole, cents):
    written = f"{whole}.{cents:02d}"
    q = parse_quantity(written)
    assert q is not None and q.value == float(written)


@given(st.integers(min_value=1, max_value=10**12 - 1), st.booleans(), st.booleans())
def test_words_read_back(n, hyphen, with_and):
    written = in_words(n, hyphen=hyphen, with_and=with_and)
    assert words_value(written) == n, written
    q = parse_quantity(written)
    assert q is not None and q.value == n, (written, q)


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["thousand", "million", "billion"]))
def test_digits_with_a_scale_word_read_back(n, scale):
    size = {"thousand": 10**3, "million": 10**6, "billion": 10**9}[scale]
    q = parse_quantity(f"{n} {scale}")
    assert q is not None and q.value == n * size


@given(counts, counts, st.sampled_from(["{a}-{b}", "{a} to {b}", "between {a} and {b}", "from {a} to {b}"]),
       st.booleans())
def test_ranges_read_back_with_low_below_high(a, b, form, commas):
    assume(a < b)
    show = (lambda n: f"{n:,}") if commas else str
    written = form.format(a=show(a), b=show(b))
    q = parse_quantity(written)
    assert q is not None and q.qualifier == "range", (written, q)
    assert (q.low, q.high) == (a, b), (written, q)


@given(st.integers(min_value=1, max_value=10**9), st.sampled_from(sorted(QUALIFIERS)))
def test_a_qualifier_keeps_the_number_and_says_which(n, qualifier):
    q = parse_quantity(f"{qualifier} {n:,}")
    assert q is not None and q.value == n, (qualifier, q)
    assert q.qualifier == QUALIFIERS[qualifier]
    if q.low is not None and q.high is not None:
        assert q.low <= q.high


NEUTRAL = st.lists(st.sampled_from(["soldiers", "said", "the", "village", "near", "were", "killed", "reported",
                                    "on", "in", "by", "residents", "police", "wounded"]), max_size=8).map(" ".join)


@given(counts, NEUTRAL, NEUTRAL)
def test_a_number_in_a_sentence_is_found_where_it_is(n, before, after):
    text = f"{before} {n:,} {after}."
    start = len(before) + 1
    [q] = [q for q in find_quantities(text) if q.start == start]
    assert q.value == n and q.text == f"{n:,}", (text, q)


@given(st.sampled_from(TENS[2:]), st.sampled_from(ONES[1:10]), st.sampled_from(["", " thousand", " million"]))
def test_a_hyphenated_number_is_not_a_range(tens, ones, scale):
    """Found by the long run: "one hundred thirty-one thousand" was read as the range 130 to 1,000."""
    written = f"one hundred {tens}-{ones}{scale}"
    q = parse_quantity(written)
    assert q is not None and q.qualifier == "exact" and q.value == words_value(written), (written, q)
