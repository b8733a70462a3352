"""The hostile-input corpus (tests/badinput): each file, ingested with a good one through `dateline ingest`.

For every case: the rejections name the file (and line or record) with the expected code, nothing
else is rejected, the good articles are stored exactly once, the stored text holds no control
characters, and a second run stores nothing new. Big files and bombs run as a real process whose
peak memory and time are bounded. See tests/badinput/manifest.py for the cases.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tests.badinput.generate import FILES, write
from tests.badinput.harness import MIB, measured_ingest
from tests.badinput.manifest import CASES, Case
from tests.conftest import news, write_jsonl

MAX_RSS = 1024 * MIB  # per ingest process, whatever the input
MAX_SECONDS = 120.0  # generous: a loaded 2-core machine
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

IN_PROCESS = [c for c in CASES if not c.isolated]
ISOLATED = [c for c in CASES if c.isolated]


def test_the_corpus_is_big_enough_and_committed():
    assert len(CASES) >= 40
    for case in CASES:
        if case.committed:
            assert (FILES / case.name).is_file(), f"{case.name}: run python -m tests.badinput.generate --committed"
    assert sum((FILES / c.name).stat().st_size for c in CASES if c.committed) < 2 * MIB


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """Two good articles, read after the hostile file to show that nothing else is lost."""
    return write_jsonl(tmp_path / "good.jsonl", [news(9001), news(9002)])


def _path_of(case: Case, tmp_path: Path) -> Path:
    """The committed file itself, or the generated one written into the test's folder."""
    if case.committed:
        return FILES / case.name
    return write(case.builder, tmp_path / case.name)


def _stored(db: Path) -> list[dict[str, Any]]:
    """Every stored article's origin, date status, warnings, title and text, in input order."""
    with duckdb.connect(str(db), read_only=True) as con:
        cursor = con.execute("SELECT origin_path, origin_line, origin_record, date_status, warnings, title, "
                             "length(text) AS chars, text FROM articles ORDER BY origin_path, origin_line, origin_record")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def _check(case: Case, bad: Path, good: Path, report: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    """The outcome the manifest promises, and the invariants every case shares."""
    got = [(r["code"], r["where"]) for r in report["rejections"]]
    assert got == [(code, f"{bad}{where}") for code, where in case.rejected], report["rejections"]
    if case.problem:
        assert case.problem in report["rejections"][0]["problem"]
    mine = [r for r in rows if r["origin_path"] == str(bad)]
    theirs = [r for r in rows if r["origin_path"] == str(good)]
    assert [r["origin_line"] for r in theirs] == [1, 2], "the good articles, each stored once"
    assert len(rows) == len(mine) + len(theirs)
    low, high = case.stored if isinstance(case.stored, tuple) else (case.stored, case.stored)
    assert low <= len(mine) <= high
    assert report["read"] == len(mine) + 2
    if case.statuses is not None:
        assert [r["date_status"] for r in mine] == list(case.statuses)
    if case.warned is not None:
        assert sum(1 for r in mine if r["warnings"]) == case.warned
    for row in mine:
        for value in (row["text"], row["title"] or ""):
            assert not CONTROLS.search(value), f"control character stored: {value[:80]!r}"
            for needle in case.absent:
                assert needle not in value
        if case.max_text is not None:
            assert row["chars"] <= case.max_text


def _check_rerun(first: dict[str, Any], second: dict[str, Any], before: list[dict[str, Any]], db: Path) -> None:
    """A second run over the same inputs stores nothing new and rejects the same things."""
    assert second["new"] == 0 and second["updated"] == 0
    assert second["already_stored"] == first["read"]
    assert [r["code"] for r in second["rejections"]] == [r["code"] for r in first["rejections"]]
    assert _stored(db) == before


@pytest.mark.parametrize("case", IN_PROCESS, ids=[c.name for c in IN_PROCESS])
def test_hostile_file_in_process(case: Case, cli, tmp_path: Path, good: Path):
    bad = _path_of(case, tmp_path)
    db = tmp_path / "store.duckdb"

    result = cli("ingest", bad, good, "--db", db, "--json", "--quiet")

    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    _check(case, bad, good, result.json(), _stored(db))
    # rerunning is checked for all these files at once (test_every_committed_file_at_once_then_again)


@pytest.mark.parametrize("case", ISOLATED, ids=[c.name for c in ISOLATED])
def test_hostile_file_in_its_own_process(case: Case, cli, tmp_path: Path, good: Path):
    bad = _path_of(case, tmp_path)
    db = tmp_path / "store.duckdb"
    try:
        run = measured_ingest([bad, good], db)

        assert run.returncode == 0, run.stderr[-2000:]
        assert run.peak_rss < MAX_RSS, f"peak RSS {run.peak_rss / MIB:.0f} MiB"
        assert run.seconds < MAX_SECONDS
        rows = _stored(db)
        _check(case, bad, good, run.report, rows)
        again = cli("ingest", bad, good, "--db", db, "--json", "--quiet")  # in-process: no second start-up
        assert again.exit_code == 0
        _check_rerun(run.report, again.json(), rows, db)
    finally:
        if not case.committed:
            bad.unlink()  # big files are not kept with pytest's last few tmp folders


def test_every_committed_file_at_once_then_again(cli, tmp_path: Path, good: Path):
    """All committed cases in one run: each file's rejections as alone, the good ones once, a rerun adds nothing."""
    db = tmp_path / "store.duckdb"
    committed = [FILES / c.name for c in CASES if c.committed]

    first = cli("ingest", *committed, good, "--db", db, "--json", "--quiet")
    assert first.exit_code == 0, first.stderr
    report = first.json()
    expected = sorted((code, f"{FILES / c.name}{where}") for c in CASES if c.committed for code, where in c.rejected)
    assert sorted((r["code"], r["where"]) for r in report["rejections"]) == expected
    rows = _stored(db)
    assert [r["origin_line"] for r in rows if r["origin_path"] == str(good)] == [1, 2]
    assert report["new"] == len(rows)

    again = cli("ingest", *committed, good, "--db", db, "--json", "--quiet")
    _check_rerun(report, again.json(), rows, db)


def test_a_fifo_in_a_walked_directory_is_skipped_not_waited_on(cli, tmp_path: Path, good: Path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    os.mkfifo(folder / "pipe.jsonl")  # opening it would block until a writer came
    write_jsonl(folder / "real.jsonl", [news(1)])

    result = cli("ingest", folder, "--db", tmp_path / "store.duckdb", "--json", "--quiet")

    assert result.exit_code == 0
    assert result.json()["new"] == 1
    assert result.json()["rejections"] == []
