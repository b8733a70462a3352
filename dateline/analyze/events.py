"""The events stage: PLOVER events with actors, place, date, factuality, evidence and an audit trail.

How an event is coded, per sentence of the parse:

1. Triggers: tokens whose lemma (or lemma phrase, e.g. "car bomb", "call for") is in our lexicon
   (``resources/plover_lexicon.tsv``) with a matching part of speech.
2. Type: a lemma may stand for several types ("strike": PROTEST or ASSAULT); each is scored as
   lexicon weight + 0.4 x the sentence classifier's probability for the type + 0.2 x its quad-class
   probability (``event_model``); the best wins. A trigger governed by another trigger ("agreed to
   *cooperate*", "condemned the *attack*") is coded as an embedded event with lower confidence;
   same-type triggers next to each other ("signed an agreement") merge into one event.
3. Arguments: sources from the subject (or "by"-agent, possessor, nationality adjective), targets
   from the object or an "against/on/with/at/to" attachment; pronoun subjects of reported clauses
   take the reporting verb's subject. Actors are the ``analysis.actors`` overlapping those spans.
4. Place: a place mention under a locative preposition attached to the trigger or its clause head.
   Date: a DATE time expression attached to the trigger's clause, else one in the sentence, else
   the publication date (``date_from_publication``). Factuality: ``analyze.factuality``.
5. Figures: each figure of the sentence that quantifies an event of a fitting type (the dead of an
   ASSAULT, the captured of an arrest, the size of a MOBILIZE) is linked to it; the event's
   ``fatalities`` sums its reported killed figures (``figures.link_events``).
6. ``coded_by`` names the rule (lexicon entry, dependency relations used) and the model features,
   so every field can be audited.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, ClassVar

from ..config import Config
from . import actor_kb
from .base import Analysis
from .event_args import (
    COLLECTIVE,
    PERSONAL,
    PRONOUNS,
    EventActor,
    EventPlace,
    actors_in,
    agent_country,
    argument_tokens,
    find_place,
    find_time,
    first_with_actors,
    joint_sources,
    person_country,
    phrase_country,
    resolve_pronouns,
    role_actors,
    sentence_country,
    span_of,
    time_precision,
)
from .event_cues import conditional, object_rule, posture, type_score
from .event_cues import lemma as _lemma
from .event_model import EventModel, load_model
from .event_ranker import ArgRanker, fill_missing, load_ranker
from .factuality import CLAIM_GOVERNORS, Factuality, clause_head, factuality_of
from .figures import link_events
from .plover import CONTEXT_WORDS, Lexicon, Trigger, load_lexicon, weapon_mode
from .registry import stage
from .time import TimeExpr

COMPONENT = "events.plover.v3"
EMBEDDED_FACTOR = 0.45
NAME_ENTITIES = frozenset({"ORG", "GPE", "PERSON", "NORP", "FAC", "LOC", "WORK_OF_ART", "LAW", "DATE", "PRODUCT"})
# heads whose compound modifier names the act itself: "a *mediation* effort", "a *rescue* mission"
EFFORT_NOUNS = frozenset({"effort", "mission", "process", "campaign", "initiative", "bid", "attempt", "drive"})
SECONDARY_FACTOR = 0.5
OBLIGATION_CONFIDENCE = 0.7
MIN_MAIN = 0.5
MAIN_BONUS = 0.1
LIGHT_VERBS = frozenset({"impose", "launch", "stage", "hold", "conduct", "carry", "mount", "issue", "lodge", "make",
                         "take", "begin", "start", "announce", "declare", "order", "open"})
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
MATERIAL_CONFLICT = frozenset({"PROTEST", "SANCTION", "COERCE", "ASSAULT", "MOBILIZE"})
COMMITMENT_CUES = frozenset({"will", "'ll", "shall", "would", "willing", "ready", "prepared", "vow", "vowed",
                             "pledge", "pledged", "promise", "promised", "offer", "offered"})
MAYBE_CUES = frozenset({"will", "'ll", "shall", "would", "may", "might", "could", "if", "unless"})
REFUSAL_CUES = frozenset({"not", "n't", "never", "refuse", "refused", "refusing", "fail", "failed", "decline",
                          "declined"})
DEMAND_NOUNS = frozenset({"demand", "reminder", "insistence", "call", "warning"})
@dataclass(slots=True)
class Event:
    """One coded PLOVER event with its arguments, date, factuality, evidence and audit trail."""

    type: str
    mode: str | None
    context: list[str]
    trigger: str
    trigger_start: int
    trigger_end: int
    sentence: int
    sentence_start: int
    sentence_end: int
    sources: list[EventActor] = field(default_factory=list)
    targets: list[EventActor] = field(default_factory=list)
    place: EventPlace | None = None
    date: date | None = None
    date_end: date | None = None
    date_text: str | None = None
    date_start_char: int | None = None
    date_end_char: int | None = None
    date_precision: str | None = None
    date_from_publication: bool = False
    factuality: str = "happened"
    factuality_cue: str = ""
    claimant: str | None = None
    claimant_start: int | None = None
    claimant_end: int | None = None
    argument_spans: list[tuple[str, int, int]] = field(default_factory=list)
    embedded: bool = False
    confidence: float = 0.5
    coded_by: str = ""
    features: dict[str, Any] = field(default_factory=dict)
    component: str = COMPONENT
    # figures that quantify the event (kind, start, end) and the dead they report (``figures.link_events``)
    linked_figures: list[tuple[str, int, int]] = field(default_factory=list)
    fatalities: int | None = None


@dataclass(slots=True)
class Candidate:
    """A trigger found in a sentence before arguments are attached."""

    token: Any
    tokens: list[Any]
    entry: Trigger
    score: float
    probs: tuple[float, float]
    embedded: bool = False
    secondary: bool = False
    merged: list[Any] = field(default_factory=list)


def _pos_ok(token: Any, pos: str) -> bool:
    """Whether a token's part of speech fits a lexicon entry's (V, N or A), outside names."""
    if token.ent_type_ in NAME_ENTITIES:
        return False
    if pos == "V":
        return token.pos_ == "VERB"
    if pos == "N":
        return token.pos_ == "NOUN" and token.dep_ != "poss" and \
            (token.dep_ != "compound" or _lemma(token.head) in EFFORT_NOUNS)
    return True


def _match(token: Any, entry: Trigger) -> list[Any] | None:
    """The tokens of `entry` starting at `token` (contiguous lemmas, or a verb + particle/preposition)."""
    if len(entry.words) == 1:
        return [token] if _pos_ok(token, entry.pos) else None
    doc, words = token.doc, entry.words
    span = doc[token.i:token.i + len(words)]
    if len(span) == len(words) and all(_lemma(t) == w for t, w in zip(span, words)):
        head = span[-1] if entry.pos == "N" else span[0]
        return [head, *[t for t in span if t != head]] if _pos_ok(head, entry.pos) else None
    if entry.pos == "V" and len(words) == 2 and token.pos_ == "VERB":
        part = next((c for c in token.children if c.dep_ in ("prt", "prep") and _lemma(c) == words[1]), None)
        # or the marker of a clause right after the verb ("pushing hard *for* the US to back ...")
        part = part or next((m for c in token.children if c.dep_ in ("advcl", "ccomp") for m in c.children
                             if m.dep_ == "mark" and _lemma(m) == words[1] and 0 < m.i - token.i <= 3), None)
        if part is not None:
            return [token, part]
    return None


def find_candidates(sent: Any, lexicon: Lexicon, probs: Callable[[], tuple[dict[str, float], dict[str, float]]]) -> list[Candidate]:
    """Every trigger of the sentence with its best-scoring type; tokens inside a matched phrase are used once."""
    used: set[int] = set()
    found: list[Candidate] = []
    for token in sent:
        if token.i in used or token.is_punct:
            continue
        best: Candidate | None = None
        if (rule := object_rule(token)) is not None:
            score, p_type, p_quad = type_score(rule, *probs())
            best = Candidate(token, [token], rule, score, (p_type, p_quad))
        for entry in () if best is not None else lexicon.candidates(_lemma(token)):
            toks = _match(token, entry)
            if toks is None or any(t.i in used for t in toks):
                continue
            score, p_type, p_quad = type_score(entry, *probs(), toks[0])
            if best is None or len(toks) > len(best.tokens) or (len(toks) == len(best.tokens) and score > best.score):
                best = Candidate(toks[0], toks, entry, score, (p_type, p_quad))
        if best is not None:
            used.update(t.i for t in best.tokens)
            found.append(best)
    return found


def _governing(cand: Candidate, by_token: dict[int, Candidate], hops: int = 3) -> Candidate | None:
    """Another trigger within `hops` dependency hops above this one, if any."""
    node = cand.token
    for _ in range(hops):
        if node.head == node:
            return None
        node = node.head
        other = by_token.get(node.i)
        if other is not None and other is not cand:
            return other
    return None


def settle(cands: list[Candidate]) -> list[Candidate]:
    """Merge same-type triggers that govern one another; mark triggers governed by another as embedded."""
    cands = _drop_light_verbs(cands)
    by_token = {t.i: c for c in cands for t in c.tokens}
    kept: list[Candidate] = []
    for cand in cands:
        gov = _governing(cand, by_token)
        if gov is not None and gov.entry.type == cand.entry.type:
            gov.merged.append(cand.token)
            gov.score = max(gov.score, cand.score)
            continue
        gov = gov or _governing(cand, by_token, hops=12)
        if gov is not None and cand.token.dep_ != "conj":
            cand.embedded = True
        kept.append(cand)
    merged = {t.i for c in kept for t in c.merged}
    kept = [c for c in kept if c.token.i not in merged]
    _embed_demanded(kept)
    _rank(kept)
    return kept


def _embed_demanded(cands: list[Candidate]) -> None:
    """A "that" clause the parser hangs on the verb of a demand noun ("reiterated its *demand* today that
    Israel ease ...") is the demand's content: the event inside it is embedded, like "demanded that ..."."""
    nouns = {c.token.i for c in cands if c.token.pos_ == "NOUN" and c.entry.type in ("REQUEST", "THREATEN")}
    for cand in cands:
        head = clause_head(cand.token)
        if head.dep_ == "ccomp" and any(o.dep_ == "dobj" and o.i in nouns for o in head.head.children):
            cand.embedded = True


def _drop_light_verbs(cands: list[Candidate]) -> list[Candidate]:
    """A light verb whose object is itself a trigger ("imposed *sanctions*") gives way to the object."""
    nouns = {c.token.i for c in cands if c.token.pos_ == "NOUN"}
    return [c for c in cands if not (_lemma(c.token) in LIGHT_VERBS and not c.entry.words[-1].startswith("<") and
                                     any(o.dep_ == "dobj" and o.i in nouns for o in c.token.children))]


def clause_depth(token: Any) -> int:
    """Verbs above the trigger's clause (not counting reporting verbs over their content clause), plus one
    for a noun trigger inside a prepositional phrase ("despite hours of negotiations")."""
    head = clause_head(token)
    depth = 1 if head != token and any(a.dep_ == "prep" for a in token.ancestors if a.i > head.i or a.i < head.i) \
        and not _core_noun(token, head) else 0
    node = head
    while node.head != node:
        parent = node.head
        reported = parent.lemma_.lower() in CLAIM_GOVERNORS and node.dep_ in ("ccomp", "xcomp", "parataxis")
        depth += 1 if parent.pos_ in ("VERB", "AUX") and not reported else 0
        node = parent
    return depth


def _core_noun(token: Any, head: Any) -> bool:
    """A noun trigger that is the subject or object of its clause head, or inside a phrase that is ("in talks")."""
    node = token
    while node.head != head and node.head != node:
        node = node.head
    return node.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "oprd") or (node.dep_ == "prep" and head.lemma_ == "be")


def _rank(cands: list[Candidate]) -> None:
    """The shallowest, best-scored trigger is the sentence's main event; others not coordinated with it are secondary."""
    top = [c for c in cands if not c.embedded]
    if not top:
        return
    main = min(top, key=lambda c: (clause_depth(c.token), -c.score))
    main_head = clause_head(main.token)
    for cand in top:
        head = clause_head(cand.token)
        same_clause = head == main_head and (cand.token == head or _core_noun(cand.token, head))
        coordinated = same_clause or (head.dep_ == "conj" and head.head == main_head) \
            or (main_head.dep_ == "conj" and main_head.head == head)
        cand.secondary = cand is not main and not coordinated


def mode_of(cand: Candidate) -> str | None:
    """The lexicon mode, refined for ASSAULT by weapon cues in the trigger's subtree or sentence."""
    if cand.entry.type != "ASSAULT":
        return cand.entry.mode
    near = {_lemma(t) for t in cand.token.subtree} | {_lemma(t) for t in cand.token.head.children}
    return weapon_mode(near, {_lemma(t) for t in cand.token.sent}) or cand.entry.mode


def contexts_of(sent: Any) -> list[str]:
    """PLOVER context tags cued by words in the sentence."""
    return sorted({CONTEXT_WORDS[_lemma(t)] for t in sent if _lemma(t) in CONTEXT_WORDS})


def _pronoun_actors(tokens: list[Any]) -> list[EventActor]:
    """Placeholders for pronoun arguments the actor stage left out ("condemned *it*"), for
    ``resolve_pronouns``; one left unresolved (empty actor id) is dropped."""
    return [EventActor(t.text, t.idx, t.idx + len(t.text), "", t.text, None, None)
            for t in tokens if t.lower_ in PERSONAL | COLLECTIVE]


def _trigger_span(tokens: list[Any]) -> tuple[int, int]:
    """Offsets of a contiguous trigger phrase, else of its head token alone (a verb apart from its particle)."""
    ordered = sorted(tokens, key=lambda t: t.i)
    if ordered[-1].i - ordered[0].i + 1 == len(ordered):
        return ordered[0].idx, ordered[-1].idx + len(ordered[-1].text)
    return tokens[0].idx, tokens[0].idx + len(tokens[0].text)


def build_event(cand: Candidate, sent: Any, index: int, analysis: Analysis) -> Event:
    """Attach arguments, place, date and factuality to a trigger and record how it was coded."""
    trig = cand.token
    taken: set[int] = set()
    subj, options = argument_tokens(trig, cand.entry.type)
    s_spans = [span_of(t) for t in subj]
    sources = actors_in(s_spans, analysis.actors, taken, analysis.places)
    for other in cand.merged:  # "were killed when ISIL launched an *attack* on ...": one event, either trigger's arguments
        o_subj, o_options = argument_tokens(other, cand.entry.type)
        options = options[:-1] + o_options[:-1] + options[-1:]  # before the locative fallback
        if not sources and (found := actors_in([span_of(t) for t in o_subj], analysis.actors, taken, analysis.places)):
            subj, s_spans, sources = o_subj, [span_of(t) for t in o_subj], found
    obj, o_spans, targets = first_with_actors(options, analysis.actors, taken, analysis.places)
    if obj and obj is options[-1] and joint_sources(cand.entry.type, sources):
        obj, o_spans, targets = [], [], []  # "Israel and Syria resumed talks *in Washington*": the venue
    sources = resolve_pronouns(sources or _pronoun_actors(subj), analysis.actors, {a.actor_id for a in targets})
    targets = resolve_pronouns(targets or _pronoun_actors(obj), analysis.actors, {a.actor_id for a in sources})
    sources, targets = [a for a in sources if a.actor_id], [a for a in targets if a.actor_id]
    place = find_place(trig, analysis.places)
    where = place.country if place is not None and place.country else sentence_country(sent, analysis.places)
    # a trigger that names its doers ("*Protesters* blocked ...") is its own source
    sources = sources or role_actors(subj or [trig], analysis.actors, where)
    targets = targets or role_actors(obj, analysis.actors, where)
    for actor in sources + targets:
        actor.country = actor.country or phrase_country(actor, analysis) or person_country(actor) \
            or agent_country(actor, where)
    fact: Factuality = factuality_of(trig)
    start, end = _trigger_span(cand.tokens)
    event = Event(cand.entry.type, mode_of(cand), contexts_of(sent), analysis.text[start:end], start, end, index, sent.start_char, sent.end_char, sources, targets,
                  place)
    _set_date(event, find_time(trig, sent, analysis.times), analysis.published)
    event.factuality, event.factuality_cue = fact.value, fact.cue
    if fact.value in REPORTED_AS_PAST and event.date and analysis.published and event.date > analysis.published:
        _reset_to_publication(event, analysis.published)  # "three years later" in a history paragraph
    event.claimant, event.claimant_start, event.claimant_end = fact.claimant, fact.claimant_start, fact.claimant_end
    event.argument_spans = [("source", s, e) for s, e in s_spans] + [("target", s, e) for s, e in o_spans]
    unattributed = event.type in UNATTRIBUTED_TYPES and not sources and _no_perpetrator(subj) \
        and _unattributed_source(event, sent, analysis)
    event.embedded = cand.embedded
    factor = EMBEDDED_FACTOR if cand.embedded else SECONDARY_FACTOR if cand.secondary else 1.0
    bonus = MAIN_BONUS if not (cand.embedded or cand.secondary) else 0.0
    event.confidence = round(min(0.99, cand.score + bonus) * factor, 3)
    deps = "/".join(t.dep_ for t in subj) or "-", "/".join(t.dep_ for t in obj) or "-"
    event.coded_by = (f"rule:lexicon[{' '.join(cand.entry.words)}/{cand.entry.pos}->{cand.entry.type}]"
                      f"+dep[src={deps[0]},tgt={deps[1]}]" + ("+src=place-country" if unattributed else "")
                      + ("+embedded" if cand.embedded else "+secondary" if cand.secondary else ""))
    event.features = {"lexicon_weight": cand.entry.weight, "p_type": round(cand.probs[0], 3),
                      "p_quad": round(cand.probs[1], 3), "trigger_dep": trig.dep_,
                      "merged": [t.text for t in cand.merged], "factuality_cue": fact.cue,
                      "conditional": conditional(trig), "posture": fact.cue_start is not None
                      and posture(analysis.doc.char_span(fact.cue_start, fact.cue_end, alignment_mode="expand").root)}
    return event


UNATTRIBUTED_TYPES = frozenset({"ASSAULT"})
# what kills when no one is named: "killed by a roadside *bomb*", "a car bomb *explosion*"
DEVICE_NOUNS = frozenset({"bomb", "device", "ied", "explosion", "blast", "mine", "landmine", "explosive", "rocket",
                          "shell", "missile", "mortar", "grenade", "bombing", "attack", "gunfire", "fire", "shelling",
                          "airstrike", "strike", "gunman", "assailant", "attacker"})


def _no_perpetrator(subject: list[Any]) -> bool:
    """No subject or agent, or only a device or unnamed attacker ("killed by an explosive device")."""
    return all(_lemma(t) in DEVICE_NOUNS for t in subject)


def _unattributed_source(event: Event, sent: Any, analysis: Analysis) -> bool:
    """An attack with no named perpetrator ("killed by a roadside bomb in Basra") is coded, as PLOVER
    coders do, with the country where it happened as its source: the event's place, else the first
    resolved place of the sentence. Returns whether a source was set."""
    place = event.place if event.place is not None and event.place.country else None
    targets = [(t.start, t.end) for t in event.targets]
    doc = analysis.doc
    spot = (place.text, place.start, place.end, place.name, place.country) if place is not None else next(
        ((p.text, p.start, p.end, p.name, p.country) for p in analysis.places
         if p.country and sent.start_char <= p.start and p.end <= sent.end_char
         and not any(s < p.end and p.start < e for s, e in targets)
         and (tok := doc.char_span(p.start, p.end, alignment_mode="expand")) is not None and tok.root.pos_ == "PROPN"),
        None)
    if spot is None:
        return False
    text, start, end, name, country = spot
    event.sources = [EventActor(text, start, end, f"country:{country}", name, country, None, country)]
    return True


def _set_date(event: Event, expr: TimeExpr | None, published: date | None) -> None:
    """The event date from a time expression, else the publication date flagged as such."""
    if expr is not None:
        event.date, event.date_end, event.date_text = expr.interval_start, expr.interval_end, expr.text
        event.date_start_char, event.date_end_char = expr.start, expr.end
        event.date_precision = time_precision(expr)
    elif published is not None:
        event.date, event.date_end, event.date_precision = published, published, "day"
        event.date_from_publication = True


REPORTED_AS_PAST = frozenset({"happened", "claimed", "negated"})


def _reset_to_publication(event: Event, published: date) -> None:
    """A reported past event cannot postdate its report: use the publication date, flagged."""
    event.date_text = event.date_start_char = event.date_end_char = None
    _set_date(event, None, published)


def derived_type(event: Event) -> str | None:
    """The speech act a planned or refused action amounts to in PLOVER (promise, threat, refusal)."""
    cue = event.factuality_cue.lower()
    if event.features.get("posture") and event.type in ("ASSAULT", "COERCE") and event.claimant is None:
        return "MOBILIZE"  # "troops prepared to storm the town": readiness shown, no attack yet
    if event.factuality in ("planned", "hypothetical") and cue in MAYBE_CUES and event.features.get("conditional") \
            and event.type in MATERIAL_CONFLICT:
        return "THREATEN"  # "may halt its mediation if ...": an act held out on a condition is a threat
    if event.factuality == "planned" and cue in COMMITMENT_CUES:
        return "AGREE" if event.type in COOPERATIVE else "THREATEN" if event.type in MATERIAL_CONFLICT else None
    if event.factuality == "negated" and event.type in COOPERATIVE and cue in REFUSAL_CUES:
        return "REJECT"
    return None


def derive(event: Event) -> Event | None:
    """A derived AGREE/THREATEN/REJECT event for a main event that is a promise, threat or refusal (MOBILIZE
    for a narrated preparation to attack)."""
    kind = derived_type(event)
    if kind is None or event.embedded or event.confidence < MIN_MAIN:
        return None
    new = replace(event, type=kind, mode=None, factuality="happened", factuality_cue=event.factuality_cue,
                  sources=list(event.sources), targets=list(event.targets), features=dict(event.features))
    new.coded_by = f"rule:derived[{event.type}+{event.factuality}:{event.factuality_cue}->{kind}]+" + event.coded_by
    event.embedded = True
    event.confidence = round(event.confidence * EMBEDDED_FACTOR, 3)
    return new


def _must_clauses(sent: Any) -> list[Any]:
    """Verbs with "must"/"should" in a clause reported by a speaker ("X said Y must ...", "X's demand that Y ...")."""
    found = []
    for tok in sent:
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ not in ("ccomp", "acl", "relcl"):
            continue
        if not any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in tok.children):
            continue
        gov = tok.head
        if gov.lemma_.lower() in CLAIM_GOVERNORS or gov.lemma_.lower() in DEMAND_NOUNS:
            found.append(tok)
    return found


def _share_arguments(events: list[Event]) -> None:
    """Two triggers of one type in a sentence usually tell one happening ("two were killed when ISIL
    launched an attack on ..."): an event with no source (or only the place's country) takes the
    other's. (Sharing targets too was tried: it added as many wrong targets as right ones.)"""
    for event in events:
        for other in events:
            if other is event or other.type != event.type:
                continue
            if (not event.sources or "src=place-country" in event.coded_by) and other.sources \
                    and "src=place-country" not in other.coded_by:
                event.sources = list(other.sources)
                event.coded_by = event.coded_by.replace("+src=place-country", "") + f"+src=shared[{other.trigger}]"


def request_events(sent: Any, index: int, analysis: Analysis) -> list[Event]:
    """REQUEST events for "X said Y must/should do Z": X the source, Y the target."""
    events = []
    for verb in _must_clauses(sent):
        gov = verb.head
        speaker = next((c for c in gov.children if c.dep_ in ("nsubj", "poss")), None)
        if speaker is None and gov.dep_ in ("dobj", "pobj", "attr", "advcl"):  # also "rallied, *saying* he must ..."
            speaker = next((c for c in clause_head(gov.head if gov.dep_ == "advcl" else gov).children
                            if c.dep_ == "nsubj"), None)
        addressee = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if addressee is not None and addressee.lower_ in PRONOUNS:  # "a reminder to *Iraq* that it must ..."
            addressee = next((g for h in (gov, clause_head(gov)) for c in h.children if c.dep_ in ("prep", "dative")
                              and c.lower_ == "to" for g in c.children if g.dep_ == "pobj"), addressee)
        taken: set[int] = set()
        s_spans = [span_of(speaker)] if speaker is not None else []
        o_spans = [span_of(addressee)] if addressee is not None else []
        aux = next(c for c in verb.children if c.dep_ == "aux" and c.lower_ in ("must", "should"))
        event = Event("REQUEST", None, contexts_of(sent), aux.text, aux.idx, aux.idx + len(aux.text), index,
                      sent.start_char, sent.end_char, actors_in(s_spans, analysis.actors, taken, analysis.places),
                      actors_in(o_spans, analysis.actors, taken, analysis.places), find_place(verb, analysis.places))
        _set_date(event, find_time(verb, sent, analysis.times), analysis.published)
        event.argument_spans = [("source", s, e) for s, e in s_spans] + [("target", s, e) for s, e in o_spans]
        # who demands of whom unknown: too little to code ("..., saying it must end")
        event.confidence = OBLIGATION_CONFIDENCE if event.sources or event.targets else OBLIGATION_CONFIDENCE * SECONDARY_FACTOR
        event.factuality_cue = gov.text
        event.coded_by = f"rule:reported-obligation[{gov.lemma_} ... {aux.lower_} {verb.lemma_}]"
        event.features = {"governor": gov.lemma_, "modal": aux.lower_}
        events.append(event)
    return events


def _classified(sent: Any, model: EventModel | None) -> Callable[[], tuple[dict[str, float], dict[str, float]]]:
    """The sentence classifiers' (type, quad) probabilities, computed on first use: a quarter of
    sentences have no trigger candidate and never need them."""
    held: list[tuple[dict[str, float], dict[str, float]]] = []

    def probs() -> tuple[dict[str, float], dict[str, float]]:
        if not held:
            held.append(model.predict(sent.text) if model is not None else ({}, {}))
        return held[0]
    return probs


def code_sentence(sent: Any, index: int, analysis: Analysis, lexicon: Lexicon, model: EventModel | None,
                  ranker: ArgRanker | None = None) -> list[Event]:
    """All events of one parsed sentence (empty arguments the rules leave filled by `ranker`)."""
    cands = settle(find_candidates(sent, lexicon, _classified(sent, model)))
    events = [build_event(c, sent, index, analysis) for c in cands]
    _share_arguments(events)
    for event in events:
        fill_missing(event, analysis, ranker)
    requests = request_events(sent, index, analysis)
    if requests:
        # only the demanded action and its reporting clause give way ("X said Y must withdraw"), not an
        # event beside them ("activists staged rallies ..., saying he must resign")
        scope = {t.idx for v in _must_clauses(sent) for t in v.head.subtree}
        for event in events:
            if not event.embedded and event.confidence >= MIN_MAIN and event.trigger_start in scope:
                event.confidence = round(event.confidence * SECONDARY_FACTOR, 3)
                event.coded_by += "+under-obligation"
    events += [d for e in list(events) if (d := derive(e)) is not None] + requests
    for event in events:
        event.coded_by += f"+model[{model.version}]" if model is not None else ""
    return events


def code_events(analysis: Analysis, lexicon: Lexicon, model: EventModel | None,
                ranker: ArgRanker | None = None) -> list[Event]:
    """Every event of a parsed article, sentence by sentence."""
    if analysis.doc is None:
        return []
    return [e for i, sent in enumerate(analysis.doc.sents)
            for e in code_sentence(sent, i, analysis, lexicon, model, ranker)]


@stage(COMPONENT, alias="events")
class EventStage:
    """Code PLOVER events in each parsed article (see the module docstring)."""

    name: ClassVar[str] = COMPONENT
    requires: ClassVar[tuple[str, ...]] = ("doc",)
    assigns: ClassVar[tuple[str, ...]] = ("events",)

    def setup(self, config: Config | None = None) -> None:
        """Load the lexicon and the small classifier once per process."""
        self.lexicon = load_lexicon()
        self.model = load_model()
        self.ranker = load_ranker()
        actor_kb.load().prepare()  # the KB's surname index, built once here rather than in the first article

    def process(self, batch: list[Analysis]) -> list[Analysis]:
        """Write ``analysis.events`` for every analysis that has a parse."""
        for analysis in batch:
            analysis.events = code_events(analysis, self.lexicon, self.model, self.ranker)
            link_events(analysis.events, analysis.figures)
            analysis.components[self.name] = COMPONENT
        return batch
