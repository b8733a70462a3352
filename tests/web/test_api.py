"""The HTTP API in process: listings, filters, pagination, CSV, one article, actors, places, search."""

from __future__ import annotations

import csv
import io

from .conftest import ARTICLES, Client


def test_articles_list_newest_first(client: Client) -> None:
    body = client.get("/api/articles").json()
    assert body["total"] == len(ARTICLES)
    dates = [a["published"] for a in body["articles"]]
    assert dates == sorted(dates, reverse=True)
    assert {"id", "published", "outlet", "title", "url", "snippet"} <= set(body["articles"][0])
    assert "text" not in body["articles"][0]


def test_pagination_is_stable_and_complete(client: Client) -> None:
    whole = [a["id"] for a in client.get("/api/articles", params={"limit": 100}).json()["articles"]]
    paged, offset = [], 0
    while offset is not None:
        page = client.get("/api/articles", params={"limit": 2, "offset": offset}).json()
        paged += [a["id"] for a in page["articles"]]
        offset = page["next_offset"]
    assert paged == whole
    assert len(set(paged)) == len(ARTICLES)


def test_filters_since_until_outlet_search(client: Client) -> None:
    got = client.get("/api/articles", params={"since": "2017-05-01", "until": "2017-07-10"}).json()
    assert {a["published"] for a in got["articles"]} == {"2017-05-04", "2017-06-06", "2017-07-10"}
    by_outlet = client.get("/api/articles", params={"outlet": "tigris wire"}).json()
    assert by_outlet["total"] == 3 and {a["outlet"] for a in by_outlet["articles"]} == {"Tigris Wire"}
    found = client.get("/api/articles", params={"search": "RAQQA"}).json()
    assert found["total"] == 2


def test_percent_in_search_is_literal(client: Client) -> None:
    assert client.get("/api/articles", params={"search": "100%"}).json()["total"] == 1
    assert client.get("/api/articles", params={"search": "%"}).json()["total"] == 1


def test_bad_filter_values_are_422(client: Client) -> None:
    assert client.get("/api/articles", params={"since": "yesterday"}).status_code == 422
    assert client.get("/api/articles", params={"limit": 0}).status_code == 422
    assert client.get("/api/articles", params={"limit": 100_000}).status_code == 422
    assert client.get("/api/places", params={"bbox": "1,2,3"}).status_code == 422


def test_csv_by_parameter_and_by_accept_header(client: Client) -> None:
    by_param = client.get("/api/articles", params={"format": "csv"})
    by_header = client.get("/api/articles", headers={"Accept": "text/csv"})
    for response in (by_param, by_header):
        assert response.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert len(rows) == len(ARTICLES)
        assert rows[0]["id"] and rows[0]["published"]


def test_article_detail_has_findings_with_offsets(client: Client) -> None:
    first = client.get("/api/articles", params={"search": "western Mosul"}).json()["articles"][0]
    body = client.get(f"/api/articles/{first['id']}").json()
    text = body["article"]["text"]
    findings = body["findings"]
    assert {"entities", "actor_mentions", "place_mentions", "time_mentions"} <= set(findings)
    assert findings["time_mentions"], "the time stage finds 'Tuesday'"
    for table in ("entities", "actor_mentions", "place_mentions", "time_mentions"):
        for item in findings[table]:
            assert text[item["start"]:item["end"]] == item["text"]


def test_article_by_prefix_and_missing(client: Client) -> None:
    some = client.get("/api/articles").json()["articles"][0]["id"]
    assert client.get(f"/api/articles/{some[:8]}").json()["article"]["id"] == some
    assert client.get("/api/articles/ffffffffffffffff").status_code == 404


def test_histogram_counts_all_articles(client: Client) -> None:
    body = client.get("/api/articles/histogram").json()
    assert body["bucket"] == "day"
    assert sum(b["count"] for b in body["bins"]) == len(ARTICLES)
    weekly = client.get("/api/articles/histogram", params={"bucket": "month"}).json()
    assert sum(b["count"] for b in weekly["bins"]) == len(ARTICLES)
    assert all(b["start"].endswith("-01") for b in weekly["bins"])


def test_places_have_coordinates_and_bbox_filters(client: Client) -> None:
    body = client.get("/api/places").json()
    assert body["places"], "the fixture names Mosul, Raqqa, Baghdad"
    assert all(p["lat"] is not None and p["lon"] is not None for p in body["places"])
    iraq_box = client.get("/api/places", params={"bbox": "38.8,29,48.6,37.4"}).json()["places"]
    names = {p["name"] for p in iraq_box}
    assert "Mosul" in names and "Washington" not in names
    mosul = next(p for p in iraq_box if p["name"] == "Mosul")
    detail = client.get(f"/api/places/{mosul['geonameid']}").json()
    assert detail["place"]["articles"] == detail["total_articles"] >= 3
    assert sum(d["mentions"] for d in detail["timeline"]) == detail["place"]["mentions"]
    assert client.get("/api/places/1").status_code == 404


def test_places_follow_the_period(client: Client) -> None:
    early = client.get("/api/places", params={"until": "2016-12-31"}).json()["places"]
    assert early and all(p["articles"] == 1 for p in early)


def test_actors_and_one_actor(client: Client) -> None:
    body = client.get("/api/actors").json()
    assert body["total"] == len(body["actors"]) > 0
    top = body["actors"][0]
    detail = client.get(f"/api/actors/{top['id']}").json()
    assert detail["actor"]["id"] == top["id"]
    assert sum(d["mentions"] for d in detail["timeline"]) == detail["actor"]["mentions"]
    assert len(detail["articles"]) == detail["total_articles"] == top["articles"]
    assert client.get("/api/actors/country:NOWHERE").status_code == 404


def test_search_spans_articles_actors_places(client: Client) -> None:
    body = client.get("/api/search", params={"q": "mosul"}).json()
    assert body["total_articles"] == 4
    assert any(p["name"] == "Mosul" for p in body["places"])
    assert client.get("/api/search").status_code == 422


def test_stats(client: Client) -> None:
    body = client.get("/api/stats").json()
    assert body["articles"] == len(ARTICLES)
    assert body["analysed"] == len(ARTICLES)
    assert body["findings"]["time_mentions"] > 0


def test_docs_work_without_a_cdn(client: Client) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert "cdn" not in page.text.lower() and "https://" not in page.text
    for asset in ("/static/vendor/swagger-ui/swagger-ui-bundle.js", "/static/vendor/swagger-ui/swagger-ui.css",
                  "/static/docs.js"):
        assert asset in page.text
        assert client.get(asset).status_code == 200
    spec = client.get("/openapi.json").json()
    assert {"/api/articles", "/api/articles/{article_id}", "/api/actors", "/api/places", "/api/search",
            "/api/stats"} <= set(spec["paths"])
    assert "/api/ingest" not in spec["paths"]


def test_page_and_its_assets_are_served(client: Client) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    for asset in ("/static/app.js", "/static/app.css", "/static/vendor/leaflet/leaflet.js",
                  "/static/vendor/topojson-client/topojson-client.min.js",
                  "/static/vendor/world-atlas/countries-110m.json"):
        assert asset.split("/")[-1] in page.text or asset.endswith(".json")
        assert client.get(asset).status_code == 200
