#!/usr/bin/env python3
"""Build dateline's actor knowledge base (dateline/resources/actors.kb.gz) from open sources.

Inputs (../shared/data/actors, see its README): the Phoenix/PETRARCH2 actor and agent
dictionaries (MIT), the NGEC-2025 PLOVER agents and country table (MIT), plus pycountry.
The output is deterministic: same inputs and pycountry version -> byte-identical file.

Usage: python scripts/build_actor_kb.py [--source DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import itertools
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import version as dist_version
from pathlib import Path

import pycountry

from dateline.analyze.actor_kb import KB_FORMAT, normalize

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "actors"
DEFAULT_OUT = ROOT / "dateline" / "resources" / "actors.kb.gz"

COUNTRIES_FILE = "Phoenix.Countries.actors.txt"
INTERNATIONAL_FILE = "Phoenix.International.actors.txt"
MILNONSTATE_FILE = "Phoenix.MilNonState.actors.txt"
PHOENIX_AGENTS_FILE = "Phoenix.agents.txt"
PLOVER_AGENTS_FILE = "PLOVER_agents.NGEC-2025.txt"
NGEC_COUNTRIES_FILE = "countries.NGEC-2025.csv"
INPUT_FILES = (
    COUNTRIES_FILE,
    INTERNATIONAL_FILE,
    MILNONSTATE_FILE,
    PHOENIX_AGENTS_FILE,
    PLOVER_AGENTS_FILE,
    NGEC_COUNTRIES_FILE,
)

# --- dateline curation (small, documented in SOURCES.md) -------------------------------------
# Heads (normalized) merged into one canonical actor, with extra aliases news text uses.
CURATED_MERGES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Islamic State": (
        ("islamic state of iraq and the levant", "islamic state"),
        ("ISIS", "ISIL", "IS", "Daesh", "Islamic State group", "Islamic State of Iraq and the Levant",
         "Islamic State of Iraq and Syria", "Islamic State militants"),
    ),
    "United Nations": (("united nations", "un"), ("UN", "U.N.", "United Nations")),
}
# Role nouns the sources miss or code otherwise than dateline's actor layer wants.
CURATED_AGENTS: dict[str, str] = {
    "forces": "MIL",
    "force": "MIL",
    "security forces": "MIL",
    "official": "GOV",
    "officials": "GOV",
    "authorities": "GOV",
    "militant": "REB",  # PLOVER/Phoenix: UAF (unaligned armed); folded into REB as PLOVER does
    "militants": "REB",
    "fighters": "REB",
    "gunmen": "REB",
}
# Adjectives deliberately left without a country (peoples spread over several states).
STATELESS_ADJECTIVES: frozenset[str] = frozenset({"kurdish", "kurd", "kurds", "arab", "arabs", "palestinian"})

ORG_WORDS: frozenset[str] = frozenset(
    """ARMY FORCE FORCES PARTY MINISTRY DEPARTMENT COUNCIL FRONT MOVEMENT BRIGADE BRIGADES GROUP
    ORGANIZATION ORGANISATION STATE STATES COMMITTEE AGENCY UNION ASSOCIATION BANK COURT NATIONS
    GOVERNMENT POLICE OFFICE COMMISSION ASSEMBLY PARLIAMENT CONGRESS SENATE INSTITUTE UNIVERSITY
    NEWS TIMES POST SERVICE SERVICES NAVY GUARD GUARDS CORPS AUTHORITY FEDERATION LEAGUE ALLIANCE
    COALITION REPUBLIC KINGDOM EMIRATES ISLANDS REGION REGIONAL PROVINCE CITY MILITIA MILITARY
    REBELS FIGHTERS NETWORK BOARD FUND FOUNDATION CENTER CENTRE CHURCH TRIBE TRIBES CABINET
    MINISTER MINISTERS PRESIDENT EMBASSY COMMAND HOUSE CORPORATION COMPANY""".split()
)
NON_COUNTRY_PREFIX_SECTOR: dict[str, str] = {"IGO": "IGO", "IMG": "REB", "NGO": "NGO", "MNC": "BUS"}
SECTOR_ONLY: frozenset[str] = frozenset(
    "ELI GOV MIL REB OPP CVL COP JUD LEG SPY BUS MED PTY UAF INS EDU HLH REL AGR LAB REF HRI ENV".split()
)

_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
_PLURAL_BLOCK = re.compile(r"\{([^}]*)\}")
_DATE_TOKEN = re.compile(r"^([<>]?)(\d{6}|\d{8})(?:-(\d{6}|\d{8}))?$")
_PAREN = re.compile(r"\(([^)]*)\)")


@dataclass
class Role:
    """One code line of a dictionary entry: CAMEO code with an optional validity range."""

    code: str
    start: int | None
    end: int | None


@dataclass
class Head:
    """One dictionary entry: head phrase, aliases, codes, source file and comment text."""

    phrase: str
    source: str
    comment: str = ""
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)


@dataclass
class Stats:
    """Counters reported at the end of a build (what was skipped and why)."""

    bad_dates: int = 0
    empty_heads: int = 0


# --- PETRARCH dictionary parsing ---------------------------------------------------------------


def parse_date(token: str) -> int | None:
    """Turn a YYMMDD or YYYYMMDD token into a YYYYMMDD int; YY < 30 means 20YY (PETRARCH)."""
    if len(token) == 8:
        value = int(token)
    elif len(token) == 6:
        year = int(token[:2])
        value = (2000 + year if year < 30 else 1900 + year) * 10000 + int(token[2:])
    else:
        raise ValueError(token)
    month, day = value // 100 % 100, value % 100
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ValueError(token)
    return value


def parse_code_block(block: str) -> Role | None:
    """Parse "IRQGOV 050101-060520", "USAGOV >090120" or "IGOUNO" into a Role (None for "---")."""
    parts = block.split()
    if not parts or not parts[0].isalpha():
        return None
    code = parts[0].upper()
    if len(parts) == 1:
        return Role(code, None, None)
    match = _DATE_TOKEN.match("".join(parts[1:]))
    if not match:
        raise ValueError(block)
    sign, first, second = match.groups()
    if second is not None:
        return Role(code, parse_date(first), parse_date(second))
    if sign == "<":
        return Role(code, None, parse_date(first))
    return Role(code, parse_date(first), None)


def phrase_text(raw: str) -> str:
    """Turn a dictionary phrase ("AL-ABADI_") into display text ("Al-Abadi")."""
    words = raw.replace("_", " ").split()
    return " ".join(w.capitalize() if w.isupper() or w.islower() else w for w in words)


def split_comment(line: str) -> tuple[str, str]:
    """Split a dictionary line into (content, comment)."""
    body, _, comment = line.partition("#")
    return body, comment.strip()


def read_actor_file(path: Path, stats: Stats) -> list[Head]:
    """Parse a PETRARCH actor dictionary into Head records, in file order."""
    heads: list[Head] = []
    current: Head | None = None
    after_blank = True
    for raw_line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, comment = split_comment(raw_line)
        if not body.strip():
            after_blank = after_blank or not raw_line.strip()
            continue
        roles = []
        for block in _CODE_BLOCK.findall(body):
            try:
                role = parse_code_block(block)
            except ValueError:
                stats.bad_dates += 1
                continue
            if role is not None:
                roles.append(role)
        text = _PLURAL_BLOCK.sub(" ", _CODE_BLOCK.sub(" ", body)).strip()
        if text.startswith("+"):
            if current is not None:
                current.aliases.extend(a.strip() for a in text.split("+") if a.strip())
                current.roles.extend(roles)
        elif text and current is not None and not current.roles and not roles and not after_blank:
            current.aliases.append(text)  # consecutive code-less heads share the codes that follow
        elif text:
            current = Head(text, path.name, comment)
            current.roles.extend(roles)
            heads.append(current)
        elif current is not None:
            current.roles.extend(roles)
        after_blank = False
    return heads


def expand_substitutions(phrase: str, sets: dict[str, list[str]]) -> list[str]:
    """Expand "!PERSON!"-style substitution sets in an agent phrase into every variant."""
    pieces = re.split(r"(![A-Z]+!)", phrase)
    options = [sets.get(p, [p]) if p.startswith("!") and p.endswith("!") else [p] for p in pieces]
    return ["".join(combo) for combo in itertools.product(*options)]


def plural(noun: str) -> str:
    """Make the regular English plural PETRARCH uses for agent nouns (ARMY -> ARMIES)."""
    if noun.endswith("Y") and len(noun) > 1 and noun[-2] not in "AEIOU":
        return noun[:-1] + "IES"
    if noun.endswith(("S", "SH", "CH", "X", "Z")):
        return noun + "ES"
    return noun + "S"


def read_agent_file(path: Path) -> dict[str, str]:
    """Parse a PETRARCH agents file into {normalized noun or plural: sector code}."""
    sets: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for raw_line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, _ = split_comment(raw_line)
        body = body.strip()
        if not body:
            continue
        if body.startswith("!") and "=" in body:
            name, _, values = body.partition("=")
            sets[name.strip()] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        codes = [c.strip().lstrip("~") for c in _CODE_BLOCK.findall(body) if c.strip().startswith("~")]
        if not codes:
            continue
        plural_match = _PLURAL_BLOCK.search(body)
        phrase = _PLURAL_BLOCK.sub(" ", _CODE_BLOCK.sub(" ", body)).strip()
        for variant in expand_substitutions(phrase, sets):
            forms = [variant]
            if plural_match is None:
                forms.append(plural(variant.rstrip("_")))
            else:
                forms.extend(p for p in plural_match.group(1).split() if p)
            for form in forms:
                key = normalize(form.replace("_", " "))
                if key:
                    agents.setdefault(key, codes[0])
    return agents


# --- countries ---------------------------------------------------------------------------------


@dataclass
class CountryRow:
    """A country assembled from pycountry plus NGEC adjectives."""

    iso3: str
    alpha2: str | None
    name: str
    official_name: str | None
    adjectives: list[str]
    other_names: list[str] = field(default_factory=list)


def pycountry_rows() -> dict[str, CountryRow]:
    """Read current ISO 3166-1 countries from pycountry, keyed by ISO3."""
    rows: dict[str, CountryRow] = {}
    for item in pycountry.countries:
        name = getattr(item, "common_name", None) or item.name
        official = getattr(item, "official_name", None)
        rows[item.alpha_3] = CountryRow(item.alpha_3, item.alpha_2, name, official, [])
    return rows


def add_historic(rows: dict[str, CountryRow], used_codes: set[str]) -> None:
    """Add ISO 3166-3 historic countries (SUN, YUG, CSK, DDR) that the dictionaries code."""
    for item in pycountry.historic_countries:
        iso3 = item.alpha_3
        if iso3 in used_codes and iso3 not in rows:
            rows[iso3] = CountryRow(iso3, None, item.name, None, [])


def add_ngec_adjectives(rows: dict[str, CountryRow], path: Path) -> None:
    """Attach NGEC nationality adjectives, dropping ones that name another country (e.g. "Guam")."""
    by_name = {normalize(r.name): r.iso3 for r in rows.values()}
    by_name.update({normalize(r.official_name): r.iso3 for r in rows.values() if r.official_name})
    with path.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            iso3 = record["CCA3"].strip()
            if iso3 not in rows:
                continue
            short = record["Name"].strip()
            if short and normalize(short) != normalize(rows[iso3].name) and short not in rows[iso3].other_names:
                rows[iso3].other_names.append(short)
            for adjective in record["Nationality"].split(","):
                adjective = adjective.strip()
                key = normalize(adjective)
                if not key or by_name.get(key, iso3) != iso3 or key in STATELESS_ADJECTIVES:
                    continue
                if adjective not in rows[iso3].adjectives:
                    rows[iso3].adjectives.append(adjective)


def country_keys(rows: dict[str, CountryRow]) -> dict[str, str]:
    """Map normalized names, official names, ISO3 and alpha-2 codes to ISO3."""
    keys: dict[str, str] = {}
    for iso3 in sorted(rows):
        row = rows[iso3]
        if row.alpha2:
            keys[f"alpha2:{row.alpha2}"] = iso3
        for text in (row.name, row.official_name, iso3.lower(), *row.other_names):
            if text:
                keys.setdefault(normalize(text), iso3)
    for item in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        keys.setdefault(normalize(item.name), item.alpha_3)
    return keys


def adjective_index(rows: dict[str, CountryRow]) -> dict[str, str]:
    """Map normalized adjectives to ISO3; an adjective claimed by two countries is dropped."""
    claims: dict[str, set[str]] = {}
    for row in rows.values():
        for adjective in row.adjectives:
            claims.setdefault(normalize(adjective), set()).add(row.iso3)
    return {key: next(iter(isos)) for key, isos in sorted(claims.items()) if len(isos) == 1}


# --- actors ------------------------------------------------------------------------------------


def split_code(code: str, countries: set[str]) -> tuple[str | None, str | None]:
    """Split a CAMEO code into (country ISO3 or None, primary sector or None).

    A territory code after the state ("GBRFLKGOV", the Falklands' government; "YUGBIH", Bosnia within
    Yugoslavia) is a place, not a sector: the sector is what follows it, if anything."""
    prefix, rest = code[:3], code[3:6] or None
    if rest in countries:
        rest = code[6:9] or None
    if prefix in countries:
        return prefix, rest
    if prefix in NON_COUNTRY_PREFIX_SECTOR:
        return None, NON_COUNTRY_PREFIX_SECTOR[prefix]
    if len(code) == 3 and code in SECTOR_ONLY:
        return None, code
    return None, rest


def classify(head: Head, countries: set[str], geo_words: set[str]) -> str:
    """Decide an entry's kind: country, region, igo, armed_group, person or organisation."""
    codes = [r.code for r in head.roles]
    words = set(head.phrase.upper().replace("-", "_").replace(" ", "_").strip("_").split("_"))
    org_like = bool(words & ORG_WORDS) or bool({w.lower() for w in words} & geo_words)
    if head.source == COUNTRIES_FILE and codes and all(len(c) == 3 for c in codes) and len(set(codes)) == 1:
        return "country" if codes[0] in countries else "region"
    if "CountryInfo" in head.comment or "rulers" in head.comment:
        return "person"
    if head.source == MILNONSTATE_FILE or (codes and codes[0].startswith("IMG") and org_like):
        return "armed_group"
    sectors = {split_code(c, countries)[1] for c in codes}
    dated = any(r.start is not None or r.end is not None for r in head.roles)
    if not org_like and 2 <= len(words) <= 5 and (dated or head.source != MILNONSTATE_FILE):
        if not codes[0].startswith("IMG") or dated:
            return "person"
    if codes and codes[0].startswith("IMG"):
        return "armed_group"
    if codes and codes[0].startswith("IGO"):
        return "igo"
    if sectors & {"REB", "INS", "UAF"}:
        return "armed_group"
    return "organisation"


def is_country_code(text: str) -> bool:
    """Tell whether text is an ISO alpha-2/alpha-3 code (such "(US)" suffixes are not acronyms)."""
    upper = text.upper()
    if len(upper) == 2:
        return pycountry.countries.get(alpha_2=upper) is not None
    return len(upper) == 3 and pycountry.countries.get(alpha_3=upper) is not None


def is_acronym(inner: str, outer: str) -> bool:
    """Tell whether a parenthesised word is the phrase's acronym ("MASSOB") rather than a
    disambiguator that must not become an alias of its own: a country ("NATIONAL LIBERATION ARMY
    (COLOMBIA)"), a kind ("GEORGIA (NATION)", "(SOVEREIGN STATE)", "(COUNTRY)") or a side ("KOREA
    (NORTH)"). An acronym is one word of 3+ characters, no country code or country name, that starts
    with an initial of the phrase or has at most 4 characters ("ETA", "GAM")."""
    word = inner.strip()
    if len(word.split()) != 1 or len(word) < 3 or is_country_code(word):
        return False
    try:
        pycountry.countries.lookup(word)
        return False
    except LookupError:
        pass
    initials = {w[0] for w in outer.split() if w}
    return word[0] in initials or len(word) <= 4


def alias_forms(raw: str) -> list[str]:
    """Return the alias keys of a dictionary phrase, adding forms without "(ACRONYM)" and the acronym."""
    text = raw.replace("_", " ")
    forms = [text]
    if "(" in text:
        outer = _PAREN.sub(" ", text)
        forms.append(outer)
        forms.extend(m for m in _PAREN.findall(text) if is_acronym(m, outer))
    return [k for k in (normalize(f) for f in forms) if k]


def slug(text: str) -> str:
    """Make an id-safe slug of a name."""
    return normalize(text).replace(" ", "-") or "unnamed"


@dataclass
class Actor:
    """A canonical actor being assembled: id, name, kind, roles and alias keys."""

    name: str
    kind: str
    roles: list[Role]
    keys: list[str]
    id: str = ""


def build_actors(heads: list[Head], rows: dict[str, CountryRow]) -> list[Actor]:
    """Turn dictionary heads into canonical actors, merging curated groups and adding country names."""
    countries = set(rows)
    geo_words = {w for r in rows.values() for t in [r.name, *r.adjectives] for w in normalize(t).split()}
    actors: list[Actor] = []
    country_actor: dict[str, Actor] = {}
    for head in heads:
        if not head.roles:
            continue
        kind = classify(head, countries, geo_words)
        keys = alias_forms(head.phrase) + [k for a in head.aliases for k in alias_forms(a)]
        if kind == "country" and head.roles[0].code in country_actor:
            country_actor[head.roles[0].code].keys.extend(keys)
            continue
        name = rows[head.roles[0].code].name if kind == "country" else phrase_text(head.phrase)
        actor = Actor(name, kind, list(head.roles), keys)
        if kind == "country":
            country_actor[head.roles[0].code] = actor
        actors.append(actor)
    for iso3 in sorted(rows):
        row = rows[iso3]
        names = [row.name, row.official_name, *row.other_names, *row.adjectives]
        keys = [normalize(n) for n in names if n]
        if iso3 in country_actor:
            country_actor[iso3].keys.extend(keys)
        else:
            actors.append(Actor(row.name, "country", [Role(iso3, None, None)], keys))
    return apply_merges(merge_namesakes(actors, countries))


def apply_merges(actors: list[Actor]) -> list[Actor]:
    """Fold the actors whose head keys a curated merge names into one canonical actor."""
    result: list[Actor] = []
    merged: dict[str, Actor] = {}
    owners = {key: name for name, (heads, _) in CURATED_MERGES.items() for key in heads}
    for actor in actors:
        target_name = owners.get(actor.keys[0]) if actor.keys and actor.kind != "person" else None
        if target_name is None:
            result.append(actor)
            continue
        if target_name not in merged:
            extra = [normalize(a) for a in CURATED_MERGES[target_name][1]]
            merged[target_name] = Actor(target_name, actor.kind, [], extra)
            result.append(merged[target_name])
        target = merged[target_name]
        target.keys.extend(actor.keys)
        target.roles.extend(r for r in actor.roles if not any(covers(t, r) for t in target.roles))
    return result


def covers(wide: Role, narrow: Role) -> bool:
    """Tell whether role ``wide`` has the same code and a range containing ``narrow``'s."""
    if wide.code != narrow.code:
        return False
    if (wide.start, wide.end) == (None, None) or (narrow.start, narrow.end) == (None, None):
        return (wide.start, wide.end) == (narrow.start, narrow.end)  # undated roles are fallbacks
    starts_before = wide.start is None or (narrow.start is not None and wide.start <= narrow.start)
    ends_after = wide.end is None or (narrow.end is not None and narrow.end <= wide.end)
    return starts_before and ends_after


def merge_namesakes(actors: list[Actor], countries: set[str]) -> list[Actor]:
    """Fold repeated entries of one person or body (same kind, head name and country) into one actor."""
    result: list[Actor] = []
    first: dict[tuple[str, str, str | None], Actor] = {}
    for actor in actors:
        if actor.kind == "country" or not actor.keys:
            result.append(actor)
            continue
        key = (actor.kind, actor.keys[0], split_code(actor.roles[0].code, countries)[0])
        if key not in first:
            first[key] = actor
            result.append(actor)
            continue
        target = first[key]
        target.keys.extend(actor.keys)
        target.roles.extend(r for r in actor.roles if not any(covers(t, r) for t in target.roles))
    return result


def assign_ids(actors: list[Actor]) -> None:
    """Give each actor a stable id: "country:IRQ", else kind:slug with a numeric suffix on clashes."""
    seen: dict[str, int] = {}
    for actor in actors:
        base = f"country:{actor.roles[0].code}" if actor.kind == "country" else f"{actor.kind}:{slug(actor.name)}"
        seen[base] = seen.get(base, 0) + 1
        actor.id = base if seen[base] == 1 else f"{base}-{seen[base]}"


# --- output ------------------------------------------------------------------------------------


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file (recorded so a KB names the exact inputs it came from)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def encode_actor(actor: Actor, countries: set[str]) -> str:
    """Pack an actor as one tab-separated line (id, name, kind, roles) so the KB loads fast.

    Roles are ";"-separated "code,iso3,sector,start,end" with empty fields for None.
    """
    roles = ";".join(
        ",".join("" if v is None else str(v) for v in (r.code, *split_code(r.code, countries), r.start, r.end))
        for r in actor.roles
    )
    return "\t".join((actor.id, actor.name.replace("\t", " "), actor.kind, roles))


def build_document(source: Path) -> tuple[dict[str, object], Stats]:
    """Read every source and assemble the KB document (plain JSON-able data, deterministic order)."""
    stats = Stats()
    heads = [h for name in (COUNTRIES_FILE, INTERNATIONAL_FILE, MILNONSTATE_FILE)
             for h in read_actor_file(source / name, stats)]
    stats.empty_heads = sum(1 for h in heads if not h.roles)
    rows = pycountry_rows()
    add_historic(rows, {r.code[:3] for h in heads for r in h.roles})
    add_ngec_adjectives(rows, source / NGEC_COUNTRIES_FILE)
    actors = build_actors(heads, rows)
    assign_ids(actors)
    countries = set(rows)
    aliases: dict[str, list[int]] = {}
    for index, actor in enumerate(actors):
        for key in actor.keys:
            bucket = aliases.setdefault(key, [])
            if index not in bucket:
                bucket.append(index)
    agents = read_agent_file(source / PHOENIX_AGENTS_FILE)
    agents.update(read_agent_file(source / PLOVER_AGENTS_FILE))
    agents.update(CURATED_AGENTS)
    document: dict[str, object] = {
        "format": KB_FORMAT,
        "meta": {
            "inputs": {name: sha256(source / name) for name in INPUT_FILES},
            "pycountry": dist_version("pycountry"),
            "builder": "scripts/build_actor_kb.py",
        },
        "actors": [encode_actor(a, countries) for a in actors],
        "aliases": dict(sorted(aliases.items())),
        "agents": dict(sorted(agents.items())),
        "adjectives": adjective_index(rows),
        "countries": [[r.iso3, r.alpha2, r.name, r.official_name, r.adjectives] for _, r in sorted(rows.items())],
        "country_keys": dict(sorted(country_keys(rows).items())),
    }
    return document, stats


def encode(document: dict[str, object]) -> bytes:
    """Serialize the document as sectioned UTF-8 text inside a gzip stream with a fixed header (no mtime).

    Sections start with "@name"; tables are one "key<TAB>value" line per entry, lists one item a line,
    and small structures (meta, countries) a single JSON line: this loads several times faster than JSON.
    """
    lines = [f"#dateline-actor-kb {document['format']}"]
    for name in ("meta", "countries"):
        lines += [f"@{name}", json.dumps(document[name], ensure_ascii=False, separators=(",", ":"), sort_keys=True)]
    actors = document["actors"]
    assert isinstance(actors, list)
    lines += ["@actors", *actors]
    for name in ("aliases", "agents", "adjectives", "country_keys"):
        table = document[name]
        assert isinstance(table, dict)
        lines.append(f"@{name}")
        lines += [f"{key}\t{format_value(value)}" for key, value in table.items()]
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as stream:
        stream.write(payload)
    return buffer.getvalue()


def format_value(value: object) -> str:
    """Write a table value: ints and lists of ints comma-separated, strings as they are."""
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


def summarize(document: dict[str, object], stats: Stats) -> Iterator[str]:
    """Yield human-readable build statistics."""
    actors = document["actors"]
    assert isinstance(actors, list)
    kinds: dict[str, int] = {}
    for actor in actors:
        kind = actor.split("\t")[2]
        kinds[kind] = kinds.get(kind, 0) + 1
    yield f"actors: {len(actors)} {dict(sorted(kinds.items()))}"
    for name in ("aliases", "agents", "adjectives", "countries"):
        value = document[name]
        assert isinstance(value, dict | list)
        yield f"{name}: {len(value)}"
    yield f"skipped code lines with malformed dates: {stats.bad_dates}; heads without codes: {stats.empty_heads}"


def main(argv: Iterable[str] | None = None) -> int:
    """Command-line entry: build the KB from --source into --out and print statistics."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="folder with the actor dictionaries")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write actors.kb.gz")
    args = parser.parse_args(list(argv) if argv is not None else None)
    missing = [name for name in INPUT_FILES if not (args.source / name).is_file()]
    if missing:
        print(f"error: {args.source} lacks {', '.join(missing)}; point --source at ../shared/data/actors",
              file=sys.stderr)
        return 2
    document, stats = build_document(args.source)
    data = encode(document)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data):,} bytes)")
    for line in summarize(document, stats):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
