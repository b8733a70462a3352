"""RSS and Atom feeds: one article per entry, full content preferred over the teaser."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from dateline.model import Article, Rejection
from dateline.read.feed import html_to_text, read_feed


def test_rss_items(read, fixtures):
    result = read(fixtures / "feed_rss.xml")

    assert result.rejections == []
    madaya, aleppo = result.articles
    assert [a.origin.record for a in result.articles] == [1, 2]
    assert {a.origin.format for a in result.articles} == {"feed"}

    # content:encoded wins over the description teaser; its paragraphs survive, its script does not
    assert madaya.text == ("A convoy of trucks carrying food and medicine reached the besieged town of Madaya on "
                           "Monday evening, aid officials said.\n\nResidents described weeks of hunger, and "
                           "doctors said several people needed urgent treatment.")
    assert "teaser" not in madaya.text and "track(" not in madaya.text
    assert madaya.published == date(2016, 1, 11)  # RFC 822 pubDate
    assert madaya.published_at == datetime(2016, 1, 11, 18, 20, tzinfo=UTC)
    assert madaya.url == "https://euphrates-bulletin.test/2016/01/madaya-convoy"
    assert madaya.title == "Aid convoy reaches Madaya"
    assert madaya.outlet == "Euphrates Bulletin"  # the channel title
    assert madaya.author == "Omar Khalil"
    assert madaya.lang == "en"
    assert madaya.warnings == []

    # no content:encoded: the description, its <br/> a paragraph break
    assert aleppo.text == ("A fragile truce largely held overnight in Aleppo, monitors said."
                           "\n\nAid trucks were still waiting at the Turkish border.")
    assert aleppo.published == date(2016, 9, 13)  # the date as written, at +03:00
    assert aleppo.published_at == datetime(2016, 9, 13, 4, 5, tzinfo=UTC)


def test_atom_entries(read, fixtures):
    [entry] = read(fixtures / "feed_atom.atom").articles

    assert entry.text == ("Iraq's prime minister arrived in Mosul on Monday to mark the end of the battle for "
                          "the city.\n\nPockets of fighters remained in the old city, officers said.")
    assert entry.published == date(2017, 7, 10)  # <published>, not <updated>
    assert entry.url == "https://tigris-monitor.test/2017/07/mosul-victory"
    assert entry.outlet == "Tigris Monitor"
    assert entry.author == "Sara Nouri"
    assert entry.title == "Mosul victory declared"


def test_feed_without_entries(read, fixtures):
    result = read(fixtures / "feed_empty.rss")

    assert result.articles == []
    assert result.codes == ["E105"]
    assert "no entries" in result.rejections[0].problem


def test_malformed_xml_is_rejected_and_the_next_input_still_read(read, tmp_path, fixtures):
    broken = tmp_path / "broken.rss"
    broken.write_bytes(b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Euphrates Bulletin</title>'
                       b'<<< & this is not xml &&& </rss')

    result = read(broken, fixtures / "feed_atom.atom")

    first, second = result.items
    assert isinstance(first, Rejection)
    assert first.code == "E104"
    assert first.origin.path == str(broken)
    assert "not a readable feed" in first.problem
    assert isinstance(second, Article) and second.outlet == "Tigris Monitor"


def test_feed_cut_short_keeps_the_complete_items_with_a_warning(ctx):
    data = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Euphrates Bulletin</title>'
            b'<item><title>Shelling in Daraya</title><link>https://euphrates-bulletin.test/daraya</link>'
            b'<pubDate>Fri, 26 Aug 2016 09:00:00 +0000</pubDate>'
            b'<description>Buses waited outside Daraya as the evacuation began, residents said.</description>'
            b'</item><item><title>Second')

    items = list(read_feed(io.BytesIO(data), "cut.rss", ctx))

    article = items[0]
    assert isinstance(article, Article)
    assert article.published == date(2016, 8, 26)
    assert any("not well-formed" in w for w in article.warnings)
    assert all(isinstance(i, Rejection) for i in items[1:])


def test_html_to_text_keeps_paragraphs_and_drops_scripts():
    fragment = "<div><p>One &amp; two.</p><script>x()</script><style>p{}</style><p>Three<br>four</p></div>"

    assert html_to_text(fragment).split() == ["One", "&", "two.", "Three", "four"]
    assert "\n\n" in html_to_text(fragment)
    assert html_to_text("plain words") == "plain words"
