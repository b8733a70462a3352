"""Reading a figure's noun phrase through the parser's usual mistakes on news text.

en_core_web_sm hangs some phrases in the wrong place; these helpers say where they belong, so that
``analyze.figures`` finds the verb that counts them:

- a dateline run into the first sentence ("KABUL, Afghanistan (Dec. 7) A Taliban facilitator was
  captured") or a fronted place makes the subject an apposition of the place;
- a list ("a leader, a facilitator and several associates") becomes an apposition with a conjunct;
- "an Islamic Movement of Uzbekistan facilitator" is split at "of", the person left as its object;
- a passive auxiliary shared by coordinated verbs ("two were killed and several others detained");
- "a bomb maker and facilitator": two nouns under one determiner name one person;
- "the insurgents were killed" after "spotted several insurgents": a definite plural without a number
  names a group counted before, and takes that count.
"""

from __future__ import annotations

from typing import Any

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def listed(node: Any) -> bool:
    """A list member the parser hung as an apposition: "a leader, a facilitator and several associates"
    (the apposition has its own "and ..." conjunct)."""
    return node.dep_ == "appos" and node.head.pos_ == "NOUN" and node.head.i < node.i \
        and any(c.dep_ == "cc" for c in node.children) \
        and any(c.dep_ == "conj" for c in node.children)


def subject_behind_place(node: Any) -> tuple[Any, str] | None:
    """The verb and role of a subject the parser hung as an apposition on a place name before it: a
    dateline run into the first sentence ("KABUL, Afghanistan (Dec. 7) A Taliban facilitator was
    captured") or a fronted place ("In a separate event in Afghanistan, a leader was captured")."""
    place = node.head
    if place.i >= node.i or not (place.ent_type_ in ("GPE", "LOC") or place.is_upper):
        return None
    root = node.sent.root
    if root.pos_ not in ("VERB", "AUX") or root.i < node.i:
        return None
    if place.dep_ in ("nsubj", "nsubjpass") and place.head == root:
        return root, place.dep_
    if not any(c.dep_ in SUBJECT_DEPS for c in root.children) and any(c.dep_ == "auxpass" for c in root.children):
        return root, "nsubjpass"
    return None


def passive(verb: Any) -> bool:
    """A passive verb, also when its auxiliary is shared with the verb before it ("two were killed and
    several others detained")."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return True
    return verb.tag_ == "VBN" and verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in verb.head.children)


def name_before(token: Any) -> bool:
    """True when a person noun is the "of" object of an indefinite proper name: the parser split "an
    Islamic Movement of Uzbekistan facilitator" at "of", and the person is the phrase's real head."""
    name = token.head.head
    return token.head.lower_ == "of" and name.pos_ == "PROPN" and name.i < token.i \
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in name.children)


def shares_determiner(token: Any) -> bool:
    """True for a coordinated person noun without a determiner of its own after a singular one that has
    one ("a Taliban manufacturer and facilitator"): the two nouns name one person."""
    head = token.head
    return token.dep_ == "conj" and head.i < token.i and head.tag_ == "NN" \
        and not any(c.dep_ in ("det", "poss", "nummod") for c in token.children) \
        and any(c.dep_ == "det" for c in head.children)


def passive_conjunct(verb: Any, role: str) -> tuple[Any, str]:
    """For a subject of a verb coordinated with a passive one that has no subject of its own ("the
    insurgents attempted to shoot and were subsequently killed"): that passive verb, the subject's
    role there "nsubjpass"; else the verb and role unchanged."""
    if role == "nsubj" and verb is not None:
        for c in verb.children:
            if c.dep_ == "conj" and passive(c) and not any(g.dep_ in SUBJECT_DEPS for g in c.children):
                return c, "nsubjpass"
    return verb, role


def group_named(figures: list[Any], token: Any, governor: Any) -> tuple[Any, Any, str] | None:
    """For a definite plural without a number ("the insurgents", "the armed militants"): the earlier
    figure it refers back to (the last one before it counting the same noun), with its governing verb
    and role (``governor``, seen through ``passive_conjunct``); None for any other token."""
    if token.tag_ != "NNS" or any(c.dep_ == "nummod" for c in token.children) \
            or not any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in token.children):
        return None
    lemma = token.lemma_.lower()
    group = next((f for f in reversed(figures) if f.start < token.idx and f.noun == lemma and f.minimum), None)
    return None if group is None else (group, *passive_conjunct(*governor(token)))


__all__ = ["group_named", "listed", "name_before", "passive", "passive_conjunct", "shares_determiner",
           "subject_behind_place"]
