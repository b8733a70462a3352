"""Line-by-line reading with a size cap and per-line encoding repair, for JSON Lines and CSV."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from .decode import _FALLBACK, fallback_count, sniff_encoding, text_stream


class LineReader:
    """Iterates the text lines of a stream (keeping line ends), 1-based `lineno` of the last line.

    Lines longer than `limit` bytes are not held in memory: they come out empty and their numbers
    go to `oversized`; lines whose bytes were repaired (cp1252 fallback) go to `repaired`.
    """

    def __init__(self, stream: BinaryIO, head: bytes, limit: int) -> None:
        self.stream = stream
        self.head = head
        self.limit = limit
        self.lineno = 0
        self.oversized: set[int] = set()
        self.repaired: set[int] = set()
        self.encoding = sniff_encoding(head)

    def __iter__(self) -> Iterator[str]:
        if self.encoding.startswith(("utf-16", "utf-32")):
            return self._text_lines()
        return self._byte_lines()

    def _byte_lines(self) -> Iterator[str]:
        encoding = self.encoding
        while True:
            raw = self.stream.readline(self.limit + 1)
            if not raw:
                return
            self.lineno += 1
            if len(raw) > self.limit and not raw.endswith(b"\n"):
                self._skip_rest_bytes()
                self.oversized.add(self.lineno)
                yield "\n"
                continue
            before = fallback_count()
            line = raw.decode(encoding, errors=_FALLBACK if encoding.startswith("utf-8") else "replace")
            if fallback_count() != before:
                self.repaired.add(self.lineno)
            if self.lineno == 1 and line.startswith("\ufeff"):
                line = line[1:]
            yield line

    def _skip_rest_bytes(self) -> None:
        while True:
            chunk = self.stream.readline(1 << 20)
            if not chunk or chunk.endswith(b"\n"):
                return

    def _text_lines(self) -> Iterator[str]:
        text = text_stream(self.stream, self.head, newline="")
        try:
            while True:
                line = text.readline(self.limit + 1)
                if not line:
                    return
                self.lineno += 1
                if len(line) > self.limit and not line.endswith("\n"):
                    while (rest := text.readline(1 << 20)) and not rest.endswith("\n"):
                        pass
                    self.oversized.add(self.lineno)
                    yield "\n"
                    continue
                yield line
        finally:
            text.detach()  # the caller owns the stream; an undetached wrapper warns (ResourceWarning)
