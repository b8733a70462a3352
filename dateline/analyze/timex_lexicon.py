"""Word tables, regex fragments and TIMEX3 value arithmetic, kept apart so the rules in time.py stay short."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sept": 9, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTHS: dict[str, tuple[int, int]] = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}
UNITS: dict[str, str] = {
    "second": "S", "minute": "MIN", "hour": "H", "day": "D", "week": "W", "weekend": "WE",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
}
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}
SMALL_NUMBERS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "a": 1, "an": 1, "single": 1, "a couple of": 2, "couple of": 2, "a couple": 2, "a half": 1,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
VAGUE_NUMBERS = ("a few", "few", "several", "some", "many", "a number of", "numerous", "recent")
# A SET made of a frequency word, with its TIMEX3 value.
SET_WORDS: dict[str, str] = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
    "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W",
}
# Single words that point at the present, the past or the future as a whole.
REF_WORDS: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "presently": "PRESENT_REF", "at present": "PRESENT_REF",
    "these days": "PRESENT_REF", "the present": "PRESENT_REF", "right now": "PRESENT_REF",
    "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF", "in the past": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "in the future": "FUTURE_REF",
}
FUTURE_CUES = re.compile(
    r"\b(will|won't|wo|'ll|shall|going to|plans? to|planned|scheduled|expected to|expects? to|"
    r"is to|are to|upcoming|next|would|could|might|set to|as soon as|as early as|planning|until|supposed to|due to)\b", re.I)
PAST_CUES = re.compile(r"\b(was|were|had|did|ago|since|ended|\w+ed)\b", re.I)
# A finite past verb: "was", "had", a lower-case "-ed" word not after a form of "be" ("will be named").
_PAST_VERB = re.compile(r"\b(?:(?i:was|were|had|did)|(?<!\bbe )(?<!\bis )(?<!\bare )(?<!\bbeen )[a-z]+ed)\b")


def future_leaning(left: str) -> bool:
    """True when the nearest tense cue before a span is a future one ("set to resume", "as soon as").

    A past-tense verb closer to the span wins ("would appeal the decision, announced Wednesday").
    """
    fut = list(FUTURE_CUES.finditer(left))
    if not fut:
        return False
    last = fut[-1]
    inside = [(m.start(), m.end()) for m in fut]
    for p in _PAST_VERB.finditer(left, last.end()):
        if not any(s <= p.start() < e for s, e in inside):
            return False
    return True


def alternation(words: list[str] | tuple[str, ...] | set[str] | dict[str, object]) -> str:
    """Regex alternation of words, longest first so that the regex prefers the fullest spelling."""
    items = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


_NUMBER_WORD = (
    rf"(?:(?:{alternation(TENS)})(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
    rf"|{alternation([w for w in SMALL_NUMBERS if w[0] != 'a'])})"
)
# A count: digits, a number in words, "a hundred", or a vague quantity (value X).
NUMBER = (
    rf"(?:\d+(?:\s+1/2|\.\d+)?|(?:a|one)\s+hundred|{_NUMBER_WORD}(?:\s+hundred)?|{_NUMBER_WORD}\s+and\s+a\s+half"
    rf"|a\s+couple\s+of|{alternation(VAGUE_NUMBERS)}|an?)"
)
MONTH = rf"(?:{alternation([m for m in MONTHS if len(m) > 3 or m in ('may',)])}|(?:{alternation([m for m in MONTHS if len(m) <= 4 and m != 'may'])})\.?)(?![\w])"
WEEKDAY = rf"(?:{alternation(WEEKDAYS)})(?![\w])"
SEASON = rf"(?:{alternation(SEASONS)})"
UNIT_WORD = (r"(?:second|minute|hour|day|week|month|quarter|year|decade|century|centurie)s?"
             r"(?![\w])")
APPROX = r"(?:(?:nearly|almost|about|around|roughly|some|more\s+than|less\s+than|up\s+to|at\s+least|over|only|just)\s+)?"
MODIFIER = r"(?:(?:the\s+)?(?:end|beginning|start|middle|close|turn)\s+of\s+(?:the\s+)?|early\s+|late\s+|mid-?\s*)"
MODIFIER_VALUES: dict[str, str] = {
    "end": "END", "close": "END", "beginning": "START", "start": "START", "early": "START",
    "late": "END", "mid": "MID", "middle": "MID", "turn": "START",
}


def parse_number(words: str) -> int | float | None:
    """Turn a count in digits or words ("twenty-four", "a couple of") into a number; None when vague."""
    w = " ".join(words.lower().replace("-", " ").split())
    if not w:
        return None
    if re.fullmatch(r"\d+(\.\d+)?", w):
        return float(w) if "." in w else int(w)
    if re.fullmatch(r"\d+ 1/2", w):
        return int(w.split()[0]) + 0.5
    if w in VAGUE_NUMBERS or w in ("few", "a few"):
        return None
    if w.endswith(" and a half"):
        base = parse_number(w[: -len(" and a half")])
        return None if base is None else base + 0.5
    if w in SMALL_NUMBERS:
        return SMALL_NUMBERS[w]
    total = 0
    for token in w.split():
        if token in TENS:
            total += TENS[token]
        elif token in SMALL_NUMBERS and token not in ("a", "an"):
            total += SMALL_NUMBERS[token]
        elif token == "hundred":
            total = max(total, 1) * 100
        elif token not in ("a", "an"):
            return None
    return total or None


def spelled_year(words: str) -> int | None:
    """Read a year said in words: "nineteen ninety-six" -> 1996, "two thousand" -> 2000."""
    w = words.lower().replace("-", " ").split()
    if w[:2] == ["two", "thousand"]:
        rest = parse_number(" ".join(w[2:]).replace("and ", "")) if len(w) > 2 else 0
        return None if rest is None else 2000 + int(rest)
    if len(w) >= 2 and w[0] in SMALL_NUMBERS and 10 <= SMALL_NUMBERS[w[0]] <= 20:
        rest = parse_number(" ".join(w[1:]))
        if rest is not None and 10 <= rest < 100:
            return SMALL_NUMBERS[w[0]] * 100 + int(rest)
    return None


def year_number(text: str) -> int | None:
    """A year written in digits or words ("1994", "nineteen ninety-four")."""
    if text.isdigit():
        return int(text)
    year = spelled_year(text)
    return year if year and 1000 <= year <= 2100 else None


def thanksgiving(year: int) -> date:
    """US Thanksgiving: the fourth Thursday of November."""
    first = date(year, 11, 1)
    return first + timedelta(days=(4 - first.isoweekday()) % 7 + 21)


SPELLED_YEAR = (rf"(?:two\s+thousand(?:\s+(?:and\s+)?{_NUMBER_WORD})?|(?:nineteen|eighteen|twenty)\s+"
                rf"(?:{alternation(TENS)})(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?)")


# --------------------------------------------------------------------------- value arithmetic shared by the normalizers


def _month_of(word: str) -> int:
    """Month number of a month word or abbreviation ("Sept." -> 9)."""
    return MONTHS[word.lower().rstrip(".")]


def _capitalized(word: str) -> bool:
    """Month and weekday names count only when capitalized ("may" the verb is not May)."""
    return word[:1].isupper()


def _shift_month(year: int, month: int, k: int) -> tuple[int, int]:
    """Add k months to (year, month)."""
    index = year * 12 + month - 1 + k
    return index // 12, index % 12 + 1


def _week(d: date) -> str:
    """ISO week value of a day: 2017-W18."""
    iso = d.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _quarter_of(d: date) -> tuple[int, int]:
    """(year, quarter) containing a day."""
    return d.year, (d.month - 1) // 3 + 1


def _shift_quarter(yq: tuple[int, int], k: int) -> tuple[int, int]:
    """Add k quarters to (year, quarter)."""
    index = yq[0] * 4 + yq[1] - 1 + k
    return index // 4, index % 4 + 1


def _mod(word: str | None) -> str | None:
    """TIMEX3 mod from a modifier phrase ("early" -> START, "the end of" -> END)."""
    if not word:
        return None
    for key, value in MODIFIER_VALUES.items():
        if key in word.lower():
            return value
    return None


_HALF_UNITS: dict[str, tuple[str, int]] = {"year": ("M", 6), "hour": ("M", 30), "minute": ("S", 30), "day": ("H", 12)}


def _duration_value(n: int | float | None, unit: str) -> str:
    """TIMEX3 duration value: P2Y, PT5H, PXM when the count is vague; halves as P2Y6M, PT1M30S."""
    if n is not None and not float(n).is_integer() and float(n * 2).is_integer() and unit in _HALF_UNITS:
        whole, (sub, amount) = int(n), _HALF_UNITS[unit]
        head = _duration_value(whole, unit) if whole else ("PT" if unit in ("hour", "minute") or sub == "H" else "P")
        if sub == "H" and "T" not in head:
            head += "T"
        return f"{head}{amount}{sub}"
    count = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    code = UNITS[unit]
    if code in ("H", "MIN", "S"):
        return f"PT{count}{code[0]}"
    return f"P{count}{code}"


def _unit_of(word: str) -> str:
    """Singular unit name of a unit word ("centuries" -> century)."""
    w = word.lower()
    if w.startswith("centur"):
        return "century"
    return w[:-1] if w.endswith("s") else w


def _shift_date(anchor: date, unit: str, n: int) -> str:
    """Value of the date n units before the anchor (negative n: after), at the unit's granularity."""
    if unit in ("second", "minute", "hour", "day"):
        days = n if unit == "day" else 0
        return (anchor - timedelta(days=days)).isoformat()
    if unit in ("week", "weekend"):
        return _week(anchor - timedelta(weeks=n))
    if unit == "month":
        y, m = _shift_month(anchor.year, anchor.month, -n)
        return f"{y}-{m:02d}"
    if unit == "quarter":
        y, q = _shift_quarter(_quarter_of(anchor), -n)
        return f"{y}-Q{q}"
    if unit == "decade":
        return f"{(anchor.year - 10 * n) // 10}"
    if unit == "century":
        return f"{(anchor.year - 100 * n) // 100}"
    return str(anchor.year - n)


def _nearest_year(when: date, anchor: date, future: bool) -> date:
    """Move a day without a year to the year that puts it nearest the anchor (ahead of it if future)."""
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(when.replace(year=year))
        except ValueError:
            options.append(when.replace(year=year, day=28))
    if future:
        return min((d for d in options if d >= anchor - timedelta(days=7)), key=lambda d: d - anchor)
    return min(options, key=lambda d: abs((d - anchor).days) * (1.0 if d <= anchor else 1.5))


def _weekday_date(anchor: date, weekday: int, rel: str, future: bool) -> date:
    """The day a weekday name points at: at/before the anchor in past contexts, at/after in future ones."""
    back = (anchor.isoweekday() - weekday) % 7
    if rel == "last":
        return anchor - timedelta(days=back or 7)
    if rel == "next":
        return anchor + timedelta(days=(weekday - anchor.isoweekday()) % 7 or 7)
    if future or rel == "this" and back:
        return anchor + timedelta(days=(weekday - anchor.isoweekday()) % 7)
    return anchor - timedelta(days=back)


def interval_of(value: str, anchor: date | None = None) -> tuple[date, date] | None:
    """The first and last day a TIMEX3 DATE/TIME value covers; None for refs, sets and unknowns."""
    if value == "PRESENT_REF" and anchor:
        return anchor, anchor
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return d, d
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m:
        y, mo = int(m[1]), int(m[2])
        return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    m = re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value)
    if m:
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return (monday + timedelta(days=5) if m[3] else monday), monday + timedelta(days=6)
    m = re.fullmatch(r"(\d{4})-(Q|H)(\d)", value)
    if m:
        y, size = int(m[1]), 3 if m[2] == "Q" else 6
        first = (int(m[3]) - 1) * size + 1
        last = first + size - 1
        return date(y, first, 1), date(y, last, calendar.monthrange(y, last)[1])
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if m:
        y, (first, last) = int(m[1]), SEASON_MONTHS[m[2]]
        end_year = y + 1 if last < first else y
        return date(y, first, 1), date(end_year, last, calendar.monthrange(end_year, last)[1])
    for digits, span in ((4, 1), (3, 10), (2, 100)):
        if re.fullmatch(rf"\d{{{digits}}}", value):
            first = int(value) * span
            return date(max(first, 1), 1, 1), date(first + span - 1, 12, 31)
    return None
