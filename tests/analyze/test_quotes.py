"""Quotes and attribution on sentences we wrote."""

from __future__ import annotations

from typing import Any

import pytest

from dateline.analyze.base import Analysis
from dateline.analyze.quotes import Quote


@pytest.fixture(scope="module")
def run() -> Any:
    from dateline.analyze import quotes  # noqa: F401
    from dateline.analyze.pipeline import Pipeline
    from dateline.config import load_config

    pipeline = Pipeline(load_config(None, {"analyze.stages": "nlp,quotes"}))
    return lambda text: pipeline.process([Analysis("t", text)])[0].quotes


def _one(quotes: list[Quote]) -> Quote:
    assert len(quotes) == 1, quotes
    return quotes[0]


def test_direct_quote_with_trailing_cue(run: Any) -> None:
    q = _one(run("“We will not retreat,” said General John Smith."))
    assert (q.text, q.speaker, q.cue, q.direct) == ("We will not retreat", "General John Smith", "say", True)


def test_indirect_that_clause(run: Any) -> None:
    text = "The ministry said that 40 people were killed in the attack."
    q = _one(run(text))
    assert (q.text, q.speaker, q.cue, q.direct) == ("40 people were killed in the attack", "The ministry", "say", False)
    assert text[q.speaker_start:q.speaker_end] == "The ministry"  # type: ignore[misc]


def test_parenthetical_cue(run: Any) -> None:
    q = _one(run("The attack, police said, killed four people."))
    assert (q.speaker, q.cue, q.how) == ("police", "say", "indirect:parenthetical-cue")
    assert q.covers(q.start, q.end) and "killed four people" in q.text


def test_according_to(run: Any) -> None:
    q = _one(run("According to the UN, more than 7,000 troops were deployed."))
    assert (q.speaker, q.cue, q.direct) == ("the UN", "according to", False)


def test_told_and_estimated(run: Any) -> None:
    quotes = run("Officials told reporters that 12 soldiers died. The monitor estimated that 300 civilians had fled.")
    assert [(q.speaker, q.cue, q.text) for q in quotes] == [
        ("Officials", "tell", "12 soldiers died"), ("The monitor", "estimate", "300 civilians had fled")]


def test_no_quote_in_plain_sentence(run: Any) -> None:
    assert run("Troops crossed the river at dawn.") == []
