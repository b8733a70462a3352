#!/usr/bin/env python3
"""Write the dateline demo corpus from `articles_data.py`.

    python examples/build_corpus.py      # writes corpus/ (except the WARC), warc_pages/, manifest.json
    python examples/make_warc.py         # packs warc_pages/*.html into corpus/archive.warc.gz

Only the standard library is used. Output is deterministic: running it twice gives the same bytes.
"""

from __future__ import annotations

import csv
import html
import json
import textwrap
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

from articles_data import ARTICLES, OUTLETS

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
WARC_PAGES = HERE / "warc_pages"
WARC_FILE = "corpus/archive.warc.gz"


def paragraphs(article: dict) -> list[str]:
    body = textwrap.dedent(article["body"]).strip()
    return [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]


def text_of(article: dict) -> str:
    return "\n\n".join(paragraphs(article))


def published(article: dict) -> datetime:
    return datetime.strptime(f"{article['date']} {article['time']}", "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def iso(article: dict) -> str:
    return published(article).strftime("%Y-%m-%dT%H:%M:%SZ")


def human_date(article: dict) -> str:
    d = published(article)
    return f"{d.day} {d.strftime('%B %Y')}, {d.strftime('%H:%M')} GMT"


def by_key() -> dict[str, dict]:
    return {a["key"]: a for a in ARTICLES}


# --------------------------------------------------------------------------- txt (seed format)
def write_txt(articles: list[dict]) -> list[dict]:
    out = CORPUS / "txt"
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for a in articles:
        path = out / f"{a['slug']}.txt"
        path.write_text(f"date {a['date']}\n\n{text_of(a)}\n", encoding="utf-8")
        rows.append(entry(a, f"corpus/txt/{path.name}", None, url=None))
    return rows


# --------------------------------------------------------------------------- JSON Lines
def write_jsonl(articles: list[dict]) -> list[dict]:
    rows = []
    with open(CORPUS / "news.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for i, a in enumerate(articles):
            record = {"url": a["url"], "title": a["title"], "date": a["date"], "outlet": a["outlet"],
                      "text": text_of(a), "author": a["author"]}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            rows.append(entry(a, "corpus/news.jsonl", i))
    return rows


# --------------------------------------------------------------------------- CSV wire feed
def write_csv(articles: list[dict]) -> list[dict]:
    rows = []
    with open(CORPUS / "wire.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["url", "title", "published", "source", "content"])
        for i, a in enumerate(articles):
            writer.writerow([a["url"], a["title"], iso(a), a["outlet"], text_of(a)])
            rows.append(entry(a, "corpus/wire.csv", i))
    return rows


# --------------------------------------------------------------------------- HTML pages
NAV = {
    "Levant Ledger": ["Syria", "Iraq", "Lebanon", "Analysis", "Opinion", "Podcasts"],
    "Gulf Monitor Weekly": ["Home", "Gulf", "Iraq", "Energy", "Security", "The Weekly Brief"],
    "Desert Dispatch": ["World", "Middle East", "Conflict", "Humanitarian", "Data", "About"],
    "Euphrates Times": ["News", "Syria", "Iraq", "Turkey", "Features", "Archive"],
    "Northern Front Daily": ["Front page", "Mosul", "Kurdistan", "Baghdad", "Frontline diaries", "Photos"],
}


def related_links(article: dict, pool: list[dict]) -> list[dict]:
    """Up to four other stories from the same outlet (any format) with a URL, newest first."""
    same = [a for a in pool if a["outlet"] == article["outlet"] and a["url"] and a["key"] != article["key"]]
    same.sort(key=lambda a: (a["date"], a["time"]), reverse=True)
    return same[:4]


def render_page(article: dict, pool: list[dict]) -> str:
    e = html.escape
    outlet = article["outlet"]
    home = OUTLETS[outlet]
    def slug(s: str) -> str:
        return s.lower().replace(" ", "-")

    nav = "\n".join(f'        <li><a href="/{slug(item)}/">{e(item)}</a></li>' for item in NAV[outlet])
    related = "\n".join(
        f'        <li><a href="{e(r["url"])}">{e(r["title"])}</a> <span class="rel-date">{e(r["date"])}</span></li>'
        for r in related_links(article, pool)
    ) or '        <li><a href="/archive/">Browse the archive</a></li>'
    paras = "\n".join(f"          <p>{e(p)}</p>" for p in paragraphs(article))
    author = article["author"]
    year = article["date"][:4]
    return f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{e(article['title'])} | {e(outlet)}</title>
  <meta name="description" content="{e(article['summary'])}">
  <meta name="author" content="{e(author)}">
  <meta property="og:type" content="article">
  <meta property="og:title" content="{e(article['title'])}">
  <meta property="og:description" content="{e(article['summary'])}">
  <meta property="og:site_name" content="{e(outlet)}">
  <meta property="og:url" content="{e(article['url'])}">
  <meta property="article:published_time" content="{iso(article)}">
  <meta property="article:section" content="Middle East">
  <link rel="canonical" href="{e(article['url'])}">
  <link rel="stylesheet" href="{home}/static/css/site.css">
  <link rel="icon" href="{home}/static/img/favicon.png">
</head>
<body class="article-page">
  <div id="cookie-banner" class="cookie-consent" role="dialog" aria-label="Cookie consent">
    <p>We use cookies to remember your settings, measure how our site is used and show you relevant offers. You can change your choice at any time in Privacy settings.</p>
    <button type="button" class="cookie-accept">Accept all cookies</button>
    <button type="button" class="cookie-settings">Manage preferences</button>
  </div>
  <header class="site-header">
    <a class="site-logo" href="{home}/">{e(outlet)}</a>
    <nav class="main-nav" aria-label="Sections">
      <ul>
{nav}
      </ul>
    </nav>
    <form class="site-search" action="{home}/search" role="search"><input type="search" name="q" placeholder="Search"><button>Go</button></form>
    <a class="subscribe-button" href="{home}/subscribe">Subscribe</a>
  </header>
  <div class="page-layout">
    <main id="content">
      <article class="story">
        <p class="kicker"><a href="{home}/middle-east/">Middle East</a></p>
        <h1 class="headline">{e(article['title'])}</h1>
        <div class="byline">
          <span class="author">By {e(author)}</span>
          <time class="published" datetime="{iso(article)}">{human_date(article)}</time>
        </div>
        <div class="story-body">
{paras}
        </div>
      </article>
      <div class="share-tools">Share this story: <a href="{home}/share?via=mail">Email</a> <a href="{home}/share?via=print">Print</a></div>
    </main>
    <aside class="sidebar related-stories" aria-label="Related stories">
      <h2>Related stories</h2>
      <ul>
{related}
      </ul>
      <div class="newsletter-box">
        <h3>Get the morning briefing</h3>
        <p>Sign up for our free newsletter, delivered every weekday.</p>
        <a href="{home}/newsletter">Sign up</a>
      </div>
    </aside>
  </div>
  <footer class="site-footer">
    <ul class="footer-links">
      <li><a href="{home}/about">About us</a></li>
      <li><a href="{home}/contact">Contact</a></li>
      <li><a href="{home}/privacy">Privacy policy</a></li>
      <li><a href="{home}/terms">Terms of use</a></li>
    </ul>
    <p class="copyright">&copy; {year} {e(outlet)}. All rights reserved. {e(outlet)} is a fictional outlet used in the dateline demo corpus.</p>
  </footer>
</body>
</html>
"""


def write_pages(articles: list[dict], pool: list[dict]) -> list[dict]:
    out = CORPUS / "pages"
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for a in articles:
        path = out / f"{a['slug']}.html"
        path.write_text(render_page(a, pool), encoding="utf-8")
        rows.append(entry(a, f"corpus/pages/{path.name}", None))
    return rows


def write_warc_pages(articles: list[dict], pool: list[dict]) -> list[dict]:
    """Pages that make_warc.py packs into the archive; they are not part of corpus/ themselves."""
    WARC_PAGES.mkdir(parents=True, exist_ok=True)
    rows = []
    # record = position among the archive's HTML responses, which make_warc.py writes in crawl order
    for i, a in enumerate(sorted(articles, key=lambda a: a["crawl"])):
        (WARC_PAGES / f"{a['slug']}.html").write_text(render_page(a, pool), encoding="utf-8")
        rows.append(entry(a, WARC_FILE, i))
    return rows


# --------------------------------------------------------------------------- RSS 2.0
def write_rss(articles: list[dict]) -> list[dict]:
    outlet = articles[0]["outlet"]
    assert all(a["outlet"] == outlet for a in articles), "one feed = one outlet"
    home = OUTLETS[outlet]
    items_sorted = sorted(articles, key=lambda a: (a["date"], a["time"]), reverse=True)
    items, rows = [], []
    for i, a in enumerate(items_sorted):
        body_html = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs(a))
        assert "]]>" not in body_html
        items.append(f"""    <item>
      <title>{html.escape(a['title'], quote=False)}</title>
      <link>{a['url']}</link>
      <guid isPermaLink="true">{a['url']}</guid>
      <pubDate>{format_datetime(published(a))}</pubDate>
      <dc:creator>{html.escape(a['author'], quote=False)}</dc:creator>
      <category>{a['topic']}</category>
      <description>{html.escape(a['summary'], quote=False)}</description>
      <content:encoded><![CDATA[{body_html}]]></content:encoded>
    </item>""")
        rows.append(entry(a, "corpus/feed.rss", i))
    last = format_datetime(published(items_sorted[0]))
    feed = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>{outlet}</title>
    <link>{home}/</link>
    <atom:link href="{home}/feed.rss" rel="self" type="application/rss+xml"/>
    <description>Latest news on Iraq and Syria from {outlet} (a fictional outlet of the dateline demo corpus).</description>
    <language>en</language>
    <lastBuildDate>{last}</lastBuildDate>
{chr(10).join(items)}
  </channel>
</rss>
"""
    (CORPUS / "feed.rss").write_text(feed, encoding="utf-8")
    return rows


# --------------------------------------------------------------------------- manifest
def entry(a: dict, file: str, record: int | None, url: str | None | object = ...) -> dict:
    keys = by_key()
    original = keys.get(a.get("copy_of")) if a.get("copy_of") else None
    return {
        "file": file,
        "record": record,
        "url": a["url"] if url is ... else url,
        "date": a["date"],
        "outlet": a["outlet"],
        "title": a["title"],
        "topic": a["topic"],
        "wire_copy_of": original["url"] if original else None,
    }


def clean() -> None:
    """Remove generated per-article files so renamed or dropped articles leave nothing stale behind."""
    for pattern in ("txt/*.txt", "pages/*.html"):
        for path in CORPUS.glob(pattern):
            path.unlink()
    for path in WARC_PAGES.glob("*.html"):
        path.unlink()


def main() -> None:
    CORPUS.mkdir(exist_ok=True)
    clean()
    def fmt(f: str) -> list[dict]:
        return sorted((a for a in ARTICLES if a["fmt"] == f), key=lambda a: (a["date"], a["time"]))

    manifest = []
    manifest += write_txt(fmt("txt"))
    manifest += write_jsonl(fmt("jsonl"))
    manifest += write_csv(fmt("csv"))
    manifest += write_pages(fmt("html"), ARTICLES)
    manifest += write_warc_pages(fmt("warc"), ARTICLES)
    manifest += write_rss(fmt("rss"))
    (HERE / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(manifest)} articles written; now run make_warc.py to pack {len(fmt('warc'))} pages into {WARC_FILE}")


if __name__ == "__main__":
    main()
