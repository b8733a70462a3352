"""Shared helpers for the reader tests: where the fixtures live and a one-call read."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.config import Config
from dateline.model import Article, Rejection
from dateline.read import ReadContext, read_paths

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@dataclass
class ReadResult:
    """Everything one read produced, in order, with the articles and rejections split out."""

    items: list[Article | Rejection]

    @property
    def articles(self) -> list[Article]:
        return [i for i in self.items if isinstance(i, Article)]

    @property
    def rejections(self) -> list[Rejection]:
        return [i for i in self.items if isinstance(i, Rejection)]

    @property
    def codes(self) -> list[str]:
        return [r.code for r in self.rejections]


Read = Callable[..., ReadResult]


def make_context(settings: dict[str, Any] | None = None, field_map: dict[str, str] | None = None) -> ReadContext:
    config = Config().with_overrides(settings) if settings else Config()
    return ReadContext(config=config, field_map=field_map or {})


@pytest.fixture
def fixtures() -> Path:
    """The directory of the small input files we wrote (tests/fixtures)."""
    return FIXTURES


@pytest.fixture
def read() -> Read:
    """read(*paths, fmt=None, settings={...}, field_map={...}) -> ReadResult, via read_paths."""

    def _read(*paths: str | Path, fmt: str | None = None, settings: dict[str, Any] | None = None,
              field_map: dict[str, str] | None = None) -> ReadResult:
        items: Iterable[Article | Rejection] = read_paths([str(p) for p in paths],
                                                         make_context(settings, field_map), fmt=fmt)
        return ReadResult(list(items))

    return _read


@pytest.fixture
def ctx() -> ReadContext:
    """A default read context, for calling the per-format reader functions directly."""
    return make_context()


def _page(title: str, published: str, paragraphs: list[str], canonical: str | None = None) -> bytes:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="en"><head><title>{title}</title>'
            f'<meta property="og:site_name" content="River Gazette">'
            f'<meta property="article:published_time" content="{published}">{link}</head>'
            f'<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>'
            f'<article><h1>{title}</h1>{body}</article>'
            f'<footer>Copyright River Gazette</footer></body></html>').encode()


class WarcCrawl:
    """A small crawl written with warcio: request, HTML response, image response, HTML response."""

    TABQA_URL = "https://river-gazette.test/world/tabqa?utm_source=feed&utm_medium=rss"
    RAQQA_URL = "https://river-gazette.test/r/8812"
    RAQQA_CANONICAL = "https://river-gazette.test/world/2017/06/06/raqqa-assault-begins"
    TABQA_PAGE = _page("Fighters near Tabqa dam", "2017-03-27T10:00:00Z", [
        "Fighters of the Syrian Democratic Forces advanced toward the Tabqa dam west of Raqqa on Monday, "
        "a spokesman said.",
        "Engineers warned that the dam could fail if its control room was damaged in the fighting.",
        "Villagers downstream said they had moved to higher ground as a precaution.",
    ])
    RAQQA_PAGE = _page("Assault on Raqqa begins", "2017-06-06", [
        "The assault on Raqqa began on Tuesday, according to a statement from the coalition released overnight.",
        "Fighters entered the eastern neighbourhood of al-Mishlab, residents reached by phone said.",
        "Tens of thousands of civilians were believed to remain inside the city.",
    ], canonical=RAQQA_CANONICAL)

    def build(self, path: Path, *, gzip: bool) -> Path:
        """Write the crawl to `path` (one gzip member per record when `gzip`)."""
        with path.open("wb") as fh:
            writer = WARCWriter(fh, gzip=gzip)

            def write(uri: str, rec_type: str, payload: bytes, warc_date: str,
                      http: StatusAndHeaders | None) -> None:
                # a known length keeps warcio from spooling the payload to a temporary file
                record = writer.create_warc_record(uri, rec_type, payload=io.BytesIO(payload), length=len(payload),
                                                   http_headers=http, warc_headers_dict={"WARC-Date": warc_date})
                writer.write_record(record)

            def response(uri: str, payload: bytes, content_type: str, warc_date: str) -> None:
                http = StatusAndHeaders("200 OK", [("Content-Type", content_type),
                                                   ("Content-Length", str(len(payload)))], protocol="HTTP/1.1")
                write(uri, "response", payload, warc_date, http)

            request = b"GET /world/tabqa HTTP/1.1\r\nHost: river-gazette.test\r\n\r\n"
            write(self.TABQA_URL, "request", request, "2019-05-01T11:59:59Z", None)
            response(self.TABQA_URL, self.TABQA_PAGE, "text/html; charset=utf-8", "2019-05-01T12:00:00Z")
            response("https://river-gazette.test/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
                     "image/png", "2019-05-01T12:00:01Z")
            response(self.RAQQA_URL, self.RAQQA_PAGE, "text/html", "2019-05-01T12:00:02Z")
        return path

    @staticmethod
    def spans(path: Path) -> list[tuple[int, int]]:
        """(offset, length) of each record in the file."""
        spans = []
        with path.open("rb") as fh:
            iterator = ArchiveIterator(fh)
            for record in iterator:
                record.content_stream().read()
                spans.append((iterator.get_record_offset(), iterator.get_record_length()))
        return spans


@pytest.fixture
def warc_crawl() -> WarcCrawl:
    """Builds the small test crawl as .warc or .warc.gz (see WarcCrawl)."""
    return WarcCrawl()
