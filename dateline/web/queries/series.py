"""Figure series for the web: subjects with their number of figures, and one series in full.

A subject is (kind, who, where, noun) as dateline.corpus.series defines it; one series lists every
source's figure with the interval it allows, the monthly low / best / high across sources and the
pairs of independent sources whose figures disagree (the rules of dateline.corpus.series).
"""

from __future__ import annotations

import math
from typing import Any

import duckdb

from ...corpus.series import Point, _estimate, compatible, interval
from ...store.sql import ILIKE, Where
from . import dicts, existing_tables, like, ranked_page

TOLERANCE = 0.1
WHO = ("coalesce(f.actor_country, CASE WHEN f.actor LIKE '%:%' AND f.actor NOT LIKE 'new:%' "
       "THEN f.actor END)")
SUBJECT = (f"f.kind AS kind, {WHO} AS who, f.place AS \"where\", "
           "CASE WHEN f.kind = 'other' THEN f.noun END AS noun")
SERIES_COLUMNS = ["kind", "who", "where", "noun", "figures", "sources", "first", "last", "low", "high"]


def _canonical(con: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    """The join to duplicate marks and the canonical-id expression (wire copies count as one source)."""
    if "article_duplicates" in existing_tables(con):
        return (" LEFT JOIN article_duplicates d ON d.article_id = f.article_id",
                "coalesce(d.canonical_id, f.article_id)")
    return "", "f.article_id"


def subjects(con: duckdb.DuckDBPyConnection, *, kind: str | None, text: str | None, min_points: int,
             limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """Subjects with at least `min_points` figures, most figures first, and how many match."""
    if "figures" not in existing_tables(con):
        return [], 0
    join, canonical = _canonical(con)
    where = Where().add("f.kind IS NOT NULL").add("f.kind = ?", kind)
    inner = (f"SELECT {SUBJECT}, {canonical} AS canonical_id, coalesce(f.as_of, a.published) AS as_of, "
             "coalesce(f.value, f.low, f.high) AS v FROM figures f JOIN articles a ON a.id = f.article_id"
             f"{join}{where.sql()}")
    having = Where().add("count(*) >= ?", min_points)
    if text:
        having.add(f"concat_ws(' ', kind, who, \"where\", noun) {ILIKE}", like(text))
    grouped = (f"SELECT kind, who, \"where\", noun, count(*) AS figures, count(DISTINCT canonical_id) AS sources, "
               f"min(as_of) AS first, max(as_of) AS last, min(v) AS low, max(v) AS high FROM ({inner}) "
               f"GROUP BY kind, who, \"where\", noun{having.sql('HAVING')}")
    return ranked_page(con, grouped, [*where.params, *having.params],
                       "ORDER BY sources DESC, figures DESC, kind, who NULLS FIRST, \"where\" NULLS FIRST, noun NULLS FIRST",
                       limit=limit, offset=offset)


def _is(w: Where, column: str, value: Any) -> Where:
    """`column IS NULL` for None, else `column = ?` (an empty string too: a subject's part is matched exactly)."""
    return w.add(f"{column} IS NULL") if value is None else w.add(f"{column} = ?", value, skip_unset=False)


def series(con: duckdb.DuckDBPyConnection, kind: str, who: str | None, where: str | None,
           noun: str | None) -> dict[str, Any] | None:
    """One subject's figures in time order with intervals, monthly estimates and disagreements."""
    if "figures" not in existing_tables(con):
        return None
    join, canonical = _canonical(con)
    tests = Where()
    for column, value in (("f.kind", kind), (WHO, who), ("f.place", where),
                          ("CASE WHEN f.kind = 'other' THEN f.noun END", noun if kind == "other" else None)):
        _is(tests, column, value)
    rows = dicts(con.execute(
        f"SELECT f.article_id, f.start, f.\"end\", {canonical} AS canonical_id, a.outlet, a.published, a.title, "
        "a.url, coalesce(f.as_of, a.published) AS as_of, coalesce(f.qualifier, 'exact') AS qualifier, f.value, "
        "f.low, f.high, f.text, f.speaker, f.unit, f.noun, f.confidence, "
        "substr(a.text, f.sentence_start + 1, f.sentence_end - f.sentence_start) AS sentence, "
        "f.start - f.sentence_start AS mark_start, f.\"end\" - f.sentence_start AS mark_end "
        f"FROM figures f JOIN articles a ON a.id = f.article_id{join}{tests.sql()} "
        "ORDER BY as_of NULLS LAST, a.published, f.article_id, f.start", tests.params))
    if not rows:
        return None
    points = [Point(r["article_id"], r["canonical_id"], r["outlet"], r["published"], r["as_of"], r["qualifier"],
                    r["value"], r["low"], r["high"], r["text"] or "", r["speaker"], "") for r in rows]
    months: dict[str, list[int]] = {}
    for i, (row, point) in enumerate(zip(rows, points, strict=True)):
        lo, hi, lo_open, hi_open = interval(point.qualifier, point.value, point.low, point.high, TOLERANCE)
        row.update(index=i, point=point.point, lower=_finite(lo), upper=_finite(hi), lower_open=lo_open,
                   upper_open=hi_open, month=row["as_of"].strftime("%Y-%m") if row["as_of"] else "undated",
                   disagrees_with=[])
        months.setdefault(row["month"], []).append(i)
    estimates, disagreements = [], []
    for month, members in months.items():
        estimate = _estimate(month, [points[i] for i in members], TOLERANCE)
        estimates.append({"month": month, "low": _finite(estimate.low), "best": _finite(estimate.best),
                          "high": _finite(estimate.high), "sources": estimate.sources})
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if points[i].canonical_id != points[j].canonical_id and not compatible(points[i], points[j], TOLERANCE):
                    disagreements.append({"month": month, "a": i, "b": j})
                    rows[i]["disagrees_with"].append(j)
                    rows[j]["disagrees_with"].append(i)
    return {"subject": {"kind": kind, "who": who, "where": where, "noun": noun if kind == "other" else None},
            "points": rows, "estimates": estimates, "disagreements": disagreements,
            "sources": len({p.canonical_id for p in points})}


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None
