"""The actors stage: mentions in the parse become canonical actors with country (ISO3) and sector.

Rules, in order (each mention records the rule in ``how``):

- ``kb``: the longest token n-gram (up to 6 tokens, starting on a capitalized word or "the") whose
  normalized form is an alias in the curated supplement (``resources/actors_supplement.csv``, which
  wins) or the actor KB (``resources/actors.kb.gz``). Dated roles are chosen for the article's
  ``published`` date (names exclude a leading "the"; a person's mention drops titles such as
  "President"; a nationality adjective alone is kept with ``how="adjective"``) (PETRARCH's rule, as ``actor_kb`` applies it), so an official whose term ended
  is coded by the role valid then (Obama after 2017-01-20 is USA ELI, not GOV).
- ``role-np``: a noun chunk whose head is a role noun ("forces", "official", "service members")
  takes its country from a nationality adjective or a country/actor inside the chunk ("Iraqi
  forces" -> IRQ MIL, "ISIL fighters" -> Islamic State REB, "coalition forces" -> the coalition).
  "a US defense official" is coded USA GOV with code USAGOVMIL: PETRARCH codes defence ministers
  and officials as government with a military subsector (Ashton Carter is USAGOVMIL), and the
  sector field keeps the primary one, GOV.
- ``title`` / ``appos``: a person the KB does not know takes sector and country from a title in
  front of the name ("Gen." -> MIL, "Iraqi President" -> IRQ GOV) or from an appositive ("Gen.
  Joseph Votel, head of US Central Command" -> USA MIL via the command he heads).
- ``coref``: a later short mention (one token: a surname, or an acronym given in parentheses)
  repeats the actor of an earlier full mention in the same article.
- ``ner``: a PERSON/ORG entity nothing above resolves becomes an unresolved actor
  (``new:person:<slug>``, no country or sector, confidence 0.3), so coref and counts still work.
Generic role phrases with nothing to anchor them ("the militants", "officials") are left out
by the rules above.
- ``np-model``: last, the NP typer (``np_actors``: a linear model trained on the re3d and UNER
  train files) types candidate spans (stock entities, noun chunks, proper-noun runs, first-person
  pronouns, and the mentions above) as PER/ORG/LOC or nothing. A typed span that equals a rule's
  mention of the same type keeps that mention (and its resolved actor); other typed spans become
  new uncoded actors (kind person, organisation or place); resolved rule mentions that overlap a
  typed span are kept for their coding with ``how`` suffixed ``:under-np`` (not scored as spans);
  the unresolved ``ner`` mentions and ``coref`` repeats it did not keep are dropped.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

from ..config import Config
from ..errors import ConfigError
from . import actor_kb, np_actors
from .actor_kb import ActorEntry, KnowledgeBase
from .base import ActorMention, Analysis
from .registry import stage

COMPONENT = "actors.kb.v3"  # the stage version: bump it when the actors found change
SUPPLEMENT_PATH = Path(__file__).resolve().parent.parent / "resources" / "actors_supplement.csv"
MAX_NGRAM = 6

# Role nouns the KB's agent table lacks (or codes for another purpose than naming an actor).
ROLE_NOUNS: dict[str, str] = {
    "service members": "MIL", "service member": "MIL", "servicemembers": "MIL", "personnel": "MIL",
    "unit": "MIL", "units": "MIL", "troops": "MIL", "forces": "MIL", "force": "MIL", "military": "MIL",
    "militia": "REB", "militias": "REB", "regime": "GOV", "government": "GOV", "authorities": "GOV",
    "opposition": "OPP", "terrorists": "REB", "terrorist": "REB", "insurgents": "REB",
    "command": "MIL", "navy": "MIL", "air force": "MIL", "army": "MIL", "police": "COP",
    "ministry": "GOV", "embassy": "GOV", "delegation": "GOV", "parliament": "LEG",
}
# Agent sectors that make a role noun name an actor (not "people", "journalists" in general).
ACTOR_SECTORS: frozenset[str] = frozenset({"GOV", "MIL", "REB", "COP", "OPP", "SPY", "LEG", "JUD", "IGO", "UAF", "INS"})
# Titles in front of a name, and the sector they give a person the KB does not know.
TITLES: dict[str, str] = {
    "gen": "MIL", "general": "MIL", "lt": "MIL", "maj": "MIL", "col": "MIL", "adm": "MIL", "admiral": "MIL",
    "capt": "MIL", "captain": "MIL", "sgt": "MIL", "spc": "MIL", "commodore": "MIL", "brig": "MIL",
    "commander": "MIL", "lieutenant": "MIL", "colonel": "MIL", "major": "MIL", "sergeant": "MIL",
    "president": "GOV", "minister": "GOV", "secretary": "GOV", "ambassador": "GOV", "premier": "GOV",
    "sen": "LEG", "senator": "LEG", "rep": "LEG", "gov": "GOV", "governor": "GOV", "mayor": "GOV",
    "prime": "GOV", "spokesman": "GOV", "spokesperson": "GOV", "spokeswoman": "GOV", "king": "GOV",
}
normalize = actor_kb.normalize  # remembered there (bounded): the stage folds every token and n-gram
GENERIC_ROLES = False  # generic role phrases ("the militants") stay out; see the module docstring
KIND_SECTOR: dict[str, str] = {"igo": "IGO", "armed_group": "REB"}


@dataclass(frozen=True, slots=True)
class Resolved:
    """What one span resolves to: a canonical id and the role chosen for the article date."""

    actor_id: str
    name: str
    code: str
    country: str | None
    sector: str | None
    kind: str
    ambiguous: bool = False


@dataclass(slots=True)
class Supplement:
    """The curated supplement: alias key -> actor id, and each actor's dated roles."""

    ids: dict[str, str] = field(default_factory=dict)
    roles: dict[str, list[ActorEntry]] = field(default_factory=dict)


def _date(text: str) -> date | None:
    """Parse an ISO date cell of the supplement (empty -> None)."""
    return date.fromisoformat(text) if text.strip() else None


SUPPLEMENT_COLUMNS = ("name", "aliases", "code", "country", "sector", "kind", "valid_from", "valid_until")


@lru_cache(maxsize=4)
def load_supplement(path: Path = SUPPLEMENT_PATH, extra: tuple[Path, ...] = ()) -> Supplement:
    """Read the curated supplement CSV, then a user's own files in the same format (``actors.files``);
    a later file's alias wins. An actor reuses the KB's id when the KB knows its name."""
    sup = Supplement()
    for one in (path, *extra):
        _read_supplement(one, sup)
    return sup


def _read_supplement(path: Path, sup: Supplement) -> None:
    """Add one supplement file's rows to `sup`; a bad file or row is a ConfigError naming file and line."""
    kb = actor_kb.load()
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise ConfigError(f"actor file {path}: {exc.strerror or exc}", hint="check the actors.files setting") from exc
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in SUPPLEMENT_COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise ConfigError(f"{path}:1: actor file lacks column(s) {', '.join(missing)}",
                              hint="the header is " + ",".join((*SUPPLEMENT_COLUMNS, "source")))
        for row in reader:
            try:
                _add_row(row, kb, sup)
            except (ValueError, TypeError, AttributeError) as exc:
                raise ConfigError(f"{path}:{reader.line_num}: {exc}",
                                  hint="dates are YYYY-MM-DD; name and kind must not be empty") from exc


def _add_row(row: dict[str, str], kb: actor_kb.KnowledgeBase, sup: Supplement) -> None:
    """One supplement row: a dated role of an actor and its aliases."""
    if not (row["name"] or "").strip() or not (row["kind"] or "").strip():
        raise ValueError("a row needs a name and a kind")
    kind = row["kind"]
    known = [i for i in kb.actor_ids(row["name"]) if i.split(":", 1)[0] == kind]
    actor_id = known[0] if len(known) == 1 else f"{kind}:{normalize(row['name']).replace(' ', '-')}"
    entry = ActorEntry(actor_id, row["name"], row["code"], row["country"] or None, row["sector"] or None,
                       kind, _date(row["valid_from"]), _date(row["valid_until"]))
    sup.roles.setdefault(actor_id, []).append(entry)
    for alias in [row["name"], *(row["aliases"] or "").split(";")]:
        if normalize(alias):
            sup.ids[normalize(alias)] = actor_id


# A lower-case last word a group's name may be written with ("Popular Mobilisation forces").
GROUP_TAILS = frozenset({"forces", "force", "units", "militia", "militias", "army", "brigade", "brigades",
                         "movement", "front", "party", "council"})


def _group_tail(texts: list[str], i: int, n: int) -> bool:
    """True for an n-gram of two or more capitalised words ending in a lower-case group noun."""
    head = [t for t in texts[i:i + n - 1] if t.lower() != "the"]
    return n >= 3 and len(head) >= 2 and all(t[:1].isupper() for t in head) and texts[i + n - 1] in GROUP_TAILS


@lru_cache(maxsize=2)
def shared_resolver(extra: tuple[Path, ...] = ()) -> Resolver:
    """The resolver over the shipped KB and supplement, plus a user's actor files (one per process)."""
    return Resolver(actor_kb.load(), load_supplement(SUPPLEMENT_PATH, extra))


def actor_files(config: Config | None) -> tuple[Path, ...]:
    """The user's actor files named by ``actors.files`` (comma-separated paths), in order."""
    raw = str(config["actors.files"]) if config is not None else ""
    return tuple(Path(p.strip()).expanduser() for p in raw.split(",") if p.strip())


def roles_on(entries: list[ActorEntry], on: date | None) -> list[ActorEntry]:
    """PETRARCH's dated-role rule: dated roles covering ``on``, else the undated ones."""
    if on is None:
        return entries
    dated = [e for e in entries if e.valid_from or e.valid_until]
    inside = [e for e in dated if (e.valid_from is None or e.valid_from <= on) and (e.valid_until is None or on <= e.valid_until)]
    return inside or [e for e in entries if not (e.valid_from or e.valid_until)]


def latest_roles(entries: list[ActorEntry]) -> list[ActorEntry]:
    """For undated text, read as of the present: drop the roles a later role of the same actor
    replaced (Bosnia's Yugoslav role ended the day its own began), so history does not win on order."""
    kept = [e for e in entries if e.valid_until is None or not any(
        o.id == e.id and o.valid_from is not None and o.valid_from >= e.valid_until for o in entries)]
    return kept or entries


class Resolver:
    """Alias keys -> canonical actors, the supplement first, then the KB."""

    def __init__(self, kb: KnowledgeBase, supplement: Supplement) -> None:
        """Keep the KB and supplement; results are cached per (key, date)."""
        self.kb, self.sup = kb, supplement
        self._cache: dict[tuple[str, date | None], Resolved | None] = {}

    def known(self, key: str) -> bool:
        """Whether a normalized key is an alias of any actor."""
        return key in self.sup.ids or self.kb.has_alias(key)

    def resolve(self, key: str, on: date | None) -> Resolved | None:
        """The actor a normalized key denotes on ``on`` (None when unknown or no role is valid)."""
        if (key, on) not in self._cache:
            self._cache[key, on] = self._resolve(key, on)
        return self._cache[key, on]

    def _resolve(self, key: str, on: date | None) -> Resolved | None:
        """Uncached resolve: a country name or adjective first, else the first valid role, sectors first."""
        country = self.kb.country(key) if key not in self.sup.ids else None
        if country is not None:
            return Resolved(f"country:{country.iso3}", country.name, country.iso3, country.iso3, None, "country")
        if key in self.sup.ids:
            entries, ambiguous = roles_on(self.sup.roles[self.sup.ids[key]], on), False
        else:
            entries = self.kb.lookup(key, on)
            ambiguous = len({e.id for e in entries}) > 1
        if not entries:
            return None
        if on is None:
            entries = latest_roles(entries)
        best = sorted(entries, key=lambda e: (e.sector is None, e.kind == "person"))[0]
        sector = best.sector or KIND_SECTOR.get(best.kind)
        return Resolved(best.id, best.name, best.code, best.country, sector, best.kind, ambiguous)


@dataclass(slots=True)
class Found:
    """A mention being assembled over token indexes [start, end) of the doc."""

    start: int
    end: int
    actor: Resolved
    how: str
    confidence: float


def token_key(token: Any) -> str:
    """The normalized alias form of one token ("" for punctuation)."""
    return normalize(token.text) if not token.is_punct or token.text in "&-" else ""


def _single_ok(token: Any) -> bool:
    """A one-token alias must look like a name: a proper noun, an acronym, or inside an entity."""
    if token.is_stop and not token.is_upper:
        return False
    return token.pos_ == "PROPN" or (token.is_upper and len(token.text) > 1) or bool(token.ent_type_)


def kb_matches(doc: Any, resolver: Resolver, on: date | None, toks: list[Any] | None = None) -> list[Found]:
    """Longest alias n-grams, left to right, resolved against the supplement and the KB.

    ``toks`` is ``list(doc)`` when the caller has it (spaCy builds a Token per ``doc[i]``).
    """
    toks = toks if toks is not None else list(doc)
    texts = [t.text for t in toks]
    keys = [token_key(t) for t in toks]
    found: list[Found] = []
    i, size = 0, len(toks)
    while i < size:
        if not (texts[i][:1].isupper() or (i + 1 < size and texts[i + 1][:1].isupper() and toks[i].lower_ == "the")):
            i += 1  # an alias starts on a capitalized word or on "the" before one 
            continue
        hit = None
        for n in range(min(MAX_NGRAM, size - i), 0, -1):
            initial = texts[i + n - 1][:1]
            if not initial.isupper() and not initial.isdigit() and not _group_tail(texts, i, n):
                continue
            key = normalize(" ".join(k for k in keys[i:i + n] if k))
            if not key or key == "the" or not resolver.known(key):
                continue
            if n == 1 and not _single_ok(toks[i]):
                continue
            if n == 2 and toks[i].lower_ == "the" and not _single_ok(toks[i + 1]):
                continue
            actor = resolver.resolve(key, on)
            if actor is not None:
                first = i + 1 if toks[i].lower_ == "the" else i  # names exclude the article
                hit = Found(first, i + n, actor, "kb", 0.6 if actor.ambiguous else 0.9)
                break
        if hit:
            found.append(hit)
            i = hit.end
            if hit.actor.kind == "country" and is_adjective(doc[hit.start:hit.end], resolver.kb):
                hit.how = "adjective"
            if hit.actor.kind == "person":
                while hit.end - hit.start > 1 and normalize(texts[hit.start]) in TITLES:
                    hit.start += 1  # the mention is the name; the title stays context
        else:
            i += 1
    return found


def is_adjective(span: Any, kb: KnowledgeBase) -> bool:
    """A nationality adjective or demonym ("Iraqi", "Syrians"), not a country name or code ("U.S.")."""
    key = normalize(span.text)
    if len(key.replace(" ", "")) <= 3 or kb.is_country_name(key):
        return False
    return kb.country_for_adjective(key) is not None or span.root.pos_ == "ADJ" or span.root.ent_type_ == "NORP"


_ROLE_ENDS = frozenset(k.split(" ")[-1] for k in ROLE_NOUNS)


def may_end_role(kb: KnowledgeBase, word: str) -> bool:
    """Whether a role phrase can end in this token text (False lets ``role_np`` skip a chunk at once):
    ``role_sector`` finds nothing for a phrase whose last word neither ROLE_NOUNS nor the KB's agent
    nouns (also with a plural "s" dropped) end in."""
    if word.lower() in _ROLE_ENDS:
        return True
    key = normalize(word).split()
    if not key or len(key[-1]) < 2:
        return True  # punctuation or a lone letter: the phrase's last word is another token's, so look
    last, ends = key[-1], kb.agent_endings()
    return last in ends or (last.endswith("s") and last[:-1] in ends)


def role_sector(kb: KnowledgeBase, words: list[str]) -> str | None:
    """The sector of a role phrase's last one or two words ("service members" -> MIL)."""
    for size in (2, 1):
        if len(words) >= size:
            phrase = " ".join(words[-size:]).lower()
            sector = ROLE_NOUNS.get(phrase) or kb.agent(phrase)
            if sector:
                return sector
    return None


def _agent_actor(iso3: str, sector: str, kb: KnowledgeBase) -> Resolved:
    """The country-plus-sector actor of a role phrase ("Iraqi forces" -> agent:IRQMIL)."""
    country = kb.country(iso3)
    name = f"{country.name if country else iso3} {sector}"
    return Resolved(f"agent:{iso3}{sector}", name, f"{iso3}{sector}", iso3, sector, "agent")


def _np_start(chunk: Any) -> int:
    """The first token of the modifier run right before the chunk's head (stops at "and", commas)."""
    j = chunk.root.i
    while j - 1 >= chunk.start and chunk.doc[j - 1].dep_ not in ("cc", "punct", "conj", "prep", "appos"):
        j -= 1
    return j


def _with_sector(base: Resolved, sector: str, chunk: Any, kb: KnowledgeBase) -> Resolved:
    """The actor a role noun makes of its anchor: a country's agent, or the anchoring actor itself."""
    if base.kind not in ("country", "person") or not base.country:
        return base  # a group or organisation stays itself ("ISIL fighters" -> the Islamic State)
    actor = _agent_actor(base.country, sector, kb)
    if sector == "GOV" and any(t.lower_ in ("defense", "defence", "military") for t in chunk):
        return Resolved(actor.actor_id, actor.name, f"{base.country}GOVMIL", base.country, "GOV", "agent")
    return actor


def role_np(chunk: Any, anchors: list[Found], resolver: Resolver, adjectives: dict[int, str],
            on: date | None) -> Found | None:
    """A noun chunk headed by a role noun, anchored by a country or actor inside it."""
    kb, root = resolver.kb, chunk.root
    if not may_end_role(kb, root.text) or _covering(anchors, root.i, root.i + 1):
        return None  # not a role noun, or the head is part of a name the KB knows ("US Central Command")
    start = _np_start(chunk)
    words = [t.text for t in chunk.doc[start:root.i + 1]]
    sector = role_sector(kb, words)
    if sector is None or sector not in ACTOR_SECTORS:
        return None
    begin = chunk.start if chunk.start < start and chunk[0].dep_ == "det" and chunk.start + 1 == start else start
    anchor = next((f for f in anchors if start <= f.start and f.end <= root.i), None)
    base = anchor.actor if anchor else None
    for tok in chunk.doc[start:root.i]:
        if base is None and tok.i in adjectives:
            base = Resolved(f"country:{adjectives[tok.i]}", adjectives[tok.i], adjectives[tok.i],
                            adjectives[tok.i], None, "country")
        if base is None and tok.dep_ == "compound" and tok.lower_ in resolver.sup.ids:
            base = resolver.resolve(tok.lower_, on)
    if base is None:
        if not GENERIC_ROLES:
            return None
        generic = Resolved(f"agent:{sector}", sector, sector, None, sector, "agent")
        return Found(begin, root.i + 1, generic, "role", 0.3)
    return Found(begin, root.i + 1, _with_sector(base, sector, chunk, kb), "role-np", 0.8)


def _covering(found: list[Found], start: int, end: int) -> Found | None:
    """The found mention that overlaps the token range [start, end), if any."""
    return next((f for f in found if f.start < end and start < f.end), None)


def person_by_context(ent: Any, found: list[Found], kb: KnowledgeBase, adjectives: dict[int, str]) -> Found | None:
    """A person the KB lacks, coded from a title before the name or an appositive after it."""
    doc, sector, iso3, how = ent.doc, None, None, ""
    j = ent.start - 1
    while j >= 0 and j >= ent.start - 4 and (doc[j].text[:1].isupper() or doc[j].text == "."):
        title = normalize(doc[j].text)
        if title in TITLES and sector is None:
            sector, how = TITLES[title], "title"
        if j in adjectives and iso3 is None:
            iso3 = adjectives[j]
        j -= 1
    for tok in ent.root.children:
        if tok.dep_ != "appos":
            continue
        for inner in [tok, *tok.subtree]:
            hit = _covering(found, inner.i, inner.i + 1)
            if hit is not None and hit.actor.kind != "person":
                iso3 = iso3 or hit.actor.country
                sector = sector or hit.actor.sector
                how = "appos"
                break
        sector = sector or ROLE_NOUNS.get(tok.lower_) or kb.agent(tok.lower_)
        how = how or "appos"
    if not how:
        return None
    slug = normalize(ent.text).replace(" ", "-")
    code = f"{iso3 or ''}{sector or ''}"
    actor = Resolved(f"new:person:{slug}", ent.text, code, iso3, sector, "person")
    return Found(ent.start, ent.end, actor, how, 0.6)


def unresolved(ent: Any) -> Found:
    """An entity nothing resolves: kept as a new, uncoded actor so coref and counts still work."""
    kind = "person" if ent.label_ == "PERSON" else "organisation"
    slug = normalize(ent.text).replace(" ", "-") or "unnamed"
    return Found(ent.start, ent.end, Resolved(f"new:{kind}:{slug}", ent.text, "", None, None, kind), "ner", 0.3)


def short_forms(doc: Any, found: Found) -> list[str]:
    """The short keys a full mention may later be repeated by: a person's surname, an acronym in parentheses."""
    keys: list[str] = []
    span = doc[found.start:found.end]
    if found.actor.kind == "person" and len(span) >= 2:
        keys.append(normalize(span[-1].text))
    if found.end + 2 < len(doc) and doc[found.end].text == "(" and doc[found.end + 2].text == ")":
        if doc[found.end + 1].is_upper:
            keys.append(normalize(doc[found.end + 1].text))
    return [k for k in keys if k]


def corefer(doc: Any, found: list[Found], toks: list[Any] | None = None) -> list[Found]:
    """Later one-token proper nouns that repeat a short form of an earlier mention."""
    found = sorted(found, key=lambda f: f.start)
    short: dict[str, tuple[int, Resolved]] = {}
    for f in found:
        for key in short_forms(doc, f):
            short.setdefault(key, (f.end, f.actor))
    if not short:
        return found
    taken = {i for f in found if f.how != "ner" for i in range(f.start, f.end)}
    extra = []
    for tok in (toks if toks is not None else doc):
        if tok.i in taken or not tok.text[:1].isupper() or tok.pos_ not in ("PROPN", "NOUN"):
            continue
        hit = short.get(normalize(tok.text))
        if hit and hit[0] <= tok.i:
            extra.append(Found(tok.i, tok.i + 1, hit[1], "coref", 0.7))
    kept = [f for f in found if f.how != "ner" or not _covering(extra, f.start, f.end)]
    return sorted(kept + extra, key=lambda f: f.start)


def adjectives_of(doc: Any, kb: KnowledgeBase, toks: list[Any] | None = None) -> dict[int, str]:
    """Token index -> ISO3 for nationality adjectives and demonyms ("Iraqi", "U.S.")."""
    found: dict[int, str] = {}
    for tok in (toks if toks is not None else doc):
        if tok.text[:1].isupper() and tok.pos_ in ("ADJ", "PROPN", "NOUN"):
            iso3 = kb.country_for_adjective(tok.text)
            if iso3:
                found[tok.i] = iso3
    return found


def find_actors(doc: Any, on: date | None, resolver: Resolver, toks: list[Any] | None = None,
                chunks: list[Any] | None = None) -> list[Found]:
    """Every actor mention of one parsed article, as token ranges (see the module docstring).

    ``toks`` (``list(doc)``) and ``chunks`` (``list(doc.noun_chunks)``) are reused when given.
    """
    kb = resolver.kb
    found = kb_matches(doc, resolver, on, toks)
    adjectives = adjectives_of(doc, kb, toks)
    nps: list[Found] = []
    for chunk in (chunks if chunks is not None else doc.noun_chunks):
        hit = role_np(chunk, found, resolver, adjectives, on)
        if hit is not None:
            nps.append(hit)
    inner = [f for f in found if not any(n.start <= f.start and f.end <= n.end for n in nps)]
    found = inner + nps
    for ent in doc.ents:
        if _covering(found, ent.start, ent.end):
            continue
        titled = ent.start > 0 and normalize(doc[ent.start - 1].text) in TITLES and ent.root.pos_ == "PROPN"
        hit = person_by_context(ent, found, kb, adjectives) if ent.label_ == "PERSON" or titled else None
        if hit is not None or ent.label_ in ("PERSON", "ORG"):
            found.append(hit or unresolved(ent))
    return corefer(doc, found, toks)


def actor_candidates(doc: Any, on: date | None, resolver: Resolver,
                     found: list[Found] | None = None) -> list[tuple[int, int, str]]:
    """The rule-based mentions as NP-typer candidates: (start, end, "actor=<how>:<kind>")."""
    found = find_actors(doc, on, resolver) if found is None else found
    return [(f.start, f.end, f"actor={f.how}:{f.actor.kind}") for f in found]


OVERLAPPED = ":under-np"  # suffix of a rule mention kept for its coding where the NP typer chose another span
LABEL_KIND: dict[str, str] = {"PER": "person", "ORG": "organisation", "LOC": "place"}
KIND_LABEL: dict[str, str] = {"person": "PER", "organisation": "ORG", "igo": "ORG", "armed_group": "ORG",
                              "agent": "ORG", "country": "LOC", "region": "LOC", "place": "LOC"}


def with_np_model(doc: Any, found: list[Found], model: np_actors.Model, gaz: Any, toks: list[Any] | None = None,
                  chunks: list[Any] | None = None) -> list[Found]:
    """Merge the NP typer's spans into the rule-based mentions (rule ``np-model``, module docstring)."""
    typed = np_actors.typed_spans(doc, model, [(f.start, f.end, f"actor={f.how}:{f.actor.kind}") for f in found], gaz,
                                  toks, chunks)
    same = {(f.start, f.end): f for f in found}
    out: list[Found] = []
    for start, end, label, margin in typed:
        f = same.get((start, end))
        if f is not None and KIND_LABEL.get(f.actor.kind) == label and f.how not in ("ner", "adjective"):
            out.append(f)
            continue
        kind = LABEL_KIND[label]
        if f is not None and KIND_LABEL.get(f.actor.kind) == label and f.how != "adjective":
            actor = f.actor
        else:
            slug = normalize(doc[start:end].text).replace(" ", "-") or "unnamed"
            family = "pronoun" if end - start == 1 and doc[start].lower_ in np_actors.PRONOUNS else kind
            actor = Resolved(f"new:{family}:{slug}", doc[start:end].text, "", None, None, kind)
        out.append(Found(start, end, actor, "np-model", round(min(0.45, 0.3 + margin / 200), 2)))
    spans = [(f.start, f.end) for f in out]
    for f in found:
        if f.how in ("ner", "coref"):
            continue
        if any(s < f.end and f.start < e for s, e in spans):
            if (f.start, f.end) in same and f in out:
                continue
            f = Found(f.start, f.end, f.actor, f.how + OVERLAPPED, f.confidence)  # kept for its coding
        out.append(f)
    return sorted(out, key=lambda f: (f.start, f.end))


def to_mention(doc: Any, found: Found) -> ActorMention:
    """Turn a token-range finding into the ActorMention record (character offsets)."""
    span = doc[found.start:found.end]
    a = found.actor
    return ActorMention(span.start_char, span.end_char, span.text, a.actor_id, a.name, a.code, a.country,
                        a.sector, a.kind, found.how, found.confidence, COMPONENT)


@stage(COMPONENT, alias="actors")
class ActorStage:
    """Resolve actor mentions against the KB and the curated supplement (see the module docstring)."""

    name: ClassVar[str] = COMPONENT
    requires: ClassVar[tuple[str, ...]] = ("doc", "entities")
    assigns: ClassVar[tuple[str, ...]] = ("actors",)

    def setup(self, config: Config | None = None) -> None:
        """Load the KB, the supplement, the NP typer and the gazetteer once per process."""
        self.resolver = shared_resolver(actor_files(config))
        self.np_model = np_actors.load_model()
        self.gaz = np_actors._gazetteer() if self.np_model is not None else None

    def process(self, batch: list[Analysis]) -> list[Analysis]:
        """Write ``analysis.actors`` for every analysis that has a parse."""
        for analysis in batch:
            if analysis.doc is None:
                analysis.actors = []
                continue
            toks, chunks = list(analysis.doc), list(analysis.doc.noun_chunks)  # built once, read by every rule
            found = find_actors(analysis.doc, analysis.published, self.resolver, toks, chunks)
            if self.np_model is not None:
                found = with_np_model(analysis.doc, found, self.np_model, self.gaz, toks, chunks)
            analysis.actors = [to_mention(analysis.doc, f) for f in found]
            analysis.components[self.name] = COMPONENT
        return batch
