"""Noun-phrase actors: a small learned span typer over candidate spans of a parse.

The stock NER finds names; it misses what conflict reporting treats as actors and places
("coalition forces", "the regime", "the Syrian parties", "the camp") and it mislabels or
over-extends names in web text ("the Gulf of Mexico", "Email" as a person). This module types
candidate spans as PER, ORG, LOC or nothing with a linear model (an averaged perceptron over
sparse string features) trained by ``scripts/train_np_model.py`` on the *train* files of re3d and
UNER English-EWT together, one model for every genre (no genre or dataset feature).

Candidates of one doc (token ranges): the stock entities (with and without a leading "the" or a
trailing possessive), noun chunks (whole, without the determiner, and the modifier run before the
head), runs of proper nouns the stock NER left out, first-person pronouns, and the actor stage's own
KB / role-phrase mentions. Features: the stock label of the exact span, the actor rule and kind
that found it, the head lemma with its determiner, number and nationality modifier, the
capitalization shape, words around it, the lower-cased text, and whether the gazetteer knows it.

Decoding: every candidate whose best label beats "nothing" is kept, best margin first, skipping
candidates that overlap a kept one. The model file is ``resources/np_model.json.gz``.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

MODEL_PATH = Path(__file__).resolve().parent.parent / "resources" / "np_model.json.gz"
LABELS: tuple[str, ...] = ("NONE", "PER", "ORG", "LOC")
STOCK = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "NORP"}
PRONOUNS = frozenset({"we", "us", "i", "our"})
MAX_TOKENS = 10
NONE_BIAS = 15.0  # added to every label's margin over "nothing" when decoding (chosen on the dev files)

Cand = tuple[int, int]


def _shape(text: str) -> str:
    """A coarse capitalization shape: "Xx", "X", "x", "d" or "o"."""
    if not text:
        return "o"
    if text.isupper():
        return "X"
    if text[0].isupper():
        return "Xx"
    if text[0].islower():
        return "x"
    return "d" if text[0].isdigit() else "o"


def candidates(doc: Any, actor_spans: Iterable[tuple[int, int, str]] = (),
               toks: list[Any] | None = None, chunks: list[Any] | None = None) -> dict[Cand, list[str]]:
    """Candidate token ranges of a doc, each with the features of how it was proposed.

    ``toks`` (``list(doc)``) and ``chunks`` (``list(doc.noun_chunks)``) may be passed by a caller
    that already has them: spaCy builds a new Token for every lookup and finds chunks anew per call.
    """
    out: dict[Cand, list[str]] = {}
    toks = toks if toks is not None else list(doc)  # one Token object per token, not per lookup

    def add(start: int, end: int, why: str) -> None:
        if start < end and end - start <= MAX_TOKENS:
            while end > start and toks[end - 1].is_punct and toks[end - 1].text not in (")", "."):
                end -= 1
            if start < end:
                out.setdefault((start, end), []).append(why)

    for ent in doc.ents:
        label = STOCK.get(ent.label_, "OTHER")
        add(ent.start, ent.end, f"ent={label}")
        if toks[ent.start].lower_ == "the":
            add(ent.start + 1, ent.end, f"ent-the={label}")
        elif ent.start > 0 and toks[ent.start - 1].lower_ == "the":
            add(ent.start - 1, ent.end, f"the+ent={label}")
        if ent.end - ent.start > 1 and toks[ent.end - 1].tag_ == "POS":
            add(ent.start, ent.end - 1, f"ent-pos={label}")
    for chunk in (chunks if chunks is not None else doc.noun_chunks):
        add(chunk.start, chunk.end, "np")
        if toks[chunk.start].dep_ in ("det", "poss") and len(chunk) > 1:
            add(chunk.start + 1, chunk.end, "np-det")
        j = chunk.root.i
        while j - 1 >= chunk.start and toks[j - 1].dep_ in ("amod", "compound", "nmod", "nummod"):
            j -= 1
        if j > chunk.start:
            add(j, chunk.root.i + 1, "np-mods")
    i, n = 0, len(toks)
    while i < n:
        if toks[i].pos_ == "PROPN" and not toks[i].ent_type_:
            j = i
            while j < n and toks[j].pos_ == "PROPN" and not toks[j].ent_type_:
                j += 1
            add(i, j, "propn")
            i = j
        else:
            i += 1
    for tok in toks:
        if tok.lower_ in PRONOUNS:
            add(tok.i, tok.i + 1, "pron")
    for start, end, why in actor_spans:
        add(start, end, why)
    return out


@dataclass(slots=True)
class TokenView:
    """The per-token strings the features read, read once per doc.

    spaCy builds a Token object and looks its strings up anew on every access; a doc's ~150
    candidate spans read the same tokens many times over.
    """

    toks: list[Any]  # list(doc)
    text: list[str]
    lower: list[str]
    ws: list[str]  # text_with_ws
    dep: list[str]
    pos: list[str]
    tag: list[str]
    ent: list[str]  # ent_type_
    lemma: list[str]  # lemma_, lower-cased
    shape: list[str]  # _shape(text)

    @classmethod
    def of(cls, doc: Any, toks: list[Any] | None = None) -> TokenView:
        toks = toks if toks is not None else list(doc)
        text = [t.text for t in toks]
        return cls(toks, text, [t.lower_ for t in toks], [t.text_with_ws for t in toks], [t.dep_ for t in toks],
                   [t.pos_ for t in toks], [t.tag_ for t in toks], [t.ent_type_ for t in toks],
                   [t.lemma_.lower() for t in toks], [_shape(x) for x in text])


def features(doc: Any, start: int, end: int, whys: list[str], gaz: Any = None,
             toks: list[Any] | None = None, view: TokenView | None = None) -> list[str]:
    """The sparse features of one candidate span (``view``: the doc's TokenView, to save token lookups)."""
    v = view if view is not None else TokenView.of(doc, toks)
    r = doc[start:end].root.i
    last = end - 1
    span_text = "".join(v.ws[start:last]) + v.text[last]  # == Span.text, no new Tokens
    text = span_text.lower()
    det = "-"
    if v.dep[start] in ("det", "poss") or v.lower[start] in ("the", "a", "an"):
        det = v.lower[start]
    lemma = v.lemma[r]
    shapes = "".join(sorted(set(v.shape[start:end])))
    feats = ["bias", f"n={min(end - start, 5)}", f"shape={shapes}", f"fshape={v.shape[start]}",
             f"lshape={v.shape[last]}", f"head={lemma}", f"head+det={lemma}|{det}", f"det={det}",
             f"hpos={v.pos[r]}", f"htag={v.tag[r]}", f"hdep={v.dep[r]}", f"text={text}",
             f"first={v.lower[start]}", f"last={v.lower[last]}", f"ent_type={v.ent[r] or '-'}",
             f"prev={v.lower[start - 1] if start else '<s>'}",
             f"next={v.lower[end] if end < len(v.lower) else '</s>'}",
             f"prevpos={v.pos[start - 1] if start else '<s>'}", f"head+shape={lemma}|{v.shape[r]}"]
    feats += [f"why={w}" for w in whys]
    feats += [f"why={w}|det={det}" for w in whys]
    feats += [f"why={w}|shape={shapes}" for w in whys]
    mods = [i for i in range(start, end) if i != r and v.dep[i] in ("amod", "compound", "nmod")]
    for i in mods:
        feats.append(f"mod={v.lower[i]}")
        if v.ent[i]:
            feats.append(f"modent={v.ent[i]}|head={lemma}")
    if any(v.ent[i] in ("NORP", "GPE") for i in mods):
        feats.append(f"natmod|head={lemma}")
    if v.tag[r] in ("NNS", "NNPS"):
        feats.append(f"plural|det={det}")
    if "pron" in whys:
        first = v.toks[start]
        sent_ents = sorted({e.label_ for e in first.sent.ents if e.label_ in ("GPE", "NORP", "ORG")}) or ["-"]
        verb = first.head.lemma_.lower() if first.head.i != first.i else "-"
        feats += [f"pron={first.lower_}|verb={verb}", f"pron={first.lower_}|dep={first.dep_}",
                  *(f"pron={first.lower_}|sent={label}" for label in sent_ents)]
    for w in whys:
        if w.startswith("ent"):
            feats.append(f"{w}|head={lemma}")
    if gaz is not None and end - start <= 4 and span_text[:1].isalpha():
        how = _gazetteer_how(gaz, span_text)
        if how is not None:
            feats.append(f"gaz={how}")
            feats.append(f"gaz|shape={shapes}")
    return feats


_GAZ_HOW: dict[int, tuple[Any, dict[str, str | None]]] = {}  # id(gazetteer) -> (it, text -> how)
_GAZ_HOW_MAX = 100_000  # entries kept per gazetteer (the cache is emptied when full: memory stays flat)


def _gazetteer_how(gaz: Any, text: str) -> str | None:
    """How the gazetteer's first candidate for text matched ("name", "demonym", ...), or None.

    Remembered per text: the same names recur across articles, and the gazetteer does not change
    while a process runs (the entry holds the gazetteer, so its id cannot be reused).
    """
    held = _GAZ_HOW.get(id(gaz))
    if held is None or held[0] is not gaz:
        held = _GAZ_HOW[id(gaz)] = (gaz, {})
    cache = held[1]
    if text not in cache:
        if len(cache) >= _GAZ_HOW_MAX:
            cache.clear()
        rows = gaz.lookup_rows(text)
        cache[text] = rows[0][1] if rows else None
    return cache[text]


class Model:
    """Per-label feature weights (the averaged perceptron's averages)."""

    def __init__(self, weights: dict[str, list[float]]) -> None:
        """Keep the weights: feature -> one weight per label in LABELS order."""
        self.weights = weights

    def scores(self, feats: list[str]) -> list[float]:
        """The score of every label for a feature list."""
        a = b = c = d = 0.0
        get = self.weights.get
        for f in feats:
            w = get(f)
            if w is not None:
                a += w[0]
                b += w[1]
                c += w[2]
                d += w[3]
        return [a, b, c, d]


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> Model | None:
    """The shipped model (None when the resource is missing)."""
    if not path.is_file():
        return None
    data = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    if data.get("labels") != list(LABELS):
        raise ValueError(f"np model labels {data.get('labels')} != {list(LABELS)}")
    return Model(data["weights"])


@lru_cache(maxsize=1)
def _gazetteer() -> Any:
    """The embedded gazetteer (loaded once per process)."""
    from . import gazetteer

    return gazetteer.load()


def typed_spans(doc: Any, model: Model, actor_spans: Iterable[tuple[int, int, str]] = (),
                gaz: Any = None, toks: list[Any] | None = None,
                chunks: list[Any] | None = None) -> list[tuple[int, int, str, float]]:
    """Non-overlapping (start, end, label, margin) token spans the model types, in text order."""
    scored = []
    view = TokenView.of(doc, toks)
    for (start, end), whys in candidates(doc, actor_spans, view.toks, chunks).items():
        s = model.scores(features(doc, start, end, whys, gaz, view=view))
        best = max(range(1, len(LABELS)), key=lambda k: s[k])
        margin = s[best] - s[0] + NONE_BIAS
        if margin > 0:
            scored.append((margin, start, end, LABELS[best]))
    taken: set[int] = set()
    kept = []
    for margin, start, end, label in sorted(scored, key=lambda x: (-x[0], x[1], x[2])):
        if any(i in taken for i in range(start, end)):
            continue
        taken.update(range(start, end))
        kept.append((start, end, label, margin))
    return sorted(kept)


def iter_training(doc: Any, gold: set[tuple[int, int, str]], actor_spans: Iterable[tuple[int, int, str]] = (),
                  gaz: Any = None) -> Iterator[tuple[list[str], int]]:
    """(features, label index) for every candidate of a doc, labelled by exact match with gold char spans."""
    by_span: dict[tuple[int, int], str] = {}
    for s, e, label in sorted(gold):
        by_span.setdefault((s, e), label)
    view = TokenView.of(doc)
    for (start, end), whys in candidates(doc, actor_spans, view.toks).items():
        span = doc[start:end]
        label = by_span.get((span.start_char, span.end_char), "NONE")
        yield features(doc, start, end, whys, gaz, view=view), LABELS.index(label)
