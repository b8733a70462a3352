"""Arguments of an event trigger in the parse: source and target actors, the event's own place and date.

Sources come from the subject (or "by"-agent, possessor, nationality adjective); pronoun subjects of
reported clauses take the reporting verb's subject. Targets come from the first of: object or
"against/on/with/to" attachment; the complement clause ("demanded that *the US* ..."); a locative
"in" phrase. Actors are the ``analysis.actors`` inside those spans. The place is a place mention under
a locative preposition attached to the trigger or its clause head, with a precision code like
ACLED's geo_precision; the date a dated time expression in the trigger's clause, else the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from . import actor_kb
from .base import ActorMention, Analysis, PlaceMention
from .factuality import clause_head
from .time import TimeExpr

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
TARGET_PREPS = frozenset({"against", "on", "with", "to", "toward", "towards", "upon", "from", "of"})
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "into", "across", "around", "throughout",
                         "from", "on", "north", "south", "east", "west", "within", "towards", "toward"})
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "its", "their", "his", "her", "our", "them", "who",
                      "that", "which"})
NON_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
PRECISION = {"exact": 1, "district": 2, "province": 3, "country": 4}


@dataclass(slots=True)
class EventActor:
    """An actor in an event role: the mention's span and its canonical identity."""

    text: str
    start: int
    end: int
    actor_id: str
    name: str
    country: str | None
    sector: str | None
    code: str = ""


@dataclass(slots=True)
class EventPlace:
    """The event's own place, with a precision code like ACLED's geo_precision (1 exact ... 4 country)."""

    text: str
    start: int
    end: int
    geonameid: int | None
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: str
    precision_code: int


def span_of(token: Any) -> tuple[int, int]:
    """Character offsets of a token's subtree, leaving out relative and clausal modifiers."""
    skip = {t.i for c in token.children if c.dep_ in ("relcl", "acl", "ccomp", "advcl") for t in c.subtree}
    toks = [t for t in token.subtree if t.i not in skip]
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


SPEECH_NOUNS = frozenset({"statement", "letter", "resolution", "communique", "report", "declaration", "message",
                          "note", "appeal", "speech", "address", "decree", "order", "motion", "petition", "post",
                          "tweet", "video", "interview", "editorial", "op-ed", "announcement"})


def reporter_subject(verb: Any) -> Any | None:
    """For a pronoun subject in a reported clause, the reporting verb's subject ("Hungary said it ...")."""
    node = verb
    for _ in range(3):
        if node.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or node.head == node:
            return None
        node = node.head
        subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lower_ not in PRONOUNS:
            return subj
    return None


def subject_tokens(trigger: Any) -> list[Any]:
    """Tokens whose subtrees hold the event's source: subject, agent, possessor, nationality modifier."""
    verb = clause_head(trigger) if trigger.pos_ != "VERB" else trigger
    found: list[Any] = []
    if trigger.pos_ != "VERB":
        found += [c for c in trigger.children if c.dep_ in ("poss", "amod", "compound") and c.pos_ in ("PROPN", "ADJ", "NOUN")]
        found += [g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
        if trigger.dep_ in SUBJECT_DEPS:
            return found
    node = verb
    for _ in range(3):
        passive = any(c.dep_ == "nsubjpass" for c in node.children)
        agent = [g for c in node.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        subj = [c for c in node.children if c.dep_ in ("nsubj", "csubj")]
        if agent or subj or passive:
            picked = agent if passive else subj
            if picked and picked[0].lower_ in PRONOUNS and node.dep_ == "relcl":
                return found + subject_tokens(node.head)
            if picked and picked[0].lower_ in PRONOUNS:
                rel = reporter_subject(node)
                picked = [rel] if rel is not None else picked
            return found + picked
        if node.dep_ == "acl" and node.tag_ == "VBG" and node.head.pos_ in ("NOUN", "PROPN"):
            # "a group calling for ...": the noun acts; "issued a statement calling on ...": its issuer
            if node.head.lemma_.lower() not in SPEECH_NOUNS:
                return [*found, node.head]
            node = clause_head(node.head)
            if node.pos_ not in ("VERB", "AUX"):
                break
            continue
        if node.dep_ not in ("xcomp", "conj", "advcl", "acomp") or node.head == node:
            break
        node = node.head
    return found


def object_tokens(trigger: Any, conditional: bool = False) -> list[list[Any]]:
    """Target candidates in order of preference: object, passive subject or prepositional object;
    targets in the complement clause; with `conditional` (threats), the subject of an "if/unless"
    clause ("threatened to strike unless *Israel* ..."); a locative "in/into" phrase (PLOVER codes
    the place as target)."""
    verb = trigger if trigger.pos_ == "VERB" else None
    found: list[Any] = []
    children = list(trigger.children)
    if verb is not None:
        found += [c for c in children if c.dep_ in OBJECT_DEPS or c.dep_ == "nsubjpass"]
    found += [g for c in children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS
              for g in c.children if g.dep_ == "pobj"]
    if verb is None and trigger.dep_ in ("dobj", "pobj"):
        head = clause_head(trigger)
        found += [g for c in head.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS and c != trigger.head
                  for g in c.children if g.dep_ == "pobj"]
        if trigger.dep_ == "dobj":  # "its demand today that *Israel* ease ..." (clause hung on the verb)
            found += [s for c in head.children if c.dep_ == "ccomp" for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
    locative = [g for node in (trigger, clause_head(trigger)) for c in node.children
                if c.dep_ == "prep" and c.lower_ in ("in", "into") for g in c.children if g.dep_ == "pobj"][:1]
    return [found, complement_targets(trigger), *([condition_subjects(trigger)] if conditional else []), locative]


# verbs whose subject undergoes what a noun under them names: "a prisoner *died* as a result of torture"
VICTIM_VERBS = frozenset({"die", "suffer", "succumb", "perish", "sustain", "endure", "undergo", "survive"})
HARM_TYPES = frozenset({"ASSAULT", "COERCE"})


def argument_tokens(trigger: Any, kind: str) -> tuple[list[Any], list[list[Any]]]:
    """Source tokens and the target candidate lists (``subject_tokens``, ``object_tokens``); for an
    attack or coercion noun under a victim verb ("a prisoner died of *torture*", "civilians suffered
    *shelling*") the clause subject is the target, not the source."""
    subj = subject_tokens(trigger)
    options = object_tokens(trigger, conditional=kind == "THREATEN")
    head = clause_head(trigger)
    if kind in HARM_TYPES and trigger.pos_ != "VERB" and head is not trigger \
            and (head.lemma_ or "").lower() in VICTIM_VERBS and any(t.head == head for t in subj):
        # the noun's own modifiers still name the attacker ("died in the *Taliban* attack")
        return [t for t in subj if t.head != head], [[t for t in subj if t.head == head], *options]
    return subj, options


CONDITION_MARKS = frozenset({"if", "unless"})


def condition_subjects(trigger: Any) -> list[Any]:
    """Subjects of "if/unless" clauses on the trigger or its complement: the party a threat is aimed at."""
    nodes = [trigger, *[c for c in trigger.children if c.dep_ in ("xcomp", "ccomp")]]
    nodes += [g for n in nodes[1:] for g in n.children if g.dep_ in ("xcomp", "conj")]
    return [s for n in nodes for c in n.children if c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children)
            for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]


def complement_targets(trigger: Any) -> list[Any]:
    """Targets inside the trigger's complement clause: "demanded that *the US* ...", "threatened to ... with *Russia*"."""
    found: list[Any] = []
    # also "pushed for *the US* to back ...": a "for" clause names who is to act
    for comp in (c for c in trigger.children if c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ == "for" for m in c.children))):
        if comp.dep_ in ("ccomp", "advcl"):
            found += [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]
        found += [c for c in comp.children if c.dep_ in ("dative",)]
        for node in [comp, *[c for c in comp.children if c.dep_ == "dobj"]]:
            found += [g for c in node.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS
                      for g in c.children if g.dep_ == "pobj"]
        if not found and comp.dep_ == "xcomp":
            found += [c for c in comp.children if c.dep_ == "dobj"]
    return found


def place_country(start: int, end: int, places: list[PlaceMention] | None) -> str | None:
    """The country of a resolved place mention covering the span ("Cizre" -> TUR), if any."""
    for p in places or ():
        if p.country and p.start <= start and end <= p.end:
            return p.country
    return None


def person_country(actor: EventActor) -> str | None:
    """For a person the actor layer left without a country ("President Omar El Bashir", "President
    Bouteflika"), the country the actor KB gives the name's spelling variant or lone surname."""
    if actor.country or "person:" not in actor.actor_id:
        return actor.country
    return actor_kb.load().person_country(actor.text)


def actors_in(spans: list[tuple[int, int]], actors: list[ActorMention], taken: set[int],
              places: list[PlaceMention] | None = None) -> list[EventActor]:
    """Actor mentions that lie inside any of the spans (each mention used once per event). A mention
    without a country that the places stage resolved ("Cizre", "Baku") stands for that place's country."""
    out: list[EventActor] = []
    if not spans:
        return out
    lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
    for k, a in enumerate(actors):
        if a.start < lo or a.end > hi or k in taken:
            continue  # outside every span: the cheap test first (this runs for every argument of every event)
        if any(a.start >= s and a.end <= e for s, e in spans):
            taken.add(k)
            country = a.country or place_country(a.start, a.end, places)
            out.append(EventActor(a.text, a.start, a.end, a.actor_id, a.name, country, a.sector, a.code))
    # an unresolved mention overlapping a resolved one ("Britain" twice, "Ivory Coast" inside "Ivory Coast
    # rebels") adds nothing but noise: keep the resolved one
    coded = [x for x in out if x.country or x.code]
    out = [x for x in out if x.country or x.code or not any(c.start < x.end and x.start < c.end for c in coded)]
    # two mentions of one span (a place the places stage resolved, the same name in the KB): the KB's
    by_span: dict[tuple[int, int], EventActor] = {}
    for x in out:
        kept = by_span.get((x.start, x.end))
        if kept is None or (x.code and not kept.code):
            by_span[(x.start, x.end)] = x
    return [x for x in out if by_span[(x.start, x.end)] is x]


PERSONAL = frozenset({"he", "him", "his", "she", "her", "himself", "herself"})
COLLECTIVE = frozenset({"it", "its", "they", "them", "their", "itself", "themselves"})
COREF_WINDOW = 400  # characters before the pronoun searched for its antecedent (about two sentences)


def resolve_pronouns(found: list[EventActor], actors: list[ActorMention], avoid: set[str]) -> list[EventActor]:
    """Pronoun actors replaced by the nearest preceding compatible actor mention: a person for he/him/his/
    she/her, a country, organisation or group for it/they/them/their; never an actor in `avoid` (the other
    role's) nor another pronoun. A pronoun with no antecedent stays as it is."""
    out: list[EventActor] = []
    for actor in found:
        word = actor.text.lower()
        if word not in PERSONAL and word not in COLLECTIVE:
            out.append(actor)
            continue
        person = word in PERSONAL
        before = [m for m in actors if m.end <= actor.start and actor.start - m.start <= COREF_WINDOW
                  and m.text.lower() not in PERSONAL | COLLECTIVE | PRONOUNS and m.actor_id not in avoid
                  and (m.kind in ("person", "agent") if person else m.kind != "person")
                  and (m.country or m.code or m.sector)]
        if not before:
            out.append(actor)
            continue
        m = max(before, key=lambda m: m.end)
        out.append(EventActor(m.text, m.start, m.end, m.actor_id, m.name, m.country, m.sector, m.code))
    return out


def first_with_actors(options: list[list[Any]], actors: list[ActorMention], taken: set[int],
                      places: list[PlaceMention] | None = None) -> tuple[list[Any], list[tuple[int, int]], list[EventActor]]:
    """The first candidate token list whose spans hold an actor (else the first non-empty one, actorless)."""
    fallback: tuple[list[Any], list[tuple[int, int]], list[EventActor]] = ([], [], [])
    for tokens in options:
        spans = [span_of(t) for t in tokens if t.ent_type_ not in NON_ACTOR_ENTS]
        found = actors_in(spans, actors, taken, places)
        if found:
            return tokens, spans, found
        if spans and not fallback[1]:
            fallback = (tokens, spans, [])
    return fallback


def precision_of(place: PlaceMention) -> str:
    """exact / district / province / country from the GeoNames feature code."""
    code = (place.feature_code or "").upper()
    if code.startswith("PCL") or (place.feature_class == "A" and not code.startswith("ADM")):
        return "country"
    if code == "ADM1":
        return "province"
    if code.startswith("ADM"):
        return "district"
    return "exact"


# A wire dateline at the start of an article: "WASHINGTON (Tigris Wire) -", "MOSUL, Iraq -", "KABUL, Afghanistan (Dec. 7)".
DATELINE_RE = re.compile(r"\s*[A-Z][A-Z.'’]{2,}(?: [A-Z][A-Z.'’]+){0,3}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,3})?"
                         r"\s*(?:\([^)\n]{1,60}\)\s*[-–—:]?|[-–—:])")


def dateline_end(text: str) -> int:
    """Where an article's wire dateline ends (0 when it has none)."""
    m = DATELINE_RE.match(text)
    return m.end() if m else 0


# Where a counted thing happened: not "officials *from* Baghdad" (origin) nor "towards" (direction).
WHERE_PREPS = PLACE_PREPS - {"from", "toward", "towards"}


def under_locative(sent: Any, char: int) -> bool:
    """True when the token at char sits inside a locative prepositional phrase of the sentence."""
    token = next((t for t in sent if t.idx <= char < t.idx + len(t.text)), None)
    while token is not None and token.head.i != token.i:  # spaCy makes a new Token object per access
        if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.lower_ in WHERE_PREPS:
            return True
        token = token.head
    return False


def phrase_country(actor: EventActor, analysis: Analysis) -> str | None:
    """For a group without a country, the country its own phrase places it in: "refugees fleeing the
    war in *Liberia*", "doctors from *Kenya*" (a resolved country or place under in/from/of)."""
    span = analysis.doc.char_span(actor.start, actor.end, alignment_mode="expand") if analysis.doc is not None else None
    if span is None or actor.actor_id.startswith("person:") or span.root.ent_type_ == "PERSON":
        return None
    root = span.root
    preps = [t for t in root.subtree if t.dep_ == "prep" and t.lower_ in ("in", "from", "of") and t.i > root.i]
    for prep in preps:
        lo, hi = prep.idx, prep.right_edge.idx + len(prep.right_edge.text)
        for m in analysis.actors:
            if lo <= m.start and m.end <= hi and m.country and m.actor_id.startswith("country:"):
                return m.country
        for p in analysis.places:
            if lo <= p.start and p.end <= hi and p.country:
                return p.country
    return None


def find_place(trigger: Any, places: list[PlaceMention]) -> EventPlace | None:
    """A place under a locative preposition attached to the trigger or to its clause head."""
    if not places:
        return None
    heads = [trigger, clause_head(trigger)]
    for head in heads:
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS):
            start, end = prep.idx, prep.right_edge.idx + len(prep.right_edge.text)
            for p in places:
                if p.start >= start and p.end <= end:
                    kind = precision_of(p)
                    return EventPlace(p.text, p.start, p.end, p.geonameid, p.name, p.country, p.admin1,
                                      p.lat, p.lon, kind, PRECISION[kind])
    return None


def time_precision(expr: TimeExpr) -> str | None:
    """day / week / month / year from the width of the expression's interval."""
    if expr.interval_start is None or expr.interval_end is None:
        return None
    days = (expr.interval_end - expr.interval_start).days + 1
    return "day" if days <= 1 else "week" if days <= 7 else "month" if days <= 31 else "year" if days <= 366 else None


def find_time(trigger: Any, sent: Any, times: list[TimeExpr]) -> TimeExpr | None:
    """A dated time expression in the trigger's clause, else the first one in the sentence."""
    dated = [t for t in times if t.type in ("DATE", "TIME") and t.interval_start is not None
             and t.start >= sent.start_char and t.end <= sent.end_char]
    if not dated:
        return None
    head = clause_head(trigger)
    lo, hi = head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text)
    inside = [t for t in dated if t.start >= lo and t.end <= hi]
    return (inside or dated)[0]


def sentence_country(sent: Any, places: list[PlaceMention]) -> str | None:
    """The one country of the resolved places in a sentence (None when there are none or several)."""
    found = {p.country for p in places if p.country and sent.start_char <= p.start and p.end <= sent.end_char}
    return found.pop() if len(found) == 1 else None


# sectors whose unnamed members belong to the country where they act ("police in Nairobi" are Kenyan); not
# armed groups, criminals, refugees, spies or foreign bodies, which often come from elsewhere ("bandits near Garissa")
LOCAL_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "CVL", "OPP", "PPL", "EDU", "LAB", "MED", "BUS", "AGR",
                           "REL", "JRN", "PTY", "SOC", "ELI"})


# role nouns the agent dictionaries lack, and heads that take the role of their "of" phrase ("leaders of the coalition")
EXTRA_ROLES = {"party": "PTY", "parties": "PTY"}
MEMBER_HEADS = frozenset({"leader", "member", "supporter", "head", "representative", "delegate", "delegation"})


def _role_phrase(tok: Any) -> tuple[Any, str] | None:
    """A role noun's phrase (with its compounds) and agent code; for "leaders/members of X", X's."""
    if tok.pos_ != "NOUN" or tok.ent_type_ or (tok.tag_ == "NN" and not any(c.dep_ in ("det", "poss", "nummod")
                                                                           for c in tok.children)):
        return None  # a bare singular noun names an activity ("suspend *publication*"), not a body of people
    left = min([c.i for c in tok.children if c.dep_ == "compound" and c.i < tok.i] + [tok.i])
    phrase = tok.doc[left:tok.i + 1]
    code = actor_kb.agent(phrase.text) or actor_kb.agent(tok.text) or EXTRA_ROLES.get(tok.lower_)
    if code is None and (tok.lemma_ or "").lower() in MEMBER_HEADS:
        inner = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                      if g.dep_ == "pobj"), None)
        return _role_phrase(inner) if inner is not None else None
    return (phrase, code) if code is not None else None


def role_actors(tokens: list[Any], actors: list[ActorMention], country: str | None) -> list[EventActor]:
    """Bare role nouns in an argument that no actor mention covers ("*Police* arrested ...", "fired at
    *demonstrators*", "leaders of the opposition *coalition* agreed"): PLOVER codes them as the sector
    (actor KB agent nouns, ``LOCAL_SECTORS`` only) of the country where the event happens, `country`;
    none without a country."""
    if country is None:
        return []
    out: list[EventActor] = []
    for tok in tokens:
        found = _role_phrase(tok)
        if found is None:
            continue
        phrase, code = found
        start, end = phrase.start_char, phrase.end_char
        if code[:3] not in LOCAL_SECTORS or any(a.start < end and start < a.end for a in actors):
            continue
        sector = code[:3]
        out.append(EventActor(phrase.text, start, end, f"agent:{country}{sector}", phrase.text, country, sector,
                              f"{country}{code}"))
    return out


def agent_country(actor: EventActor, country: str | None) -> str | None:
    """For an unresolved group named by a role noun ("the opposition coalition"), the country where the
    event happens."""
    if actor.country or actor.code or actor.actor_id.startswith("person:") or not actor.text.split():
        return actor.country
    words = actor.text.split()
    code = actor_kb.agent(" ".join(words[-2:])) or actor_kb.agent(words[-1]) or EXTRA_ROLES.get(words[-1].lower())
    return country if code is not None and code[:3] in LOCAL_SECTORS else None


# types whose joint subject acts together ("Israel and Syria resumed talks"): PLOVER's compound SRC/TAR actor
RECIPROCAL_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})


def joint_sources(kind: str, sources: list[EventActor]) -> bool:
    """Whether a reciprocal event's sources are two or more parties (then the parties are each other's
    targets, and a venue "in Washington" is no target)."""
    return kind in RECIPROCAL_TYPES and len({a.country or a.code or a.actor_id for a in sources}) >= 2
