"""Write hand-made articles, events and figures straight into a store (no NLP) for corpus tests."""

from __future__ import annotations

from datetime import date
from typing import Any


def article(con: Any, aid: str, outlet: str, published: date, text: str, canonical: str | None = None) -> None:
    con.execute("INSERT INTO articles (id, outlet, title, published, date_status, text, content_hash) "
                "VALUES (?, ?, ?, ?, 'ok', ?, ?)", [aid, outlet, aid, published, text, aid])
    if canonical:
        con.execute("INSERT INTO article_duplicates VALUES (?, ?, 'near', 0.9, now())", [aid, canonical])


def event(con: Any, aid: str, start: int, type_: str, day: date, *, place: str | None = None,
          geonameid: int | None = None, lat: float | None = None, lon: float | None = None,
          sources: tuple[str, ...] = (), targets: tuple[str, ...] = (), factuality: str = "happened",
          end: int = 200) -> None:
    con.execute(
        "INSERT INTO events (article_id, start, \"end\", text, type, factuality, date, geonameid, place, country, "
        "lat, lon, geo_precision, source_actors, target_actors, sentence_start, sentence_end) "
        "VALUES (?, ?, ?, 'x', ?, ?, ?, ?, ?, 'IQ', ?, ?, ?, ?, ?, 0, ?)",
        [aid, start, start + 5, type_, factuality, day, geonameid, place, lat, lon,
         "exact" if lat is not None else None, list(sources), list(targets), end])


def figure(con: Any, aid: str, start: int, kind: str, qualifier: str, value: float | None, as_of: date, *,
           low: float | None = None, high: float | None = None, country: str | None = "USA",
           place: str | None = "Iraq", speaker: str | None = None) -> None:
    con.execute(
        "INSERT INTO figures (article_id, start, \"end\", text, kind, qualifier, value, low, high, actor_country, "
        "place, as_of, speaker, sentence_start, sentence_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 40)",
        [aid, start, start + 5, f"{qualifier} {value}", kind, qualifier, value, low, high, country, place, as_of,
         speaker])
