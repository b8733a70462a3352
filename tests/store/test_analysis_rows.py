"""Store rows of analyses: the copy-free dataclass conversion gives what dataclasses.asdict gives."""

from __future__ import annotations

import dataclasses
from collections import namedtuple
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dateline.analyze.base import ActorMention, PlaceMention
from dateline.analyze.time import TimeExpr
from dateline.store.analyses import _plain

Pair = namedtuple("Pair", "a b")


@dataclass(slots=True)
class Inner:
    name: str
    when: date | None = None


@dataclass(slots=True)
class Outer:
    inner: Inner
    inners: list[Inner] = field(default_factory=list)
    spans: list[tuple[str, int, int]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    pair: Any = None
    maybe: Inner | None = None


def test_plain_equals_asdict_on_nested_records():
    item = Outer(Inner("a", date(2017, 3, 1)), [Inner("b"), Inner("c", date(2016, 1, 2))],
                 [("source", 3, 9)], {"k": [Inner("d")], "n": 1.5}, Pair(Inner("e"), (1, 2)))
    assert _plain(item) == dataclasses.asdict(item)
    assert type(_plain(item)["pair"]) is Pair


def test_plain_equals_asdict_on_the_stage_records():
    records = [ActorMention(0, 4, "Iraq", "country:IRQ", "Iraq", "IRQ", "IRQ", None, "country", "kb", 0.9, "x"),
               PlaceMention(5, 10, "Mosul", 99434, "Mosul", "IQ", "07", 36.3, 43.1, "P", "PPLA", 1_000_000),
               TimeExpr(11, 17, "Monday", "DATE", "2017-03-06", date(2017, 3, 6), date(2017, 3, 6), True)]
    for record in records:
        assert _plain(record) == dataclasses.asdict(record)
