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


def _place(con, aid: str, start: int, text: str, geonameid: int, name: str) -> None:
    con.execute("INSERT INTO place_mentions (article_id, start, \"end\", text, geonameid, name) VALUES (?, ?, ?, ?, ?, ?)",
                [aid, start, start + len(text), text, geonameid, name])


def test_place_query_finds_every_spelling_and_the_actor_of_the_same_name(store) -> None:
    con = store.con
    article(con, "a", "Euphrates Times", date(2017, 6, 6), "Fighters entered Raqqa from the east.")
    article(con, "b", "Tigris Wire", date(2017, 7, 1), "Strikes hit Ar Raqqah overnight.")
    article(con, "c", "Levant Ledger", date(2017, 8, 1), "The Raqqa council met in Ain Issa.")
    article(con, "d", "Desert Dispatch", date(2017, 9, 1), "Nothing about the city here.")
    _place(con, "a", 17, "Raqqa", 172955, "Ar Raqqah")
    _place(con, "b", 12, "Ar Raqqah", 172955, "Ar Raqqah")
    con.execute("INSERT INTO actor_mentions (article_id, start, \"end\", text, actor_id, name) "
                "VALUES ('c', 4, 9, 'Raqqa', 'loc:raqqa', 'Raqqa')")
    entries = timeline(con, "Raqqa")
    assert [e.sources[0].article_id for e in entries] == ["a", "b", "c"]


def test_one_sentence_coded_twice_is_one_entry_without_a_stray_quote(store) -> None:
    con = store.con
    text = '"We will not stop," he said.\n\n" Turkey condemned the decision and urged Washington to reverse it.'
    article(con, "a", "Euphrates Times", date(2017, 5, 10), text)
    event(con, "a", 32, "ACCUSE", date(2017, 5, 10), sources=("TUR",), end=len(text))
    event(con, "a", 60, "REQUEST", date(2017, 5, 10), sources=("TUR",), end=len(text))
    con.execute("UPDATE events SET sentence_start = 29")
    merge_events(con)
    entries = timeline(con, "Turkey condemned")
    assert len(entries) == 1
    assert entries[0].summary == "Turkey condemned the decision and urged Washington to reverse it."
