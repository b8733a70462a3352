"""Exports of events, figures and stories: flat formats round-trip; PLOVER, ACLED and GDELT layouts."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from dateline.errors import ExportError
from dateline.exports import ACLED_COLUMNS, GDELT_COLUMNS, RecordFilter, export_records
from dateline.exports.layouts import cameo_code, fips_of

ACLED_UNKNOWN = ("inter1", "inter2", "interaction", "civilian_targeting", "region", "admin2", "admin3",
                 "source_scale", "tags")
GDELT_UNKNOWN = ("Actor1KnownGroupCode", "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code",
                 "Actor1Type2Code", "Actor1Type3Code", "Actor2KnownGroupCode", "Actor2EthnicCode",
                 "IsRootEvent", "GoldsteinScale", "AvgTone", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
                 "ActionGeo_FeatureID", *(c for c in GDELT_COLUMNS if c.startswith(("Actor1Geo_", "Actor2Geo_"))))
PLOVER_KEYS = {"id", "date", "actor", "recipient", "event", "mode", "context", "event_loc", "text_info",
               "cite_info", "factuality", "evidence", "figures", "story_id"}


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    assert row is not None
    return int(row[0])


def test_column_layouts_have_the_published_widths() -> None:
    assert len(ACLED_COLUMNS) == 31 and ACLED_COLUMNS[0] == "event_id_cnty" and ACLED_COLUMNS[-1] == "timestamp"
    assert len(GDELT_COLUMNS) == 61 and GDELT_COLUMNS[0] == "GLOBALEVENTID" and GDELT_COLUMNS[-1] == "SOURCEURL"
    assert GDELT_COLUMNS[26:30] == ("EventCode", "EventBaseCode", "EventRootCode", "QuadClass")
    assert GDELT_COLUMNS[51] == "ActionGeo_Type" and GDELT_COLUMNS[59] == "DATEADDED"


def test_acled_has_31_columns_in_order_and_leaves_unknowns_empty(con: duckdb.DuckDBPyConnection,
                                                                 tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    n = export_records(con, "events", "acled", str(target))
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert n == len(rows) - 1 == _count(con, "events") > 0
    assert all(len(r) == 31 for r in rows)
    records = [dict(zip(ACLED_COLUMNS, r)) for r in rows[1:]]
    assert all(r[c] == "" for r in records for c in ACLED_UNKNOWN)
    located = [r for r in records if r["latitude"]]
    assert located and all(r["country"] == "Iraq" and r["iso"] == "368" for r in located)
    aerial = [r for r in records if r["sub_event_type"] == "Air/drone strike"]
    assert aerial and all(r["event_type"] == "Explosions/Remote violence" for r in aerial)
    assert all(r["notes"] for r in records)  # the evidence sentence
    # fatalities come from the killed figures linked to the event, never invented
    dead = sorted((r["notes"][:40], r["fatalities"]) for r in records if r["fatalities"])
    assert [f for _, f in dead] == ["12", "30"] and all(r["event_type"] != "Protests" for r in records if r["fatalities"])
    assert all(r["fatalities"] == "" for r in records if "killing" not in r["notes"])


def test_gdelt_has_61_tab_separated_columns_no_header(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    target = tmp_path / "events.tsv"
    n = export_records(con, "events", "gdelt", str(target))
    lines = target.read_text(encoding="utf-8").splitlines()
    assert n == len(lines) == _count(con, "events")
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in lines]
    assert all(len(line.split("\t")) == 61 for line in lines)
    assert all(r["GLOBALEVENTID"].isdigit() for r in rows)  # no header line
    assert len({r["GLOBALEVENTID"] for r in rows}) == len(rows)
    assert all(r[c] == "" for r in rows for c in GDELT_UNKNOWN)
    placed = [r for r in rows if r["ActionGeo_Lat"]]
    assert placed and all(r["ActionGeo_CountryCode"] == "IZ" for r in placed)  # FIPS, not ISO
    aerial = [r for r in rows if r["EventCode"] == "195"]
    assert aerial and all(r["EventRootCode"] == "19" and r["QuadClass"] == "4" for r in aerial)
    assert all(r["SQLDATE"] == "" or len(r["SQLDATE"]) == 8 for r in rows)


def test_cameo_and_fips_map_only_what_maps() -> None:
    assert cameo_code("ASSAULT", "aerial") == "195"
    assert cameo_code("ASSAULT", None) == ""  # CAMEO 18, 19 or 20: not ours to pick
    assert cameo_code("REQUEST", None) == ""
    assert cameo_code("PROTEST", "demo") == "141" and cameo_code("PROTEST", "unknown-mode") == "140"
    assert fips_of("IRQ") == "IZ" and fips_of("DEU") == "GM" and fips_of("XXX") == "" and fips_of(None) == ""


def test_plover_records_have_the_required_keys(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    target = tmp_path / "events.plover.jsonl"
    n = export_records(con, "events", "plover", str(target))
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert n == len(records) == _count(con, "events")
    for record in records:
        assert PLOVER_KEYS <= set(record)
        assert isinstance(record["actor"], list) and isinstance(record["recipient"], list)
        assert len(record["event"]) == 1 and record["event"][0].isupper()
        assert {"start", "end"} <= set(record["text_info"])
        assert {"article_id", "url", "outlet"} <= set(record["cite_info"])
    located = [r for r in records if r["event_loc"] and r["event_loc"]["lat"] is not None]
    assert located and all({"geonameid", "lat", "lon", "country_code", "admin1"} <= set(r["event_loc"])
                           for r in located)
    with_figures = [r for r in records if r["figures"]]
    assert with_figures and all("kind" in f and "value" in f for r in with_figures for f in r["figures"])
    attacks = [r for r in records if r["fatalities"] is not None]
    assert attacks and all(r["event"] == ["ASSAULT"] for r in attacks)
    assert all(any(f["kind"] == "killed" for f in r["linked_figures"]) for r in attacks)


@pytest.mark.parametrize("kind, table", [("events", "events"), ("figures", "figures"), ("stories", "stories")])
def test_flat_formats_round_trip(con: duckdb.DuckDBPyConnection, tmp_path: Path, kind: str, table: str) -> None:
    expected = _count(con, table)
    key = {"events": "event_id", "figures": "figure_id", "stories": "story_id"}[kind]
    ids: dict[str, list[str]] = {}
    for fmt in ("csv", "jsonl", "parquet"):
        target = tmp_path / f"{kind}.{fmt}"
        assert export_records(con, kind, fmt, str(target)) == expected
        assert not (tmp_path / f"{kind}.{fmt}.part").exists()
        if fmt == "csv":
            with target.open(encoding="utf-8", newline="") as handle:
                ids[fmt] = [r[key] for r in csv.DictReader(handle)]
        elif fmt == "jsonl":
            ids[fmt] = [json.loads(line)[key] for line in target.read_text(encoding="utf-8").splitlines()]
        else:
            ids[fmt] = pq.read_table(target).column(key).to_pylist()
    assert ids["csv"] == ids["jsonl"] == ids["parquet"] and len(ids["csv"]) == expected


def test_event_csv_keeps_the_evidence_and_sources(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    export_records(con, "events", "csv", str(target))
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert all(r["trigger"] and r["trigger"] in r["evidence"] for r in rows)
    assert {r["outlet"] for r in rows} >= {"Tigris Wire", "Desert Dispatch"}


def test_filters_are_parameters(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    target = tmp_path / "assault.jsonl"
    n = export_records(con, "events", "jsonl", str(target), type="assault", factuality=["claimed"])
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert n == len(rows) > 0 and all(r["type"] == "ASSAULT" and r["factuality"] == "claimed" for r in rows)
    evil = "ASSAULT'); DROP TABLE events; --"
    assert export_records(con, "events", "csv", str(tmp_path / "none.csv"), RecordFilter(type=(evil,))) == 0
    assert _count(con, "events") > 0


def test_wrong_kind_format_or_target_is_an_export_error(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="not available for figures"):
        export_records(con, "figures", "gdelt", str(tmp_path / "x.tsv"))
    with pytest.raises(ExportError, match="unknown record kind"):
        export_records(con, "quotes", "csv", str(tmp_path / "x.csv"))
    with pytest.raises(ExportError, match="directory"):
        export_records(con, "events", "acled", str(tmp_path))
    with pytest.raises(ExportError, match="unknown export filter"):
        export_records(con, "events", "csv", str(tmp_path / "x.csv"), colour="red")
    assert list(tmp_path.iterdir()) == []


def test_show_and_events_list_the_linked_figures(event_db: Path) -> None:
    from typer.testing import CliRunner

    from dateline.cli import app

    with duckdb.connect(str(event_db), read_only=True) as connection:
        row = connection.execute("SELECT article_id, start, fatalities FROM events WHERE fatalities IS NOT NULL "
                                 "ORDER BY fatalities LIMIT 1").fetchone()
        linked = connection.execute("SELECT count(*) FROM figures WHERE event_type = 'ASSAULT' AND kind = 'killed'"
                                    ).fetchone()
    assert row is not None and row[2] == 12 and linked is not None and linked[0] >= 2
    runner = CliRunner()
    shown = runner.invoke(app, ["show", row[0], "--db", str(event_db)], catch_exceptions=False)
    assert shown.exit_code == 0 and "fatalities 12" in shown.output
    assert f"quantifies the ASSAULT at {row[1]}" in shown.output
    listed = runner.invoke(app, ["events", "--json", "--db", str(event_db)], catch_exceptions=False)
    assert listed.exit_code == 0 and '"fatalities": 12' in listed.output


def test_figure_export_carries_the_event_link_and_status(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    target = tmp_path / "figures.jsonl"
    export_records(con, "figures", "jsonl", str(target))
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert rows and all({"status", "event_type", "event_start"} <= set(r) for r in rows)
    stored = con.execute("SELECT count(*) FROM figures WHERE event_type IS NOT NULL").fetchone()[0]
    assert sum(r["event_type"] is not None for r in rows) == stored
