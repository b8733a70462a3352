"""The reference pages in docs/reference are what the code says, and everything in them is explained."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from dateline import reference
from dateline.analyze import registry
from dateline.analyze.pipeline import load_builtin_stages
from dateline.cli import app
from dateline.config import SETTINGS

DOCS = Path(__file__).resolve().parent.parent / "docs" / "reference"


@pytest.mark.parametrize("name", sorted(reference.PAGES))
def test_reference_page_is_current(name: str) -> None:
    written = (DOCS / name).read_text(encoding="utf-8")
    assert written == reference.PAGES[name](), (
        f"docs/reference/{name} is stale: run `python scripts/build_reference.py` and commit it")


def test_every_command_and_option_has_help() -> None:
    missing = []
    for full, command in reference._commands(typer.main.get_command(app), "dateline"):
        if not (command.help or "").strip():
            missing.append(full)
        ctx = typer.Context(command, info_name=full)
        for param in command.params:
            record = param.get_help_record(ctx) if param.param_type_name == "option" else None
            if param.param_type_name == "option" and not (record and record[1].strip()):
                missing.append(f"{full} {param.opts[0]}")
            if param.param_type_name == "argument" and not (param.help or "").strip():
                missing.append(f"{full} {param.name.upper()}")
    assert not missing, f"undocumented commands/options: {missing}"


def test_every_setting_and_stage_is_documented() -> None:
    page = (DOCS / "config.md").read_text(encoding="utf-8")
    assert all(s.help.strip() for s in SETTINGS)
    assert [s.name for s in SETTINGS if f"`{s.name}`" not in page] == []
    load_builtin_stages()
    stages = registry.registered()
    assert len(stages) >= 7
    undocumented = [n for n in stages if not (registry._REGISTRY[n].__doc__ or "").strip() or f"`{n}`" not in page]
    assert undocumented == []


def test_http_reference_lists_every_route() -> None:
    page = (DOCS / "http-api.md").read_text(encoding="utf-8")
    for route in ("GET /api/events", "POST /api/ingest", "GET /api/articles/{article_id}"):
        assert f"`{route}`" in page


def test_troubleshooting_explains_every_error_code() -> None:
    import dateline.errors as errors

    codes = {value for name, value in vars(errors).items() if name.startswith("E_") and isinstance(value, str)}
    codes |= {cls.code for cls in vars(errors).values()
              if isinstance(cls, type) and issubclass(cls, errors.DatelineError) and cls is not errors.DatelineError}
    assert len(codes) >= 14
    page = (DOCS.parent / "troubleshooting.md").read_text(encoding="utf-8")
    assert sorted(c for c in codes if c not in page) == []
