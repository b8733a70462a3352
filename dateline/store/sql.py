"""Building WHERE clauses from filters: conditions with `?` placeholders, their values as parameters.

Every listing, export and web query turns a filter dataclass into SQL the same way: one condition
per set field, joined by AND, each value bound as a parameter. `Where` is that loop written once, so
no call site formats a value into SQL text: only code constants (column names, aliases) go into a
condition, and everything a user typed travels in `params`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ILIKE = "ILIKE ? ESCAPE '\\'"  # a LIKE test whose pattern comes from `like` (wildcards escaped)


def escape_like(text: str) -> str:
    """`text` with LIKE's wildcards (% and _) and the escape character itself escaped by a backslash."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like(text: str) -> str:
    """A `%text%` ILIKE pattern matching `text` literally anywhere (use with ESCAPE '\\', see ILIKE)."""
    return "%" + escape_like(text) + "%"


def _unset(value: Any) -> bool:
    """None, or an empty string or collection: a filter field that does not filter (0 and False do)."""
    return value is None or (isinstance(value, str | list | tuple | set | frozenset | dict) and not value)


@dataclass(slots=True)
class Where:
    """Conditions joined by AND, with the parameters of their placeholders in order."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any, skip_unset: bool = True) -> Where:
        """AND `clause`, binding `params` to its placeholders in order.

        Left out when any parameter is unset (None, '' or an empty list), so `add("x = ?", flt.x)`
        filters only when the field is set; a clause without parameters is always added, and so is
        any clause with skip_unset=False."""
        if not (skip_unset and any(_unset(p) for p in params)):
            self.clauses.append(clause)
            self.params.extend(params)
        return self

    def add_all(self, *tests: tuple[str, Any]) -> Where:
        """`add(clause, value)` for each (clause, value) pair, e.g. ("e.type = ?", flt.type)."""
        for clause, value in tests:
            self.add(clause, value)
        return self

    def extend(self, other: Where, wrap: str | None = None) -> Where:
        """AND all of `other`'s conditions (kept apart, or as one put into `wrap` at `{}`), when it has any."""
        if other.clauses:
            if wrap is None:
                self.clauses.extend(other.clauses)
            else:
                self.clauses.append(wrap.replace("{}", other.condition()))
            self.params.extend(other.params)
        return self

    def condition(self) -> str:
        """The conditions joined by AND, without a keyword ('' when there are none)."""
        return " AND ".join(self.clauses)

    def sql(self, keyword: str = "WHERE") -> str:
        """` WHERE a AND b` (or another keyword, e.g. HAVING) to append to a query; '' when empty."""
        return f" {keyword} {self.condition()}" if self.clauses else ""

    def pair(self) -> tuple[str, list[Any]]:
        """`(sql(), params)`: the form the filters' `where()` methods return."""
        return self.sql(), self.params

    def __bool__(self) -> bool:
        return bool(self.clauses)

