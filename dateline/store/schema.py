"""The store's schema as numbered migrations; a database records which ones it has applied.

Add a migration by appending to MIGRATIONS (never edit an applied one). SCHEMA_VERSION is the last.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: its number, what it does, and the SQL statements that do it."""

    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, ingest runs and their rejections", (
        """CREATE TABLE articles (
            id VARCHAR PRIMARY KEY,
            url VARCHAR,
            outlet VARCHAR,
            title VARCHAR,
            published DATE,
            published_at TIMESTAMPTZ,
            date_status VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            lang VARCHAR,
            author VARCHAR,
            retrieved_at TIMESTAMPTZ,
            content_hash VARCHAR NOT NULL,
            origin_path VARCHAR,
            origin_line INTEGER,
            origin_record INTEGER,
            origin_format VARCHAR,
            extra JSON,
            warnings VARCHAR[],
            run_id INTEGER,
            ingested_at TIMESTAMPTZ,
            updated_at TIMESTAMPTZ
        )""",
        "CREATE SEQUENCE ingest_run_ids START 1",
        """CREATE TABLE ingest_runs (
            id INTEGER PRIMARY KEY,
            started_at TIMESTAMPTZ NOT NULL,
            finished_at TIMESTAMPTZ,
            status VARCHAR NOT NULL,
            inputs VARCHAR[],
            read_count BIGINT DEFAULT 0,
            new_count BIGINT DEFAULT 0,
            updated_count BIGINT DEFAULT 0,
            unchanged_count BIGINT DEFAULT 0,
            rejected_count BIGINT DEFAULT 0,
            warning_count BIGINT DEFAULT 0,
            dateline_version VARCHAR
        )""",
        """CREATE TABLE ingest_rejections (
            run_id INTEGER NOT NULL,
            origin VARCHAR NOT NULL,
            code VARCHAR NOT NULL,
            problem VARCHAR NOT NULL
        )""",
    )),
)
MIGRATIONS += (
    Migration(2, "per-article analyses: entities, actors, places, times, quotes, figures, events", (
        """CREATE TABLE analyses (
            article_id VARCHAR PRIMARY KEY,
            pipeline_version VARCHAR NOT NULL,
            components JSON,
            analyzed_at TIMESTAMPTZ NOT NULL
        )""",
        """CREATE TABLE entities (
            article_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text VARCHAR, label VARCHAR, sentence INTEGER, confidence DOUBLE, component VARCHAR
        )""",
        """CREATE TABLE actor_mentions (
            article_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text VARCHAR, actor_id VARCHAR, name VARCHAR, code VARCHAR, country VARCHAR,
            sector VARCHAR, kind VARCHAR, how VARCHAR, confidence DOUBLE, component VARCHAR
        )""",
        """CREATE TABLE place_mentions (
            article_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text VARCHAR, geonameid BIGINT, name VARCHAR, country VARCHAR, admin1 VARCHAR,
            lat DOUBLE, lon DOUBLE, feature_class VARCHAR, feature_code VARCHAR, population BIGINT,
            how VARCHAR, confidence DOUBLE, component VARCHAR
        )""",
        """CREATE TABLE time_mentions (
            article_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text VARCHAR, type VARCHAR, value VARCHAR, interval_start DATE, interval_end DATE,
            anchored BOOLEAN, mod VARCHAR, confidence DOUBLE, component VARCHAR
        )""",
        """CREATE TABLE quotes (
            article_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text VARCHAR, speaker VARCHAR, speaker_start INTEGER, speaker_end INTEGER, actor_id VARCHAR,
            country VARCHAR, cue VARCHAR, direct BOOLEAN, how VARCHAR, confidence DOUBLE, component VARCHAR
        )""",
        """CREATE TABLE figures (
            article_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text VARCHAR, kind VARCHAR, qualifier VARCHAR, value DOUBLE, low DOUBLE, high DOUBLE,
            unit VARCHAR, noun VARCHAR, phrase VARCHAR, actor VARCHAR, actor_country VARCHAR,
            place VARCHAR, place_id BIGINT, place_admin1 VARCHAR, as_of DATE,
            date_from_publication BOOLEAN, speaker VARCHAR, speaker_actor VARCHAR,
            sentence_start INTEGER, sentence_end INTEGER, how VARCHAR, confidence DOUBLE,
            component VARCHAR, data JSON
        )""",
        """CREATE TABLE events (
            article_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text VARCHAR, type VARCHAR, mode VARCHAR, factuality VARCHAR, claimant VARCHAR,
            date DATE, date_end DATE, date_precision VARCHAR, date_from_publication BOOLEAN,
            geonameid BIGINT, place VARCHAR, country VARCHAR, admin1 VARCHAR, lat DOUBLE, lon DOUBLE,
            geo_precision VARCHAR, source_actors VARCHAR[], target_actors VARCHAR[],
            sentence_start INTEGER, sentence_end INTEGER, confidence DOUBLE, coded_by VARCHAR,
            component VARCHAR, data JSON
        )""",
    )),
)
SCHEMA_VERSION = MIGRATIONS[-1].version

# Analysis tables and the Analysis attribute each one stores (article_id is added to every row).
MENTION_TABLES: dict[str, str] = {
    "entities": "entities", "actor_mentions": "actors", "place_mentions": "places", "time_mentions": "times",
    "quotes": "quotes", "figures": "figures", "events": "events",
}

# Arrow schema of an articles batch, declared once: used to bulk-load the store and for Parquet.
ARTICLE_ARROW = pa.schema([
    ("id", pa.string()),
    ("url", pa.string()),
    ("outlet", pa.string()),
    ("title", pa.string()),
    ("published", pa.date32()),
    ("published_at", pa.timestamp("us", tz="UTC")),
    ("date_status", pa.string()),
    ("text", pa.string()),
    ("lang", pa.string()),
    ("author", pa.string()),
    ("retrieved_at", pa.timestamp("us", tz="UTC")),
    ("content_hash", pa.string()),
    ("origin_path", pa.string()),
    ("origin_line", pa.int32()),
    ("origin_record", pa.int32()),
    ("origin_format", pa.string()),
    ("extra", pa.string()),
    ("warnings", pa.list_(pa.string())),
])
ARTICLE_COLUMNS = tuple(ARTICLE_ARROW.names)
MIGRATIONS += (
    Migration(3, "corpus: duplicate marks, MinHash sketches and LSH band keys, stories", (
        """CREATE TABLE article_sketches (
            article_id VARCHAR PRIMARY KEY, published DATE, exact_key VARCHAR NOT NULL,
            signature BLOB NOT NULL, content_hash VARCHAR, params VARCHAR, sketched_at TIMESTAMPTZ
        )""",
        "CREATE TABLE minhash_bands (band_key BIGINT NOT NULL, article_id VARCHAR NOT NULL)",
        """CREATE TABLE article_duplicates (
            article_id VARCHAR PRIMARY KEY, canonical_id VARCHAR NOT NULL, kind VARCHAR NOT NULL,
            similarity DOUBLE, decided_at TIMESTAMPTZ
        )""",
        """CREATE TABLE stories (
            story_id VARCHAR PRIMARY KEY, title VARCHAR, first_date DATE, last_date DATE,
            articles INTEGER, texts INTEGER, outlets INTEGER, updated_at TIMESTAMPTZ
        )""",
        """CREATE TABLE story_articles (
            article_id VARCHAR PRIMARY KEY, story_id VARCHAR NOT NULL, canonical_id VARCHAR NOT NULL,
            score DOUBLE, opened BOOLEAN, joined_at TIMESTAMPTZ
        )""",
        "CREATE TABLE corpus_state (name VARCHAR PRIMARY KEY, state BLOB, updated_at TIMESTAMPTZ)",
    )),
)
SCHEMA_VERSION = MIGRATIONS[-1].version
MIGRATIONS += (
    Migration(4, "corpus: merged events (one happening, many reports), their sources and merge decisions", (
        """CREATE TABLE merged_events (
            merged_id VARCHAR PRIMARY KEY, type VARCHAR NOT NULL, factuality VARCHAR, date DATE, date_end DATE,
            first_reported DATE, first_article VARCHAR, geonameid BIGINT, place VARCHAR, country VARCHAR,
            admin1 VARCHAR, lat DOUBLE, lon DOUBLE, source_actors VARCHAR[], target_actors VARCHAR[],
            reports INTEGER, articles INTEGER, outlets INTEGER, independent_outlets INTEGER,
            summary VARCHAR, updated_at TIMESTAMPTZ
        )""",
        """CREATE TABLE merged_event_sources (
            event_key VARCHAR PRIMARY KEY, merged_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL,
            start INTEGER, "end" INTEGER, type VARCHAR, outlet VARCHAR, published DATE, event_date DATE,
            sentence_start INTEGER, sentence_end INTEGER, joined_at TIMESTAMPTZ
        )""",
        """CREATE TABLE merge_decisions (
            event_key VARCHAR NOT NULL, merged_id VARCHAR NOT NULL, matched_key VARCHAR, rule VARCHAR NOT NULL,
            score DOUBLE, details JSON, decided_at TIMESTAMPTZ
        )""",
    )),
)
SCHEMA_VERSION = MIGRATIONS[-1].version
MIGRATIONS += (
    Migration(5, "figures linked to the events they quantify; an event's fatalities from its killed figures", (
        "ALTER TABLE events ADD COLUMN fatalities INTEGER",
        "ALTER TABLE figures ADD COLUMN event_start INTEGER",
        "ALTER TABLE figures ADD COLUMN event_type VARCHAR",
        "ALTER TABLE figures ADD COLUMN status VARCHAR",
    )),
)
SCHEMA_VERSION = MIGRATIONS[-1].version
