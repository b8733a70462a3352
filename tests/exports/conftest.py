"""A small analysed store, built once per test module: articles we wrote, ingested, analysed, grouped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from dateline.cli import app
from tests.conftest import news, write_jsonl

SCRIPT = "<script>alert('x')</script>"


def _articles() -> list[dict[str, object]]:
    records = [news(i) for i in range(1, 5)]
    records += [
        news(10, title=f"Airstrike kills 12 in Mosul {SCRIPT}", outlet="Gulf <b>Monitor</b>", date="2017-03-20",
             text="Coalition aircraft bombed a market in Mosul on Monday, killing 12 civilians, local officials said.\n\n"
                  f"Residents said {SCRIPT} the strike hit the old city. Iraqi troops arrested two men in Baghdad "
                  "on Sunday."),
        news(11, title="Strike in Mosul kills at least 30", outlet="Desert Dispatch", date="2017-03-21",
             text="Coalition aircraft bombed a market in Mosul on Monday, killing at least 30 civilians, "
                  "witnesses said.\n\nProtesters marched in Baghdad on Tuesday to demand an inquiry."),
        news(12, title="Turkey sends troops to Syria", outlet="Levant Ledger", date="2017-04-02",
             text="Turkey sent 500 troops to Jarabulus in Syria on Saturday, the army said.\n\n"
                  "The United Nations urged both sides to agree a ceasefire."),
    ]
    return records


@pytest.fixture(scope="package")
def event_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("events")
    db = folder / "store.duckdb"
    source = write_jsonl(folder / "articles.jsonl", _articles())
    runner = CliRunner()
    for args in (["ingest", str(source), "--db", str(db)], ["analyze", "--db", str(db)],
                 ["corpus", "--db", str(db)]):
        result = runner.invoke(app, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def con(event_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(event_db), read_only=True)
    try:
        yield connection
    finally:
        connection.close()
