from __future__ import annotations

import json
from datetime import date

from dateline.corpus.merge import MergeParams, compare, merge_events
from dateline.store import merged as db

from ._rows import article, event

WIRE = ("BAGHDAD (Tigris Wire) - A car bomb killed 20 people at a market in Baghdad on Monday, police said. "
        "Officials blamed the Islamic State group.")


def _wire_story(con) -> None:
    article(con, "wire", "Tigris Wire", date(2017, 3, 6), WIRE)
    article(con, "copy1", "Gulf Monitor", date(2017, 3, 6), WIRE.replace("Tigris Wire", "GM"), canonical="wire")
    article(con, "copy2", "Levant Ledger", date(2017, 3, 7), WIRE.replace("Tigris Wire", "LL"), canonical="wire")
    article(con, "own", "Desert Dispatch", date(2017, 3, 7),
            "A car bomb tore through a Baghdad market on Monday, killing 20 people, police said.")
    for aid in ("wire", "copy1", "copy2", "own"):
        event(con, aid, 10, "ASSAULT", date(2017, 3, 6), place="Baghdad", geonameid=98182, lat=33.34, lon=44.40,
              sources=("isis",), targets=("country:IRQ",))


def test_wire_story_becomes_one_merged_event_with_independent_outlets(store) -> None:
    _wire_story(store.con)
    report = merge_events(store.con)
    assert (report.reports, report.opened, report.joined) == (4, 1, 3)
    (merged,) = db.merged_events(store.con)
    assert merged["reports"] == 4 and merged["outlets"] == 4
    assert merged["independent_outlets"] == 2  # the wire and its two copies count once, plus Desert Dispatch
    assert merged["first_reported"] == date(2017, 3, 6) and merged["first_article"] == "wire"
    sources = db.sources_of(store.con, merged["merged_id"])
    assert {s["article_id"] for s in sources} == {"wire", "copy1", "copy2", "own"}
    decisions = db.decisions_of(store.con, merged["merged_id"])
    assert decisions[0]["rule"] == "new"
    assert any("same-text" in d["rule"] for d in decisions)
    assert json.loads(decisions[-1]["details"])["place"] == "same place"


def test_incremental_reports_join_existing_merged_events(store) -> None:
    _wire_story(store.con)
    merge_events(store.con)
    article(store.con, "late", "Anbar Courier", date(2017, 3, 8), "Monday's Baghdad market bombing killed 20.")
    event(store.con, "late", 3, "ASSAULT", date(2017, 3, 6), place="Baghdad", geonameid=98182, lat=33.34, lon=44.40)
    report = merge_events(store.con)
    assert (report.reports, report.opened, report.joined) == (1, 0, 1)
    (merged,) = db.merged_events(store.con)
    assert merged["independent_outlets"] == 3 and merged["reports"] == 5


def test_two_attacks_same_day_in_different_cities_stay_apart(store) -> None:
    article(store.con, "a", "Tigris Wire", date(2017, 3, 6), "A bomb killed 10 in Baghdad.")
    article(store.con, "b", "Levant Ledger", date(2017, 3, 6), "A bomb killed 10 in Mosul.")
    event(store.con, "a", 0, "ASSAULT", date(2017, 3, 6), place="Baghdad", geonameid=98182, lat=33.34, lon=44.40,
          sources=("isis",))
    event(store.con, "b", 0, "ASSAULT", date(2017, 3, 6), place="Mosul", geonameid=99072, lat=36.34, lon=43.13,
          sources=("isis",))
    report = merge_events(store.con)
    assert (report.opened, report.joined) == (2, 0)
    assert len(db.merged_events(store.con)) == 2


def test_compare_rules() -> None:
    base = {"type": "ASSAULT", "article_id": "a", "factuality": "happened", "date": date(2017, 1, 1),
            "source_actors": ["country:USA"], "target_actors": [], "geonameid": None, "place": None,
            "country": None, "admin1": None, "lat": None, "lon": None, "geo_precision": None,
            "sentence": "", "canonical_id": "a", "story_id": None}
    params = MergeParams()
    assert compare(base, {**base, "article_id": "b", "canonical_id": "b"}, params)[1] == "ASSAULT+shared-actor"
    assert compare(base, {**base, "article_id": "b", "date": date(2017, 1, 5)}, params) is None  # > 3 days
    assert compare(base, {**base, "article_id": "b", "factuality": "negated"}, params) is None
    assert compare(base, {**base, "article_id": "b", "source_actors": ["country:RUS"]}, params) is None
    # one side without actors and no other evidence: not joined
    assert compare(base, {**base, "article_id": "b", "canonical_id": "b", "source_actors": []}, params) is None


def test_reports_reanalysed_away_leave_their_merged_event(store) -> None:
    con = store.con
    _wire_story(con)
    merge_events(con)
    (merged,) = db.merged_events(con)
    assert merged["reports"] == 4
    # `dateline analyze --redo` rewrote one article's events: the old report is gone, a new one differs
    con.execute("DELETE FROM events WHERE article_id = 'own'")
    event(con, "own", 12, "COERCE", date(2017, 3, 6), sources=("isis",))
    report = merge_events(con)
    assert report.reports == 1 and merged["merged_id"] in report.merged_events
    by_type = {m["type"]: m for m in db.merged_events(con)}
    assert by_type["ASSAULT"]["reports"] == 3
    assert "own" not in {s["article_id"] for s in db.sources_of(con, merged["merged_id"])}
    assert not con.execute("SELECT count(*) FROM merge_decisions WHERE event_key LIKE 'own:10:%'").fetchone()[0]
    assert merge_events(con).reports == 0  # nothing left to prune or file
