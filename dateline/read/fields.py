"""Records with named fields (JSON Lines, CSV, Parquet) to Articles, with `--map` renames."""

from __future__ import annotations

import math
from typing import Any

from ..errors import ConfigError
from ..model import Origin
from .base import Item, ReadContext, build_article

# dateline field -> names accepted in input records, first present wins.
ALIASES: dict[str, tuple[str, ...]] = {
    "url": ("url", "link", "uri", "canonical_url"),
    "title": ("title", "headline"),
    "published": ("date", "published", "published_at", "pubdate", "publish_date", "datetime"),
    "text": ("text", "content", "body", "maintext", "article"),
    "outlet": ("outlet", "source", "site", "sitename", "publisher", "domain"),
    "author": ("author", "byline", "authors"),
    "lang": ("lang", "language"),
}


def parse_field_map(items: list[str]) -> dict[str, str]:
    """`--map text=body --map published=pub_time` to {'text': 'body', 'published': 'pub_time'}."""
    mapping = {}
    for item in items:
        target, sep, column = item.partition("=")
        target, column = target.strip(), column.strip()
        if target == "date":
            target = "published"
        if not sep or not column or target not in ALIASES:
            raise ConfigError(
                f"--map {item!r}: expected FIELD=COLUMN with FIELD one of {', '.join(ALIASES)}",
                hint="e.g. --map text=body --map published=pub_time",
            )
        mapping[target] = column
    return mapping


def _pick(record: dict[str, Any], names: tuple[str, ...]) -> tuple[str | None, Any]:
    for name in names:
        value = record.get(name)
        if value not in (None, ""):
            return name, value
    return None, None


def _as_text(value: Any) -> str | None:
    """A field value as text: lists joined, bytes decoded; booleans and NaN/infinity are no text."""
    if value is None or isinstance(value, bool) or (isinstance(value, float) and not math.isfinite(value)):
        return None
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", errors="replace")
    if isinstance(value, list):
        return ", ".join(t for v in value if (t := _as_text(v)))
    return str(value)


def article_from_record(record: dict[str, Any], origin: Origin, ctx: ReadContext,
                        warnings: list[str] | None = None) -> Item:
    """Map one record's fields onto an Article; unmapped fields are kept in `extra`."""
    values: dict[str, Any] = {}
    used: set[str] = set()
    for target, aliases in ALIASES.items():
        names = (ctx.field_map[target],) if target in ctx.field_map else aliases
        name, value = _pick(record, names)
        values[target] = value
        if name:
            used.add(name)
    extra = {k: v for k, v in record.items() if k not in used and v not in (None, "")}
    return build_article(
        ctx, origin, text=_as_text(values["text"]), date=values["published"],
        url=_as_text(values["url"]), title=_as_text(values["title"]),
        outlet=_as_text(values["outlet"]), author=_as_text(values["author"]),
        lang=_as_text(values["lang"]), extra=_jsonable(extra), warnings=warnings,
    )


def _jsonable(extra: dict[str, Any]) -> dict[str, Any]:
    """Keep extra fields storable as JSON: plain values as they are, the rest as strings."""
    out: dict[str, Any] = {}
    for key, value in extra.items():
        if isinstance(value, (str, int, float, bool, list, dict)) or value is None:
            out[str(key)] = value
        else:
            out[str(key)] = str(value)
    return out
