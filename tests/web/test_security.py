"""Untrusted article text stays data; SQL fragments in filters are inert; static paths stay inside
the static folder; the ingest endpoint needs its token and a bounded body."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.errors import ConfigError
from dateline.web import create_app

from .conftest import (
    ARTICLES,
    EVIL_ATTR,
    EVIL_IMG,
    EVIL_LINK,
    EVIL_SCRIPT,
    FORMULA_TITLE,
    Client,
)


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


# --------------------------------------------------------------------------------------------
# Stored XSS in every shown field: hostile values written straight into the store


def _payload(table: str, column: str) -> str:
    """A markup payload naming its field, so a leak says where it came from."""
    return f'<img src=x onerror="window.__pwned=\'{table}.{column}\'"><script>__pwned("{table}.{column}")</script>'


# Columns that are keys, codes the queries join or filter on, or not text.
_KEEP = {"id", "article_id", "story_id", "merged_id", "canonical_id", "event_key", "first_article",
         "matched_key", "content_hash", "date_status", "pipeline_version", "components", "data", "extra", "params",
         "exact_key", "label", "kind", "type", "url", "actor_id", "country"}
_SHOWN_TABLES = ("articles", "entities", "actor_mentions", "place_mentions", "time_mentions", "quotes", "figures",
                 "events", "stories", "merged_events")


def _poison(db: Path) -> list[tuple[str, str]]:
    """Append a payload to every free-text column of every table the page, API and report show."""
    import duckdb

    con = duckdb.connect(str(db))
    poisoned = []
    try:
        for table in _SHOWN_TABLES:
            columns = con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                                  "AND data_type = 'VARCHAR'", [table]).fetchall()
            for (column,) in columns:
                if column in _KEEP:
                    continue
                con.execute(f'UPDATE {table} SET "{column}" = coalesce("{column}", \'\') || ?',
                            [_payload(table, column)])
                poisoned.append((table, column))
        # a javascript: URL, hostile names in the fields with codes
        con.execute("UPDATE articles SET url = ? WHERE title LIKE 'Assault on Raqqa%'", ["JavaScript:window.__pwned=6"])
        con.execute("UPDATE actor_mentions SET actor_id = actor_id || ? WHERE actor_id IS NOT NULL",
                    ['"><svg onload=__pwned(7)>'])
    finally:
        con.close()
    return poisoned


@pytest.fixture
def poisoned_db(writable_db: Path) -> tuple[Path, list[tuple[str, str]]]:
    return writable_db, _poison(writable_db)


def _get_routes(app: object) -> list[tuple[str, dict]]:
    schema = app.openapi()  # type: ignore[attr-defined]
    return [(path, ops["get"]) for path, ops in schema["paths"].items() if "get" in ops]


def _fill(path: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        path = path.replace("{" + name + "}", value)
    return path


def _path_values(db: Path) -> dict[str, str]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        article_id, start = con.execute("SELECT article_id, start FROM events LIMIT 1").fetchone()
        return {"article_id": article_id, "start": str(start),
                "actor_id": con.execute("SELECT actor_id FROM actor_mentions WHERE actor_id IS NOT NULL LIMIT 1").fetchone()[0],
                "geonameid": str(con.execute("SELECT geonameid FROM place_mentions WHERE geonameid IS NOT NULL "
                                             "LIMIT 1").fetchone()[0]),
                "story_id": con.execute("SELECT story_id FROM stories LIMIT 1").fetchone()[0],
                "merged_id": "m-raqqa", "kind": con.execute("SELECT kind FROM figures LIMIT 1").fetchone()[0]}
    finally:
        con.close()


def test_hostile_values_in_every_field_come_back_only_as_json_or_csv_data(
        poisoned_db: tuple[Path, list[tuple[str, str]]]) -> None:
    db, poisoned = poisoned_db
    assert len(poisoned) > 40  # every free-text column of every shown table
    values = _path_values(db)
    app = create_app(db)
    try:
        client = Client(app)
        seen = ""
        for path, op in _get_routes(app):
            url = _fill(path, {k: values.get(k, "x") for k in ("article_id", "start", "actor_id", "geonameid",
                                                               "story_id", "merged_id")})
            required = {p["name"]: values.get(p["name"], "a") for p in op.get("parameters", [])
                        if p["in"] == "query" and p.get("required")}
            for params in ({}, {"format": "csv"}) if any(p["name"] == "format" for p in op.get("parameters", [])) \
                    else ({},):
                response = client.get(url, params={**params, **required})
                assert response.status_code in (200, 404, 422), (url, response.status_code, response.text[:300])
                kind = response.headers["content-type"]
                assert kind.startswith(("application/json", "text/csv")), (url, kind)
                assert response.headers["x-content-type-options"] == "nosniff"
                if kind.startswith("text/csv"):
                    assert response.headers["content-disposition"].startswith("attachment")
                seen += response.text
        # the payloads did travel through the API (as data), from most of the poisoned columns
        shown = {f"{t}.{c}" for t, c in poisoned if f"{t}.{c}" in seen}
        assert len(shown) >= len(poisoned) // 2, sorted({f"{t}.{c}" for t, c in poisoned} - shown)
        for page in ("/", "/docs"):
            text = client.get(page).text
            assert "__pwned" not in text and "onerror" not in text
    finally:
        app.state.db.close()


def test_static_report_escapes_every_hostile_field(poisoned_db: tuple[Path, list[tuple[str, str]]],
                                                   tmp_path: Path) -> None:
    import html
    import re

    import duckdb

    from dateline.report import render_report

    db, poisoned = poisoned_db
    con = duckdb.connect(str(db), read_only=True)
    try:
        page = render_report(con, title=_payload("report", "title"))
    finally:
        con.close()
    for table, column in [*poisoned, ("report", "title")]:
        assert _payload(table, column) not in page, f"{table}.{column} reached the report unescaped"
    tags, handlers, links = _markup(page)
    assert not tags & {"script", "img", "iframe", "object", "embed", "form", "base", "meta http-equiv"}, tags
    assert not handlers, handlers  # no on* attribute anywhere
    assert not [u for u in links if re.sub(r"\s", "", u).lower().startswith(("javascript:", "data:", "vbscript:"))], links
    escaped = {f"{t}.{c}" for t, c in [*poisoned, ("report", "title")] if html.escape(_payload(t, c)) in page}
    assert {"report.title", "articles.outlet", "events.place", "events.claimant"} <= escaped, escaped
    assert len(escaped) >= 8, escaped


def _markup(page: str) -> tuple[set[str], list[str], list[str]]:
    """The tags of an HTML page, its on* attributes and its link-like attribute values, as a browser parses them."""
    from html.parser import HTMLParser

    tags: set[str] = set()
    handlers: list[str] = []
    links: list[str] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            tags.add(tag)
            for name, value in attrs:
                if name.startswith("on"):
                    handlers.append(f"{tag} {name}")
                if name in ("href", "src", "xlink:href", "action", "formaction") and value:
                    links.append(value)

    Collect().feed(page)
    return tags, handlers, links


def _safe_href_source() -> str:
    import re

    source = (Path(__file__).resolve().parents[2] / "dateline" / "web" / "static" / "app.js").read_text()
    found = re.search(r"^  function safeHref\(value\) \{.*?^  \}$", source, re.MULTILINE | re.DOTALL)
    assert found, "safeHref not found in app.js"
    return found.group(0)


@pytest.mark.parametrize(("given", "expected"), [
    ("javascript:window.__pwned=1", "#/"),
    ("JavaScript:alert(1)", "#/"),
    (" javascript:alert(1)", "#/"),
    ("java\tscript:alert(1)", "#/"),
    ("data:text/html,<script>alert(1)</script>", "#/"),
    ("vbscript:msgbox(1)", "#/"),
    ("//evil.example/x", "#/"),
    ("not a url", "#/"),
    ("#/articles/abc", "#/articles/abc"),
    ("https://tigriswire.example/a?b=1", "https://tigriswire.example/a?b=1"),
    ("http://levantledger.example/", "http://levantledger.example/"),
])
def test_page_links_only_http_urls_and_own_routes(given: str, expected: str) -> None:
    """safeHref (every href the page sets goes through it) run in node on hostile URLs."""
    import shutil
    import subprocess

    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    script = _safe_href_source() + "\nprocess.stdout.write(safeHref(process.argv[1]));\n"
    done = subprocess.run([node, "-e", script, "--", given], capture_output=True, text=True, timeout=30, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected


def test_page_script_sets_links_only_through_safe_href() -> None:
    import re

    source = (Path(__file__).resolve().parents[2] / "dateline" / "web" / "static" / "app.js").read_text()
    # the one generic attribute setter refuses href/src/on* (only data-, role, type, aria- pass)
    assert re.search(r'else if \(key === "href"\) node\.setAttribute\("href", safeHref\(value\)\)', source)
    for match in re.finditer(r'setAttribute\(\s*"(href|src|xlink:href|action|formaction)"', source):
        line = source[source.rfind("\n", 0, match.start()) + 1:source.find("\n", match.start())]
        assert "safeHref(" in line, line
    for match in re.finditer(r"location\.href\s*=\s*([^;]+);", source):
        assert re.fullmatch(r'(path \+ "\?"|"/api/[a-z/]+\?") \+ query', match.group(1).strip()), match.group(0)
    assert not re.search(r"(?<!dataset)\.(src|href|action)\s*=(?!=)", source.replace("location.href", "")), \
        "a URL property is assigned directly"


# --------------------------------------------------------------------------------------------
# SQL injection through every parameter of every endpoint (enumerated from the OpenAPI schema)

HOSTILE = ["x' OR '1'='1", "%' OR 1=1 --", "'; DROP TABLE articles; --", "\" OR \"\"=\"", "1) OR (1=1",
           "x'||(SELECT string_agg(id, ',') FROM articles)||'", "%", "_", "\\' OR 1=1 --"]
_DB_ERRORS = ("Parser Error", "Binder Error", "Catalog Error", "Conversion Error", "syntax error", "duckdb")


def _counts(client: Client) -> tuple[int, int]:
    stats = client.get("/api/stats").json()
    return client.get("/api/articles").json()["total"], stats["articles"]


def test_every_parameter_of_every_endpoint_is_inert_to_sql(writable_db: Path) -> None:
    # the app is the store's writer here, so an injected statement could really change it
    values = _path_values(writable_db)
    app = create_app(writable_db, allow_ingest=True, token="t0ken")
    try:
        client = Client(app)
        before = _counts(client)
        tried = 0
        for path, op in _get_routes(app):
            params = op.get("parameters", [])
            for param in params:
                name, where = param["name"], param["in"]
                typed = param.get("schema", {})
                for value in HOSTILE:
                    base = {k: values.get(k, "x") for k in values}
                    query = {p["name"]: base.get(p["name"], "zz") for p in params
                             if p["in"] == "query" and p.get("required") and p["name"] != name}
                    if where == "path":
                        url = _fill(path, {**base, name: value.replace("/", "%2F")})
                    else:
                        url = _fill(path, base)
                        query[name] = value
                    response = client.get(url, params=query)
                    tried += 1
                    assert response.status_code in (200, 404, 422), (url, name, value, response.text[:300])
                    assert not any(e in response.text for e in _DB_ERRORS), (url, name, response.text[:300])
                    body = response.json() if response.headers["content-type"].startswith("application/json") else {}
                    if response.status_code == 200 and "string" in str(typed) and value not in ("%", "_"):
                        # nothing in the store contains these strings: a filter that matched rows was not a filter
                        for key in ("total", "total_articles"):
                            if isinstance(body, dict) and key in body and name not in ("format",):
                                assert body[key] == 0, (url, name, value, body[key])
        assert tried > 200
        assert _counts(client) == before
    finally:
        app.state.db.close()


def test_wildcards_in_text_filters_are_literal(client: Client) -> None:
    everything = client.get("/api/articles").json()["total"]
    assert everything > 2
    assert client.get("/api/articles", params={"search": "%"}).json()["total"] == 1  # "100% of Mosul retaken"
    assert client.get("/api/articles", params={"search": "100%"}).json()["total"] == 1
    assert client.get("/api/articles", params={"search": "M_sul"}).json()["total"] == 0


# --------------------------------------------------------------------------------------------
# Path traversal, sent as raw paths (an HTTP client would normalise the dots away)


def _raw_get(app: object, raw_path: bytes) -> tuple[int, bytes]:
    import asyncio
    from urllib.parse import unquote_to_bytes

    messages: list[dict] = []

    sent = []

    async def receive() -> dict:
        if sent:  # the request was read: the next thing a server reports is the client leaving
            await asyncio.sleep(3600)
        sent.append(1)
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        messages.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": unquote_to_bytes(raw_path).decode("utf-8", "replace"), "raw_path": raw_path,
             "query_string": b"", "root_path": "", "headers": [(b"host", b"127.0.0.1")],
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 8000)}
    asyncio.run(app(scope, receive, send))  # type: ignore[operator]
    status = next(m["status"] for m in messages if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    return status, body


@pytest.mark.parametrize("raw", [
    b"/static/../app.py", b"/static/../../store/__init__.py", b"/static/vendor/../../db.py",
    b"/static/%2e%2e/app.py", b"/static/..%2fapp.py", b"/static/..%2f..%2fstore%2f__init__.py",
    b"/static/..\\app.py", b"/static//etc/passwd", b"/static/%2fetc%2fpasswd", b"/static/../../../../../../etc/passwd",
    b"/static/vendor/../../templates/index.html", b"/static/.%2e/app.py", b"/static/%252e%252e/app.py",
])
def test_raw_traversal_paths_never_leave_the_static_folder(app: object, raw: bytes) -> None:
    status, body = _raw_get(app, raw)
    assert status in (400, 404), (raw, status)
    assert b"create_app" not in body and b"root:" not in body and b"open_store" not in body


def test_static_files_are_still_served(app: object) -> None:
    status, body = _raw_get(app, b"/static/app.js")
    assert status == 200 and b"safeHref" in body


def test_nothing_over_http_reads_or_writes_a_path_it_is_given(app: object) -> None:
    """Only GET routes (and the token-gated ingest), none taking a file name; files only under /static."""
    from starlette.routing import Mount

    schema = app.openapi()  # type: ignore[attr-defined]
    for path, ops in schema["paths"].items():
        assert set(ops) == {"get"}, (path, set(ops))
        for op in ops.values():
            for param in op.get("parameters", []):
                assert not any(w in param["name"].lower() for w in ("path", "file", "output", "dir")), param["name"]
    mounts = [r for r in app.routes if isinstance(r, Mount)]  # type: ignore[attr-defined]
    assert [m.path for m in mounts] == ["/static"]
    static_dir = Path(mounts[0].app.directory).resolve()
    assert static_dir == Path(__file__).resolve().parents[2] / "dateline" / "web" / "static"


# --------------------------------------------------------------------------------------------
# Ingest token and body bounds beyond the basics


def test_ingest_refuses_empty_and_near_miss_tokens(writable_db: Path) -> None:
    app = create_app(writable_db, allow_ingest=True, token="s3cret-token")
    try:
        client = Client(app)
        for header in ("Bearer", "Bearer ", "Bearer s3cret-toke", "Bearer s3cret-token-and-more", "bearer S3CRET-TOKEN",
                       "Token s3cret-token", "s3cret-token"):
            assert client.post("/api/ingest", content=_record(), headers={"Authorization": header}).status_code == 401
        assert client.get("/api/articles").json()["total"] == len(ARTICLES)
    finally:
        app.state.db.close()


def test_every_route_refuses_oversized_bodies(writable_db: Path) -> None:
    app = create_app(writable_db, allow_ingest=True, token="t0ken", max_ingest_bytes=1000)
    try:
        client = Client(app)
        big = b"x" * 5000
        for method, url in (("POST", "/api/ingest"), ("GET", "/api/articles"), ("POST", "/api/articles"),
                            ("PUT", "/api/stats"), ("GET", "/static/app.js")):
            response = client.request(method, url, content=big, headers={"Authorization": "Bearer t0ken"})
            assert response.status_code == 413, (method, url, response.status_code)
        small = client.request("GET", "/api/stats", content=b"x" * 500)
        assert small.status_code == 200
    finally:
        app.state.db.close()


def test_the_body_bound_is_a_setting() -> None:
    from dateline.config import Config

    assert int(Config()["web.max_body_bytes"]) > 0


def test_policy_allows_nothing_off_the_machine(client: Client) -> None:
    import re

    policy = client.get("/").headers["content-security-policy"]
    assert not re.search(r"https?:|wss?:|\*|//", policy), policy
    root = Path(__file__).resolve().parents[2] / "dateline" / "web"
    for path in [*(root / "templates").glob("*.html"), *(root / "static").glob("*.js"), *(root / "static").glob("*.css")]:
        text = path.read_text(encoding="utf-8")
        for url in re.findall(r"""(?:src|href|url\(|fetch\(|import)\s*=?\s*["']?((?:https?:)?//[^"' )]+)""", text):
            pytest.fail(f"{path.name} refers to {url}")
