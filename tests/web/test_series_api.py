"""Figure series and the events histogram over HTTP in process."""

from __future__ import annotations

import pytest

from .conftest import CODED_EVENTS, TOLL_FIGURES, Client

TABQA = {"kind": "killed", "where": "Tabqa"}


def test_series_list_has_the_toll_subject(client: Client) -> None:
    body = client.get("/api/figures/series").json()
    subject = next(s for s in body["series"] if s["where"] == "Tabqa")
    assert subject["kind"] == "killed" and subject["who"] is None
    assert subject["figures"] == subject["sources"] == len(TOLL_FIGURES)
    assert body["total"] == len(body["series"])
    # a single figure is no series, unless asked for
    assert all(s["kind"] != "duration" for s in body["series"])
    single = client.get("/api/figures/series", params={"min_points": 1, "kind": "duration"}).json()
    assert single["total"] == 1 and single["series"][0]["where"] == "Mosul"
    assert client.get("/api/figures/series", params={"text": "tabqa"}).json()["total"] == 1
    assert client.get("/api/figures/series", params={"text": "nowhere"}).json()["total"] == 0
    assert client.get("/api/figures/series", params={"format": "csv"}).text.startswith("kind,who,where")


def test_one_series_marks_the_disagreement_and_the_band(client: Client) -> None:
    body = client.get("/api/figures/series/detail", params=TABQA).json()
    points = body["points"]
    assert [p["text"] for p in points] == [f[1] for f in TOLL_FIGURES]  # in date order
    at_least, about, ranged = points
    assert (at_least["lower"], at_least["upper"]) == (30, None) and at_least["qualifier"] == "at_least"
    assert about["lower"] == pytest.approx(10.8) and about["upper"] == pytest.approx(13.2)
    assert (ranged["lower"], ranged["upper"], ranged["point"]) == (40, 60, 50)
    assert body["disagreements"] == [{"month": "2017-08", "a": 0, "b": 1}]
    assert at_least["disagrees_with"] == [1] and about["disagrees_with"] == [0] and ranged["disagrees_with"] == []
    august = next(e for e in body["estimates"] if e["month"] == "2017-08")
    assert august["low"] == pytest.approx(10.8) and august["high"] == 30 and august["best"] == 21
    assert august["sources"] == 2
    # the evidence sentence with the figure's offsets inside it
    assert at_least["sentence"][at_least["mark_start"]:at_least["mark_end"]] == "At least 30 civilians"
    assert at_least["outlet"] == "Delta Courier" and at_least["title"]


def test_unknown_series_is_404_and_parameters_stay_parameters(client: Client) -> None:
    assert client.get("/api/figures/series/detail", params={"kind": "killed", "where": "Atlantis"}).status_code == 404
    assert client.get("/api/figures/series/detail", params={"kind": "killed' OR 1=1 --"}).status_code == 404
    assert client.get("/api/figures/series/detail").status_code == 422
    assert client.get("/api/figures/series", params={"kind": "' OR 1=1 --"}).json()["total"] == 0


def test_event_histogram_counts_events_by_event_date(client: Client) -> None:
    body = client.get("/api/events/histogram").json()
    assert body["bucket"] == "day" and body["outside"] == 0
    assert sum(b["count"] for b in body["bins"]) == len(CODED_EVENTS)
    assert {b["start"] for b in body["bins"]} == {e[4] for e in CODED_EVENTS}
    fights = client.get("/api/events/histogram", params={"type": "FIGHT"}).json()
    assert [(b["start"], b["count"]) for b in fights["bins"]] == [("2017-04-09", 1)]
    weekly = client.get("/api/events/histogram", params={"bucket": "week"}).json()
    assert weekly["bucket"] == "week" and sum(b["count"] for b in weekly["bins"]) == len(CODED_EVENTS)
    assert client.get("/api/events/histogram", params={"since": "2030-01-01"}).json()["bins"] == []


def test_event_pages_do_not_overlap_and_totals_follow_filters(client: Client) -> None:
    seen = []
    for offset in range(len(CODED_EVENTS)):
        page = client.get("/api/events", params={"limit": 1, "offset": offset}).json()
        assert page["total"] == len(CODED_EVENTS)
        seen += [(e["article_id"], e["start"]) for e in page["events"]]
    assert len(set(seen)) == len(CODED_EVENTS)
    past = client.get("/api/events", params={"offset": 50}).json()
    assert past["events"] == [] and past["total"] == len(CODED_EVENTS)
    # the costly filters (text, sources) take the page and the total from one evaluation
    for params, expected in (({"text": "raqqa"}, 2), ({"min_sources": 2}, 2)):
        first = client.get("/api/events", params={**params, "limit": 1}).json()
        assert first["total"] == expected and len(first["events"]) == 1 and first["next_offset"] == 1
        second = client.get("/api/events", params={**params, "limit": 1, "offset": 1}).json()
        def key(e: dict) -> tuple:
            return e["article_id"], e["start"]

        assert second["total"] == expected and key(second["events"][0]) != key(first["events"][0])
        beyond = client.get("/api/events", params={**params, "offset": 5}).json()
        assert beyond["events"] == [] and beyond["total"] == expected
