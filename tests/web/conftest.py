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

import httpx  # noqa: E402
from fastapi import FastAPI  # noqa: E402

from dateline.analyze.run import analyze_store  # noqa: E402
from dateline.config import Config  # noqa: E402
from dateline.errors import ConfigError  # noqa: E402
from dateline.ingest import ingest  # noqa: E402
from dateline.store import open_store  # noqa: E402
from dateline.web import create_app  # noqa: E402

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


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small analysed store (session-wide: the analysis loads spaCy once). Treat it as read-only."""
    return build_store(tmp_path_factory.mktemp("web") / "web.duckdb", ARTICLES)


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
