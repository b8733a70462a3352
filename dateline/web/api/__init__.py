"""The JSON/CSV API, one router per record type. A new record type adds a module here and an
entry in ROUTERS (and its queries in dateline/web/queries/)."""

from __future__ import annotations

from fastapi import APIRouter

from . import actors, articles, events, figures, places, search, stats, stories

ROUTERS: tuple[APIRouter, ...] = (articles.router, actors.router, places.router, search.router, stats.router,
                                   events.router, figures.router, stories.router)
