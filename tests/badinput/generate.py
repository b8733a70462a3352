"""Makes the hostile inputs of tests/badinput: the small ones once (committed), the big ones at test time.

    python -m tests.badinput.generate --committed      # rewrite tests/badinput/files/ (small, committed;
                                                       # WARC record ids and zip times differ each time)
    python -m tests.badinput.generate DIR              # write every case (small and big) into DIR

Every builder returns the bytes of one file; the big ones (100 MB line, bombs, 5 MB paragraph) are
written in chunks so that making them holds little in memory. All text is ours.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

FILES = Path(__file__).resolve().parent / "files"
MIB = 1 << 20

SENTENCE = "Engineers said the pontoon bridge south of the city reopened to traffic on Sunday after repairs. "


def _record(n: int, **fields: object) -> dict[str, object]:
    """One small article record of ours, numbered so that each is distinct."""
    record: dict[str, object] = {
        "url": f"https://badinput.example/river/{n}", "title": f"Bridge report {n}",
        "date": "2017-04-0" + str(1 + n % 9), "text": f"Report {n}. " + SENTENCE,
    }
    record.update(fields)
    return record


def _jsonl(*records: dict[str, object]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


def _page(body: str, *, head: str = "", title: str = "Bridge reopens") -> bytes:
    return (f"<!DOCTYPE html><html lang=\"en\"><head><title>{title}</title>"
            f"<meta property=\"article:published_time\" content=\"2017-04-02\">{head}</head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>").encode()


def _paragraphs(n: int) -> str:
    return "".join(f"<p>Paragraph {i}. {SENTENCE}{SENTENCE}</p>" for i in range(n))


def _rss(items: str, doctype: str = "") -> bytes:
    return (f"<?xml version=\"1.0\" encoding=\"utf-8\"?>{doctype}\n<rss version=\"2.0\"><channel>"
            f"<title>Badinput Wire</title>{items}</channel></rss>").encode()


def _item(n: int, description: str, date: str = "Sun, 02 Apr 2017 09:00:00 GMT") -> str:
    return (f"<item><title>Bridge item {n}</title><link>https://badinput.example/feed/{n}</link>"
            f"<pubDate>{date}</pubDate><description>{description}</description></item>")


def _warc(records: list[tuple[str, bytes]], *, gzip_records: bool = False) -> bytes:
    """A WARC of HTML responses (uri, page), written with warcio."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip_records)
    for uri, page in records:
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                           ("Content-Length", str(len(page)))], protocol="HTTP/1.1")
        record = writer.create_warc_record(uri, "response", payload=io.BytesIO(page), length=len(page),
                                           http_headers=http, warc_headers_dict={"WARC-Date": "2019-05-01T12:00:00Z"})
        writer.write_record(record)
    return out.getvalue()


def _warc_pages(count: int) -> list[tuple[str, bytes]]:
    return [(f"https://badinput.example/warc/{n}", _page(_paragraphs(3), title=f"Archived bridge page {n}"))
            for n in range(count)]


def _parquet(table: pa.Table) -> bytes:
    out = io.BytesIO()
    pq.write_table(table, out)
    return out.getvalue()


# --- small files (committed) -------------------------------------------------------------------

def binary_png() -> bytes:
    rng = random.Random(1)
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(4000))


def binary_random() -> bytes:
    rng = random.Random(2)
    return bytes(rng.randrange(256) for _ in range(8000))


def zip_named_csv() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("articles.csv", "date,text\n" + "2017-04-02,Bridge reopened.\n" * 200)
    return out.getvalue()


def gzip_of_gzip() -> bytes:
    return gzip.compress(gzip.compress(_jsonl(_record(1), _record(2))), mtime=0)


def truncated_gzip() -> bytes:
    data = gzip.compress(_jsonl(*(_record(n) for n in range(300))), mtime=0)
    return data[: len(data) // 2]


def invalid_utf8_lines() -> bytes:
    good = (json.dumps(_record(1, text="Caf\u00e9 owners by the bridge said trade was back."), ensure_ascii=False)
            + "\n").encode()
    bad = _jsonl(_record(2)).replace(b"Report 2.", b"Report 2 \xff\xfe\xc3(\xa0\xa1 bad bytes.")
    return good + bad


def utf16le_no_bom() -> bytes:
    return ("date 2017-04-02\nCaf\u00e9 owners near the pontoon bridge said trade was back.\n").encode("utf-16-le")


def utf16be_no_bom_jsonl() -> bytes:
    return "".join(json.dumps(_record(n, text=f"Caf\u00e9 report {n} by the bridge."), ensure_ascii=False) + "\n"
                   for n in range(3)).encode("utf-16-be")


def surrogates_in_utf8() -> bytes:
    return b"date 2017-04-02\nEncoded surrogate halves \xed\xa0\x80\xed\xb0\x80 and an overlong slash \xc0\xaf here.\n"


def csv_with_nuls() -> bytes:
    return (b"date,title,text\n2017-04-02,First\x00 row,The bridge\x00 reopened on Sunday.\n"
            b"2017-04-03,Second row,Traffic\x00\x00 crossed the river again.\n")


def csv_ragged() -> bytes:
    return b"date,title,text\n2017-04-02,Fine row,The bridge reopened.\n2017-04-03,Short row\n2017-04-04,Too,many,fields,here\n"


def csv_unclosed_quote() -> bytes:
    return (b'date,title,text\n2017-04-02,Fine row,The bridge reopened.\n'
            b'2017-04-03,"Quote never closed,Traffic crossed.\n2017-04-04,Lost row,Ferry resumed.\n')


def csv_mixed_line_endings() -> bytes:
    return b"date,title,text\r\n2017-04-02,CRLF row,The bridge reopened.\n2017-04-03,LF row,Ferry resumed.\r2017-04-04,CR row,Traffic crossed.\r\n"


def csv_header_only() -> bytes:
    return b"date,title,text\n"


def csv_bad_dates() -> bytes:
    return b"date,title,text\n0000-00-00,Zero date,The bridge reopened.\n9999-12-31,Far date,Ferry resumed.\n"


def jsonl_depth_bomb() -> bytes:
    return _jsonl(_record(1)) + b"[" * 100_000 + b"]" * 100_000 + b"\n" + b'{"a":' * 50_000 + b"1" + b"}" * 50_000 + b"\n" + _jsonl(_record(2))


def json_document_depth_bomb() -> bytes:
    return b"[" + b'{"text": [' * 60_000 + b"1" + b"]}" * 60_000 + b"]"


def jsonl_huge_integer() -> bytes:
    return _jsonl(_record(1)) + b'{"text": "A count.", "date": "2017-04-02", "n": ' + b"9" * 50_000 + b"}\n" + _jsonl(_record(2))


def jsonl_nan_and_infinity() -> bytes:
    return (b'{"text": "Not a number in a field.", "date": NaN, "score": Infinity, "url": "https://badinput.example/nan"}\n'
            b'{"text": NaN, "date": "2017-04-02"}\n')


def jsonl_lone_surrogates() -> bytes:
    return (b'{"text": "A lone surrogate \\ud800 in the text.", "title": "Half \\udfff pair", "date": "2017-04-02", '
            b'"url": "https://badinput.example/surrogate"}\n')


def jsonl_wrong_types() -> bytes:
    return (b'{"text": {"nested": "object"}, "date": [2017, 4, 2], "title": 12, "url": 3.5}\n'
            b'"just a string"\n42\nnull\n[1, 2]\n{"text": true, "date": false}\n')


def jsonl_control_chars() -> bytes:
    text = "Bell\u0007 and escape\u001b[31m red\u001b[0m, backspace\u0008, form feed\u000c and delete\u007f in text."
    return _jsonl(_record(1, text=text, title="Esc\u001b]0;owned\u0007 title"))


def jsonl_bidi_and_invisible() -> bytes:
    text = "Invoice \u202egnp.exe\u202c and zero\u200bwidth\u2060 joiners \ufeff with \u2066isolates\u2069 inside."
    return _jsonl(_record(1, text=text, title="\u202eTitle reversed\u202c", url="https://badinput.example/\u202ebidi"))


def jsonl_long_url_and_title() -> bytes:
    url = "https://badinput.example/" + "segment/" * 40_000 + "?" + "&".join(f"k{i}=v" for i in range(20_000))
    return _jsonl(_record(1, url=url, title="Long title " * 30_000))


def jsonl_bad_urls() -> bytes:
    return _jsonl(_record(1, url="https://[badinput.example/river/1"), _record(2, url="http://badinput.example:99999/a"),
                  _record(3, url="http://badinput.example:port/a"))


def jsonl_many_keys() -> bytes:
    record = _record(1)
    record.update({f"field_{i}": i for i in range(100_000)})
    return _jsonl(record)


def jsonl_bad_dates() -> bytes:
    return _jsonl(_record(1, date="0000-00-00"), _record(2, date="9999-12-31"), _record(3, date="2017-02-30"),
                  _record(4, date="-0001-01-01"), _record(5, date=10**20), _record(6, date="1e400"))


def jsonl_empty_articles() -> bytes:
    return _jsonl(_record(1, text=""), _record(2, text="   \n\t  "), _record(3, text=None), {"date": "2017-04-02"}, {})


def seed_zero_date() -> bytes:
    return b"date 0000-00-00\nThe ferry resumed crossings on a date nobody wrote down.\n"


def seed_far_future_date() -> bytes:
    return b"date 9999-12-31\nThe ferry resumed crossings at the end of time.\n"


def seed_impossible_date() -> bytes:
    return b"date 2017-13-45\nThe ferry resumed crossings in the thirteenth month.\n"


def seed_empty_body() -> bytes:
    return b"date 2017-04-02\n\n   \n\t\n"


def seed_only_controls() -> bytes:
    return b"date 2017-04-02\n\x0b\x0c\x1c\x1d\x1e\x1f\x85\n"


def seed_mixed_line_endings() -> bytes:
    return b"date 2017-04-02\r\nFirst paragraph, CRLF.\r\n\r\nSecond paragraph, LF.\n\nThird paragraph, CR.\r\rEnd.\n"


def seed_rare_nuls() -> bytes:
    return b"date 2017-04-02\nThe bridge\x00 reopened\x00 on Sunday, with a NUL byte here and there.\n"


def seed_nul_padded() -> bytes:
    return b"date 2017-04-02\nA file padded with NULs by a broken exporter.\n" + b"\x00" * 4096


def empty_file() -> bytes:
    return b""


def whitespace_file() -> bytes:
    return b" \n\t\r\n" * 100


def html_deep_nesting() -> bytes:
    return _page("<div>" * 100_000 + "<p>Deep inside, the bridge reopened on Sunday.</p>" + "</div>" * 100_000)


def html_unclosed_nesting() -> bytes:
    return _page("<span><b><i>" * 30_000 + "<p>Unclosed tags all the way down, the ferry resumed.</p>")


def html_bad_dates() -> bytes:
    page = _page(_paragraphs(3))
    return page.replace(b'content="2017-04-02"', b'content="0000-00-00"')


def html_far_date() -> bytes:
    return _page(_paragraphs(3)).replace(b'content="2017-04-02"', b'content="9999-12-31T23:59:59Z"')


def html_entity_bomb() -> bytes:
    doctype = ('<!DOCTYPE html [<!ENTITY a "bridge bridge bridge bridge bridge">'
               + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi")) + "]>")
    return _page(_paragraphs(3) + "<p>&i;</p>").replace(b"<!DOCTYPE html>", doctype.encode())


def html_no_text() -> bytes:
    return b"<html><head><script>var x = 1;</script><style>p{}</style></head><body><div></div></body></html>"


def html_script_payload() -> bytes:
    return _page("<p>The bridge reopened.<script>alert(document.cookie)</script> <img src=x onerror=alert(1)> "
                 "Traffic crossed again, officials said on Sunday after weeks of repairs.</p>" + _paragraphs(2),
                 title="<script>alert('title')</script>Bridge")


def html_wrong_charset() -> bytes:
    return _page(_paragraphs(3).replace("Engineers", "Caf\u00e9 engineers"), head='<meta charset="utf-16">')


def rss_billion_laughs() -> bytes:
    entities = '<!ENTITY a "laugh laugh laugh laugh laugh laugh laugh laugh">' + "".join(
        f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefghi", "bcdefghij"))
    return _rss(_item(1, "&j;") + _item(2, "A plain second item about the ferry."), f"<!DOCTYPE rss [{entities}]>")


def rss_quadratic_blowup() -> bytes:
    entity = '<!ENTITY big "' + "x" * 50_000 + '">'
    return _rss(_item(1, "&big;" * 20_000) + _item(2, "A plain second item about the ferry."),
                f"<!DOCTYPE rss [{entity}]>")


def rss_external_entity() -> bytes:
    return _rss(_item(1, "Leak: &xxe; end of the item about the bridge."),
                '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')


def rss_external_dtd() -> bytes:
    return _rss(_item(1, "An item whose feed names a remote DTD, which must not be fetched."),
                '<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd">')


def rss_parameter_entity() -> bytes:
    return _rss(_item(1, "An item after a parameter entity pointing at a local file."),
                '<!DOCTYPE rss [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>')


def rss_author_redos() -> bytes:
    """A 16 KB byline of address characters (feedparser's e-mail pattern is quadratic on it), then a normal item."""
    first = _item(1, "An item whose byline is a runaway run of letters.").replace(
        "</pubDate>", "</pubDate><author>" + "reporter" * 2048 + "</author>")
    second = _item(2, "A plain second item about the ferry.").replace(
        "</pubDate>", "</pubDate><author>desk@badinput.example (River Desk)</author>")
    return _rss(first + second)


def rss_many_attributes() -> bytes:
    """One item element carrying 5,000 attributes (feedparser looks each one up linearly)."""
    attributes = " ".join(f'a{i}="v"' for i in range(5000))
    return _rss(_item(1, "An item with thousands of attributes.").replace("<item>", f"<item {attributes}>")
                + _item(2, "A plain second item about the ferry."))


def rss_attlist_defaults(defaults: int = 2000, items: int = 100) -> bytes:
    """Attribute defaults declared for <item> in the feed's own DTD: expat puts them all on every item."""
    declared = " ".join(f"d{i} CDATA 'v'" for i in range(defaults))
    return _rss("".join(_item(n, "An item given thousands of default attributes.") for n in range(items)),
                f"<!DOCTYPE rss [<!ATTLIST item {declared}>]>")


def rss_garbled_encoding() -> bytes:
    return _rss(_item(1, "An item in a feed whose encoding name is garbled.")).replace(b'encoding="utf-8"', b'encoding="\x80utf\x00"')


def rss_malformed() -> bytes:
    return b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken<item><title>Half</title><description>Open tags <b>everywhere'


def rss_no_entries() -> bytes:
    return _rss("")


def rss_bad_dates() -> bytes:
    return _rss(_item(1, "Zero date item about the ferry.", "0000-00-00")
                + _item(2, "Far future item about the ferry.", "Fri, 31 Dec 9999 23:59:59 GMT"))


def warc_truncated_record() -> bytes:
    data = _warc(_warc_pages(3))
    return data[: len(data) - 400]


def warc_truncated_headers() -> bytes:
    one = _warc(_warc_pages(1))
    two = _warc(_warc_pages(2))
    return two[: len(one) + 60]


def warc_garbage_record() -> bytes:
    return _warc(_warc_pages(1)) + b"WARC/1.0\r\nthis is not a header line\r\n\x00\x01\x02 garbage\r\n\r\n"


def warc_huge_content_length() -> bytes:
    page = _page(_paragraphs(2))
    header = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://badinput.example/len\r\n"
              b"WARC-Date: 2019-05-01T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
              b"Content-Type: application/http; msgtype=response\r\nContent-Length: 99999999999999\r\n\r\n")
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    return header + http + page


def warc_gz_truncated() -> bytes:
    data = _warc(_warc_pages(3), gzip_records=True)
    return data[: len(data) - 300]


def warc_no_html() -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    record = writer.create_warc_record("https://badinput.example/robots.txt", "resource",
                                       payload=io.BytesIO(b"User-agent: *\n"), length=14,
                                       warc_headers_dict={"Content-Type": "text/plain"})
    writer.write_record(record)
    return out.getvalue()


def parquet_wrong_schema() -> bytes:
    return _parquet(pa.table({"count": [1, 2, 3], "ratio": [0.5, 1.5, 2.5]}))


def parquet_odd_types() -> bytes:
    return _parquet(pa.table({
        "text": pa.array([b"Bytes text about the bridge.", b"\xff\xfe not utf-8 bytes", None], pa.binary()),
        "date": pa.array([20170402, -1, 10**15], pa.int64()),
        "title": pa.array([[1, 2], [], None], pa.list_(pa.int64())),
    }))


def parquet_bad_utf8() -> bytes:
    """A string column whose second value is not UTF-8 (written from raw buffers, as a broken tool might)."""
    offsets = pa.py_buffer(struct.pack("<3i", 0, 29, 38))
    data = pa.py_buffer(b"The bridge reopened on Sunday\xff\xfe broken")
    text = pa.Array.from_buffers(pa.string(), 2, [None, offsets, data])
    return _parquet(pa.table({"text": text, "date": ["2017-04-02", "2017-04-03"]}))


def parquet_truncated() -> bytes:
    data = _parquet(pa.table({"text": [SENTENCE] * 50, "date": ["2017-04-02"] * 50}))
    return data[: len(data) // 2]


def parquet_not_parquet() -> bytes:
    return b"date,text\n2017-04-02,This is CSV wearing a Parquet name.\n"


def parquet_magic_only() -> bytes:
    return b"PAR1" + b"\x00" * 64 + b"PAR1"


def xml_not_a_feed() -> bytes:
    return b'<?xml version="1.0"?><config><setting name="bridge">open</setting></config>'


def unknown_format() -> bytes:
    return b"Just a line of prose with no date line and no header row and no markup at all.\n"


# --- big files (generated at test time) ---------------------------------------------------------

Chunks = Iterator[bytes]


def jsonl_100mb_line() -> Chunks:
    yield _jsonl(_record(1))
    yield b'{"date": "2017-04-02", "text": "'
    block = (SENTENCE * 16).encode()
    for _ in range(100 * MIB // len(block) + 1):
        yield block
    yield b'"}\n'
    yield _jsonl(_record(2))


def _gzip_repeated(head: bytes, block: bytes, times: int, tail: bytes) -> Chunks:
    """A gzip file of head + block * times + tail, compressing the block once (a bomb in milliseconds).

    After a full flush deflate starts afresh, so the block compresses to the same bytes every time;
    the gzip header and trailer (CRC-32, length) are written by hand.
    """
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    yield b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # gzip, deflate, no name, mtime 0
    yield deflate.compress(head) + deflate.flush(zlib.Z_FULL_FLUSH)
    packed = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
    crc = zlib.crc32(head)
    for _ in range(times):
        yield packed
        crc = zlib.crc32(block, crc)
    yield deflate.compress(tail) + deflate.flush()
    crc = zlib.crc32(tail, crc)
    size = len(head) + len(block) * times + len(tail)
    yield struct.pack("<II", crc, size & 0xFFFFFFFF)


def gzip_bomb_one_line() -> Chunks:
    """256 MiB of one JSON string once gunzipped, about 250 KB on disk."""
    return _gzip_repeated(_jsonl(_record(1)) + b'{"date": "2017-04-02", "text": "', b"a" * MIB, 256,
                          b'"}\n' + _jsonl(_record(2)))


def gzip_bomb_blank() -> Chunks:
    """128 MiB of spaces once gunzipped, then one article: a blank head far longer than the sniffed bytes."""
    return _gzip_repeated(b"", b" " * MIB, 128, b"\n" + _jsonl(_record(3)))


def seed_5mb_paragraph() -> Chunks:
    yield b"date 2017-04-02\n"
    block = SENTENCE.encode()
    for _ in range(5 * MIB // len(block) + 1):
        yield block
    yield b"\n"


def html_5mb_paragraph() -> Chunks:
    yield _page("<p>").split(b"<p>")[0] + b"<p>"
    block = SENTENCE.encode()
    for _ in range(5 * MIB // len(block) + 1):
        yield block
    yield b"</p></article></body></html>"


def seed_over_limit() -> Chunks:
    yield b"date 2017-04-02\n"
    block = (SENTENCE + "\n\n").encode() * 100
    for _ in range(25 * MIB // len(block) + 1):
        yield block


def csv_million_columns() -> Chunks:
    yield b"date,title,text," + ",".join(f"c{i}" for i in range(1_000_000)).encode() + b"\n"
    yield b"2017-04-02,Wide row,The bridge reopened." + b",x" * 1_000_000 + b"\n"


def many_empty_lines_then_article() -> Chunks:
    """80 KB of blank lines (more than the head detection reads), then two articles."""
    yield b"\n" * 80_000
    yield _jsonl(_record(1), _record(2))


Builder = Callable[[], bytes] | Callable[[], Chunks]


def write(builder: Callable[[], object], path: Path) -> Path:
    """Write one case's bytes (or chunks) to `path`."""
    made = builder()
    with path.open("wb") as fh:
        if isinstance(made, bytes):
            fh.write(made)
        else:
            for chunk in made:  # type: ignore[attr-defined]
                fh.write(chunk)
    return path


def main(argv: list[str] | None = None) -> int:
    """Write the committed files, or every case, from the manifest."""
    from .manifest import CASES

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", nargs="?", type=Path, help="write every case here")
    parser.add_argument("--committed", action="store_true", help="rewrite the committed small files")
    args = parser.parse_args(argv)
    if not args.committed and args.dir is None:
        parser.error("name a directory or --committed")
    for case in CASES:
        if args.committed and case.committed:
            FILES.mkdir(exist_ok=True)
            write(case.builder, FILES / case.name)
        elif args.dir is not None:
            args.dir.mkdir(parents=True, exist_ok=True)
            write(case.builder, args.dir / case.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
