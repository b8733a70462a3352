"""Ingest every hostile case in its own `dateline ingest` process and print a Markdown table for BENCHMARKS.md.

    python -m tests.badinput.measure            # all cases
    python -m tests.badinput.measure NAME...    # some of them

Each file is ingested alone into a fresh store; the table gives its outcome, the process's peak RSS,
its CPU time (user + system) and its wall time, Python start-up (about 1.5 s and 160 MiB) included.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

from .generate import FILES, write
from .harness import MIB, Run, measured_ingest
from .manifest import CASES, Case


def outcome(run: Run) -> str:
    """Rejection codes with counts, then articles stored, e.g. `E104 x2, 1 stored`."""
    codes = Counter(r["code"] for r in run.report.get("rejections", []))
    parts = [f"{code}" + (f" x{n}" if n > 1 else "") for code, n in sorted(codes.items())]
    parts.append(f"{run.report.get('new', 0)} stored")
    return ", ".join(parts) if run.report else f"exit {run.returncode}"


def measure(case: Case, folder: Path) -> Run:
    """One case, alone, into a fresh store."""
    path = FILES / case.name if case.committed else write(case.builder, folder / case.name)
    try:
        return measured_ingest([path], folder / f"{case.name}.duckdb")
    finally:
        if not case.committed:
            path.unlink()


def main(names: list[str]) -> int:
    """Print the table for the named cases, or all."""
    chosen = [c for c in CASES if not names or c.name in names]
    print("| file | hostile content | outcome | peak RSS | CPU | wall |")
    print("|---|---|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for case in chosen:
            run = measure(case, Path(folder))
            print(f"| `{case.name}` | {case.what} | {outcome(run)} | {run.peak_rss / MIB:.0f} MiB "
                  f"| {run.cpu_seconds:.1f} s | {run.seconds:.1f} s |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
