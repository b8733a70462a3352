"""Finding listings (`dateline events` / `figures`): filters match what users type literally."""

from __future__ import annotations

from datetime import date

from dateline.store.findings import FindingFilter, list_events
from tests.corpus._rows import article, event


def test_place_and_actor_words_are_literal_not_like_patterns(store) -> None:
    con = store.con
    article(con, "a", "Tigris Wire", date(2017, 3, 6), "A car bomb killed 20 people in Baghdad on Monday.")
    event(con, "a", 2, "ASSAULT", date(2017, 3, 6), place="Baghdad", geonameid=98182, lat=33.3, lon=44.4,
          sources=("armed_group:isis",))
    con.execute("INSERT INTO actor_mentions (article_id, start, \"end\", text, actor_id, name) "
                "VALUES ('a', 0, 5, 'ISIS', 'armed_group:isis', 'Islamic State')")
    assert len(list_events(con, FindingFilter(place="baghdad"))) == 1
    assert list_events(con, FindingFilter(place="B_ghdad")) == []  # '_' is a character, not a wildcard
    assert list_events(con, FindingFilter(place="%")) == []
    assert len(list_events(con, FindingFilter(actor="islamic state"))) == 1
    assert list_events(con, FindingFilter(actor="Islamic_State")) == []
