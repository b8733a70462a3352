"""The crash harness (benchmarks/crash.py) in small, with the same checks: the checks catch what they
are meant to catch, and `dateline analyze` killed three times on a tiny corpus leaves every analysis
complete or absent, no orphaned worker, and finishes equal to an uninterrupted run."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from benchmarks.corpus import generate
from benchmarks.crash import (
    INGEST_BATCH,
    State,
    analyze_kills,
    check_store,
    ingest_cmd,
    prepare,
    run,
    same_as_reference,
    snapshot,
)


def _ingested(tmp_path: Path, n: int) -> tuple[Path, State]:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in generate(n, seed=5)), encoding="utf-8")
    db = tmp_path / "ref.duckdb"
    run(ingest_cmd(corpus, db))
    return db, snapshot(db)


def _analysed_by_hand(db: Path) -> None:
    """Two 'analyses', each with findings, written the way write_analyses does (no pipeline needed)."""
    con = duckdb.connect(str(db))
    try:
        ids = [r[0] for r in con.execute("SELECT id FROM articles ORDER BY id LIMIT 2").fetchall()]
        for i, article_id in enumerate(ids):
            con.execute("INSERT INTO analyses VALUES (?, 'v1', '{}', now())", [article_id])
            for k in range(i + 2):
                con.execute("INSERT INTO events (article_id, start, \"end\", text, type) VALUES (?, ?, ?, 'clash', 'FIGHT')",
                            [article_id, 10 * k, 10 * k + 5])
            con.execute("INSERT INTO figures (article_id, start, \"end\", text, kind, value) VALUES (?, 1, 3, '12', "
                        "'killed', 12)", [article_id])
    finally:
        con.close()


def _copy(db: Path, name: str) -> Path:
    copy = db.with_name(name)
    shutil.copyfile(db, copy)
    return copy


def _sql(db: Path, sql: str) -> None:
    con = duckdb.connect(str(db))
    try:
        con.execute(sql)
    finally:
        con.close()


def test_check_passes_a_whole_store_and_catches_half_written_ones(tmp_path: Path) -> None:
    db, _ = _ingested(tmp_path, 2 * INGEST_BATCH)
    _analysed_by_hand(db)
    reference = snapshot(db)
    assert len(reference.analyses) == 2 and reference.findings["events"]
    assert check_store(db, reference, ingest_batch=INGEST_BATCH) == []
    assert same_as_reference(db, reference) == []
    one = next(iter(reference.analyses))

    events_lost = _copy(db, "events_lost.duckdb")  # an analysis row whose events are missing
    _sql(events_lost, f"DELETE FROM events WHERE article_id = '{one}'")
    assert any("half-written" in p and "events" in p for p in check_store(events_lost, reference))

    changed = _copy(db, "changed.duckdb")  # same number of findings, other values
    _sql(changed, f"UPDATE figures SET value = 13 WHERE article_id = '{one}'")
    assert any("other values" in p for p in check_store(changed, reference))

    orphans = _copy(db, "orphans.duckdb")  # findings without their analysis row
    _sql(orphans, f"DELETE FROM analyses WHERE article_id = '{one}'")
    problems = check_store(orphans, reference)
    assert any("no analysis" in p for p in problems)
    assert same_as_reference(orphans, reference)

    partial = _copy(db, "partial.duckdb")  # not a whole batch, and counters that disagree
    _sql(partial, "DELETE FROM articles WHERE id IN (SELECT id FROM articles ORDER BY id DESC LIMIT 3)")
    problems = check_store(partial, reference, ingest_batch=INGEST_BATCH)
    assert any("not whole batches" in p for p in problems) and any("logged" in p for p in problems)

    edited = _copy(db, "edited.duckdb")
    _sql(edited, "UPDATE articles SET text = text || ' (edited)' WHERE id = (SELECT min(id) FROM articles)")
    assert any("differ from an uninterrupted ingest" in p for p in check_store(edited, reference))

    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"this is not a database" * 100)
    assert any("does not open cleanly" in p for p in check_store(broken, reference))

    assert check_store(tmp_path / "never-created.duckdb", snapshot(tmp_path / "never-created.duckdb")) == []


@pytest.mark.slow
def test_analyze_killed_three_times_keeps_analyses_whole(tmp_path: Path) -> None:
    pytest.importorskip("spacy")
    log: list[str] = []
    base, _corpus, _ingest_ref, reference, _ingest_s, startup = prepare(tmp_path, 30, 10, 5, log.append)
    assert len(reference.analyses) == 10
    tally = analyze_kills(base, tmp_path, reference, 10, 3, random.Random(4), startup, span=2.0, workers=2,
                          log=log.append)
    assert tally.tried == 3, log
    assert tally.failures == [], (tally.failures, log)
    assert tally.survived == 3
    assert tally.landed_mid_write >= 1, log  # every other kill waits for the run's first commit


def test_harness_runs_from_the_command_line() -> None:
    done = subprocess.run([sys.executable, str(Path(__file__).resolve().parents[2] / "benchmarks" / "crash.py"),
                           "--help"], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "--kills" in done.stdout and "--articles" in done.stdout


def test_a_killed_dask_runs_shard_folder_is_removed_by_the_next_run(tmp_path: Path) -> None:
    """SIGKILL skips DaskExecutor.close(): the next run on the store removes the folder it left."""
    from dateline.config import Config
    from dateline.engine.dask import default_shard_dir

    config = Config().with_overrides({"store.path": str(tmp_path / "news.duckdb")})
    left = default_shard_dir(config)  # as a killed run leaves it, with a shard in it
    (left / "batch-0123.parquet").write_bytes(b"PAR1")
    other = tmp_path / ".news.db-shards-keep"  # another store's folder, same stem: not ours to remove
    other.mkdir()
    fresh = default_shard_dir(config)
    assert fresh.is_dir() and fresh != left
    assert not left.exists()
    assert other.is_dir()
    assert fresh.parent == tmp_path and fresh.name.startswith(".news.duckdb-shards-")


def test_a_worker_dying_while_the_local_cluster_starts_gets_one_more_try(tmp_path: Path) -> None:
    from dateline.config import Config
    from dateline.engine.dask import DaskExecutor
    from dateline.errors import EngineError

    config = Config().with_overrides({"store.path": str(tmp_path / "s.duckdb"), "engine.workers": 2})
    executor = DaskExecutor(config)
    calls: list[dict[str, object]] = []

    def flaky(**options: object) -> str:
        calls.append(options)
        if len(calls) == 1:
            raise RuntimeError("Nanny failed to start.")
        return "cluster"

    assert executor._local_cluster(flaky) == "cluster"
    assert len(calls) == 2 and calls[1]["n_workers"] == 2

    def broken(**options: object) -> str:
        raise RuntimeError("Nanny failed to start.")

    with pytest.raises(EngineError, match="did not start: Nanny failed to start"):
        executor._local_cluster(broken)
    executor.close()
