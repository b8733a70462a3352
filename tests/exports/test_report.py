"""The static report: one self-contained HTML file, every text escaped, no external reference."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import duckdb

from dateline.report import write_report

from .conftest import SCRIPT


def _report(con: duckdb.DuckDBPyConnection, tmp_path: Path, **options: object) -> str:
    target = tmp_path / "report.html"
    written = write_report(con, target, **options)  # type: ignore[arg-type]
    assert written == target and not (tmp_path / "report.html.part").exists()
    return target.read_text(encoding="utf-8")


def test_report_has_every_section(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    page = _report(con, tmp_path, title="Mosul, March 2017")
    assert page.startswith("<!DOCTYPE html>") and "<title>Mosul, March 2017</title>" in page
    for heading in ("Where", "When", "Top stories", "Figure series", "Events"):
        assert f"<h2>{heading}" in page
    assert page.count('<svg class="map"') == 2 and '<svg class="timeline"' in page
    assert "<path d=\"M" in page  # country outlines drawn inline
    assert 'class="event"' in page and "Mosul" in page
    assert "<mark>" in page  # evidence sentences with their trigger


def test_report_marks_disagreeing_figures(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    page = _report(con, tmp_path)
    # 12 killed (Gulf Monitor) against at least 30 (Desert Dispatch) in Mosul on the same day.
    assert "sources disagree" in page and '<tr class="bad">' in page


def test_report_escapes_article_text(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    page = _report(con, tmp_path)
    assert SCRIPT not in page and "<script" not in page.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "Gulf &lt;b&gt;Monitor&lt;/b&gt;" in page and "<b>Monitor</b>" not in page


def test_report_makes_no_external_reference(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    page = _report(con, tmp_path)
    assert "https://tigriswire.example" in page  # source URLs appear, as text
    assert not re.search(r"""(?:src|href|xlink:href|action)\s*=\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"""url\(\s*["']?(?:https?:)?//|@import""", page, re.IGNORECASE)
    assert "<link" not in page and "<iframe" not in page and "<img" not in page


def test_report_range_limits_what_it_counts(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    everything = _report(con, tmp_path)
    april = _report(con, tmp_path, since=date(2017, 4, 1), until=date(2017, 4, 30))
    assert "7 articles published" in everything
    assert "1 articles published" in april and "range 2017-04-01 to 2017-04-30" in april
    assert "Turkey" in april and "Airstrike kills 12" not in april
