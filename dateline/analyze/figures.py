"""Figures: every reported number that counts something, with its kind, subject, as-of date and source.

Numbers are found in each sentence by `analyze.numbers`; the dependency parse then says what they
count: the number's head noun ("7,000 troops", "hundreds of civilians", "60% of its territory")
and the verb that governs it with the role it plays ("killed 40 people", "40 people were killed",
"the death toll rose to 40"). Coordinated numbers share their head's noun and verb ("774 troops
and another 4,600 had been killed"). A casualty verb whose object is one person without a number
("killed a Taliban leader") gives an implicit count of one. Years, dates, ages, phone numbers,
addresses, measures and unit designations are not figures. A count under a purpose clause ("an
operation to arrest a Taliban leader") is marked ``intended``; a running total ("have detained 35
leaders since January", "in the last month") ``cumulative``; a negated one ("was not detained")
``negated``. Two misparses are read through: a subject hung as an apposition on a place (a dateline
run into the first sentence), and a person split from an indefinite name at "of" ("an Islamic
Movement of Uzbekistan facilitator"); "a bomb maker and facilitator" is one person. ``link_events`` attaches each figure to
the event it quantifies (the dead of an ASSAULT, the size of a MOBILIZE, the captured of a COERCE).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from .event_args import dateline_end, under_locative
from .figure_parse import group_named, listed, name_before, passive, shares_determiner, subject_behind_place
from .numbers import Quantity, find_quantities
from .registry import stage

if TYPE_CHECKING:
    from ..config import Config
    from .base import Analysis

KINDS = ("troops_deployed", "killed", "wounded", "captured", "displaced", "territory_share", "money", "other")
# Verb lemma -> kind, for the counted thing as object (or passive subject).
CASUALTY_VERBS: dict[str, str] = {
    "kill": "killed", "slay": "killed", "murder": "killed", "execute": "killed", "behead": "killed",
    "massacre": "killed", "assassinate": "killed", "eliminate": "killed",
    "wound": "wounded", "injure": "wounded", "hurt": "wounded", "maim": "wounded",
    "capture": "captured", "detain": "captured", "arrest": "captured", "apprehend": "captured",
    "abduct": "captured", "kidnap": "captured", "hold": "captured",
    "displace": "displaced", "evacuate": "displaced", "uproot": "displaced", "expel": "displaced",
}
# Intransitive verbs whose subject is the counted thing.
SUBJECT_VERBS: dict[str, str] = {"die": "killed", "perish": "killed", "flee": "displaced", "surrender": "captured"}
DEPLOY_VERBS = frozenset({"deploy", "send", "dispatch", "station", "mobilize", "mobilise", "withdraw", "pull",
                          "amass", "base", "number", "commit", "redeploy", "position", "reinforce", "add"})
TERRITORY_VERBS = frozenset({"lose", "control", "hold", "seize", "capture", "retake", "recapture", "regain",
                             "occupy", "liberate", "take"})
NOUN_KINDS: dict[str, str] = {
    "dead": "killed", "death": "killed", "fatality": "killed", "body": "killed", "corpse": "killed",
    "toll": "killed", "wounded": "wounded", "injured": "wounded", "injury": "wounded",
    "detainee": "captured", "prisoner": "captured", "captive": "captured", "arrest": "captured",
    "detention": "captured", "hostage": "captured", "refugee": "displaced", "displaced": "displaced",
    "evacuee": "displaced",
}
# Event nouns whose "of" object is the one counted ("the capture of a Taliban leader").
EVENT_NOUNS: dict[str, str] = {"capture": "capture", "arrest": "arrest", "detention": "detain",
                               "killing": "kill", "death": "kill"}
TROOP_NOUNS = frozenset({"troop", "soldier", "force", "personnel", "fighter", "marine", "peacekeeper",
                         "reinforcement", "paratrooper", "servicemember", "sailor", "airman", "militiaman",
                         "reservist", "contractor", "adviser", "advisor", "strong"})
TERRITORY_NOUNS = frozenset({"territory", "land", "area", "ground", "country", "city", "province", "region"})
MONEY_NOUNS = frozenset({"dollar", "euro", "pound", "yen", "rupee", "yuan", "ruble", "rouble", "dinar", "afghani"})
PERSON_NOUNS = frozenset({
    "insurgent", "leader", "commander", "facilitator", "militant", "suspect", "man", "woman", "civilian",
    "soldier", "fighter", "member", "individual", "person", "child", "boy", "girl", "policeman", "officer",
    "bomber", "terrorist", "gunman", "attacker", "emir", "operative", "financier", "associate", "smuggler",
    "trafficker", "maker", "sniper", "courier", "official", "guard", "journalist", "worker", "student",
    "driver", "deputy", "chief", "villager", "resident", "recruiter", "spokesman", "lieutenant", "trainer",
    "dealer", "coordinator", "planner", "organizer", "organiser", "manufacturer", "supplier", "distributor",
    "transporter", "builder", "expert", "specialist", "accomplice", "conspirator", "mullah", "cleric",
})
MEASURE_NOUNS = frozenset({
    "mm", "millimeter", "millimetre", "cm", "km", "kilometer", "kilometre", "mile", "meter", "metre", "foot",
    "feet", "inch", "kg", "kilogram", "pound", "lb", "ton", "tonne", "gram", "liter", "litre", "gallon",
    "hour", "minute", "second", "day", "week", "month", "year", "decade", "century", "time", "round",
    "degree", "acre", "hectare", "point", "caliber", "calibre", "o'clock", "am", "pm", "a.m.", "p.m.",
})
NUMBER_WORDS = frozenset({"%", "percent", "cent", "hundreds", "thousands", "millions", "dozens", "dozen",
                          "tens", "scores", "hundred", "thousand", "million", "billion", "several", "numerous",
                          "multiple", "few", "handful", "couple", "one", "percentage"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_PHONE = re.compile(r"(?:\+?\d{1,3}[\s.-])?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b")
_ADDRESS_AFTER = re.compile(r"\s+(?:[NSEW]\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+"
                            r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Court|Place)\b")
_AGE_AFTER = re.compile(r"^(?:-|\s)(?:year|yr)s?[\s-]old|^\s+years?\s+(?:old|of\s+age)|^-month-old", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"(?:\baged?|\bages|\bage\s+of)\s+$", re.IGNORECASE)
_DESIGNATION_BEFORE = re.compile(r"(?:\bNo\.|\bNumber|#|\bRoute|\bHighway|\bTask\s+Force|\bFlight|\bPage|"
                                 r"\bArticle|\bResolution|\bSection|\bChapter|\bRoom|\bUnit|\bPlatoon|\bCompany|"
                                 r"\bBattalion|\bBrigade|\bDivision|\bCorps|\bRegiment|\bPhase|\bcaliber)\s*$")


@dataclass(slots=True)
class Figure:
    """A reported number that counts something, with what it counts, whose, where, when and per whom."""

    kind: str
    qualifier: str
    value: float | None
    low: float | None
    high: float | None
    unit: str
    noun: str
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    phrase: str = ""  # the counted noun phrase ("774 Iraqi troops")
    verb: str = ""  # lemma of the governing verb
    actor: str | None = None  # actor id (or text when unresolved): whose troops, who was killed
    actor_country: str | None = None
    actor_text: str = ""
    place: str | None = None  # place name (gazetteer) or toponym text
    place_id: int | None = None
    place_admin1: str | None = None
    place_text: str = ""
    as_of: date | None = None
    as_of_text: str = ""
    date_from_publication: bool = False
    speaker: str | None = None
    speaker_actor: str | None = None
    confidence: float = 0.6
    how: str = ""
    component: str = ""
    vague: bool = False  # a vague count ("several", "numerous"): its minimum is the annotators' fixed reading
    # "reported" (it happened), "intended" ("an operation to arrest a leader"), "cumulative" (a running
    # total: "have detained 35 leaders since January", "in the last month") or "negated" ("was not
    # detained"): only reported figures count an incident
    status: str = "reported"
    event_start: int | None = None  # trigger offset of the event the figure quantifies (``link_events``)
    event_type: str | None = None

    @property
    def minimum(self) -> float | None:
        """The least count the figure supports ("more than 40" -> 41, "dozens" -> 24, "12-15" -> 12)."""
        if self.qualifier == "more_than" and self.value is not None:
            return self.value + 1 if float(self.value).is_integer() else self.value
        return self.low if self.low is not None else self.value


@dataclass(slots=True)
class _Reading:
    """What the parse says about one number: its noun, verb, role and kind, and the rule used."""

    kind: str
    noun: Any | None
    verb: Any | None
    how: str
    inherited: bool = False  # the noun comes from a coordinated head ("774 troops and another 4,600")


def _lemma(token: Any | None) -> str:
    """Lower-case lemma of a token ('' for None)."""
    return token.lemma_.lower() if token is not None else ""


def _noun_of(anchor: Any, span: Any) -> Any | None:
    """The noun a number counts: its head ("40 people"), or what follows "of" ("hundreds of civilians")."""
    node = anchor
    if node.pos_ in ("NOUN", "PROPN") and node.lower_ not in NUMBER_WORDS and node.i >= span.start:
        return node
    if node.dep_ in ("nummod", "amod", "quantmod", "det", "compound", "npadvmod", "appos") and \
            node.head.pos_ in ("NOUN", "PROPN", "ADJ") and node.head.i > node.i:
        return node.head
    for _ in range(3):
        prep = next((c for c in node.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if pobj is None:
            return None
        if pobj.lower_ not in NUMBER_WORDS:
            return pobj
        node = pobj
    return None


def _governor(node: Any) -> tuple[Any | None, str]:
    """The verb governing a noun phrase and the role it plays ("dobj", "nsubjpass", "pobj:to", ...)."""
    role = node.dep_
    while (node.dep_ == "conj" or listed(node)) and node.head.i != node.i:
        node = node.head
        role = node.dep_
    if role == "appos":
        misparsed = subject_behind_place(node)
        if misparsed is not None:
            return misparsed
    head = node.head
    if role == "pobj" and head.dep_ == "prep" and _along_with(head):
        # "detained the leader along with three of his associates": counted like the leader
        anchor = head.head if head.head.lower_ not in ALONG else head.head.head
        if anchor.pos_ in ("NOUN", "PROPN", "PRON") and anchor.i != head.i:
            return _governor(anchor)
        return (anchor, "dobj") if anchor.pos_ in ("VERB", "AUX") else (None, role)
    if role == "pobj" and head.dep_ in ("prep", "agent", "dative"):
        role = f"pobj:{head.lower_}"
        head = head.head
    if head.pos_ in ("VERB", "AUX") or head.dep_ == "ROOT":
        return head, role
    return None, role


ALONG = frozenset({"along", "together"})


def _along_with(prep: Any) -> bool:
    """A "with" that adds to what it hangs on: "along with", "together with"."""
    return prep.lower_ == "with" and prep.i > 0 and (prep.doc[prep.i - 1].lower_ in ALONG)


# Purpose: "an operation to arrest X", "attempted to capture X" (an aim, not a result).
PURPOSE_HEADS = frozenset({"attempt", "try", "seek", "plan", "intend", "aim", "want", "hope", "mission", "operation",
                           "raid", "effort", "order", "warrant", "bid", "plot", "going", "threaten", "vow", "promise",
                           "pledge", "prepare"})  # "was going to kill the men", "vowed to arrest them": not done
# Running totals: "since January", "so far", "to date", "in the last month", "this year".
SPAN_NOUNS = frozenset({"week", "month", "year", "months", "weeks", "years"})


def status_of(verb: Any | None) -> str:
    """reported / intended / cumulative for a count governed by `verb` (see the module docstring)."""
    if verb is None:
        return "reported"
    if any(c.dep_ == "neg" for c in verb.children):
        return "negated"  # "the woman was not detained"
    if verb.dep_ in ("acl", "advcl", "xcomp", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
            and (verb.dep_ != "xcomp" or _lemma(verb.head) in PURPOSE_HEADS or verb.head.lower_ in PURPOSE_HEADS) \
            and (verb.dep_ != "acl" or _lemma(verb.head) in PURPOSE_HEADS):
        return "intended"
    node = verb
    for _ in range(3):
        if _running_total(node):
            return "cumulative"
        if node.dep_ not in ("advcl", "conj", "xcomp") or node.head == node:
            break
        node = node.head
    return "reported"


def _running_total(verb: Any) -> bool:
    """The verb's own modifiers make it a running total ("since ...", "so far", "in the last month")."""
    for child in verb.children:
        word = child.lower_
        if word == "since" and child.dep_ in ("prep", "mark"):
            return True
        if word in ("far", "date") and child.dep_ in ("advmod", "prep", "pobj") and child.i > 0 \
                and child.doc[child.i - 1].lower_ in ("so", "to"):
            return True
        if child.dep_ in ("prep", "npadvmod") and word in ("in", "over", "during", "throughout", "within", "this"):
            for g in [child, *child.children]:
                if _lemma(g) in SPAN_NOUNS or g.lower_ in SPAN_NOUNS:
                    mods = {c.lower_ for c in g.children}
                    if mods & {"last", "past", "previous", "this", "recent"} or g.lower_ in ("months", "weeks", "years"):
                        return True
        if child.dep_ == "npadvmod" and _lemma(child) in SPAN_NOUNS and any(c.lower_ == "this" for c in child.children):
            return True
    return False


def _verb_lemma(verb: Any | None) -> str:
    """A verb's lemma, with phrasal casualty verbs mapped ("take into custody" -> detain, "shoot dead" -> kill)."""
    lemma = _lemma(verb)
    if verb is None:
        return lemma
    words = {c.lower_ for c in verb.children} | {g.lower_ for c in verb.children for g in c.children}
    if lemma == "take" and ("custody" in words or "prisoner" in words or "captive" in words):
        return "detain"
    if lemma in ("shoot", "gun", "beat", "stab") and "dead" in words:
        return "kill"
    return lemma


def _participle(noun: Any) -> str:
    """Kind given by a participle or adjective on the noun ("two insurgents killed", "40 dead")."""
    for child in noun.children:
        if child.dep_ in ("acl", "amod", "relcl") and _lemma(child) in CASUALTY_VERBS \
                and (child.dep_ != "relcl" or any(c.dep_ == "auxpass" for c in child.children)):
            return CASUALTY_VERBS[_lemma(child)]
        if child.dep_ in ("amod", "acl") and child.lower_ in ("dead", "wounded", "injured"):
            return NOUN_KINDS[child.lower_]
    return ""


def _read(anchor: Any, span: Any, quantity: Quantity) -> _Reading:
    """Decide what a number counts from the parse around its anchor token."""
    reading, inherited = _classify(anchor, span, quantity)
    reading.inherited = inherited
    return reading


def _second_look(node: Any, verb: Any | None, role: str) -> tuple[Any | None, str]:
    """The subject of one verb that is also the subject of a coordinated passive casualty verb ("several
    insurgents presented a threat and were killed"): that verb, the role nsubjpass."""
    if verb is None or role not in SUBJECT_DEPS or _verb_lemma(verb) in CASUALTY_VERBS:
        return verb, role
    for conj in verb.children:
        if conj.dep_ == "conj" and conj.pos_ == "VERB" and _verb_lemma(conj) in CASUALTY_VERBS \
                and any(c.dep_ == "auxpass" for c in conj.children) and not any(c.dep_ in SUBJECT_DEPS for c in conj.children):
            return conj, "nsubjpass"
    return verb, role


def _classify(anchor: Any, span: Any, quantity: Quantity) -> tuple[_Reading, bool]:
    """The reading of a number and whether its noun was inherited from a coordinated head."""
    noun = _noun_of(anchor, span)
    node = noun if noun is not None and (noun.i == anchor.i or noun.i == anchor.head.i) else anchor
    inherited = False
    if noun is None and anchor.dep_ == "conj" and anchor.head.pos_ in ("NOUN", "PROPN"):
        noun = anchor.head if anchor.head.lower_ not in NUMBER_WORDS else None
        inherited = noun is not None
    verb, role = _second_look(node, *_governor(node))
    vlemma, nlemma = _verb_lemma(verb), _lemma(noun)
    if verb is None and role == "pobj:of" and _lemma(node.head.head) in EVENT_NOUNS:
        verb, vlemma, role = node.head.head, EVENT_NOUNS[_lemma(node.head.head)], "dobj"  # "the deaths of 12 insurgents"
    active_object = role in ("dobj", "nsubjpass", "pobj:of", "attr", "conj", "appos") or \
        (role == "nsubj" and verb is not None and passive(verb))
    if quantity.unit not in ("", "percent") or nlemma in MONEY_NOUNS:
        return _Reading("money", noun, verb, "money:unit"), inherited
    if quantity.unit == "percent":
        if nlemma in TERRITORY_NOUNS or (vlemma in TERRITORY_VERBS and nlemma in ("", "it")):
            return _Reading("territory_share", noun, verb, "percent:territory"), inherited
        return _Reading("other", noun, verb, "percent"), inherited
    if vlemma in CASUALTY_VERBS and active_object:
        return _Reading(CASUALTY_VERBS[vlemma], noun, verb, f"verb:{vlemma}+{role}"), inherited
    if vlemma in SUBJECT_VERBS and role in SUBJECT_DEPS:
        return _Reading(SUBJECT_VERBS[vlemma], noun, verb, f"verb:{vlemma}+{role}"), inherited
    if noun is not None and _participle(noun):
        return _Reading(_participle(noun), noun, verb, "participle"), inherited
    if role.startswith("pobj:to") and verb is not None:
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None and _lemma(subject) in NOUN_KINDS:
            return _Reading(NOUN_KINDS[_lemma(subject)], subject, verb, f"toll:{_lemma(subject)}"), inherited
    if nlemma in NOUN_KINDS or (noun is not None and noun.lower_ in NOUN_KINDS):
        return _Reading(NOUN_KINDS.get(nlemma) or NOUN_KINDS[noun.lower_], noun, verb, f"noun:{nlemma}"), inherited
    if nlemma in TROOP_NOUNS or quantity.strong:
        return _Reading("troops_deployed", noun, verb, f"troops:{vlemma or 'noun'}"), inherited
    return _Reading("other", noun, verb, "noun" if noun is not None else "bare"), inherited


def _excluded(text: str, quantity: Quantity, times: list[tuple[int, int]], phones: list[tuple[int, int]]) -> str:
    """Why a number is not a figure (year, date, age, phone, address, designation), or ''."""
    start, end = quantity.start, quantity.end
    if any(s < end and start < e for s, e in times) and not quantity.vague:
        return "time"
    if any(s <= start and end <= e for s, e in phones):
        return "phone"
    raw = quantity.text.strip()
    if quantity.qualifier == "exact" and re.fullmatch(r"1[6-9]\d\d|20\d\d", raw) and not quantity.unit:
        return "year"
    after, before = text[end:end + 20], text[max(0, start - 20):start]
    if _AGE_AFTER.match(after) or _AGE_BEFORE.search(before):
        return "age"
    if re.match(r"\d", raw) and _ADDRESS_AFTER.match(after):
        return "address"
    if _DESIGNATION_BEFORE.search(before) or re.search(r"[A-Za-z]-$", before):
        return "designation"  # "Task Force 3", "F-16", a reference such as "2013-01-S-010"
    if re.match(r"^(?:no|none)\s+$", before[-4:], re.IGNORECASE) or re.search(r"\bno\s+$", before):
        return "negated"
    return ""


def _person_count(token: Any) -> bool:
    """True for a singular noun phrase naming one person ("a Taliban leader", "Alaudin")."""
    if token.tag_ not in ("NN", "NNP", "PRP") or any(c.dep_ == "nummod" for c in token.children):
        return False
    return token.ent_type_ == "PERSON" or _lemma(token) in PERSON_NOUNS or token.lower_ in ("him", "her")


class _Finder:
    """Finds the figures of one parsed analysis, using its actors, places, times and quotes."""

    def __init__(self, analysis: Analysis, component: str) -> None:
        self.a = analysis
        self.doc = analysis.doc
        self.component = component
        self.filed = dateline_end(analysis.text)  # end of the wire dateline ("WASHINGTON (Tigris Wire) -")
        self.times = [(t.start, t.end) for t in analysis.times if t.type in ("DATE", "TIME", "DURATION", "SET")]
        self.phones = [m.span() for m in _PHONE.finditer(analysis.text)]
        self.figures: list[Figure] = []

    def run(self) -> list[Figure]:
        """Every figure of the article, in text order."""
        for sent in self.doc.sents:
            taken: set[int] = set()
            for quantity in find_quantities(sent.text):
                q = _shift(quantity, sent.start_char)
                self._number(sent, q, taken)
            self._implicit_ones(sent, taken)
            self._anaphors(sent, taken)
        return sorted(self.figures, key=lambda f: f.start)

    def _number(self, sent: Any, q: Quantity, taken: set[int]) -> None:
        """A figure for one number phrase, unless it is excluded or counts nothing."""
        if _excluded(self.a.text, q, self.times, self.phones):
            return
        span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            return
        reading = _read(span.root, span, q)
        if reading.noun is not None and _lemma(reading.noun) in MEASURE_NOUNS:
            return
        if reading.kind == "other" and reading.noun is None:
            return
        taken.update(t.i for t in span)
        if reading.noun is not None:
            taken.add(reading.noun.i)
        conf = 0.8 if reading.kind != "other" else 0.5
        self.figures.append(self._figure(sent, q, reading, conf))

    def _implicit_ones(self, sent: Any, taken: set[int]) -> None:
        """Count one for a casualty verb's singular person object without a number ("killed a leader")."""
        for token in sent:
            if token.i in taken or not _person_count(token):
                continue
            verb, role = _governor(token)
            vlemma = _verb_lemma(verb)
            if role == "pobj:of" and verb is None and _lemma(token.head.head) in EVENT_NOUNS:
                verb, vlemma, role = token.head.head, EVENT_NOUNS[_lemma(token.head.head)], "dobj"
            elif role == "pobj:of" and verb is None and name_before(token):
                verb, role = _governor(token.head.head)  # "captured an Islamic Movement of Uzbekistan facilitator"
                vlemma = _verb_lemma(verb)
            is_passive = role == "nsubjpass" or (role == "nsubj" and verb is not None and passive(verb))
            if vlemma not in CASUALTY_VERBS or not (role in ("dobj", "conj") or is_passive):
                continue
            if token.ent_type_ == "PERSON" and token.dep_ == "appos":
                continue
            if shares_determiner(token):
                continue  # "a bomb maker and facilitator": one person with two roles
            left = min(t.idx for t in token.subtree if t.i <= token.i)
            q = Quantity(left, token.idx + len(token.text), self.a.text[left:token.idx + len(token.text)],
                         "exact", 1.0, None, None)
            reading = _Reading(CASUALTY_VERBS[vlemma], token, verb, f"implicit-one:{vlemma}+{role}")
            self.figures.append(self._figure(sent, q, reading, 0.55))

    def _anaphors(self, sent: Any, taken: set[int]) -> None:
        """Count a casualty verb's definite plural ("the insurgents were killed") as the group it refers
        back to ("spotted several suspected insurgents"): that figure's count."""
        for token in sent:
            found = group_named(self.figures, token, _governor) if _lemma(token) in PERSON_NOUNS else None
            if found is None or token.i in taken:
                continue
            group, verb, role = found
            is_passive = role == "nsubjpass" or (role == "nsubj" and verb is not None and passive(verb))
            if _verb_lemma(verb) not in CASUALTY_VERBS or not (role == "dobj" or is_passive):
                continue
            left, end = min(t.idx for t in token.subtree if t.i <= token.i), token.idx + len(token.text)
            q = Quantity(left, end, self.a.text[left:end], group.qualifier, group.value, group.low, group.high,
                         vague=group.vague)
            reading = _Reading(CASUALTY_VERBS[_verb_lemma(verb)], token, verb, f"anaphor:{_verb_lemma(verb)}+{role}")
            self.figures.append(self._figure(sent, q, reading, 0.5))

    def _figure(self, sent: Any, q: Quantity, reading: _Reading, confidence: float) -> Figure:
        """Assemble a Figure with its subject, place, date and speaker."""
        noun = reading.noun
        phrase_span = (min(q.start, noun.idx), max(q.end, noun.idx + len(noun.text))) \
            if noun is not None and not reading.inherited else (q.start, q.end)
        figure = Figure(
            reading.kind, q.qualifier, q.value, q.low, q.high, q.unit, _lemma(noun), q.start, q.end, q.text,
            sent.start_char, sent.end_char, self.a.text[phrase_span[0]:phrase_span[1]], _verb_lemma(reading.verb),
            confidence=confidence, how=reading.how, component=self.component, vague=q.vague)
        if figure.kind in ("killed", "wounded", "captured", "displaced"):
            figure.status = status_of(reading.verb)
        self._subject(figure, sent, reading, phrase_span)
        self._place(figure, sent)
        self._date(figure, sent)
        self._speaker(figure)
        return figure

    def _subject(self, figure: Figure, sent: Any, reading: _Reading, phrase: tuple[int, int]) -> None:
        """Whose troops / who was counted: an actor in the noun phrase, else the agent, else the sentence."""
        spans = [phrase]
        if reading.noun is not None:
            sub = list(reading.noun.subtree)
            spans.append((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
        if reading.verb is not None and figure.kind in ("troops_deployed", "territory_share", "other", "money"):
            agent = next((c for c in reading.verb.children if c.dep_ == "nsubj"), None)
            if agent is not None:
                sub = list(agent.subtree)
                spans.append((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
        for start, end in spans:
            actor = next((m for m in self.a.actors if m.start < end and start < m.end), None)
            if actor is not None:
                figure.actor, figure.actor_country, figure.actor_text = actor.actor_id, actor.country, actor.text
                return
            ent = next((e for e in self.a.entities if e.start < end and start < e.end
                        and e.label in ("NORP", "GPE", "ORG")), None)
            if ent is not None:
                figure.actor, figure.actor_text = ent.text, ent.text
                return

    def _place(self, figure: Figure, sent: Any) -> None:
        """The place in the sentence: a resolved PlaceMention, else a GPE/LOC/FAC entity's text.

        A place under a locative preposition ("killed *in Mosul*") wins over the others; a nationality
        ("American troops") or a compound modifier ("a UK-based group") names whose, not where; the
        dateline's city ("WASHINGTON (Tigris Wire) - ...") is where the report was filed, not where
        the figure happened, so it is never the figure's place.
        """
        start, end = sent.start_char, max(sent.start_char, sent.end_char)
        start = max(start, self.filed)
        text = self.a.text
        places = [p for p in self.a.places if start <= p.start < end and p.text != figure.actor_text
                  and p.how != "demonym" and text[p.end:p.end + 1] != "-"]  # not "American", "US-backed"
        locative = [p for p in places if under_locative(sent, p.start)]
        place = (locative or places or [None])[0]
        if place is not None:
            figure.place, figure.place_id, figure.place_admin1 = place.name, place.geonameid, place.admin1
            figure.place_text = place.text
            return
        ent = next((e for e in self.a.entities if start <= e.start < end and e.label in ("GPE", "LOC", "FAC")
                    and e.text != figure.actor_text and text[e.end:e.end + 1] != "-"), None)
        if ent is not None:
            figure.place, figure.place_text = ent.text, ent.text

    def _date(self, figure: Figure, sent: Any) -> None:
        """The as-of date: a dated time expression in the sentence, else the publication date (flagged)."""
        start, end = sent.start_char, sent.end_char
        dated = [t for t in self.a.times if start <= t.start < end and t.type in ("DATE", "TIME")
                 and t.interval_start is not None and t.interval_start == t.interval_end]
        if dated:
            best = min(dated, key=lambda t: abs(t.start - figure.start))
            figure.as_of, figure.as_of_text = best.interval_start, best.text
        else:
            figure.as_of, figure.date_from_publication = self.a.published, True

    def _speaker(self, figure: Figure) -> None:
        """Who said it: the speaker of a quote or attributed clause that holds the number."""
        holders = [q for q in self.a.quotes if q.covers(figure.start, figure.end) and q.speaker]
        if holders:
            quote = min(holders, key=lambda q: q.end - q.start)
            figure.speaker, figure.speaker_actor = quote.speaker, quote.actor_id


# A figure's kind -> the PLOVER event types it can quantify, best first: the dead and wounded of an
# attack, the captured of an arrest (COERCE) or abduction (ASSAULT), the size of a deployment, the
# displaced of an expulsion, the crowd of a protest.
QUANTIFIES: dict[str, tuple[str, ...]] = {
    "killed": ("ASSAULT", "COERCE"), "wounded": ("ASSAULT", "COERCE"), "captured": ("COERCE", "ASSAULT"),
    "troops_deployed": ("MOBILIZE", "RETREAT"), "displaced": ("COERCE", "ASSAULT"), "other": ("PROTEST",),
}
CROWD_NOUNS = frozenset({"protester", "demonstrator", "people", "marcher", "supporter", "worker", "student",
                         "farmer", "rally", "crowd", "activist", "striker"})


def link_events(events: list[Any], figures: list[Figure]) -> None:
    """Attach each figure to the event it quantifies: an event of a fitting type (``QUANTIFIES``) in the
    same sentence, the main event before an embedded one, then the nearest trigger. Sets the figure's
    ``event_start``/``event_type`` and the event's ``linked_figures``; an event's ``fatalities`` is the
    sum of the minimums of its linked, reported killed figures (None when it has none: never guessed)."""
    for event in events:
        event.linked_figures, event.fatalities = [], None
    for figure in figures:
        figure.event_start = figure.event_type = None
        types = QUANTIFIES.get(figure.kind, ())
        if figure.kind == "other" and figure.noun not in CROWD_NOUNS:
            continue
        fitting = [e for e in events if e.type in types and e.sentence_start == figure.sentence_start]
        if not fitting:
            continue
        event = min(fitting, key=lambda e: (types.index(e.type), e.embedded, abs(e.trigger_start - figure.start)))
        figure.event_start, figure.event_type = event.trigger_start, event.type
        event.linked_figures.append((figure.kind, figure.start, figure.end))
        if figure.kind == "killed" and figure.status == "reported" and figure.minimum is not None:
            event.fatalities = int((event.fatalities or 0) + figure.minimum)


def _shift(q: Quantity, offset: int) -> Quantity:
    """A quantity found in a sentence, moved to article offsets."""
    return Quantity(q.start + offset, q.end + offset, q.text, q.qualifier, q.value, q.low, q.high, q.unit,
                    q.vague, q.strong)


def find_figures(analysis: Analysis, component: str = "figures.v3") -> list[Figure]:
    """Every figure of a parsed analysis (empty when it has no parse)."""
    if analysis.doc is None:
        return []
    return _Finder(analysis, component).run()


@stage("figures.v3", alias="figures")
class FigureStage:
    """Find the reported figures of each parsed article."""

    name: ClassVar[str] = "figures.v3"
    requires: ClassVar[tuple[str, ...]] = ("doc",)
    assigns: ClassVar[tuple[str, ...]] = ("figures",)

    def setup(self, config: Config) -> None:
        """Nothing to load: the lexicons are constants."""

    def process(self, batch: list[Analysis]) -> list[Analysis]:
        for analysis in batch:
            analysis.figures = find_figures(analysis, self.name)
            if analysis.events:  # the events stage ran first (a custom stage order)
                link_events(analysis.events, analysis.figures)
            analysis.components[self.name] = self.name
        return batch


__all__ = ["KINDS", "QUANTIFIES", "Figure", "FigureStage", "find_figures", "link_events"]
