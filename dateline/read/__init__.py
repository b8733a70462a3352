"""read: every supported input becomes a stream of Articles (or Rejections naming file, line and why).

Formats: seed text, JSON Lines/JSON, CSV/TSV, HTML, WARC, RSS/Atom, Parquet; gzip on any of them.
Everything streams: memory stays flat however large the input.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator

from ..errors import (
    E_BINARY,
    E_EMPTY,
    E_NO_FORMAT,
    E_NO_MATCH,
    E_TRUNCATED,
    E_UNREADABLE,
    ConfigError,
)
from ..model import Origin, Rejection
from .base import Item, ReadContext, Reader
from .csvfile import read_csv
from .detect import FORMATS, detect_format, looks_binary
from .feed import read_feed
from .html import read_html
from .jsonl import read_jsonl
from .parquet import read_parquet
from .sources import (
    HEAD_BYTES,
    Missing,
    Source,
    decompressed,
    expand,
    gunzipped_head,
    peek_head,
)
from .text import read_text
from .warc import read_warc

READERS: dict[str, Reader] = {
    "text": read_text, "jsonl": read_jsonl, "csv": read_csv, "html": read_html,
    "warc": read_warc, "feed": read_feed, "parquet": read_parquet,
}

__all__ = ["FORMATS", "READERS", "ReadContext", "read_paths", "read_source"]


def read_paths(paths: list[str], ctx: ReadContext | None = None, fmt: str | None = None) -> Iterator[Item]:
    """Articles and rejections from every path (files, directories, globs, `-`), in order."""
    if fmt is not None and fmt not in READERS:
        raise ConfigError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    ctx = ctx or ReadContext()
    for source in expand(paths):
        if isinstance(source, Missing):
            yield Rejection(Origin(source.name), E_NO_MATCH, "no such file, directory or matching pattern")
        else:
            yield from read_source(source, ctx, fmt)


def read_source(source: Source, ctx: ReadContext, fmt: str | None = None) -> Iterator[Item]:
    """Open one source, pick its reader, and turn read failures into rejections that name it."""
    try:
        raw = source.open_raw()
    except OSError as exc:
        yield Rejection(Origin(source.name), E_UNREADABLE, f"cannot open: {exc.strerror or exc}")
        return
    last: Origin | None = None
    with raw:
        try:
            stream = decompressed(raw)
            # Peek at a gzip file's head without reading through the gzip layer, which would consume
            # `raw` and leave nothing for warcio (it reads the compressed bytes itself).
            head = peek_head(stream) if stream is raw else gunzipped_head(raw)
            blank = not head.strip()
            if blank and len(head) < HEAD_BYTES:
                yield Rejection(Origin(source.name), E_EMPTY, "empty file: nothing but whitespace")
                return
            chosen = fmt or detect_format(source.name, head)
            if chosen is None:
                yield Rejection(Origin(source.name), E_NO_FORMAT, "cannot tell the format; name it with --format")
                return
            if looks_binary(chosen, head):
                yield Rejection(Origin(source.name, format=chosen), E_BINARY,
                                f"binary data where {_LABELS.get(chosen, chosen)} was expected")
                return
            reader_stream = raw if chosen == "warc" else stream  # warcio handles its own gzip members
            for item in READERS[chosen](reader_stream, source.name, ctx):
                last = item.origin
                yield item
            if blank and last is None:  # a long blank head with nothing readable after it
                yield Rejection(Origin(source.name), E_EMPTY, "empty file: nothing but whitespace")
        except (EOFError, zlib.error, OSError) as exc:
            where = f" after {_position(last)}" if last else ""
            problem = _read_problem(exc)
            yield Rejection(Origin(source.name), E_TRUNCATED, f"{problem}{where}; earlier articles were kept")


_LABELS = {"text": "seed-format text", "jsonl": "JSON", "csv": "CSV", "html": "HTML", "feed": "an RSS/Atom feed"}


def _read_problem(exc: BaseException) -> str:
    """Say what went wrong with the bytes: cut short, corrupt compression, or the system's error."""
    if isinstance(exc, EOFError):
        return "compressed data ends early"
    if isinstance(exc, zlib.error):
        return "compressed data is corrupt"
    if isinstance(exc, gzip.BadGzipFile):
        return f"not valid gzip data ({exc})"
    return f"read failed: {exc}"


def _position(origin: Origin) -> str:
    if origin.line is not None:
        return f"line {origin.line}"
    if origin.record is not None:
        return f"record {origin.record}"
    return "the start"
