"""Bytes to text without crashing: BOMs, UTF-16 without BOM, legacy encodings, mixed files.

The encoding is chosen from the head of a stream; bytes that later fail to decode as UTF-8 are read
as cp1252 (the usual culprit in mixed files) and counted, so readers can warn per line or record.
"""

from __future__ import annotations

import codecs
import io
import threading
from typing import BinaryIO

from charset_normalizer import from_bytes

_FALLBACK = "dateline-cp1252-fallback"
_counter = threading.local()


def _fallback_handler(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    _counter.value = getattr(_counter, "value", 0) + 1
    bad = error.object[error.start:error.end]
    return bytes(bad).decode("cp1252", errors="replace"), error.end


codecs.register_error(_FALLBACK, _fallback_handler)


def fallback_count() -> int:
    """How many undecodable byte runs this thread has read as cp1252 so far."""
    return int(getattr(_counter, "value", 0))


def is_binary(head: bytes) -> bool:
    """True for data that is not text in any encoding we read (NULs in numbers or among control bytes, outside UTF-16/32)."""
    if not head or _utf16_order(head) or head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return False
    sample = head[:4096]
    nuls = sample.count(0)
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    # A few stray NULs in text (a CSV cell, a broken exporter) are not binary; images, archives and
    # executables have NULs together with other control bytes, or NULs by the hundred.
    if nuls and (nuls > max(16, len(sample) // 100) or controls - nuls > len(sample) // 100):
        return True
    return controls > len(sample) * 0.1


def _utf16_order(head: bytes) -> str | None:
    """'utf-16' with a BOM, 'utf-16-le'/'-be' when every other byte of ASCII-heavy text is NUL."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not head.startswith(codecs.BOM_UTF32_LE):
        return "utf-16"
    sample = head[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > len(odd) * 0.6 and even.count(0) < len(even) * 0.1:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.6 and odd.count(0) < len(odd) * 0.1:
        return "utf-16-be"
    return None


def sniff_encoding(head: bytes) -> str:
    """The encoding to read a stream with, judged from its first bytes."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    utf16 = _utf16_order(head)
    if utf16:
        return utf16
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"  # the head cut a multi-byte character in two
        if exc.start > 0 and _mostly_utf8(head):
            return "utf-8"  # mixed: UTF-8 with stray legacy bytes, handled by the fallback
    best = from_bytes(head[:65536]).best()
    return best.encoding if best is not None else "cp1252"


def _mostly_utf8(head: bytes) -> bool:
    """True when the head holds real multi-byte UTF-8 sequences, i.e. it is UTF-8 with some stray bytes."""
    text = head.decode("utf-8", errors="replace")
    return any(ord(ch) > 127 and ch != "\ufffd" for ch in text)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a whole document; returns the text and the encoding used."""
    encoding = sniff_encoding(data[:65536])
    errors = _FALLBACK if encoding.startswith("utf-8") else "replace"
    return data.decode(encoding, errors=errors), encoding


def text_stream(stream: BinaryIO, head: bytes, *, newline: str | None = None) -> io.TextIOWrapper:
    """Wrap a binary stream as text in the sniffed encoding, never raising on bad bytes."""
    encoding = sniff_encoding(head)
    errors = _FALLBACK if encoding.startswith("utf-8") else "replace"
    return io.TextIOWrapper(stream, encoding=encoding, errors=errors, newline=newline)
