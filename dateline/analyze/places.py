"""The places stage: toponyms (GPE, LOC, FAC entities; demonyms; big cities tagged as people)
resolved to GeoNames places.

Each toponym's candidates come from the embedded gazetteer (`gazetteer.py`). A candidate's score is
a prior (feature type, log population, how the name matched) plus the article's context: the
countries and admin1 areas the other toponyms probably are in, an "X, Y" pattern naming the
containing state or country, and closeness to the other toponyms' current best places. Two passes:
the first picks by prior and context of priors, the second rescores with the first pass's picks.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, ClassVar

from ..config import Config
from . import gazetteer as gz
from .base import Analysis, PlaceMention
from .event_args import dateline_end
from .registry import stage

COMPONENT = "places.geonames.v3"  # the stage version: bump it when the places found change
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
GENERIC_WORDS = frozenset({
    "lake", "river", "airport", "international", "school", "high", "middle", "elementary", "park", "street",
    "avenue", "road", "center", "centre", "village", "city", "county", "north", "south", "east", "west",
    "new", "the", "of", "saint", "mount", "port", "fort", "point", "island", "islands", "bay", "club",
    "golf", "hotel", "hospital", "university", "college", "station", "bridge", "square", "church",
})
MAX_CANDIDATES = 60
SMALL_PLACE = 50_000  # a town under this size needs support from the rest of its article
FAR_KM = 800.0  # ... or lies this far from every other place the article names
LARGE_PLACE = 100_000  # ... and one found under another of its names, under this size
EARTH_RADIUS_KM = 6371.0088
KIND_PRIOR = {"country": 3.2, "continent": 2.5, "adm1": 1.8, "adm2": 1.0, "city": 0.0, "supplement": 3.5}
AREA_KINDS = frozenset({"country", "continent"})
HOW_PRIOR = {"name": 0.0, "abbreviation": 0.0, "demonym": 0.0, "admin suffix": 0.5, "variant": -0.8}


@dataclass(frozen=True, slots=True)
class Weights:
    """The resolver's knobs (tuned on the LGL and GeoWebNews dev halves only)."""

    population: float = 0.42
    capital: float = 1.2
    exact_name: float = 0.4
    country_ctx: float = 2.4
    admin1_ctx: float = 2.6
    container: float = 5.0
    near: float = 2.0
    near_km: float = 400.0
    text_country: float = 0.0  # countries named in the text: measured no gain on LGL/GWN dev, kept as a knob
    text_admin1: float = 2.0
    foreign_capital: float = 1.0  # extra for a national capital when the article points to 3+ countries


@dataclass(slots=True)
class Mention:
    """One toponym under resolution: span, text, candidate rows with prior scores, and its pick."""

    start: int
    end: int
    text: str
    rows: list[int]
    how: list[str]
    prior: list[float]
    score: list[float] = field(default_factory=list)
    container: tuple[str, str] | None = None  # ("country"|"adm1", code) from an "X, Y" pattern
    pick: int | None = None  # set when the article's mentions of one name agree on one place

    def best(self) -> int | None:
        """Index of the chosen candidate: the agreed pick, else the best-scoring one."""
        if self.pick is not None:
            return self.pick
        scores = self.score or self.prior
        return max(range(len(scores)), key=scores.__getitem__) if scores else None

    def probs(self) -> list[float]:
        """Softmax of the current scores."""
        scores = self.score or self.prior
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]


def _strip_the(text: str) -> str:
    """ "the Middle East" -> "Middle East" (the gazetteer's lookup drops the article too)."""
    return text[4:] if text[:4].lower() == "the " else text


def _name_key(text: str) -> str:
    """One key for "the Old City" and "Old City"."""
    return gz.normalize(_strip_the(text))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def nearness(lat: float, lon: float, points: list[tuple[float, float, float]], near_km: float) -> float:
    """Sum over points of max(0, 1 - distance / near_km), the points given as (lon, radians(lat),
    cos(radians(lat))) so a candidate's many comparisons do not recompute them. Same arithmetic as
    ``haversine_km``; a point whose latitude alone puts it past near_km adds 0 and is skipped."""
    p1 = math.radians(lat)
    c1 = math.cos(p1)
    reach = near_km * (1 + 1e-9) / EARTH_RADIUS_KM  # the great-circle arc is never shorter than the latitude gap
    total = 0.0
    for lo, p2, c2 in points:
        dp = p2 - p1
        if abs(dp) >= reach:
            continue
        dl = math.radians(lo - lon)
        a = math.sin(dp / 2) ** 2 + c1 * c2 * math.sin(dl / 2) ** 2
        total += max(0.0, 1.0 - 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a))) / near_km)
    return total


# Admin1 areas whose names are read anywhere in an article as context (states, provinces, territories).
TEXT_ADMIN1_COUNTRIES = ("US", "CA", "AU")
_TEXT_PATTERNS: dict[int, tuple[re.Pattern[str], dict[str, tuple[str, str]]]] = {}


def _text_pattern(gaz: gz.Gazetteer) -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """A regex over country names, state/province names and AP state abbreviations, with what each names."""
    cached = _TEXT_PATTERNS.get(id(gaz))
    if cached is not None:
        return cached
    names: dict[str, tuple[str, str]] = {}
    for cc, row in gaz.country_rows.items():
        names[gaz.names[row]] = ("country", cc)
    clash = set(names)
    city = gz.KINDS.index("city")
    for code, row in gaz.admin1_rows.items():
        name = gaz.names[row]
        big_city = any(gaz.kinds[r] == city and gaz.population[r] >= 100_000 for r in gaz.rows(gz.normalize(name)))
        if code.split(".")[0] in TEXT_ADMIN1_COUNTRIES and name not in clash and not big_city:
            names[gaz.names[row]] = ("adm1", code)
    for key, rows in gaz.abbrevs.items():
        if key.endswith(".") and gaz.kinds[rows[0]] == gz.KINDS.index("adm1"):
            names[key] = ("adm1", gaz.admin1_of(rows[0]))
    words = sorted((n for n in names if n[:1].isalpha()), key=len, reverse=True)
    alternation = "|".join(re.escape(w) if w.endswith(".") else re.escape(w) + r"\b" for w in words)
    pattern = re.compile(rf"(?<![\w.])(?:{alternation})(?!\s+(?:City|County|Street|Avenue|University|State)\b)")
    folded = {k.casefold(): v for k, v in names.items()}
    _TEXT_PATTERNS[id(gaz)] = (pattern, folded)
    return pattern, folded


def text_context(gaz: gz.Gazetteer, text: str) -> tuple[dict[str, int], dict[str, int]]:
    """Countries and states/provinces named anywhere in an article ("Tennessee", "Tenn.", "Canada").

    "Georgia" and other names both a country and a state count for neither.
    """
    pattern, names = _text_pattern(gaz)
    countries: dict[str, int] = defaultdict(int)
    admin1: dict[str, int] = defaultdict(int)
    for m in pattern.finditer(text):
        word = m.group(0)
        if not word[:1].isupper():
            continue
        kind, code = names[word.casefold()]
        if kind == "country":
            countries[code] += 1
        else:
            admin1[code] += 1
            countries[code.split(".")[0]] += 1
    return countries, admin1


@dataclass(slots=True)
class Resolver:
    """Resolves the toponyms of one document against the gazetteer."""

    gaz: gz.Gazetteer
    weights: Weights = field(default_factory=Weights)
    doc_countries: dict[str, int] = field(default_factory=dict)
    doc_admin1: dict[str, int] = field(default_factory=dict)

    def prior(self, row: int, how: str, text: str) -> float:
        """Context-free score of a candidate row for a toponym as written."""
        g, w = self.gaz, self.weights
        kind = gz.KINDS[g.kinds[row]]
        score = KIND_PRIOR[kind] + HOW_PRIOR.get(how, 0.0)
        score += w.population * math.log10(g.population[row] + 1)
        if g.fcode_of(row) == "PPLC":
            score += w.capital
        if gz.normalize(g.names[row]) == gz.normalize(_strip_the(text)):
            score += w.exact_name
        return score

    def mention(self, start: int, end: int, text: str) -> Mention | None:
        """A Mention with its candidates, or None when the gazetteer has no candidate.

        A span without a capital letter ("west", "the east bank") is a direction or a common noun
        the tagger labelled, not a name.
        """
        if not any(ch.isupper() for ch in text):
            return None
        found = self.gaz.lookup_rows(text)
        if not found:
            found = [(r, "part") for r, _ in self._part_rows(text)]
        if not found:
            return None
        found = self._prefer_curated(found)
        scored = sorted(((self.prior(r, how, text), r, how) for r, how in found), reverse=True)[:MAX_CANDIDATES]
        scored = self._prefer_cities(scored)
        return Mention(start, end, text, [r for _, r, _ in scored], [h for _, _, h in scored], [s for s, _, _ in scored])

    def _prefer_curated(self, found: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """A name our supplement curates ("Middle East", "Green Zone") is not also a small town elsewhere."""
        g = self.gaz
        sup, city = gz.KINDS.index("supplement"), gz.KINDS.index("city")
        if not any(g.kinds[r] == sup and how == "name" for r, how in found):
            return found
        return [(r, how) for r, how in found if g.kinds[r] != city or g.population[r] >= SMALL_PLACE]

    def _prefer_cities(self, scored: list[tuple[float, int, str]]) -> list[tuple[float, int, str]]:
        """Baghdad, Berlin, Tbilisi: a big city beats the same-named admin1 around it."""
        g = self.gaz
        city = gz.KINDS.index("city")
        big = {g.country_of(r) for _, r, _ in scored if g.kinds[r] == city and g.population[r] >= 100_000}
        adm1 = gz.KINDS.index("adm1")
        out = [(s - 2.0 if g.kinds[r] == adm1 and g.country_of(r) in big else s, r, h) for s, r, h in scored]
        return sorted(out, reverse=True)

    def _part_rows(self, text: str) -> list[tuple[int, str]]:
        """Candidates of the longest capitalised word run inside an unknown name ("Lake Manassas" -> "Manassas").

        In "X of Y" the place is Y ("University of Louisville", "Old City of Raqqa"), so Y is tried first.
        """
        head, sep, tail = text.rpartition(" of ")
        if sep and tail[:1].isupper():
            found = self.gaz.lookup_rows(tail)
            if found:
                return found
        words = [w for w in text.replace("/", " ").replace("-", " ").split() if w]
        for size in range(len(words) - 1, 0, -1):
            for i in range(len(words) - size + 1):
                part = words[i:i + size]
                if not part[0][:1].isupper() or all(gz.normalize(w) in GENERIC_WORDS for w in part):
                    continue
                found = self.gaz.lookup_rows(" ".join(part))
                if found:
                    return found
        return []

    def focus(self, mentions: list[Mention | None]) -> Mention | None:
        """The article's focus: its most confident non-country place, else its most confident place."""
        live = [m for m in mentions if m is not None and m.best() is not None]
        local = [m for m in live if gz.KINDS[self.gaz.kinds[m.rows[m.best() or 0]]] not in ("country", "continent")]
        pool = local or live
        return max(pool, key=lambda m: max(m.probs())) if pool else None

    def resolve(self, text: str, spans: list[tuple[int, int]]) -> list[Mention | None]:
        """Resolve every span of a document; None where no candidate was found."""
        self.doc_countries, self.doc_admin1 = text_context(self.gaz, text)
        mentions = [self.mention(s, e, text[s:e]) if 0 <= s < e <= len(text) else None for s, e in spans]
        live = [m for m in mentions if m is not None]
        self._containers(text, live)
        for _ in range(2):
            self._rescore(live)
        self._agree(live)
        # The wire dateline's city ("WASHINGTON (Tigris Wire) -") is where the report was filed: it
        # lends no support to the places of the story itself.
        filed = dateline_end(text)
        anchors = self._anchors([m for m in live if m.start >= filed])
        implausible = {id(m) for m in live if not self._plausible(m, anchors)}
        return [None if m is None or id(m) in implausible else m for m in mentions]

    def _agree(self, mentions: list[Mention]) -> None:
        """One place per name in an article: every "Washington" of a text gets the same pick."""
        groups: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            groups[_name_key(m.text)].append(m)
        for group in groups.values():
            if len(group) < 2 or any(g.rows != group[0].rows for g in group):
                continue
            totals = [sum(g.score[i] for g in group) for i in range(len(group[0].rows))]
            pick = max(range(len(totals)), key=totals.__getitem__)
            for g in group:
                g.pick = pick

    def _anchors(self, mentions: list[Mention]) -> list[tuple[str, str, float, float, bool]]:
        """The confidently placed mentions, as (name key, country, lat, lon, is a town or site)."""
        g, out = self.gaz, []
        for o in mentions:
            ob = o.best()
            if ob is None or o.probs()[ob] < 0.5:
                continue
            row = o.rows[ob]
            out.append((_name_key(o.text), g.country_of(row), g.lat[row], g.lon[row],
                        gz.KINDS[g.kinds[row]] not in AREA_KINDS))
        return out

    def _plausible(self, m: Mention, anchors: list[tuple[str, str, float, float, bool]]) -> bool:
        """False for a small place the rest of the article gives no reason to believe in.

        A name found only as part of a longer one ("Eid al-Fitr" -> Edd), under a foreign variant
        ("Avana" -> Havana), or a town of under 100,000 people in a country no other toponym or
        country name of the article points to ("Old City" in a Mosul story -> Philadelphia), is
        left unresolved rather than pinned to the wrong place. Countries, admin areas, places
        inside an "X, Y" container and articles with no other confident place keep their pick.
        """
        g = self.gaz
        b = m.best()
        if b is None:
            return False
        row = m.rows[b]
        kind = gz.KINDS[g.kinds[row]]
        if m.how[b] == "part" and kind == "supplement":
            return False
        if kind != "city" or m.container is not None:
            return True  # countries, admin areas, and our curated places are not accidental homonyms
        cc, key = g.country_of(row), _name_key(m.text)
        others = [a for a in anchors if a[0] != key]  # not itself, nor another mention of its name
        support = self.doc_countries.get(cc, 0) > 0 or any(a[1] == cc for a in others)
        weak = g.population[row] < (LARGE_PLACE if m.how[b] == "part" else SMALL_PLACE)
        nearest = min((haversine_km(g.lat[row], g.lon[row], la, lo) for _, _, la, lo, site in others if site),
                      default=math.inf) if weak else math.inf
        if weak and nearest > FAR_KM and nearest != math.inf:
            return False  # a small town an ocean away from every other place of the story
        if support or not others:
            return True
        if m.how[b] == "part":
            return False
        exact = gz.normalize(g.names[row]) == key
        return g.population[row] >= (SMALL_PLACE if exact else LARGE_PLACE)

    def _containers(self, text: str, mentions: list[Mention]) -> None:
        """Mark "X, Y" patterns where Y is a state or country containing X."""
        by_start = {m.start: m for m in mentions}
        for m in mentions:
            follow = text[m.end:m.end + 3]
            for gap in (2, 3):
                nxt = by_start.get(m.end + gap)
                if nxt is None or follow[:gap].strip() not in (",",):
                    continue
                row = nxt.rows[0]
                kind = gz.KINDS[self.gaz.kinds[row]]
                if kind == "country":
                    m.container = ("country", self.gaz.country_of(row))
                elif kind == "adm1":
                    m.container = ("adm1", self.gaz.admin1_of(row))

    def _context(self, mentions: list[Mention]) -> tuple[dict[str, float], dict[str, float], list[tuple[int, float, float]]]:
        """Expected country and admin1 counts per mention key, and confident points, from current scores."""
        countries: dict[str, float] = defaultdict(float)
        admin1: dict[str, float] = defaultdict(float)
        points: list[tuple[int, float, float]] = []
        g = self.gaz
        for i, m in enumerate(mentions):
            probs = m.probs()
            for p, row in zip(probs, m.rows):
                if p < 0.05:
                    continue
                countries[g.country_of(row)] += p
                adm1 = g.admin1_of(row)
                if adm1:
                    admin1[adm1] += p
            b = m.best()
            # A country's or continent's centroid is no evidence of nearness: the United States'
            # lies in Indiana and pulled "Washington" there.
            if b is not None and probs[b] > 0.5 and gz.KINDS[g.kinds[m.rows[b]]] not in AREA_KINDS:
                points.append((i, g.lat[m.rows[b]], g.lon[m.rows[b]]))
        return countries, admin1, points

    def _rescore(self, mentions: list[Mention]) -> None:
        """One context pass: add country, admin1, container and proximity evidence to the priors."""
        g, w = self.gaz, self.weights
        countries, admin1, points = self._context(mentions)
        named = {cc for cc, n in self.doc_countries.items() if n > 0} | {cc for cc, p in countries.items() if p >= 0.5}
        international = len(named) >= 3
        for i, m in enumerate(mentions):
            own_c: dict[str, float] = defaultdict(float)
            own_a: dict[str, float] = defaultdict(float)
            for p, row in zip(m.probs(), m.rows):
                own_c[g.country_of(row)] += p
                own_a[g.admin1_of(row)] += p
            others = [(lo, p, math.cos(p)) for j, la, lo in points if j != i for p in (math.radians(la),)]
            scores = []
            for prior, row in zip(m.prior, m.rows):
                cc, a1 = g.country_of(row), g.admin1_of(row)
                kind = gz.KINDS[g.kinds[row]]
                c_support = countries.get(cc, 0.0) - own_c.get(cc, 0.0)
                a_support = (admin1.get(a1, 0.0) - own_a.get(a1, 0.0)) if a1 else 0.0
                score = prior + w.country_ctx * min(1.0, c_support) + w.admin1_ctx * min(1.0, a_support)
                if kind not in ("country", "continent"):
                    score += w.text_country * min(1.0, self.doc_countries.get(cc, 0) / 2)
                    if a1:
                        score += w.text_admin1 * min(1.0, self.doc_admin1.get(a1, 0) / 2)
                if international and g.fcode_of(row) == "PPLC":
                    score += w.foreign_capital  # "Moscow" in a story about Syria is Russia's capital
                if m.container is not None:
                    level, code = m.container
                    inside = cc == code if level == "country" else a1 == code
                    score += w.container if inside else 0.0
                if others and kind not in ("country", "continent"):
                    near = nearness(g.lat[row], g.lon[row], others, w.near_km)
                    score += w.near * min(1.0, near)
                scores.append(score)
            m.score = scores


def to_place_mention(gaz: gz.Gazetteer, m: Mention, component: str = COMPONENT) -> PlaceMention:
    """The PlaceMention for a resolved Mention's best candidate."""
    b = m.best()
    assert b is not None
    place = gaz.place(m.rows[b])
    probs = m.probs()
    return PlaceMention(
        start=m.start, end=m.end, text=m.text, geonameid=place.geonameid, name=place.name,
        country=place.country_iso3 or place.country or None, admin1=place.admin1_name or None,
        lat=place.lat, lon=place.lon, feature_class=place.feature_class or None,
        feature_code=place.feature_code or None, population=place.population,
        how=m.how[b], confidence=round(probs[b], 3), component=component,
    )


def resolve_toponyms(text: str, spans: list[tuple[int, int]], published: date | None = None,
                     weights: Weights | None = None, focus_fallback: bool = False) -> list[PlaceMention]:
    """Resolve given toponym spans of one text (gold-span evaluation).

    Names the gazetteer lacks are left out, or with `focus_fallback` placed at the article's focus
    place (how="focus", confidence 0.05): a school or street is usually in the article's town.
    """
    gaz = gz.load()
    resolver = Resolver(gaz, weights or Weights())
    mentions = resolver.resolve(text, spans)
    out = [to_place_mention(gaz, m) for m in mentions if m is not None]
    focus = resolver.focus(mentions) if focus_fallback else None
    if focus is not None:
        base = to_place_mention(gaz, focus)
        for (s, e), m in zip(spans, mentions):
            if m is None:
                out.append(replace(base, start=s, end=e, text=text[s:e], how="focus", confidence=0.05))
        out.sort(key=lambda p: (p.start, p.end))
    return out


# A place after one of these is where something is: "Police in Dakar", "clashes near Bamako".
# ("to" and "from" are left out: "a letter to Victoria", "a call from Sofia" name people.)
LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|outside|across|around|throughout|through|into|towards?)\s+$", re.I)
BIG_CITY = 1_000_000


def toponym_spans(entities: list[Any], demonyms: bool, gaz: gz.Gazetteer | None = None,
                  text: str | None = None) -> list[tuple[int, int]]:
    """Spans of place entities, plus NORP entities the gazetteer knows as demonyms when asked, plus
    PERSON entities that are a capital or a city of a million right after a locative preposition
    (given the text): the small English model tags "Dakar" and "Bamako" as people."""
    spans = []
    for e in entities:
        if e.label in PLACE_LABELS:
            spans.append((e.start, e.end))
        elif demonyms and e.label == "NORP" and gaz is not None:
            if gz.normalize(e.text) in gaz.demonyms:
                spans.append((e.start, e.end))
        elif e.label == "PERSON" and gaz is not None and text is not None and _person_is_city(e, text, gaz):
            spans.append((e.start, e.end))
    return sorted(set(spans))


def _person_is_city(e: Any, text: str, gaz: gz.Gazetteer) -> bool:
    """Whether a PERSON entity is really a big city: one or two capitalised words, named as a capital
    or a city of a million in the gazetteer, right after "in"/"at"/"near"/... ."""
    words = e.text.split()
    if not 1 <= len(words) <= 2 or not all(w[:1].isupper() for w in words):
        return False
    if not LOCATIVE_BEFORE.search(text[max(0, e.start - 16):e.start]):
        return False
    return any(how == "name" and (gaz.fcode_of(row) == "PPLC" or gaz.population[row] >= BIG_CITY)
               for row, how in gaz.lookup_rows(e.text))


@stage(COMPONENT, alias="places")
class PlacesStage:
    """Resolve each article's place entities (and demonyms) to GeoNames places."""

    name: ClassVar[str] = COMPONENT
    requires: ClassVar[tuple[str, ...]] = ("entities",)
    assigns: ClassVar[tuple[str, ...]] = ("places",)

    def setup(self, config: Config) -> None:
        self.demonyms = bool(config["places.demonyms"])
        self.gaz = gz.load()
        self.resolver = Resolver(self.gaz)

    def process(self, batch: list[Analysis]) -> list[Analysis]:
        for analysis in batch:
            spans = toponym_spans(analysis.entities, self.demonyms, self.gaz, analysis.text)
            mentions = self.resolver.resolve(analysis.text, spans)
            analysis.places = [to_place_mention(self.gaz, m) for m in mentions if m is not None]
            analysis.components[self.name] = COMPONENT
        return batch
