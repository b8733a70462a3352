"""The PLOVER ontology as data: the 16 event types, their modes and contexts, and our trigger lexicon.

Types and modes follow the PLOVER manual (openeventdata/PLOVER, v2.0 draft): the modes listed are
the ones the manual and the coded development files use, plus ``suicide-attack`` and ``drone``
for ASSAULT, which dateline's users ask for. The trigger lexicon (``resources/plover_lexicon.tsv``)
is written by the dateline team: lemmas or lemma phrases, a part of speech, a type, a mode hint and
a weight. QUAD maps each PLOVER type to the CAMEO quad class of the ConfliBERT data.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEXICON_PATH = Path(__file__).resolve().parent.parent / "resources" / "plover_lexicon.tsv"

TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "SANCTION", "THREATEN", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",
)

DESCRIPTIONS: dict[str, str] = {
    "AGREE": "Agree to, offer, promise or otherwise commit to a future action or to cooperation.",
    "CONSULT": "Meet, talk, negotiate, visit or telephone; mediation by a third party.",
    "SUPPORT": "Verbal support: praise, endorse, apologize, recognize, defend a position.",
    "CONCEDE": "Ease restrictions, yield, pardon, resign, grant concessions under pressure.",
    "COOPERATE": "Material cooperation: joint operations, sharing intelligence, extradition.",
    "AID": "Provide economic, military, humanitarian aid or asylum.",
    "RETREAT": "Withdraw forces, release persons or property, disarm, cease fire, open access.",
    "REQUEST": "Ask, urge, demand or appeal for something to be done.",
    "ACCUSE": "Accuse, criticize, condemn, investigate or sue.",
    "REJECT": "Refuse, reject, oppose or veto a proposal or demand.",
    "SANCTION": "Impose sanctions or embargoes, expel, break relations, convict.",
    "THREATEN": "Threaten or warn of sanctions, force or other coercion.",
    "PROTEST": "Demonstrate, strike, riot, boycott, hunger strike, obstruct.",
    "MOBILIZE": "Mobilize or deploy troops, police, militias or weapons; raise alert levels.",
    "COERCE": "Arrest, detain, seize, ban, impose curfew or martial law, censor, cyber attack.",
    "ASSAULT": "Use of violence: attacks, bombings, shelling, killings, abductions, torture.",
}

MODES: dict[str, tuple[str, ...]] = {
    "AGREE": (),
    "CONSULT": ("visit", "host", "third-party", "multilateral", "phone"),
    "SUPPORT": (),
    "CONCEDE": ("release", "disarm", "policy", "resign", "pardon"),
    "COOPERATE": (),
    "AID": ("economic", "military", "humanitarian", "asylum"),
    "RETREAT": ("withdraw", "release", "return", "disarm", "ceasefire", "access"),
    "REQUEST": ("change", "yield", "assist", "meet", "mediate"),
    "ACCUSE": ("disapprove", "allege", "investigate", "sue"),
    "REJECT": ("change", "yield", "assist", "meet", "mediate"),
    "SANCTION": ("discontinue", "expel", "withdraw", "convict", "embargo"),
    "THREATEN": ("restrict", "ban", "arrest", "relations", "territory", "violence", "curfew", "martial-law"),
    "PROTEST": ("demo", "strike", "hunger", "boycott", "obstruct", "riot"),
    "MOBILIZE": ("troops", "police", "militia", "weapons", "cyber"),
    "COERCE": ("arrest", "seize", "restrict", "ban", "curfew", "martial-law", "censor", "cyber",
               "withhold", "deport", "misinformation"),
    "ASSAULT": ("aerial", "drone", "explosives", "suicide-attack", "firearms", "heavy-weapons",
                "primitive", "beat", "torture", "sexual", "abduct", "assassinate", "execute",
                "cleansing", "cbrn"),
}

CONTEXTS: tuple[str, ...] = (
    "military", "diplomatic", "economic", "political", "legal", "terrorism", "election", "refugee",
    "resource", "cbrn", "cyber", "human-rights", "humanitarian", "pandemic", "crime", "governance",
)

# PLOVER type -> ConfliBERT/CAMEO quad class (1 verbal coop, 2 material coop, 3 verbal conflict,
# 4 material conflict); 0 `make_statement` has no PLOVER type. The table of ../shared/data/conflibert_cameo.
QUAD: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1,
    "COOPERATE": 2, "AID": 2, "CONCEDE": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
QUAD_LABELS: tuple[str, ...] = ("make_statement", "verbal_cooperation", "material_cooperation",
                                "verbal_conflict", "material_conflict")

# Context keywords (lemmas) that tag an event with a PLOVER context.
CONTEXT_WORDS: dict[str, str] = {
    "troop": "military", "army": "military", "military": "military", "soldier": "military",
    "embassy": "diplomatic", "ambassador": "diplomatic", "diplomat": "diplomatic", "envoy": "diplomatic",
    "trade": "economic", "oil": "resource", "tariff": "economic", "economy": "economic", "loan": "economic",
    "court": "legal", "trial": "legal", "law": "legal", "lawsuit": "legal", "election": "election",
    "vote": "election", "ballot": "election", "refugee": "refugee", "migrant": "refugee",
    "terrorist": "terrorism", "terrorism": "terrorism", "jihadist": "terrorism", "chemical": "cbrn",
    "nuclear": "cbrn", "hack": "cyber", "cyber": "cyber", "hacker": "cyber", "water": "resource",
    "humanitarian": "humanitarian", "parliament": "political", "party": "political",
}


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry: lemma words, part of speech (V, N or A), type, mode hint and weight."""

    words: tuple[str, ...]
    pos: str
    type: str
    mode: str | None
    weight: float


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The trigger lexicon indexed by first lemma; phrases are matched longest first."""

    by_first: dict[str, tuple[Trigger, ...]]

    def candidates(self, lemma: str) -> tuple[Trigger, ...]:
        """Entries whose first word is `lemma`, longest phrase first."""
        return self.by_first.get(lemma, ())


MODE_CUES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("suicide",), "suicide-attack"), (("drone",), "drone"), (("uav",), "drone"),
    (("airstrike",), "aerial"), (("air", "strike"), "aerial"), (("air", "raid"), "aerial"),
    (("warplane",), "aerial"), (("jet",), "aerial"), (("aircraft",), "aerial"), (("helicopter",), "aerial"),
    (("bomber",), "aerial"), (("ied",), "explosives"), (("car", "bomb"), "explosives"),
    (("roadside",), "explosives"), (("explosive",), "explosives"), (("bomb",), "explosives"),
    (("mortar",), "heavy-weapons"), (("artillery",), "heavy-weapons"), (("rocket",), "heavy-weapons"),
    (("missile",), "heavy-weapons"), (("shell",), "heavy-weapons"), (("tank",), "heavy-weapons"),
    (("gunman",), "firearms"), (("gunfire",), "firearms"), (("shoot",), "firearms"), (("sniper",), "firearms"),
    (("gun",), "firearms"), (("rifle",), "firearms"), (("knife",), "primitive"), (("stab",), "primitive"),
    (("chemical",), "cbrn"), (("gas",), "cbrn"),
)


def weapon_mode(near: set[str], sentence: set[str]) -> str | None:
    """The ASSAULT mode the first weapon cue names, looked for among the trigger's own words, then
    the sentence's (lemmas)."""
    for lemmas in (near, sentence):
        for words, mode in MODE_CUES:
            if all(w in lemmas for w in words):
                return mode
    return None


def parse_row(row: dict[str, str]) -> Trigger:
    """One TSV row as a Trigger; raises ValueError on an unknown type."""
    kind = row["type"].strip()
    if kind not in QUAD:
        raise ValueError(f"unknown PLOVER type {kind!r} in {LEXICON_PATH.name}")
    mode = row["mode"].strip()
    return Trigger(tuple(row["lemma"].lower().split()), row["pos"].strip(), kind,
                   None if mode in ("", "-") else mode, float(row["weight"]))


@lru_cache(maxsize=2)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Read the lexicon TSV (comment lines start with #) once per process."""
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        triggers = [parse_row(r) for r in rows]
    index: dict[str, list[Trigger]] = {}
    for trig in triggers:
        index.setdefault(trig.words[0], []).append(trig)
    return Lexicon({k: tuple(sorted(v, key=lambda t: -len(t.words))) for k, v in index.items()})


def quad_of(event_type: str | None) -> int:
    """The CAMEO quad class of a PLOVER type; 0 (make_statement) for none."""
    return QUAD.get(event_type or "", 0)
