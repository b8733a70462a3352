"""store: the embedded DuckDB database (schema, migrations, the single writer, queries)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

import duckdb

from ..config import Config
from ..errors import ConfigError
from .database import check_current, connect, migrate, schema_version
from .schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Store", "open_store", "schema_version"]


class Store:
    """An open dateline database; writable stores are migrated to the current schema on open."""

    def __init__(self, path: str | Path, *, read_only: bool = False, config: Config | None = None) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.con = connect(self.path, read_only=read_only)
        try:
            config = config or Config()
            self.con.execute(f"SET memory_limit = '{_size(config['store.memory_limit'])}'").fetchall()
            if not read_only:
                self.con.execute(f"SET checkpoint_threshold = '{_size(config['store.checkpoint_threshold'])}'").fetchall()
            if read_only:
                check_current(self.con, self.path)
            else:
                self.migrated = migrate(self.con, self.path)
        except Exception:
            self.con.close()
            raise

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Run statements atomically: all of them are stored, or none (also when killed)."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def _size(value: str) -> str:
    """A DuckDB size setting such as '256MB', checked (SET cannot take parameters)."""
    if not re.fullmatch(r"\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)", str(value).strip()):
        raise ConfigError(f"{value!r} is not a size", hint="write it like 256MB or 2GB")
    return str(value).strip()


def open_store(path: str | Path = "dateline.duckdb", *, read_only: bool = False,
               config: Config | None = None) -> Store:
    """Open (and create or migrate, unless read-only) the dateline database at `path`."""
    return Store(path, read_only=read_only, config=config)
