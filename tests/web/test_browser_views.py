"""Figures, the events timeline, actor/place/story pages and search in headless chromium: the figure
chart draws with its disagreement marked, brushing the events histogram filters the event list,
entity pages show their events, and nothing is requested from anywhere but the app."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest

from . import test_browser as shared
from .conftest import CODED_EVENTS, TOLL_FIGURES
from .test_browser import Page, wait_until

browser, server, page = shared.browser, shared.server, shared.page

pytestmark = pytest.mark.browser


def _drag(tab: Any, start: float, end: float) -> None:
    """Drag across the timeline from `start` to `end` (fractions of its width)."""
    box = tab.locator("#timeline").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    tab.mouse.move(box["x"] + box["width"] * start, y)
    tab.mouse.down()
    tab.mouse.move(box["x"] + box["width"] * end, y, steps=8)
    tab.mouse.up()


def test_figure_chart_draws_each_source_and_marks_the_disagreement(page: Page) -> None:
    tab = page.open("/#/figures?kind=killed&where=Tabqa")
    tab.wait_for_selector("#series-chart .point", state="attached")
    assert tab.locator("#series-chart .point").count() == len(TOLL_FIGURES)
    assert tab.locator("#series-chart .dis-ring").count() == 2  # both sides of the one disagreement
    assert tab.locator("#series-chart .dis-line").count() == 1
    assert tab.locator("#series-chart .band").count() == 2  # August and September
    assert tab.locator("#series-chart .errbar.open").count() == 1  # "at least 30" has no upper end
    rows = tab.locator("#series-said .said-row")
    assert rows.count() == len(TOLL_FIGURES)
    assert tab.locator("#series-said .said-row.disagrees").count() == 2
    assert "disagrees with Orontes Post (about 12)" in rows.nth(0).inner_text()
    assert tab.locator("#series-said mark.fig").first.inner_text() == "At least 30 civilians"
    assert tab.locator("#tabs a.active").inner_text() == "Figures"
    tab.locator("#series-chart .figure-mark").nth(2).click()
    wait_until(tab, "document.querySelector('#series-said .said-row.focus') !== null")
    assert "Between 40 and 60" in tab.inner_text("#series-said .said-row.focus")
    tab.click("#series-said .said-row.focus a[href^='#/article/']")
    tab.wait_for_selector("#article-text")
    assert "Between 40 and 60 civilians" in tab.inner_text("#article-text")
    assert page.errors == [] and page.off_host() == []


def test_figures_tab_opens_a_series_and_the_picker_switches(page: Page) -> None:
    tab = page.open("/#/figures")
    tab.wait_for_selector("#series-chart .point", state="attached")
    options = tab.locator("#series-select option").all_inner_texts()
    assert any(o.startswith("killed — Tabqa") for o in options)
    value = tab.locator("#series-select option", has_text="killed — Tabqa").get_attribute("value")
    tab.select_option("#series-select", value)
    wait_until(tab, "document.querySelectorAll('#series-chart .dis-ring').length === 2")
    assert page.errors == []


def test_brushing_the_events_timeline_filters_the_event_list(page: Page) -> None:
    tab = page.open("/#/events")
    tab.wait_for_selector("#event-list li")
    wait_until(tab, "document.getElementById('timeline-title').textContent === 'Events over time'")
    assert tab.inner_text("#event-count") == str(len(CODED_EVENTS))
    bars = tab.locator("#timeline rect.bar").count()
    assert bars == len({e[4] for e in CODED_EVENTS})
    _drag(tab, 0.3, 0.99)  # from late March: the two Raqqa events (April and June), not February
    tab.wait_for_selector(".chip")
    wait_until(tab, f"document.getElementById('event-count').textContent !== '{len(CODED_EVENTS)}'")
    assert int(tab.inner_text("#event-count")) == 2
    triggers = sorted(tab.locator("#event-list mark.ev-trigger").all_inner_texts())
    assert triggers == ["Fighting", "assault"]
    assert any("/api/events/points?" in u and "since=" in u for u in page.requests)
    tab.click(".chip-x")
    wait_until(tab, f"document.getElementById('event-count').textContent === '{len(CODED_EVENTS)}'")
    tab.click("#tabs a[data-tab='list']")
    wait_until(tab, "document.getElementById('timeline-title').textContent === 'Articles over time'")
    assert page.errors == []


def test_actor_page_from_an_event_shows_its_events(page: Page) -> None:
    with urllib.request.urlopen(page.base + "/api/events?limit=100") as response:  # the app on 127.0.0.1
        events = json.load(response)["events"]
    with_actor = [e for e in events if e["source_actors"]]
    if not with_actor:
        pytest.skip("the fixture's analysis resolved no actor inside an event sentence")
    event = with_actor[0]
    tab = page.open(f"/#/event/{event['article_id']}/{event['start']}")
    tab.wait_for_selector("#event-evidence")
    tab.click(".findings.k-actor a[href^='#/actor/']")
    tab.wait_for_selector("#entity-events li")
    assert tab.inner_text(".kind-label").lower() == "actor"
    assert tab.locator("svg.spark .ev-bar").count() >= 1
    assert tab.locator("#entity-events mark.ev-trigger").count() >= 1
    assert page.errors == [] and page.off_host() == []


def test_place_page_has_its_events_and_a_small_map(page: Page) -> None:
    tab = page.open("/#/place/99072")  # Mosul: one coded event
    tab.wait_for_selector("#entity-events li")
    assert tab.locator("#entity-events mark.ev-trigger").all_inner_texts() == ["advanced"]
    tab.wait_for_selector("#mini-map path.mini-place", state="attached")
    assert tab.locator("#mini-map path").count() > 20  # country outlines and the place
    assert tab.locator("#mini-map path.event-marker").count() >= 1
    assert page.errors == [] and page.off_host() == []


def test_story_page_has_a_timeline_and_search_finds_articles(page: Page) -> None:
    tab = page.open("/#/story/s-mosul")
    tab.wait_for_selector("#story-articles li")
    assert tab.locator("svg.spark rect").count() == 3  # three publication days
    page.open("/#/search/Tabqa")  # a hash change in the same document: wait for the search view
    tab.wait_for_selector("#view a.headline:has-text('Tabqa')")
    headlines = tab.locator("#view a.headline").all_inner_texts()
    assert len(headlines) == len(TOLL_FIGURES) and all("Tabqa" in h for h in headlines)
    tab.fill("#search-input", "Raqqa")
    tab.press("#search-input", "Enter")
    wait_until(tab, "location.hash === '#/search/Raqqa'")
    tab.wait_for_selector("#view a.headline:has-text('Raqqa')")
    tab.click("#search-events")  # the same words as an event filter: the two Raqqa events
    wait_until(tab, "location.hash === '#/events'")
    wait_until(tab, "(document.getElementById('event-count') || {}).textContent === '2'")
    assert sorted(tab.locator("#event-list mark.ev-trigger").all_inner_texts()) == ["Fighting", "assault"]
    assert page.errors == [] and page.off_host() == []
