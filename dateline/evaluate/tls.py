"""Timeline summarisation evaluation after news-tls (Ghalandari & Ifrim 2020) on Timeline17-shaped data.

Input: a folder with ``docs.jsonl`` (topic, id, date, text; sentences one per line) and
``timelines.jsonl`` (topic, name, entries [{date, summary: [sentences]}]). For each gold timeline the
system sees its topic's articles published within the gold's first..last date, the gold's number of
dates and its mean sentences per date (rounded), and outputs a timeline.

System (a date-wise baseline, after news-tls DATEWISE): each sentence is dated by the dates it
mentions (``Month day[, year]``, ``day Month year``, ISO dates, weekday names / "yesterday" / "today"
relative to publication) or, if none, its publication date. Dates are ranked by how many sentences
*mention* them (publication dates count ``PUB_WEIGHT``); for each chosen date the sentences dated to it
are ranked by cosine similarity to their TF-IDF centroid and the top ones taken.

Scores: date F1 (exact date match), and ROUGE-1/2 F1 with date alignment ("AR1"/"AR2"): each
predicted date is aligned to the gold date giving it the largest date-weighted n-gram overlap (many to
one; weight 1/(|days|+1)), precision = weighted overlap / predicted n-grams, recall likewise with gold
dates aligned to predicted ones. Tokens and stems come from the ``rouge-score`` package. This follows
tilse's align_date_content_costs_many_to_one in spirit; it is not a line-for-line port, so numbers may
differ slightly from published ones.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["Scores", "date_f1", "evaluate", "main", "predict", "rouge_aligned"]
PUB_WEIGHT = 0.1
MONTHS = {m: i + 1 for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                          "september", "october", "november", "december"))}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                        "sunday"))}
_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
       r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATES = [re.compile(_MON + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s*,?\s*(?P<year>(?:19|20)\d\d))?\b", re.IGNORECASE),
          re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r"(?:\s*,?\s*(?P<year>(?:19|20)\d\d))?\b", re.IGNORECASE),
          re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)\b")]
_REL = re.compile(r"\b(yesterday|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)


def _tokenizer() -> Any:
    from rouge_score import tokenizers
    return tokenizers.DefaultTokenizer(use_stemmer=True)


def sentence_dates(text: str, published: date) -> list[date]:
    """The dates a sentence mentions, resolved against its publication date."""
    found: list[date] = []
    for pattern in _DATES:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            month = int(groups["mnum"]) if groups.get("mnum") else MONTHS.get(groups["mon"].lower().rstrip("."), 0)
            year = int(groups["year"]) if groups.get("year") else published.year
            try:
                found.append(date(year, month, int(groups["day"])))
            except ValueError:
                continue
            if not groups.get("year") and found[-1] > published + timedelta(days=31):
                found[-1] = found[-1].replace(year=year - 1) if not (month == 2 and found[-1].day == 29) else found[-1]
    for m in _REL.finditer(text):
        word = m.group(1).lower()
        if word == "yesterday":
            found.append(published - timedelta(days=1))
        elif word == "today":
            found.append(published)
        else:
            back = (published.weekday() - WEEKDAYS[word]) % 7
            found.append(published - timedelta(days=back))
    return found


def predict(docs: Sequence[dict[str, Any]], n_dates: int, n_sents: int, start: date | None = None,
            end: date | None = None) -> list[tuple[date, list[str]]]:
    """A date-wise timeline of n_dates dates with n_sents sentences each, from dated articles."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    by_date: dict[date, list[str]] = defaultdict(list)
    counts: Counter[date] = Counter()
    seen: set[str] = set()
    for doc in docs:
        published = date.fromisoformat(doc["date"])
        for sent in doc["text"].split("\n"):
            sent = sent.strip()
            if len(sent.split()) < 5 or sent in seen:
                continue
            seen.add(sent)
            mentioned = [d for d in sentence_dates(sent, published)
                         if (start is None or d >= start) and (end is None or d <= end)]
            for d in set(mentioned):
                counts[d] += 1
                by_date[d].append(sent)
            if not mentioned:
                counts[published] += PUB_WEIGHT
                by_date[published].append(sent)
    chosen = sorted(d for d, _ in sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:n_dates])
    timeline = []
    for d in chosen:
        sents = by_date[d]
        if len(sents) <= n_sents:
            timeline.append((d, list(sents)))
            continue
        try:
            matrix = TfidfVectorizer(stop_words="english").fit_transform(sents)
        except ValueError:
            timeline.append((d, sents[:n_sents]))
            continue
        centroid = np.asarray(matrix.mean(axis=0)).ravel()
        scores = matrix @ centroid
        order = np.argsort(-scores, kind="stable")[:n_sents]
        timeline.append((d, [sents[i] for i in sorted(order)]))
    return timeline


def _ngrams(tokens: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def _prepare(timeline: Sequence[tuple[date, Sequence[str]]], n: int, tok: Any) -> list[tuple[date, Counter]]:
    return [(d, _ngrams(tok.tokenize(" ".join(sents)), n)) for d, sents in timeline]


def _aligned_overlap(src: list[tuple[date, Counter]], dst: list[tuple[date, Counter]]) -> tuple[float, int]:
    total = sum(sum(c.values()) for _, c in src)
    matched = 0.0
    for d, grams in src:
        best = 0.0
        for g, other in dst:
            weight = 1.0 / (abs((d - g).days) + 1)
            best = max(best, weight * sum((grams & other).values()))
        matched += best
    return matched, total


def rouge_aligned(pred: Sequence[tuple[date, Sequence[str]]], gold: Sequence[tuple[date, Sequence[str]]],
                  n: int, tokenizer: Any | None = None) -> float:
    """ROUGE-n F1 with many-to-one date alignment (see the module doc)."""
    tok = tokenizer or _tokenizer()
    p, g = _prepare(pred, n, tok), _prepare(gold, n, tok)
    mp, tp = _aligned_overlap(p, g)
    mg, tg = _aligned_overlap(g, p)
    precision = mp / tp if tp else 0.0
    recall = mg / tg if tg else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def date_f1(pred: Sequence[date], gold: Sequence[date]) -> float:
    """F1 of exact date matches."""
    hit = len(set(pred) & set(gold))
    if not hit:
        return 0.0
    precision, recall = hit / len(set(pred)), hit / len(set(gold))
    return 2 * precision * recall / (precision + recall)


@dataclass(frozen=True, slots=True)
class Scores:
    """One timeline's (or the mean's) scores."""

    name: str
    ar1: float
    ar2: float
    date_f1: float
    dates: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _iso(text: Any) -> date | None:
    """A gold entry's date, or None for a malformed one (Timeline17 has a stray .DS_Store entry)."""
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return None


def evaluate(gold_dir: str | Path) -> tuple[list[Scores], Scores]:
    """Scores per gold timeline and their mean."""
    gold_dir = Path(gold_dir)
    docs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with open(gold_dir / "docs.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                doc = json.loads(line)
                docs[doc["topic"]].append(doc)
    tok = _tokenizer()
    results = []
    with open(gold_dir / "timelines.jsonl", encoding="utf-8") as fh:
        golds = [json.loads(line) for line in fh if line.strip()]
    for tl in golds:
        gold = sorted((_iso(e["date"]), e["summary"]) for e in tl["entries"] if _iso(e["date"]))
        if not gold:
            continue
        start, end = gold[0][0], gold[-1][0]
        n_sents = max(1, round(statistics.mean(len(s) for _, s in gold)))
        pool = [d for d in docs[tl["topic"]] if start <= date.fromisoformat(d["date"]) <= end]
        pred = predict(pool, len(gold), n_sents, start, end)
        results.append(Scores(f"{tl['topic']}/{tl['name']}", rouge_aligned(pred, gold, 1, tok),
                              rouge_aligned(pred, gold, 2, tok),
                              date_f1([d for d, _ in pred], [d for d, _ in gold]), len(gold)))
    mean = Scores("mean", *(statistics.mean(getattr(r, f) for r in results) if results else 0.0
                            for f in ("ar1", "ar2", "date_f1")), sum(r.dates for r in results))
    return results, mean


def main(argv: Sequence[str] | None = None) -> int:
    """python -m dateline.evaluate.tls --gold DIR [--json]"""
    parser = argparse.ArgumentParser(prog="dateline eval tls", description=__doc__.splitlines()[0])
    parser.add_argument("--gold", required=True, help="folder with docs.jsonl and timelines.jsonl")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    results, mean = evaluate(args.gold)
    if args.json:
        print(json.dumps({"timelines": [r.to_dict() for r in results], "mean": mean.to_dict()}, indent=2))
    else:
        for r in [*results, mean]:
            print(f"{r.name:70s} AR1 {r.ar1:.3f}  AR2 {r.ar2:.3f}  date F1 {r.date_f1:.3f}  dates {r.dates}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
