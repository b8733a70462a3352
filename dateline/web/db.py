"""The app's one connection to the store; each request reads through its own cursor.

DuckDB lets a single process hold a database file for writing, or several hold it read-only. The
app opens the store once (read-only unless ingest is allowed, when it is the store's single writer)
and hands every request a cursor: a cursor is a separate connection to the same database instance,
so requests read concurrently and each sees a consistent snapshot. Opening the file per request
costs far more (see BENCHMARKS.md) and would not let the app also be the writer.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb
from fastapi import Request

from ..store import Store, open_store
from .cache import Generation
from .queries import Schema, SchemaCursor


class Database:
    """The opened store, a lock that serialises writes, the store's generation, cursors for readers."""

    def __init__(self, path: str | Path, *, writable: bool = False) -> None:
        self.path = Path(path)
        self.writable = writable
        self.store: Store = open_store(self.path, read_only=not writable)
        self.write_lock = threading.Lock()
        self.generation = Generation()  # bumped by every write (api/ingest.py): cached answers expire
        self._schema: Schema | None = None
        self._schema_lock = threading.Lock()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self.store.con.cursor()

    def schema(self) -> Schema:
        """The store's tables and columns, read once (a served store is never migrated: that needs the
        writer, which is this process or nobody, and ingest adds rows, not tables)."""
        with self._schema_lock:
            if self._schema is None:
                cursor = self.cursor()
                try:
                    self._schema = Schema.read(cursor)
                finally:
                    cursor.close()
            return self._schema

    def close(self) -> None:
        self.store.close()


def get_cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """FastAPI dependency: a cursor for this request, closed when the response is done.

    The request's statements run in one read transaction, so a page and its total (or any two
    numbers of one response) come from the same snapshot even while the app ingests."""
    db: Database = request.app.state.db
    cursor = db.cursor()
    try:
        cursor.execute("BEGIN TRANSACTION")
        yield SchemaCursor(cursor, db.schema())  # type: ignore[misc]  # a cursor with the schema at hand
    finally:
        try:
            cursor.execute("ROLLBACK")  # nothing to keep: readers only read
        except duckdb.Error:
            pass
        cursor.close()
