"""An ingest killed with SIGKILL midway, then run again, ends with every article stored exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import news, write_jsonl

pytestmark = pytest.mark.slow
N = 40_000


def _ingest_cmd(path: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "dateline", "ingest", str(path), "--db", str(db), "--quiet",
            "--set", "ingest.batch_size=1000"]


def _count(db: Path) -> tuple[int, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
        assert row is not None
        return int(row[0]), int(row[1])
    finally:
        con.close()


def _kill_midway(path: Path, db: Path) -> int:
    """Start an ingest, SIGKILL it once it has committed some batches; return articles stored then."""
    proc = subprocess.Popen(_ingest_cmd(path, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = Path(str(db) + ".wal")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 4_000_000:  # a few batches committed
            break
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    return _count(db)[0]


def test_sigkill_midway_then_rerun_stores_every_article_once(tmp_path: Path) -> None:
    first = write_jsonl(tmp_path / "earlier.jsonl", [news(i) for i in range(500)])
    corpus = tmp_path / "big.jsonl"
    with open(corpus, "w", encoding="utf-8") as out:
        out.writelines(json.dumps(news(i, text=f"Report {i}. " + "Fighting went on near the river. " * 40)) + "\n"
                       for i in range(500, 500 + N))
    db = tmp_path / "kill.duckdb"
    done = subprocess.run(_ingest_cmd(first, db), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    stored_at_kill = _kill_midway(corpus, db)
    assert 500 < stored_at_kill < 500 + N, "kill did not land midway"
    rerun = subprocess.run(_ingest_cmd(corpus, db) + ["--json"], capture_output=True, timeout=300, check=False)
    assert rerun.returncode == 0, rerun.stderr
    report = json.loads(rerun.stdout)
    assert report["new"] == 500 + N - stored_at_kill
    assert report["already_stored"] == stored_at_kill - 500
    assert _count(db) == (500 + N, 500 + N)
    con = duckdb.connect(str(db), read_only=True)
    statuses = [r[0] for r in con.execute("SELECT status FROM ingest_runs ORDER BY id").fetchall()]
    con.close()
    assert statuses == ["done", "interrupted", "done"]
