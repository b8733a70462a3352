"""One happening, many reports: event reports from different articles become one merged event.

A new report (a row of ``events``) joins the best-scoring existing merged event that holds a
*compatible* report from another article; otherwise it opens a merged event of its own. Two reports
are compatible when all of these hold (each setting has a fallback while config.py lacks it):

* same PLOVER type;
* factuality in the same group: {happened, claimed} | {planned} | {hypothetical} | {negated};
* dates within ``merge.window_days`` (3) of each other (the publication date stands in for a missing one);
* actors do not conflict: for sources and for targets separately, one side is empty or they share an
  actor id or a country (ISO3 of the actor, from ``actor_mentions``); pronoun actors are ignored;
* places do not conflict: two precise places (geo_precision ``exact``) within ``merge.radius_km`` (50),
  else (a province-level place on either side) the same admin1, else the same country; a missing place
  is no conflict;
* and there is positive evidence that they are one happening, at least one of: both articles are the
  same text (wire copies: same canonical article), a shared actor, a matching place (radius or admin1),
  or sentence word overlap (Jaccard) >= ``merge.min_overlap`` (0.5); being in the same story only adds
  to the score (a story holds many happenings of one type).

Score = 0.25 actor + 0.25 place + 0.2 date closeness + 0.2 sentence overlap + 0.3 same text + 0.1 same story;
the decision (report, merged event, matched report, rule = the evidence names, score, details) is
stored in ``merge_decisions``. Reports never join a merged event through a report of their own article.
Merged events count their articles, outlets, and independent outlets: the outlets of the canonical
articles (so copies of one wire story count once).
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any

import duckdb

from ..dedup import setting
from ..store import merged as db

__all__ = ["MergeParams", "MergeReport", "compare", "merge_events"]
FACT_GROUPS = {"happened": "actual", "claimed": "actual", "reported": "actual"}
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class MergeParams:
    """Merge knobs: date window, place radius, minimum sentence overlap as sole evidence."""

    window_days: int = 3
    radius_km: float = 50.0
    min_overlap: float = 0.5

    @classmethod
    def from_config(cls, config: Any | None) -> MergeParams:
        base = cls()
        return cls(setting(config, "merge.window_days", base.window_days),
                   setting(config, "merge.radius_km", base.radius_km),
                   setting(config, "merge.min_overlap", base.min_overlap))


@dataclass(slots=True)
class MergeReport:
    """What one merge pass did."""

    reports: int = 0
    opened: int = 0
    joined: int = 0
    merged_events: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _km(a: dict[str, Any], b: dict[str, Any]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _actor_keys(ids: list[str] | None, countries: dict[str, str]) -> set[str]:
    keys: set[str] = set()
    for actor in ids or []:
        if actor.startswith("new:pronoun:"):
            continue
        keys.add(actor)
        if actor.startswith("country:"):
            keys.add("iso3:" + actor.split(":", 1)[1])
        if countries.get(actor):
            keys.add("iso3:" + countries[actor])
    return keys


def _actors(a: dict[str, Any], b: dict[str, Any], countries: dict[str, str]) -> tuple[bool, bool]:
    """(conflict, shared) over source and target actors."""
    shared = False
    for side in ("source_actors", "target_actors"):
        ka, kb = _actor_keys(a[side], countries), _actor_keys(b[side], countries)
        if ka and kb:
            if not ka & kb:
                return True, False
            shared = True
    return False, shared


def _place(a: dict[str, Any], b: dict[str, Any], radius: float) -> tuple[bool, bool, str]:
    """(conflict, match, how)."""
    if a["geonameid"] is None or b["geonameid"] is None:
        return False, False, "no place"
    if a["geonameid"] == b["geonameid"]:
        return False, True, "same place"
    precise = a["geo_precision"] == "exact" and b["geo_precision"] == "exact"
    if precise and None not in (a["lat"], a["lon"], b["lat"], b["lon"]):
        km = _km(a, b)
        return (km > radius, km <= radius, f"{km:.0f} km")
    if a["country"] and b["country"] and a["country"] != b["country"]:
        return True, False, "different countries"
    if a["geo_precision"] == "country" or b["geo_precision"] == "country":
        return False, False, "country only"
    if a["admin1"] and b["admin1"]:
        same = a["admin1"] == b["admin1"]
        return not same, same, "same admin1" if same else "different admin1"
    return False, False, "imprecise"


def _words(text: str | None) -> set[str]:
    return set(_WORD.findall((text or "").lower()))


def compare(a: dict[str, Any], b: dict[str, Any], params: MergeParams,
            countries: dict[str, str] | None = None) -> tuple[float, str, dict[str, Any]] | None:
    """Score two reports as one happening: (score, rule, details), or None when incompatible."""
    countries = countries or {}
    if a["type"] != b["type"] or a["article_id"] == b["article_id"]:
        return None
    if FACT_GROUPS.get(a["factuality"], a["factuality"]) != FACT_GROUPS.get(b["factuality"], b["factuality"]):
        return None
    if a["date"] is None or b["date"] is None:
        return None
    days = abs((a["date"] - b["date"]).days)
    if days > params.window_days:
        return None
    conflict, shared = _actors(a, b, countries)
    if conflict:
        return None
    place_conflict, place_match, place_how = _place(a, b, params.radius_km)
    if place_conflict:
        return None
    wa, wb = _words(a.get("sentence")), _words(b.get("sentence"))
    overlap = len(wa & wb) / len(wa | wb) if wa | wb else 0.0
    same_text = a.get("canonical_id") is not None and a.get("canonical_id") == b.get("canonical_id")
    same_story = a.get("story_id") is not None and a.get("story_id") == b.get("story_id")
    evidence = [name for name, ok in (("same-text", same_text), ("shared-actor", shared), ("place", place_match),
                                      ("sentence-overlap", overlap >= params.min_overlap)) if ok]
    if not evidence:
        return None
    if same_story:
        evidence.append("same-story")
    score = (0.25 * shared + 0.25 * place_match + 0.2 * (1 - days / (params.window_days + 1)) + 0.2 * overlap
             + 0.3 * same_text + 0.1 * same_story)
    rule = f"{a['type']}+" + "+".join(evidence)
    return round(score, 4), rule, {"days": days, "place": place_how, "overlap": round(overlap, 3),
                                   "shared_actor": shared}


def _merged_id(event_key: str) -> str:
    return "m" + hashlib.sha1(event_key.encode()).hexdigest()[:15]


def _countries(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("SELECT actor_id, any_value(country) FROM actor_mentions WHERE actor_id IS NOT NULL "
                            "AND country IS NOT NULL GROUP BY actor_id").fetchall())


def merge_events(con: duckdb.DuckDBPyConnection, config: Any | None = None) -> MergeReport:
    """File every event report not yet merged (incremental: stored merged events are joined, never rebuilt).

    Reports whose event is gone (re-analysed articles) leave their merged events first.

    Run it inside the caller's transaction (or on a plain connection)."""
    params = MergeParams.from_config(config)
    report = MergeReport()
    stale = db.prune_stale(con)  # reports re-analysed away since the last run
    pending = db.pending_reports(con)
    if not pending:
        db.refresh_merged(con, stale)
        report.merged_events = stale
        return report
    dated = [r["date"] for r in pending if r["date"] is not None]
    window = timedelta(days=params.window_days)
    filed: list[dict[str, Any]] = db.reports_near(con, [r["type"] for r in pending],
                                                  min(dated) - window, max(dated) + window) if dated else []
    countries = _countries(con)
    by_type: dict[str, list[dict[str, Any]]] = {}
    for r in filed:
        by_type.setdefault(r["type"], []).append(r)
    sources, decisions, touched = [], [], set()
    for rep in pending:
        best: tuple[float, str, dict[str, Any], dict[str, Any]] | None = None
        blocked: dict[str, set[str]] = {}
        for other in by_type.get(rep["type"], []):
            blocked.setdefault(other["merged_id"], set()).add(other["article_id"])
        for other in by_type.get(rep["type"], []):
            if rep["article_id"] in blocked[other["merged_id"]]:
                continue
            found = compare(rep, other, params, countries)
            if found and (best is None or found[0] > best[0]):
                best = (found[0], found[1], found[2], other)
        if best is None:
            rep["merged_id"] = _merged_id(rep["event_key"])
            decisions.append((rep["event_key"], rep["merged_id"], None, "new", 0.0, {}))
            report.opened += 1
        else:
            rep["merged_id"] = best[3]["merged_id"]
            decisions.append((rep["event_key"], rep["merged_id"], best[3]["event_key"], best[1], best[0], best[2]))
            report.joined += 1
        by_type.setdefault(rep["type"], []).append(rep)
        sources.append(rep)
        touched.add(rep["merged_id"])
    db.write_sources(con, sources)
    db.write_decisions(con, decisions)
    db.refresh_merged(con, sorted(touched | set(stale)))
    report.reports = len(pending)
    report.merged_events = sorted(touched | set(stale))
    return report
