"""Every error dateline raises on purpose, each with a stable code and a hint on what to do.

    DatelineError
    ├── InputError          E1xx  a file, line or record could not be read (names where and why)
    ├── ConfigError         E2xx  a setting or option is wrong
    ├── StoreError          E3xx  the database cannot be opened or written
    │   └── StoreLockedError      another process holds the database file
    ├── ExportError         E4xx  an export cannot be written
    └── EngineError         E5xx  an engine's workers or their results cannot be used

The CLI prints `error E101: file.jsonl:12: invalid JSON ... (hint: ...)` and exits 2;
`--debug` adds the traceback.
"""

from __future__ import annotations


class DatelineError(Exception):
    """Base of all dateline errors: a message, a stable code and a fix-it hint."""

    code = "E000"
    hint = ""

    def __init__(self, message: str, *, hint: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        text = f"{self.code}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


class InputError(DatelineError):
    """One input (a file, or one line/record of it) that could not become an article."""

    code = "E100"

    def __init__(
        self,
        path: str,
        problem: str,
        *,
        line: int | None = None,
        record: int | None = None,
        code: str = "E100",
        hint: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.record = record
        self.problem = problem
        super().__init__(f"{self.where}: {problem}", hint=hint, code=code)

    @property
    def where(self) -> str:
        """`path:line` for line-based inputs, `path#record` for archives and feeds."""
        if self.line is not None:
            return f"{self.path}:{self.line}"
        if self.record is not None:
            return f"{self.path}#{self.record}"
        return self.path


class ConfigError(DatelineError):
    """A setting, option or config file that dateline cannot use."""

    code = "E200"


class StoreError(DatelineError):
    """The database file cannot be opened, migrated or written."""

    code = "E300"


class StoreLockedError(StoreError):
    """Another process has the DuckDB file open for writing (DuckDB allows one)."""

    code = "E301"


class EngineError(DatelineError):
    """A worker's result the writer cannot use (e.g. a dask shard in another layout)."""

    code = "E500"


class ExportError(DatelineError):
    """An export target cannot be written."""

    code = "E400"


# Stable codes for input problems, so scripts and docs can refer to them.
E_UNREADABLE = "E101"  # cannot open or read the file
E_BINARY = "E102"  # binary data where text was expected
E_TRUNCATED = "E103"  # compressed stream or archive ends early
E_MALFORMED = "E104"  # a JSON line / CSV row / feed that does not parse
E_EMPTY = "E105"  # no text in the article or file
E_TOO_LARGE = "E106"  # a line or record over the configured limit
E_NO_FORMAT = "E107"  # format could not be detected
E_NO_MATCH = "E108"  # a path or glob that matches nothing
E_NO_DATE = "E109"  # no usable publication date and read.date_policy = reject
E_ENCODING = "E110"  # bytes that are not valid in the detected encoding (a warning, not a rejection)
