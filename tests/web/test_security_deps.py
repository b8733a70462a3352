"""Properties that past advisories in the web stack broke, pinned against the versions we install
(see SECURITY.md, "By-hand advisory review"): each fails on a dependency that has the old bug."""

from __future__ import annotations

import re
import time
from pathlib import Path

from .conftest import Client

WEB = Path(__file__).resolve().parents[2] / "dateline" / "web"


def test_a_range_header_with_thousands_of_ranges_is_cheap(client: Client) -> None:
    """GHSA-7f5h-v6xp-fcq8 (CVE-2025-62727): starlette < 0.49.1 merged Range parts in quadratic time."""
    ranges = "bytes=" + ",".join(f"{i}-{i}" for i in range(0, 40_000, 2))  # 20,000 one-byte ranges
    started = time.perf_counter()
    response = client.get("/static/app.js", headers={"Range": ranges})
    assert time.perf_counter() - started < 2.0
    assert response.status_code in (200, 206, 416)
    assert response.headers["x-content-type-options"] == "nosniff"


def test_an_ordinary_range_is_still_honoured(client: Client) -> None:
    response = client.get("/static/app.js", headers={"Range": "bytes=0-9"})
    assert response.status_code == 206 and len(response.content) == 10


def test_no_web_module_decides_anything_from_the_reconstructed_url() -> None:
    """GHSA-86qp-5c8j-p5mr / GHSA-jp82-jpqv-5vv3: request.url is rebuilt from the Host header and
    path, so a crafted Host can make request.url.path or .hostname lie. dateline's middlewares and
    routes read scope["path"] and the headers instead; keep it so."""
    pattern = re.compile(r"\b(request|req)\.(url|base_url)\b|\burl_for\(")
    users = [f"{p.relative_to(WEB)}:{n}" for p in sorted(WEB.rglob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert users == []


def test_a_crafted_host_header_changes_neither_routing_nor_caching(client: Client) -> None:
    """A Host carrying a path and query (the BadHost shape) is answered like the real path."""
    plain = client.get("/api/stats")
    crafted = client.get("/api/stats", headers={"Host": "example.org/static/app.js?x="})
    assert crafted.status_code == plain.status_code == 200
    assert crafted.headers["content-type"].startswith("application/json")
    assert crafted.json() == plain.json()
