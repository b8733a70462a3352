"""Issue 6, item 6: a corpus processed in two halves ends as one pass over all of it.

Articles, events and figures are written straight into the store (no NLP); `update_corpus` then
marks duplicates and files stories, `update_merged` files event reports into merged events, and
`figure_series` reads series from the stored figures. Halves are split by publication date, the
order in which news arrives; a late article dated before stored ones is the one case where the
story clusterer may differ (it warns, see test_stories.py).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from dateline.corpus import update_corpus, update_merged
from dateline.corpus.series import figure_series
from dateline.store import Store, open_store
from dateline.store import corpus as db
from dateline.store import merged as mdb

from ._rows import article, event, figure

BRIDGE = ("HALLAN (Tigris Wire) - Gunmen attacked a checkpoint at the north bridge of Hallan before dawn on "
          "Monday, killing four police officers and wounding six, the provincial police chief said. The attackers "
          "fled towards the river villages, and the bridge was closed to traffic for most of the day while army "
          "units searched the farms along the eastern bank.")
BRIDGE_OWN = ("Four policemen died when attackers stormed the Hallan bridge checkpoint early on Monday. Residents "
              "said they heard gunfire for nearly an hour; six officers were taken to the city hospital.")
PROTEST = ("Several hundred teachers marched through the centre of Korvan on Monday to demand unpaid salaries, "
           "blocking the main square until the governor agreed to meet a delegation.")
TROOPS = ("The defence ministry said about 5,000 American troops were now stationed in Iraq, most of them "
          "advisers at bases near the front lines.")
STRIKE = ("MOSUL (Tigris Wire) - Coalition aircraft struck a weapons depot west of Mosul on Wednesday night, "
          "setting off explosions heard across the old city, a military spokesman said. No civilian casualties "
          "were reported, and ground forces advanced two kilometres towards the airport road after the strike.")
TROOPS_2 = ("A senator visiting Baghdad said more than 7,000 American troops were serving in Iraq, a figure "
            "well above the one the ministry gave last week.")
FOLLOW_UP = ("Police in Hallan arrested two men on Thursday over Monday's deadly attack on the bridge checkpoint, "
             "in which four officers were killed.")

HALLAN = {"place": "Hallan", "geonameid": 9000001, "lat": 35.10, "lon": 43.90}
MOSUL = {"place": "Mosul", "geonameid": 99072, "lat": 36.34, "lon": 43.13}
KORVAN = {"place": "Korvan", "geonameid": 9000002, "lat": 33.00, "lon": 44.80}


def _first_half(con: Any) -> None:
    day = date(2017, 4, 3)
    article(con, "wire", "Tigris Wire", day, BRIDGE)
    article(con, "copy", "Gulf Monitor", day, BRIDGE.replace("(Tigris Wire)", "(GM)"))
    article(con, "own", "Desert Dispatch", day, BRIDGE_OWN)
    article(con, "protest", "Levant Ledger", day, PROTEST)
    for aid in ("wire", "copy", "own"):
        event(con, aid, 10, "ASSAULT", day, sources=("gunmen",), targets=("police",), **HALLAN)
    event(con, "protest", 5, "PROTEST", day, sources=("teachers",), **KORVAN)
    article(con, "troops", "Euphrates Times", date(2017, 4, 4), TROOPS)
    figure(con, "troops", 20, "troops_deployed", "about", 5000, date(2017, 4, 4))
    article(con, "copy2", "Levant Ledger", date(2017, 4, 4), BRIDGE.replace("(Tigris Wire)", "(LL)") + " More soon.")
    event(con, "copy2", 10, "ASSAULT", day, sources=("gunmen",), targets=("police",), **HALLAN)


def _second_half(con: Any) -> None:
    day = date(2017, 4, 5)
    article(con, "strike", "Tigris Wire", day, STRIKE)
    article(con, "strike-copy", "Nineveh Post", day, STRIKE.replace("(Tigris Wire)", "(NP)"))
    for aid in ("strike", "strike-copy"):
        event(con, aid, 12, "AIRSTRIKE", day, sources=("coalition",), **MOSUL)
    article(con, "troops2", "Anbar Courier", date(2017, 4, 6), TROOPS_2)
    figure(con, "troops2", 30, "troops_deployed", "more_than", 7000, date(2017, 4, 6))
    article(con, "troops-copy", "Desert Dispatch", date(2017, 4, 6), TROOPS_2)
    figure(con, "troops-copy", 30, "troops_deployed", "more_than", 7000, date(2017, 4, 6))
    article(con, "follow", "Anbar Courier", date(2017, 4, 6), FOLLOW_UP)
    event(con, "follow", 40, "ASSAULT", date(2017, 4, 3), sources=("gunmen",), targets=("police",), **HALLAN)


def _process(store: Store) -> None:
    assert not update_corpus(store).warnings
    update_merged(store)


def _snapshot(store: Store) -> dict[str, Any]:
    con = store.con
    stories: dict[str, set[str]] = {}
    for aid, story in db.story_groups(con).items():
        stories.setdefault(story, set()).add(aid)
    merged = set()
    for m in mdb.merged_events(con):
        sources = frozenset(s["article_id"] for s in mdb.sources_of(con, m["merged_id"]))
        merged.add((m["merged_id"], sources, m["first_article"], m["reports"], m["outlets"],
                    m["independent_outlets"], m["first_reported"]))
    series = [(s.subject, [(p.article_id, p.canonical_id) for p in s.points],
               sorted((d.month, d.a.article_id, d.b.article_id) for d in s.disagreements), s.estimates)
              for s in figure_series(con)]
    return {"duplicates": db.duplicates(con), "stories": sorted(map(sorted, stories.values())),
            "merged": merged, "series": series}


def test_two_halves_equal_one_pass_for_duplicates_stories_merged_events_and_series(tmp_path: Path) -> None:
    with open_store(tmp_path / "one.duckdb") as one:
        _first_half(one.con)
        _second_half(one.con)
        _process(one)
        expected = _snapshot(one)
    with open_store(tmp_path / "two.duckdb") as two:
        _first_half(two.con)
        _process(two)
        _second_half(two.con)
        _process(two)
        got = _snapshot(two)
    assert got == expected
    # the scenario exercises what it should: copies, a joined follow-up, a flagged disagreement
    # same day, so the smaller id is the canonical; the figure's copy is word for word
    assert expected["duplicates"] == {"wire": ("copy", "near"), "copy2": ("copy", "near"),
                                      "strike-copy": ("strike", "near"), "troops2": ("troops-copy", "exact")}
    bridge = next(m for m in expected["merged"] if "wire" in m[1])
    assert bridge[1] == {"wire", "copy", "own", "copy2", "follow"} and bridge[5] == 3  # the wire and 2 copies once
    assert len(expected["merged"]) == 3
    (troops,) = expected["series"]
    assert {d[1] for d in troops[2]} == {"troops"} and len(troops[3]) == 1 and troops[3][0].sources == 2
