"""Figure series: figures of one kind about one subject, over time, with disagreements and estimates.

Subject. A figure's subject is (kind, who, where): who is the figure's actor country (ISO3), else its
actor id when resolved (not a ``new:`` placeholder), else none; where is its place name, else none.
For kind ``other`` the counted noun is part of the subject. So "more than 7,000 American troops in
Iraq" is (troops_deployed, USA, Iraq).

Interval of one figure (what values it allows), with ``series.about_tolerance`` t = 0.10:
exact v -> [v, v]; about v -> [v(1-t), v(1+t)]; more_than v -> (v, inf); at_least v -> [v, inf);
fewer_than v -> [0, v); up_to v -> [0, v]; range -> [low, high].

Disagreement: within one subject and one calendar month of ``as_of`` (the "same time"), two figures
from different independent sources (different canonical articles, so wire copies never disagree
with their original) whose intervals do not intersect. "more than 5,000" and "about 7,000" in the
same month are compatible ((5000, inf) meets [6300, 7700]); "about 5,000" and "more than 7,000" are not.

Estimate per subject and month (after UCDP GED's low / best / high): low = the smallest finite
lower end over the figures (an "up to"/"fewer than" figure contributes its value), high = the largest
finite upper end (a "more than"/"at least" figure contributes its bound), best = the median of the
figures' point values (exact/about/bound value; a range's midpoint).
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb

from ..dedup import setting

__all__ = ["Disagreement", "Estimate", "Point", "Series", "figure_series", "interval"]
INF = math.inf


@dataclass(frozen=True, slots=True)
class Point:
    """One figure in a series: value, qualifier, as-of date, outlet, speaker, evidence sentence."""

    article_id: str
    canonical_id: str
    outlet: str | None
    published: date | None
    as_of: date | None
    qualifier: str
    value: float | None
    low: float | None
    high: float | None
    text: str
    speaker: str | None
    evidence: str

    @property
    def point(self) -> float | None:
        if self.value is not None:
            return self.value
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.low if self.low is not None else self.high


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Two independent sources giving incompatible values for one subject in one month."""

    month: str
    a: Point
    b: Point


@dataclass(frozen=True, slots=True)
class Estimate:
    """Low / best / high across sources for one subject and month, and how many sources."""

    month: str
    low: float | None
    best: float | None
    high: float | None
    sources: int


@dataclass(slots=True)
class Series:
    """A subject's figures in time order, its disagreements and its monthly estimates."""

    kind: str
    who: str | None
    where: str | None
    noun: str | None
    points: list[Point] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    estimates: list[Estimate] = field(default_factory=list)

    @property
    def subject(self) -> str:
        return " / ".join(x for x in (self.kind, self.who, self.where, self.noun) if x)


def interval(qualifier: str, value: float | None, low: float | None, high: float | None,
             tolerance: float = 0.1) -> tuple[float, float, bool, bool]:
    """(lower, upper, lower_open, upper_open) of the values a figure allows (see the module doc)."""
    v = value if value is not None else (low if low is not None else high)
    if qualifier == "range" and low is not None and high is not None:
        return low, high, False, False
    if v is None:
        return -INF, INF, False, False
    if qualifier == "about":
        return v * (1 - tolerance), v * (1 + tolerance), False, False
    if qualifier == "more_than":
        return v, INF, True, False
    if qualifier == "at_least":
        return v, (high if high is not None else INF), False, False
    if qualifier == "fewer_than":
        return 0.0, v, False, True
    if qualifier == "up_to":
        return 0.0, (high if high is not None else v), False, False
    return v, v, False, False


def compatible(a: Point, b: Point, tolerance: float = 0.1) -> bool:
    """Whether two figures' intervals intersect."""
    lo1, hi1, lo1_open, hi1_open = interval(a.qualifier, a.value, a.low, a.high, tolerance)
    lo2, hi2, lo2_open, hi2_open = interval(b.qualifier, b.value, b.low, b.high, tolerance)
    lo, lo_open = max((lo1, lo1_open), (lo2, lo2_open))
    hi, hi_open = min((hi1, not hi1_open), (hi2, not hi2_open))
    hi_open = not hi_open
    return lo < hi or (lo == hi and not lo_open and not hi_open)


def _who(row: dict[str, Any]) -> str | None:
    if row["actor_country"]:
        return row["actor_country"]
    actor = row["actor"]
    return actor if actor and ":" in actor and not actor.startswith("new:") else None


def _estimate(month: str, points: list[Point], tolerance: float) -> Estimate:
    lows, highs, best = [], [], []
    for p in points:
        lo, hi, _, _ = interval(p.qualifier, p.value, p.low, p.high, tolerance)
        lows.append(lo if lo > 0 or p.qualifier not in ("up_to", "fewer_than") else p.point)
        highs.append(hi if hi != INF else p.point)
        if p.point is not None:
            best.append(p.point)
    fl = [x for x in lows if x is not None and math.isfinite(x)]
    fh = [x for x in highs if x is not None and math.isfinite(x)]
    return Estimate(month, min(fl) if fl else None, statistics.median(best) if best else None,
                    max(fh) if fh else None, len({p.canonical_id for p in points}))


def figure_series(con: duckdb.DuckDBPyConnection, config: Any | None = None, *, kind: str | None = None,
                  min_points: int = 2) -> list[Series]:
    """Series of the stored figures (of one kind, or all), subjects with at least min_points figures."""
    tolerance = float(setting(config, "series.about_tolerance", 0.1))
    cur = con.execute(
        "SELECT f.article_id, coalesce(d.canonical_id, f.article_id) AS canonical_id, a.outlet, a.published, "
        "f.as_of, f.qualifier, f.value, f.low, f.high, f.text, f.speaker, f.kind, f.noun, f.actor, "
        "f.actor_country, f.place, substr(a.text, f.sentence_start + 1, f.sentence_end - f.sentence_start) AS ev "
        "FROM figures f JOIN articles a ON a.id = f.article_id LEFT JOIN article_duplicates d "
        "ON d.article_id = f.article_id WHERE (? IS NULL OR f.kind = ?) "
        "ORDER BY f.as_of NULLS LAST, a.published, f.article_id, f.start", [kind, kind])
    names = [d[0] for d in cur.description or []]
    groups: dict[tuple[Any, ...], Series] = {}
    for values in cur.fetchall():
        row = dict(zip(names, values, strict=True))
        noun = row["noun"] if row["kind"] == "other" else None
        key = (row["kind"], _who(row), row["place"], noun)
        series = groups.setdefault(key, Series(*key))
        series.points.append(Point(row["article_id"], row["canonical_id"], row["outlet"], row["published"],
                                   row["as_of"], row["qualifier"], row["value"], row["low"], row["high"],
                                   row["text"], row["speaker"], (row["ev"] or "").strip()))
    out = []
    for series in groups.values():
        if len(series.points) < min_points:
            continue
        months: dict[str, list[Point]] = {}
        for p in series.points:
            when = p.as_of or p.published
            months.setdefault(when.strftime("%Y-%m") if when else "undated", []).append(p)
        for month, points in months.items():
            series.estimates.append(_estimate(month, points, tolerance))
            for i, a in enumerate(points):
                for b in points[i + 1:]:
                    if a.canonical_id != b.canonical_id and not compatible(a, b, tolerance):
                        series.disagreements.append(Disagreement(month, a, b))
        out.append(series)
    return sorted(out, key=lambda s: (-len(s.points), s.subject))
