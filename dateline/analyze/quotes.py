"""Quotes and attribution: direct quotes ("...") and indirect speech ("X said ...", "according to X").

Direct quotes are found by their quotation marks; their speaker comes from a speech verb in the
same sentence outside the marks ("..., he said"; "X said: ..."). Indirect speech comes from the
dependency parse: a speech verb with a clausal complement ("X said (that) ..."), a speech verb
set inside the clause it reports ("The attack, police said, killed four"), and "according to X".
A speaker span that overlaps an ActorMention is resolved to that actor; pronouns fall back on the
last PERSON entity before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from .registry import stage

if TYPE_CHECKING:
    from ..config import Config
    from .base import ActorMention, Analysis

CUE_LEMMAS = frozenset({
    "say", "tell", "add", "state", "claim", "announce", "report", "estimate", "confirm", "note", "warn",
    "explain", "insist", "deny", "declare", "acknowledge", "admit", "assert", "write", "tweet", "predict",
    "argue", "reveal", "disclose", "believe", "allege", "testify", "indicate",
})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_DIRECT_RE = re.compile(r"“[^”]{2,}?”|\"[^\"\n]{2,}?\"")


@dataclass(slots=True)
class Quote:
    """A quote or reported statement: its content span, speaker, cue verb, and direct/indirect."""

    start: int
    end: int
    text: str
    speaker: str  # the resolved actor's name, else the speaker text ("" when none was found)
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_text: str = ""
    actor_id: str | None = None
    country: str | None = None
    cue: str = ""
    cue_start: int | None = None
    cue_end: int | None = None
    direct: bool = False
    sentence_start: int = 0
    sentence_end: int = 0
    how: str = ""
    confidence: float = 0.6
    component: str = ""

    def covers(self, start: int, end: int) -> bool:
        """True when the span [start, end) lies inside this quote's content."""
        return self.start <= start and end <= self.end


def _subject(verb: Any) -> Any | None:
    """The nominal subject token of a verb, or None."""
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)


def _span_of(token: Any) -> tuple[int, int]:
    """Character span of a token's subtree, trimmed of leading/trailing punctuation."""
    tokens = [t for t in token.subtree if not t.is_punct or t.i == token.i]
    left = min(t.idx for t in tokens)
    right = max(t.idx + len(t.text) for t in tokens)
    return left, right


def _clause_span(token: Any) -> tuple[int, int]:
    """Character span of a clause head's subtree (punctuation at the edges dropped)."""
    tokens = [t for t in token.subtree if not (t.is_punct and t.text not in "%$")]
    while len(tokens) > 1 and tokens[0].dep_ == "mark" and tokens[0].head.i == token.i:
        tokens = tokens[1:]
    if not tokens:
        return token.idx, token.idx + len(token.text)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


class _Builder:
    """Collects the quotes of one analysis and resolves speakers against its actors and entities."""

    def __init__(self, analysis: Analysis, component: str) -> None:
        self.analysis = analysis
        self.text = analysis.text
        self.component = component
        self.quotes: list[Quote] = []
        self.persons = [(e.start, e.end, e.text) for e in analysis.entities if e.label == "PERSON"]

    def resolve(self, start: int, end: int) -> tuple[str, str | None, str | None, int, int, str]:
        """Speaker name, actor id, country and span for a speaker span (pronouns -> last PERSON)."""
        text = self.text[start:end]
        if text.lower() in PRONOUNS and text.lower() not in ("it", "we", "i", "they"):
            before = [p for p in self.persons if p[1] <= start]
            if before:
                start, end, text = before[-1]
        actor = self.actor_at(start, end)
        if actor is not None:
            return actor.name or actor.text, actor.actor_id, actor.country, start, end, text
        return text, None, None, start, end, text

    def actor_at(self, start: int, end: int) -> ActorMention | None:
        """The first ActorMention overlapping the span (the longest when several do)."""
        hits = [a for a in self.analysis.actors if a.start < end and start < a.end]
        return max(hits, key=lambda a: a.end - a.start) if hits else None

    def add(self, span: tuple[int, int], subject: Any | None, cue: Any | None, cue_text: str,
            direct: bool, sent: Any, how: str, confidence: float) -> None:
        """Record one quote unless one with the same content span is already there."""
        start, end = span
        if end <= start or any(q.start < end and start < q.end and (q.direct or q.start == start and q.end == end)
                               for q in self.quotes):
            return
        speaker = ("", None, None, None, None, "")
        if subject is not None:
            s_start, s_end = _span_of(subject)
            speaker = self.resolve(s_start, s_end)  # type: ignore[assignment]
        name, actor_id, country, s_start2, s_end2, s_text = speaker
        self.quotes.append(Quote(
            start, end, self.text[start:end], name, s_start2, s_end2, s_text, actor_id, country, cue_text,
            cue.idx if cue is not None else None, cue.idx + len(cue.text) if cue is not None else None,
            direct, sent.start_char, sent.end_char, how, confidence, self.component))


def _cues_in(sent: Any, outside: tuple[int, int] | None = None) -> list[Any]:
    """Speech-verb tokens of a sentence, optionally only those outside a character span."""
    found = []
    for token in sent:
        if token.lemma_.lower() not in CUE_LEMMAS or token.pos_ not in ("VERB", "AUX"):
            continue
        if outside and outside[0] <= token.idx < outside[1]:
            continue
        found.append(token)
    return found


def _direct(builder: _Builder, doc: Any) -> None:
    """Quotes in quotation marks, with the speech verb of their sentence (or the next/previous one)."""
    for m in _DIRECT_RE.finditer(builder.text):
        start, end = _trim(builder.text, (m.start() + 1, m.end() - 1))
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        sent = span.sent
        cues = _cues_in(sent, (m.start(), m.end()))
        if not cues and sent.end < len(doc):
            nxt = doc[sent.end].sent
            cues = [c for c in _cues_in(nxt) if c.idx - nxt.start_char < 40]
        cue = next((c for c in cues if _subject(c) is not None), None)
        subject = _subject(cue) if cue is not None else None
        builder.add((start, end), subject, cue, cue.lemma_.lower() if cue is not None else "", True, sent,
                    "direct:quote-marks+cue" if cue is not None else "direct:quote-marks", 0.8 if cue else 0.5)


def _indirect(builder: _Builder, doc: Any) -> None:
    """Reported speech from the parse: "X said (that) ...", "..., X said, ...", "according to X"."""
    for sent in doc.sents:
        for cue in _cues_in(sent):
            if any(q.direct and q.start <= cue.idx < q.end for q in builder.quotes):
                continue
            subject = _subject(cue)
            comps = [c for c in cue.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")]
            if comps:
                builder.add(_clause_span(comps[0]), subject, cue, cue.lemma_.lower(), False, sent,
                            "indirect:cue+ccomp", 0.7)
            elif cue.dep_ in ("parataxis", "ccomp", "advcl") and cue.head.i != cue.i and subject is not None:
                head = cue.head
                span = (sent.start_char, sent.end_char) if head.dep_ == "ROOT" else _clause_span(head)
                builder.add(_trim(builder.text, span), subject, cue, cue.lemma_.lower(), False, sent,
                            "indirect:parenthetical-cue", 0.6)
            elif cue.dep_ == "ROOT" and subject is not None and cue.lemma_.lower() in ("estimate", "report", "claim"):
                obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    builder.add(_clause_span(obj), subject, cue, cue.lemma_.lower(), False, sent,
                                "indirect:cue+object", 0.6)
        _according(builder, sent)


def _according(builder: _Builder, sent: Any) -> None:
    """ "according to X": the sentence is attributed to X."""
    for token in sent:
        if token.lower_ != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        if to is None and token.i + 1 < sent.end and token.nbor(1).lower_ == "to":
            to = token.nbor(1)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if pobj is None:
            continue
        span = _trim(builder.text, (sent.start_char, sent.end_char))
        builder.add(span, pobj, token, "according to", False, sent, "indirect:according-to", 0.7)


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A span without blanks and closing punctuation at its edges."""
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    return start, end


def find_quotes(analysis: Analysis, component: str = "quotes.v1") -> list[Quote]:
    """Every direct and indirect quote of a parsed analysis, in text order."""
    if analysis.doc is None:
        return []
    builder = _Builder(analysis, component)
    _direct(builder, analysis.doc)
    _indirect(builder, analysis.doc)
    return sorted(builder.quotes, key=lambda q: (q.start, q.end))


@stage("quotes.v1", alias="quotes")
class QuoteStage:
    """Find direct and indirect quotes with their speakers in each parsed article."""

    name: ClassVar[str] = "quotes.v1"
    requires: ClassVar[tuple[str, ...]] = ("doc",)
    assigns: ClassVar[tuple[str, ...]] = ("quotes",)

    def setup(self, config: Config) -> None:
        """Nothing to load: the cue lexicon is a constant."""

    def process(self, batch: list[Analysis]) -> list[Analysis]:
        for analysis in batch:
            analysis.quotes = find_quotes(analysis, self.name)
            analysis.components[self.name] = self.name
        return batch


__all__ = ["CUE_LEMMAS", "Quote", "QuoteStage", "find_quotes"]
