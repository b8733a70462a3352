"""RSS and Atom feeds via feedparser: one article per entry, from its content or else its summary."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, BinaryIO

import feedparser
import lxml.html

from ..errors import E_EMPTY, E_MALFORMED, E_TOO_LARGE
from ..model import Origin, Rejection
from .base import Item, ReadContext, build_article
from .dates import ParsedDate
from .feed_guard import guard_feed

_BLOCK_END = re.compile(r"(?i)(</(p|div|h[1-6]|li|blockquote|section|article|tr)\s*>|<br\s*/?>)")


def read_feed(stream: BinaryIO, name: str, ctx: ReadContext) -> Iterator[Item]:
    """Yield an article per feed entry."""
    data = stream.read(ctx.max_document_bytes + 1)
    if len(data) > ctx.max_document_bytes:
        yield Rejection(Origin(name, format="feed"), E_TOO_LARGE, "feed over read.max_document_bytes")
        return
    guarded = guard_feed(data)  # feedparser has quadratic paths; bound its work first (issue 9)
    if guarded.refusal:
        yield Rejection(Origin(name, format="feed"), E_MALFORMED, f"feed refused: {guarded.refusal}")
        return
    try:
        parsed = feedparser.parse(guarded.data, sanitize_html=False, resolve_relative_uris=False)
    except (ValueError, LookupError) as exc:  # feedparser on a garbled encoding="..." declaration
        yield Rejection(Origin(name, format="feed"), E_MALFORMED, f"not a readable feed: {exc.__class__.__name__}: {exc}")
        return
    if _entity_bomb(parsed):
        # expat stopped an entity expansion (billion laughs); feedparser's fallback parser would
        # then keep the unexpanded references as text, so nothing in such a feed is trusted.
        yield Rejection(Origin(name, format="feed"), E_MALFORMED,
                        f"feed refused: its entities expand too far ({parsed.get('bozo_exception')})")
        return
    if not parsed.entries:
        problem = f"not a readable feed: {parsed.get('bozo_exception')}" if parsed.bozo else "feed has no entries"
        yield Rejection(Origin(name, format="feed"), E_MALFORMED if parsed.bozo else E_EMPTY, problem)
        return
    outlet = parsed.feed.get("title")
    lang = (parsed.feed.get("language") or "").split("-")[0].lower() or None
    warnings = [f"feed is not well-formed: {parsed.get('bozo_exception')}"] if parsed.bozo else []
    notes = _entry_notes(guarded.warnings, len(parsed.entries))
    for number, entry in enumerate(parsed.entries, start=1):
        origin = Origin(name, record=number, format="feed")
        yield _entry_article(entry, origin, ctx, outlet, lang, warnings + notes.get(number, []))


def _entry_notes(by_entry: dict[int, list[str]], entries: int) -> dict[int, list[str]]:
    """The guard's warnings by entry number; one it cannot place (channel level) goes on every entry."""
    placed = {n: notes for n, notes in by_entry.items() if 1 <= n <= entries}
    loose = [note for n, notes in sorted(by_entry.items()) if n not in placed for note in notes]
    return {n: placed.get(n, []) + loose for n in range(1, entries + 1)} if loose else placed


def _entry_article(entry: Any, origin: Origin, ctx: ReadContext, outlet: str | None,
                   lang: str | None, warnings: list[str]) -> Item:
    contents = entry.get("content") or []
    body = max((c.get("value", "") for c in contents), key=len, default="") or entry.get("summary", "")
    return build_article(
        ctx, origin, text=html_to_text(body), date=_entry_date(entry, ctx), url=entry.get("link"),
        title=html_to_text(entry.get("title", "")) or None, outlet=outlet,
        author=entry.get("author"), lang=lang, warnings=list(warnings),
    )


def _entity_bomb(parsed: Any) -> bool:
    """True when the XML parser gave up on a feed because its entities expand too far."""
    problem = str(parsed.get("bozo_exception") or "")
    return bool(parsed.bozo) and "amplification" in problem


def _entry_date(entry: Any, ctx: ReadContext) -> ParsedDate:
    raw = entry.get("published") or entry.get("created") or entry.get("updated")
    parsed = ctx.parse_date(raw)
    if parsed.status == "unparseable":
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        try:
            instant = datetime.fromtimestamp(calendar.timegm(stamp), UTC) if stamp else None
        except (ValueError, OverflowError, OSError):  # feedparser's guess at a date like 0000-00-00
            instant = None
        if instant is not None:
            parsed = ctx.parse_date(instant)
    return parsed


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, block elements becoming paragraphs; scripts and styles dropped."""
    if "<" not in fragment and "&" not in fragment:
        return fragment
    marked = _BLOCK_END.sub(lambda m: m.group(0) + "\n\n", fragment)
    try:
        root = lxml.html.fragment_fromstring(marked, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return re.sub(r"<[^>]+>", " ", fragment)
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    return str(root.text_content())
