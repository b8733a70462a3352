"""WARC / WARC.gz web archives via warcio: each HTML response record is read as an HTML page.

The WARC-Date is when the page was crawled, not when it was published: it is kept as
`retrieved_at` and never used as the publication date.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import E_MALFORMED, E_TOO_LARGE, E_TRUNCATED
from ..model import Origin, Rejection
from .base import Item, ReadContext
from .dates import parse_date
from .html import article_from_html

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_WARC_TYPES = {"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion", "continuation",
               "arc_header"}  # arc_header: the first record of an ARC file


def _unread_tail(stream: BinaryIO, offset: int) -> bool:
    """True when the file holds bytes past the end of the last record warcio read (unknowable on pipes)."""
    try:
        return stream.tell() > offset
    except (OSError, ValueError):
        return False


def read_warc(stream: BinaryIO, name: str, ctx: ReadContext) -> Iterator[Item]:
    """Yield an article per HTML response; other records are skipped, a truncated tail is reported."""
    number = 0
    last: Item | None = None
    record = None
    try:
        records = ArchiveIterator(stream)
        for record in records:
            number += 1
            origin = Origin(name, record=number, format="warc")
            if getattr(record, "rec_type", None) not in _WARC_TYPES:
                # warcio hands over a header block cut short or garbled as a record of no known type
                last = Rejection(origin, E_TRUNCATED, "record header is cut short or garbled: "
                                 f"WARC-Type {getattr(record, 'rec_type', None)!r}")
            else:
                last = _from_record(record, origin, ctx)
            if last is not None:
                yield last
        # warcio ends quietly inside a record cut short; what it could not read is left in its limit.
        cut_short = record is not None and getattr(record.raw_stream, "limit", 0) > 0
        if cut_short and not (isinstance(last, Rejection) and last.code == E_TRUNCATED):
            yield Rejection(Origin(name, record=number, format="warc"), E_TRUNCATED,
                            f"archive ends inside record {number}: the file is cut short")
        elif _unread_tail(stream, records.offset):
            # a gzip member cut short ends warcio's iteration without a word
            yield Rejection(Origin(name, record=number + 1, format="warc"), E_TRUNCATED,
                            f"archive ends early after record {number}: the rest cannot be read")
    except ArchiveLoadFailed as exc:
        yield Rejection(Origin(name, record=number + 1, format="warc"), E_MALFORMED,
                        f"not a readable WARC record: {str(exc).strip()[:200]}")
    except (EOFError, OSError, ValueError, AttributeError) as exc:  # warcio, on headers cut short
        yield Rejection(Origin(name, record=number + 1, format="warc"), E_TRUNCATED,
                        f"archive ends early or is corrupt after record {number}: {exc.__class__.__name__}")


def _from_record(record: object, origin: Origin, ctx: ReadContext) -> Item | None:
    rec_type = getattr(record, "rec_type", "")
    if rec_type not in ("response", "resource"):
        return None
    headers = record.http_headers if rec_type == "response" else record.rec_headers  # type: ignore[attr-defined]
    content_type = (headers.get_header("Content-Type") or "").lower() if headers else ""
    if not content_type.startswith(_HTML_TYPES):
        return None
    if rec_type == "response" and headers is not None:
        status = headers.get_statuscode() or ""
        if status and not status.startswith("2"):
            return None
    data = record.content_stream().read(ctx.max_document_bytes + 1)  # type: ignore[attr-defined]
    if len(data) > ctx.max_document_bytes:
        return Rejection(origin, E_TOO_LARGE, "record over read.max_document_bytes")
    if getattr(record.raw_stream, "limit", 0) > 0:  # type: ignore[attr-defined]
        # warcio hands over a record cut short as if it were whole; a partial page is no article.
        return Rejection(origin, E_TRUNCATED, "record ends before its Content-Length: the archive is cut short")
    url = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    crawled = parse_date(record.rec_headers.get_header("WARC-Date"), max_future_days=3650)  # type: ignore[attr-defined]
    return article_from_html(data, origin, ctx, url=url, retrieved_at=crawled.instant)
