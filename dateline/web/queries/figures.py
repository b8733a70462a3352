"""Reported figures (casualties, displaced, ...) for the web: filtered pages with their sentence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from ...store.sql import ILIKE, Where
from . import dicts, existing_tables, like, scalar

COLUMNS = ("f.article_id, f.start, f.\"end\", f.text, f.kind, f.qualifier, f.value, f.low, f.high, f.unit, "
           "f.noun, f.phrase, f.actor, f.actor_country, f.place, f.place_id, f.place_admin1, "
           "coalesce(f.as_of, a.published) AS as_of, f.speaker, f.speaker_actor, f.sentence_start, "
           "f.sentence_end, f.confidence, a.published, a.outlet, a.title, a.url, "
           "substr(a.text, f.sentence_start + 1, f.sentence_end - f.sentence_start) AS sentence")
CSV_COLUMNS = ["article_id", "start", "end", "text", "kind", "qualifier", "value", "low", "high", "unit",
               "noun", "actor", "actor_country", "place", "place_id", "as_of", "speaker", "confidence",
               "published", "outlet", "title", "url", "sentence"]
ORDER = "ORDER BY as_of DESC NULLS LAST, article_id, start, \"end\""


@dataclass(frozen=True, slots=True)
class FigureFilter:
    kind: str | None = None
    actor: str | None = None
    place: str | None = None
    since: date | None = None
    until: date | None = None
    article: str | None = None


def _where(flt: FigureFilter) -> Where:
    w = Where().add("f.kind = ?", flt.kind).add("f.article_id = ?", flt.article)
    if flt.actor:
        w.add(f"(f.actor {ILIKE} OR f.actor_country = ? OR f.speaker_actor = ?)", like(flt.actor), flt.actor, flt.actor)
    if flt.place:
        if flt.place.isdigit():
            w.add("f.place_id = ?", int(flt.place))
        else:
            w.add(f"f.place {ILIKE}", like(flt.place))
    # analysis gives a figure its article's publication date when the text gives none
    # (date_from_publication): the figure's own as_of is its date, no join to articles needed
    return w.add("f.as_of >= ?", flt.since).add("f.as_of <= ?", flt.until)


def page(con: duckdb.DuckDBPyConnection, flt: FigureFilter, *, limit: int,
         offset: int) -> tuple[list[dict[str, Any]], int]:
    """A page of figures, latest first (ties by article and offset), and how many match.

    The page is chosen on `figures` alone; only its rows are joined to their articles."""
    if "figures" not in existing_tables(con):
        return [], 0
    where, params = _where(flt).pair()
    keys = f"SELECT f.rowid AS rid, f.as_of, f.article_id, f.start, f.\"end\" FROM figures f{where}"
    total = int(scalar(con.execute(f"SELECT count(*) FROM ({keys})", params)) or 0)
    if offset >= total:
        return [], total
    ids = [r[0] for r in con.execute(f"SELECT rid FROM ({keys}) {ORDER} LIMIT ? OFFSET ?",
                                     [*params, limit, offset]).fetchall()]
    marks = ", ".join("?" * len(ids))
    rows = dicts(con.execute(f"SELECT {COLUMNS} FROM (SELECT * FROM figures WHERE rowid IN ({marks})) f "
                             f"JOIN articles a ON a.id = f.article_id {ORDER}", ids))
    return rows, total


def kinds(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    if "figures" not in existing_tables(con):
        return []
    return dicts(con.execute("SELECT kind, count(*) AS figures FROM figures WHERE kind IS NOT NULL "
                             "GROUP BY kind ORDER BY figures DESC, kind"))
