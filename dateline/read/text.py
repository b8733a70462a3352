"""The seed format: one article per `.txt` file, `date YYYY-MM-DD` first, then the body.

Leading whitespace is allowed, the body may start on the same line as the date, and paragraphs are
separated by blank lines. A file without the date line is kept with date unknown (see read.date_policy).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import E_TOO_LARGE
from ..model import Origin, Rejection
from .base import Item, ReadContext, build_article
from .dates import ParsedDate
from .decode import decode_bytes

NO_DATE_LINE = ParsedDate(None, None, "missing", "no `date YYYY-MM-DD` line")
DATE_LINE = re.compile(r"\A\s*date[ \t]*[:=]?[ \t]+(\S+)[ \t]*", re.IGNORECASE)


def read_text(stream: BinaryIO, name: str, ctx: ReadContext) -> Iterator[Item]:
    """Yield the one article of a seed-format text file."""
    origin = Origin(name, format="text")
    data = stream.read(ctx.max_record_bytes + 1)
    if len(data) > ctx.max_record_bytes:
        yield Rejection(origin, E_TOO_LARGE,
                        f"file is larger than read.max_record_bytes ({ctx.max_record_bytes:,} bytes)")
        return
    text, _ = decode_bytes(data)
    text = text.removeprefix("\ufeff")
    yield parse_seed(text, origin, ctx)


def parse_seed(text: str, origin: Origin, ctx: ReadContext) -> Item:
    """Split a seed-format document into its date and its body."""
    match = DATE_LINE.match(text)
    if match is None:
        return build_article(ctx, origin, text=text, date=NO_DATE_LINE)
    return build_article(ctx, origin, text=text[match.end():], date=match.group(1))
