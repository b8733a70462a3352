"""How many were killed or captured in one incident: the figures of a release, each group counted once.

A press release names the same people several times: in its headline, in a summary sentence, then in
the telling ("detained several insurgents ... the security force detained the insurgents"). The count
of an incident is the sum of the minimums of its *reported* killed / captured figures (not an
``intended`` one, "an operation to arrest a leader", nor a ``cumulative`` running total), skipping:

- figures of the headline (a title-case line: it restates the body);
- own forces ("coalition soldiers", "policemen");
- a partitive of a group ("one of the insurgents", "one of several insurgents") once a group is counted;
- a vague group ("several") already counted, unless "more/other/additional"; and a vague group when an
  exact count of 2+ in another sentence restates it ("detained several ... Eight insurgents were detained");
- an implicit one ("killed a Taliban leader") that is definite ("the leader", "him") or ordinal ("a
  second insurgent") after a count, or repeats a phrase already counted;
- a number repeating one already counted: the same value and noun ("The two insurgents were killed"), a
  bare number ("... three died"), a definite numeral ("the two individuals"), or the very same phrase
  again ("two additional suspects" ... "two additional suspects");

and a group "including the ..." (or including a phrase already counted: "including Mullah Nafi") restates
the earlier ones: the count becomes the larger of the two ("detained a commander and another militant ...
two militants were detained, including the commander" is two).
"""

from __future__ import annotations

import re
from typing import Any

_OWN_FORCES = re.compile(r"\b(?:U\.?S\.?|American|coalition|ISAF|NATO|service\s?members?|Afghan\s+(?:National|"
                         r"Local|Border|Uniformed|soldiers?|police)|ANSF|ANA|ANP|policem[ae]n|soldiers?)\b", re.IGNORECASE)
_PARTITIVE = re.compile(r"(?:one|two|three|four|five|\d+|some|several|many|most|all)\s+of\s+(?:the|these|those|them|"
                        r"several|many|numerous|multiple|two|three|four|five|\d+)\b", re.IGNORECASE)
_ADDITIVE = re.compile(r"\b(?:more|additional|other|another|further)\b", re.IGNORECASE)
_DEFINITE = re.compile(r"(?:the|this|that|these|those|his|their|its|both|him|her|them)\b", re.IGNORECASE)
_ORDINAL = re.compile(r"(?:a|the)\s+(?:second|third|fourth|fifth|last|final)\b", re.IGNORECASE)
_DEFINITE_BEFORE = re.compile(r"\b(?:the|these|those)\s+$", re.IGNORECASE)
_INCLUDING = re.compile(r"^[^.;]*?\bincluding\s+(?:the|this|that|his|their)\b", re.IGNORECASE)
_INCLUDING_ANY = re.compile(r"^[^.;]*?\bincluding\s+", re.IGNORECASE)
_TITLE_WORD = re.compile(r"[A-Za-z][\w'’-]{3,}")


def headline_end(text: str, within: int = 300) -> int:
    """The end offset of the release's headline: the last title-case line ("Several Suspected Insurgents
    Detained in Zabul") among the lines that start in the first ``within`` characters; 0 when none."""
    end, offset = 0, 0
    for line in text.splitlines(keepends=True):
        if offset >= within:
            break
        words = _TITLE_WORD.findall(line)
        if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words) and not line.isupper():
            end = offset + len(line)
        offset += len(line)
    return end


def _includes_counted(after: str, seen_phrases: set[str]) -> bool:
    """True when a group is said to include someone already counted: "including the leader", or a
    phrase counted before ("... were killed, including Mullah Nafi" after "the death of Mullah Nafi")."""
    if _INCLUDING.match(after):
        return True
    m = _INCLUDING_ANY.match(after)
    rest = after[m.end():].lower() if m else ""
    return any(len(p) > 3 and rest.startswith(p) for p in seen_phrases)


def _repeats(f: Any, text: str, seen_numbers: set[tuple[float, str]], seen_phrases: set[str]) -> bool:
    """True when an explicit number repeats one already counted (see the module docstring)."""
    if f.phrase.lower() in seen_phrases:
        return True  # "two additional suspects" ... "two additional suspects"
    if text and _DEFINITE_BEFORE.search(text[max(0, f.start - 8):f.start]) \
            and any(v == f.minimum for v, _ in seen_numbers):
        return True  # "detained two suspected insurgents ... detained the two individuals"
    if _ADDITIVE.search(f.phrase):
        return False
    return (f.minimum, f.noun.lower()) in seen_numbers or (not f.noun and any(v == f.minimum for v, _ in seen_numbers))


def incident_count(figures: list[Any], kind: str, text: str = "") -> int:
    """The incident count of one kind from the figures of a release (``text`` its text, for the headline
    and "including" rules; see the module docstring)."""
    total, seen_phrases, seen_numbers = 0.0, set(), set()
    vague_seen = False
    skip_before = headline_end(text) if text else 0
    exact = {f.sentence_start for f in figures if f.kind == kind and not getattr(f, "vague", False)
             and not f.how.startswith("implicit") and (f.minimum or 0) >= 2 and f.start >= skip_before
             and getattr(f, "status", "reported") == "reported" and not _OWN_FORCES.search(f.phrase)}
    for f in figures:
        if f.kind != kind or f.minimum is None or _OWN_FORCES.search(f.phrase) or f.start < skip_before:
            continue
        if getattr(f, "status", "reported") != "reported":
            continue  # "an operation to arrest ...", "have detained 35 since January"
        if total and _PARTITIVE.match(f.phrase):
            continue  # "One of the insurgents died": part of a group already counted
        if getattr(f, "vague", False):
            if exact - {f.sentence_start} or (vague_seen and not _ADDITIVE.search(f.phrase)):
                continue  # "several suspected insurgents" ... "several men were taken into custody": one group
            vague_seen = True
        if total and text and _includes_counted(text[f.end:f.sentence_end], seen_phrases):
            total = max(total, f.minimum)  # "... two militants were detained, including the commander"
            seen_numbers.add((f.minimum, f.noun.lower()))
            continue
        if f.how.startswith("implicit"):
            if ((_DEFINITE.match(f.phrase) or _ORDINAL.match(f.phrase)) and total) or f.phrase.lower() in seen_phrases:
                continue  # "the leader", "him", the same "a suspected militant" again: already counted
        elif f.minimum > 0 and _repeats(f, text, seen_numbers, seen_phrases):
            continue
        seen_phrases.add(f.phrase.lower())
        seen_numbers.add((f.minimum, f.noun.lower()))
        total += f.minimum
    return int(total)


__all__ = ["headline_end", "incident_count"]
