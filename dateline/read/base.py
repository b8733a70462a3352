"""What every reader shares: the read context and the one way raw fields become an Article."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, BinaryIO, Protocol
from urllib.parse import urlsplit

from ..config import Config
from ..errors import E_EMPTY, E_NO_DATE
from ..model import Article, Origin, Rejection, normalize_text
from .dates import MISSING, ParsedDate, parse_date

Item = Article | Rejection


@dataclass(slots=True)
class ReadContext:
    """Settings a reader needs: the config, field renames from `--map`, and the input's name."""

    config: Config = field(default_factory=Config)
    field_map: dict[str, str] = field(default_factory=dict)

    @property
    def max_record_bytes(self) -> int:
        return int(self.config["read.max_record_bytes"])

    @property
    def max_document_bytes(self) -> int:
        return int(self.config["read.max_document_bytes"])

    def parse_date(self, raw: object) -> ParsedDate:
        """Parse a publication date with the configured plausibility bounds."""
        return parse_date(raw, min_year=int(self.config["read.min_year"]),
                          max_future_days=int(self.config["read.max_future_days"]))


class Reader(Protocol):
    """A format reader: a stream of bytes in, articles and rejections out, in input order."""

    def __call__(self, stream: BinaryIO, name: str, ctx: ReadContext) -> Iterator[Item]: ...


def build_article(
    ctx: ReadContext,
    origin: Origin,
    *,
    text: str | None,
    date: ParsedDate | object = MISSING,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    lang: str | None = None,
    retrieved_at: datetime | None = None,
    extra: dict[str, Any] | None = None,
    warnings: list[str] | None = None,
) -> Item:
    """Normalize text and fields, apply the date policy; an Article, or a Rejection saying why not."""
    body = normalize_text(_printable(text or ""))
    if len(body) < max(1, int(ctx.config["read.min_text_chars"])):
        return Rejection(origin, E_EMPTY, "empty article: no text" if not body else
                         f"article text too short ({len(body)} characters)")
    parsed = date if isinstance(date, ParsedDate) else ctx.parse_date(date)
    notes = list(warnings or [])
    url, problem = _clean(url), _url_problem(_clean(url))
    if problem:  # kept aside: a URL urllib cannot split would break the article id
        notes.append(f"unusable URL {url[:200]!r} ({problem}): the article is identified by its text")
        url, extra = None, {**(extra or {}), "unusable_url": url}
    if parsed.status != "ok":
        if ctx.config["read.date_policy"] == "reject":
            return Rejection(origin, E_NO_DATE, f"{parsed.problem} (read.date_policy = reject)")
        notes.append(f"{parsed.problem}; kept with date unknown")
    return Article(
        text=body, origin=origin, published=parsed.day, published_at=parsed.instant,
        date_status=parsed.status, url=url, outlet=_clean(outlet),
        title=_clean(normalize_text(_printable(title))) if title else None, author=_clean(author),
        lang=_clean(lang), retrieved_at=retrieved_at, extra=extra or {}, warnings=notes,
    )


def _url_problem(url: str | None) -> str:
    """Why urllib cannot split a URL ("https://[host", a port of "99999"), or "" when it can."""
    if url is None:
        return ""
    try:
        urlsplit(url).port  # noqa: B018 - raises ValueError for a bad IPv6 host or port
    except ValueError as exc:
        return str(exc)
    return ""


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = _printable(str(value)).strip()
    return value or None


# C0 controls but tab and line ends, DEL, C1 controls, and lone surrogates (invalid JSON escapes):
# never text, and terminal escapes or unstorable strings if kept.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _printable(value: str) -> str:
    """Drop control characters and lone surrogates, which no article means to contain."""
    return _UNPRINTABLE.sub("", value) if _UNPRINTABLE.search(value) else value
