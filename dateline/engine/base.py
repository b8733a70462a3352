"""The executor contract: batches of article rows in, analysed batches as store rows out, in any order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Protocol

from ..analyze.base import Analysis
from ..store.analyses import RowBatch

# One article to analyse: (id, text, published, title), as read from the store.
Row = tuple[str, str, date | None, str | None]
Rows = list[Row]


class Executor(Protocol):
    """Runs the configured pipeline over batches; the caller (the single writer) stores the rows."""

    workers: int

    def run(self, batches: Iterable[Rows]) -> Iterator[RowBatch]: ...

    def close(self) -> None: ...


def analyses_of(rows: Rows) -> list[Analysis]:
    """Fresh Analyses for a batch of rows."""
    return [Analysis(r[0], r[1], r[2], r[3]) for r in rows]
