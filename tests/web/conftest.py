"""Fixtures for the web layer: a small analysed store built from articles we wrote, the app over it,
and an in-process client (httpx.ASGITransport, no sockets)."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

import httpx
from fastapi import FastAPI

from dateline.analyze.run import analyze_store
from dateline.config import Config
from dateline.errors import ConfigError
from dateline.ingest import ingest
from dateline.store import open_store
from dateline.web import create_app

EVIL_SCRIPT = "<script>window.__pwned = 1; document.title = 'pwned'</script>"
EVIL_LINK = '<a href="javascript:window.__pwned=2">click here</a>'
EVIL_ATTR = '" onmouseover="window.__pwned=3" x="'
EVIL_IMG = "<img src=x onerror=\"window.__pwned=4\">"
EVIL_URL = "javascript:window.__pwned=5"
FORMULA_TITLE = "=HYPERLINK(\"http://evil.example\",\"open\")"




def _article(day: str, outlet: str, title: str, text: str, slug: str) -> dict[str, Any]:
    return {"url": f"https://{outlet.lower().replace(' ', '')}.example/{day}/{slug}", "date": day,
            "outlet": outlet, "title": title, "text": text}


ARTICLES: list[dict[str, Any]] = [
    _article("2016-10-17", "Tigris Wire", "Offensive to retake Mosul begins",
             "Iraqi forces began an offensive to retake Mosul from Islamic State on Monday, officials said in "
             "Baghdad.\n\nThe operation involves Kurdish Peshmerga fighters east of the city.", "mosul-begins"),
    _article("2017-03-01", "Tigris Wire", "Iraqi forces advance in western Mosul",
             "Iraqi forces advanced in western Mosul on Tuesday, officers said.\n\nResidents said the fighting "
             "near the old city had been heavy for three days.", "west-mosul"),
    {**_article("2017-04-10", "Levant Ledger", "Clashes reported near Raqqa " + EVIL_IMG,
                "Fighting was reported near Raqqa, Syria on Sunday. " + EVIL_SCRIPT + "\n\nA statement said: "
                + EVIL_LINK + " and " + EVIL_ATTR + " according to officials in Damascus.", "raqqa-clashes"),
     "url": EVIL_URL},
    _article("2017-05-04", "Euphrates Times", "Baghdad and Washington weigh troop presence",
             "Officials in Baghdad and Washington discussed a long-term troop presence on Thursday.",
             "troop-presence"),
    _article("2017-06-06", "Euphrates Times", "Assault on Raqqa begins",
             "US-backed fighters launched an assault on Raqqa in Syria on Tuesday, a spokesman said.", "raqqa-assault"),
    _article("2017-07-10", "Levant Ledger", FORMULA_TITLE,
             "The prime minister declared victory in Mosul on Monday after nine months of fighting.", "mosul-victory"),
    _article("2017-07-11", "Tigris Wire", "100% of Mosul retaken, officials say",
             "Officials in Mosul said on Tuesday that the city was fully under government control.", "mosul-retaken"),
    # Three reports of one toll (killed near Tabqa): two in August disagree, September gives a range.
    _article("2017-08-01", "Delta Courier", "Strikes near Tabqa kill civilians",
             "At least 30 civilians were killed in air strikes near Tabqa on Tuesday, monitors said.", "tabqa-strikes"),
    _article("2017-08-03", "Orontes Post", "Tabqa council disputes toll",
             "About 12 civilians were killed in the strikes near Tabqa, the local council said.", "tabqa-council"),
    _article("2017-09-05", "Delta Courier", "Tabqa toll revised",
             "Between 40 and 60 civilians have been killed near Tabqa since August, monitors said.", "tabqa-revised"),
]


def build_store(path: Path, records: list[dict[str, Any]]) -> Path:
    """Ingest `records` as JSON Lines into a new store at `path` and analyse them."""
    source = path.parent / (path.stem + "-input.jsonl")
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with open_store(path) as store:
        ingest(store, [str(source)])
        try:
            config = Config().with_overrides({"analyze.stages": "nlp,actors,places,time"})
            analyze_store(store, config)
        except ConfigError:  # a build without the actor/place stages: fall back to the basic ones
            analyze_store(store, Config().with_overrides({"analyze.stages": "nlp,time"}))
    return path


def _span(text: str, sentence: str, trigger: str) -> tuple[int, int, int, int]:
    """Offsets of `sentence` in `text` and of `trigger` in the text (inside that sentence)."""
    s0 = text.index(sentence)
    t0 = text.index(trigger, s0)
    return s0, s0 + len(sentence), t0, t0 + len(trigger)


# Events written straight into the store (title substring, evidence sentence, trigger, type, date,
# place, lat, lon): the fixture's analysis runs no event stage, so the tests know exactly what is there.
CODED_EVENTS = [
    ("western Mosul", "Iraqi forces advanced in western Mosul on Tuesday, officers said.", "advanced", "ASSAULT",
     "2017-02-28", 99072, "Mosul", 36.335, 43.11889),
    ("Clashes reported", "Fighting was reported near Raqqa, Syria on Sunday. " + EVIL_SCRIPT, "Fighting", "FIGHT",
     "2017-04-09", 163915, "Ar Raqqah", 35.95283, 39.00788),
    ("Assault on Raqqa", "US-backed fighters launched an assault on Raqqa in Syria on Tuesday, a spokesman said.",
     "assault", "ASSAULT", "2017-06-06", 163915, "Ar Raqqah", 35.95283, 39.00788),
]


# Figures written straight into the store: (title substring, figure text, qualifier, value, low, high).
# The first two are a disagreement (at least 30 vs about 12, same month, independent sources).
TOLL_FIGURES = [
    ("Strikes near Tabqa", "At least 30 civilians", "at_least", 30, None, None),
    ("Tabqa council", "About 12 civilians", "about", 12, None, None),
    ("Tabqa toll revised", "Between 40 and 60 civilians", "range", None, 40, 60),
]


def add_coded_records(path: Path) -> None:
    """Events (with evidence offsets), a merged event, a figure and a story over the fixture's articles."""
    with open_store(path) as store:
        con = store.con
        ids = {}
        for title_part, sentence, trigger, etype, day, geonameid, place, lat, lon in CODED_EVENTS:
            article_id, text = con.execute("SELECT id, text FROM articles WHERE title LIKE ?",
                                           ["%" + title_part + "%"]).fetchone()
            s0, s1, t0, t1 = _span(text, sentence, trigger)
            actors = [r[0] for r in con.execute(
                "SELECT DISTINCT actor_id FROM actor_mentions WHERE article_id = ? AND start >= ? AND \"end\" <= ? "
                "AND actor_id IS NOT NULL ORDER BY actor_id", [article_id, s0, s1]).fetchall()]
            con.execute(
                "INSERT INTO events (article_id, start, \"end\", text, type, mode, factuality, date, date_precision, "
                "geonameid, place, country, lat, lon, source_actors, target_actors, sentence_start, sentence_end, "
                "confidence, coded_by) VALUES (?, ?, ?, ?, ?, 'attack', 'happened', ?, 'day', ?, ?, 'SY', ?, ?, ?, "
                "[], ?, ?, 0.8, 'test')",
                [article_id, t0, t1, trigger, etype, day, geonameid, place, lat, lon, actors[:1], s0, s1])
            ids[title_part] = (article_id, t0, t1, etype)
        for title_part in ("Clashes reported", "Assault on Raqqa"):
            article_id, t0, t1, etype = ids[title_part]
            con.execute("INSERT INTO merged_event_sources (event_key, merged_id, article_id, start, \"end\", type) "
                        "VALUES (?, 'm-raqqa', ?, ?, ?, ?)", [f"{article_id}:{t0}:{t1}:{etype}", article_id, t0, t1, etype])
        con.execute("INSERT INTO merged_events (merged_id, type, reports, articles, outlets, independent_outlets) "
                    "VALUES ('m-raqqa', 'ASSAULT', 2, 2, 2, 2)")
        victory_id, victory = con.execute("SELECT id, text FROM articles WHERE text LIKE '%nine months%'").fetchone()
        f0 = victory.index("nine months")
        con.execute("INSERT INTO figures (article_id, start, \"end\", text, kind, value, unit, noun, place, as_of, "
                    "sentence_start, sentence_end) VALUES (?, ?, ?, 'nine months', 'duration', 9, 'month', 'month', "
                    "'Mosul', '2017-07-10', 0, ?)", [victory_id, f0, f0 + 11, len(victory)])
        for title_part, phrase, qualifier, value, low, high in TOLL_FIGURES:
            article_id, text, published = con.execute(
                "SELECT id, text, published FROM articles WHERE title LIKE ?", ["%" + title_part + "%"]).fetchone()
            f0 = text.index(phrase)
            con.execute("INSERT INTO figures (article_id, start, \"end\", text, kind, qualifier, value, low, high, "
                        "unit, noun, place, as_of, sentence_start, sentence_end) VALUES (?, ?, ?, ?, 'killed', ?, ?, "
                        "?, ?, 'person', 'civilian', 'Tabqa', ?, 0, ?)",
                        [article_id, f0, f0 + len(phrase), phrase, qualifier, value, low, high, published, len(text)])
        mosul = [r[0] for r in con.execute("SELECT id FROM articles WHERE title ILIKE '%mosul%' ORDER BY published").fetchall()]
        con.execute("INSERT INTO stories VALUES ('s-mosul', 'Battle for Mosul', '2016-10-17', '2017-07-11', ?, ?, 1, NULL)",
                    [len(mosul), len(mosul) - 1])
        for i, article_id in enumerate(mosul):  # the last two count as copies of one text
            canonical = mosul[-2] if i == len(mosul) - 1 else article_id
            con.execute("INSERT INTO story_articles VALUES (?, 's-mosul', ?, 0.5, ?, NULL)", [article_id, canonical, i == 0])


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small analysed store (session-wide: the analysis loads spaCy once). Treat it as read-only."""
    path = build_store(tmp_path_factory.mktemp("web") / "web.duckdb", ARTICLES)
    add_coded_records(path)
    return path


@pytest.fixture(scope="session")
def app(web_db: Path) -> Iterator[FastAPI]:
    application = create_app(web_db)
    yield application
    application.state.db.close()


class Client:
    """A synchronous face on httpx.AsyncClient over ASGITransport (each call runs its own loop)."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
                return await client.request(method, url, **kwargs)
        return asyncio.run(send())

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Client:
    return Client(app)


@pytest.fixture
def writable_db(web_db: Path, tmp_path: Path) -> Path:
    """A private copy of the store that a test may write to."""
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(web_db, copy)
    return copy
