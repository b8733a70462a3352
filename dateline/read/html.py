"""HTML pages: main text, title, date and site name via trafilatura (boilerplate removed)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime
from typing import Any, BinaryIO

import trafilatura
from trafilatura.utils import load_html

from ..errors import E_EMPTY, E_MALFORMED, E_TOO_LARGE
from ..model import Origin, Rejection
from .base import Item, ReadContext, build_article

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)

# Meta tags that state when a page was first published, most specific first. Crawl or
# modification dates are deliberately absent: they are not publication dates.
_PUBLISHED_META = (
    '//meta[@property="article:published_time"]/@content',
    '//meta[@name="article:published_time"]/@content',
    '//meta[@itemprop="datePublished"]/@content',
    '//meta[@name="pubdate"]/@content',
    '//meta[@name="publish-date"]/@content',
    '//meta[@name="date"]/@content',
    '//meta[@name="dc.date"]/@content',
    '//time[@itemprop="datePublished"]/@datetime',
)
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(stream: BinaryIO, name: str, ctx: ReadContext) -> Iterator[Item]:
    """Yield the one article of an HTML page."""
    origin = Origin(name, format="html")
    data = stream.read(ctx.max_document_bytes + 1)
    if len(data) > ctx.max_document_bytes:
        yield Rejection(origin, E_TOO_LARGE, f"page over read.max_document_bytes ({ctx.max_document_bytes:,} bytes)")
        return
    yield article_from_html(data, origin, ctx)


def _published_meta(tree: Any) -> str | None:
    for xpath in _PUBLISHED_META:
        values = tree.xpath(xpath)
        if values and str(values[0]).strip():
            return str(values[0]).strip()
    return None


def article_from_html(data: bytes, origin: Origin, ctx: ReadContext, *, url: str | None = None,
                      retrieved_at: datetime | None = None) -> Item:
    """Extract an Article from one HTML document (also used for WARC responses)."""
    tree = load_html(data)
    if tree is None:
        return Rejection(origin, E_MALFORMED, "not parseable as HTML")
    meta_date = _published_meta(tree)
    lang = tree.get("lang")
    try:
        # favor_precision: without it a page with no article body comes out as its menu links.
        doc = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True,
                                          date_extraction_params=_DATE_PARAMS)
    except (ValueError, TypeError, RecursionError) as exc:
        return Rejection(origin, E_MALFORMED, f"HTML extraction failed: {exc.__class__.__name__}: {exc}")
    if doc is None or not (doc.text or "").strip():
        return Rejection(origin, E_EMPTY, "no main text found in the page")
    text = _drop_repeated_title(doc.text, doc.title)
    parsed = ctx.parse_date(meta_date) if meta_date else None
    if parsed is None or parsed.status != "ok":
        found = ctx.parse_date(doc.date)
        parsed = found if parsed is None or found.status != "missing" else parsed  # say why the meta date failed
    return build_article(
        ctx, origin, text=text.replace("\n", "\n\n"), date=parsed, url=doc.url or url,
        title=doc.title, outlet=doc.sitename or doc.hostname, author=doc.author,
        lang=(lang or "").split("-")[0].lower() or None, retrieved_at=retrieved_at,
    )


def _drop_repeated_title(text: str, title: str | None) -> str:
    """trafilatura keeps the page's <h1> as the first line; the title is stored on its own."""
    first, _, rest = text.partition("\n")
    if title and rest and first.strip().lower() == title.strip().lower():
        return rest
    return text
