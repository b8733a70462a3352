"""Online story clustering: each new article joins the most likely recent story or starts one.

An article becomes a sparse TF-IDF vector (IDF from the articles seen so far) of its words, with
capitalised words and word pairs (names, streets, towns) and named entities weighted up, and two
fields used only to compare with a candidate: its title words and the ages of people it mentions.
Site boilerplate is left out (short paragraphs and title parts already seen in other articles).
Stored articles are found through an inverted index of their rarer terms; each candidate story
keeps its most similar member, the time-weighted best link (the days apart count less when the two
share rare names: a suspect's name months later, at the trial, still points to the same shooting).
A learned link model (story_links.py: per-field similarities, centroid, days apart, rare names,
ages shared or in conflict) gives the probability that the article belongs to each of the best
candidates; at or above `threshold` it joins the most likely one, otherwise it starts a new story.
While the corpus is young (under `model_min_docs` articles, document frequencies too coarse for
the learned weights) the mixed similarity of best link and centroid decides instead.
Nothing is recomputed: the state (document frequencies and the articles of the last `window_days`)
can be saved and restored, so a later batch continues exactly where the last one stopped; story
centroids, sizes and field norms are rebuilt from the remembered articles.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

from .story_links import (
    AGE_PREFIX,
    TITLE_PREFIX,
    UNINDEXED,
    Link,
    LinkModel,
    field_norms,
    field_of,
    link_features,
    load_model,
    probability,
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|\d{3,}")
_STOP_WORDS = (
    "a about above after again against all also am an and any are as at be because been before being "
    "below between both but by can could did do does doing down during each few for from further had has "
    "have having he her here hers herself him himself his how i if in into is it its itself just me more "
    "most my no nor not now of off on once only or other our ours out over own same she should so some "
    "such than that the their theirs them then there these they this those through to too under until up "
    "very was we were what when where which while who whom why will with would you your yours said says "
    "say told according one two three four five six seven eight nine ten new news also just like mr mrs "
    "ms get got year years old day days time week weeks monday tuesday wednesday thursday friday saturday "
    "sunday january february march april may june july august september october november december am pm s "
    "t don"
)
_STOP = frozenset(_STOP_WORDS.split())
_CAP_STOP = frozenset({"The", "A", "An", "He", "She", "It", "They", "We", "I", "In", "On", "At", "But",
                       "And", "His", "Her", "This", "That", "According", "When", "After",
                       "If", "As", "There", "Mr", "Mrs", "Ms"})


@dataclass(frozen=True, slots=True)
class StoryParams:
    """The knobs of story clustering (tuned on the GVA development set only)."""

    threshold: float = 0.42  # probability (story_links model) at or above which an article joins a story
    window_days: int = 400
    decay_days: float = 6.0
    decay_power: float = 0.6  # 0: exponential decay exp(-gap/decay_days); else (1 + gap/decay_days)^-power
    max_df_ratio: float = 0.02
    min_df_cap: int = 20
    title_weight: float = 2.0
    name_weight: float = 2.0
    entity_weight: float = 1.5
    max_chars: int = 2000
    scan_factor: int = 3  # paragraphs are looked for in the first max_chars * scan_factor characters
    top_terms: int = 80
    boiler_docs: int = 2
    boiler_words: int = 60
    min_par_words: int = 5
    word_weight: float = 0.3
    min_hint_words: int = 40
    rare_df: int = 5  # capitalised names in at most this many earlier articles are rare ...
    rare_df_ratio: float = 0.005  # ... and in at most this share of them (in a small corpus nothing is rare)
    rare_stretch: float = 1.0  # each shared rare name stretches decay_days by this factor
    centroid_weight: float = 0.7  # share of the story centroid's similarity in the mixed score feature
    min_link: float = 0.04  # a member less similar than this is no story's best link
    model_min_docs: int = 200  # below this many articles seen, join on the mixed score instead of the model
    cold_threshold: float = 0.13  # mixed score needed to join a story in a corpus that young
    max_candidates: int = 4  # only the stories with the best mixed scores are weighed by the link model


@dataclass(slots=True)
class Assignment:
    """Where one article went: its story, the best score, and whether it opened the story."""

    article_id: str
    story_id: str
    score: float
    new_story: bool


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article ready to be scored and placed: day number, raw terms, vector, its field norms
    (story_links.field_norms), words kept."""

    day: int
    counts: Counter[str]
    vector: dict[str, float]
    norms: tuple[float, float, float, bool]
    words: int


@dataclass(slots=True)
class _Doc:
    """A remembered article: id, day number, story, and its normalised vector."""

    article_id: str
    day: int
    story_id: str
    vector: dict[str, float]


@dataclass(slots=True)
class StoryState:
    """Everything the clusterer needs to continue: document frequencies and recent articles."""

    n_docs: int = 0
    df: Counter[str] = field(default_factory=Counter)
    docs: dict[str, _Doc] = field(default_factory=dict)
    latest_day: int = 0
    paragraphs: Counter[str] = field(default_factory=Counter)


def _paragraph_key(paragraph: str) -> str:
    return format(zlib.crc32(paragraph.lower().encode("utf-8")), "x")


def content(text: str, params: StoryParams, seen: Counter[str]) -> str:
    """The text without boilerplate: short paragraphs and short ones already seen in other articles."""
    kept: list[str] = []
    keys: set[str] = set()
    size = 0
    for paragraph in text[: params.max_chars * params.scan_factor].split("\n"):
        if size >= params.max_chars:
            break
        words = paragraph.count(" ") + 1
        if words < params.min_par_words:
            continue
        if words <= params.boiler_words:
            key = _paragraph_key(paragraph.strip())
            if seen.get(key, 0) >= params.boiler_docs:
                continue
            keys.add(key)
        kept.append(paragraph)
        size += len(paragraph)
    seen.update(keys)
    return "\n".join(kept)


_AGE = re.compile(r"\b(\d{1,2})-year-old|,\s(\d{1,2}),")  # "a 23-year-old", "Jane Roe, 23, of ..."
_TITLE_PARTS = re.compile(r"\s+[-|–—:]\s+|\s*\|\s*")


def headline(title: str | None, params: StoryParams, seen: Counter[str]) -> str:
    """The title without parts already seen in other titles (a site's name, a section)."""
    parts = [p for p in _TITLE_PARTS.split(title or "") if p.strip()]
    if len(parts) < 2:
        return title or ""
    keys = ["t" + _paragraph_key(p.strip()) for p in parts]
    kept = [p for p, k in zip(parts, keys, strict=True) if seen.get(k, 0) < params.boiler_docs]
    seen.update(set(keys))
    return " ".join(kept or [max(parts, key=len)])


def terms(title: str | None, text: str, params: StoryParams,
          entities: Iterable[str] = ()) -> Counter[str]:
    """Raw term weights of an article: words, capitalised names and name pairs, title words as their
    own field, ages of the people mentioned, entities."""
    counts: Counter[str] = Counter()
    for source, weight, field_prefix in ((title or "", params.title_weight, TITLE_PREFIX), (text, 1.0, "")):
        tokens = _WORD.findall(source)
        prev_cap = ""
        name = weight * params.name_weight
        for token in tokens:
            lower = token.lower()
            if lower not in _STOP:
                counts[lower] += weight * params.word_weight
                if field_prefix:
                    counts[field_prefix + lower] += 1.0
            if token[0].isupper() and token not in _CAP_STOP and len(token) > 2:
                counts["N:" + lower] += name
                if prev_cap:
                    counts["P:" + prev_cap + "_" + lower] += name
                prev_cap = lower
            else:
                prev_cap = ""
    for match in _AGE.finditer(text):
        counts[AGE_PREFIX + (match.group(1) or match.group(2))] += 1.0
    for entity in entities:
        counts["E:" + entity.lower()] += params.entity_weight
    return counts


class StoryClusterer:
    """Single-pass clustering over a stream of dated articles, resumable from a saved state."""

    def __init__(self, params: StoryParams | None = None, state: StoryState | None = None,
                 model: LinkModel | None = None) -> None:
        self.params = params or StoryParams()
        self.state = state or StoryState()
        self._postings: dict[str, list[tuple[str, float]]] = {}
        self._sums: dict[str, dict[str, float]] = {}  # story -> sum of its remembered members' vectors
        self._norms: dict[str, float] = {}  # story -> squared norm of that sum
        self._sizes: Counter[str] = Counter()  # story -> remembered members
        self._field_norms: dict[str, tuple[float, float, float, bool]] = {}  # article -> field_norms
        self.model: LinkModel = model or load_model()
        for doc in self.state.docs.values():
            self._index(doc)

    def _index(self, doc: _Doc, norms: tuple[float, float, float, bool] | None = None) -> None:
        """Add a remembered article to its story's sums and to the inverted index."""
        total = self._sums.setdefault(doc.story_id, {})
        cross = 0.0
        for term, weight in doc.vector.items():
            old = total.get(term, 0.0)
            cross += old * weight
            total[term] = old + weight
        self._norms[doc.story_id] = self._norms.get(doc.story_id, 0.0) + 2.0 * cross + \
            sum(w * w for w in doc.vector.values())
        self._sizes[doc.story_id] += 1
        self._field_norms[doc.article_id] = norms or field_norms(doc.vector)
        postings = self._postings
        for term, weight in doc.vector.items():
            if term[:2] in UNINDEXED:
                continue  # title words and ages are compared with the best member only, never looked up
            entry = postings.get(term)
            if entry is None:
                postings[term] = [(doc.article_id, weight)]
            else:
                entry.append((doc.article_id, weight))

    def _vector(self, counts: Counter[str]) -> dict[str, float]:
        state = self.state
        n = state.n_docs + 1
        vec = {t: math.log1p(c) * math.log((n + 1) / (state.df.get(t, 0) + 1)) for t, c in counts.items()}
        top = sorted(((v, t) for t, v in vec.items() if v > 0), reverse=True)[: self.params.top_terms]
        norm = math.sqrt(sum(v * v for v, _ in top)) or 1.0
        return {t: v / norm for v, t in top}

    def links(self, day: int, vector: dict[str, float]) -> list[Link]:
        """Candidate stories: each with its best time-weighted member, found through the inverted index."""
        params, state = self.params, self.state
        cap = max(params.min_df_cap, params.max_df_ratio * state.n_docs)
        rare_cap = min(params.rare_df, params.rare_df_ratio * state.n_docs)
        dots: dict[str, float] = {}
        rare: Counter[str] = Counter()
        pairs: Counter[str] = Counter()
        df, postings = state.df, self._postings
        for term, weight in vector.items():
            count = df.get(term, 0)
            if count > cap or term[:2] in UNINDEXED:
                continue
            found = postings.get(term, ())
            for article_id, other in found:
                dots[article_id] = dots.get(article_id, 0.0) + weight * other
            if count <= rare_cap:
                if term.startswith("N:"):
                    rare.update(article_id for article_id, _ in found)
                elif term.startswith("P:"):
                    pairs.update(article_id for article_id, _ in found)
        docs, window, floor = state.docs, params.window_days, params.min_link
        seen: dict[str, list[float]] = {}  # story -> summed similarity, members matched, nearest gap
        best: dict[str, tuple[float, float, int, float, str]] = {}  # story -> link, dot, gap, factor, member
        for article_id, dot in dots.items():
            doc = docs[article_id]
            gap = abs(day - doc.day)
            if gap > window:
                continue
            story = doc.story_id
            stats = seen.get(story)
            if stats is None:
                stats = seen[story] = [dot, 0, gap]
            else:
                stats[0] += dot
                if gap < stats[2]:
                    stats[2] = gap
            if dot < floor:
                continue
            stats[1] += 1
            scale = params.decay_days * (1.0 + params.rare_stretch * rare.get(article_id, 0))
            if params.decay_power:
                factor = (1.0 + gap / scale) ** -params.decay_power
            else:
                factor = math.exp(-gap / scale)
            held = best.get(story)
            if held is None or dot * factor > held[0]:
                best[story] = (dot * factor, dot, gap, factor, article_id)
        norms, sizes = self._norms, self._sizes
        found_links = []
        for story, (link, dot, gap, factor, member) in best.items():
            norm = norms.get(story, 0.0)
            summed, matched, nearest = seen[story]
            centroid = min(summed / math.sqrt(norm), 1.0) if norm > 0.0 else 0.0
            found_links.append(Link(story, member, link, dot, gap, factor, rare.get(member, 0),
                                    pairs.get(member, 0), centroid, sizes.get(story, 1), int(matched),
                                    int(nearest)))
        return found_links

    def candidates(self, prepared: Prepared) -> list[tuple[str, float, list[float]]]:
        """The candidate stories with the best mixed scores, each with its feature row (story_links.FEATURES)."""
        params, state = self.params, self.state
        day, vector, norms = prepared.day, prepared.vector, prepared.norms
        cap = max(params.min_df_cap, params.max_df_ratio * state.n_docs)
        df = state.df
        fielded = [(t, w, field_of(t)) for t, w in vector.items()
                   if df.get(t, 0) <= cap or t.startswith(AGE_PREFIX)]
        lam = params.centroid_weight
        mixed_links = sorted(((-((1.0 - lam) * link.link + lam * link.centroid * link.factor), link.story_id), link)
                             for link in self.links(day, vector))
        rows = []
        for (negative, _), link in mixed_links[: params.max_candidates or None]:
            mixed = -negative
            member = state.docs[link.member].vector
            row = link_features(link, mixed, fielded, norms, member, self._field_norms[link.member],
                                self._sums[link.story_id], self._norms[link.story_id])
            rows.append((link.story_id, mixed, row))
        return rows

    def _scores(self, prepared: Prepared) -> tuple[list[tuple[str, float]], float]:
        """Candidate stories and their scores, best first, and the score needed to join one: the
        link model's probability, or while the corpus is younger than `model_min_docs` articles (its
        document frequencies too coarse for the learned weights) the mixed similarity score."""
        params, candidates = self.params, self.candidates(prepared)
        if self.state.n_docs < params.model_min_docs:
            scored = sorted((-mixed, story) for story, mixed, _ in candidates)
            return [(story, -negative) for negative, story in scored], params.cold_threshold
        model = self.model
        scored = sorted((-model.logit(row), story) for story, _, row in candidates)
        return [(story, probability(-negative)) for negative, story in scored], params.threshold  # ties by id

    def prepare(self, published: date | None, title: str | None, text: str,
                entities: Iterable[str] = ()) -> Prepared:
        """An article's day, terms and vector (updates the boilerplate counts, nothing else)."""
        day = published.toordinal() if published else self.state.latest_day
        kept = content(text, self.params, self.state.paragraphs)
        counts = terms(headline(title, self.params, self.state.paragraphs), kept, self.params, entities)
        vector = self._vector(counts)
        return Prepared(day, counts, vector, field_norms(vector), kept.count(" ") + 1)

    def place(self, article_id: str, prepared: Prepared, story_id: str) -> None:
        """Remember a prepared article as a member of `story_id`."""
        state = self.state
        state.n_docs += 1
        state.df.update(prepared.counts.keys())
        state.latest_day = max(state.latest_day, prepared.day)
        doc = _Doc(article_id, prepared.day, story_id, prepared.vector)
        state.docs[article_id] = doc
        self._index(doc, prepared.norms)

    def add(self, article_id: str, published: date | None, title: str | None, text: str,
            entities: Iterable[str] = (), story_hint: str | None = None) -> Assignment:
        """Place one article; `story_hint` (its canonical copy's story) is followed unless it is boilerplate.
        The score is the link model's probability for the chosen story (1.0 when the hint was followed)."""
        prepared = self.prepare(published, title, text, entities)
        if story_hint is not None and prepared.words >= self.params.min_hint_words:
            story_id, score = story_hint, 1.0
        else:
            ranked, needed = self._scores(prepared)
            score = ranked[0][1] if ranked else 0.0
            story_id = ranked[0][0] if score >= needed else "s" + article_id
        self.place(article_id, prepared, story_id)
        return Assignment(article_id, story_id, round(score, 6), story_id == "s" + article_id)

    def prune(self) -> int:
        """Forget articles older than the window (they can no longer attract new ones)."""
        horizon = self.state.latest_day - self.params.window_days
        old = [k for k, d in self.state.docs.items() if d.day < horizon]
        if not old:
            return 0
        for key in old:
            del self.state.docs[key]
        self._postings, self._sums, self._norms = {}, {}, {}
        self._sizes, self._field_norms = Counter(), {}
        for doc in self.state.docs.values():
            self._index(doc)
        return len(old)


def dump_state(state: StoryState, params: StoryParams) -> bytes:
    """The state as compressed JSON (exact: floats survive the round trip)."""
    payload: dict[str, Any] = {
        "params": asdict(params), "n_docs": state.n_docs, "df": dict(state.df),
        "latest_day": state.latest_day, "paragraphs": dict(state.paragraphs),
        "docs": [[d.article_id, d.day, d.story_id, d.vector] for d in state.docs.values()],
    }
    return zlib.compress(json.dumps(payload, separators=(",", ":")).encode("utf-8"), 3)


def load_state(blob: bytes) -> tuple[StoryState, StoryParams]:
    """Read a state written by dump_state."""
    payload: Mapping[str, Any] = json.loads(zlib.decompress(blob).decode("utf-8"))
    docs = {d[0]: _Doc(d[0], int(d[1]), d[2], dict(d[3])) for d in payload["docs"]}
    state = StoryState(int(payload["n_docs"]), Counter(payload["df"]), docs, int(payload["latest_day"]),
                       Counter(payload["paragraphs"]))
    # Settings come and go between releases: a state saved by another version keeps what still exists.
    known = {f.name for f in fields(StoryParams)}
    return state, StoryParams(**{k: v for k, v in payload.get("params", {}).items() if k in known})
