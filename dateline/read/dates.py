"""Publication dates from the many ways inputs write them, checked for plausibility.

Kept in-house (not dateparser) because inputs carry machine-written dates: ISO 8601, RFC 822 and a
few spelled-out forms cover them, and this is on the hot path of every reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

from ..model import DateStatus

_FORMATS = ("%Y/%m/%d", "%d.%m.%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y",
            "%b. %d, %Y", "%A, %B %d, %Y", "%Y%m%d")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A publication date as read: the calendar date as written, the UTC instant if a time was given."""

    day: date | None
    instant: datetime | None
    status: DateStatus
    problem: str = ""


MISSING = ParsedDate(None, None, "missing", "no publication date")


def parse_date(raw: object, *, min_year: int = 1900, max_future_days: int = 2,
               today: date | None = None) -> ParsedDate:
    """Parse a date/datetime value (string, date, datetime, epoch seconds); never raises."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return MISSING
    day, instant = _parse(raw)
    if day is None:
        return ParsedDate(None, None, "unparseable", f"unparseable date {str(raw)[:40]!r}")
    today = today or datetime.now(UTC).date()
    if day.year < min_year or day > today + timedelta(days=max_future_days):
        return ParsedDate(None, None, "implausible", f"implausible date {day.isoformat()}")
    return ParsedDate(day, instant, "ok")


def _parse(raw: object) -> tuple[date | None, datetime | None]:
    if isinstance(raw, datetime):
        return raw.date(), _utc(raw)
    if isinstance(raw, date):
        return raw, None
    if isinstance(raw, int) and not isinstance(raw, bool) and 10_000_101 <= raw <= 99_991_231:
        try:  # 20170402 is a compact date, not 1970-08-23 in epoch seconds
            return datetime.strptime(str(raw), "%Y%m%d").date(), None
        except ValueError:
            return None, None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        try:
            instant = datetime.fromtimestamp(raw, UTC)
        except (OverflowError, OSError, ValueError):
            return None, None
        return instant.date(), instant
    text = str(raw).strip()
    if _ISO_DATE.match(text):
        return _parse_iso(text)
    try:
        parsed = parsedate_to_datetime(text)
        return parsed.date(), _utc(parsed)
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt).date(), None
        except ValueError:
            continue
    return None, None


def _parse_iso(text: str) -> tuple[date | None, datetime | None]:
    if len(text) == 10:
        try:
            return date.fromisoformat(text), None
        except ValueError:
            return None, None
    try:
        parsed = datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        try:
            return date.fromisoformat(text[:10]), None
        except ValueError:
            return None, None
    return parsed.date(), _utc(parsed)


def _utc(value: datetime) -> datetime:
    """Naive datetimes are taken as UTC; aware ones are converted."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
