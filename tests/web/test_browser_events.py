"""The Events and Stories views in headless chromium: evidence with its trigger highlighted, events on
the map in their own colour, a story page, and stored markup in evidence that never runs."""

from __future__ import annotations

import pytest

from . import test_browser as shared
from .conftest import CODED_EVENTS
from .test_browser import Page, wait_until

# The browser, server and page fixtures of test_browser, shared by name.
browser, server, page = shared.browser, shared.server, shared.page

pytestmark = pytest.mark.browser


def test_events_tab_lists_events_with_highlighted_evidence(page: Page) -> None:
    tab = page.open("/#/events")
    tab.wait_for_selector("#event-list li")
    assert tab.inner_text("#event-count") == str(len(CODED_EVENTS))
    assert tab.locator("#tabs a.active").inner_text() == "Events"
    triggers = tab.locator("#event-list mark.ev-trigger").all_inner_texts()
    assert sorted(triggers) == sorted(e[2] for e in CODED_EVENTS)
    tab.wait_for_selector(".leaflet-overlay-pane path.event-marker", state="attached")
    assert tab.locator("path.event-marker").count() == 2  # Mosul and Raqqa
    fill = tab.locator("path.event-marker").first.get_attribute("fill")
    assert fill and fill.lower() != tab.locator("path.place-marker").first.get_attribute("fill").lower()
    assert page.errors == []


def test_clicking_an_event_shows_its_evidence_with_the_trigger_highlighted(page: Page) -> None:
    tab = page.open("/#/events")
    tab.click("#event-list a.evidence:has-text('western Mosul')")
    tab.wait_for_selector("#event-evidence mark.ev-trigger")
    assert tab.inner_text("#event-evidence mark.ev-trigger") == "advanced"
    assert "Iraqi forces advanced in western Mosul on Tuesday" in tab.inner_text("#event-evidence")
    kinds = set(tab.locator("#event-evidence mark.ev").evaluate_all("ms => ms.map(m => m.dataset.kind)"))
    assert {"trigger", "date", "place", "actor"} <= kinds
    assert tab.locator("#event-evidence mark.ev-place").first.inner_text() == "Mosul"
    assert tab.locator("#event-evidence mark.ev-date").first.inner_text() == "Tuesday"
    href = tab.get_attribute("#event-article", "href")
    assert href and href.startswith("#/article/")
    tab.click("#event-article")
    tab.wait_for_selector("#article-text")
    assert page.errors == [] and page.off_host() == []


def test_event_type_filter_and_brush_apply_to_events(page: Page) -> None:
    tab = page.open("/#/events")
    tab.wait_for_selector("#event-list li")
    tab.select_option("#event-type", "FIGHT")
    wait_until(tab, "document.getElementById('event-count').textContent === '1'")
    assert tab.locator("#event-list mark.ev-trigger").all_inner_texts() == ["Fighting"]


def test_markup_in_event_evidence_stays_inert(page: Page) -> None:
    tab = page.open("/#/events")
    tab.click("#event-list a.evidence:has-text('Fighting')")
    tab.wait_for_selector("#event-evidence mark.ev-trigger")
    assert "<script>window.__pwned = 1" in tab.inner_text("#event-evidence")
    assert tab.evaluate("window.__pwned") is None
    assert tab.evaluate("document.title") == "dateline"
    assert tab.locator("#view script, #view img, #view [onerror], #view [onmouseover]").count() == 0
    assert tab.locator("#event-evidence *:not(mark)").count() == 0
    hrefs = tab.locator("#view a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if h and h.lower().startswith("javascript:")]
    assert page.dialogs == [] and page.errors == []


def test_story_page_lists_its_articles(page: Page) -> None:
    tab = page.open("/#/stories")
    tab.wait_for_selector("#story-list li")
    tab.click("#story-list a.headline:has-text('Battle for Mosul')")
    tab.wait_for_selector("#story-articles li")
    assert tab.locator("#story-articles li").count() == 3
    assert "Battle for Mosul" in tab.inner_text(".entity-title")
    assert tab.locator("ul.texts li").count() == 2
    assert page.errors == [] and page.off_host() == []
