"""What every per-article stage shares: the Analysis record it fills and the Stage protocol.

A stage is a small component, spaCy-style: `setup(config)` once per process (load models,
gazetteers), then `process(batch)` over lists of Analyses, reading what earlier stages wrote
(`requires`) and adding its own findings (`assigns`). Every finding carries character offsets
into the article text, a confidence, and the versioned name of the stage that made it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, Protocol

from ..config import Config
from .time import TimeExpr


@dataclass(slots=True)
class Entity:
    """A named-entity span as the NLP model labelled it (PERSON, ORG, GPE, LOC, NORP, FAC, ...)."""

    start: int
    end: int
    text: str
    label: str
    sentence: int = 0
    confidence: float = 0.7
    component: str = ""


@dataclass(slots=True)
class ActorMention:
    """A span that refers to an actor, resolved to a canonical identity with its sector."""

    start: int
    end: int
    text: str
    actor_id: str
    name: str
    code: str = ""
    country: str | None = None
    sector: str | None = None
    kind: str = ""
    how: str = ""
    confidence: float = 0.5
    component: str = ""


@dataclass(slots=True)
class PlaceMention:
    """A toponym resolved to a GeoNames place (id, names, country, admin1, coordinates, class)."""

    start: int
    end: int
    text: str
    geonameid: int | None
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    population: int | None = None
    how: str = ""
    confidence: float = 0.5
    component: str = ""


@dataclass(slots=True)
class Analysis:
    """One article under analysis: its text and date, the parse, and every stage's findings."""

    article_id: str
    text: str
    published: date | None = None
    title: str | None = None
    doc: Any = None  # the spaCy Doc: shared by stages in a process, never stored
    entities: list[Entity] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quotes: list[Any] = field(default_factory=list)  # analyze.quotes.Quote
    events: list[Any] = field(default_factory=list)  # analyze.events.Event
    figures: list[Any] = field(default_factory=list)  # analyze.figures.Figure
    components: dict[str, str] = field(default_factory=dict)


class Stage(Protocol):
    """A per-article component; see the module docstring."""

    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    assigns: ClassVar[tuple[str, ...]]

    def setup(self, config: Config) -> None: ...

    def process(self, batch: list[Analysis]) -> list[Analysis]: ...
