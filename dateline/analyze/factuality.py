"""Factuality of an event trigger from the parse: happened, planned, hypothetical, negated or claimed.

The trigger's own clause is read first (negation, modal and future auxiliaries, "no" determiners,
"if"/"unless" clauses); then the chain of governing clauses upwards: a governing verb can negate
("denied", "refused to", "failed to"), make hypothetical ("threatened to", "urged ... to", "if"),
plan ("plans to", "agreed to", "is expected to") or report ("said", "claimed", "alleged"; the
claimant is that verb's subject). "X said it would ..." reads as planned, with X as claimant.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

FACTUALITY = ("happened", "planned", "hypothetical", "negated", "claimed")
NEG_GOVERNORS = frozenset({"deny", "refuse", "fail", "decline", "reject", "avoid", "refrain", "dismiss",
                           "rule", "prevent", "stop", "thwart", "foil", "block"})
HYPO_GOVERNORS = frozenset({"threaten", "urge", "ask", "demand", "call", "consider", "propose", "suggest", "want",
                            "hope", "seek", "try", "attempt", "warn", "request", "press", "push", "mull", "weigh",
                            "could", "would", "might", "may", "allow", "enable", "let", "help", "discuss"})
PLAN_GOVERNORS = frozenset({"willing", "ready", "prepared", "plan", "intend", "expect", "agree", "prepare", "aim", "schedule", "vow", "pledge",
                            "promise", "decide", "offer", "set", "due", "announce", "commit", "resolve", "go",
                            "begin", "start", "move", "approve", "order", "authorize"})
CLAIM_GOVERNORS = frozenset({"say", "claim", "allege", "report", "tell", "state", "assert", "insist", "confirm",
                             "announce", "add", "note", "explain", "accuse", "acknowledge", "admit", "believe",
                             "suspect", "think", "argue", "contend", "maintain", "declare", "stress", "reiterate"})
HYPO_AUX = frozenset({"would", "could", "might", "may", "should", "must", "can", "ca"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "should"})
CLAUSAL = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "parataxis", "csubj"})
NOMINAL = frozenset({"dobj", "pobj", "prep", "attr", "nsubj", "nsubjpass", "oprd", "appos", "compound", "amod",
                     "npadvmod", "acl", "agent", "dative", "conj", "nmod", "poss"})
NEG_DETS = frozenset({"no", "never"})


@dataclass(frozen=True, slots=True)
class Factuality:
    """The value, the cue word that decided it (with offsets), and the claimant if reported."""

    value: str
    cue: str = ""
    cue_start: int | None = None
    cue_end: int | None = None
    claimant: str | None = None
    claimant_start: int | None = None
    claimant_end: int | None = None


def _own_cue(token: Any) -> tuple[str, Any] | None:
    """A negation, modal or future cue among a token's children (or a "no" determiner on a noun)."""
    for child in token.children:
        low = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "det" and low in NEG_DETS):
            return "negated", child
    for child in token.children:
        low = child.lower_
        if child.dep_ in ("aux", "auxpass") and low in HYPO_AUX:
            return "hypothetical", child
        if child.dep_ == "mark" and low in CONDITIONAL_MARKS:
            return "hypothetical", child
    for child in token.children:
        low = child.lower_
        if child.dep_ in ("aux", "auxpass") and low in FUTURE_AUX:
            return "planned", child
        if child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in child.children):
            return "hypothetical", next(g for g in child.children if g.dep_ == "mark")
        if low in ("planned", "proposed", "upcoming", "future", "possible", "potential") and child.dep_ == "amod":
            return ("planned" if low in ("planned", "upcoming", "future") else "hypothetical"), child
    return None


def clause_head(token: Any) -> Any:
    """The verb whose clause a (noun) trigger sits in, going up through nominal attachments."""
    node, hops = token, 0
    while node.pos_ not in ("VERB", "AUX") and node.head != node and node.dep_ in NOMINAL and hops < 4:
        node, hops = node.head, hops + 1
    return node


def _subject(verb: Any) -> Any | None:
    """The nominal subject of a verb, if any."""
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _claimant(verb: Any) -> tuple[str, int, int] | None:
    """The subject of a reporting verb as text with offsets ("according to X" handled by the caller)."""
    subj = _subject(verb)
    if subj is None:
        return None
    return _text_of(subj)


def _text_of(token: Any) -> tuple[str, int, int]:
    """A token's subtree text (relative clauses left out) with its character offsets."""
    toks = [t for t in token.subtree if t.dep_ != "relcl" or t == token]
    return "".join(t.text_with_ws for t in toks).strip(), toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _according_to(token: Any) -> Any | None:
    """The object of an "according to" attached in the sentence, if any."""
    for t in token.sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            return next((c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"), None)
    return None


def _result(value: str, cue: Any | None, claim: tuple[str, int, int] | None) -> Factuality:
    """Build a Factuality from a value, its cue token and an optional claimant."""
    cs, ce = (cue.idx, cue.idx + len(cue.text)) if cue is not None else (None, None)
    if claim is None:
        return Factuality(value, cue.text if cue is not None else "", cs, ce)
    return Factuality(value, cue.text if cue is not None else "", cs, ce, *claim)


def _governed(child: Any, head: Any) -> str | None:
    """What a governing verb does to the clause below it (negated, hypothetical, planned, claimed)."""
    lemma = head.lemma_.lower()
    if child.dep_ not in CLAUSAL and child.dep_ not in ("dobj", "prep", "pobj", "attr"):
        return None
    if lemma in NEG_GOVERNORS:
        return "negated"
    if lemma in CLAIM_GOVERNORS:
        return "claimed"
    if child.dep_ not in CLAUSAL:
        return None
    if lemma in HYPO_GOVERNORS:
        return "hypothetical"
    if lemma in PLAN_GOVERNORS:
        return "planned"
    return None


def factuality_of(trigger: Any) -> Factuality:
    """Decide the factuality of the event a trigger token stands for (see the module docstring)."""
    found: tuple[str, Any] | None = _own_cue(trigger)
    node = clause_head(trigger)
    if found is None and node != trigger:
        found = _own_cue(node)
    if found is None and node.dep_ == "conj" and node.head.pos_ in ("VERB", "AUX"):
        found = _own_cue(node.head)
    claim: tuple[str, int, int] | None = None
    if node != trigger and node.lemma_.lower() in CLAIM_GOVERNORS and trigger.dep_ in ("dobj", "pobj"):
        claim = _claimant(node)
        found = found or ("claimed", node)
    hops = 0
    while node.head != node and hops < 6 and (found is None or claim is None):
        head, hops = node.head, hops + 1
        if node.dep_ == "relcl":
            node = head
            continue
        effect = _governed(node, head)
        if effect == "claimed" and claim is None:
            claim = _claimant(head)
            if found is None:
                found = ("claimed", head)
            if head.lemma_.lower() == "accuse" and found[0] == "claimed":
                found = ("claimed", head)
        elif effect is not None and found is None:
            found = (effect, head)
        elif found is None and (cue := _own_cue(head)) is not None and node.dep_ in ("conj", "xcomp"):
            found = cue
        node = head
    if claim is None and (obj := _according_to(trigger)) is not None:
        claim = _text_of(obj)
        found = found or ("claimed", obj.head.head)
    if found is None:
        return Factuality("happened")
    value, cue = found
    if value == "hypothetical" and claim is not None and cue.lower_ == "would":
        value = "planned"
    return _result(value, cue, claim)
