from __future__ import annotations

from datetime import date

import pytest

from dateline.corpus.series import Point, compatible, figure_series, interval

from ._rows import article, figure


def _p(qualifier: str, value: float | None, low: float | None = None, high: float | None = None) -> Point:
    return Point("a", "a", None, None, None, qualifier, value, low, high, "", None, "")


def test_intervals_and_compatibility() -> None:
    assert interval("about", 7000.0, None, None) == pytest.approx((6300.0, 7700.0, False, False))
    assert interval("more_than", 5000.0, 5000.0, None)[:3] == (5000.0, float("inf"), True)
    # "more than 5,000" and "about 7,000": compatible (the second lies inside the first)
    assert compatible(_p("more_than", 5000.0, 5000.0), _p("about", 7000.0))
    # "about 5,000" and "more than 7,000": not
    assert not compatible(_p("about", 5000.0), _p("more_than", 7000.0, 7000.0))
    assert not compatible(_p("exact", 774.0), _p("exact", 800.0))
    assert compatible(_p("range", None, 1200.0, 1500.0), _p("about", 1300.0))
    assert not compatible(_p("more_than", 100.0, 100.0), _p("exact", 100.0))  # "more than 100" excludes 100


def test_series_flags_disagreement_and_estimates(store) -> None:
    con = store.con
    article(con, "a", "Tigris Wire", date(2017, 5, 4), "More than 7,000 US troops are in Iraq, officials said.")
    article(con, "a2", "Euphrates Times", date(2017, 5, 4), "copy", canonical="a")
    article(con, "b", "Levant Ledger", date(2017, 5, 10), "About 5,000 US troops are in Iraq.")
    article(con, "c", "Desert Dispatch", date(2017, 5, 20), "More than 5,000 US troops are in Iraq.")
    figure(con, "a", 0, "troops_deployed", "more_than", 7000.0, date(2017, 5, 4), low=7000.0, speaker="officials")
    figure(con, "a2", 0, "troops_deployed", "more_than", 7000.0, date(2017, 5, 4), low=7000.0)
    figure(con, "b", 0, "troops_deployed", "about", 5000.0, date(2017, 5, 10))
    figure(con, "c", 0, "troops_deployed", "more_than", 5000.0, date(2017, 5, 20), low=5000.0)
    (series,) = figure_series(con)
    assert (series.kind, series.who, series.where) == ("troops_deployed", "USA", "Iraq")
    assert len(series.points) == 4 and series.points[0].speaker == "officials"
    pairs = {frozenset((d.a.article_id, d.b.article_id)) for d in series.disagreements}
    assert pairs == {frozenset(("a", "b")), frozenset(("a2", "b"))}  # the copy says what the wire said
    (estimate,) = series.estimates
    assert estimate.month == "2017-05" and estimate.sources == 3
    assert estimate.low == pytest.approx(4500.0) and estimate.high == pytest.approx(7000.0)
    assert estimate.best == pytest.approx(6000.0)  # median of 7000, 7000, 5000, 5000
