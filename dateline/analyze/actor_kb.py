"""Actor knowledge base: canonical actors, dated roles, country adjectives and agent nouns.

The data lives in ``dateline/resources/actors.kb.gz``, built by ``scripts/build_actor_kb.py``
from the Phoenix/PETRARCH2 dictionaries, the NGEC PLOVER agents and country table, and pycountry
(see ``dateline/resources/SOURCES.md``). It is loaded once per process and cached.

Dated roles follow PETRARCH's rule: an actor's dated codes apply inside their ranges; its undated
codes apply whenever none of its dated codes covers the date (or when no date is given, together
with all dated codes). So Nuri al-Maliki is IRQGOV for 2006-05-20..2014-09-08 and IRQELI after.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = [
    "ActorEntry",
    "Country",
    "KnowledgeBase",
    "agent",
    "country",
    "country_for_adjective",
    "load",
    "lookup",
    "normalize",
]

KB_FORMAT = 2
KB_RESOURCE = "actors.kb.gz"
# Beside the package modules (not importlib.resources: editable installs give it a namespace path).
KB_PATH = Path(__file__).resolve().parent.parent / "resources" / KB_RESOURCE

_DROP = re.compile(r"[.'\u2019\u2018`\u02bc]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=1 << 16)  # every stage folds the same words over and over; bounded so memory stays flat
def normalize(text: str) -> str:
    """Fold case, diacritics and punctuation so that alias keys compare equal ("Al-Abadi" = "AL_ABADI")."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    words = _NON_ALNUM.sub(" ", _DROP.sub("", stripped)).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class Country:
    """A country (ISO 3166) with the names and nationality adjectives news text uses for it."""

    iso3: str
    alpha2: str | None
    name: str
    official_name: str | None
    adjectives: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One role of a canonical actor: its CAMEO/PLOVER-style code, country, sector and validity."""

    id: str
    name: str
    code: str
    country: str | None
    sector: str | None
    kind: str
    valid_from: date | None
    valid_until: date | None


def _int_to_date(value: int | None) -> date | None:
    """Turn a YYYYMMDD integer from the KB into a date (None stays None)."""
    if value is None:
        return None
    return date(value // 10000, value // 100 % 100, value % 100)


def _date_to_int(value: date) -> int:
    """Turn a date into the YYYYMMDD integer the KB compares against."""
    return value.year * 10000 + value.month * 100 + value.day


_Role = tuple[str, str | None, str | None, int | None, int | None]


def _unpack_role(text: str) -> _Role:
    """Unpack one "code,iso3,sector,start,end" role (empty fields are None)."""
    code, iso3, sector, start, end = text.split(",")
    return code, iso3 or None, sector or None, int(start) if start else None, int(end) if end else None


class KnowledgeBase:
    """In-memory view of the shipped actor KB: compact tuples, entries built on demand."""

    def __init__(self, sections: dict[str, list[str]]) -> None:
        """Index the KB's text sections (see scripts/build_actor_kb.py for the layout)."""
        self.meta: dict[str, Any] = json.loads(sections["meta"][0])
        self._actors: list[str] = sections["actors"]
        self._aliases: dict[str, str] = _table(sections["aliases"])
        self._agents: dict[str, str] = _table(sections["agents"])
        self._agent_ends: frozenset[str] | None = None
        self._adjectives: dict[str, str] = _table(sections["adjectives"])
        self._country_keys: dict[str, str] = _table(sections["country_keys"])
        self._countries: dict[str, Country] = {}
        for iso3, alpha2, name, official, adjectives in json.loads(sections["countries"][0]):
            self._countries[iso3] = Country(iso3, alpha2, name, official, tuple(adjectives))

    def __len__(self) -> int:
        """Number of canonical actors."""
        return len(self._actors)

    def lookup(self, name: str, on: date | None = None) -> list[ActorEntry]:
        """Return the roles valid on ``on`` of every actor ``name`` may refer to ([] when unknown)."""
        found: list[ActorEntry] = []
        for index in self._indexes(name):
            found.extend(self._entries(index, on))
        return found

    def has_alias(self, key: str) -> bool:
        """Whether an already normalized key is an alias of some actor (a fast membership test)."""
        return key in self._aliases

    def is_country_name(self, name: str) -> bool:
        """Whether ``name`` names a country (not only a nationality adjective: "Iraq" yes, "Iraqi" no)."""
        return normalize(name) in self._country_keys

    def actor_ids(self, name: str) -> list[str]:
        """Return the canonical ids ``name`` may refer to, whatever the date."""
        return [self._actors[i].split("\t", 1)[0] for i in self._indexes(name)]

    def _indexes(self, name: str) -> list[int]:
        """Return the actor indexes an alias key points to."""
        hit = self._aliases.get(normalize(name))
        return [int(i) for i in hit.split(",")] if hit else []

    def _entries(self, index: int, on: date | None) -> list[ActorEntry]:
        """Build the ActorEntry list of one actor, filtered by PETRARCH's dated-role rule."""
        actor_id, name, kind, packed = self._actors[index].split("\t")
        roles = [_unpack_role(text) for text in packed.split(";")] if packed else []
        if on is None:
            chosen = roles
        else:
            day = _date_to_int(on)
            dated = [r for r in roles if r[3] is not None or r[4] is not None]
            chosen = [r for r in dated if (r[3] is None or r[3] <= day) and (r[4] is None or day <= r[4])]
            if not chosen:
                chosen = [r for r in roles if r[3] is None and r[4] is None]
        return [
            ActorEntry(actor_id, name, code, iso3, sector, kind, _int_to_date(start), _int_to_date(end))
            for code, iso3, sector, start, end in chosen
        ]

    def country_for_adjective(self, adjective: str) -> str | None:
        """Return the ISO3 code of a nationality adjective or demonym ("Iraqi" -> "IRQ")."""
        return self._adjectives.get(normalize(adjective))

    def country(self, name_or_code: str) -> Country | None:
        """Return the country named by an ISO3/alpha-2 code, a name, an official name or an adjective."""
        text = name_or_code.strip()
        if len(text) in (2, 3) and text.isalpha() and text.isupper():
            iso3 = text if len(text) == 3 else self._country_keys.get(f"alpha2:{text}")
            if iso3 in self._countries:
                return self._countries[iso3]
        key = normalize(text)
        iso3 = self._country_keys.get(key) or self._adjectives.get(key)
        return self._countries.get(iso3) if iso3 else None

    def agent(self, noun: str) -> str | None:
        """Return the sector code of a role noun ("troops" -> "MIL"), trying a singular form too."""
        key = normalize(noun)
        code = self._agents.get(key)
        if code is None and key.endswith("s"):
            code = self._agents.get(key[:-1])
        return code

    def agent_endings(self) -> frozenset[str]:
        """The last word of every role noun ``agent`` knows, so a phrase ending otherwise is skipped unread."""
        if self._agent_ends is None:
            self._agent_ends = frozenset(k.split()[-1] for k in self._agents if k.split())
        return self._agent_ends

    def person_country(self, name: str) -> str | None:
        """The one country of the KB persons a name no alias matches may still denote: the name with
        an Arabic article spelt "el" read as "al" ("Omar El Bashir"), else, for a lone surname
        ("President Bouteflika"), every KB person with that surname. None when unknown or when they
        span several countries. (A full name is not matched on its surname: a "John Smith" of
        Kiribati in the KB says nothing of another. A lone surname can still name someone the KB
        lacks: "Milosevic" finds only a Croatian minister of 2011.)"""
        key = normalize(name)
        words = key.split()
        if not words:
            return None
        variant = " ".join("al" if w == "el" and 0 < k < len(words) - 1 else w for k, w in enumerate(words))
        for candidate in dict.fromkeys((key, variant)):
            countries = {e.country for i in self._indexes(candidate) for e in self._entries(i, None)
                         if e.kind == "person" and e.country}
            if countries:
                return countries.pop() if len(countries) == 1 else None
        if len(words) > 1 or len(key) < 3:
            return None
        countries = self._surnames().get(key, set())
        return next(iter(countries)) if len(countries) == 1 else None

    def prepare(self) -> None:
        """Build the indexes made on first use now (a stage's setup), not inside the first article."""
        self._surnames()

    def _surnames(self) -> dict[str, set[str]]:
        """Surname -> countries of the KB's persons (built on first use, then kept)."""
        index: dict[str, set[str]] | None = getattr(self, "_surname_index", None)
        if index is None:
            index = {}
            for line in self._actors:
                _, name, kind, packed = line.split("\t")
                words = normalize(name).split()
                countries = {role.split(",")[1] for role in packed.split(";") if role.split(",")[1:2] != [""]}
                if kind == "person" and len(words) > 1 and countries:
                    index.setdefault(words[-1], set()).update(countries)
            self._surname_index = index
        return index

    def counts_by_kind(self) -> dict[str, int]:
        """Count canonical actors per kind (for reports and tests)."""
        counts: dict[str, int] = {}
        for actor in self._actors:
            kind = actor.split("\t", 3)[2]
            counts[kind] = counts.get(kind, 0) + 1
        return dict(sorted(counts.items()))


def _table(lines: list[str]) -> dict[str, str]:
    """Turn "key<TAB>value" lines into a dict."""
    return dict(line.split("\t", 1) for line in lines)


def read_kb(raw: bytes) -> KnowledgeBase:
    """Decode gzip-compressed KB bytes into a KnowledgeBase; ValueError on an unknown format."""
    lines = gzip.decompress(raw).decode("utf-8").split("\n")
    if lines[0] != f"#dateline-actor-kb {KB_FORMAT}":
        raise ValueError(f"actor KB header {lines[0][:40]!r}, expected format {KB_FORMAT}")
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in lines[1:]:
        if line.startswith("@"):
            current = sections.setdefault(line[1:], [])
        elif line:
            current.append(line)
    return KnowledgeBase(sections)


@lru_cache(maxsize=1)
def load() -> KnowledgeBase:
    """Load the shipped KB once per process (cached) from the package resources."""
    return read_kb(KB_PATH.read_bytes())


def lookup(name: str, on: date | None = None) -> list[ActorEntry]:
    """Return the actor roles that ``name`` (a name or alias) denotes on date ``on``."""
    return load().lookup(name, on)


def country_for_adjective(adjective: str) -> str | None:
    """Return the ISO3 code of a nationality adjective ("Iraqi" -> "IRQ"), or None."""
    return load().country_for_adjective(adjective)


def country(name_or_code: str) -> Country | None:
    """Return the Country for a name, an official name, an ISO3 or alpha-2 code, or None."""
    return load().country(name_or_code)


def agent(noun: str) -> str | None:
    """Return the sector code for a role noun ("police" -> "COP"), or None when unknown."""
    return load().agent(noun)
