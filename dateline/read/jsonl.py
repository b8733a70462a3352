"""JSON Lines (one article object per line); a JSON array of objects, or one (pretty-printed) object, also works."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..errors import E_MALFORMED, E_TOO_LARGE
from ..model import Origin, Rejection
from .base import Item, ReadContext
from .decode import sniff_encoding
from .fields import article_from_record
from .lines import LineReader

REPAIRED = "invalid UTF-8 bytes on this line were read as cp1252"


def read_jsonl(stream: BinaryIO, name: str, ctx: ReadContext) -> Iterator[Item]:
    """Yield one article (or a rejection naming the line) per non-blank line."""
    head = stream.peek(65536)[:65536] if hasattr(stream, "peek") else b""
    if _is_json_document(head):
        yield from _read_document(stream, name, ctx)
        return
    lines = LineReader(stream, head, ctx.max_record_bytes)
    for line in lines:
        origin = Origin(name, line=lines.lineno, format="jsonl")
        if lines.lineno in lines.oversized:
            yield Rejection(origin, E_TOO_LARGE, f"line longer than read.max_record_bytes ({ctx.max_record_bytes:,} bytes)")
            continue
        if not line.strip():
            continue
        yield _parse_line(line, origin, ctx, [REPAIRED] if lines.lineno in lines.repaired else [])


def _parse_line(line: str, origin: Origin, ctx: ReadContext, warnings: list[str]) -> Item:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Rejection(origin, E_MALFORMED, f"invalid JSON: {exc.msg} at column {exc.pos + 1}")
    except (ValueError, RecursionError) as exc:
        return Rejection(origin, E_MALFORMED, f"invalid JSON: {_unparseable(exc)}")
    return _from_value(record, origin, ctx, warnings)


def _unparseable(exc: BaseException) -> str:
    """Why valid-looking JSON could not be loaded: nesting too deep, or a number too long (not a crash)."""
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc).split(";")[0]


def _from_value(record: Any, origin: Origin, ctx: ReadContext, warnings: list[str]) -> Item:
    if not isinstance(record, dict):
        return Rejection(origin, E_MALFORMED, f"expected a JSON object, got {type(record).__name__}")
    return article_from_record(record, origin, ctx, warnings)


def _is_json_document(head: bytes) -> bool:
    """A JSON array, or one object spread over several lines (pretty-printed), not JSON Lines.

    JSON Lines has a whole value on its first line; a pretty-printed object's first line does not
    parse and its second line is a member ("url": ...) or the closing brace. Broken lines further on
    do not change that.
    """
    body = head[:8192].decode(sniff_encoding(head), errors="replace").lstrip("\ufeff \t\r\n")
    if body.startswith("["):
        return True
    if not body.startswith("{"):
        return False
    first, _, rest = body.partition("\n")
    try:
        json.loads(first)
        return False  # the first line is a whole JSON value: JSON Lines, whatever follows
    except (ValueError, RecursionError):
        pass
    lines = [line.strip() for line in rest.split("\n", 8)[:7] if line.strip()]
    return bool(lines) and lines[0].startswith(('"', "}"))


def _read_document(stream: BinaryIO, name: str, ctx: ReadContext) -> Iterator[Item]:
    data = stream.read(ctx.max_document_bytes + 1)
    if len(data) > ctx.max_document_bytes:
        yield Rejection(Origin(name, format="json"), E_TOO_LARGE,
                        "JSON document over read.max_document_bytes; write it as JSON Lines instead")
        return
    try:
        records = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        yield Rejection(Origin(name, format="json"), E_MALFORMED, f"invalid JSON: {exc}")
        return
    except (ValueError, RecursionError) as exc:
        yield Rejection(Origin(name, format="json"), E_MALFORMED, f"invalid JSON: {_unparseable(exc)}")
        return
    if isinstance(records, dict):
        yield _from_value(records, Origin(name, format="json"), ctx, [])
        return
    if not isinstance(records, list):
        yield Rejection(Origin(name, format="json"), E_MALFORMED, f"expected JSON objects, got {type(records).__name__}")
        return
    for index, record in enumerate(records, start=1):
        yield _from_value(record, Origin(name, record=index, format="json"), ctx, [])
