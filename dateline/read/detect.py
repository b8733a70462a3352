"""Which reader a file needs: by extension first, by its first bytes when the name does not say."""

from __future__ import annotations

import re

from .decode import is_binary

# Extension (after any .gz) -> format.
EXTENSIONS: dict[str, str] = {
    ".txt": "text", ".text": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv", ".tab": "csv",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".warc": "warc", ".arc": "warc",
    ".rss": "feed", ".atom": "feed", ".xml": "feed", ".rdf": "feed",
    ".parquet": "parquet", ".pq": "parquet",
}
FORMATS = ("text", "jsonl", "csv", "html", "warc", "feed", "parquet")

_SEED = re.compile(rb"\A\s*date[ \t]*[:=]?[ \t]+\d{4}-\d{2}-\d{2}", re.IGNORECASE)
_FEED = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML = re.compile(rb"<(!doctype html|html|head|body)[\s>]", re.IGNORECASE)
_CSV_FIELDS = re.compile(rb"\b(text|content|body|title|url|date|published)\b", re.IGNORECASE)


def format_from_name(name: str) -> str | None:
    """Format implied by the file name, ignoring a trailing .gz; None when the name says nothing."""
    lower = name.lower()
    lower = lower.removesuffix(".gz")
    if lower.endswith((".warc", ".arc")) or ".warc." in lower:
        return "warc"
    dot = lower.rfind(".")
    return EXTENSIONS.get(lower[dot:]) if dot >= 0 else None


def format_from_content(head: bytes) -> str | None:
    """Format judged from the first (decompressed) bytes; None when nothing fits."""
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"WARC/"):
        return "warc"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if _SEED.match(text):
        return "text"
    start = text[:2048]
    if start.startswith(b"<"):
        if _FEED.search(start):
            return "feed"
        if _HTML.search(start) or start.startswith(b"<!"):
            return "html"
    if text.startswith((b"{", b"[")):
        return "jsonl"
    first = text.split(b"\n", 1)[0]
    if any(d in first for d in (b",", b"\t", b";", b"|")) and _CSV_FIELDS.search(first):
        return "csv"
    return None


def detect_format(name: str, head: bytes) -> str | None:
    """The extension decides when it is known, the content otherwise (stdin, odd names)."""
    by_name = format_from_name(name)
    if by_name == "feed" and not _FEED.search(head):  # the whole head: a DOCTYPE may come first
        return format_from_content(head)  # .xml that is not a feed
    return by_name or format_from_content(head)


def looks_binary(fmt: str, head: bytes) -> bool:
    """Binary data where a text format was expected (images, zips, executables)."""
    return fmt not in ("parquet", "warc") and is_binary(head)
