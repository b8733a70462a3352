"""Input paths to byte streams: files, directories (recursive), globs, `-` for stdin, gzip inside."""

from __future__ import annotations

import glob
import gzip
import io
import os
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from .detect import format_from_name

GZIP_MAGIC = b"\x1f\x8b"
HEAD_BYTES = 65536


@dataclass(frozen=True, slots=True)
class Source:
    """One input: a file path, or standard input when `path` is None."""

    name: str
    path: Path | None = None

    def open_raw(self) -> io.BufferedReader:
        """The bytes as stored (still compressed), peekable."""
        if self.path is None:
            return io.BufferedReader(sys.stdin.buffer.raw if hasattr(sys.stdin.buffer, "raw") else sys.stdin.buffer,  # type: ignore[arg-type]
                                     buffer_size=HEAD_BYTES)
        return open(self.path, "rb", buffering=HEAD_BYTES)


class _Gunzip(io.RawIOBase):
    """Gunzipped bytes that reach the reader even when the file is cut short.

    `GzipFile.read(n)` raises on a truncated file and drops what it decompressed before the cut,
    so peeking at the head of a small truncated file lost every article in it. Here the bytes
    before the cut are returned first and the error is raised by the next read.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self._gz = gzip.GzipFile(fileobj=raw, mode="rb")
        self._error: Exception | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._error is not None:
            raise self._error
        view = memoryview(buffer).cast("B")
        filled = 0
        while filled < len(view):
            try:
                chunk = self._gz.read1(len(view) - filled)
            except (EOFError, OSError, zlib.error) as exc:
                if not filled:
                    raise
                self._error = exc
                break
            if not chunk:
                break
            view[filled:filled + len(chunk)] = chunk
            filled += len(chunk)
        return filled

    def close(self) -> None:
        self._gz.close()
        super().close()


def decompressed(raw: io.BufferedReader) -> io.BufferedReader:
    """A peekable stream of the content, gunzipped when it starts with the gzip magic bytes (reads nothing yet)."""
    if raw.peek(2)[:2] == GZIP_MAGIC:
        return io.BufferedReader(_Gunzip(raw), buffer_size=HEAD_BYTES)
    return raw


def peek_head(stream: io.BufferedReader) -> bytes:
    """Up to HEAD_BYTES of the stream without consuming them."""
    return stream.peek(HEAD_BYTES)[:HEAD_BYTES]


def gunzipped_head(raw: io.BufferedReader) -> bytes:
    """Up to HEAD_BYTES of a gzip stream, decompressed, without consuming `raw`.

    A head cut short is fine (it decompresses as far as it goes); corrupt data raises zlib.error.
    """
    data, head = raw.peek(HEAD_BYTES)[:HEAD_BYTES], b""
    while data.startswith(GZIP_MAGIC) and len(head) < HEAD_BYTES:  # one member after another
        member = zlib.decompressobj(zlib.MAX_WBITS | 16)
        head += member.decompress(data, HEAD_BYTES - len(head))
        if not member.eof:
            break
        data = member.unused_data
    return head


@dataclass(frozen=True, slots=True)
class Missing:
    """A path argument that names nothing."""

    name: str


def expand(paths: list[str]) -> Iterator[Source | Missing]:
    """Each argument in order: `-`, a file, a directory walked recursively, or a glob pattern."""
    for arg in paths:
        if arg == "-":
            yield Source("-")
            continue
        path = Path(arg)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield Source(str(path), path)
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                yield Missing(arg)
            for match in matches:
                yield from (_walk(Path(match)) if Path(match).is_dir() else [Source(match, Path(match))])
        else:
            yield Missing(arg)


def _walk(root: Path) -> Iterator[Source]:
    """Files under a directory whose name says they hold articles; hidden entries are skipped."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if filename.startswith(".") or format_from_name(filename) is None:
                continue
            path = Path(dirpath) / filename
            if path.is_file():  # not a FIFO, socket or device, which would block or never end
                yield Source(str(path), path)
