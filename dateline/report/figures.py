"""The report's figure series: the series, disagreements and estimates of dateline.corpus.series, drawn.

The report shows what `dateline figures --series` and the web page show: the same subjects, the
same disagreement rule and the same low / best / high estimates (documented in corpus/series.py),
limited to figures from articles published in the report's range.
"""

from __future__ import annotations

from datetime import date

import duckdb

from ..corpus.series import Point, Series, figure_series
from .markup import clip, esc

SHOWN = 8  # series drawn, those with the most independent sources first
KIND_LABELS = {"killed": "Killed", "wounded": "Wounded", "displaced": "Displaced", "captured": "Captured",
               "troops_deployed": "Troops deployed", "territory_share": "Share of territory", "money": "Money"}
QUALIFIER_PREFIX = {"more_than": "> ", "at_least": "≥ ", "fewer_than": "< ", "up_to": "≤ ", "about": "~ "}


def _number(x: float | None) -> str:
    if x is None:
        return "?"
    if abs(x) >= 1e6:
        return f"{x / 1e6:,.1f} m".replace(".0 m", " m")
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.1f}"


def value_text(p: Point, kind: str) -> str:
    """A figure as a reader would write it: "~ 5,000", "> 30", "12–15", "40%"."""
    if p.qualifier == "range" and p.low is not None and p.high is not None:
        return f"{_number(p.low)}–{_number(p.high)}"
    unit = "%" if kind == "territory_share" and p.value is not None and p.value <= 100 else ""
    return QUALIFIER_PREFIX.get(p.qualifier, "") + _number(p.point) + unit


def _in_range(p: Point, since: date | None, until: date | None) -> bool:
    if since is None and until is None:
        return True
    if p.published is None:
        return False
    return (since is None or p.published >= since) and (until is None or p.published <= until)


def _scoped(series: Series, since: date | None, until: date | None) -> Series | None:
    """The series limited to figures published in [since, until]; None when fewer than two remain."""
    points = [p for p in series.points if _in_range(p, since, until)]
    if len(points) < 2:
        return None
    kept = {id(p) for p in points}
    months = {(p.as_of or p.published).strftime("%Y-%m") if (p.as_of or p.published) else "undated" for p in points}
    return Series(series.kind, series.who, series.where, series.noun, points,
                  [d for d in series.disagreements if id(d.a) in kept and id(d.b) in kept],
                  [e for e in series.estimates if e.month in months])


def _sparkline(series: Series, marked: set[int]) -> str:
    dated = [p for p in series.points if p.as_of and p.point is not None]
    if len(dated) < 2:
        return ""
    w, h, pad = 260, 70, 8
    d0, d1 = min(p.as_of for p in dated), max(p.as_of for p in dated)
    vmax = max(p.high if p.qualifier == "range" and p.high is not None else p.point for p in dated) or 1
    days = max((d1 - d0).days, 1)

    def xy(day: date, v: float) -> tuple[float, float]:
        return pad + (day - d0).days / days * (w - 2 * pad), h - pad - v / vmax * (h - 2 * pad)

    out = [f'<svg class="spark" viewBox="0 0 {w} {h}"><line x1="{pad}" x2="{w - pad}" y1="{h - pad}" '
           f'y2="{h - pad}" class="base"/>']
    for p in dated:
        x, y = xy(p.as_of, p.point)
        if p.qualifier == "range" and p.low is not None and p.high is not None:
            _, y1 = xy(p.as_of, p.low)
            _, y2 = xy(p.as_of, p.high)
            out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y1:.1f}" y2="{y2:.1f}" class="range"/>')
        cls = "pt bad" if id(p) in marked else "pt"
        out.append(f'<circle class="{cls}" cx="{x:.1f}" cy="{y:.1f}" r="4"><title>{esc(p.as_of)}: '
                   f'{esc(value_text(p, series.kind))} ({esc(p.outlet)})</title></circle>')
    out.append(f'<text class="axis" x="{pad}" y="{h}">{d0:%d %b %y}</text>'
               f'<text class="axis" x="{w - pad}" y="{h}" text-anchor="end">{d1:%d %b %y}</text></svg>')
    return "".join(out)


def _heading(series: Series) -> str:
    label = esc(KIND_LABELS.get(series.kind, series.noun or series.kind))
    who = f': {esc(series.who)}' if series.who else ""
    where = f' <span class="muted">in</span> {esc(series.where)}' if series.where else ""
    return f"{label}{who}{where}"


def _estimates(series: Series) -> str:
    parts = [f'{esc(e.month)}: low {_number(e.low)} · best {_number(e.best)} · high {_number(e.high)} '
             f'<span class="muted">({e.sources} sources)</span>' for e in series.estimates if e.sources > 1]
    return f'<div class="muted small">{"<br>".join(parts)}</div>' if parts else ""


def _card(series: Series) -> str:
    marked = {id(p) for d in series.disagreements for p in (d.a, d.b)}
    flag = (f'<span class="flag">sources disagree ({len(series.disagreements)} pairs)</span>'
            if series.disagreements else '<span class="ok">sources agree</span>')
    rows = []
    for p in series.points:
        speaker = f" — {esc(p.speaker)}" if p.speaker else ""
        rows.append(f'<tr class="{"bad" if id(p) in marked else ""}"><td class="nowrap">{esc(p.as_of or p.published)}'
                    f'</td><td class="num value">{esc(value_text(p, series.kind))}</td><td>{esc(p.outlet)}{speaker}'
                    f'<div class="quote">{esc(clip(p.evidence, 170))}</div></td></tr>')
    return (f'<div class="card"><div class="card-head"><h4>{_heading(series)}</h4>{flag}</div>'
            f'{_sparkline(series, marked)}{_estimates(series)}<table class="mini">{"".join(rows)}</table></div>')


def figures_section(con: duckdb.DuckDBPyConnection, since: date | None, until: date | None) -> str:
    """Cards for the series with the most independent sources (kind 'other' and subject-less ones left out)."""
    chosen = []
    for series in figure_series(con.cursor()):
        if series.kind == "other" or not (series.who or series.where):
            continue  # figures without a subject (whose? where?) are not one series
        scoped = _scoped(series, since, until)
        if scoped is not None:
            chosen.append(scoped)
    chosen.sort(key=lambda s: (-len({p.canonical_id for p in s.points}), -len(s.points), s.subject))
    if not chosen:
        return '<p class="empty">No figure is reported more than once.</p>'
    return f'<div class="cards">{"".join(_card(s) for s in chosen[:SHOWN])}</div>'
