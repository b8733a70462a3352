"""Time expressions -> TIMEX3 values anchored on the publication date, with a resolved date interval.

Recognition is a small table of regex rules over plain text (no parser needed, see timex_rules.py);
each rule has a normalizer that turns its match into a TIMEX3 type and value. Overlapping candidates are settled by
keeping the longest. Relative expressions ("last month", "Thursday", "in March") are resolved
against the anchor, leaning to the past as news does, unless future-tense cues are near.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from dateline.analyze.registry import stage
from dateline.analyze.timex_lexicon import interval_of
from dateline.analyze.timex_rules import (
    _COMPILED,
    _FOLD_SPECIAL,
    UNKNOWN_DATE,
    Normalizer,
    Rule,
    TimexType,
    _Context,
    _Norm,
)

if TYPE_CHECKING:
    from dateline.analyze.base import Analysis
    from dateline.config import Config

__all__ = ["UNKNOWN_DATE", "TimeExpr", "TimeStage", "find_times", "interval_of", "with_offset"]


@dataclass(slots=True)
class TimeExpr:
    """One time expression: its span, TIMEX3 type and value, and the date range it stands for."""

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    interval_start: date | None = None
    interval_end: date | None = None
    anchored: bool = False
    confidence: float = 0.8
    mod: str | None = None




@dataclass(slots=True)
class _Candidate:
    """A rule match waiting for the overlap decision."""

    start: int
    end: int
    rank: int
    match: re.Match[str] = field(repr=False)
    normalize: Normalizer = field(repr=False)


def _candidates(text: str, anchor: date | None) -> list[_Candidate]:
    """All rule matches whose normalizer accepts them (checked on a scratch context)."""
    scratch = _Context(text, anchor)
    lower = _lowered(text)
    found = []
    for rule in _COMPILED:
        has_span = "span" in rule.pattern.groupindex
        for m in _matches(rule, text, lower):
            start, end = m.span("span") if has_span else m.span()
            if end > start and _normalized(rule.normalize, m, scratch) is not None:
                found.append(_Candidate(start, end, rule.rank, m, rule.normalize))
    return found


def _lowered(text: str) -> str | None:
    """The text lower-cased when that keeps every case-insensitive match the same, else None.

    Lower-casing must keep the length, and the text must not hold a character outside ASCII that an
    ASCII letter matches case-insensitively (the Kelvin sign, the long s, a dotted or dotless i).
    """
    lower = text.lower()
    if len(lower) != len(text) or (not text.isascii() and not _FOLD_SPECIAL.isdisjoint(text)):
        return None
    return lower


def _matches(rule: Rule, text: str, lower: str | None) -> Iterator[re.Match[str]]:
    """The rule's matches in text, exactly as ``rule.pattern.finditer(text)`` yields them, found faster.

    Over the lower-cased text: nothing when no gate word occurs; else the case-sensitive pattern's
    hits, each re-matched at its start by the case-insensitive pattern over the original text (same
    span and groups, since the two patterns accept the same strings there).
    """
    if lower is None:
        yield from rule.pattern.finditer(text)
        return
    if rule.gate is not None and not any(word in lower for word in rule.gate):
        return
    for hit in rule.lower.finditer(lower):
        m = rule.pattern.match(text, hit.start())
        if m is None or m.end() != hit.end():  # cannot happen (see _lowered); the plain scan decides
            yield from (m for m in rule.pattern.finditer(text) if m.start() >= hit.start())
            return
        yield m


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the longest candidates that do not overlap, in text order."""
    taken: list[_Candidate] = []
    occupied: list[tuple[int, int]] = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.rank, c.start)):
        if all(c.end <= s or c.start >= e for s, e in occupied):
            taken.append(c)
            occupied.append((c.start, c.end))
    return sorted(taken, key=lambda c: c.start)


_UNPADDED_YEAR = re.compile(r"^(\d{1,3})-")


def _normalized(normalize: Normalizer, m: re.Match[str], ctx: _Context) -> _Norm | None:
    """A rule's result, or None where it falls off the calendar ("the next 1000 decades", "10000 years ago")."""
    try:
        norm = normalize(m, ctx)
    except (OverflowError, ValueError):  # a date after 9999 or before year 1
        return None
    if norm is None or norm.value.startswith("-") or norm.value == "0":
        return None
    norm.value = _UNPADDED_YEAR.sub(lambda y: y[1].zfill(4) + "-", norm.value)  # "999-03" -> "0999-03"
    return norm


def find_times(text: str, anchor: date | None) -> list[TimeExpr]:
    """Find and normalize every time expression in text, relative ones resolved against anchor."""
    ctx = _Context(text, anchor)
    found: list[TimeExpr] = []
    for c in _select(_candidates(text, anchor)):
        norm = _normalized(c.normalize, c.match, ctx)
        if norm is None:
            continue
        try:
            interval = norm.interval or (interval_of(norm.value, anchor) if norm.type in ("DATE", "TIME") else None)
        except ValueError:  # a year 0 ("March 0000")
            continue
        found.append(TimeExpr(c.start, c.end, text[c.start:c.end], norm.type, norm.value,
                              interval[0] if interval else None, interval[1] if interval else None,
                              norm.anchored, norm.confidence, norm.mod))
    return found


def with_offset(expr: TimeExpr, offset: int) -> TimeExpr:
    """The same expression with its span moved by offset (for text cut out of a larger document)."""
    return replace(expr, start=expr.start + offset, end=expr.end + offset)


COMPONENT = "time.timex3.v2"  # the stage version: bump it when the expressions or values found change


@stage(COMPONENT, alias="time")
class TimeStage:
    """Find and normalize the time expressions of each article against its publication date."""

    name: ClassVar[str] = COMPONENT
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ("times",)

    def setup(self, config: Config) -> None:
        """Nothing to load: the rules are compiled at import."""

    def process(self, batch: list[Analysis]) -> list[Analysis]:
        for analysis in batch:
            analysis.times = find_times(analysis.text, analysis.published)
            analysis.components[self.name] = self.name
        return batch
