"""Opening the DuckDB file: lock conflicts and foreign files become StoreErrors, migrations run once."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from ..errors import StoreError, StoreLockedError
from .schema import MIGRATIONS, SCHEMA_VERSION

_LOCK_PID = re.compile(r"PID (\d+)")


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Connect to the store file, translating DuckDB's errors into ones that say what to do."""
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(f"no database at {path}", hint="run `dateline ingest PATH` first, or pass --db / set DATELINE_DB")
    if not read_only and path.parent and not path.parent.exists():
        raise StoreError(f"folder {path.parent} does not exist", hint="create it or choose another --db path")
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        raise _translate(path, exc) from None
    except duckdb.Error as exc:
        raise StoreError(f"cannot open {path}: {exc}") from None


def _translate(path: Path, exc: duckdb.Error) -> StoreError:
    message = str(exc)
    if "lock" in message.lower():
        pid = _LOCK_PID.search(message)
        holder = f"process {pid.group(1)}" if pid else "another process"
        return StoreLockedError(
            f"{path} is in use by {holder} (DuckDB lets one process write a database file, and no "
            "process write it while another, such as a running `dateline serve`, has it open)",
            hint="wait for that command to finish or stop it; a `dateline serve --allow-ingest` "
                 "takes new articles through POST /api/ingest",
        )
    if "not a valid" in message.lower() or "magic" in message.lower():
        return StoreError(f"{path} is not a DuckDB database", hint="point --db at a dateline database or a new file name")
    return StoreError(f"cannot open {path}: {message}")


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The highest migration applied to this database (0 for a new one)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    ).fetchone()
    if not exists or not exists[0]:
        return 0
    row = con.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0) if row else 0


def migrate(con: duckdb.DuckDBPyConnection, path: str | Path) -> list[int]:
    """Apply the migrations this database lacks, each in its own transaction; return their numbers."""
    current = schema_version(con)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"{path} has schema version {current}, newer than this dateline ({SCHEMA_VERSION})",
            hint="upgrade dateline (pip install -U dateline) to read it",
        )
    if current == 0:
        con.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                    "(version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMPTZ)")
    applied = []
    for migration in MIGRATIONS:
        if migration.version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in migration.statements:
                con.execute(statement)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                        [migration.version, migration.description, datetime.now(UTC)])
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"{path}: migration {migration.version} failed: {exc}") from None
        applied.append(migration.version)
    return applied


def check_current(con: duckdb.DuckDBPyConnection, path: str | Path) -> None:
    """For read-only use: the database must exist and be at this dateline's schema version."""
    current = schema_version(con)
    if current == 0:
        raise StoreError(f"{path} is not a dateline database (no schema)", hint="run `dateline ingest` on it first")
    if current < SCHEMA_VERSION:
        raise StoreError(f"{path} has schema version {current}, this dateline needs {SCHEMA_VERSION}",
                         hint="run `dateline migrate` once (it keeps all data)")
    if current > SCHEMA_VERSION:
        raise StoreError(f"{path} has schema version {current}, newer than this dateline ({SCHEMA_VERSION})",
                         hint="upgrade dateline to read it")
