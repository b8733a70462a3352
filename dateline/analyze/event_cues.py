"""Trigger cues beyond the lexicon: verbs whose object decides the event type, and conditions that make
an act a threat.

``object_rule`` types a verb by its object ("send *troops*" MOBILIZE, "evacuated *the wounded*" AID,
"dispatched *inspectors*" ACCUSE/investigate); ``type_score`` scores a lexicon entry, less when the
verb's object is the wrong kind for the type ("mobilized *pressure groups*"); ``conditional`` finds the
"if/unless" clause that turns a future act into a threat ("may halt its mediation *if* ...").
"""

from __future__ import annotations

from typing import Any

from .plover import QUAD, Trigger

MODEL_WEIGHT, QUAD_WEIGHT = 0.4, 0.2
FORCES = frozenset({"troop", "force", "soldier", "adviser", "advisor", "marine", "unit", "tank", "warship",
                    "fighter", "militia", "police", "policeman", "reinforcement", "battalion", "brigade", "jet"})
RELIEF = frozenset({"aid", "food", "medicine", "supply", "assistance", "fund", "money", "tent", "fuel", "water", "grain",
                    "arm", "weapon", "equipment", "vaccine", "blanket", "flour", "rice", "wheat"})
WEAPONS = frozenset({"weapon", "gas", "bomb", "chemical", "missile", "rocket", "force", "explosive", "tear"})
# people moved out of danger: a humanitarian evacuation (AID), unlike troops evacuating a town (RETREAT)
EVACUEES = frozenset({"wounded", "wound", "injured", "injure", "sick", "casualty", "civilian", "refugee", "survivor",
                      "patient", "child", "orphan", "evacuee"})
# people sent to look into something: CAMEO 09 investigate, PLOVER ACCUSE (investigate)
INSPECTORS = frozenset({"inspector", "investigator", "monitor", "fact-finder", "prosecutor", "auditor"})
OBJECT_RULES: tuple[tuple[frozenset[str], frozenset[str], Trigger], ...] = (
    (frozenset({"send", "dispatch", "deploy", "move", "rush", "station", "mass"}), FORCES,
     Trigger(("send", "<forces>"), "V", "MOBILIZE", "troops", 0.85)),
    (frozenset({"use", "fire", "drop", "launch"}), WEAPONS, Trigger(("use", "<weapons>"), "V", "ASSAULT", None, 0.85)),
    (frozenset({"send", "give", "provide", "deliver", "hand", "ship", "airlift", "donate", "offer"}), RELIEF,
     Trigger(("send", "<relief>"), "V", "AID", None, 0.85)),
    (frozenset({"evacuate", "airlift", "rescue"}), EVACUEES, Trigger(("evacuate", "<people>"), "V", "AID", None, 0.85)),
    (frozenset({"send", "dispatch", "deploy"}), INSPECTORS,
     Trigger(("send", "<inspectors>"), "V", "ACCUSE", "investigate", 0.8)),
    (frozenset({"block", "barricade", "occupy"}), frozenset({"road", "highway", "street", "bridge", "square", "entrance"}),
     Trigger(("block", "<road>"), "V", "PROTEST", "obstruct", 0.8)),
    (frozenset({"lodge", "file", "issue", "deliver"}), frozenset({"protest", "complaint"}),
     Trigger(("lodge", "<protest>"), "V", "ACCUSE", "disapprove", 0.85)),
    # CAMEO 0872 "ease military blockade" sits under 087 de-escalation, PLOVER RETREAT (access)
    # CAMEO 162 "reduce or stop material aid" is PLOVER SANCTION (discontinue)
    (frozenset({"cut", "reduce", "halt", "suspend", "stop", "withhold", "freeze"}), RELIEF,
     Trigger(("cut", "<relief>"), "V", "SANCTION", "discontinue", 0.85)),
    (frozenset({"lift", "ease", "end", "break", "relax"}), frozenset({"blockade", "siege"}),
     Trigger(("lift", "<blockade>"), "V", "RETREAT", "access", 0.85)),
)
# verbs whose type holds only for the right kind of object: "mobilized *pressure groups*", "sent *inspectors*"
OBJECT_BOUND: dict[str, frozenset[str]] = {
    "MOBILIZE": FORCES | WEAPONS | frozenset({"army", "reservist", "militiaman", "guard", "ship", "aircraft",
                                              "missile", "artillery", "personnel", "contingent", "division"}),
    "AID": RELIEF | frozenset({"loan", "grant", "credit", "help", "asylum", "shelter", "doctor", "medic", "kg", "ton"}),
}
MISMATCH_PENALTY = 0.4
PROTEST_SPEECH = Trigger(("protest", "<clause>"), "V", "ACCUSE", "disapprove", 0.8)
CONDITION_MARKS = frozenset({"if", "unless"})


def lemma(token: Any) -> str:
    """The lower-cased lemma, with the lower-cased form as fallback."""
    return (token.lemma_ or token.text).lower()


def type_score(entry: Trigger, types: dict[str, float], quads: dict[str, float],
               token: Any = None) -> tuple[float, float, float]:
    """Lexicon weight plus the classifiers' support for the entry's type, with the two probabilities;
    less for a verb whose object is the wrong kind for its type (``OBJECT_BOUND``)."""
    p_type, p_quad = types.get(entry.type, 0.0), quads.get(str(QUAD[entry.type]), 0.0)
    weight = entry.weight
    bound = OBJECT_BOUND.get(entry.type)
    if bound is not None and token is not None and entry.pos == "V" and not entry.words[-1].startswith("<"):
        objects = {lemma(c) for c in token.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")}
        if objects and not objects & bound:
            weight -= MISMATCH_PENALTY
    return weight + MODEL_WEIGHT * p_type + QUAD_WEIGHT * p_quad, p_type, p_quad


def object_rule(token: Any) -> Trigger | None:
    """A verb whose object decides the type ("send troops" MOBILIZE, "use chemical weapons" ASSAULT)."""
    if token.pos_ != "VERB":
        return None
    if lemma(token) == "protest" and any(c.dep_ == "ccomp" for c in token.children):
        return PROTEST_SPEECH  # "X is failing ..., a rights group protested": a verbal protest, CAMEO disapprove
    heads = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    # a measured object names its stuff in an "of" phrase ("700 kg of medicine", "$5 worth of goods")
    objects = {lemma(c) for c in heads} | {lemma(g) for c in heads for p in c.children
                                            if p.dep_ == "prep" and p.lower_ == "of"
                                            for g in p.children if g.dep_ == "pobj"}
    for verbs, nouns, entry in OBJECT_RULES:
        if lemma(token) in verbs and objects & nouns:
            return entry
    return None


def conditional(token: Any) -> bool:
    """Whether the trigger's verb carries an "if/unless" clause ("will strike *if* ...", "may halt ... *unless* ...")."""
    verb = token if token.pos_ in ("VERB", "AUX") else token.head
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children)
               for c in verb.children)


POSTURE_VERBS = frozenset({"prepare", "gear"})


def posture(cue: Any | None) -> bool:
    """Whether an attack's cue is a narrated preparation ("the army *prepared* to resume shelling"): a show
    of force, PLOVER MOBILIZE, not yet an ASSAULT and, unlike "said it is ready to strike", no threat."""
    return cue is not None and cue.pos_ in ("VERB", "AUX") and lemma(cue) in POSTURE_VERBS
