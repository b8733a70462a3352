"""Which time expression dates a reported incident: the clause of the event, not the statement about it.

A news release carries several kinds of day-precise time expressions, and only some of them date the
incident it reports:

- the dateline or headline date ("KABUL, Afghanistan (Aug. 4)"): a calendar date written with digits
  equal to the publication date dates the release, not the incident (a relative "today" still counts);
- a statement time: "Coalition forces *today* confirmed the arrest ... Sept. 19", "officials said on
  Tuesday": the time of a reporting verb dates the statement, not what it reports;
- a noun modifier: "the leader responsible for *Tuesday's* attack", "the *Aug. 8* suicide attack":
  a possessive or pre-noun date dates that noun (often an earlier, background event), not the clause;
- a day far from publication (after it, or more than 31 days before): background, not the news;
- a reference to the present ("currently assessing an incident"): it dates a state, not an event.

What is left are the incident times. ``incident_times`` lists them; ``incident_date`` chooses, for a
figure, the one nearest it in its own sentence, else the first of the text, else the publication date
(flagged ``from_publication``). The time stage is not changed: this only chooses among its outputs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .base import Analysis
    from .time import TimeExpr

REPORTING_VERBS = frozenset({
    "confirm", "say", "announce", "report", "state", "tell", "add", "disclose", "reveal", "acknowledge",
    "claim", "deny", "note", "release", "brief", "publish", "declare", "verify", "identify",
})
MAX_DAYS_BEFORE = 31
_POSSESSIVE = re.compile(r"^\s*['’]s?\b")
_MODIFIER_DEPS = frozenset({"poss", "compound", "nmod", "amod"})


@dataclass(frozen=True, slots=True)
class DateChoice:
    """The date chosen for an incident, the text that gave it, and how it was chosen."""

    day: date | None
    text: str = ""
    how: str = "publication"  # "figure-sentence", "text" or "publication"
    relative: bool = True  # counted from the publication date ("yesterday", "Monday", or the date itself)

    @property
    def from_publication(self) -> bool:
        """True when no time expression dated it (the publication date stands in)."""
        return self.how == "publication"


def dateline_like(t: TimeExpr, published: date | None) -> bool:
    """True for a calendar date (written with digits) equal to the publication date: the dateline or
    headline ("KABUL, Afghanistan (Aug. 4)"), not a relative "today" or "Wednesday"."""
    return t.interval_start == published and (not t.anchored or any(ch.isdigit() for ch in t.text))


def _span_root(doc: Any, t: TimeExpr) -> Any | None:
    """The syntactic root token of a time expression (None without a parse or an alignable span)."""
    if doc is None:
        return None
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def statement_time(doc: Any, t: TimeExpr) -> bool:
    """True when the time attaches to a reporting verb ("today confirmed", "said on Tuesday"): it dates
    the statement, not the incident reported."""
    root = _span_root(doc, t)
    if root is None:
        return False
    node = root.head if root.dep_ == "pobj" else root  # "on Tuesday": go up to the preposition
    head = node.head
    return head is not node and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in REPORTING_VERBS


def modifier_time(text: str, doc: Any, t: TimeExpr) -> bool:
    """True for a time that modifies a following noun: possessive ("Tuesday's attack") or pre-noun
    ("the Aug. 8 suicide attack"); it dates that noun's event, not the clause."""
    if _POSSESSIVE.match(text[t.end:t.end + 3]):
        return True
    root = _span_root(doc, t)
    if root is None or root.dep_ not in _MODIFIER_DEPS:
        return False
    head = root.head
    return head.pos_ in ("NOUN", "PROPN") and head.idx >= t.end and head.i - root.i <= 3


def incident_times(analysis: Analysis, start: int = 0, end: int | None = None) -> list[TimeExpr]:
    """Day-precise time expressions in a range of the text that can date an incident (see the module
    docstring): on or up to 31 days before publication, not the dateline, not a statement's or a
    noun's time."""
    end = len(analysis.text) if end is None else end
    published = analysis.published
    found = []
    for t in analysis.times:
        if not (start <= t.start < end) or t.type not in ("DATE", "TIME") or t.interval_start is None:
            continue
        if not t.value[:1].isdigit():
            continue  # "currently", "now" (PRESENT_REF): the time of a state, not a day an incident happened
        if t.interval_start != t.interval_end or dateline_like(t, published):
            continue
        if published is not None and not 0 <= (published - t.interval_start).days <= MAX_DAYS_BEFORE:
            continue
        if statement_time(analysis.doc, t) or modifier_time(analysis.text, analysis.doc, t):
            continue
        found.append(t)
    return found


def _relative(t: TimeExpr) -> bool:
    """True for a time counted from the publication date ("yesterday", "Monday night"), not a calendar date."""
    return t.anchored and not any(ch.isdigit() for ch in t.text)


def incident_date(analysis: Analysis, start: int | None = None, end: int | None = None,
                  near: int | None = None) -> DateChoice:
    """The date of the incident told in a sentence (``start``..``end``, the time nearest ``near``), else
    of the text: its first incident time, else the publication date."""
    if start is not None:
        own = incident_times(analysis, start, end)
        if own:
            best = min(own, key=lambda t: abs(t.start - (near if near is not None else start)))
            return DateChoice(best.interval_start, best.text, "figure-sentence", _relative(best))
    first = incident_times(analysis)
    if first:
        return DateChoice(first[0].interval_start, first[0].text, "text", _relative(first[0]))
    return DateChoice(analysis.published)


__all__ = ["DateChoice", "dateline_like", "incident_date", "incident_times", "modifier_time", "statement_time"]
