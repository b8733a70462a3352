"""Events, figures and stories over HTTP in process: filters, stable pages, CSV, detail with offsets."""

from __future__ import annotations

import csv
import io

import pytest

from .conftest import CODED_EVENTS, EVIL_SCRIPT, TOLL_FIGURES, Client


def _all(client: Client, **params: object) -> list[dict]:
    return client.get("/api/events", params={"limit": 1000, **params}).json()["events"]


def test_events_list_with_evidence_and_marks(client: Client) -> None:
    body = client.get("/api/events").json()
    assert body["total"] == len(CODED_EVENTS)
    dates = [e["date"] for e in body["events"]]
    assert dates == sorted(dates, reverse=True)
    for event in body["events"]:
        trigger = [m for m in event["marks"] if m["kind"] == "trigger"]
        assert len(trigger) == 1
        assert event["sentence"][trigger[0]["start"]:trigger[0]["end"]] == event["trigger"]
        for mark in event["marks"]:
            assert 0 <= mark["start"] < mark["end"] <= len(event["sentence"])
        assert event["url"] is not None and event["title"]


def test_event_marks_include_place_and_date_when_found(client: Client) -> None:
    mosul = _all(client, place=99072)
    assert len(mosul) == 1
    kinds = {m["kind"] for m in mosul[0]["marks"]}
    assert "date" in kinds  # 'Tuesday' is a time mention inside the sentence
    assert "place" in kinds or mosul[0]["geonameid"] == 99072


@pytest.mark.parametrize(("params", "expected"), [
    ({"type": "ASSAULT"}, 2), ({"type": "FIGHT"}, 1), ({"type": "NOPE"}, 0), ({"mode": "attack"}, 3),
    ({"factuality": "happened"}, 3), ({"place": 163915}, 2), ({"bbox": "38,35,40,37"}, 2),
    ({"bbox": "42,35,44,37"}, 1), ({"since": "2017-04-01"}, 2), ({"until": "2017-04-09"}, 2),
    ({"since": "2017-04-01", "until": "2017-05-01"}, 1), ({"min_sources": 2}, 2), ({"min_sources": 3}, 0),
    ({"text": "launched"}, 1), ({"text": "ADVANCED"}, 1), ({"text": "100%"}, 0),
])
def test_event_filters(client: Client, params: dict, expected: int) -> None:
    body = client.get("/api/events", params=params).json()
    assert body["total"] == expected == len(body["events"])


def test_event_actor_filter(client: Client) -> None:
    actors = {a for e in _all(client) for a in e["source_actors"]}
    for actor in actors:
        got = _all(client, actor=actor)
        assert got and all(actor in e["source_actors"] + e["target_actors"] for e in got)
    assert _all(client, actor="nobody:here") == []


def test_event_pages_are_stable_and_complete(client: Client) -> None:
    whole = [(e["article_id"], e["start"]) for e in _all(client)]
    paged, offset = [], 0
    while offset is not None:
        page = client.get("/api/events", params={"limit": 1, "offset": offset}).json()
        paged += [(e["article_id"], e["start"]) for e in page["events"]]
        offset = page["next_offset"]
    assert paged == whole and len(set(paged)) == len(CODED_EVENTS)
    past = client.get("/api/events", params={"offset": 50}).json()
    assert past["events"] == [] and past["total"] == len(CODED_EVENTS)


def test_events_csv(client: Client) -> None:
    response = client.get("/api/events", params={"format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == len(CODED_EVENTS)
    assert {"article_id", "start", "trigger", "type", "sentence", "sources"} <= set(rows[0])


def test_event_detail_has_sentence_offsets_and_reports(client: Client) -> None:
    event = _all(client, type="FIGHT")[0]
    body = client.get(f"/api/events/{event['article_id']}/{event['start']}").json()
    got = body["event"]
    article = client.get(f"/api/articles/{event['article_id']}").json()["article"]
    assert article["text"][got["start"]:got["end"]] == got["trigger"] == "Fighting"
    assert article["text"][got["sentence_start"]:got["sentence_end"]] == got["sentence"]
    assert EVIL_SCRIPT in got["sentence"]  # stored markup comes back as data
    assert got["sources"] == 2 and len(body["reports"]) == 2
    assert client.get(f"/api/events/{event['article_id']}/999999").status_code == 404
    assert client.get(f"/api/events/{event['article_id']}/x").status_code == 422


def test_event_points_and_types(client: Client) -> None:
    points = client.get("/api/events/points").json()
    assert points["total"] == 2 and sum(p["events"] for p in points["points"]) == 3
    assert {t["type"] for t in client.get("/api/events/types").json()["types"]} == {"ASSAULT", "FIGHT"}


def test_figures(client: Client) -> None:
    body = client.get("/api/figures").json()
    assert body["total"] == 1 + len(TOLL_FIGURES)
    assert [f["as_of"] for f in body["figures"]] == sorted((f["as_of"] for f in body["figures"]), reverse=True)
    figure = next(f for f in body["figures"] if f["kind"] == "duration")
    assert figure["value"] == 9
    for params, expected in (({"kind": "duration"}, 1), ({"kind": "killed"}, 3), ({"place": "mosul"}, 1),
                             ({"place": "Raqqa"}, 0), ({"since": "2017-08-02"}, 2), ({"until": "2017-07-10"}, 1),
                             ({"actor": "nobody"}, 0)):
        assert client.get("/api/figures", params=params).json()["total"] == expected, params
    assert client.get("/api/figures", params={"format": "csv"}).text.startswith("article_id,")


def test_stories_and_story_detail(client: Client) -> None:
    body = client.get("/api/stories").json()
    assert body["total"] == 1 and body["stories"][0]["title"] == "Battle for Mosul"
    assert client.get("/api/stories", params={"since": "2018-01-01"}).json()["total"] == 0
    assert client.get("/api/stories", params={"text": "mosul"}).json()["total"] == 1
    story = client.get("/api/stories/s-mosul").json()
    assert len(story["articles"]) == 3
    dates = [a["published"] for a in story["articles"]]
    assert dates == sorted(dates)
    assert sorted(len(t["copies"]) for t in story["texts"]) == [1, 2]
    assert any(e["trigger"] == "advanced" for e in story["events"])
    assert client.get("/api/stories/nope").status_code == 404


@pytest.mark.parametrize("params", [
    {"text": "' OR 1=1 --"}, {"actor": "x' OR '1'='1"}, {"type": "ASSAULT' OR 1=1 --"},
    {"place": "1 OR 1=1"}, {"min_sources": "1; DROP TABLE events"}, {"since": "2017-01-01' OR 1=1"},
])
def test_sql_in_event_filters_is_harmless(client: Client, params: dict) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code in (200, 422)
    if response.status_code == 200:
        assert response.json()["total"] == 0
    assert client.get("/api/events").json()["total"] == len(CODED_EVENTS)


def test_sql_in_figure_and_story_params_is_harmless(client: Client) -> None:
    assert client.get("/api/figures", params={"place": "' OR 1=1 --"}).json()["total"] == 0
    assert client.get("/api/figures", params={"kind": "x' OR '1'='1"}).json()["total"] == 0
    assert client.get("/api/stories", params={"text": "' OR 1=1 --"}).json()["total"] == 0
    assert client.get("/api/stories/' OR 1=1 --").status_code == 404
