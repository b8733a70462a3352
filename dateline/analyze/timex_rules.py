"""The TIMEX rule table: one regular expression and one normalizer per kind of time expression.

Each normalizer turns its match into a TIMEX3 type and value against the publication date (the
anchor), leaning to the past as news does unless future-tense cues are near; `dateline.analyze.time`
runs the table over a text and settles overlaps. Kept apart from the stage so each file has one job.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from dateline.analyze import timex_lexicon as lx
from dateline.analyze.timex_lexicon import (
    _capitalized,
    _duration_value,
    _mod,
    _month_of,
    _nearest_year,
    _quarter_of,
    _shift_date,
    _shift_quarter,
    _unit_of,
    _week,
    _weekday_date,
)

TimexType = str  # "DATE" | "TIME" | "DURATION" | "SET"
UNKNOWN_DATE = "XXXX-XX-XX"

@dataclass(slots=True)
class _Norm:
    """What a rule's normalizer returns before the span and interval are attached."""

    type: TimexType
    value: str
    anchored: bool = False
    confidence: float = 0.8
    interval: tuple[date, date] | None = None
    mod: str | None = None


@dataclass(slots=True)
class _Context:
    """The article being read: its text, anchor date and what earlier expressions set (last quarter)."""

    text: str
    anchor: date | None
    last_quarter: tuple[int, int] | None = None
    last_year: int | None = None

    def clause(self, start: int) -> str:
        """Up to 80 characters of the sentence before a span."""
        left = self.text[max(0, start - 80):start]
        cut = max(left.rfind(". "), left.rfind("\n"))
        return left[cut + 1:] if cut >= 0 else left

    def future(self, start: int, end: int) -> bool:
        """True when the words around a span point to the future ("will", "next", "scheduled to")."""
        left = self.clause(start)
        right = self.text[end:end + 30].split(". ")[0]
        if re.match(r"\s*(?:will|is|are)\b", right):
            return True
        return lx.future_leaning(left)

    def past(self, start: int) -> bool:
        """True when a past-tense verb comes shortly before a span ("was signed in March")."""
        return bool(lx.PAST_CUES.search(self.text[max(0, start - 30):start]))


Normalizer = Callable[[re.Match[str], _Context], _Norm | None]


# --------------------------------------------------------------------------- normalizers


def _needs_anchor(ctx: _Context, unknown: str = UNKNOWN_DATE) -> _Norm | None:
    """A placeholder result for an anchored expression when the article has no date."""
    return None if ctx.anchor else _Norm("DATE", unknown, confidence=0.5)


def _full_date(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """Dates with a year: "May 4, 2017", "4 May 2017", "2017-05-04", "5/4/2017"."""
    groups = m.groupdict()
    if groups.get("mon") and not _capitalized(groups["mon"]):
        return None
    month = _month_of(groups["mon"]) if groups.get("mon") else int(groups["m"])
    year = int(groups["y"])
    year = year + (1900 if year >= 50 else 2000) if year < 100 else year
    try:
        day = date(year, month, int(groups["d"]))
    except ValueError:
        return None
    ctx.last_year = year
    return _Norm("DATE", day.isoformat(), confidence=0.95)


def _month_day(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """"May 4" or "4 May": the year of the anchor, moved back a year when that lands far ahead."""
    if not _capitalized(m["mon"]):
        return None
    month, day = _month_of(m["mon"]), int(m["d"])
    if not 1 <= day <= 31:
        return None
    if ctx.anchor is None:
        return _Norm("DATE", f"XXXX-{month:02d}-{day:02d}", confidence=0.6)
    year = ctx.anchor.year
    try:
        when = date(year, month, min(day, calendar.monthrange(year, month)[1]))
    except ValueError:
        return None
    when = _nearest_year(when, ctx.anchor, ctx.future(m.start(), m.end()))
    return _Norm("DATE", when.isoformat(), anchored=True, confidence=0.85)


def _month_year(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """"May 2017", "early March 1996"."""
    year = lx.year_number(m["y"])
    if not _capitalized(m["mon"]) or year is None:
        return None
    ctx.last_year = year
    return _Norm("DATE", f"{year}-{_month_of(m['mon']):02d}", confidence=0.9, mod=_mod(m["mod"]))


def _month_alone(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """"March", "last April", "in March": the latest such month at or before the anchor by default."""
    if len(m["mon"]) <= 4 and m["mon"].lower() not in ("may", "june", "july") and "." not in m["mon"]:
        return None
    if not _capitalized(m["mon"]) or (m["mon"].lower() == "may" and not (m["rel"] or m["mod"] or _after_preposition(m, ctx))):
        return None
    month = _month_of(m["mon"])
    if ctx.anchor is None:
        return _Norm("DATE", f"XXXX-{month:02d}", confidence=0.5, mod=_mod(m["mod"]))
    year, rel, yrel = ctx.anchor.year, (m["rel"] or "").lower(), (m["yrel"] or "").lower()
    if yrel:
        year += {"this": 0, "last": -1, "next": 1}[yrel]
    elif rel == "next":
        year += 1 if month <= ctx.anchor.month else 0
    elif rel in ("last", "past"):
        year -= 1 if month >= ctx.anchor.month else 0
    elif rel != "this":
        future = ctx.future(m.start(), m.end())
        year = _nearest_year(date(year, month, 15), ctx.anchor.replace(day=15), future).year
        if not future and ctx.past(m.start()) and month > ctx.anchor.month:
            year = ctx.anchor.year - 1
    return _Norm("DATE", f"{year}-{month:02d}", anchored=True, confidence=0.75, mod=_mod(m["mod"]))


def _after_preposition(m: re.Match[str], ctx: _Context) -> bool:
    """True when a word follows "in", "since", "until", "by", "of", "from" or "through"."""
    return bool(re.search(r"\b(?:in|since|until|by|of|from|through|to|early|late|mid|last|next|this)\s+$",
                          ctx.text[max(0, m.start() - 8):m.start()], re.I))


def _year(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """A four-digit year ("1998", "fiscal 1989", "mid-1996"), unless it looks like an amount."""
    before = ctx.text[max(0, m.start() - 2):m.start()]
    after = ctx.text[m.end():m.end() + 12]
    if "$" in before or re.match(r"\s*(?:%|percent|[a-z]+s\b(?<!years)|people|troops|hours)", after, re.I):
        if not m["mod"]:
            return None
    ctx.last_year = int(m["y"])
    return _Norm("DATE", m["y"], confidence=0.85, mod=_mod(m["mod"]))


def _spelled_year(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """A year in words: "nineteen ninety-six", "the year two thousand"."""
    year = lx.spelled_year(m["sy"])
    return _Norm("DATE", str(year), confidence=0.8) if year and 1000 <= year <= 2100 else None


def _decade(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """"the 1990s", "the late '70s" -> decade value "199"."""
    digits = m["dec"].lstrip("'")
    if len(digits) == 2:
        century = (ctx.anchor.year // 100) if ctx.anchor else 19
        year = century * 100 + int(digits)
        if ctx.anchor and year > ctx.anchor.year:
            year -= 100
        return _Norm("DATE", str(year // 10), anchored=bool(ctx.anchor), mod=_mod(m["mod"]))
    return _Norm("DATE", digits[:3], confidence=0.9, mod=_mod(m["mod"]))


def _century(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """"the 20th century" -> "19"."""
    word = m["n"].lower()
    n = lx.ORDINALS.get(word) or int(re.sub(r"\D", "", word) or 0)
    return _Norm("DATE", f"{n - 1:02d}", confidence=0.85, mod=_mod(m["mod"])) if 1 < n < 23 else None


def _season(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """"the fall of 2014" -> 2014-FA, "last summer", "this winter"."""
    code, rel = lx.SEASONS[m["s"].lower()], (m["rel"] or "").lower()
    if m["y"]:
        year = lx.year_number(m["y"])
        return None if year is None else _Norm("DATE", f"{year}-{code}", confidence=0.9, mod=_mod(m["mod"]))
    if not rel and not (m["the"] and not re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4])):
        return None
    if ctx.anchor is None:
        return _Norm("DATE", f"XXXX-{code}", confidence=0.5)
    first_month = lx.SEASON_MONTHS[code][0]
    year = ctx.anchor.year
    started = ctx.anchor.month >= first_month or (code == "WI" and ctx.anchor.month <= 2)
    if code == "WI" and ctx.anchor.month <= 2:
        year -= 1
    if rel in ("last", "past"):
        year -= 1 if started else 1
        year += 0 if started else 0
    elif rel in ("next", "coming") or (not rel and ctx.future(m.start(), m.end())):
        year += 0 if not started else 1
    elif not rel and not started:
        year -= 1
    return _Norm("DATE", f"{year}-{code}", anchored=True, confidence=0.7, mod=_mod(m["mod"]))


_WHICH_QUARTER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def _quarter(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """Fiscal quarters and halves: "the third quarter", "third-quarter", "the year-ago period"."""
    which = (m["which"] or "").lower().replace(" ", "-")
    noun = m["noun"].lower()
    if noun.startswith("period") and which not in ("year-ago", "year-earlier", "latest", "same", "comparable"):
        return None
    if not which and not m["the"]:
        return None
    if noun.startswith("half") and which not in ("first", "second", "1st", "2nd"):
        return None
    if ctx.anchor is None:
        return _Norm("DATE", "XXXX-QX" if noun.startswith("quarter") else UNKNOWN_DATE, confidence=0.5)
    current = _quarter_of(ctx.anchor)
    year = ctx.anchor.year
    yspec = (m["y"] or m["yr"] or "").lower().removesuffix("'s")
    if yspec.isdigit():
        year = int(yspec)
    elif "last" in yspec or "next" in yspec:
        year += -1 if "last" in yspec else 1
    if which in _WHICH_QUARTER:
        n = _WHICH_QUARTER[which]
        if noun.startswith("half"):
            return _Norm("DATE", f"{year}-H{n}", anchored=not yspec.isdigit(), confidence=0.8)
        if not yspec and n > current[1] and not ctx.future(m.start(), m.end()):
            year -= 1
        ctx.last_quarter = (year, n)
        return _Norm("DATE", f"{year}-Q{n}", anchored=not yspec.isdigit(), confidence=0.85)
    base = ctx.last_quarter or _shift_quarter(current, -1)
    if which in ("current", "this"):
        base = current
    elif which == "next":
        base = _shift_quarter(current, 1)
    elif which in ("year-ago", "year-earlier"):
        base = (base[0] - 1, base[1])
    return _Norm("DATE", f"{base[0]}-Q{base[1]}", anchored=True, confidence=0.6)


def _year_ago(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """"a year ago", "year-earlier": the same quarter a year before when quarters are being discussed."""
    if ctx.anchor is None:
        return _Norm("DATE", "XXXX", confidence=0.5)
    if ctx.last_quarter:
        return _Norm("DATE", f"{ctx.last_quarter[0] - 1}-Q{ctx.last_quarter[1]}", anchored=True, confidence=0.6)
    return _Norm("DATE", str(ctx.anchor.year - 1), anchored=True, confidence=0.7)


def _relative_unit(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """"last month", "this week", "earlier this year", "next year", "the past year"."""
    rel, unit = m["rel"].lower(), m["u"].lower().split()[-1]
    if rel == "that" or (rel == "same" and not m["the"]):
        return None
    if ctx.anchor is None:
        return _Norm("DATE", UNKNOWN_DATE, confidence=0.5)
    step = {"last": 1, "past": 1, "previous": 1, "prior": 1, "next": -1, "coming": -1, "following": -1}.get(rel, 0)
    mod = _mod(m["mod"])
    if unit == "weekend":
        return _weekend(ctx.anchor, step if step else (-1 if ctx.future(m.start(), m.end()) else 0))
    if unit == "week" and step == 0 and ctx.anchor is not None:
        return _Norm("DATE", _week(ctx.anchor), anchored=True, confidence=0.85, mod=mod)
    return _Norm("DATE", _shift_date(ctx.anchor, unit, step), anchored=True, confidence=0.85, mod=mod)


def _weekend(anchor: date, step: int) -> _Norm:
    """A weekend: the latest one at or before the anchor (step 0), one before that (1), the next (-1)."""
    last_saturday = anchor - timedelta(days=(anchor.isoweekday() - 6) % 7)
    saturday = last_saturday - timedelta(weeks=step) if step >= 0 else last_saturday + timedelta(weeks=-step)
    if step < 0 and (anchor - last_saturday).days <= 1:
        saturday = last_saturday + timedelta(weeks=-step - 1) if step == -1 else saturday
    return _Norm("DATE", _week(saturday) + "-WE", anchored=True, confidence=0.7)


def _the_weekend(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """"the weekend": the last one, or the coming one in future-tense sentences."""
    if ctx.anchor is None:
        return _Norm("DATE", "XXXX-WXX-WE", confidence=0.5)
    return _weekend(ctx.anchor, -1 if ctx.future(m.start(), m.end()) else 0)


def _ago(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """"three years ago", "two weeks earlier", "a month from now": the anchor shifted by the amount."""
    n, unit = lx.parse_number(m["n"]), _unit_of(m["u"])
    direction = m["dir"].lower()
    if n is None:
        return _Norm("DATE", "PAST_REF" if direction in ("ago", "earlier", "back") else "FUTURE_REF", confidence=0.6)
    if ctx.anchor is None:
        return _Norm("DATE", UNKNOWN_DATE, confidence=0.5)
    sign = 1 if direction in ("ago", "earlier", "back", "before") else -1
    if unit == "year" and n == 1 and ctx.last_quarter and direction in ("ago", "earlier"):
        return _year_ago(m, ctx)
    value = _shift_date(ctx.anchor, unit, sign * int(n))
    return _Norm("DATE", value, anchored=True, confidence=0.8)


def _duration(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """"five months", "the past two years", "a two-year", "several weeks" -> P5M, P2Y, PXW."""
    unit = _unit_of(m["u"])
    raw = m["n"]
    if raw.lower() in ("a", "an") and m["u"].lower().endswith("s"):
        return None
    n = lx.parse_number(raw)
    if n is not None and m["half"]:
        n += 0.5
    if raw.lower() in ("some", "recent") and not m["u"].lower().endswith("s"):
        return None
    if re.match(r"[\s-]+old\b", ctx.text[m.end():m.end() + 6]) or (unit == "quarter" and re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4])):
        return None
    if raw.lower() in ("a", "an") and re.search(r"(?:\d|dollars?|cents?|percent|%|times|once|twice)\s*$", ctx.text[max(0, m.start() - 12):m.start()]):
        return None
    if raw.lower() == "recent" and m["u"].lower().endswith("s"):
        return _Norm("DURATION", _duration_value(None, unit), confidence=0.6)
    if raw.lower() == "recent" or (n is None and (m["rel"] or "").lower() in ("last", "past")):
        return _Norm("DATE", "PAST_REF", confidence=0.6)
    n, unit = _in_years_or_months(n, unit)
    value = _duration_value(n, unit)
    rel = (m["rel"] or "").lower()
    interval = None
    if ctx.anchor and n is not None and unit in ("day", "week", "month", "year") and rel:
        days = int(n * {"day": 1, "week": 7, "month": 30.44, "year": 365.25}[unit])
        if rel in ("past", "last", "previous", "recent"):
            interval = (ctx.anchor - timedelta(days=days), ctx.anchor)
        elif rel in ("next", "coming", "following"):
            interval = (ctx.anchor, ctx.anchor + timedelta(days=days))
    return _Norm("DURATION", value, anchored=interval is not None, confidence=0.8, interval=interval)


def _in_years_or_months(n: int | float | None, unit: str) -> tuple[int | float | None, str]:
    """Decades and centuries count in years, quarters in months, as TIMEX3 durations are written."""
    factor = {"decade": (10, "year"), "century": (100, "year"), "quarter": (3, "month")}.get(unit)
    if factor is None:
        return n, unit
    return (None if n is None else n * factor[0]), factor[1]


def _bare_duration(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """"for years", "within weeks": a vague duration."""
    return _Norm("DURATION", _duration_value(None, _unit_of(m["u"])), confidence=0.6)


def _the_year(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """"for the year ended June 30" (a 12-month period: P1Y), "for the year" (the anchor's year), "by year-end"."""
    if m["end"]:
        if ctx.anchor is None:
            return _Norm("DATE", "XXXX-12-31", confidence=0.5)
        year = ctx.anchor.year - (1 if m["prep"].lower() == "since" else 0)
        return _Norm("DATE", f"{year}-12-31", anchored=True, confidence=0.6)
    if m["ended"]:
        return _Norm("DURATION", "P1Y", confidence=0.7)
    if ctx.anchor is None:
        return _Norm("DATE", "XXXX", confidence=0.5)
    return _Norm("DATE", str(ctx.anchor.year), anchored=True, confidence=0.6)


def _weekday(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """"Thursday", "last Friday", "Tuesday night" (TIME)."""
    if not _capitalized(m["wd"]):
        return None
    weekday = lx.WEEKDAYS[m["wd"].lower()]
    pod = lx.PARTS_OF_DAY.get((m["pod"] or "").lower())
    if m["plural"]:
        return _Norm("SET", f"XXXX-WXX-{weekday}" + (f"T{pod}" if pod else ""), confidence=0.7)
    if ctx.anchor is None:
        value = f"XXXX-WXX-{weekday}"
        anchored = False
    else:
        rel = (m["rel"] or "").lower()
        value = _weekday_date(ctx.anchor, weekday, rel, ctx.future(m.start(), m.end())).isoformat()
        anchored = True
    return _Norm("DATE", f"{value}T{pod}" if pod else value, anchored=anchored, confidence=0.85)


_DAY_WORDS = {"yesterday": 1, "today": 0, "tomorrow": -1, "tonight": 0, "last night": 1, "overnight": 1,
              "this morning": 0, "this afternoon": 0, "this evening": 0}  # "overnight": the night just past


def _day_word(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """"yesterday", "today", "tomorrow morning", "tonight", "overnight" against the anchor."""
    word = " ".join(m["dw"].lower().split())
    pod_word = (m["pod"] or (word.split()[-1] if word in ("tonight", "last night", "overnight") or " " in word else "")).lower()
    pod = lx.PARTS_OF_DAY.get(pod_word.replace("tonight", "night"))
    if ctx.anchor is None:
        value, anchored = UNKNOWN_DATE, False
    else:
        value, anchored = (ctx.anchor - timedelta(days=_DAY_WORDS[word])).isoformat(), True
    if pod:
        return _Norm("TIME", f"{value}T{pod}", anchored=anchored, confidence=0.85)
    return _Norm("DATE", value, anchored=anchored, confidence=0.9, mod=_mod(m["mod"]))


def _clock(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """"10 a.m.", "3:30 p.m. Wednesday", "noon": a TIME on the anchor day (or the named day)."""
    if m["noon"]:
        hour, minute = (12 if m["noon"].lower() == "noon" else 24), 0
    else:
        hour, minute = int(m["h"]), int(m["min"] or 0)
        ampm = (m["ap"] or "").lower()
        if hour > 12 or minute > 59:
            return None
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
    day_word = (m["day"] or "").lower()
    if m["mon"]:
        on = _month_day(m, ctx)
        if on is None:
            return None
        day, anchored = on.value, on.anchored
    elif ctx.anchor is None:
        day, anchored = UNKNOWN_DATE, False
    elif day_word in lx.WEEKDAYS:
        day, anchored = _weekday_date(ctx.anchor, lx.WEEKDAYS[day_word], "", ctx.future(m.start(), m.end())).isoformat(), True
    else:
        day, anchored = (ctx.anchor - timedelta(days=_DAY_WORDS.get(day_word, 0))).isoformat(), True
    return _Norm("TIME", f"{day}T{hour:02d}:{minute:02d}", anchored=anchored, confidence=0.85)


def _ref(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """"now", "currently" -> PRESENT_REF; "recently" -> PAST_REF; "the future" -> FUTURE_REF."""
    word = " ".join(m[0].lower().split())
    if word == "current" and not re.match(r"\s+[a-z]", ctx.text[m.end():m.end() + 3]):
        return None
    return _Norm("DATE", lx.REF_WORDS[word], anchored=word in ("now", "currently"), confidence=0.7)


def _set_word(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """"daily", "weekly" -> SET P1D, P1W."""
    return _Norm("SET", lx.SET_WORDS[m[0].lower()], confidence=0.8)


def _set_every(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """"every day", "each Thursday", "twice a week", "every two years" -> SET."""
    what = m["u"].lower()
    if m["q"].lower() == "a" and not m["times"]:
        return None
    if what in lx.WEEKDAYS:
        return _Norm("SET", f"XXXX-WXX-{lx.WEEKDAYS[what]}", confidence=0.8)
    if what in ("morning", "night", "evening", "afternoon"):
        return _Norm("SET", f"XXXX-XX-XXT{lx.PARTS_OF_DAY[what]}", confidence=0.7)
    n = lx.parse_number(m["n"]) if m["n"] and m["n"].lower() != "other" else (2 if m["n"] else 1)
    return _Norm("SET", _duration_value(n or 1, _unit_of(what)), confidence=0.8)


_HOLIDAYS = {"christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
             "new year's eve": (12, 31), "new year's day": (1, 1), "independence day": (7, 4),
             "halloween": (10, 31), "valentine's day": (2, 14), "veterans day": (11, 11)}


def _holiday(m: re.Match[str], ctx: _Context) -> _Norm | None:
    """Fixed holidays and Thanksgiving, in the anchor's year (or the year written after them)."""
    word = " ".join(m["hol"].lower().split())
    year = int(m["y"]) if m["y"] else (ctx.anchor.year if ctx.anchor else None)
    if year is None:
        return _Norm("DATE", UNKNOWN_DATE, confidence=0.5)
    if word.startswith("thanksgiving"):
        day = lx.thanksgiving(year)
    else:
        day = date(year, *_HOLIDAYS[word])
    if ctx.anchor and not m["y"]:
        day = _nearest_year(day, ctx.anchor, ctx.future(m.start(), m.end()))
        if word.startswith("thanksgiving"):
            day = lx.thanksgiving(day.year)
    return _Norm("DATE", day.isoformat(), anchored=not m["y"], confidence=0.75)


# --------------------------------------------------------------------------- the rule table

_M, _WD, _N, _U = lx.MONTH, lx.WEEKDAY, lx.NUMBER, lx.UNIT_WORD
_MOD = rf"(?P<mod>{lx.MODIFIER})?"
_POD = r"(?:,?\s+(?P<pod>morning|afternoon|evening|night|overnight))?"
_REL_WORDS = r"past|last|next|first|coming|previous|final|initial|following|latest|recent|remaining|same|other"

RULES: list[tuple[str, str, Normalizer]] = [
    ("iso", r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b", _full_date),
    ("slash", r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})\b", _full_date),
    ("mdy", rf"\b(?P<mon>{_M})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", _full_date),
    ("dmy", rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_M}),?\s+(?P<y>\d{{4}})\b", _full_date),
    ("md", rf"\b(?P<mon>{_M})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:.]\d|\d)", _month_day),
    ("dm", rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_M})", _month_day),
    ("my", rf"\b{_MOD}(?P<mon>{_M}),?\s+(?:of\s+)?(?P<y>\d{{4}}|{lx.SPELLED_YEAR})\b", _month_year),
    ("month", rf"\b{_MOD}(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<mon>{_M})"
              rf"(?:,?\s+(?P<yrel>this|last|next)\s+year)?", _month_alone),
    ("year", rf"(?<![\w$.,-])(?P<mod>{lx.MODIFIER}|fiscal\s+|the\s+(?:fiscal\s+|calendar\s+)?year\s+|calendar\s+)?"
             rf"(?P<y>1[6-9]\d\d|20\d\d)(?![\w%]|[.,-]\d)", _year),
    ("spelled_year", rf"\b(?:the\s+year\s+)?(?P<sy>{lx.SPELLED_YEAR})\b", _spelled_year),
    ("decade", r"(?<!\w)(?:the\s+)?(?P<mod>early\s+|late\s+|mid-?\s*)?(?P<dec>\d{3}0|'\d0)'?s\b", _decade),
    ("century", rf"\b(?:the\s+)?{_MOD}(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{lx.alternation(lx.ORDINALS)})[\s-]+century\b",
     _century),
    ("season", rf"\b(?:(?P<the>the)\s+)?{_MOD}(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<s>{lx.SEASON})"
               rf"(?:\s+(?:of\s+)?(?P<y>\d{{4}}|{lx.SPELLED_YEAR}))?\b", _season),
    ("quarter", r"\b(?:(?P<the>the)\s+)?(?:(?P<yr>this\s+year's|last\s+year's|next\s+year's|\d{4}(?:'s)?)\s+)?(?:fiscal\s+)?"
                r"(?:(?P<which>first|second|third|fourth|1st|2nd|3rd|4th|latest|last|current|previous|past|same"
                r"|next|year[\s-]ago|year[\s-]earlier|recent|comparable|final)[\s-]+)?(?:fiscal\s+)?"
                r"(?P<noun>quarter|half|period)(?![\w-])(?:\s+(?:of|in)\s+(?P<y>\d{4}|this\s+year|last\s+year))?",
     _quarter),
    ("year_ago", r"\b(?:the\s+)?(?:year-earlier|year-ago)\b(?!\s+(?:quarter|period))", _year_ago),
    ("rel_unit", r"\b(?:(?P<the>the)\s+)?(?P<mod>(?:early|late|earlier|later|mid)\s+)?"
                 r"(?P<rel>last|past|previous|prior|next|coming|this|current|that|same|following)\s+"
                 r"(?P<u>week|weekend|month|year|decade|century|fiscal\s+year)\b(?!-)", _relative_unit),
    ("weekend", r"\bthe\s+weekend\b", _the_weekend),
    ("the_year", r"\b(?P<prep>for|in|of|by|since|around|at)\s+(?P<span>the\s+(?:full\s+|fiscal\s+|calendar\s+)?year(?=(?P<ended>\s+(?:ended|ending))?)"
                 r"(?![\s-]+(?:ago|earlier|before|after|later|old|to|that|when|in|\d))|(?P<end>year[\s-]end)(?=\s*[.,;]))",
     _the_year),
    ("ago", rf"\b{lx.APPROX}(?P<n>{_N})[\s-]+(?P<u>{_U})\s+(?P<dir>ago|earlier|later|from\s+now|hence|back)\b",
     _ago),
    ("duration", rf"\b(?:(?P<the>the)\s+)?(?:(?P<rel>{_REL_WORDS})\s+)?{lx.APPROX}(?P<n>{_N})[\s-]+(?P<u>{_U})"
                 r"(?P<half>\s+and\s+a\s+half\b)?",
     _duration),
    ("bare_duration", r"\b(?:for|within|over|in|after)\s+(?P<span>(?:(?:recent|the\s+past|the\s+coming|the\s+next)\s+)?"
                      r"(?P<u>years|months|weeks|days|decades|hours))\b", _bare_duration),
    ("weekday", rf"\b(?:(?P<rel>last|next|this|early|late)\s+)?(?P<wd>{lx.alternation(lx.WEEKDAYS)})(?P<plural>s)?(?!\w){_POD}",
     _weekday),
    ("day_word", r"\b(?:(?P<mod>early|late)\s+)?(?P<dw>yesterday|today|tomorrow|tonight|last\s+night|overnight"
                 r"|this\s+(?:morning|afternoon|evening))(?!\w)(?:\s+(?P<pod>morning|afternoon|evening|night))?",
     _day_word),
    ("clock", rf"\b(?:(?P<h>\d{{1,2}})(?::(?P<min>\d{{2}}))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b|o'clock)|(?P<noon>noon|midnight))"
              rf"(?:\s+(?:[ECMP][SD]T|GMT|UTC|ET|local\s+time)\b)?(?:,?\s+(?:on\s+)?(?P<day>{_WD}|today|yesterday|tomorrow"
              rf"|(?P<mon>{_M})\s+(?P<d>\d{{1,2}})(?!\d)))?",
     _clock),
    ("ref", rf"\b(?:{lx.alternation(lx.REF_WORDS)})(?!\w)", _ref),
    ("set_word", rf"\b(?:{lx.alternation(lx.SET_WORDS)})\b", _set_word),
    ("set_every", rf"\b(?:(?P<times>once|twice|{_N}\s+times)\s+)?(?P<q>every|each|per|a)\s+(?:(?P<n>other|{_N})\s+)?"
                  rf"(?P<u>{_U}|{_WD}|morning|night|evening|afternoon)", _set_every),
    ("holiday", rf"\b(?P<hol>thanksgiving(?:\s+day)?|{lx.alternation(_HOLIDAYS)})(?:,?\s+(?P<y>\d{{4}}))?\b", _holiday),
]
# --------------------------------------------------------------------------- fast scanning, same matches
# Scanning 28 case-insensitive patterns over every text was the stage's whole cost. Two exact short
# cuts (time.py's `_matches`): a rule is skipped when its text lacks every one of the rule's
# *gate* words (lower-case substrings that every match of the rule contains), and the patterns run
# case-sensitively over the lower-cased text, each hit re-matched at its start by the
# case-insensitive pattern over the original text (the normalizers read the original casing).

_MONTH_KEYS = tuple(sorted({m[:3] for m in lx.MONTHS}))  # every month word starts with one of these
_UNIT_KEYS = ("second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade", "centur")


def _longest_words(phrases: object) -> tuple[str, ...]:
    """One word of each phrase (its longest), lower-cased: a gate for an alternation of phrases."""
    return tuple(sorted({max(p.lower().split(), key=len) for p in phrases}))  # type: ignore[attr-defined]


GATES: dict[str, tuple[str, ...]] = {
    "iso": ("-",), "slash": ("/",), "mdy": _MONTH_KEYS, "dmy": _MONTH_KEYS, "md": _MONTH_KEYS,
    "dm": _MONTH_KEYS, "my": _MONTH_KEYS, "month": _MONTH_KEYS, "decade": ("0s", "0's"),
    "spelled_year": ("thousand", "nineteen", "eighteen", "twenty"), "century": ("centur",),
    "season": tuple(lx.SEASONS), "quarter": ("quarter", "half", "period"), "year_ago": ("year-",),
    "rel_unit": ("week", "month", "year", "decade", "centur"), "weekend": ("weekend",), "the_year": ("year",),
    "ago": ("ago", "earlier", "later", "now", "hence", "back"), "duration": _UNIT_KEYS,
    "bare_duration": ("years", "months", "weeks", "days", "decades", "hours"),
    "weekday": tuple(lx.WEEKDAYS), "day_word": ("yesterday", "today", "tomorrow", "tonight", "night", "this"),
    "ref": _longest_words(lx.REF_WORDS), "set_word": tuple(lx.SET_WORDS),
    "set_every": (*_UNIT_KEYS, "morning", "night", "evening", "afternoon"),
    "holiday": ("thanksgiving", *_longest_words(_HOLIDAYS)),
}  # rules without a gate ("year", "clock") always run
# Characters outside ASCII that a case-insensitive ASCII letter matches ("\u212a" Kelvin sign = "k",
# long s, dotted and dotless i): in a text holding one, lower-casing is not exact, so it is scanned whole.
_FOLD_SPECIAL = frozenset(chr(c) for c in (0x130, 0x131, 0x17F, 0x212A))


def _caseless(pattern: str) -> str:
    """The pattern for lower-cased text: its letters lower-cased, escapes ("\\S") and "(?P" kept."""
    return re.sub(r"\\.|\(\?P|[A-Z]", lambda m: m[0] if len(m[0]) > 1 else m[0].lower(), pattern)


@dataclass(frozen=True, slots=True)
class Rule:
    """One compiled rule: its pattern for the original text and for the lower-cased one, its gate."""

    name: str
    pattern: re.Pattern[str]
    lower: re.Pattern[str]
    gate: tuple[str, ...] | None
    normalize: Normalizer
    rank: int  # ties between equally long candidates go to the rule listed first


_COMPILED = [Rule(name, re.compile(pattern, re.I), re.compile(_caseless(pattern)), GATES.get(name), normalize, rank)
             for rank, (name, pattern, normalize) in enumerate(RULES)]
