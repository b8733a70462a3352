from __future__ import annotations

from datetime import date

from dateline.corpus.merge import merge_events
from dateline.corpus.timeline import timeline

from ._rows import article, event


def test_timeline_by_keywords_and_actor(store) -> None:
    con = store.con
    article(con, "a", "Tigris Wire", date(2017, 3, 6), "A car bomb killed 20 people in Baghdad on Monday.")
    article(con, "b", "Levant Ledger", date(2017, 3, 7), "A car bomb killed 20 people in Baghdad on Monday, police said.")
    article(con, "c", "Desert Dispatch", date(2017, 4, 1), "Talks on Baghdad's budget resumed. Nothing was agreed.")
    for aid in ("a", "b"):
        event(con, aid, 2, "ASSAULT", date(2017, 3, 6), place="Baghdad", geonameid=98182, lat=33.3, lon=44.4,
              sources=("isis",), end=45)
    con.execute("INSERT INTO actor_mentions (article_id, start, \"end\", text, actor_id, name) "
                "VALUES ('c', 0, 5, 'Talks', 'gov:IRQ', 'Iraqi government')")
    merge_events(con)
    entries = timeline(con, "baghdad car bomb")
    assert len(entries) == 1 and entries[0].date == date(2017, 3, 6) and entries[0].kind == "ASSAULT"
    assert entries[0].summary.startswith("A car bomb killed 20 people")
    assert [s.outlet for s in entries[0].sources] == ["Tigris Wire", "Levant Ledger"]
    entries = timeline(con, "Iraqi government")
    assert [(e.date, e.kind, e.summary) for e in entries] == [(date(2017, 4, 1), "article",
                                                               "Talks on Baghdad's budget resumed.")]
    assert timeline(con, "zanzibar") == []
