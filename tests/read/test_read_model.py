"""The Article model: stable ids from canonical URLs, or from date + title + text; normalized text."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.model import Article, Origin, Rejection, article_id, canonical_url, normalize_text

BASE = "https://example-news.test/world/2017/07/10/mosul-victory"


@pytest.mark.parametrize("variant", [
    BASE,
    BASE + "/",
    BASE + "?utm_source=twitter&utm_medium=social",
    BASE + "?fbclid=abc123",
    BASE + "#comments",
    "http://example-news.test/world/2017/07/10/mosul-victory",
    "https://www.example-news.test/world/2017/07/10/mosul-victory",
    "HTTPS://WWW.Example-News.test:443/world/2017/07/10/mosul-victory/?utm_campaign=x#top",
    "  https://example-news.test/world/2017/07/10/mosul-victory  ",
])
def test_same_article_same_id(variant):
    assert canonical_url(variant) == BASE
    assert article_id(variant, None, None, "") == article_id(BASE, None, None, "")


def test_the_id_ignores_title_text_and_date_when_there_is_a_url():
    one = article_id(BASE, date(2017, 7, 10), "Mosul victory", "First version of the text.")
    two = article_id(BASE + "?utm_source=rss", date(2017, 7, 11), "Updated headline", "Corrected text.")

    assert one == two


@pytest.mark.parametrize("other", [
    "https://example-news.test/world/2017/07/10/mosul-victory-reaction",
    "https://other-wire.test/world/2017/07/10/mosul-victory",
    "https://example-news.test/world/2017/07/10/mosul-victory?page=2",
    "https://example-news.test/World/2017/07/10/mosul-victory",  # paths are case-sensitive
    "https://example-news.test:8443/world/2017/07/10/mosul-victory",
])
def test_different_urls_different_ids(other):
    assert article_id(other, None, None, "") != article_id(BASE, None, None, "")


def test_query_parameter_order_does_not_matter():
    assert canonical_url("https://x.test/a?b=2&a=1") == canonical_url("https://x.test/a?a=1&b=2")


def test_id_without_url_comes_from_date_title_and_text():
    base = article_id(None, date(2016, 10, 17), "Mosul offensive", "Peshmerga units moved east of Mosul.")

    assert article_id(None, date(2016, 10, 17), "Mosul offensive", "Peshmerga units moved east of Mosul.") == base
    assert article_id("", date(2016, 10, 17), "Mosul offensive", "Peshmerga units moved east of Mosul.") == base
    assert article_id("not a url", date(2016, 10, 17), "Mosul offensive",
                      "Peshmerga units moved east of Mosul.") == base  # no host: not a URL
    assert article_id(None, date(2016, 10, 18), "Mosul offensive", "Peshmerga units moved east of Mosul.") != base
    assert article_id(None, date(2016, 10, 17), "Mosul push", "Peshmerga units moved east of Mosul.") != base
    assert article_id(None, date(2016, 10, 17), "Mosul offensive", "Peshmerga units moved west.") != base
    assert article_id(None, None, "Mosul offensive", "Peshmerga units moved east of Mosul.") != base
    assert len(base) == 16 and int(base, 16) >= 0


def test_article_gets_its_id_on_creation():
    origin = Origin("a.jsonl", line=3, format="jsonl")
    with_url = Article(text="Text.", origin=origin, url=BASE + "?utm_source=x")
    without_url = Article(text="Text.", origin=origin, published=date(2017, 1, 1), title="T")

    assert with_url.id == article_id(BASE, None, None, "")
    assert without_url.id == article_id(None, date(2017, 1, 1), "T", "Text.")
    assert Article(text="Text.", origin=origin, id="fixed").id == "fixed"


def test_content_hash_tells_an_update_from_a_repeat():
    origin = Origin("a.jsonl")
    first = Article(text="Ten killed in Raqqa strike.", origin=origin, url=BASE, title="Strike")
    repeat = Article(text="Ten killed in Raqqa strike.", origin=origin, url=BASE + "/", title="Strike")
    update = Article(text="Twelve killed in Raqqa strike.", origin=origin, url=BASE, title="Strike")

    assert first.id == repeat.id == update.id
    assert first.content_hash == repeat.content_hash
    assert first.content_hash != update.content_hash


def test_origin_and_rejection_text():
    assert str(Origin("a.jsonl", line=12)) == "a.jsonl:12"
    assert str(Origin("crawl.warc.gz", record=4)) == "crawl.warc.gz#4"
    assert str(Origin("page.html")) == "page.html"
    rejection = Rejection(Origin("a.jsonl", line=2), "E104", "invalid JSON")
    assert str(rejection) == "a.jsonl:2: invalid JSON"


@pytest.mark.parametrize(("raw", "expected"), [
    ("  One   two\tthree  ", "One two three"),
    ("line one\nline two", "line one line two"),
    ("para one\n\npara two", "para one\n\npara two"),
    ("para one\n \t \n\n\npara two\n\n", "para one\n\npara two"),
    ("windows\r\nline\r\n\r\nnext", "windows line\n\nnext"),
    ("old mac\rline\r\rnext", "old mac line\n\nnext"),
    ("no\u00a0break space", "no break space"),
    ("nul\x00byte", "nulbyte"),
    ("Cafe\u0301 decomposed", "Caf\u00e9 decomposed"),  # NFC
    ("", ""),
    ("   \n\n \t ", ""),
])
def test_normalize_text(raw, expected):
    assert normalize_text(raw) == expected


def test_normalize_text_is_idempotent():
    raw = "  Raqqa\u00a0offensive \r\n continues\n\n\n\nSDF says \u0301 progress\x00 made  "

    once = normalize_text(raw)

    assert normalize_text(once) == once


def test_integer_dates_compact_or_epoch() -> None:
    from datetime import date

    from dateline.read.dates import parse_date

    assert parse_date(20170402).day == date(2017, 4, 2)  # YYYYMMDD, not 1970-08-23 in epoch seconds
    assert parse_date(20171341).status == "unparseable"
    assert parse_date(1493856000).day == date(2017, 5, 4)  # epoch seconds still read
    assert parse_date(True).status == "unparseable"
