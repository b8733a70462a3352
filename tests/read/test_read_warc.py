"""WARC archives built with warcio: HTML responses become articles, the rest is skipped."""

from __future__ import annotations

import io
import sys
import types
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from dateline.model import article_id
from dateline.read import ReadContext, read_paths


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_html_responses_become_articles(read, tmp_path, warc_crawl, gzip):
    path = warc_crawl.build(tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc"), gzip=gzip)

    result = read(path)

    assert result.rejections == []
    tabqa, raqqa = result.articles
    assert [a.origin.record for a in result.articles] == [2, 4]
    assert {a.origin.format for a in result.articles} == {"warc"}

    assert tabqa.url == warc_crawl.TABQA_URL  # no canonical link: the WARC-Target-URI
    assert raqqa.url == warc_crawl.RAQQA_CANONICAL  # the page's canonical link wins
    # the crawl time is kept as retrieved_at and never used as the publication date
    assert tabqa.retrieved_at == datetime(2019, 5, 1, 12, 0, 0, tzinfo=UTC)
    assert raqqa.retrieved_at == datetime(2019, 5, 1, 12, 0, 2, tzinfo=UTC)
    assert tabqa.published == date(2017, 3, 27)
    assert raqqa.published == date(2017, 6, 6)
    assert tabqa.outlet == raqqa.outlet == "River Gazette"
    assert tabqa.title == "Fighters near Tabqa dam"
    assert tabqa.text.split("\n\n") == [
        "Fighters of the Syrian Democratic Forces advanced toward the Tabqa dam west of Raqqa on Monday, a spokesman said.",
        "Engineers warned that the dam could fail if its control room was damaged in the fighting.",
        "Villagers downstream said they had moved to higher ground as a precaution.",
    ]
    assert "Copyright" not in raqqa.text and "Home" not in raqqa.text


def test_gzipped_warc_from_stdin(monkeypatch, tmp_path, warc_crawl):
    data = warc_crawl.build(tmp_path / "crawl.warc.gz", gzip=True).read_bytes()
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=io.BytesIO(data)))

    items = list(read_paths(["-"], ReadContext()))

    assert [(i.origin.path, i.origin.format, i.origin.record) for i in items] == [("-", "warc", 2), ("-", "warc", 4)]
    assert items[1].url == warc_crawl.RAQQA_CANONICAL


def test_tracking_parameters_do_not_change_the_article_id(read, tmp_path, warc_crawl):
    [tabqa, _] = read(warc_crawl.build(tmp_path / "crawl.warc.gz", gzip=True)).articles

    assert tabqa.id == article_id("https://river-gazette.test/world/tabqa", None, None, "")


def cut_inside_second_page(warc_crawl, whole: Path, cut: Path, *, gzip: bool, fraction: float) -> Path:
    """Copy `whole` up to a point inside the HTML of the second page (record 4)."""
    data = whole.read_bytes()
    offset, length = warc_crawl.spans(whole)[3]
    if gzip:  # one gzip member per record; its first ~45% holds the (incompressible) WARC headers
        end = offset + int(length * (0.55 + 0.4 * fraction))
    else:
        start = data.index(b"<!DOCTYPE html>", offset)
        end = start + int(len(warc_crawl.RAQQA_PAGE) * fraction)
    cut.write_bytes(data[:end])
    return cut


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9])
def test_truncated_archive_keeps_the_first_article(read, tmp_path, warc_crawl, gzip, fraction):
    whole = warc_crawl.build(tmp_path / ("whole.warc.gz" if gzip else "whole.warc"), gzip=gzip)
    cut = cut_inside_second_page(warc_crawl, whole, tmp_path / ("cut.warc.gz" if gzip else "cut.warc"),
                                 gzip=gzip, fraction=fraction)

    result = read(cut)

    [article] = result.articles  # the cut page is not kept half-read
    assert article.url == warc_crawl.TABQA_URL
    [rejection] = result.rejections
    assert rejection.code in ("E103", "E104")
    assert rejection.origin.path == str(cut)
    assert rejection.origin.record == 4


def test_truncated_archive_does_not_stop_the_next_input(read, tmp_path, fixtures, warc_crawl):
    whole = warc_crawl.build(tmp_path / "whole.warc.gz", gzip=True)
    cut = cut_inside_second_page(warc_crawl, whole, tmp_path / "cut.warc.gz", gzip=True, fraction=0.5)

    result = read(cut, fixtures / "seed_inline.txt")

    assert [Path(a.origin.path).name for a in result.articles] == ["cut.warc.gz", "seed_inline.txt"]
    assert result.codes == ["E103"]


def test_archive_cut_inside_record_headers_is_reported(read, tmp_path, warc_crawl):
    whole = warc_crawl.build(tmp_path / "whole.warc", gzip=False)
    offset, _ = warc_crawl.spans(whole)[3]
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole.read_bytes()[:offset + 300])  # inside the WARC header block of record 4

    result = read(cut)

    assert len(result.articles) == 1
    assert result.codes == ["E103"]
