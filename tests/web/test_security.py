"""Untrusted article text stays data; SQL fragments in filters are inert; static paths stay inside
the static folder; the ingest endpoint needs its token and a bounded body."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.errors import ConfigError
from dateline.web import create_app

from .conftest import (ARTICLES, EVIL_ATTR, EVIL_IMG, EVIL_LINK, EVIL_SCRIPT, FORMULA_TITLE, Client)


def _evil_id(client: Client) -> str:
    return client.get("/api/articles", params={"search": "Clashes reported"}).json()["articles"][0]["id"]


def test_markup_in_articles_comes_back_as_json_data(client: Client) -> None:
    response = client.get(f"/api/articles/{_evil_id(client)}")
    assert response.headers["content-type"].startswith("application/json")
    article = response.json()["article"]
    for fragment in (EVIL_SCRIPT, EVIL_LINK, EVIL_ATTR):
        assert fragment in article["text"]
    assert EVIL_IMG in article["title"]


def test_pages_never_embed_article_data(client: Client) -> None:
    for path in ("/", "/docs"):
        page = client.get(path).text
        assert "__pwned" not in page and "onerror" not in page


def test_security_headers_forbid_inline_script(client: Client) -> None:
    headers = client.get("/").headers
    policy = headers["content-security-policy"]
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert script_src.split() == ["script-src", "'self'"]
    assert "default-src 'self'" in policy and "connect-src 'self'" in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert client.get("/api/stats").headers["x-content-type-options"] == "nosniff"


def test_page_script_builds_dom_without_innerhtml() -> None:
    source = (Path(__file__).resolve().parents[2] / "dateline" / "web" / "static" / "app.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in source, sink


def test_csv_cells_cannot_start_a_formula(client: Client) -> None:
    text = client.get("/api/articles", params={"format": "csv"}).text
    assert FORMULA_TITLE not in text.replace('""', '"').splitlines()[0]
    assert "'=HYPERLINK" in text
    assert "\n=" not in text and ",=" not in text


@pytest.mark.parametrize("params", [
    {"search": "' OR 1=1 --"},
    {"outlet": "x' OR '1'='1"},
    {"outlet": "Tigris Wire'; DROP TABLE articles; --"},
    {"actor": "country:IRQ' OR '1'='1"},
    {"search": "%' UNION SELECT * FROM articles --"},
])
def test_sql_fragments_in_filters_match_nothing(client: Client, params: dict[str, str]) -> None:
    response = client.get("/api/articles", params=params)
    assert response.status_code == 200
    assert response.json()["total"] == 0
    assert client.get("/api/articles").json()["total"] == len(ARTICLES)


@pytest.mark.parametrize("url", [
    "/api/articles?since=2017-01-01';DROP TABLE articles;--",
    "/api/articles?place=1 OR 1=1",
    "/api/places?bbox=0,0,1,1) OR (1=1",
    "/api/articles/histogram?bucket=day') --",
    "/api/places/1 OR 1=1",
])
def test_sql_fragments_in_typed_parameters_are_rejected(client: Client, url: str) -> None:
    assert client.get(url).status_code == 422
    assert client.get("/api/stats").json()["articles"] == len(ARTICLES)


def test_sql_fragments_in_ids_and_search(client: Client) -> None:
    assert client.get("/api/articles/' OR '1'='1").status_code == 404
    assert client.get("/api/actors/x' OR '1'='1").status_code == 404
    assert client.get("/api/search", params={"q": "' OR 1=1 --"}).json()["total_articles"] == 0


@pytest.mark.parametrize("path", [
    "/static/../app.py",
    "/static/%2e%2e/app.py",
    "/static/..%2fapp.py",
    "/static/%2e%2e%2fapp.py",
    "/static/vendor/../../app.py",
    "/static/vendor/%2e%2e/%2e%2e/db.py",
    "/static/..%5capp.py",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/....//app.py",
])
def test_static_paths_cannot_escape(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (400, 404)
    assert "create_app" not in response.text and "root:" not in response.text


def test_no_ingest_endpoint_by_default(client: Client) -> None:
    assert client.post("/api/ingest", content=b"{}").status_code in (404, 405)


def test_ingest_needs_a_token_to_be_enabled(writable_db: Path) -> None:
    with pytest.raises(ConfigError):
        create_app(writable_db, allow_ingest=True)


def _record() -> bytes:
    return (json.dumps({"url": "https://tigriswire.example/new", "date": "2017-08-01", "outlet": "Tigris Wire",
                        "title": "New report", "text": "Fighting continued near Tal Afar on Tuesday."}) + "\n").encode()


def test_ingest_refuses_missing_or_wrong_tokens(writable_db: Path) -> None:
    app = create_app(writable_db, allow_ingest=True, token="s3cret-token")
    try:
        client = Client(app)
        assert client.post("/api/ingest", content=_record()).status_code == 401
        wrong = {"Authorization": "Bearer nope"}
        assert client.post("/api/ingest", content=_record(), headers=wrong).status_code == 401
        basic = {"Authorization": "Basic czNjcmV0LXRva2Vu"}
        assert client.post("/api/ingest", content=_record(), headers=basic).status_code == 401
        assert client.get("/api/articles").json()["total"] == len(ARTICLES)
    finally:
        app.state.db.close()


def test_ingest_with_token_stores_articles(writable_db: Path) -> None:
    app = create_app(writable_db, allow_ingest=True, token="s3cret-token")
    try:
        client = Client(app)
        auth = {"Authorization": "Bearer s3cret-token", "Content-Type": "application/x-ndjson"}
        response = client.post("/api/ingest", content=_record(), headers=auth)
        assert response.status_code == 200, response.text
        assert response.json()["new"] == 1
        assert client.get("/api/articles").json()["total"] == len(ARTICLES) + 1
        again = client.post("/api/ingest", content=_record(), headers=auth).json()
        assert again["new"] == 0 and again["already_stored"] == 1
    finally:
        app.state.db.close()


def test_ingest_refuses_large_bodies(writable_db: Path) -> None:
    app = create_app(writable_db, allow_ingest=True, token="t0ken", max_ingest_bytes=1000)
    try:
        client = Client(app)
        auth = {"Authorization": "Bearer t0ken"}
        big = _record() * 50
        assert client.post("/api/ingest", content=big, headers=auth).status_code == 413

        async def chunks():  # no Content-Length: the limit holds while streaming
            for _ in range(50):
                yield _record()
        assert client.post("/api/ingest", content=chunks(), headers=auth).status_code == 413
        assert client.get("/api/articles").json()["total"] == len(ARTICLES)
    finally:
        app.state.db.close()
