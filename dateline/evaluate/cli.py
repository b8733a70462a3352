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
