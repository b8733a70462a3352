"""Run `dateline ingest` as a real process and measure it: exit status, JSON report, peak RSS, seconds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MIB = 1 << 20


@dataclass(frozen=True, slots=True)
class Run:
    """One measured ingest: what it reported and what it cost."""

    returncode: int
    report: dict[str, Any]
    stderr: str
    peak_rss: int  # bytes, the process's own high-water mark (ru_maxrss)
    seconds: float  # wall time
    cpu_seconds: float  # user + system time: what the machine's load does not inflate


def measured_ingest(paths: list[Path], db: Path, *extra: str) -> Run:
    """`python -m dateline ingest PATHS --db DB --json --quiet`, reaped with wait4 for its own peak RSS."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATELINE_DB", "DATELINE_CONFIG")}
    command = [sys.executable, "-m", "dateline", "ingest", *map(str, paths), "--db", str(db), "--json", "--quiet",
               *extra]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode(errors="replace")
    report = json.loads(stdout) if stdout.strip().startswith("{") else {}
    return Run(process.returncode, report, stderr, usage.ru_maxrss * 1024, seconds, usage.ru_utime + usage.ru_stime)
