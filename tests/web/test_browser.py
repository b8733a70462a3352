"""The page in a real headless chromium (Debian's package, driven by Playwright): the map draws,
brushing the timeline filters the list, an article shows its findings highlighted, stored markup
never runs, and nothing is requested from anywhere but the app. Skips without chromium/playwright."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dateline.web import create_app

from .conftest import ARTICLES

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("DATELINE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(web_db: Path) -> Iterator[str]:
    """uvicorn serving the fixture store on 127.0.0.1 and a free port, in a thread."""
    uvicorn = pytest.importorskip("uvicorn")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(web_db)
    instance = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(10)
    app.state.db.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


class Page:
    """A browser tab that records every request, dialog and script error."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.tab = browser.new_page(viewport={"width": 1400, "height": 900})
        self.tab.on("request", lambda request: self.requests.append(request.url))
        self.tab.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.tab.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, path: str = "/") -> Any:
        self.tab.goto(self.base + path)
        self.tab.wait_for_selector("body[data-ready='1']", state="attached")
        return self.tab

    def off_host(self) -> list[str]:
        return [u for u in self.requests if not u.startswith((self.base + "/", "data:"))]


def wait_until(tab: Any, expression: str, timeout: float = 10.0) -> None:
    """Poll a JS expression from Python (the page's CSP forbids the eval behind wait_for_function)."""
    deadline = time.monotonic() + timeout
    while not tab.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        time.sleep(0.05)


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Page]:
    opened = Page(browser, server)
    yield opened
    opened.tab.close()


def test_map_draws_countries_and_places(page: Page) -> None:
    tab = page.open()
    tab.wait_for_selector(".leaflet-overlay-pane path.place-marker", state="attached")
    countries = tab.locator(".leaflet-overlay-pane svg path:not(.place-marker)").count()
    assert countries > 100, "the Natural Earth outlines are drawn as SVG paths"
    assert tab.locator("path.place-marker").count() >= 3
    assert page.errors == []


def test_brushing_the_timeline_filters_the_list_and_map(page: Page) -> None:
    tab = page.open()
    tab.wait_for_selector("#article-list li")
    assert tab.inner_text("#article-count") == str(len(ARTICLES))
    markers_before = tab.locator("path.place-marker").count()
    box = tab.locator("#timeline").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    tab.mouse.move(box["x"] + 30, y)  # the left edge: the first bins (2016-10 onwards)
    tab.mouse.down()
    tab.mouse.move(box["x"] + box["width"] * 0.45, y, steps=8)
    tab.mouse.up()
    tab.wait_for_selector(".chip")
    wait_until(tab, f"document.getElementById('article-count').textContent !== '{len(ARTICLES)}'")
    shown = int(tab.inner_text("#article-count"))
    assert 0 < shown < len(ARTICLES)
    dates = tab.locator("#article-list .date").all_inner_texts()
    assert len(dates) == shown and max(dates) < "2017-07-10"
    wait_until(tab, f"document.querySelectorAll('path.place-marker').length < {markers_before}")
    assert any("/api/places?" in u and "until=" in u for u in page.requests)
    tab.click(".chip-x")
    wait_until(tab, f"document.getElementById('article-count').textContent === '{len(ARTICLES)}'")


def test_clicking_an_article_shows_highlighted_findings(page: Page) -> None:
    tab = page.open()
    tab.click("#article-list a.headline:has-text('western Mosul')")
    tab.wait_for_selector("#article-text mark.f")
    assert "western Mosul on Tuesday" in tab.inner_text("#article-text")
    kinds = set(tab.locator("#article-text mark.f").evaluate_all("marks => marks.map(m => m.dataset.kind)"))
    assert {"time"} <= kinds and len(kinds) >= 2
    place = tab.locator("#article-text mark.f-place").first
    if place.count():
        place.hover()
        tab.wait_for_selector("#tip:not([hidden])")
        assert "GeoNames" in tab.inner_text("#tip")
    assert page.errors == []


def test_stored_markup_is_shown_as_text_and_never_runs(page: Page) -> None:
    tab = page.open("/#/search/Clashes")
    tab.click("#view a.headline:has-text('Clashes')")
    tab.wait_for_selector("#article-text")
    text = tab.inner_text("#article-text")
    assert "<script>window.__pwned = 1" in text and 'href="javascript:' in text
    assert "<img src=x onerror=" in tab.inner_text(".article-title")
    tab.hover(".article-title")
    tab.locator("#article-text").hover()
    assert tab.evaluate("window.__pwned") is None
    assert tab.evaluate("document.title") == "dateline"
    assert tab.locator("#view script, #view img, #view [onerror], #view [onmouseover]").count() == 0
    hrefs = tab.locator("#view a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if h and h.lower().startswith("javascript:")]
    assert page.dialogs == [] and page.errors == []


def test_pages_request_nothing_off_the_machine(page: Page) -> None:
    tab = page.open()
    tab.wait_for_selector("#article-list li")
    tab.click("#article-list a.headline >> nth=0")
    tab.wait_for_selector("#article-text")
    for path in ("/#/place/99072", "/#/actor/country%3AIRQ", "/#/search/mosul"):
        page.open(path)
        tab.wait_for_selector(".entity-title")
    tab.goto(page.base + "/docs")
    tab.wait_for_selector(".opblock", timeout=20000)
    assert len(page.requests) > 10
    assert page.off_host() == []
    assert page.errors == []
