"""Score dateline's figures on ISAF press-release incidents: killed, captured, event date and province.

Each gold line is one incident (see ../shared/data/isaf_press_releases/README.md). The text runs
through the analysis pipeline (nlp, time, quotes, figures; places when that stage is installed) and
one prediction per incident is derived from the figures:

- min killed / min captured: the sum of the minimum of every *reported* killed / captured figure
  (not an ``intended`` one, "an operation to arrest a leader", nor a ``cumulative`` running total),
  counting a number that repeats an earlier figure of the same kind and value only once ("the
  insurgent killed was ...", "... three died"); a definite partitive ("one of the insurgents") adds
  nothing to a group already counted; a vague count ("several") is one group however often it is
  repeated (unless "more/other/additional"), and gives way to an exact count of 2 or more in another
  sentence ("detained several insurgents ... Eight insurgents were detained"); an implicit count of
  one ("killed a Taliban leader") is skipped when definite ("the leader", "him") after a count, or repeated;
- event date (``analyze.figure_dates``): the incident time nearest the first killed or captured figure
  in its sentence, else the first incident time of the text, else the publication date. An incident
  time is day-precise, on or up to 31 days before publication, and not the dateline (a date written with
  digits equal to the publication date), not a statement's time ("today confirmed the arrest ... Sept.
  19") and not a noun's ("Tuesday's attack"). A release
  without a publication date gets one from its release reference and first month-day (``infer_published``);
- province: the first "<Name> province" in the text, else the admin1 of the first resolved place,
  else the place-name part of a "Town/Province" dateline. Names match when their folded spellings
  are at least 80% similar ("Paktiya" ~ "paktya").

Measures: exact-match accuracy for each count and date, and province accuracy over incidents whose
gold names a province.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from dateline.analyze.base import Analysis
from dateline.analyze.figure_dates import DateChoice, incident_date
from dateline.config import load_config
from dateline.evaluate.incident_counts import incident_count

BASE_STAGES = "nlp,time,quotes,figures"
_PROVINCE_RE = re.compile(r"\b([A-Z][\w'‘’-]*(?:[\s-]+[A-Z][\w'‘’-]*)?)\s+[Pp]rovince\b")
_UPPER_PROVINCE_RE = re.compile(r"\b([A-Z][A-Z'-]+(?:\s+[A-Z][A-Z'-]+)?)\s+PROVINCE\b")
_SLASH_RE = re.compile(r"\b[A-Z][\w'-]+/([A-Z][\w'-]+)\b")
_NOT_NAMES = frozenset({"in", "the", "of", "and", "afghan", "a", "an", "each", "every", "this", "that", "same"})


@dataclass(slots=True)
class Incident:
    """One gold incident: text, publication date, and the gold fields scored."""

    incident_id: str
    text: str
    published: date | None
    event_date: date | None
    provinces: list[str]
    min_killed: int
    min_captured: int


@dataclass(slots=True)
class Prediction:
    """What dateline predicts for one incident."""

    min_killed: int = 0
    min_captured: int = 0
    event_date: date | None = None
    province: str | None = None
    notes: list[str] = field(default_factory=list)


def _date(value: str | None) -> date | None:
    """An ISO date, or None."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


HALVES = ("a", "b")


def half_of(record: dict[str, Any]) -> str:
    """An incident's half ("a" to tune on, "b" held out): a stable hash of its release reference (so
    the incidents of one release stay together), else of its text."""
    key = str(record.get("release_ref") or record.get("text") or "")
    return HALVES[zlib.crc32(key.encode("utf-8")) % 2]


def read_gold(path: Path, half: str | None = None) -> Iterator[Incident]:
    """Incidents of an isaf_press_releases-shaped JSONL file (of one half when given)."""
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            if half is not None and half_of(record) != half:
                continue
            gold = record.get("gold", {})
            yield Incident(record.get("id", ""), record["text"], _date(record.get("publication_date")),
                           _date(gold.get("event_date")), [p for p in gold.get("provinces", []) if p],
                           int(gold.get("min_killed") or 0), int(gold.get("min_captured") or 0))


def fold(name: str) -> str:
    """A spelling-insensitive key for a place name: lower case, letters only, "province" dropped."""
    name = re.sub(r"\bprovince\b", "", name.lower().replace("_", " "))
    return re.sub(r"[^a-z]", "", name)


def same_place(a: str | None, b: str) -> bool:
    """True when two place names are the same up to spelling (>= 0.8 similar once folded)."""
    if not a:
        return False
    fa, fb = fold(a), fold(b)
    return bool(fa) and (fa == fb or SequenceMatcher(None, fa, fb).ratio() >= 0.8)


def _event_date(analysis: Analysis) -> DateChoice:
    """The incident date (see the module docstring for the rule)."""
    when = next((incident_date(analysis, f.sentence_start, f.sentence_end, f.start) for f in analysis.figures
                 if f.kind in ("killed", "captured")), None) or incident_date(analysis)
    return when


_REF_RE = re.compile(r"\b(20\d\d)-(\d\d)-[A-Z]{1,3}[-–]\d{2,4}\b")  # "2009-12-CA–080": an en dash too
_MONTH_DAY_RE = re.compile(r"\b(Jan|Feb|March|Mar|April|Apr|May|June|Jun|July|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
                           r"[a-z]*\.?\s+(\d{1,2})\b")
_MONTHS = {m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                             "nov", "dec"))}


def infer_published(text: str) -> date | None:
    """A publication date for a release whose dateline has none: the year and month of its release
    reference ("2009-12-CA-060") with the first month-day in the text ("Dec. 6"); None when either is missing."""
    ref, day = _REF_RE.search(text), _MONTH_DAY_RE.search(text)
    if ref is None or day is None:
        return None
    year, month = int(ref.group(1)), _MONTHS[day.group(1)[:3].lower()]
    if month > int(ref.group(2)) + 1:
        year -= 1  # a December date in a January release
    try:
        return date(year, month, int(day.group(2)))
    except ValueError:
        return None


def _province(analysis: Analysis) -> str | None:
    """The incident's province (see the module docstring for the rule)."""
    for pattern in (_PROVINCE_RE, _UPPER_PROVINCE_RE):
        for m in pattern.finditer(analysis.text):
            words = [w for w in re.split(r"\s+", m.group(1)) if w.lower() not in _NOT_NAMES]
            if words:
                return " ".join(words)
    for place in analysis.places:
        if getattr(place, "admin1", None):
            return str(place.admin1)
    m = _SLASH_RE.search(analysis.text)
    return m.group(1) if m else None


def predict(analysis: Analysis) -> Prediction:
    """The per-incident prediction from an analysed press release."""
    when = _event_date(analysis)
    return Prediction(incident_count(analysis.figures, "killed", analysis.text),
                      incident_count(analysis.figures, "captured", analysis.text),
                      when.day, _province(analysis), [f"date: {when.how} {when.text!r}".rstrip()])


def stages_available() -> str:
    """The stage list: the base stages, with places first when that stage imports and sets up."""
    try:
        from dateline.analyze import places  # noqa: F401
        from dateline.analyze.pipeline import Pipeline
        Pipeline(load_config(None, {"analyze.stages": "nlp,places"}))
    except Exception:
        return BASE_STAGES
    return "nlp,places,time,quotes,figures"


def make_pipeline(stages: str | None = None) -> Any:
    """A Pipeline running the stages the figures scorer needs."""
    from dateline.analyze import figures, quotes  # noqa: F401  (register the stages)
    from dateline.analyze.pipeline import Pipeline

    return Pipeline(load_config(None, {"analyze.stages": stages or stages_available()}))


def evaluate_figures(gold_path: Path | str, stages: str | None = None, batch_size: int = 32,
                     half: str | None = None) -> dict[str, Any]:
    """Run the pipeline over every incident (of one half when given) and score the four measures."""
    pipeline = make_pipeline(stages)
    incidents = list(read_gold(Path(gold_path), half))
    hits = {"killed": 0, "captured": 0, "date": 0, "province": 0}
    with_province, abs_killed, abs_captured = 0, 0, 0
    errors: list[dict[str, Any]] = []
    started = time.perf_counter()
    for i in range(0, len(incidents), batch_size):
        chunk = incidents[i:i + batch_size]
        batch = pipeline.process([Analysis(x.incident_id, x.text, x.published or infer_published(x.text))
                                  for x in chunk])
        for incident, analysis in zip(chunk, batch):
            pred = predict(analysis)
            ok = {"killed": pred.min_killed == incident.min_killed,
                  "captured": pred.min_captured == incident.min_captured,
                  "date": pred.event_date == incident.event_date,
                  "province": bool(incident.provinces) and any(same_place(pred.province, p) for p in incident.provinces)}
            for key, good in ok.items():
                hits[key] += good
            with_province += bool(incident.provinces)
            abs_killed += abs(pred.min_killed - incident.min_killed)
            abs_captured += abs(pred.min_captured - incident.min_captured)
            if not all(ok[k] for k in ("killed", "captured", "date")) or (incident.provinces and not ok["province"]):
                errors.append({"id": incident.incident_id, "pred": [pred.min_killed, pred.min_captured,
                               str(pred.event_date), pred.province], "notes": pred.notes,
                               "gold": [incident.min_killed, incident.min_captured, str(incident.event_date),
                                        incident.provinces]})
            analysis.doc = None
    n = len(incidents)
    seconds = time.perf_counter() - started
    return {
        "incidents": n, "half": half or "all", "stages": pipeline.version,
        "min_killed_accuracy": hits["killed"] / n if n else 0.0,
        "min_captured_accuracy": hits["captured"] / n if n else 0.0,
        "event_date_accuracy": hits["date"] / n if n else 0.0,
        "province_accuracy": hits["province"] / with_province if with_province else 0.0,
        "incidents_with_province": with_province,
        "min_killed_mae": abs_killed / n if n else 0.0, "min_captured_mae": abs_captured / n if n else 0.0,
        "seconds": seconds, "errors": errors,
    }


def format_table(result: dict[str, Any]) -> str:
    """A plain-text table of the measures."""
    rows = [("min killed exact", "min_killed_accuracy"), ("min captured exact", "min_captured_accuracy"),
            ("event date exact", "event_date_accuracy"), ("province", "province_accuracy")]
    lines = [f"{'measure':<22}{'accuracy':>10}"]
    lines += [f"{label:<22}{result[key]:>10.3f}" for label, key in rows]
    lines.append(f"incidents {result['incidents']} ({result['incidents_with_province']} with a province"
                 + (f", half {result['half']}" if result.get("half", "all") != "all" else "") + "), "
                 f"MAE killed {result['min_killed_mae']:.2f}, captured {result['min_captured_mae']:.2f}, "
                 f"{result['seconds']:.1f} s, stages {result['stages']}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m dateline.evaluate.figures --gold FILE [--json] [--errors]`: print the measures."""
    parser = argparse.ArgumentParser(prog="python -m dateline.evaluate.figures", description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, required=True, help="isaf_press_releases-shaped JSONL file")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--errors", action="store_true", help="include the per-incident misses in the JSON")
    parser.add_argument("--half", choices=HALVES, default=None, help="score one half: a (tuned on) or b (held out)")
    parser.add_argument("--stages", default=None, help=f"analysis stages (default: {BASE_STAGES}, with places if installed)")
    args = parser.parse_args(argv)
    if not args.gold.is_file():
        parser.error(f"gold file not found: {args.gold}")
    result = evaluate_figures(args.gold, args.stages, half=args.half)
    if not args.errors:
        result.pop("errors")
    print(json.dumps(result, indent=2, default=str) if args.json else format_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["Incident", "Prediction", "evaluate_figures", "main", "predict", "read_gold", "same_place"]
