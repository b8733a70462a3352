"""Shared fixtures: paths to the repository, ../shared and the demo corpus, a fresh store, the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from dateline.cli import app
from dateline.store import Store, open_store

# Property-based tests: a short run by default (CI), a long one on demand:
#   HYPOTHESIS_PROFILE=long pytest tests/read/test_read_fuzz.py tests/analyze/test_*_fuzz.py
# Seeds are derived from each test (derandomize) so that a CI failure reproduces exactly.
settings.register_profile("ci", max_examples=30, deadline=None, derandomize=True, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=3000, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
EXAMPLES = ROOT / "examples" / "corpus"


@pytest.fixture
def shared() -> Path:
    """../shared (gold data, the seed); tests that need it skip cleanly where it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not available")
    return SHARED


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with open_store(db_path) as opened:
        yield opened


@pytest.fixture(autouse=True)
def _no_env_leaks(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's DATELINE_DB or DATELINE_CONFIG must not change what tests see."""
    monkeypatch.delenv("DATELINE_DB", raising=False)
    monkeypatch.delenv("DATELINE_CONFIG", raising=False)


@pytest.fixture
def cli() -> Callable[..., CliResult]:
    """Run the CLI in-process: cli("ingest", path, "--db", db) -> result with .exit_code, .stdout."""
    runner = CliRunner()

    def invoke(*args: object, input: str | None = None) -> CliResult:
        result = runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=True)
        return CliResult(result.exit_code, result.stdout, result.stderr, result.exception)

    return invoke


class CliResult:
    """What a CLI run printed and returned."""

    def __init__(self, exit_code: int, stdout: str, stderr: str, exception: BaseException | None) -> None:
        self.exit_code, self.stdout, self.stderr, self.exception = exit_code, stdout, stderr, exception

    def json(self) -> object:
        return json.loads(self.stdout)


def run_dateline(*args: object, input: bytes | None = None, timeout: float = 120,
                 cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m dateline ...` as a real process (for exit codes, stdin, kills)."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("DATELINE_DB", "DATELINE_CONFIG")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "dateline", *map(str, args)], input=input,
                          capture_output=True, timeout=timeout, cwd=cwd, env=full_env)


def write_jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def news(i: int, **fields: object) -> dict[str, object]:
    """A small article record we wrote, numbered so each is distinct."""
    record: dict[str, object] = {
        "url": f"https://tigriswire.example/2017/03/{1 + i % 28:02d}/report-{i}",
        "title": f"Report {i} from the Mosul front",
        "date": f"2017-03-{1 + i % 28:02d}",
        "outlet": "Tigris Wire",
        "text": f"Iraqi forces advanced {i} blocks in western Mosul on Tuesday, officers said.\n\n"
                f"Residents said the fighting near the old city had been heavy for {i % 7 + 2} days.",
    }
    record.update(fields)
    return record
