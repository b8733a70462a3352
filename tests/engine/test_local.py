"""The local engine: worker processes give the same analyses as one process, each article once."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.analyze.run import analyze_store
from dateline.config import Config
from dateline.engine import LocalExecutor, make_executor
from dateline.errors import ConfigError
from dateline.ingest import ingest
from dateline.store import open_store
from tests.conftest import news, write_jsonl

STAGES = {"analyze.stages": "time", "analyze.batch_size": 3}


def test_workers_default_to_the_cores_and_shrink_for_small_jobs() -> None:
    config = Config().with_overrides(STAGES)
    assert LocalExecutor(config, pending=1).workers == 1
    assert LocalExecutor(config.with_overrides({"engine.workers": 2}), pending=100).workers == 2
    assert LocalExecutor(config.with_overrides({"engine.workers": 2}), pending=4).workers == 2
    assert make_executor(config).workers >= 1


def test_unknown_engine_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        Config().with_overrides({"engine.name": "spark"})


@pytest.mark.slow
def test_two_processes_store_what_one_process_stores(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "n.jsonl", [news(i) for i in range(20)])
    results = []
    for workers in (1, 2):
        config = Config().with_overrides({**STAGES, "engine.workers": workers})
        with open_store(tmp_path / f"w{workers}.duckdb") as store:
            ingest(store, [str(corpus)])
            report = analyze_store(store, config)
            assert report.analysed == 20
            rows = store.con.execute(
                "SELECT article_id, start, \"end\", value FROM time_mentions ORDER BY ALL").fetchall()
            analysed = store.con.execute("SELECT count(*), count(DISTINCT article_id) FROM analyses").fetchone()
        assert analysed == (20, 20)
        results.append(rows)
    assert results[0] == results[1] and results[0]


def test_start_loads_every_worker_before_the_first_batch() -> None:
    config = Config().with_overrides({**STAGES, "engine.workers": 2})
    executor = LocalExecutor(config)
    try:
        executor.start()
        assert executor._pool is not None
        assert len(executor._pool._processes) == 2  # both spawned and initialised, none lost
        rows = [(f"a{i}", "Talks were held on Monday.", None, None) for i in range(4)]
        analysed = [i for batch in executor.run([rows[:2], rows[2:]]) for i in batch.ids]
        assert sorted(analysed) == ["a0", "a1", "a2", "a3"]
    finally:
        executor.close()
