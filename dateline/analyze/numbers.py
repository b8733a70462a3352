"""Numbers as news writes them: digits, words, vague plurals, fractions, percents, ranges and qualifiers.

Pure functions over plain text, driven by the tables below. `find_quantities(text)` returns every
number phrase with its span; `parse_quantity(text)` reads one phrase. A Quantity carries the
qualifier (exact, more_than, fewer_than, about, at_least, up_to, range), a point value where the
phrase gives one, and low/high bounds. Vague words carry the fixed minimum reading used by
annotators of casualty reports ("several" -> at least 3, "dozens" -> at least 24).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES: dict[str, int] = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "k": 1_000,
}
# Vague counts: (minimum reading, upper bound or None). The minimum follows the fixed reading that
# casualty annotators use (e.g. ISAF: "several"/"multiple"/"a few" -> 3, "numerous" -> 4).
VAGUE: dict[str, tuple[int, int | None]] = {
    "hundreds of thousands": (200_000, 999_999), "tens of thousands": (20_000, 99_999),
    "millions": (2_000_000, None), "thousands": (2_000, None), "hundreds": (200, None),
    "scores": (40, None), "dozens": (24, None), "numerous": (4, None), "several": (3, None),
    "multiple": (3, None), "a handful of": (3, 5), "a number of": (3, None), "a few": (3, 5), "a couple of": (2, 2), "a couple": (2, 2),
    "many": (4, None),  # read like "numerous" (ISAF: "killing many of them" -> 4)
}
# "many" after these words is no count: "how many", "so many", "too many", "not many", "as many (as)".
_NOT_A_COUNT_BEFORE = re.compile(r"\b(?:how|so|too|not|as|that|this)\s+$", re.IGNORECASE)
FRACTIONS: dict[str, float] = {
    "half": 50.0, "a half": 50.0, "one half": 50.0, "a third": 100 / 3, "one third": 100 / 3, "one-third": 100 / 3,
    "two thirds": 200 / 3, "two-thirds": 200 / 3, "a quarter": 25.0, "one quarter": 25.0, "one-quarter": 25.0,
    "three quarters": 75.0, "three-quarters": 75.0, "a fifth": 20.0, "one-fifth": 20.0, "a tenth": 10.0,
}
# Words before a number and the qualifier they give; longest first when compiled.
QUALIFIERS: dict[str, str] = {
    "more than": "more_than", "over": "more_than", "upwards of": "more_than", "in excess of": "more_than",
    "well over": "more_than", "just over": "more_than", "above": "more_than", "greater than": "more_than",
    "fewer than": "fewer_than", "less than": "fewer_than", "under": "fewer_than", "below": "fewer_than",
    "just under": "fewer_than", "no more than": "up_to",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about", "some": "about",
    "an estimated": "about", "estimated": "about", "nearly": "about", "almost": "about", "close to": "about",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least", "a minimum of": "at_least",
    "up to": "up_to", "as many as": "up_to", "as much as": "up_to", "a maximum of": "up_to",
}
CURRENCIES: dict[str, str] = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}
CURRENCY_WORDS: dict[str, str] = {"dollars": "USD", "euros": "EUR", "pounds": "GBP", "yen": "JPY", "rupees": "INR"}


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number phrase: its span, qualifier, value (or bounds), and whether it is a percent or money."""

    start: int
    end: int
    text: str
    qualifier: str
    value: float | None
    low: float | None
    high: float | None
    unit: str = ""  # "percent", a currency code, or ""
    vague: bool = False
    strong: bool = False  # "3,000-strong"

    @property
    def minimum(self) -> float | None:
        """The least count the phrase supports (the value, else the low bound)."""
        if self.qualifier == "more_than" and self.value is not None:
            return self.value + 1 if float(self.value).is_integer() else self.value
        return self.low if self.low is not None else self.value


def _alt(words: list[str] | dict[str, object]) -> str:
    """A regex alternation of words, longest first, spaces matching any blank run."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_WORD = rf"(?:{_alt([*UNITS, *TENS])})"
_WORDS = rf"{_WORD}(?:(?:[\s-]+|\s+and\s+){_WORD})*"
_SCALE = r"(?:hundred|thousand|million|billion|trillion)"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CORE = (rf"(?:(?:{_DIGITS})(?:\s*(?:{_SCALE}|mn|bn|m|k)\b)*"
         rf"|(?:a|{_WORDS})\s+dozen"
         rf"|(?:a|one)\s+{_SCALE}(?:\s+(?:and\s+)?{_WORDS})?"
         rf"|(?:{_WORDS})(?:(?:\s+|\s+and\s+){_SCALE}(?:\s+(?:and\s+)?{_WORDS})?)*)")
_CUR = r"(?:US\$|\$|£|€|¥)"
_PCT = r"(?:\s*%|\s+per\s*cent\b|\s+percentage\s+points?\b)"
_QUAL = rf"(?:{_alt(QUALIFIERS)})"
# A hyphen between numbers is a range, except inside a written number: "thirty-one" (tens end in -ty).
_DASH = rf"(?:(?<!ty)-|-(?!(?:{_alt(list(UNITS)[1:10])})\b))"
_NUM_RE = re.compile(
    rf"(?<![\w.,$£€])(?:(?P<qual>{_QUAL})\s+)?(?:"
    rf"(?:between|from)\s+(?P<rcur1>{_CUR})?(?P<ra>{_CORE})(?P<rpct1>{_PCT})?\s+(?:and|to)\s+(?P<rcur2>{_CUR})?(?P<rb>{_CORE})"
    rf"|(?P<cur>{_CUR})?(?P<a>{_CORE})(?P<pct1>{_PCT})?(?:\s*(?:{_DASH}|–|to)\s*(?P<cur2>{_CUR})?(?P<b>{_CORE}))?"
    rf"|(?P<vague>{_alt(VAGUE)})|(?P<frac>{_alt(FRACTIONS)})"
    rf")(?P<pct>{_PCT})?(?P<strong>-strong\b)?(?![\w])",
    re.I,
)


def words_value(text: str) -> float | None:
    """The value of a number in words or digits: "twenty-five" 25, "1.5 million" 1.5e6, "two dozen" 24."""
    tokens = [t for t in re.split(r"[\s-]+", text.lower().replace(",", "")) if t and t != "and"]
    if not tokens:
        return None
    total, current = 0.0, 0.0
    for token in tokens:
        if token in ("a", "an"):
            current = current or 1
        elif token == "dozen":
            current = (current or 1) * 12
        elif re.fullmatch(r"\d+(?:\.\d+)?", token):
            current += float(token)
        elif token in UNITS:
            current += UNITS[token]
        elif token in TENS:
            current += TENS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in SCALES:
            total += (current or 1) * SCALES[token]
            current = 0.0
        else:
            return None
    return total + current


def _unit(m: re.Match[str]) -> str:
    """The unit a match carries: a percent sign/word, a currency symbol, or nothing."""
    if any(m.group(g) for g in ("pct", "pct1", "rpct1")) or m.group("frac"):
        return "percent"
    symbol = m.group("cur") or m.group("rcur1") or m.group("cur2") or m.group("rcur2")
    return CURRENCIES.get(symbol or "", "")


def _from_match(m: re.Match[str]) -> Quantity | None:
    """A Quantity from one regex match, or None when its words do not add up to a number."""
    qualifier = QUALIFIERS.get(re.sub(r"\s+", " ", (m.group("qual") or "").lower()), "exact")
    unit, start, end = _unit(m), m.start(), m.end()
    text = m.group(0)
    if m.group("vague"):
        low, high = VAGUE[re.sub(r"\s+", " ", m.group("vague").lower())]
        qual = qualifier if qualifier != "exact" else "at_least"
        return Quantity(start, end, text, qual, None, float(low), None if high is None else float(high), unit, True)
    if m.group("frac"):
        value = FRACTIONS[re.sub(r"\s+", " ", m.group("frac").lower())]
        return Quantity(start, end, text, qualifier, value, None, None, "percent")
    first, second = (m.group("ra"), m.group("rb")) if m.group("ra") else (m.group("a"), m.group("b"))
    a = words_value(first)
    b = words_value(second) if second else None
    if a is None or (second and b is None):
        return None
    if b is not None:
        scale = SCALES.get(_scale_suffix(second), 1) if not _scale_suffix(first) else 1
        if a * scale <= b:
            a *= scale  # "1.2 to 1.5 million"
        if b <= a:
            return None  # "2011-12", "3-1": not a range of counts
        return Quantity(start, end, text, "range", None, a, b, unit, strong=bool(m.group("strong")))
    low = a if qualifier in ("at_least", "more_than") else None
    high = a if qualifier in ("up_to", "fewer_than") else None
    return Quantity(start, end, text, qualifier, a, low, high, unit, strong=bool(m.group("strong")))


def _scale_suffix(text: str) -> str:
    """The scale word ending a number phrase ("1.5 million" -> "million"), or ""."""
    last = re.split(r"\s+", text.strip().lower())[-1]
    return last if last in SCALES and last != "hundred" else ""


def find_quantities(text: str) -> list[Quantity]:
    """Every number phrase in text, in order, with its character span."""
    found = []
    for m in _NUM_RE.finditer(text):
        if (m.group("vague") or "").lower() == "many" and _NOT_A_COUNT_BEFORE.search(text[max(0, m.start() - 8):m.start()]):
            continue
        quantity = _from_match(m)
        if quantity is not None:
            found.append(quantity)
    return found


def parse_quantity(text: str) -> Quantity | None:
    """The one number phrase that makes up text (surrounding blanks allowed), or None."""
    stripped = text.strip()
    m = _NUM_RE.fullmatch(stripped)
    return _from_match(m) if m else None


__all__ = ["Quantity", "find_quantities", "parse_quantity", "words_value", "VAGUE", "QUALIFIERS"]
