"""The feed pre-check (issue 9): feedparser's quadratic paths end fast, with a clear refusal or one field dropped."""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator

import pytest

from dateline.model import Article, Rejection
from dateline.read.feed import read_feed
from dateline.read.feed_guard import MAX_ADDRESS_RUN, guard_feed
from tests.badinput import generate as g

CPU_BOUND = 2.0  # seconds of CPU per hostile feed; before the guard each of these took 3-30 s


def _rss(items: str, *, doctype: str = "", root: str = '<rss version="2.0">') -> bytes:
    """A small RSS document of ours around the given items."""
    return (f'<?xml version="1.0" encoding="utf-8"?>{doctype}\n{root}<channel><title>Harbour Wire</title>'
            f"{items}</channel></rss>").encode()


def _item(n: int, extra: str = "") -> str:
    return (f"<item><title>Ferry note {n}</title><link>https://harbour.example/{n}</link>"
            f"<pubDate>Mon, 03 Apr 2017 08:00:00 GMT</pubDate>{extra}"
            f"<description>The harbour ferry ran on time, note {n}.</description></item>")


def _timed(ctx, data: bytes) -> tuple[list[Article | Rejection], float]:
    """Everything read_feed yields for the bytes, and the CPU seconds it took."""
    started = time.process_time()
    items = list(read_feed(io.BytesIO(data), "hostile.rss", ctx))
    return items, time.process_time() - started


def _hostile_feeds() -> Iterator[tuple[str, Callable[[], bytes]]]:
    yield "author_redos", g.rss_author_redos
    yield "many_attributes", g.rss_many_attributes
    yield "attlist_defaults", g.rss_attlist_defaults
    yield "attlist_20000_defaults", lambda: g.rss_attlist_defaults(20_000, 2)  # 320 KB: only as --format feed
    yield "author_budget", lambda: _rss("".join(_item(n, f"<author>{'b' * 250}</author>") for n in range(2000)))
    yield "entity_in_author", lambda: _rss(_item(1, "<author>" + "&w;" * 100 + "</author>") + _item(2),
                                           doctype='<!DOCTYPE rss [<!ENTITY w "' + "w" * 4000 + '">]>')


@pytest.mark.parametrize("build", [b for _, b in _hostile_feeds()], ids=[n for n, _ in _hostile_feeds()])
def test_each_hostile_feed_ends_within_the_bound(ctx, build):
    items, seconds = _timed(ctx, build())

    assert seconds < CPU_BOUND
    rejections = [i for i in items if isinstance(i, Rejection)]
    for rejection in rejections:
        assert rejection.code == "E104" and rejection.problem.startswith("feed refused: ")
    assert rejections or any(w for i in items if isinstance(i, Article) for w in i.warnings)


def test_a_runaway_byline_is_dropped_and_the_rest_kept(ctx):
    items, _ = _timed(ctx, g.rss_author_redos())

    first, second = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert not first.author
    assert first.text.startswith("An item whose byline")
    assert first.warnings == ["author field at line 2 dropped (a run of 16,384 address characters (limit 256)): "
                              "feedparser's e-mail pattern is quadratic on it"]
    assert second.author == "desk@badinput.example (River Desk)"
    assert second.warnings == []


@pytest.mark.parametrize(("build", "problem"), [
    (g.rss_many_attributes, "line 2: element <item> has 5,000 attributes (limit 256)"),
    (g.rss_attlist_defaults, "line 1: its DTD declares attribute defaults (<!ATTLIST>)"),
])
def test_attribute_floods_are_refused_naming_line_and_problem(ctx, build, problem):
    [rejection] = _timed(ctx, build())[0]

    assert isinstance(rejection, Rejection)
    assert rejection.code == "E104"
    assert problem in rejection.problem


def test_a_huge_prolog_is_refused():
    comment = "<!-- " + "padding " * 10_000 + "-->"
    guarded = guard_feed(_rss(_item(1), doctype=comment))

    assert guarded.refusal is not None and "prolog" in guarded.refusal


@pytest.mark.parametrize("byline", [
    "<author><author>x</author>" + "c" * 4000 + "</author>",  # nested: the outer text counts
    "<author><![CDATA[</author>]]>" + "c" * 4000 + "</author>",  # a close tag written inside CDATA
    "<author>" + "cccc<x/>" * 1000 + "</author>",  # text split by child tags joins again
    "<author>" + "cc<!-- -->" * 2000 + "</author>",  # ... and by comments
    "<author>" + "&#99;" * 4000 + "</author>",  # character references, one character each
    "<dc:creator>" + "c" * 4000 + "</dc:creator>",
    "<ITUNES:AUTHOR>" + "c" * 4000 + "</ITUNES:AUTHOR>",
    "<webMaster>" + "c" * 4000 + "</webMaster>",
])
def test_disguised_runaway_bylines_are_found(byline):
    data = _rss(_item(1, byline) + _item(2))

    guarded = guard_feed(data)

    assert guarded.refusal is None
    assert list(guarded.warnings) == [1]
    assert b"c" * (MAX_ADDRESS_RUN + 1) not in guarded.data
    assert guarded.data.count(b"<item>") == 2


def test_bylines_inside_cdata_or_comments_are_text_not_fields():
    data = _rss(_item(1, "<description><![CDATA[<author>" + "c" * 4000 + "</author>]]></description>")
                + "<!-- <author>" + "c" * 4000 + "</author> -->" + _item(2))

    assert guard_feed(data).data is data


def test_a_normal_feed_passes_unchanged(fixtures):
    for name in ("feed_rss.xml", "feed_atom.atom", "feed_empty.rss"):
        data = (fixtures / name).read_bytes()
        guarded = guard_feed(data)
        assert guarded.refusal is None and guarded.warnings == {} and guarded.data is data, name
    bylines = ["<author>ana.silva+news@harbour-wire.example (Ana Silva)</author>",
               '<dc:creator><![CDATA[Ana Silva & Jo Lee]]></dc:creator>',
               "<author><name>Jo Lee</name><email>jo@harbour.example</email></author>"]
    root = '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
    data = _rss("".join(_item(n, bylines[n % 3]) for n in range(3000)), root=root)
    guarded = guard_feed(data)
    assert guarded.refusal is None and guarded.warnings == {} and guarded.data is data


@pytest.mark.parametrize("shape", [
    b"<author" * 200_000,  # tags that never close
    b"<![CDATA[" * 200_000,  # CDATA that never ends
    b"<a " + b'x="1" ' * 200_000,  # a start tag that never ends
    b"<author>" + b"a-" * 500_000,  # an author field that never ends
])
def test_the_guard_itself_stays_linear(shape):
    data = _rss(_item(1)).replace(b"<channel>", b"<channel>" + shape)
    started = time.process_time()
    guard_feed(data)
    assert time.process_time() - started < 1.0


def test_markup_inside_a_field_is_undone_in_linear_time():
    field = "<author><![CDATA[" + "<!--" * 250_000 + "]]></author>"
    started = time.process_time()
    guarded = guard_feed(_rss(_item(1, field)))
    assert time.process_time() - started < 1.0
    assert guarded.refusal is None and guarded.warnings == {}
