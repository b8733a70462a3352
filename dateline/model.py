"""The records that flow through dateline. An Article is the one input record every reader yields."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal
from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit, urlunsplit

DateStatus = Literal["ok", "missing", "unparseable", "implausible"]

_TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|ref|smid)$", re.I)
_BLANK_LINES = re.compile(r"\n\s*\n+")


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an article came from: the file and, inside it, the line or record number."""

    path: str
    line: int | None = None
    record: int | None = None
    format: str = ""

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.path}:{self.line}"
        if self.record is not None:
            return f"{self.path}#{self.record}"
        return self.path


@dataclass(slots=True)
class Article:
    """One dated news article, text normalized so that later character offsets stay valid."""

    text: str
    origin: Origin
    published: date | None = None
    published_at: datetime | None = None
    date_status: DateStatus = "ok"
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    lang: str | None = None
    author: str | None = None
    retrieved_at: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id(self.url, self.published, self.title, self.text)

    @property
    def content_hash(self) -> str:
        """Hash of what the article says (title + text), to tell an updated version from a repeat."""
        return _digest(f"{self.title or ''}\n{self.text}")


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that did not become an article, with the place and the reason."""

    origin: Origin
    code: str
    problem: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.problem}"


def _digest(text: str, length: int = 16) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop fragment, default port, tracking parameters, trailing slash."""
    return _canonical(urlsplit(url.strip()))


def _canonical(parts: SplitResult) -> str:
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = parts.port if parts.port not in (None, 80, 443) else None
    netloc = f"{host}:{port}" if port else host
    query = ""
    if parts.query:
        query = urlencode(sorted(q for q in parse_qsl(parts.query, keep_blank_values=True)
                                 if not _TRACKING_PARAMS.match(q[0])))
    path = parts.path.rstrip("/") or "/"
    scheme = parts.scheme.lower()
    return urlunsplit(("https" if scheme in ("", "http") else scheme, netloc, path, query, ""))


def article_id(url: str | None, published: date | None, title: str | None, text: str) -> str:
    """Stable id: hash of the canonical URL when there is one, else of date + title + text."""
    if url:
        parts = urlsplit(url.strip())
        if parts.netloc:
            return _digest("url\n" + _canonical(parts))
    return _digest(f"doc\n{published.isoformat() if published else ''}\n{title or ''}\n{text}")


def normalize_text(raw: str) -> str:
    """NFC, one space between words, paragraphs (blank-line separated) joined by a blank line."""
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in raw:
        raw = raw.replace("\x00", "")
    if not unicodedata.is_normalized("NFC", raw):
        raw = unicodedata.normalize("NFC", raw)
    paragraphs = (" ".join(block.split()) for block in _BLANK_LINES.split(raw))
    return "\n\n".join(p for p in paragraphs if p)
