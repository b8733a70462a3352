"""Property-based tests of every reader: any bytes give articles or rejections, never an exception,
and an article written in each format reads back with the same title, text and date.

Short run by default (the `ci` Hypothesis profile, tests/conftest.py); the long run is
`HYPOTHESIS_PROFILE=long pytest tests/read/test_read_fuzz.py`.
"""

from __future__ import annotations

import csv
import gzip
import html
import io
import json
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.model import Article, Rejection
from dateline.read import READERS, ReadContext, read_paths

EXTENSION = {"text": ".txt", "jsonl": ".jsonl", "csv": ".csv", "html": ".html", "warc": ".warc", "feed": ".rss",
             "parquet": ".parquet"}
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    """One folder for the whole module: Hypothesis reruns a test many times within one fixture."""
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def read_bytes(folder: Path, data: bytes, fmt: str, *, forced: bool = True) -> list[Article | Rejection]:
    """Everything the reader makes of `data`, as a file named for the format (or read with --format)."""
    path = folder / f"input{EXTENSION[fmt]}"
    path.write_bytes(data)
    return list(read_paths([str(path)], ReadContext(), fmt=fmt if forced else None))


def check_items(items: list[Article | Rejection], folder: Path) -> None:
    """What every read must give: articles with text and clean fields, rejections with a code and a place."""
    today = datetime.now(UTC).date()
    for item in items:
        assert isinstance(item, (Article, Rejection)), item
        assert item.origin.path.startswith(str(folder))
        if isinstance(item, Rejection):
            assert re.fullmatch(r"E1\d\d", item.code) and item.problem
            continue
        assert item.text and item.text == item.text.strip()
        for value in (item.text, item.title or "", item.url or "", item.outlet or "", item.author or ""):
            assert not CONTROLS.search(value), value[:80]
        if item.published is not None:
            assert date(1900, 1, 1) <= item.published <= today + timedelta(days=2)
        else:
            assert item.date_status != "ok"


# --- seeds: one small valid file per format, which the mutations start from --------------------

def _page(title: str, text: str, day: date) -> bytes:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta property="article:published_time" content="{day.isoformat()}"></head>'
            f"<body><article><h1>{html.escape(title)}</h1>{body}</article></body></html>").encode()


def write_as(fmt: str, title: str, text: str, day: date) -> bytes:
    """One article in the given format, written the way other tools write it."""
    url = "https://fuzz.example/article/1"
    if fmt == "text":
        return f"date {day.isoformat()}\n{text}\n".encode()
    if fmt == "jsonl":
        return (json.dumps({"url": url, "title": title, "date": day.isoformat(), "text": text}) + "\n").encode()
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["url", "title", "date", "text"])
        writer.writerow([url, title, day.isoformat(), text])
        return out.getvalue().encode()
    if fmt == "html":
        return _page(title, text, day)
    if fmt == "feed":
        stamp = format_datetime(datetime(day.year, day.month, day.day, 9, tzinfo=UTC))
        description = html.escape("".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n")))
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Fuzz Wire</title>'
                f"<item><title>{html.escape(title)}</title><link>{url}</link><pubDate>{stamp}</pubDate>"
                f"<description>{description}</description></item></channel></rss>").encode()
    if fmt == "warc":
        page = _page(title, text, day)
        out = io.BytesIO()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer = WARCWriter(out, gzip=False)
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(page), length=len(page),
                                                      http_headers=http))
        return out.getvalue()
    if fmt == "parquet":
        out = io.BytesIO()
        pq.write_table(pa.table({"url": [url], "title": [title], "date": [day.isoformat()], "text": [text]}), out)
        return out.getvalue()
    raise AssertionError(fmt)


SEED_TEXT = ("Engineers reopened the pontoon bridge south of the city on Sunday after three weeks of repairs.\n\n"
             "Traders said the first lorries crossed before noon, carrying flour and fuel to the eastern bank.")
SEEDS = {fmt: write_as(fmt, "Bridge reopens", SEED_TEXT, date(2017, 4, 2)) for fmt in READERS}


@st.composite
def mutated(draw: st.DrawFn, fmt: str) -> bytes:
    """A valid file of the format with bytes flipped, inserted, deleted or cut off."""
    data = bytearray(SEEDS[fmt])
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        if not data:
            break
        at = draw(st.integers(min_value=0, max_value=len(data) - 1))
        action = draw(st.sampled_from(["flip", "insert", "delete", "cut", "repeat"]))
        if action == "flip":
            data[at] = draw(st.integers(min_value=0, max_value=255))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif action == "delete":
            del data[at:at + draw(st.integers(min_value=1, max_value=32))]
        elif action == "cut":
            del data[at:]
        else:
            data[at:at] = data[at:at + 64] * draw(st.integers(min_value=1, max_value=20))
    return bytes(data)


FORMATS = sorted(READERS)


def any_bytes(fmt: str) -> st.SearchStrategy[bytes]:
    """Random bytes, text-like bytes, gzip of either, and mutated valid files."""
    raw = st.one_of(st.binary(max_size=3000), st.text(max_size=1000).map(lambda t: t.encode("utf-8", "surrogatepass")),
                    mutated(fmt))
    return st.one_of(raw, raw.map(lambda b: gzip.compress(b, mtime=0)), raw.map(lambda b: gzip.compress(b)[:-7]))


@pytest.mark.parametrize("fmt", FORMATS)
def test_any_bytes_give_articles_or_rejections(fmt, folder):
    @given(data=any_bytes(fmt), forced=st.booleans())
    def run(data: bytes, forced: bool) -> None:
        check_items(read_bytes(folder, data, fmt, forced=forced), folder)

    run()


# --- round trips ---------------------------------------------------------------------------------

WORD_CHARS = st.characters(codec="utf-8", categories=("Lu", "Ll", "Nd"))
WORDS = st.text(WORD_CHARS, min_size=1, max_size=12).map(lambda w: unicodedata.normalize("NFC", w))
PUNCT = st.sampled_from(["", ",", ".", ";", ":", "!", "?", "'s", "\u2019", "\"", "(", ")", "&", "<", ">", "%"])
SENTENCES = st.lists(st.tuples(WORDS, PUNCT).map("".join), min_size=8, max_size=30).map(" ".join)
TEXTS = st.lists(SENTENCES, min_size=1, max_size=4).map("\n\n".join)
TITLES = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)
DAYS = st.dates(min_value=date(1950, 1, 1), max_value=date(2025, 12, 31))


@pytest.mark.parametrize("fmt", ["text", "jsonl", "csv", "feed", "parquet"])
def test_an_article_reads_back_the_same(fmt, folder):
    @given(title=TITLES, text=TEXTS, day=DAYS)
    def run(title: str, text: str, day: date) -> None:
        items = read_bytes(folder, write_as(fmt, title, text, day), fmt, forced=False)
        [article] = items
        assert isinstance(article, Article), article
        assert article.text == text
        assert article.published == day
        if fmt != "text":  # the seed format has no title
            assert article.title == title

    run()


LATIN_WORDS = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèüößçñ0123456789"),
                      min_size=2, max_size=10)
PAGE_SENTENCES = st.lists(LATIN_WORDS, min_size=12, max_size=30).map(lambda ws: " ".join(ws) + ".")
PAGE_TEXTS = st.lists(PAGE_SENTENCES, min_size=2, max_size=4, unique=True).map("\n\n".join)  # trafilatura drops repeats
PAGE_TITLES = st.lists(LATIN_WORDS, min_size=2, max_size=8).map(" ".join)


@pytest.mark.parametrize("fmt", ["html", "warc"])
def test_a_page_reads_back_the_same(fmt, folder):
    """Pages go through trafilatura, which keeps paragraphs of prose: the words are plain, the structure is not."""
    @given(title=PAGE_TITLES, text=PAGE_TEXTS, day=DAYS)
    def run(title: str, text: str, day: date) -> None:
        [article] = read_bytes(folder, write_as(fmt, title, text, day), fmt, forced=False)
        assert isinstance(article, Article), article
        assert article.text == text
        assert article.title == title
        assert article.published == day

    run()
