"""HTML pages: the article body only (no menus, banners, footers), with the page's metadata."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

BOILERPLATE = ["cookie", "Subscribe", "Sport", "Related stories", "Dam fears grow", "Evacuation buses",
               "Copyright", "Privacy policy", "Terms and conditions", "All rights reserved"]


def test_article_page_metadata(read, fixtures):
    result = read(fixtures / "article_page.html")

    assert result.rejections == []
    [article] = result.articles
    assert article.origin.format == "html"
    assert article.title == "Civilians flee west Mosul as fighting nears old city"
    assert article.outlet == "River Gazette"  # og:site_name
    assert article.url == "https://river-gazette.test/world/2017/03/14/west-mosul-civilians-flee"  # canonical
    # article:published_time, not article:modified_time (2017-03-20)
    assert article.published == date(2017, 3, 14)
    assert article.published_at == datetime(2017, 3, 14, 4, 45, tzinfo=UTC)
    assert article.date_status == "ok"
    assert article.lang == "en"
    assert article.author == "Layla Haddad"


def test_article_page_text_is_the_body_only(read, fixtures):
    [article] = read(fixtures / "article_page.html").articles

    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("Thousands of civilians walked out of western Mosul on Tuesday")
    assert paragraphs[-1] == ("The United Nations said camps east of Mosul were close to capacity and that new "
                              "sites were being prepared near Hammam al-Alil.")
    assert len(paragraphs) == 4
    assert '"We left at first light when the shelling stopped for an hour,"' in article.text
    assert not article.text.startswith(article.title)  # the <h1> is the title, not the first paragraph
    for word in BOILERPLATE:
        assert word.lower() not in article.text.lower(), word


def test_page_without_main_text_is_rejected(read, fixtures):
    result = read(fixtures / "no_text_page.html", fixtures / "article_page.html")

    first, second = result.items
    assert first.origin.path.endswith("no_text_page.html")
    assert getattr(first, "code", None) == "E105"
    assert "no main text" in first.problem
    assert second.origin.path.endswith("article_page.html")
    assert second.title == "Civilians flee west Mosul as fighting nears old city"


def test_page_over_the_document_limit_is_rejected(read, fixtures):
    result = read(fixtures / "article_page.html", settings={"read.max_document_bytes": 1000})

    assert result.articles == []
    assert result.codes == ["E106"]


@pytest.mark.parametrize("meta", [
    '<meta itemprop="datePublished" content="2016-11-30">',
    '<meta name="pubdate" content="2016-11-30T08:00:00Z">',
    '<meta name="dc.date" content="2016-11-30">',
])
def test_other_published_meta_tags(read, tmp_path, meta):
    body = "".join(f"<p>Paragraph {n}: aid agencies said the camps near Khazir were filling quickly as "
                   f"families left the eastern districts of Mosul.</p>" for n in range(3))
    path = tmp_path / "page.html"
    path.write_text(f"<!DOCTYPE html><html><head><title>Khazir camps</title>{meta}</head>"
                    f"<body><article>{body}</article></body></html>", encoding="utf-8")

    [article] = read(path).articles

    assert article.published == date(2016, 11, 30)
    assert article.text.count("Paragraph") == 3
