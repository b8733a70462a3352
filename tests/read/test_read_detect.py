"""Format detection: the extension when it says, the first bytes when it does not, --format over both."""

from __future__ import annotations

import gzip
import shutil
from datetime import date

import pytest

from dateline.read.detect import detect_format, format_from_content, format_from_name


@pytest.mark.parametrize(("name", "fmt"), [
    ("seed.txt", "text"), ("a.jsonl", "jsonl"), ("a.ndjson", "jsonl"), ("a.json", "jsonl"),
    ("a.csv", "csv"), ("a.tsv", "csv"), ("page.HTM", "html"), ("page.xhtml", "html"),
    ("crawl.warc", "warc"), ("crawl.warc.gz", "warc"), ("CC-MAIN-0001.warc.wat.gz", "warc"),
    ("news.rss", "feed"), ("news.atom", "feed"), ("Feed.XML", "feed"), ("rows.parquet", "parquet"),
    ("a.jsonl.gz", "jsonl"), ("seed.txt.gz", "text"),
    ("notes.md", None), ("no_extension", None), ("archive.gz", None), ("image.png", None),
])
def test_format_from_name(name, fmt):
    assert format_from_name(name) == fmt


@pytest.mark.parametrize(("head", "fmt"), [
    (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
    (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', "feed"),
    (b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
    (b"<!DOCTYPE html>\n<html><head>", "html"),
    (b"<!doctype html><html>", "html"),
    (b"\n  <html lang=\"en\"><body>", "html"),
    (b'{"text": "Mosul", "date": "2017-01-01"}\n', "jsonl"),
    (b'\xef\xbb\xbf[{"text": "Mosul"}]', "jsonl"),
    (b"  date 2017-05-04 The talks continued.", "text"),
    (b"DATE: 2017-05-04\nThe talks continued.", "text"),
    (b"url,title,date,text\nhttps://x.test,a,2017-01-01,b\n", "csv"),
    (b"headline\tpublished\tbody\n", "csv"),
    (b"PAR1\x15\x04", "parquet"),
    (b"Just some prose about Tikrit without any date line.", None),
    (b"alpha,beta,gamma\n1,2,3\n", None),
])
def test_format_from_content(head, fmt):
    assert format_from_content(head) == fmt


def test_extension_wins_over_content():
    assert detect_format("looks-like-json.txt", b'{"text": "x"}') == "text"
    assert detect_format("stdin", b'{"text": "x"}') == "jsonl"


def test_xml_that_is_not_a_feed_is_judged_by_content():
    assert detect_format("page.xml", b"<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert detect_format("feed.xml", b'<?xml version="1.0"?><rss version="2.0">') == "feed"


@pytest.mark.parametrize(("fixture", "fmt", "articles"), [
    ("seed_inline.txt", "text", 1),
    ("articles.jsonl", "jsonl", 3),
    ("articles.csv", "csv", 2),
    ("article_page.html", "html", 1),
    ("feed_rss.xml", "feed", 2),
])
def test_unknown_extension_is_read_by_content(read, tmp_path, fixtures, fixture, fmt, articles):
    path = tmp_path / "download.dat"
    shutil.copy(fixtures / fixture, path)

    result = read(path)

    assert result.rejections == []
    assert len(result.articles) == articles
    assert {a.origin.format for a in result.articles} == {fmt}


@pytest.mark.parametrize("gzip", [False, True], ids=["warc", "warc.gz"])
def test_unknown_extension_of_a_warc_is_read_by_content(read, tmp_path, warc_crawl, gzip):
    path = warc_crawl.build(tmp_path / "crawl.bin", gzip=gzip)

    result = read(path)

    assert result.rejections == []
    assert [a.origin.format for a in result.articles] == ["warc", "warc"]


def test_gzipped_content_is_detected_after_gunzipping(read, tmp_path, fixtures):
    path = tmp_path / "download.dat.gz"
    path.write_bytes(gzip.compress((fixtures / "feed_atom.atom").read_bytes()))

    [article] = read(path).articles

    assert article.origin.format == "feed"
    assert article.published == date(2017, 7, 10)


def test_undetectable_content_is_rejected(read, tmp_path, fixtures):
    path = tmp_path / "mystery.dat"
    path.write_text("Prose with no date line and no structure at all.\n", encoding="utf-8")

    result = read(path, fixtures / "seed_inline.txt")

    assert [(r.code, r.origin.path) for r in result.rejections] == [("E107", str(path))]
    assert "--format" in result.rejections[0].problem
    assert len(result.articles) == 1


def test_format_option_overrides_detection(read, tmp_path, fixtures):
    data = (fixtures / "articles.jsonl").read_bytes()
    dat = tmp_path / "export.dat"
    dat.write_bytes(data)
    misnamed = tmp_path / "export.txt"  # the extension says seed text; the content is JSON Lines
    misnamed.write_bytes(data)

    forced = read(dat, misnamed, fmt="jsonl")
    by_name = read(misnamed)

    assert forced.rejections == []
    assert [a.origin.format for a in forced.articles] == ["jsonl"] * 6
    assert [a.title for a in forced.articles[:3]] == [a.title for a in forced.articles[3:]]
    [as_text] = by_name.articles
    assert as_text.origin.format == "text"


def test_format_option_can_read_a_mystery_file(read, tmp_path):
    path = tmp_path / "mystery.dat"
    path.write_text("Prose about the battle for Tal Afar, with no date line.\n", encoding="utf-8")

    [article] = read(path, fmt="text").articles

    assert article.text == "Prose about the battle for Tal Afar, with no date line."
    assert article.date_status == "missing"
