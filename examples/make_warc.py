#!/usr/bin/env python3
"""Pack the news pages in examples/warc_pages/*.html into examples/corpus/archive.warc.gz.

    .venv/bin/python examples/make_warc.py

The archive imitates a small crawl made in 2017:

* one `warcinfo` record;
* for every page, a `request` record followed by its HTTP `response` record (text/html);
* one non-HTML response (the outlets' favicon, image/png), which a news reader must skip.

Each page is "crawled" a few days after it was published, so its WARC-Date (and HTTP Date header)
is NOT the article's publication date: that one is only in the page's own metadata
(<meta property="article:published_time">, <time datetime>). A reader must not take crawl dates
as publication dates.

WARC-Record-IDs are derived from the target URI (uuid5) and all dates are fixed, so running the
script again produces the same archive content (and, with the same zlib, the same bytes).
"""

from __future__ import annotations

import re
import struct
import sys
import uuid
import zlib
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
PAGES = HERE / "warc_pages"
OUT = HERE / "corpus" / "archive.warc.gz"

# page file -> crawl time (WARC-Date). Publication dates (in the pages) are 4-6 days earlier.
CRAWL_DATES = {
    "northernfrontdaily-2017-02-24-mosul-airport-retaken.html": "2017-03-01T06:40:21Z",
    "euphratestimes-2017-03-29-townsend-mosul-strike.html": "2017-04-02T13:05:10Z",
    "desertdispatch-2017-08-20-tal-afar-offensive.html": "2017-08-26T19:22:03Z",
    "levantledger-2017-10-18-raqqa-battle-over.html": "2017-10-23T08:12:44Z",
}
FAVICON_URL = "https://northernfrontdaily.example/static/img/favicon.png"
FAVICON_DATE = "2017-03-01T06:40:23Z"
USER_AGENT = "dateline-demo-crawler/1.0 (+https://dateline.example/crawler)"
NS = uuid.UUID("6f1d2c3e-9a57-4b0e-8a52-2d1e4f5a7b90")

CANONICAL = re.compile(r'<link\s+rel="canonical"\s+href="([^"]+)"')


def record_id(kind: str, uri: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(NS, kind + ' ' + uri)}>"


def http_date(warc_date: str) -> str:
    from datetime import datetime
    from email.utils import format_datetime
    dt = datetime.strptime(warc_date, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=__import__("datetime").timezone.utc)
    return format_datetime(dt, usegmt=True)


def tiny_png(width: int = 16, height: int = 16) -> bytes:
    """A small solid-colour PNG, built by hand so the script needs no image library."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes((0x1f, 0x4e, 0x79)) * width for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def write_pair(writer: WARCWriter, uri: str, warc_date: str, body: bytes, content_type: str) -> None:
    host = uri.split("/")[2]
    path = "/" + uri.split("/", 3)[3]
    accept = "text/html,application/xhtml+xml" if content_type.startswith("text/html") else "image/png,image/*"
    req_headers = StatusAndHeaders(f"GET {path} HTTP/1.1", [
        ("Host", host),
        ("User-Agent", USER_AGENT),
        ("Accept", accept),
        ("Accept-Language", "en"),
        ("Connection", "close"),
    ], is_http_request=True)
    resp_headers = StatusAndHeaders("200 OK", [
        ("Date", http_date(warc_date)),
        ("Server", "nginx"),
        ("Content-Type", content_type),
        ("Content-Length", str(len(body))),
        ("Cache-Control", "max-age=300"),
        ("Connection", "close"),
    ], protocol="HTTP/1.1")
    response_id = record_id("response", uri)
    response = writer.create_warc_record(
        uri, "response", payload=BytesIO(body), length=len(body), http_headers=resp_headers,
        warc_headers_dict={"WARC-Date": warc_date, "WARC-Record-ID": response_id,
                           "WARC-IP-Address": "192.0.2.10"},
    )
    request = writer.create_warc_record(
        uri, "request", http_headers=req_headers,
        warc_headers_dict={"WARC-Date": warc_date, "WARC-Record-ID": record_id("request", uri),
                           "WARC-Concurrent-To": response_id},
    )
    writer.write_record(request)
    writer.write_record(response)


def main() -> int:
    pages = []
    for name, warc_date in CRAWL_DATES.items():
        path = PAGES / name
        if not path.exists():
            print(f"missing {path}; run build_corpus.py first", file=sys.stderr)
            return 1
        body = path.read_bytes()
        match = CANONICAL.search(body.decode("utf-8"))
        if not match:
            print(f"{name}: no <link rel=canonical>", file=sys.stderr)
            return 1
        pages.append((warc_date, match.group(1), body))
    extra = sorted(set(p.name for p in PAGES.glob("*.html")) - set(CRAWL_DATES))
    if extra:
        print(f"pages without a crawl date in CRAWL_DATES: {extra}", file=sys.stderr)
        return 1
    pages.sort()

    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="1.0")
        info = (
            b"software: warcio (examples/make_warc.py)\r\n"
            b"format: WARC File Format 1.0\r\n"
            b"description: dateline demo crawl of fictional news sites (.example domains), 2017\r\n"
            b"robots: obey\r\n"
        )
        writer.write_record(writer.create_warc_record(
            "", "warcinfo", payload=BytesIO(info), length=len(info),
            warc_content_type="application/warc-fields",
            warc_headers_dict={"WARC-Date": pages[0][0], "WARC-Filename": OUT.name,
                               "WARC-Record-ID": record_id("warcinfo", OUT.name)},
        ))
        for i, (warc_date, uri, body) in enumerate(pages):
            write_pair(writer, uri, warc_date, body, "text/html; charset=utf-8")
            if i == 0:  # the crawler also fetched the site icon: a non-HTML response to skip
                write_pair(writer, FAVICON_URL, FAVICON_DATE, tiny_png(), "image/png")
    print(f"wrote {OUT.relative_to(HERE.parent)}: {len(pages)} HTML responses, 1 image/png response, "
          f"{len(pages) + 1} requests, 1 warcinfo")
    return 0


if __name__ == "__main__":
    sys.exit(main())
